"""The site's languages, and every address that depends on the language.

Italian is the source language: its files have no suffix (`priorita.md`) and its pages are at the
site's root. Each translation has a suffix (`priorita.en.md`, static-i18n's suffix structure) and
a folder of the site (`/en/`). A page's *key* is its path in the docs tree without the suffix:
its identity across languages. mkdocs.yml's static-i18n `languages` must list these, in this
order (the validator checks it: rules/config.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

LANGUAGES = ("it", "en")
SOURCE_LANGUAGE = LANGUAGES[0]
TRANSLATIONS = LANGUAGES[1:]  # the languages a page is translated into


def split_language(uri: str) -> tuple[str, str]:
    """A file's path in the docs tree → (key, language): linee-guida/priorita.en.md →
    (linee-guida/priorita.md, en)."""
    stem = uri.removesuffix(".md")
    base, _, suffix = stem.rpartition(".")
    if base and suffix in TRANSLATIONS:
        return base + ".md", suffix
    return uri, SOURCE_LANGUAGE


def source_uri(key: str, lang: str) -> str:
    """A page's file in a language: (linee-guida/priorita.md, en) → linee-guida/priorita.en.md.
    Also for paths in the repository: guidelines/x/capitolo.md → guidelines/x/capitolo.en.md."""
    return key if lang == SOURCE_LANGUAGE else f"{key.removesuffix('.md')}.{lang}.md"


def language_root(lang: str) -> str:
    """The folder of a language's pages in the site: "" for Italian, "en/" for English."""
    return "" if lang == SOURCE_LANGUAGE else f"{lang}/"


def page_url(key: str, lang: str, directory_urls: bool = True) -> str:
    """A page's site-relative address: en/linee-guida/priorita/ (or en/linee-guida/priorita.html
    for the offline copy, browsed from file://)."""
    stem, prefix = key.removesuffix(".md"), language_root(lang)
    if not directory_urls:
        return f"{prefix}{stem}.html"
    if stem == "index":
        return prefix
    return prefix + (stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/")


def key_at(url: str, keys: Iterable[str]) -> str | None:
    """The page published at a site-relative address, page_url reversed: en/linee-guida/priorita/
    → linee-guida/priorita.md. Also the offline copy's priorita.html, and an address without its
    last slash (as a browser shows it)."""
    wanted = {url, f"{url}/"} if url and not url.endswith(("/", ".html")) else {url}
    for key in keys:
        for lang in LANGUAGES:
            if page_url(key, lang) in wanted or page_url(key, lang, False) in wanted:
                return key
    return None


def language_of_url(url: str) -> str:
    """The language of a site-relative address: en/x/ → en, x/ → it."""
    first = url.split("/", 1)[0]
    return first if first in TRANSLATIONS else SOURCE_LANGUAGE


def href(from_url: str, to_url: str) -> str:
    """Relative link between two site-relative addresses: folders end with /, pages may end with .html."""
    folder = (
        from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    )
    relative = posixpath.relpath("/" + to_url, "/" + folder)
    if relative == ".":
        return "./"
    return relative + ("/" if to_url.endswith("/") and not relative.endswith("/") else "")
