"""Names that must stay distinct on every system that holds the site: the one owner of what makes
two names "the same name".

Windows and macOS keep `Bari.md` and `bari.md` as one file, macOS keeps `città` written with a
precomposed `à` (NFC) and with `a` + a combining accent (NFD) as one, and so does an unpacked copy
of the site (the offline zip, the pull request's preview) on those systems: the second file
silently replaces the first. Two names are the same when their canonical caseless forms are
(Unicode's D145: NFD, case folding, NFD again); names that differ in anything else stay apart.
"""

from __future__ import annotations

import unicodedata

from .generated import GENERATED_FOLDERS, VERSIONS_FILES
from .languages import TRANSLATIONS, language_root


def folded(name: str) -> str:
    """The name as a case-insensitive, normalisation-insensitive system sees it."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", name).casefold())


def reserved_in(prefix: str) -> dict[str, str]:
    """folded name → name of the entries the build itself puts in a folder of the docs tree
    (prefix: the folder's path in the docs tree, "" or ending with /): the language folders at the
    top, the generated folders, a document's versions page. An editor's file whose name differs from
    one of them only in case would become that entry on Windows and macOS."""
    names = [language_root(lang).rstrip("/") for lang in TRANSLATIONS] if not prefix else []
    names += [
        folder.removeprefix(prefix)
        for folder in GENERATED_FOLDERS
        if folder.startswith(prefix) and "/" not in folder.removeprefix(prefix)
    ]
    if prefix.count("/") == 1:  # a folder at the top of the docs tree: a document's
        names += VERSIONS_FILES
    return {folded(name): name for name in names}


def kept_names(names: list[str], reserved: dict[str, str]) -> dict[str, str]:
    """folded name → the one of a folder's names that keeps it: the build's own (reserved, as
    reserved_in gives them), else the lowercase NFC spelling, else the first in order. The others
    are refused, not read."""
    kept = dict(reserved)
    for name in sorted(names, key=lambda n: (n != _usual(n), n)):
        kept.setdefault(folded(name), name)
    return kept


def _usual(name: str) -> str:
    """A name as the house writes them: lowercase, accents precomposed (NFC)."""
    return unicodedata.normalize("NFC", name).lower()
