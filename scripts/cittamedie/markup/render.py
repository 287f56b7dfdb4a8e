"""A page's Markdown → HTML with the site's settings, and what the sanitiser would remove from it.

The validator renders with the Markdown configuration of mkdocs.yml, so it reports what the build
would refuse. Shapes that would hang or crash Python-Markdown are refused before anything renders
them (shapes.py, pagecounts.py), by counting, so the verdict is the same on every machine; the long
time budget here is only a safety net. Which pages need rendering at all is decided by a few needles
(could_hold_markup).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

import markdown

from ..content.config import Config
from ..content.messages import say
from ..content.problems import Problem
from . import furniture, policy, sanitize
from .plaintext import markup_in
from .shapes import shape_problems
from .tables import MAX_TABLE_SLOTS, table_problems, table_slots

# Seconds: a safety net only, never reached by a page within the counted limits (1 s at most).
TIME_BUDGET = 30.0

_SAFE_TARGET = ("http://", "https://", "mailto:")
# Admonitions and details: Markdown makes their type a class.
_BLOCK_SIGNS = ("!!!", "???")


class RenderTimeout(Exception):
    """The page took longer than TIME_BUDGET to render: a shape the counted limits miss."""


def could_hold_markup(body: str, heading_ids: set[str]) -> bool:
    """Cheap needles: plain Markdown without these renders only tags and addresses the allowlist
    accepts, so the validator renders just the pages that have one of them. Braces are fine only
    as a heading's bare `{#id}`: anything else in braces is an attribute list."""
    markers = body.count(
        "<!-- cittamedie:"
    )  # our marker comments: replaced by the build, never HTML
    if any(furniture.reserved_id(anchor) for anchor in heading_ids) or furniture.could_say(body):
        return True
    bare_ids = sum(body.count("{#" + anchor + "}") for anchor in heading_ids)
    if body.count("<") > markers or "&" in body or body.count("{") > bare_ids:
        return True
    if any(sign in body for sign in _BLOCK_SIGNS) and _unusual_block_types(body):
        return True
    if "![" in body and _remote_images(body):
        return True
    for opener, closer in (("](", ")"), ("]:", "\n")):
        start = body.find(opener)
        while start != -1:
            end = body.find(closer, start, start + 2_000)  # bounded: no scan to the end per opener
            target = body[start + 2 : end if end != -1 else start + 2_000].strip()
            if not target and closer == "\n":
                return True  # a reference definition whose address is on the next line
            if ":" in target and not target.startswith(_SAFE_TARGET) or target.startswith("//"):
                return True
            start = body.find(opener, start + 2)
    return False


def _unusual_block_types(body: str) -> bool:
    """An admonition or details block whose type is not one of a page's classes."""
    for line in body.split("\n"):
        head = line.lstrip()
        if head.startswith(_BLOCK_SIGNS):
            words = head.split('"', 1)[0].split()[1:]
            if any(
                word != "+" and not policy.class_allowed("div", word, content=True)
                for word in words
            ):
                return True
    return False


def _remote_images(body: str) -> bool:
    """An image whose address has a scheme or a host, or comes from a reference definition."""
    start = body.find("![")
    while start != -1:
        close = body.find("]", start, start + 2_000)
        after = body[close + 1 : close + 2_002] if close != -1 else ""
        if after.startswith("["):
            return True
        if after.startswith("("):
            target = after[1:].lstrip(" <")
            if target.startswith("//") or ":" in target.split(")", 1)[0].split(" ", 1)[0]:
                return True
        start = body.find("![", start + 2)
    return False


