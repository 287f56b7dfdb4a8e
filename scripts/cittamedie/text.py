"""Interface strings (strings.yml) and small formatting helpers shared by the generators."""

from __future__ import annotations

import html
import posixpath
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


_MARKDOWN_SIGNS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|~:"})


def md_esc(value) -> str:
    """Text for a Markdown context (a heading, a list item): HTML-escaped, and every sign Markdown
    reads backslash-escaped, so a title like `[x](javascript:…)` or `*x*` stays those characters."""
    return esc(str(value).translate(_MARKDOWN_SIGNS))


def href(from_url: str, to_url: str) -> str:
    """Relative link between two site-relative URLs: folders end with /, pages may end with .html."""
    folder = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
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
