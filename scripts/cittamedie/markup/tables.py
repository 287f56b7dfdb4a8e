"""How big a page's tables are, counted as the HTML table model lays them out: rows × columns,
where a cell covers `colspan` columns of `rowspan` rows, and a cell spanning from a row above pushes
the cells of the rows below to the right.

WeasyPrint (the PDF export) lays out every slot of that grid: 20 rows of 20 cells each spanning 50
columns and 50 rows make a grid of 50 rows × 50,000 columns, which took 7.4 s for a few hundred bytes
of HTML (hundreds of rows and columns: minutes); 10,000 plain cells took 5.6 s. The limit is a count,
so the verdict is the same on every machine, and the count stops as soon as it is passed, so
counting costs at most the limit whatever the spans. The validator counts the page it renders
(render.py), the build counts the page it publishes (site/pages.py) and the Markdown tables of a
page too plain to be rendered are counted in its source (shapes.py).
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..content.messages import say
from ..content.problems import Problem

# Grid slots of all the tables of one page, the site's parts included. Real pages: at most 52
# (guidelines/linee-guida/processo.md); generated tables grow with the data (a row per priority,
# per page of the translation status) and stay far below. 10,000 plain cells take WeasyPrint 5.6 s.
MAX_TABLE_SLOTS = 10_000
# The HTML standard's own ceilings (a larger value counts as these)
MAX_COLSPAN, MAX_ROWSPAN = 1_000, 65_534
ADVICE = say("split the table into smaller tables, or use fewer merged cells (colspan, rowspan)")


def table_problems(rel: str, body: str, body_line: int, html: str) -> list[Problem]:
    """A problem when the page's tables have more slots than MAX_TABLE_SLOTS, at the source line of
    the first merged cell or table."""
    slots = table_slots(html)
    if slots <= MAX_TABLE_SLOTS:
        return []
    return [
        Problem(
            rel,
            _first_table_line(body, body_line),
            "size",
            say(
                "the tables of this page lay out more than {limit:,} cells "
                "(rows × columns, merged cells counted as the rows and columns they cover)",
                limit=MAX_TABLE_SLOTS,
            ),
            ADVICE,
        )
    ]


def table_slots(html: str) -> int:
    """The grid slots of the tables in html, all together; counting stops past MAX_TABLE_SLOTS."""
    counter = _TableCounter()
    counter.feed(html)
    counter.close()
    return counter.slots


class _Grid:
    """One table's rows and columns, as cells are placed in it row by row."""

    def __init__(self) -> None:
        self.rows = self.width = self.x = 0
        self.below: dict[int, int] = {}  # column → rows still covered by a cell from above

    def new_group(self) -> None:
        """thead, tbody, tfoot: a cell spans rows down to the end of its group at most."""
        self.below = {}

    def new_row(self) -> None:
        if self.rows:
            self.below = {col: left - 1 for col, left in self.below.items() if left > 1}
        self.rows, self.x = self.rows + 1, 0

    def place(self, colspan: int, rowspan: int) -> None:
        if not self.rows:
            self.new_row()
        while self.x in self.below:
            self.x += 1
        for col in range(self.x, self.x + colspan):
            self.below[col] = rowspan
        self.x += colspan
        self.width = max(self.width, self.x)

    @property
    def slots(self) -> int:
        return self.rows * max(self.width, 1 if self.rows else 0)


class _TableCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done = 0  # slots of the tables closed so far
        self.open: list[_Grid] = []  # tables inside one another

    @property
    def slots(self) -> int:
        return self.done + sum(grid.slots for grid in self.open)

    def handle_starttag(self, tag, attrs):
        if self.slots > MAX_TABLE_SLOTS:
            return  # over the limit: no more work, whatever follows
        if tag == "table":
            self.open.append(_Grid())
        elif not self.open:
            return
        elif tag == "tr":
            self.open[-1].new_row()
        elif tag in ("thead", "tbody", "tfoot"):
            self.open[-1].new_group()
        elif tag in ("td", "th"):
            values = dict(attrs)
            colspan = _span(values.get("colspan"), MAX_COLSPAN, 1)
            rowspan = _span(values.get("rowspan"), MAX_ROWSPAN, MAX_ROWSPAN)  # 0: to the end
            # never more columns than the limit allows: the loop over them stays bounded
            self.open[-1].place(min(colspan, MAX_TABLE_SLOTS + 1), rowspan)

    def handle_endtag(self, tag):
        if tag == "table" and self.open:
            self.done += self.open.pop().slots


def _span(value: str | None, ceiling: int, zero: int) -> int:
    """A colspan or rowspan as a browser reads it: leading digits, at most the ceiling; 0 for a
    rowspan means the rest of the group (counted as the ceiling); anything else is 1."""
    digits = ""
    for char in (value or "").strip()[:8]:
        if not char.isascii() or not char.isdigit():
            break
        digits += char
    if not digits:
        return 1
    number = int(digits)
    return zero if number == 0 else min(number, ceiling)


def _first_table_line(body: str, body_line: int) -> int:
    """The first source line with a merged cell, else with a table, else the page's first line."""
    lowered = body.lower()
    for needles in (("colspan", "rowspan"), ("<table", "\n|")):
        found = [at for at in (lowered.find(n) for n in needles) if at != -1]
        if found:
            at = min(found)
            return body_line + body.count("\n", 0, at) + (lowered[at] == "\n")
    return body_line
