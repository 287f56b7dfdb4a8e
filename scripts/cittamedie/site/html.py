"""Escaping for text the build writes outside a template: into Material's front matter and menu
titles, which its templates print as they are (esc), and into the Markdown of the pages it writes
(md_esc). Everything else is escaped by the templates' autoescape (templates.py)."""

from __future__ import annotations

import html

from ..markup.furniture import without_invisible

_MARKDOWN_SIGNS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|"})
# Signs Python-Markdown has no backslash escape for (it would print `\:`): character references.
_REFERENCES = str.maketrans({":": "&#58;", "~": "&#126;"})


def esc(value) -> str:
    """Plain text for Material's templates: escaped, less invisible characters (the validator
    refuses them in plain-text fields; with validation off they are not published either)."""
    return html.escape(without_invisible(str(value)), quote=True)


def md_esc(value) -> str:
    """Text for a Markdown context (a heading, a list item): HTML-escaped, and every sign Markdown
    reads backslash-escaped, so a title like `[x](javascript:…)` or `*x*` stays those characters."""
    return esc(str(value).translate(_MARKDOWN_SIGNS)).translate(_REFERENCES)
