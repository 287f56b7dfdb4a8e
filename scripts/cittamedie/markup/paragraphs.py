"""The numbered blocks of a chapter (ARCHITECTURE.md, "Numbered paragraphs"): every top-level block
of its rendered text (paragraph, list, table, quote, admonition, code, figure; not headings, rules
or footnotes) is numbered C.N, C the chapter's position in its document and N the block's in the
chapter, so that a paragraph can be cited ("3.12"), linked (#p3-12) and commented on.

The one owner of what is numbered and how a number is written: the build (site/parts/paragraphs.py
places the numbers), the validator (rules/paragraphs.py: both languages number the same blocks),
the versions pages and the PDF all read them from here, on the HTML Markdown gives.

The build's blocks inside a page's text (a marker's list of cases, the glossary: furniture.own) are
not numbered: they change with data/, not with the document, and a new case would renumber the
text. They wear a `cm-` class, which a page's own HTML may not (allowlist.yml, `content`); the
table regions of mdtables.py (`cm-table`) are the text's own tables, and are numbered. Markdown
without its markers replaced (the validator, a version read from git) numbers the same blocks.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import NamedTuple

from .text import blocks

# Top-level elements that are numbered; any other (headings, hr, a stray inline) is not.
NUMBERED_TAGS = frozenset("p ul ol dl table blockquote div details pre figure".split())
TABLE_REGION = "cm-table"  # mdtables.REGION_CLASS: a text's table, in the build's region
UNNUMBERED_CLASSES = frozenset({"footnote"})  # Markdown's footnotes: the notes of paragraphs
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class Numbered(NamedTuple):
    """One numbered block: its number ("3.12"), its anchor ("p3-12"), its text (plain, one line),
    where it starts and ends in the HTML it was read from (offsets), its tag (p, ul, table…; a
    table's region is "table") and the id of the heading of its section ("" before any)."""

    number: str
    anchor: str
    text: str
    start: int = 0
    end: int = 0
    kind: str = ""
    section: str = ""


def number(chapter: int, position: int) -> str:
    """The number of the position-th block (from 1) of the chapter-th chapter (from 1)."""
    return f"{chapter}.{position}"


def anchor_of(value: str) -> str:
    """The id and fragment of a number: 3.12 → p3-12."""
    return "p" + value.replace(".", "-")


def numbered_blocks(html: str, chapter: int) -> list[Numbered]:
    """The numbered blocks of a chapter's rendered HTML (the page's own text, or Markdown rendered
    by markup/render.py), in order; chapter is its position in the document, from 1."""
    found = _TopLevel(html).found
    return [
        Numbered(
            number(chapter, position),
            anchor_of(number(chapter, position)),
            " ".join(block.text for block in blocks(html[start:end])),
            start,
            end,
            kind,
            section,
        )
        for position, (start, end, kind, section) in enumerate(found, 1)
    ]


def placed(html: str, around: Mapping[str, tuple[str, str]], found: list[Numbered]) -> str:
    """html with around[anchor] = (before, after) placed just before and just after each numbered
    block found in it (by numbered_blocks, on the same html); a block not in around is as it was."""
    out, at = [], 0
    for block in found:
        before, after = around.get(block.anchor, ("", ""))
        out += [html[at : block.start], before, html[block.start : block.end], after]
        at = block.end
    return "".join([*out, html[at:]])


class _TopLevel(HTMLParser):
    """(start, end, kind, section) of each top-level element that is numbered."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        # the offset of each line: the parser gives (line, column), counting lines by \n
        self.starts = [0, *itertools.accumulate(len(line) + 1 for line in html.split("\n"))]
        self.depth = 0
        self.open: tuple[str, int, str] | None = None  # (tag, start, kind) of the block being read
        self.section = ""  # the id of the last heading read at the top level
        self.found: list[tuple[int, int, str, str]] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        if self.depth == 0 and tag in _HEADINGS:
            self.section = dict(attrs).get("id") or ""
        elif self.depth == 0 and tag in NUMBERED_TAGS:
            classes = set((dict(attrs).get("class") or "").split())
            if _numbered(classes):
                kind = "table" if TABLE_REGION in classes else tag
                kind = "admonition" if "admonition" in classes else kind
                self.open = (tag, self._offset(), kind)
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0 and self.open and tag == self.open[0]:
            closing = self.html.index(">", self._offset()) + 1
            self.found.append((self.open[1], closing, self.open[2], self.section))
            self.open = None


def _numbered(classes: set[str]) -> bool:
    if classes & UNNUMBERED_CLASSES:
        return False
    return TABLE_REGION in classes or not any(name.startswith("cm-") for name in classes)
