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

from .furniture import Finding, findings, holder, pieces, reserved_id, unmarked
from .policy import (
    attributes,
    attributes_of,
    build_only,
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
        if self.name in ("id", "for") and reserved_id(self.value):
            return f"the id `{self.value}` is the site's own: {reserved_id(self.value)}"
        if self.name == "class" and furniture_classes(self.value):
            return f"the class `{' '.join(furniture_classes(self.value))}` belongs to the site's own notices and controls"
        if build_only(self.name):
            return f"a <{self.tag}> has the attribute `{self.name}`, which only the site's own parts carry"
        if not self.name:
            if self.tag in tags(True):
                return f"the HTML around <{self.tag}> is malformed, and part of it would be lost"
            if not self.tag.isalnum():
                return f"the text `<{_short(self.tag)}>` would be read as an HTML tag"
            return f"the page contains a <{self.tag}> element, which the site does not publish"
        if self.name.startswith("on"):
            return f"a <{self.tag}> has an event handler `{self.name}=`"
        if self.name in ("href", "src"):
            if (
                self.value
                and is_remote(self.value)
                and f"{self.tag}.{self.name}" in policy()["local_only"]
            ):
                return f"the image `{_short(self.value)}` is loaded from another site"
            return f"the address `{_short(self.value)}` is not allowed"
        if self.name == "class":
            return f"the class `{' '.join(unknown_classes(self.tag, self.value)) or self.value}` is not one of the site's"
        if self.name in policy()["text_only"]:
            return f"the {self.name} text `{_short(self.value)}` contains markup"
        if self.name in policy()["patterns"] and self.name in attributes_of(self.tag):
            return f"the value `{_short(self.value)}` of `{self.name}` has a form the site does not allow"
        return f"a <{self.tag}> has the attribute `{self.name}`, which the site does not publish"

    def fix(self) -> str:
        if self.name in ("id", "for") and reserved_id(self.value):
            return "give it another id (and change the links to it): two elements with one id break links, labels and forms"
        if self.name == "class" and furniture_classes(self.value):
            return _CLASS_FIX
        if build_only(self.name):
            return "remove it: " + build_only(self.name)
        if not self.name:
            if self.tag in tags(True):
                return "close every tag you open, and keep rows and cells inside their table"
            if not self.tag.isalnum():
                return "write an address as [text](https://…), and < as &lt; in text"
            return _TAG_FIXES.get(self.tag, _DEFAULT_FIX)
        if self.name.startswith("on"):
            return (
                "remove it: pages cannot run scripts (look also in {…} attribute lists after "
                "paragraphs, headings, links and images)"
            )
        if self.name in ("href", "src"):
            if self.tag == "img" and is_remote(self.value):
                return (
                    "save the image in a media/ folder and link it with a relative path: the site "
                    "makes no request to other hosts"
                )
            return "link to a page of the site with a relative path, or to an https:// or mailto: address"
        if self.name == "class":
            return _CLASS_FIX
        if self.name == "style":
            return "remove style=…: the site's look comes from its stylesheet"
        if self.name in policy()["text_only"]:
            return "write it as plain text, without < and >"
        if self.name in ("id", "for"):
            return "use letters, digits and dashes, starting with a letter or a digit"
        return _DEFAULT_FIX


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


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


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


# ---------------------------------------------------------------- Data

_DEFAULT_FIX = "remove it; CONTRIBUTING.md lists the HTML a page may use"
_CLASS_FIX = (
    "remove it: a page may use only the classes CONTRIBUTING.md lists (admonition types such as "
    "!!! note, grid cards)"
)
_TAG_FIXES = {
    "script": "remove it: pages cannot run scripts; ask a developer for an interactive element",
    "noscript": "remove it: pages cannot run scripts, so they need no fallback",
    "style": "remove it: the site's look comes from its stylesheet",
    "link": "remove it: the site's look comes from its stylesheet",
    "base": "remove it: a page cannot change the address its links and scripts load from",
    "meta": "remove it: a page cannot redirect or change its own headers",
    "form": "remove it: pages hold no forms; link to the form's page instead",
    "input": "remove it: pages hold no forms; link to the form's page instead",
    "button": "remove it: pages hold no forms; link to the form's page instead",
    "textarea": "remove it: pages hold no forms; link to the form's page instead",
    "iframe": "link to the content instead of embedding it",
    "frame": "link to the content instead of embedding it",
    "object": "link to the content instead of embedding it",
    "embed": "link to the content instead of embedding it",
    "svg": "save the drawing as a PNG in a media/ folder and insert it as an image",
    "math": "write the formula in words, or as an image in a media/ folder",
    "template": "remove it; CONTRIBUTING.md lists the HTML a page may use",
    "label": "remove it: controls belong to the site's own parts (the catalogue's filters)",
    "select": "remove it: controls belong to the site's own parts (the catalogue's filters)",
    "option": "remove it: controls belong to the site's own parts (the catalogue's filters)",
    "output": "remove it: controls belong to the site's own parts (the catalogue's filters)",
}
