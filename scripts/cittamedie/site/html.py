"""Escaping for the contexts the build writes text into: HTML (esc), Markdown (md_esc)."""

from __future__ import annotations

import html

_MARKDOWN_SIGNS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|"})
# Signs Python-Markdown has no backslash escape for (it would print `\:`): character references.
_REFERENCES = str.maketrans({":": "&#58;", "~": "&#126;"})


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def md_esc(value) -> str:
    """Text for a Markdown context (a heading, a list item): HTML-escaped, and every sign Markdown
    reads backslash-escaped, so a title like `[x](javascript:…)` or `*x*` stays those characters."""
    return esc(str(value).translate(_MARKDOWN_SIGNS)).translate(_REFERENCES)


def table_region(table: str, label: str) -> str:
    """A generated table in its own focusable, named scrolling region, as mdtables.py wraps
    Markdown tables: a wide table scrolls there, not the page (WCAG 1.4.10)."""
    return (
        f'<div class="cm-table" role="region" tabindex="0" aria-label="{esc(label)}">{table}</div>'
    )
