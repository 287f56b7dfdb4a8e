"""Sizes and shapes of a page's Markdown that would hang or crash Python-Markdown, found by counting
in one linear pass, before anything renders the page.

Python-Markdown has inputs no editor writes on which it takes minutes (a line of 100,000 `[` takes
over 100 s) or exhausts the stack (a list nested 600 deep). Each limit is a count, so the same page
gets the same verdict on any machine: here the lines and paragraphs, in pagecounts.py the page.
"""

from __future__ import annotations

import re

from ..content.messages import say
from ..content.problems import Problem
from .pagecounts import EMPHASIS, Paragraph, page_problems, plainly_within_page_limits
from .tables import ADVICE, MAX_TABLE_SLOTS

# Limits, each far above what real content has: measured on the 62 pages and their 152 versions in
# git history, a page has at most 8,949 characters in 164 lines, 34 `[`, 4 `<`, 140 `*`/`_`, 66
# backticks, one end tag `</…>`, no `&` and no `[^`; a paragraph at most 23 lines, 2,015 characters,
# 8 `[`, 1 `<`, 34 `*`/`_`; a line at most 322 characters; indentation at most 12 spaces. Each time
# below is the CPU time to render the slowest page found within the limit, on the development
# machine (Python-Markdown 3.11 with the site's extensions), where a real page takes 0.03 s at most.
# The limits of a whole page are in pagecounts.py.
MAX_LINE = 10_000  # characters in one line
MAX_BRACKETS = 500  # `[` in one paragraph: quadratic (500 take 0.04 s, 2,000 take 1.3 s)
MAX_ANGLES = (
    2_000  # `<` in one paragraph: quadratic too (100,000 `a<` take 74 s); see MAX_ANGLE_READS
)
MAX_EMPHASIS = 1_000  # `*` and `_` in one paragraph (real: 34): 190 paragraphs of 5,000 took 58 s
MAX_INDENT = 64  # leading spaces: 16 levels of nested lists or code
MAX_QUOTE_DEPTH = 16  # list markers and `>` opened at the start of one line (`- - > 1. x`)
_NEST_LESS = say("nest lists and quotes at most 16 levels deep")
MAX_HTML_DEPTH = 48  # HTML elements open inside one another, over the page
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})")  # linear: no nested quantifier
# A line that opens two lists or quotes at once (`- - x`, `> > x`, `>> x`): worth counting how many.
_NESTED_MARKERS = re.compile(
    r"(?m)^[ ]{0,64}(?:[-*+]|[0-9]{1,9}[.)]|>)[ ]{0,8}(?:>|(?:[-*+]|[0-9]{1,9}[.)])(?:[ ]|$))"
)
# md_in_html's attribute, inside a start tag (`<div class="x" markdown>`), not the word in a
# sentence. Linear: each try runs from one `<` to the next `<` or `>`, so the tries do not overlap.
_MARKDOWN_ATTRIBUTE = re.compile(r"<[A-Za-z][^<>]*?\bmarkdown\b", re.IGNORECASE)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# First signs of a line that may start a block inside a paragraph (heading, definition, admonition,
# details), which makes Markdown read the rest of the paragraph again; so do rules and underlines.
_SPLITTING = frozenset("#:[!?")


def shape_problems(rel: str, body: str, body_line: int) -> list[Problem]:
    """Sizes and shapes that would hang or crash Markdown, found in one linear pass."""
    if _plainly_within_limits(body):
        return []
    problems: list[Problem] = []
    block_start, brackets, angles, emphasis, reported = body_line, 0, 0, 0, False
    depth, deepest_line = 0, 0
    # Paragraphs as Markdown rereads them: (first line, block lines, characters, `[`). From the first
    # `markdown` attribute on, a blank line may not end the text (md_in_html's `<p markdown>` holds
    # paragraphs), so the rest of the page counts as one.
    paragraphs: list[Paragraph] = []
    attribute = _MARKDOWN_ATTRIBUTE.search(body)
    merged_from = body_line + body.count("\n", 0, attribute.end()) if attribute else None
    start, splits, chars, opened = body_line, 0, 0, 0
    table = _MarkdownTables()
    for number, line in enumerate(body.split("\n"), start=body_line):
        table.read(number, line)
        if len(line) > MAX_LINE:
            problems.append(
                Problem(
                    rel,
                    number,
                    "size",
                    say(
                        "this line has {count:,} characters, over {limit:,}",
                        count=len(line),
                        limit=MAX_LINE,
                    ),
                    say("break it into paragraphs, or remove what was pasted by mistake"),
                )
            )
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent > MAX_INDENT:
            problems.append(
                Problem(
                    rel,
                    number,
                    "nesting",
                    say(
                        "this line is indented by {indent} spaces, over {limit}",
                        indent=indent,
                        limit=MAX_INDENT,
                    ),
                    _NEST_LESS,
                )
            )
        markers = _marker_depth(
            stripped
        )  # not `depth`: that one counts HTML elements over the page
        if markers > MAX_QUOTE_DEPTH:
            problems.append(
                Problem(
                    rel,
                    number,
                    "nesting",
                    say(
                        "this line opens {count} lists or quotes inside one another", count=markers
                    ),
                    _NEST_LESS,
                )
            )
        if not stripped:
            block_start, brackets, angles, emphasis, reported = number + 1, 0, 0, 0, False
            if merged_from is None or number < merged_from:
                if chars:
                    paragraphs.append(Paragraph(start, splits, chars, opened))
                start, splits, chars, opened = number + 1, 0, 0, 0
                continue
        chars, opened = chars + len(line) + 1, opened + line.count("[")
        if not stripped:
            continue
        splits += (
            stripped[0] in _SPLITTING or stripped.startswith("*[") or not stripped.strip("-*_= \t")
        )
        brackets += line.count("[")
        angles += line.count("<")
        emphasis += line.count("*") + line.count("_")
        if not reported and (
            brackets > MAX_BRACKETS or angles > MAX_ANGLES or emphasis > MAX_EMPHASIS
        ):
            what = (
                say("{count:,} {sign}", count=brackets, sign="[")
                if brackets > MAX_BRACKETS
                else say("{count:,} {sign}", count=angles, sign="<")
                if angles > MAX_ANGLES
                else say("{count:,} {sign}", count=emphasis, sign=EMPHASIS)
            )
            problems.append(
                Problem(
                    rel,
                    block_start,
                    "size",
                    say("this paragraph has {what}, more than a page ever needs", what=what),
                    say("split it with blank lines, or remove what was pasted by mistake"),
                )
            )
            reported = True  # one message per paragraph
        if "<" in line:
            for match in _TAG.finditer(line):
                name = match[2].lower()
                if name in _VOID:
                    continue
                depth += -1 if match[1] else 1
                if depth > MAX_HTML_DEPTH and not deepest_line:
                    deepest_line = number
    if chars:
        paragraphs.append(Paragraph(start, splits, chars, opened))
    problems += table.problems(rel)
    if deepest_line:
        problems.append(
            Problem(
                rel,
                deepest_line,
                "nesting",
                say("HTML elements are nested more than {limit} deep here", limit=MAX_HTML_DEPTH),
                say("close the tags you open; a page needs a few levels at most"),
            )
        )
    return _first_of_each(page_problems(rel, body, body_line, paragraphs) + problems)


