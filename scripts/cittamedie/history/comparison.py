"""Two versions of a chapter compared block by block, and word by word inside the blocks that one
edits into the other, with bounded work. The result is data; site/parts/versions.py shows it.

Blocks are compared by their text (markup/text.py). A run of blocks replaced by another is paired
up: a new block edits the old one of the same kind that shares half its words, among the next
LOOKAHEAD; the others are added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from ..markup.text import Block
from .words import MAX_PAIRS, opcodes, word_diff

# Pairs of words one chapter's comparison may weigh in all (MAX_PAIRS for one paragraph): a
# rewrite of 60 real paragraphs weighs ~600,000. Past it, paragraphs are shown removed and added.
CHAPTER_BUDGET = 1_000_000
# What one versions page may compare word by word, in each language, newest version first: the
# characters of both texts of each changed chapter (each is rendered, then compared), and the
# pairs of words weighed. The Linee Guida rewritten whole are ~0.3 M characters; a history of
# dozens of versions of dozens of chapters would otherwise make a page, and a build, grow with
# versions × chapters. Past it, a change is listed without its comparison (the PDFs of each
# version stay).
PAGE_CHARACTERS = 1_000_000
PAGE_PAIRS = 5 * CHAPTER_BUDGET
LOOKAHEAD = 4  # old paragraphs looked at for the one a new paragraph edits
SIMILAR = 0.5  # share of words in common that makes a paragraph an edit of another


@dataclass
class Budget:
    """What the comparisons of one page may still spend; one per page and language."""

    characters: int = PAGE_CHARACTERS
    pairs: int = PAGE_PAIRS

    def allows(self, old: str, new: str) -> bool:
        """Whether two texts may be compared, spending their characters if so."""
        if len(old) + len(new) > self.characters:
            self.characters = 0  # the newest first: an older one is not compared in its place
            return False
        self.characters -= len(old) + len(new)
        return True


class Compared(NamedTuple):
    """One line of a comparison: `same` unchanged paragraphs (a count), or a block with its pieces
    (word_diff's: "=" kept, "-" deleted, "+" inserted)."""

    same: int = 0
    block: Block | None = None
    pieces: tuple[tuple[str, str], ...] = ()


def compare_blocks(
    old: list[Block], new: list[Block], budget: Budget | None = None
) -> list[Compared]:
    """The comparison of two texts: unchanged headings kept as they are, runs of unchanged
    paragraphs as counts, changed blocks as pieces. budget: the page's, whose pairs it spends."""
    out, same, spent, budget = [], 0, 0, budget or Budget()
    for tag, i1, i2, j1, j2 in opcodes([b.key for b in old], [b.key for b in new]):
        if tag == "equal":
            for block in new[j1:j2]:
                if block.level:
                    out += _same(same) + [Compared(block=block, pieces=(("=", block.text),))]
                    same = 0
                else:
                    same += 1
            continue
        out += _same(same)
        same = 0
        for before, after in _pairs(old[i1:i2], new[j1:j2]):
            if before and after:
                limit = MAX_PAIRS if spent < CHAPTER_BUDGET and budget.pairs > 0 else 0
                weight = min(limit, len(before.text.split()) * len(after.text.split()))
                spent, budget.pairs = spent + weight, budget.pairs - weight
                pieces = word_diff(before.text, after.text, limit)
            else:
                pieces = [("+", after.text)] if after else [("-", before.text)]
            out.append(Compared(block=after or before, pieces=tuple(pieces)))
    return out + _same(same)


def _same(count: int) -> list[Compared]:
    return [Compared(same=count)] if count else []


def _pairs(old: list[Block], new: list[Block]):
    """(old, new) of a replaced run: a new block paired with the old one it plainly edits, else
    added; old ones left, removed."""
    i = 0
    for block in new:
        match = next(
            (
                k
                for k in range(i, min(i + LOOKAHEAD, len(old)))
                if old[k].level == block.level and _similar(old[k].text, block.text)
            ),
            None,
        )
        if match is None:
            yield None, block
            continue
        yield from ((gone, None) for gone in old[i:match])
        yield old[match], block
        i = match + 1
    yield from ((gone, None) for gone in old[i:])


def _similar(a: str, b: str) -> bool:
    return (
        SequenceMatcher(None, a.split(), b.split(), autojunk=False).quick_ratio() >= SIMILAR
    )  # linear
