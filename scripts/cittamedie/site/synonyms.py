"""What else a page answers to in search, beside its own words, written as Pagefind metadata by
the template (overrides/main.html, through search.page_marks): the other language's acronym of
each glossary term it uses (FESR and ERDF), the other spelling of English words it uses
(neighbourhood and neighborhood, spellings.yml), a case's city's other name (Torino and Turin),
and a translation's Italian title (the Memorandum's page and "Protocollo di Intesa")."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

import yaml

from ..content.languages import SOURCE_LANGUAGE
from ..content.model import Site
from ..markup.terms import word_finder, words_in

# ---------------------------------------------------------------- Public functions


@dataclass(frozen=True)
class Synonyms:
    """The glossary's acronyms that name one thing (FESR and ERDF), the British and American
    spellings of one word (spellings.yml), and for each an expression that finds them in a page's
    text (markup/terms.py): made once per build (BuildContext.synonyms), so a page costs its
    text's length, however long the lists."""

    groups: tuple[tuple[str, ...], ...]  # acronyms of one meaning, two or more, in glossary order
    finder: re.Pattern | None
    spellings: tuple[tuple[str, ...], ...] = ()  # lower case, British first
    spelling_finder: re.Pattern | None = None  # run on the text in lower case

    @classmethod
    def of(cls, site: Site) -> Synonyms:
        groups = tuple(synonyms(site))
        spelt = spellings()
        return cls(
            groups,
            word_finder(abbr for group in groups for abbr in group),
            spelt,
            word_finder(word for pair in spelt for word in pair),
        )


def synonyms(site: Site) -> list[tuple[str, ...]]:
    """The acronyms of data/glossary.yml that name the same thing, group by group.

    Two terms name one thing when their English expansions are the same once a closing note in
    brackets is dropped: FESR "European Regional Development Fund (Italian acronym)" and ERDF
    "European Regional Development Fund"."""
    by_meaning: dict[str, list[str]] = defaultdict(list)
    for term in site.items("glossary"):
        english = str((term.get("expansion") or {}).get("en") or "").strip()
        if english.endswith(")") and "(" in english:  # a closing note: "(Italian acronym)"
            english = english[: english.rindex("(")]
        meaning = english.strip().casefold()
        if meaning:
            by_meaning[meaning].append(str(term["abbr"]))
    return [tuple(dict.fromkeys(group)) for group in by_meaning.values() if len(set(group)) > 1]


def place_names(site: Site) -> list[tuple[str, str]]:
    """(Italian, English) names of the cities of data/case-cities.yml that have an `english` one
    (Torino, Turin). A case's page carries its city's other name as searched metadata
    (page_marks), so that either name finds it in either language. Only the case's own city: the
    other name of every city a page mentions would make each page that names Torino in passing
    answer to Turin as much as Torino's cases (measured: the versions page came first)."""
    return [
        (str(city["name"]), str(city["english"]))
        for city in site.items("case-cities")
        if isinstance(city, dict)
        and city.get("english")
        and city.get("name")
        and str(city["english"]) != str(city["name"])
    ]


def spellings() -> tuple[tuple[str, ...], ...]:
    """The British and American spellings of spellings.yml, in lower case."""
    text = (resources.files(__package__) / SPELLINGS).read_text("utf-8")
    return tuple(tuple(str(word).casefold() for word in pair) for pair in yaml.safe_load(text))


def synonym_text(found: Synonyms, text: str) -> str:
    """`FESR (ERDF)` for each group whose acronyms the page's text uses only in part: the used ones,
    then the others in brackets; `neighbourhood (neighborhood)` likewise for the spellings of a
    word. At most the lists' length, whatever the page."""
    parts = _said_and_missing(found.groups, words_in(found.finder, text))
    parts += _said_and_missing(found.spellings, words_in(found.spelling_finder, text.casefold()))
    return ". ".join(parts)


def _said_and_missing(groups, used: set[str]) -> list[str]:
    parts = []
    for group in groups:
        said = [word for word in group if word in used]
        missing = [word for word in group if word not in used]
        if said and missing:
            parts.append(f"{', '.join(said)} ({', '.join(missing)})")
    return parts


def italian_title(site: Site, key: str, lang: str) -> str:
    """A translation's Italian title, when not the same as its own: the official name, which a
    reader of the English site meets in the programme's documents and types (Protocollo di Intesa
    for The Memorandum of Understanding). Not the other way round: English titles on Italian pages
    made Italian words find English ones by their start ("tempi" found "temporary housing" first,
    measured). The build's pages (a theme's, a city's) have no source: their titles are made from
    data/ in every language alike."""
    shown, italian = site.get(key, lang), site.get(key, SOURCE_LANGUAGE)
    if lang == SOURCE_LANGUAGE or shown is None or italian is None or shown.title == italian.title:
        return ""
    return italian.title


# ---------------------------------------------------------------- Data

SPELLINGS = "spellings.yml"
