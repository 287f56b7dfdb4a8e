"""What on a page is the build's and not the page's own text: the one owner of that decision.

- own(), own_marks(), pieces(): the build's HTML inside a page's rendered text (a marker's block, a
  table's region), marked by comments holding a number drawn when the process starts. No page can
  know it, so no page can pass its own HTML off as the build's; sanitize.clean_content keeps the
  build's pieces as they are and cleans the rest with the content policy.
- reserved_id(): the ids the site's pages already hold (furniture.yml), with their owner.
- findings(): what a page's own text may not say: an invisible character in a heading, a link text
  or an admonition's title; a status claimed by an admonition's title (only the build's banners
  state one); a link text that shows a host the link does not go to (compared in punycode).
- invisible_in(): the first invisible character of a text, named (also for plain-text fields).
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml

from ..content.messages import from_data
from . import furniture_words as worded

# ---------------------------------------------------------------- Public API


class Finding(NamedTuple):
    """One thing a page's own text may not say: its words, the fix, and text to find its line."""

    message: str
    fix: str
    needles: tuple[str, ...]


def own(html: str, key: str) -> str:
    """Build-made HTML placed in a page's Markdown (a marker's block): marked as the build's, on
    lines of their own so that Markdown passes it as it is. key is unique in the page."""
    start, end = own_marks(key)
    return f"<!--{start}-->\n{html}\n<!--{end}-->"


def own_marks(key: str) -> tuple[str, str]:
    """The texts of the comments that open and close a piece of the build's HTML (mdtables.py
    places them as comments in Markdown's tree)."""
    return f"{_OWN} {key}", f"/{_OWN} {key}"


def pieces(html: str) -> list[tuple[bool, str]]:
    """(is the build's, text) in order: each own() piece between its two comments. A piece whose
    closing comment is missing (Markdown swallowed it in code) is not the build's."""
    found, at, opening = [], 0, f"<!--{_OWN} "
    while (start := html.find(opening, at)) != -1:
        end = html.find("-->", start)
        key = html[start + len(opening) : end]
        closing = f"<!--/{_OWN} {key}-->"
        stop = html.find(closing, end) if end != -1 else -1
        found.append((False, html[at:start]))
        if stop == -1:  # a lone opening: left to the content policy, which strips comments
            found.append((False, opening))
            at = start + len(opening)
            continue
        found.append((True, html[end + 3 : stop]))
        at = stop + len(closing)
    found.append((False, html[at:]))
    return found


def unmarked(html: str) -> str:
    """html less what is left of the process's number: a mark Markdown printed as text (a marker
    inside code) would publish it, and the same page would differ from build to build."""
    return html.replace(_OWN, "cm-own")


def holder(number: int) -> str:
    """An empty element that keeps a build's piece's place while the page's HTML is cleaned."""
    return f'<span title="{_OWN} {number}"></span>'


def reserved_id(value: str) -> str:
    """What owns an id on the site's pages, in words (a sentence in both languages: furniture.yml),
    or "" when a page may use it."""
    ids = _data()["reserved_ids"]
    if value in ids["names"]:
        return from_data(ids["names"][value])
    who = next((who for prefix, who in ids["prefixes"].items() if value.startswith(prefix)), None)
    who = who or next(
        (who for pattern, who in ids["patterns"].items() if re.fullmatch(pattern, value)), None
    )
    return from_data(who) if who else ""


def invisible_in(text: str) -> str:
    """The first invisible character of text as `U+200B ZERO WIDTH SPACE` ("" when none)."""
    if text.isascii():
        return ""
    found = _data()["invisible_pattern"].search(text)
    if not found:
        return ""
    return f"U+{ord(found[0]):04X} {unicodedata.name(found[0], 'UNNAMED CHARACTER')}"


def quoted(text: str) -> str:
    """text as a message quotes it: each invisible character named where it is (printed, a bidi
    control would reorder the message itself in the editor's terminal), at most 60 characters."""
    shown = "".join(f"[U+{ord(c):04X}]" if invisible_in(c) else c for c in text)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def without_invisible(text: str) -> str:
    """text less its invisible characters (a heading's menu label, with validation off)."""
    return text if text.isascii() else _data()["invisible_pattern"].sub("", text)


def findings(html: str) -> list[Finding]:
    """What the page's own, cleaned HTML says that it may not (see the module's docstring)."""
    reader = _Texts()
    reader.feed(html)
    reader.close()
    return reader.found


def could_say(body: str) -> bool:
    """Cheap needles for the validator's fast path (render.could_hold_markup): a Markdown body
    without them has no finding."""
    if invisible_in(body):
        return True
    for line in body.split("\n"):
        head = line.lstrip()
        if head.startswith(("!!!", "???")) and '"' in head and claimed_status(head):
            return True
    return any(_host_like(text) for text in _link_texts(body))


def claimed_status(title: str) -> str:
    """The status word a title claims ("" when none): whole words, any case."""
    words = " " + " ".join("".join(c if c.isalnum() else " " for c in title.casefold()).split())
    words += " "
    return next((word for word in _data()["status_set"] if f" {word} " in words), "")


