"""The counted limits of shapes.py and pagecounts.py, at their edges: a page just within each limit
passes, one just over it is refused with the editor's message. Counting, never timing: the verdict is the same on
every machine. (How long the slowest pages within the limits take is written by each limit.)

And the fast path: a page that `_plainly_within_limits` (with plainly_within_page_limits) waves through has nothing the line-by-line
pass would refuse."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cittamedie.content.config import read_config
from cittamedie.markup import pagecounts, render, shapes
from cittamedie.markup.render import Renderer, RenderTimeout, render_problems
from cittamedie.markup.shapes import shape_problems

from ..conftest import REPO


def words(n: int) -> str:
    return ("parola " * (n // 7 + 1))[:n]


def text(n: int, width: int = 990) -> str:
    """n characters of plain paragraphs, one line each (line ends and blank lines included)."""
    parts, left = [], n
    while left > 0:
        part = words(min(width, left))
        parts.append(part)
        left -= len(part) + 2
    return "\n\n".join(parts)[:n]


def spread(unit: str, count: int, per: int) -> str:
    """`count` units in paragraphs of `per`."""
    return "\n\n".join(unit * min(per, count - k) for k in range(0, count, per))


L = SimpleNamespace(
    **vars(pagecounts), **{k: v for k, v in vars(shapes).items() if k.startswith("MAX_")}
)
# (name, a page just within the limit, the same just over it, what the refusal says)
EDGES = [
    (
        "page characters",
        text(L.MAX_PAGE),
        text(L.MAX_PAGE + 1),
        "this page has 100,001 characters in",
    ),
    (
        "page lines",
        "a\n" * (L.MAX_PAGE_LINES - 1) + "a",
        "a\n" * L.MAX_PAGE_LINES + "a",
        "in 2,001 lines, over",
    ),
    (
        "page &",
        spread("&amp; ", L.MAX_PAGE_ENTITIES, 100),
        spread("&amp; ", L.MAX_PAGE_ENTITIES + 1, 100),
        "this page has 5,001 &, more than a page ever needs",
    ),
    (
        "page [",
        spread("[a] ", L.MAX_PAGE_BRACKETS, 100),
        spread("[a] ", L.MAX_PAGE_BRACKETS + 1, 100),
        "this page has 2,001 [, more than",
    ),
    (
        "page * and _",
        spread("*a* ", L.MAX_PAGE_EMPHASIS // 2, 400),
        spread("*a* ", L.MAX_PAGE_EMPHASIS // 2, 400) + " *",
        "this page has 10,001 * and _, more than",
    ),
    (
        "page `",
        spread("`a` ", L.MAX_PAGE_BACKTICKS // 2, 400),
        spread("`a` ", L.MAX_PAGE_BACKTICKS // 2, 400) + " `",
        "this page has 5,001 `, more than",
    ),
    (
        "page [^",
        spread("[^1] ", L.MAX_PAGE_FOOTNOTES - 1, 100) + "\n\n[^1]: x",
        spread("[^1] ", L.MAX_PAGE_FOOTNOTES, 100) + "\n\n[^1]: x",
        "this page has 501 [^, more than",
    ),
    # 100 `[` and a paragraph of 9,999 characters and its line end: 1,000,000 characters to read.
    (
        "[ × paragraph",
        "[" * 100 + words(9_899),
        "[" * 100 + words(9_900),
        "x:1: size: this paragraph has 100 [ in 10,001 characters: Markdown reads the rest of a paragraph for each [, "
        "1,000,100 characters on this page, over 1,000,000",
    ),
    (
        "[ × paragraph, over several",
        "\n\n".join(["[" * 50 + words(4_949)] * 4),
        "\n\n".join(["[" * 50 + words(4_949)] * 3 + ["[" * 51 + words(4_949)]),
        "x:7: size: this paragraph has 51 [ in 5,001 characters: Markdown reads the rest of a paragraph for each [, "
        "1,005,051 characters on this page, over 1,000,000",
    ),
    # 140 headings of 100 characters: 140 × 14,140 characters to read again.
    (
        "headings × paragraph",
        "\n".join(["# " + words(98)] * 140),
        "\n".join(["# " + words(98)] * 141),
        "x:1: size: this paragraph has 141 headings, rules or definitions in 14,241 characters",
    ),
    (
        "underlines × paragraph",
        "\n".join([words(95), "==="] * 140),
        "\n".join([words(99), "==="] * 140),
        "this paragraph has 140 headings, rules or definitions in 14,560 characters",
    ),
    (
        "< × page",
        "<br> " * 50 + "\n\n" + text(L.MAX_PAGE - 252),
        "<br> " * 51 + "\n\n" + text(L.MAX_PAGE - 257),
        "this page has 51 < in 100,000 characters: Markdown reads the rest of the page for each <, 5,100,000",
    ),
    (
        "[ in a paragraph",
        "[" * L.MAX_BRACKETS,
        "[" * (L.MAX_BRACKETS + 1),
        "this paragraph has 501 [, more than",
    ),
    (
        "* and _ in a paragraph",
        "*a* " * (L.MAX_EMPHASIS // 2),
        "*a* " * (L.MAX_EMPHASIS // 2) + "*",
        "this paragraph has 1,001 * and _, more than",
    ),
    (
        "HTML nested over lines",
        "<div>\n" * L.MAX_HTML_DEPTH + "x",
        "<div>\n" * (L.MAX_HTML_DEPTH + 1) + "x",
        "49: nesting: HTML elements are nested more than 48 deep here",
    ),
]


@pytest.mark.parametrize("name, within, over, message", EDGES, ids=[e[0] for e in EDGES])
def test_a_page_just_within_a_limit_passes_and_one_just_over_is_refused(
    name, within, over, message
):
    assert shape_problems("x", within, 1) == []
    assert any(message in str(p) for p in shape_problems("x", over, 1)), [
        str(p) for p in shape_problems("x", over, 1)
    ]


def test_the_paragraphs_of_an_html_element_with_markdown_count_as_one():
    """md_in_html reads `<p markdown>`'s paragraphs as one text: each `[` makes it reread all of them."""
    inside = "\n\n".join(["[" * 10 + "\n\n" + words(800)] * 20)
    assert shape_problems("x", inside, 1) == []
    refused = shape_problems("x", "<p markdown>\n" + inside + "\n</p>", 1)
    assert [p.line for p in refused] == [1] and "this paragraph has 200 [ in 16" in refused[
        0
    ].message