class Renderer:
    """Python-Markdown with the extensions and settings of the site's mkdocs.yml."""

    def __init__(self, extensions: list, configs: dict) -> None:
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)

    @classmethod
    def from_config(cls, config: Config) -> Renderer:
        """The Markdown of the site's mkdocs.yml (content/config.py)."""
        return cls(*config.markdown_extensions())

    def html(self, body: str) -> str:
        self._markdown.reset()
        with _time_budget(TIME_BUDGET):
            return self._markdown.convert(body)

    def toc_labels(self) -> list[str]:
        """The menu labels (`data-toc-label`) of the page rendered last: Markdown takes them out
        of the headings, so the sanitiser never sees them in the page."""
        labels, stack = [], list(getattr(self._markdown, "toc_tokens", []))
        while stack:
            token = stack.pop()
            labels += [token["data-toc-label"]] if token.get("data-toc-label") else []
            stack += token.get("children", [])
        return labels


def published_html(renderer: Renderer, body: str) -> str:
    """Safe HTML of a body that was checked when it was committed (a chapter from git): refused
    shapes, a timeout or too deep a nesting give nothing, and what the sanitiser removes is not
    published."""
    if shape_problems("", body, 1):
        return ""
    try:
        html = renderer.html(body)
    except (RenderTimeout, RecursionError):
        return ""
    safe = sanitize.clean_content(html).html
    return "" if table_slots(safe) > MAX_TABLE_SLOTS else safe


def render_problems(renderer: Renderer, rel: str, body: str, body_line: int) -> list[Problem]:
    """What the build would refuse in this page: its time, its nesting, what the sanitiser removes,
    or the size of its tables."""
    try:
        html = renderer.html(body)
    except RenderTimeout:  # the safety net: a shape the counted limits do not know yet
        return [
            Problem(
                rel,
                body_line,
                "size",
                say(
                    "the page takes more than {seconds:g} s to render, though it is within the "
                    "size limits (a safety net: the limits miss a shape)",
                    seconds=TIME_BUDGET,
                ),
                say("split it into smaller pages, and tell the maintainers which page it was"),
            )
        ]
    except RecursionError:
        return [
            Problem(
                rel,
                body_line,
                "nesting",
                say("the page nests lists, quotes or HTML too deeply to render"),
                say("nest them at most 16 levels deep"),
            )
        ]
    cleaned = sanitize.clean_content(html)
    problems = removal_problems(rel, body, body_line, cleaned.removed)
    problems += finding_problems(rel, body, body_line, cleaned.findings)
    problems += table_problems(rel, body, body_line, cleaned.html)
    for label in renderer.toc_labels():
        what = markup_in(label)
        if what:
            at = body.find("data-toc-label")
            problems.append(
                Problem(
                    rel,
                    body_line + body.count("\n", 0, max(at, 0)),
                    "unsafe-html",
                    say(
                        "the menu label `{label}` of a heading contains {what}",
                        label=furniture.quoted(label),
                        what=what,
                    ),
                    say("write the label as plain text"),
                )
            )
    return problems


def removal_problems(
    rel: str, body: str, body_line: int, removed: list[sanitize.Removal]
) -> list[Problem]:
    """One problem per removed tag or attribute, on the first source line that mentions it."""
    lowered = body.lower()
    return [
        Problem(
            rel,
            _line_of(lowered, body_line, removal.needles),
            "unsafe-html",
            removal.describe(),
            removal.fix(),
        )
        for removal in removed
    ]


def finding_problems(
    rel: str, body: str, body_line: int, found: list[sanitize.Finding]
) -> list[Problem]:
    """One problem per thing the page's text may not say (furniture.findings), on its line."""
    lowered = body.lower()
    return [
        Problem(rel, _line_of(lowered, body_line, f.needles), "furniture", f.message, f.fix)
        for f in found
    ]


def _line_of(lowered: str, body_line: int, needles) -> int:
    """The first line of the body that holds one of the needles (the body's first if none)."""
    for needle in needles:
        at = lowered.find(needle.lower())
        if at != -1:
            return body_line + lowered.count("\n", 0, at)
    return body_line


@contextmanager
def _time_budget(seconds: float):
    """Interrupt the block after `seconds` (SIGALRM: only where the main thread runs it)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum, frame):
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
