"""The build's HTML placed right after some headings of a rendered page, found by id with a
parser: a stale translation's mark where each changed section starts (site/parts/translations.py).
Only the places are read here; what is placed is made by templates, and the whole page then goes
through the allowlist (markup/sanitize.py)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from html.parser import HTMLParser

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


def after_headings(html: str, pieces: Mapping[str, str]) -> str:
    """html with pieces[id] placed after the closing tag of the heading whose id it is (the first
    one, ids being unique on a page); a piece whose heading is not there is left out."""
    if not pieces:
        return html
    ends = _HeadingEnds(html, set(pieces)).ends
    out, at = [], 0
    for offset, anchor in sorted(ends.items()):
        out += [html[at:offset], pieces[anchor]]
        at = offset
    return "".join([*out, html[at:]])


class _HeadingEnds(HTMLParser):
    """offset just after a wanted heading's closing tag → its id (the first heading of each id)."""

    def __init__(self, html: str, wanted: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.html, self.wanted = html, wanted
        # the offset of each line: the parser gives (line, column), counting lines by \n
        self.starts = [0, *itertools.accumulate(len(line) + 1 for line in html.split("\n"))]
        self.open: tuple[str, str] | None = None  # (tag, id) of the wanted heading being read
        self.ends: dict[int, str] = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        anchor = dict(attrs).get("id")
        if tag in _HEADINGS and anchor in self.wanted:
            self.wanted.discard(anchor)
            self.open = (tag, anchor)

    def handle_endtag(self, tag):
        if self.open and tag == self.open[0]:
            line, column = self.getpos()
            closing = self.html.index(">", self.starts[line - 1] + column) + 1
            self.ends[closing] = self.open[1]
            self.open = None