def test_the_word_markdown_in_a_sentence_does_not_join_the_paragraphs():
    """Only the attribute in a start tag does: an editor may well write about Markdown."""
    inside = "\n\n".join(["[" * 10 + "\n\n" + words(800)] * 20)
    for prose in ("Il testo usa Markdown.", "Scrivi in markdown, non in HTML: <br> markdown."):
        assert shape_problems("x", prose + "\n\n" + inside, 1) == []
    refused = shape_problems("x", '<div class="x"\n  markdown="1">\n' + inside + "\n</div>", 1)
    assert [p.line for p in refused] == [1] and "this paragraph has 200 [" in refused[0].message


def test_a_page_with_end_tags_counts_as_that_many_copies_of_itself():
    """Once Markdown's HTML reader loses its place (here after `&#`), it copies the text after each
    end tag once more: 20 end tags make a page of 4,700 characters render 60,000."""
    page = words(50) + ">&#" + "</t>" * 20 + ";" + words(4_600) + ">"
    assert shape_problems("x", page, 1) == []
    page = words(50) + ">&#" + "</t>" * 21 + ";" + words(4_600) + ">"
    (problem,) = shape_problems("x", page, 1)
    assert problem.message.startswith(
        "this page has 21 HTML end tags </…: Markdown may copy the text after each once more"
    )
    assert shape_problems("x", "[a]</b>" * 30 + words(4_000), 1)[0].message.startswith(
        "this page has 30 HTML end tags"
    )


def test_the_hostile_slow_pages_are_refused_by_counting():
    """page-slow-to-render (1,999 `&amp;` a paragraph, 100 paragraphs) and emphasis-slow-to-render
    never reach Markdown: shape_problems refuses them, whatever the machine's speed."""
    for body, message in (
        (("&amp;" * 1999 + "\n\n") * 100, "this page has 199,900 &, more than a page ever needs"),
        (
            ("_*_ " * 2499 + "\n\n") * 190,
            "this page has 1,424,430 * and _, more than a page ever needs",
        ),
    ):
        assert any(p.message == message for p in shape_problems("x", body, 1))