# ---------------------------------------------------------------- Helper functions

_OWN = "cm-own-" + secrets.token_hex(12)  # drawn once per process: the build marks and splits in it
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))


class _Texts(HTMLParser):
    """The texts of headings, links and admonition titles, each judged when it closes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str, str, list[str]]] = []  # (tag, what, href, words)
        self.found: list[Finding] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in _HEADINGS:
            self.open.append((tag, "heading", "", []))
        elif tag == "a":
            self.open.append((tag, "link text", values.get("href") or "", []))
        elif tag == "p" and "admonition-title" in (values.get("class") or "").split():
            self.open.append((tag, "box title", "", []))
        elif tag == "summary":  # the title of a collapsible box (??? note "…")
            self.open.append((tag, "box title", "", []))

    def handle_data(self, data):
        for *_, words in self.open:
            words.append(data)

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            _, what, href, words = self.open.pop()
            self.found += _judge(what, " ".join("".join(words).split()), href)


def _judge(what: str, text: str, href: str) -> list[Finding]:
    shown = quoted(text)
    found = []
    invisible = invisible_in(text)
    if invisible:
        char = next(c for c in text if invisible_in(c))
        needles = (char, f"&#{ord(char)};", f"&#x{ord(char):x};")
        found.append(Finding(*worded.invisible(what, shown, invisible), needles))
    status = claimed_status(text) if what == "box title" else ""
    if status:
        found.append(Finding(*worded.status(shown, status), (text,)))
    host = _host_like(text) if what == "link text" else ""
    scripts = _scripts_mixed(host)
    if scripts:
        found.append(Finding(*worded.mixed_scripts(shown, scripts), (text, host)))
    target = _host_of(href)
    if host and not scripts and target is not None and not _same_site(host, target):
        found.append(Finding(*worded.other_host(shown, target or href), (text, host)))
    return found


def _host_like(text: str) -> str:
    """The host a link text shows (`www.comune.bari.it`, `https://pnmetroplus.it/x`), or ""."""
    text = text.strip().casefold()
    for scheme in ("https://", "http://"):
        text = text.removeprefix(scheme)
    host = text.split("/", 1)[0].rstrip(".")
    labels = host.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".").split(".")
    if len(labels) < 2 or not all(labels) or any(c.isspace() for c in text.split("/", 1)[0]):
        return ""
    if not all(all(c.isalnum() or c == "-" or invisible_in(c) for c in label) for label in labels):
        return ""
    if not labels[-1].isalpha() or len(labels[-1]) < 2 or labels[-1] in _data()["file_types"]:
        return ""
    return host


def _scripts_mixed(host: str) -> list[str]:
    """The scripts of the letters of a label of host that mixes them (LATIN and CYRILLIC), or []:
    a host a browser would not show as it is written, because it may imitate another."""
    for label in host.split("."):
        scripts = sorted({unicodedata.name(c, "?").split()[0] for c in label if c.isalpha()})
        if len(scripts) > 1:
            return scripts
    return []


def _host_of(href: str) -> str | None:
    """The host of an http(s) address; None for relative, mailto: and other addresses."""
    parts = urlsplit(href.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return None
    return (parts.hostname or "").rstrip(".")


def _same_site(shown: str, target: str) -> bool:
    """The shown host is the target's, or a domain the target is under (www. aside), in punycode."""
    try:
        shown, target = (h.encode("idna").decode("ascii").lower() for h in (shown, target))
    except UnicodeError:  # not a host IDNA can write: it cannot be the link's
        return False
    shown, target = shown.removeprefix("www."), target.removeprefix("www.")
    return target == shown or target.endswith("." + shown)


def _link_texts(body: str) -> list[str]:
    """The texts of Markdown links `[text](…)`, `[text][ref]` and `[text]` (its definition
    `[text]: …` names it), looked for within bounds."""
    texts = []
    for opener in ("](", "][", "]:"):
        at = body.find(opener)
        while at != -1:
            start = body.rfind("[", max(0, at - 300), at)
            if start != -1:
                texts.append(body[start + 1 : at])
            at = body.find(opener, at + 2)
    return texts


@cache
def _data() -> dict:
    text = (resources.files(__package__) / "furniture.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["invisible_pattern"] = _invisible_pattern(data["invisible"])
    data["status_set"] = tuple(
        w.casefold() for words in data["status_words"].values() for w in words
    )
    data["file_types"] = frozenset(data["file_types"])
    return data


def _invisible_pattern(extra: list[int]) -> re.Pattern:
    """One character class of category Cf and the extra code points, written as ranges (a class of
    single characters is read twenty times slower): a text is then read in one scan. Cf has
    characters in planes 0, 1 and 14 only (Unicode 15); finding them takes 20 ms, once per
    process."""
    points = sorted(
        {
            p
            for plane in (0, 1, 14)
            for p in range(plane << 16, (plane + 1) << 16)
            if unicodedata.category(chr(p)) == "Cf"
        }
        | set(extra)
    )
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"
    )
