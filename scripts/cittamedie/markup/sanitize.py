"""The one place that decides what HTML a page may publish: rendered HTML in, safe HTML and what
was removed out.

nh3 (the Rust ammonia sanitiser) applies the allowlist in allowlist.yml and its output is what is
published. What it removed is found by comparing the tags and attributes of its input and of its
output, so that the editor is told exactly what went and the build can stop on it.

Two policies: the page's own HTML (clean_content) may not wear the site's furniture, the classes,
roles, labels and ids of the build's notices and controls (allowlist.yml `content`); the HTML the
build makes keeps them. The build's HTML inside a page's rendered text (a marker's block, a table's
region) is marked by furniture.own(): comments holding a number drawn when the process starts,
which no page can know, so no page can mark its own HTML as the build's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import NamedTuple

import nh3

from . import sanitize_words
from .furniture import Finding, findings, holder, pieces, reserved_id, unmarked
from .policy import (
    attributes,
    class_allowed,
    furniture_classes,
    is_remote,
    policy,
    tags,
    unknown_classes,
)

# ---------------------------------------------------------------- Public API


@dataclass(frozen=True, order=True)
class Removal:
    """One tag or attribute that the allowlist did not let through."""

    tag: str
    name: str = ""  # the attribute; empty when the whole tag was removed
    value: str = ""

    @property
    def needles(self) -> tuple[str, ...]:
        """Text to look for in the Markdown source to find the line it came from."""
        if not self.name:
            return (f"<{self.tag}",)
        if self.name == "class":
            return (
                *unknown_classes(self.tag, self.value),
                *furniture_classes(self.value),
                self.name,
            )
        after_scheme = self.value.partition(":")[2][:30] if ":" in self.value else ""
        written = f'{self.name}="{self.value[:40]}' if self.value else ""  # as typed, if it was
        return tuple(n for n in (written, self.value[:40], after_scheme, self.name) if n)

    def describe(self) -> str:
        return sanitize_words.describe(self)

    def fix(self) -> str:
        return sanitize_words.fix(self)


def clean(html: str) -> tuple[str, list[Removal]]:
    """The safe HTML to publish, and every tag or attribute that had to be removed."""
    safe, removed, _ = clean_page(html)
    return safe, removed


def safe(html: str) -> str:
    """The safe HTML to publish, without saying what was removed (the preview: the validator has
    said it already, and the published build says it again)."""
    return _cleaner(False).clean(html)


def clean_page(html: str) -> tuple[str, list[Removal], str]:
    """clean(), and the text a reader sees in the safe HTML (read in the same pass)."""
    return _clean(html, content=False)


class Cleaned(NamedTuple):
    """A page's own HTML, cleaned: what to publish, what was removed, what its text may not say."""

    html: str
    removed: list[Removal]
    findings: list[Finding]


def clean_content(html: str) -> Cleaned:
    """A page's rendered text through the content policy, the build's own pieces in it
    (furniture.own) as they are: the page's HTML loses the site's furniture, the build's keeps it.
    Each piece of the build's waits in an empty element (furniture.holder) so that the page is
    cleaned in one piece (a table's region in a list stays in the list); its text is judged
    without them. The whole page then goes through clean_page with the build's parts."""
    marked, owned = [], {}
    for number, (is_own, piece) in enumerate(pieces(html)):
        if is_own:
            owned[holder(number)] = piece
            piece = holder(number)
        marked.append(piece)
    safe, removed, _ = _clean("".join(marked), content=True)
    said = findings(safe)
    for place, piece in owned.items():
        safe = safe.replace(place, piece, 1)
    return Cleaned(unmarked(safe), removed, said)


def allowed_tags() -> list[str]:
    """For documentation and tests: the tags a page may contain."""
    return list(policy()["tags"])


# ---------------------------------------------------------------- Helper functions


def _clean(html: str, content: bool) -> tuple[str, list[Removal], str]:
    safe = _cleaner(content).clean(html)
    before, after = _Inventory.of(html), _Inventory.of(safe)
    removed = [Removal(tag) for tag in sorted(before.tags - after.tags)]
    gone = {r.tag for r in removed if r.tag not in tags(content)}
    removed += sorted(
        Removal(tag, name, value)
        for tag, name, value in before.attributes - after.attributes
        if tag not in gone and not (name == "rel" and tag == "a" and value is None)
    )
    return safe, removed, " ".join(after.text)


@cache
def _cleaner(content: bool) -> nh3.Cleaner:
    found = policy()
    return nh3.Cleaner(
        tags=set(tags(content)),
        clean_content_tags=set(found["clean_content_tags"]),
        attributes=attributes(content),
        attribute_filter=_content_filter if content else _filter,
        link_rel=None,
        url_schemes=set(found["url_schemes"]),
        strip_comments=True,
        filter_style_properties=set(found["style_properties"]),
    )


def _filter(tag: str, name: str, value: str) -> str | None:
    """Values the allowlist constrains beyond the attribute's name (called by nh3)."""
    found = policy()
    if name == "class":
        kept = [c for c in value.split() if class_allowed(tag, c)]
        return " ".join(kept) if kept else None
    if name in found["text_only"]:
        return None if "<" in value or ">" in value else value
    if f"{tag}.{name}" in found["local_only"] and is_remote(value):
        return None
    pattern = found["compiled"].get(name)
    if pattern is not None and not pattern.fullmatch(value):
        return None
    return value


def _content_filter(tag: str, name: str, value: str) -> str | None:
    """_filter, less the site's furniture: its classes and its ids."""
    if name == "class":
        kept = [c for c in value.split() if class_allowed(tag, c, content=True)]
        return " ".join(kept) if kept else None
    if name in ("id", "for") and reserved_id(value):
        return None
    return _filter(tag, name, value)


class _Inventory(HTMLParser):
    """Every start tag and attribute of a fragment, counted (values with entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: Counter = Counter()
        self.text: list[str] = []

    @classmethod
    def of(cls, html: str) -> _Inventory:
        inventory = cls()
        inventory.feed(html)
        inventory.close()
        return inventory

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            if name == "style":  # nh3 writes `text-align:center` for `text-align: center;`
                value = "".join((value or "").split()).rstrip(";").lower()
            self.attributes[(tag, name, value or "")] += 1

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def parse_marked_section(self, i, report=1):
        """`<![x…>` that is not CDATA: HTML reads it as a bogus comment up to the first `>` (so does
        nh3), where Python 3.11's parser raised AssertionError (a traceback for an editor's page)."""
        if self.rawdata.startswith(("<![CDATA[", "<![if", "<![else", "<![endif"), i):
            return super().parse_marked_section(i, report)
        end = self.rawdata.find(">", i)
        return -1 if end < 0 else end + 1
