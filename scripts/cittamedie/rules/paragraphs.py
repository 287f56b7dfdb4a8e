"""A numbered document's paragraphs have the same numbers in both languages: a reader who cites
3.12 in Italian and one who reads 3.12 in English mean the same paragraph. The blocks each text
numbers (markup/paragraphs.py) must pair up, in order and section by section: the same kind
(paragraph, list, table, quote, admonition…) under the same heading. The first place where they
part is named: its section, and the number there. Only a translation that follows today's
Italian text is held to it: one left stale by an Italian edit says so on its page (its notice
names the changed sections), and its numbers may lag until it is brought up to date.
"""

from __future__ import annotations

from ..content.languages import LANGUAGES, SOURCE_LANGUAGE
from ..content.messages import say
from ..content.model import Site, Source, slugify
from ..content.problems import Problem
from ..markup.paragraphs import Numbered, numbered_blocks
from ..markup.render import published_html
from .run import Run

RULE = "paragraphs"


def check(site: Site, run: Run) -> list[Problem]:
    problems: list[Problem] = []
    renderer = None
    for doc in site.documents.values():
        if not doc.numbered:
            continue
        for position, key in enumerate(doc.chapters, 1):
            italian = site.get(key, SOURCE_LANGUAGE)
            if italian is None or not italian.ok:
                continue
            renderer = renderer or run.renderer(site.root)
            source_blocks = numbered_blocks(published_html(renderer, italian.body), position)
            for lang in LANGUAGES:
                translation = site.get(key, lang)
                if lang == SOURCE_LANGUAGE or site.translation_state(key, lang) != "current":
                    continue  # a stale translation says so on its page: it follows later
                blocks = numbered_blocks(published_html(renderer, translation.body), position)
                problem = _first_difference(translation, source_blocks, blocks)
                problems += [problem] if problem else []
    return problems


def _first_difference(
    translation: Source, italian: list[Numbered], translated: list[Numbered]
) -> Problem | None:
    """The problem at the first block the two texts do not pair up on, or None."""
    pairs = zip(_shape(italian), _shape(translated), strict=False)
    at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(italian), len(translated)))
    if at == len(italian) == len(translated):
        return None
    block = italian[at] if at < len(italian) else translated[at]
    section = block.section
    return Problem(
        translation.rel,
        _line_of(translation, section),
        RULE,
        say(
            "the numbered paragraphs differ from the Italian text's {where}: the Italian "
            "text has {italian} numbered blocks (paragraphs, lists, tables, quotes, admonitions), "
            "this one {translated}; paragraph {number} is the first that does not match",
            where=say("from the section `{section}` on", section=section)
            if section
            else say("from the start of the chapter"),
            italian=len(italian),
            translated=len(translated),
            number=block.number,
        ),
        say(
            "give each block of the Italian text one counterpart here, of the same kind, in the "
            "same section and order, so that both languages number the same paragraphs"
        ),
    )


def _shape(blocks: list[Numbered]) -> list[tuple[int, str]]:
    """(section, kind) of each block, its section counted (the first one met is 0…): the two
    languages' headings have the same ids when the pairing rule is satisfied, but are compared
    by their order here, so that one mistake is told once."""
    sections: dict[str, int] = {}
    return [(sections.setdefault(b.section, len(sections)), b.kind) for b in blocks]


def _line_of(source: Source, section: str) -> int:
    """The line of the heading whose id is section (the body's first line for none)."""
    for heading in source.headings:
        if section and section in (heading.id, slugify(heading.text)):
            return heading.line
    return source.body_line
