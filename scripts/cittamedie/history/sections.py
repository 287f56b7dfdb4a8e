"""A Markdown body as sections, and which sections differ between two versions of it.

Translation by section: when an Italian page changes after its English translation,
naming the sections that changed lets the translator update those instead of rereading the page.
A section is a heading and the lines under it, up to the next heading of any level; the text
before the first heading is the introduction (id ""). Sections are matched by id: a renamed id
reads as one section removed and one added. Pure text: translations.py finds the versions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..content.messages import say
from ..content.model import headings_in, slugify
from .words import opcodes

INTRODUCTION = ""  # the id of the text before the first heading
MAX_DIFF_LINES = 40  # per section: a rewritten chapter would otherwise fill the terminal
# Pairs of lines a section's diff may weigh (difflib is quadratic: 2,000 lines against 2,000 take
# 0.2 s, 8,000 against 8,000 3.4 s); past it, the changed middle is one replacement.
MAX_LINE_PAIRS = 1_000_000


@dataclass(frozen=True)
class Section:
    id: str  # the heading's {#id}, else the slug Markdown would give it; "" for the introduction
    title: str  # the heading's text as written ("" for the introduction)
    text: str  # the heading line and the lines under it


@dataclass(frozen=True)
class Change:
    id: str
    title: str  # as the newer text has it (the older one's, for a removed section)
    kind: str  # changed | added | removed
    before: str  # the section in the older text ("" when added)
    after: str  # the section in the newer text ("" when removed)


def split(body: str) -> list[Section]:
    """The body's sections in order, the introduction first (empty when the page opens with a heading)."""
    lines = body.split("\n")
    found = headings_in(body)
    starts = [h.line - 1 for h in found]
    sections = [Section(INTRODUCTION, "", "\n".join(lines[: starts[0] if starts else len(lines)]))]
    seen: dict[str, int] = {}
    ends = (
        [*starts[1:], len(lines)] if starts else []
    )  # a page without headings is its introduction
    for heading, start, end in zip(found, starts, ends, strict=True):
        anchor = heading.id or slugify(heading.text) or "section"
        seen[anchor] = seen.get(anchor, 0) + 1
        if (
            seen[anchor] > 1
        ):  # the validator refuses repeated ids from ## down; a repeated # title can happen
            anchor = f"{anchor}-{seen[anchor]}"
        sections.append(Section(anchor, heading.text, "\n".join(lines[start:end])))
    return sections


def compare(before: str, after: str) -> list[Change]:
    """The sections of `after` that differ from `before` (changed or added, in `after`'s order),
    then those `before` had and `after` lacks. Spacing and line breaks do not count."""
    old = {s.id: s for s in split(before)}
    new = split(after)
    changes = []
    for section in new:
        earlier = old.get(section.id)
        if earlier is None:
            changes.append(Change(section.id, section.title, "added", "", section.text))
        elif _normal(earlier.text) != _normal(section.text):
            changes.append(Change(section.id, section.title, "changed", earlier.text, section.text))
    kept = {s.id for s in new}
    changes += [
        Change(s.id, s.title, "removed", s.text, "") for s in old.values() if s.id not in kept
    ]
    return changes


def diff(change: Change, limit: int = MAX_DIFF_LINES) -> list[str]:
    """The unified diff of one section (older → newer), at most `limit` lines and a line saying how
    many more there are. Lines are compared with bounded work (words.opcodes): a section of
    100,000 lines rewritten is one replacement in 0.1 s, not minutes of difflib."""
    old = change.before.split("\n") if change.before else []
    new = change.after.split("\n") if change.after else []
    lines = ["--- italian-as-translated", "+++ italian-today"]
    for group in _Given(opcodes(old, new, MAX_LINE_PAIRS)).get_grouped_opcodes(1):
        (_, i1, _, j1, _), (_, _, i2, _, j2) = group[0], group[-1]
        lines.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines += [" " + line for line in old[a1:a2]]
            else:
                lines += ["-" + line for line in old[a1:a2]] + ["+" + line for line in new[b1:b2]]
    if len(lines) == 2:
        return []
    if len(lines) > limit:
        lines = lines[:limit] + [say("… {count} more diff lines", count=len(lines) - limit)]
    return lines


class _Given(difflib.SequenceMatcher):
    """difflib's grouping of opcodes (changes with their context), for opcodes found elsewhere."""

    def __init__(self, ops: list[tuple[str, int, int, int, int]]) -> None:  # noqa: D107
        self.ops = ops

    def get_opcodes(self) -> list[tuple[str, int, int, int, int]]:
        return self.ops


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it (difflib's own format)."""
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1 if length else start},{length}"


def _normal(text: str) -> str:
    return " ".join(text.split())
