"""Interface strings (strings.yml) and small formatting helpers shared by the generators."""

from __future__ import annotations

import html
import posixpath
import re
from functools import cache
from importlib import resources

import yaml


@cache
def _strings() -> dict:
    return yaml.safe_load((resources.files(__package__) / "strings.yml").read_text("utf-8"))


def t(key: str, lang: str, **values) -> str:
    node = _strings()
    for part in key.split("."):
        node = node[part]
    return node[lang].format(**values) if values else node[lang]


def esc(value) -> str:
    return html.escape(str(value), quote=True)


_MARKDOWN_SIGNS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|"})
# Signs Python-Markdown has no backslash escape for (it would print `\:`): character references.
_REFERENCES = str.maketrans({":": "&#58;", "~": "&#126;"})


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


def href(from_url: str, to_url: str) -> str:
    """Relative link between two site-relative URLs: folders end with /, pages may end with .html."""
    folder = (
        from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    )
    rel = posixpath.relpath("/" + to_url, "/" + folder)
    if rel == ".":
        return "./"
    return rel + ("/" if to_url.endswith("/") and not rel.endswith("/") else "")


def euro(value, lang: str) -> str:
    if value is None:
        return t("unknown", lang)
    return f"€ {number(value, lang)}"


def number(value, lang: str) -> str:
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".") if lang == "it" else text


def date(value: str, lang: str) -> str:
    year, month, day = (int(x) for x in value.split("-"))
    return f"{day} {t('months', lang).split()[month - 1]} {year}"


# One character class: a single linear scan finds the few strings worth a closer look.
_SUSPECT = re.compile(r"[<&\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_TAG = re.compile(r"<[A-Za-z!/?]")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def markup_in(text: str) -> str | None:
    """What makes text not plain, in words, or None."""
    if not _SUSPECT.search(text):
        return None
    if _TAG.search(text):
        return "an HTML tag"
    if _REFERENCE.search(text):
        return "an HTML character reference (&…;)"
    if _CONTROL.search(text):
        return "an invisible control character"
    return None


def strings_of(value) -> list[str]:
    """Every string inside nested front matter or data (lists and mapping values), in no set
    order: for whole-file scans that look for a sign before naming any field."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
