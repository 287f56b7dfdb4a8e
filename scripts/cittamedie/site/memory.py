"""Letting go of what a build no longer needs: MkDocs keeps every page's Markdown and HTML until the
end of the run (the other language's build included), though after rendering only the HTML, and
after writing only the title, is read again (menus, footers). With thousands of pages this is most
of the build's memory."""

from __future__ import annotations

import ctypes

from mkdocs.structure.pages import Page

from .context import BuildContext

TRIM_EVERY = (
    16  # pages between two malloc_trim: a 1,000-case build peaks ~20 MB lower, for ~1 ms each
)


def release(ctx: BuildContext, page: Page, written: bool = False) -> None:
    """Let go of a page's Markdown once rendered, and of its HTML once written."""
    page.title = page.title  # MkDocs computes it from the Markdown: keep the value
    page.markdown = None
    if not written:
        return
    page.content = None
    ctx.pages_released += 1
    if ctx.pages_released % TRIM_EVERY == 0:
        trim_memory()


def trim_memory() -> None:
    """Hand what Python has freed back to the system (glibc keeps it otherwise: the run's peak would
    hold every page's garbage as well as its text); nothing to do elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    if hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
