"""The text of rendered HTML as blocks, read with a parser: headings and paragraphs, for comparing
two versions of a chapter (history/comparison.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import NamedTuple

# Elements that end a block of text: list items, table rows… are one block each.
_BLOCKS = frozenset(
    "p li dt dd tr pre caption figcaption summary blockquote div table ul ol dl section "
    "details h1 h2 h3 h4 h5 h6".split()
)


class Block(NamedTuple):
    level: int  # 1-6 for a heading, 0 for text
    text: str
    id: str = ""  # a heading's id

    @property
    def key(self) -> tuple[int, str]:
        """What is compared: a heading whose id alone changed is the same heading."""
        return self.level, self.text


def blocks(html: str) -> list[Block]:
    """The text of rendered HTML as headings and paragraphs (list items, table rows… one each;
    a row's cells joined with ·)."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.level, self.id = 0, ""

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.level, self.id = int(tag[1:]), dict(attrs).get("id") or ""
        elif tag in ("td", "th") and "".join(self.text).strip():
            self.text.append(" · ")
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.flush()
            self.level, self.id = 0, ""

    def handle_data(self, data):
        self.text.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append(Block(self.level, text, self.id if self.level else ""))
        self.text = []
