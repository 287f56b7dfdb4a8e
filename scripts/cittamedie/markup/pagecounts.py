"""Limits on a whole page: its size, the signs it holds and what Markdown reads again, all counted.

A hundred paragraphs each within the limits of shapes.py can still take Python-Markdown seconds,
because each sign, line and character costs it some work and some of that work is read again. These
limits count that work, so the same page gets the same verdict on any machine; the time budget in
render.py is only a safety net behind them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..content.messages import say
from ..content.problems import Problem
from .furniture_words import listed

# Each time below is the CPU time to render the slowest page found within the limit, on the
# development machine (Python-Markdown 3.11 with the site's extensions), where a real page takes
# 0.03 s at most. Real pages: see the figures in shapes.py.
MAX_PAGE = (
    100_000  # characters: 0.25 s as dense `\\` or `|`, 0.87 s as a code fence Pygments colours
)
MAX_PAGE_LINES = 2_000  # lines: 25 µs to 0.25 ms a block (a code fence: Pygments), 0.23 s at most
MAX_PAGE_ENTITIES = 5_000  # `&`: 9 µs each as `&amp;`, 0.05 s (199,900 took 2.1 s)
MAX_PAGE_BRACKETS = 2_000  # `[`: 25 µs each as links `[a](b)`, 0.06 s
MAX_PAGE_EMPHASIS = 10_000  # `*` and `_`: 7 to 10 µs each, 0.1 s
MAX_PAGE_BACKTICKS = (
    5_000  # backticks: 6 µs each in code spans, 0.03 s; as fences, see MAX_PAGE_LINES
)
MAX_PAGE_FOOTNOTES = 500  # `[^`: quadratic in the references to one footnote, 0.18 s (2,000: 2.2 s)
# Rereading: Markdown reads the rest of a paragraph again for each `[` in it, to find the `]` that
# closes it (245 ns a character); the rest of a paragraph for each line in it that starts a block of
# its own (a heading, a rule, a definition: up to 90 ns); and the rest of the page for each `<`, to
# find where the tag ends (26 ns). So these count signs × characters: 500 `[` in 9,500 characters
# took 1.1 s, 200 `<` before 100,000 characters 0.53 s, 200 headings in 100,000 characters 1.5 s.
MAX_BRACKET_READS = 1_000_000  # `[` × characters of their paragraph, over the page (real: 12,470)
MAX_BLOCK_READS = 2_000_000  # such lines × characters of their paragraph (real: 8,524): 0.11 s
MAX_ANGLE_READS = 5_000_000  # `<` × characters of the page (real: 31,312): 0.13 s
# End tags: once Markdown's HTML reader loses its place (after `&#` without a number, or an unclosed
# `<!--`, `<?`, `<![`), it copies the text after each `</…>` once more (20 end tags made 4,700
# characters into 60,000; a page of 2,000 took 8.5 s). So a page with n end tags is counted as n + 1
# copies of itself: a paragraph of the copies is made of pieces of at most 2 × copies paragraphs,
# and rereading is counted as 2 × copies² × the page's signs × its longest paragraph.

# (signs counted together, their name in the message, at most per page)
EMPHASIS = say("* and _")  # the signs of emphasis, named in the editor's language
_SIGNS = (
    (("&",), "&", MAX_PAGE_ENTITIES),
    (("[",), "[", MAX_PAGE_BRACKETS),
    (("*", "_"), EMPHASIS, MAX_PAGE_EMPHASIS),
    (("`",), "`", MAX_PAGE_BACKTICKS),
    (("[^",), "[^", MAX_PAGE_FOOTNOTES),
)


class Paragraph(NamedTuple):
    """A paragraph as Markdown rereads it (shapes.py finds them in its pass over the lines)."""

    line: int  # its first line in the file
    splits: int  # lines in it that may start a block of their own
    chars: int  # characters, line ends included
    opened: int  # `[` in it


def page_problems(
    rel: str, body: str, body_line: int, paragraphs: list[Paragraph]
) -> list[Problem]:
    """The page's counts over their limits; if none, whether its end tags would make them so."""
    problems = _over_limits(rel, body, body_line, paragraphs, copies=1)
    copies = 1 + body.count("</")
    if problems or copies == 1 or not _over_limits(rel, body, body_line, paragraphs, copies):
        return problems
    tags = (
        say("{count:,} HTML end tags", count=copies - 1)
        if copies > 2
        else say("{count:,} HTML end tag", count=copies - 1)
    )
    return [
        Problem(
            rel,
            body_line,
            "size",
            say(
                "this page has {tags} </…: Markdown may copy the text after each once more (a bug "
                "of its HTML reader), and {copies:,} copies of this page would be more than a page "
                "ever needs",
                tags=tags,
                copies=copies,
            ),
            say(
                "write the formatting in Markdown rather than HTML, or split the page into smaller "
                "pages"
            ),
        )
    ]