def test_the_time_budget_is_only_a_safety_net(monkeypatch):
    """No test reaches it: here Markdown is made to overrun it, to see the message it gives."""
    assert render.TIME_BUDGET >= 30

    def overrun(self, body):
        raise RenderTimeout

    monkeypatch.setattr(Renderer, "html", overrun)
    (problem,) = render_problems(
        Renderer.from_config(read_config(REPO / "mkdocs.yml")), "docs/x.md", "x", 10
    )
    assert (problem.line, problem.rule) == (10, "size") and "safety net" in problem.message


# ---------------------------------------------------------------- The fast path

SMALL = {
    "MAX_PAGE": 400,
    "MAX_PAGE_LINES": 40,
    "MAX_LINE": 120,
    "MAX_BRACKETS": 12,
    "MAX_ANGLES": 15,
    "MAX_EMPHASIS": 14,
    "MAX_PAGE_ENTITIES": 9,
    "MAX_PAGE_BRACKETS": 20,
    "MAX_PAGE_EMPHASIS": 25,
    "MAX_PAGE_BACKTICKS": 9,
    "MAX_PAGE_FOOTNOTES": 4,
    "MAX_BRACKET_READS": 900,
    "MAX_BLOCK_READS": 1_500,
    "MAX_ANGLE_READS": 2_000,
    "MAX_HTML_DEPTH": 3,
    "MAX_INDENT": 8,
    "MAX_QUOTE_DEPTH": 3,
}
_LIMIT_OF = {
    "&": "MAX_PAGE_ENTITIES",
    "[": "MAX_PAGE_BRACKETS",
    "* and _": "MAX_PAGE_EMPHASIS",
    "`": "MAX_PAGE_BACKTICKS",
    "[^": "MAX_PAGE_FOOTNOTES",
}
FRAGMENTS = [
    "parola ",
    "a",
    " ",
    "\n",
    "\n\n",
    "  \n",
    "[",
    "]",
    "[^1]",
    "(",
    "<",
    "<div>",
    "</div>",
    "<br>",
    "&amp;",
    "*",
    "_",
    "`",
    "# ",
    "===",
    "---",
    ": ",
    "*[A]: b",
    "> ",
    "- ",
    "\t",
    "    ",
    " markdown",
    "MarkDown",
    "!!! n",
    "?",
]


# One page just over each limit of SMALL, always tried (random pages find some of them only now and then).
JUST_OVER = [
    [("[", 13)],  # MAX_BRACKETS
    [("<", 16)],  # MAX_ANGLES
    [("*", 15)],  # MAX_EMPHASIS
    [("<div>", 4)],  # MAX_HTML_DEPTH
    [("a", 121)],  # MAX_LINE
    [("    ", 3), ("a", 1)],  # MAX_INDENT
    [("> ", 4), ("a", 1)],  # MAX_QUOTE_DEPTH
    [("parola ", 8), ("\n\n", 1)] * 8,  # MAX_PAGE
    [("a\n", 41)],  # MAX_PAGE_LINES
    [("&amp;", 10)],  # MAX_PAGE_ENTITIES
    [("[", 11), ("\n\n", 1), ("[", 11)],  # MAX_PAGE_BRACKETS
    [("*", 13), ("\n\n", 1), ("*", 13)],  # MAX_PAGE_EMPHASIS
    [("`", 10)],  # MAX_PAGE_BACKTICKS
    [("[^1]", 5)],  # MAX_PAGE_FOOTNOTES
    [("[", 10), ("parola ", 14)],  # MAX_BRACKET_READS
    [("# ", 1), ("parola ", 5), ("\n# ", 20)],  # MAX_BLOCK_READS
    [("<br>", 6), ("parola ", 50)],  # MAX_ANGLE_READS
]


def _over_limits(test):
    for parts in JUST_OVER:
        test = example(parts)(test)
    return test


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same pages on every machine and run
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.integers(1, 30)), max_size=40))
@_over_limits
def test_what_the_fast_path_passes_the_full_count_passes(parts):
    """With small limits, random pages of the signs that count: never a page the line-by-line pass
    would refuse goes through the fast path."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in SMALL.items():
            patch.setattr(shapes if hasattr(shapes, name) else pagecounts, name, value)
        signs = [(kinds, name, SMALL[_LIMIT_OF[name]]) for kinds, name, _ in pagecounts._SIGNS]
        patch.setattr(pagecounts, "_SIGNS", tuple(signs))  # built from the limits at import
        body = "".join(fragment * times for fragment, times in parts)
        if shapes._plainly_within_limits(body):
            patch.setattr(shapes, "_plainly_within_limits", lambda body: False)
            assert shape_problems("x", body, 1) == [], body
