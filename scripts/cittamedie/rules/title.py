"""A page's only heading 1 is its title: the site prints `title:` of the front matter at the top
of the page, above the parts it adds (a case's key facts). A heading 1 in the text would be a
second title, shown below those parts.

A heading 1 is written three ways: `# Title` (one #, even without a space, as Python-Markdown reads
it), `Title` underlined with `=`, and `<h1>`, also inside a box or a list. The lines that look like
one are found in the text; the page is then rendered with the site's Markdown, and they are
reported when a heading 1 of the rendered page has their words (a `# comment` in an indented code
block is not one).
"""

from __future__ import annotations

import re

from ..content.messages import say
from ..content.model import Site, Source, outside_fences, slugify
from ..content.problems import Problem
from ..markup.render import Renderer, RenderTimeout
from ..markup.shapes import shape_problems
from ..markup.text import blocks
from .run import Run

RULE = "heading-1"
UNDERLINE = re.compile(r"=+[ ]*$")  # Python-Markdown's setext heading 1: = from the first column
SHOWN = 80  # characters of the line quoted in the message
CONTAINER = " \t>"  # indentation (boxes, lists) and quotes, before a heading inside them

# What each kind of line is, given the line (the sentence around it is _problem's: a say() template
# has to be written where its values are known).
MESSAGES = {
    "atx": lambda line: say("“{line}” is a heading 1", line=line),
    "setext": lambda line: say("“{line}”, underlined with =, is a heading 1", line=line),
    "html": lambda line: say("the <h1> element is a heading 1"),
}
FIX = say(
    "delete it if it repeats the title (write the title in the front matter), or make it "
    "a section: ## Title {{#id}}"
)


def check(site: Site, run: Run) -> list[Problem]:
    problems: list[Problem] = []
    renderer = None
    for source in site.sources:
        if not isinstance(source.meta.get("title"), str):
            continue  # no title from the front matter: the schema says so
        found = candidates(source.body, source.body_line)
        if not found or shape_problems(source.rel, source.body, source.body_line):
            continue  # a shape that could hang Markdown is reported by safety.py
        renderer = renderer or run.renderer(site.root)
        headings = _headings_1(renderer, source)
        problems.extend(
            _problem(source, line, kind, text)
            for line, kind, text in found
            if headings is None or any(_writes(text, heading) for heading in headings)
        )
    return problems


def candidates(body: str, first_line: int = 1) -> list[tuple[int, str, str]]:
    """(line, kind, the line's text) of each line that may write a heading 1."""
    found = []
    lines = list(outside_fences(body, first_line))
    for index, (number, text) in enumerate(lines):
        bare = text.lstrip(CONTAINER)
        if bare.startswith("#") and not bare.startswith("##"):
            found.append((number, "atx", text.strip()))
        elif index and UNDERLINE.match(bare) and _starts_a_block(lines, index - 1):
            found.append((lines[index - 1][0], "setext", lines[index - 1][1].strip()))
        if "<h1" in text.lower():
            found.append((number, "html", text.strip()))
    return found


def _starts_a_block(lines: list[tuple[int, str]], index: int) -> bool:
    """The line at index holds text and is the first of its block (Python-Markdown underlines
    only a block's first line)."""
    if not lines[index][1].strip(CONTAINER):
        return False
    return index == 0 or not lines[index - 1][1].strip(CONTAINER)


def _headings_1(renderer: Renderer, source: Source) -> list[str] | None:
    """The words of each heading 1 of the rendered page (None: it cannot be rendered)."""
    try:
        html = renderer.html(source.body)
    except (RenderTimeout, RecursionError):
        return None  # the lines found speak for themselves; safety.py reports the page
    return [slugify(block.text) for block in blocks(html) if block.level == 1]


def _writes(line: str, heading: str) -> bool:
    """Whether a line holds a heading's words, in a row (its Markdown or tags aside)."""
    return f"-{heading}-" in f"-{slugify(line)}-" if heading else True


def _problem(source: Source, line: int, kind: str, text: str) -> Problem:
    shown = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
    why = say(
        "{what}: only the page's title may be one (the site prints it, from `title:` in the front "
        "matter, above the parts it adds)",
        what=MESSAGES[kind](shown),
    )
    return Problem(source.rel, line, RULE, why, FIX)
