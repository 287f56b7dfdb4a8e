"""Whether a new case is one the catalogue has already: `cittamedie new` refuses it (unless --force).

The rule, for two cases of the same city: each case is known by its names, the words of its slug
(the file name without the city's code, `ba-urbis` → urbis) and of its title (without the city's
own name, "URBIS – Bari" → urbis). Two cases resemble each other when a name of one and a name of
the other are
- the same words, or
- one is a run of the other's words (`urbis` and `urbis-bari-2019`, `casa` and
  `agenzia-sociale-casa`): a short name inside a longer one is usually the same project, or
- close as text, difflib's ratio at least RATIO (`scuole-di-quartiere` and `scuola-di-quartiere`:
  a spelling, a plural, a typing slip).
Cases of different cities never resemble each other: every city may have its own `urbis`. The rule
errs towards asking: a refusal costs the editor a --force, a duplicate costs the catalogue a page.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..content.languages import SOURCE_LANGUAGE
from ..content.model import Site, Source, slugify

RATIO = 0.8  # "scuole" and "scuola" of three words: 0.95; "urbis" and "faber": 0.2


def words(text: str, dropped: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A name as its words, lowercase ASCII, less the `dropped` ones (the city's name); the whole
    name when nothing else would be left."""
    found = tuple(slugify(text).split("-")) if slugify(text) else ()
    kept = tuple(word for word in found if word not in dropped)
    return kept or found


def similar(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    if not one or not other:
        return False
    short, long_ = sorted((one, other), key=len)
    if any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
        return True
    return SequenceMatcher(None, "-".join(one), "-".join(other)).ratio() >= RATIO


def resembling(site: Site, city: str, code: str, names: list[str]) -> list[Source]:
    """The Italian files of the city's cases that resemble a case with these names (its slug, its
    title), in file order."""
    city_words = words(city)
    ours = [words(name, city_words) for name in names if name]
    found = []
    for case in site.in_language(SOURCE_LANGUAGE):
        if case.kind != "good-practice" or slugify(str(case.meta.get("city") or "")) != slugify(
            city
        ):
            continue
        stem = case.key.rpartition("/")[2].removesuffix(".md")
        theirs = [words(stem.removeprefix(f"{code}-"), city_words)]
        if isinstance(case.meta.get("title"), str):
            theirs.append(words(case.meta["title"], city_words))
        if any(similar(mine, their) for mine in ours for their in theirs):
            found.append(case)
    return sorted(found, key=lambda case: case.rel)
