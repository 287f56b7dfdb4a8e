"""A document's numbered paragraphs in one version: the working text as it is now, or a published
version as git holds it (versions.py). Numbers belong to a version: 3.12 of version 0.2 may be
3.13 of version 0.3. What is numbered and how is markup/paragraphs.py's; this only says which texts,
in which order: a chapter's number is its position in that version's `chapters:`.
"""

from __future__ import annotations

from ..content.model import Document, Site
from ..markup.paragraphs import Numbered, numbered_blocks
from ..markup.render import Renderer, published_html
from .versions import Version, chapter_name


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