def plainly_within_page_limits(body: str) -> bool:
    """Whole-page bounds for the counts above, by a few string operations in C: rereading is
    bounded by taking the whole page as one paragraph."""
    chars, lines, copies = len(body), body.count("\n") + 1, 1 + body.count("</")
    reread = (chars + 1) * (1 if copies == 1 else 2 * copies * copies)
    brackets = body.count("[")
    return (
        chars * copies <= MAX_PAGE
        and lines * copies <= MAX_PAGE_LINES
        and brackets * copies <= MAX_PAGE_BRACKETS
        and brackets * reread <= MAX_BRACKET_READS
        and lines * reread <= MAX_BLOCK_READS
        and body.count("<") * chars <= MAX_ANGLE_READS
        and all(sum(map(body.count, kinds)) * copies <= limit for kinds, _, limit in _SIGNS)
    )


def _over_limits(
    rel: str, body: str, body_line: int, paragraphs: list[Paragraph], copies: int
) -> list[Problem]:
    """The page's size, signs and rereading over their limits, as if it were there `copies` times."""
    problems = []
    size, lines = len(body), body.count("\n") + 1
    if size * copies > MAX_PAGE or lines * copies > MAX_PAGE_LINES:
        problems.append(
            Problem(
                rel,
                body_line,
                "size",
                say(
                    "this page has {size:,} characters in {lines:,} lines, "
                    "over {limit:,} characters or {line_limit:,} lines",
                    size=size,
                    lines=lines,
                    limit=MAX_PAGE,
                    line_limit=MAX_PAGE_LINES,
                ),
                say("split it into smaller pages"),
            )
        )
    counts = ((sum(map(body.count, kinds)), name, limit) for kinds, name, limit in _SIGNS)
    over = [
        say("{count:,} {sign}", count=count, sign=name)
        for count, name, limit in counts
        if count * copies > limit
    ]
    if over:
        problems.append(
            Problem(
                rel,
                body_line,
                "size",
                say("this page has {what}, more than a page ever needs", what=listed(over)),
                say("remove what was pasted by mistake, or split the page into smaller pages"),
            )
        )
    angles = body.count("<")  # the HTML reader reads the page itself, never the copies
    if angles * size > MAX_ANGLE_READS:
        problems.append(
            Problem(
                rel,
                body_line,
                "size",
                say(
                    "this page has {angles:,} < in {size:,} characters: Markdown reads the rest of "
                    "the page for each <, {reads:,} characters, over {limit:,}",
                    angles=angles,
                    size=size,
                    reads=angles * size,
                    limit=MAX_ANGLE_READS,
                ),
                say("write a < that is not a tag as &lt;, or split the page into smaller pages"),
            )
        )
    if paragraphs:
        problems += _reread_problems(rel, paragraphs, copies)
    return problems


def _reread_problems(rel: str, paragraphs: list[Paragraph], copies: int) -> list[Problem]:
    """What Markdown reads again for each `[` and each block-starting line, over the page."""
    problems = []
    reads, worst = _reads(paragraphs, copies, lambda p: p.opened)
    if reads > MAX_BRACKET_READS:
        problems.append(
            Problem(
                rel,
                worst.line,
                "size",
                say(
                    "this paragraph has {opened:,} [ in {chars:,} characters: Markdown reads "
                    "the rest of a paragraph for each [, {reads:,} characters on this page, "
                    "over {limit:,}",
                    opened=worst.opened,
                    chars=worst.chars,
                    reads=reads,
                    limit=MAX_BRACKET_READS,
                ),
                say(
                    "close each [ with ] (or write \\[), and split long paragraphs with blank lines"
                ),
            )
        )
    reads, worst = _reads(paragraphs, copies, lambda p: p.splits)
    if reads > MAX_BLOCK_READS:
        problems.append(
            Problem(
                rel,
                worst.line,
                "size",
                say(
                    "this paragraph has {splits:,} headings, rules or definitions in "
                    "{chars:,} characters: Markdown reads the rest of a paragraph for each, "
                    "{reads:,} characters on this page, over {limit:,}",
                    splits=worst.splits,
                    chars=worst.chars,
                    reads=reads,
                    limit=MAX_BLOCK_READS,
                ),
                say("put a blank line before and after each heading, rule or definition"),
            )
        )
    return problems


def _reads(
    paragraphs: list[Paragraph], copies: int, signs: Callable[[Paragraph], int]
) -> tuple[int, Paragraph]:
    """Characters read again for the signs, over the page, and the paragraph that reads the most.
    With copies, a paragraph is made of pieces of 2 × copies paragraphs (see the end tags above)."""
    if copies == 1:
        reads = sum(signs(p) * p.chars for p in paragraphs)
    else:
        longest = max(p.chars for p in paragraphs)
        reads = 2 * copies * copies * longest * sum(map(signs, paragraphs))
    return reads, max(paragraphs, key=lambda p: signs(p) * p.chars)
