"""A document's numbered paragraphs in one version: the working text as it is now, or a published
version as git holds it (versions.py). Numbers belong to a version: 3.12 of version 0.2 may be
3.13 of version 0.3. What is numbered and how is markup/paragraphs.py's; this only says which texts,
in which order: a chapter's number is its position in that version's `chapters:`.
"""

from __future__ import annotations

from typing import NamedTuple

from ..content.model import Document, Site
from ..markup.paragraphs import Numbered, numbered_blocks
from ..markup.render import Renderer, published_html
from .versions import Version, chapter_name
from .words import opcodes


class NumberChanges(NamedTuple):
    """The paragraphs of a chapter that one version changed or added (their numbers in it) and
    removed (their numbers in the version before)."""

    changed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def version_paragraphs(
    version: Version, lang: str, renderer: Renderer
) -> dict[str, list[Numbered]]:
    """Chapter name → its numbered blocks in lang, in a version read from git (the Italian text
    where that version had no translation), in reading order; a chapter git could not give has
    none, and keeps its place in the numbering."""
    return {
        name: numbered_blocks(published_html(renderer, text.body), position)
        for position, name in enumerate(version.chapters, 1)
        if (text := version.text(name, lang)) is not None
    }


def current_paragraphs(
    site: Site, doc: Document, lang: str, renderer: Renderer
) -> dict[str, list[Numbered]]:
    """Chapter name → its numbered blocks in lang, in the working text (the Italian page where no
    translation exists), as the build numbers them; Markdown's markers are left as comments, which
    are not numbered, as their blocks are not in the build."""
    found = {}
    for key in doc.chapters:
        name = chapter_name(doc, key)
        source = site.shown(key, lang)
        if source is not None:
            html = published_html(renderer, source.body)
            found[name] = numbered_blocks(html, doc.position(name))
    return found


def number_changes(old: list[Numbered], new: list[Numbered]) -> NumberChanges:
    """Which numbered paragraphs changed between two texts of a chapter, compared by their text
    (bounded: history/words.py). In a run of paragraphs replaced by another, the first ones of
    each side are the same paragraphs changed, the rest added or removed."""
    changed, added, removed = [], [], []
    for tag, i1, i2, j1, j2 in opcodes([b.text for b in old], [b.text for b in new]):
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        changed += [b.number for b in new[j1 : j1 + paired]]
        added += [b.number for b in new[j1 + paired : j2]]
        removed += [b.number for b in old[i1 + paired : i2]]
    return NumberChanges(tuple(changed), tuple(added), tuple(removed))