def _plainly_within_limits(body: str) -> bool:
    """Whole-page counts that no paragraph or line can exceed when the page itself does not:
    most pages are decided here, by a few string operations in C, without the line-by-line pass."""
    brackets, angles = body.count("["), body.count("<")
    return (
        plainly_within_page_limits(body)
        and brackets <= MAX_BRACKETS
        and angles <= MAX_HTML_DEPTH
        and body.count("*") + body.count("_") <= MAX_EMPHASIS
        and "\t" not in body
        and "\n" + " " * (MAX_INDENT + 1) not in "\n" + body
        and (len(body) <= MAX_LINE or max(map(len, body.split("\n"))) <= MAX_LINE)
        and not _NESTED_MARKERS.search(body)
        and (body.count("|") + 1) * (body.count("\n") + 1) <= MAX_TABLE_SLOTS
    )


def _first_of_each(problems: list[Problem]) -> list[Problem]:
    """The first problem of each kind, saying how many lines have it: one mistake, one message."""
    first: dict[tuple[str, str], Problem] = {}
    count: dict[tuple[str, str], int] = {}
    for problem in problems:
        kind = (problem.rule, problem.fix)
        first.setdefault(kind, problem)
        count[kind] = count.get(kind, 0) + 1
    return [
        p
        if count[k] == 1
        else Problem(
            p.path,
            p.line,
            p.rule,
            say(
                "{message} (and {count} more lines like it)", message=p.message, count=count[k] - 1
            ),
            p.fix,
        )
        for k, p in first.items()
    ]


def _marker_depth(line: str) -> int:
    """How many lists and quotes a line opens at its start: `- - > 1. x` opens four."""
    depth = 0
    for token in line[:400].split():
        if set(token) == {">"}:
            depth += len(token)
        elif token in ("-", "*", "+") or (token[:-1].isdigit() and token[-1:] in ".)"):
            depth += 1
        else:
            break
    return depth


class _MarkdownTables:
    """Markdown's tables (the `tables` extension), counted in the source before anything renders
    them: a block whose second line is a row of dashes and pipes is a table with that row's columns
    in each of its lines, short rows filled with empty cells. 100,000 characters of `|` make
    Markdown build millions of cells; markup/tables.py counts rendered tables with the same limit."""

    def __init__(self) -> None:
        self.slots, self.first, self.shown = 0, 0, ""
        self.block_lines, self.columns, self.start = 0, 0, 0

    def read(self, number: int, line: str) -> None:
        text = line.lstrip(" \t>")
        if not text.strip():
            self._close()
            return
        self.block_lines += 1
        if self.block_lines == 1:
            self.start = number
        elif self.block_lines == 2 and "-" in text and "|" in text and not text.strip("|:- \t"):
            row = text.strip()  # outer pipes add no column
            self.columns = row.count("|") + 1 - row.startswith("|") - row.endswith("|")

    def _close(self) -> None:
        if self.columns:
            rows = self.block_lines - 1  # the row of dashes is no row
            self.slots += rows * self.columns
            if self.slots > MAX_TABLE_SLOTS and not self.first:
                self.first, self.shown = (
                    self.start,
                    say(
                        "{rows:,} rows of up to {columns:,} columns",
                        rows=rows,
                        columns=self.columns,
                    ),
                )
        self.block_lines = self.columns = 0

    def problems(self, rel: str) -> list[Problem]:
        self._close()
        if not self.first:
            return []
        return [
            Problem(
                rel,
                self.first,
                "size",
                say(
                    "this table has {size}: with the page's other tables, more than {limit:,} cells",
                    size=self.shown,
                    limit=MAX_TABLE_SLOTS,
                ),
                ADVICE,
            )
        ]
