"""Python-Markdown extension: every Markdown table scrolls in its own region (WCAG 1.4.10).

At 320 CSS pixels a wide table must not make the page scroll sideways. Each table is wrapped in
`<div class="cm-table" role="region" tabindex="0" aria-label="…">`: the region is the one thing
that scrolls, keyboard users can focus and scroll it, and screen readers announce its name: the
table's caption, else the heading before it, else `label` (the hook sets it per language).
Tables the build generates are wrapped the same way by their templates (site/parts/common.html).
The region is the build's, not the page's: its tags are marked as such (furniture.own_marks), so
that the content policy, which refuses a page's own role and aria-label, lets them through.

    markdown_extensions:
      - cittamedie.markup.mdtables
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from .furniture import own_marks

REGION_CLASS = "cm-table"
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_STASH_MARKS = str.maketrans("", "", "\x02\x03<>")  # Markdown's placeholders; no markup in a label


class TableRegions(Treeprocessor):
    """Wrap each <table> in a labelled, focusable scrolling region, in one walk of the tree."""

    def __init__(self, md, label: str) -> None:
        super().__init__(md)
        self.label = label

    def run(self, root: etree.Element) -> None:
        found: list[tuple[etree.Element, etree.Element, str]] = []
        self._walk(root, found, [self.label])
        for number, (parent, table, label) in enumerate(found):
            index = list(parent).index(table)
            region = etree.Element(
                "div",
                {"class": REGION_CLASS, "role": "region", "tabindex": "0", "aria-label": label},
            )
            # <!--own--><div …><!--/own--><table>…</table><!--own--></div><!--/own-->
            (start_open, start_close), (end_open, end_close) = (
                own_marks(f"t{number}s"),
                own_marks(f"t{number}e"),
            )
            closing = etree.Comment(end_close)
            closing.tail, table.tail = table.tail, None
            parent.remove(table)
            region.append(etree.Comment(start_close))
            region.append(table)
            region.append(etree.Comment(end_open))
            parent.insert(index, etree.Comment(start_open))
            parent.insert(index + 1, region)
            parent.insert(index + 2, closing)

    def _walk(self, element: etree.Element, found: list, heading: list[str]) -> None:
        for child in element:
            if child.tag in _HEADINGS:
                heading[0] = _text(child) or heading[0]
            elif child.tag == "table":
                if element.get("class") != REGION_CLASS:
                    caption = child.find("caption")
                    found.append(
                        (element, child, _text(caption) if caption is not None else heading[0])
                    )
            else:
                self._walk(child, found, heading)


def _text(element: etree.Element) -> str:
    words = html.unescape("".join(element.itertext())).translate(_STASH_MARKS).split()
    text = " ".join(words)
    return text if len(text) <= 120 else text[:119] + "…"


class TableRegionsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "label": ["Table", "name of a table with no caption and no heading before it"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # after the inline patterns (20), attr_list (8) and toc (5): heading text is final
        md.treeprocessors.register(
            TableRegions(md, self.getConfig("label")), "cittamedie_tables", 1
        )


def makeExtension(**kwargs) -> TableRegionsExtension:  # noqa: N802 (Python-Markdown's name)
    return TableRegionsExtension(**kwargs)
