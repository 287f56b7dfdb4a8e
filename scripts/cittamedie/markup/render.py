"""A page's Markdown → HTML with bounded work, and what the sanitiser would remove from it.

The validator renders with the Markdown configuration of mkdocs.yml, so it reports what the build
would refuse. Python-Markdown has inputs no editor writes on which it takes minutes (a line of
100,000 `[` takes over 100 s) or exhausts the stack (a list nested 600 deep): their shapes are
refused before anything renders them, and a time budget catches what the limits do not.
"""

from __future__ import annotations

import re
import signal
import threading
from contextlib import contextmanager

import markdown

from ..content.config import Config
from ..content.problems import Problem
from . import sanitize
from .plaintext import markup_in

# Limits, each far above what real content has (measured on the 89 pages: longest line 654
# characters; at most 8 `[` and 138 `<` in one paragraph; indentation at most 12 spaces).
MAX_LINE = 10_000  # characters in one line
MAX_BRACKETS = 500  # `[` in one paragraph: Python-Markdown is quadratic in them (2,000 take 1.3 s)
MAX_ANGLES = 2_000  # `<` in one paragraph: quadratic too (100,000 `a<` take 74 s)
MAX_EMPHASIS = 1_000  # `*` and `_` in one paragraph (real: 34): 190 paragraphs of 5,000 took 58 s
MAX_INDENT = 64  # leading spaces: 16 levels of nested lists or code
MAX_QUOTE_DEPTH = 16  # list markers and `>` opened at the start of one line (`- - > 1. x`)
MAX_HTML_DEPTH = 48  # HTML elements open inside one another
TIME_BUDGET = 3.0  # seconds to render one page, whatever slipped through the limits

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})")  # linear: no nested quantifier
# A line that opens two lists or quotes at once (`- - x`, `> > x`, `>> x`): worth counting how many.
_NESTED_MARKERS = re.compile(
    r"(?m)^[ ]{0,64}(?:[-*+]|[0-9]{1,9}[.)]|>)[ ]{0,8}(?:>|(?:[-*+]|[0-9]{1,9}[.)])(?:[ ]|$))"
)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_SAFE_TARGET = ("http://", "https://", "mailto:")
# Admonitions and details: Markdown makes their type a class.
_BLOCK_SIGNS = ("!!!", "???")


class RenderTimeout(Exception):
    """The page took longer than TIME_BUDGET to render."""


def shape_problems(rel: str, body: str, body_line: int) -> list[Problem]:
    """Sizes and shapes that would hang or crash Markdown, found in one linear pass."""
    if _plainly_within_limits(body):
        return []
    problems: list[Problem] = []
    block_start, brackets, angles, emphasis = body_line, 0, 0, 0
    depth, deepest_line = 0, 0
    for number, line in enumerate(body.split("\n"), start=body_line):
        if len(line) > MAX_LINE:
            problems.append(
                Problem(
                    rel,
                    number,
                    "size",
                    f"this line has {len(line):,} characters, over {MAX_LINE:,}",
                    "break it into paragraphs, or remove what was pasted by mistake",
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
                    f"this line is indented by {indent} spaces, over {MAX_INDENT}",
                    "nest lists and quotes at most 16 levels deep",
                )
            )
        depth = _marker_depth(stripped)
        if depth > MAX_QUOTE_DEPTH:
            problems.append(
                Problem(
                    rel,
                    number,
                    "nesting",
                    f"this line opens {depth} lists or quotes inside one another",
                    "nest lists and quotes at most 16 levels deep",
                )
            )
        if not stripped:
            block_start, brackets, angles, emphasis = number + 1, 0, 0, 0
            continue
        brackets += line.count("[")
        angles += line.count("<")
        emphasis += line.count("*") + line.count("_")
        if brackets > MAX_BRACKETS or angles > MAX_ANGLES or emphasis > MAX_EMPHASIS:
            what = (
                f"{brackets:,} ["
                if brackets > MAX_BRACKETS
                else f"{angles:,} <"
                if angles > MAX_ANGLES
                else f"{emphasis:,} * and _"
            )
            problems.append(
                Problem(
                    rel,
                    block_start,
                    "size",
                    f"this paragraph has {what}, more than a page ever needs",
                    "split it with blank lines, or remove what was pasted by mistake",
                )
            )
            brackets = angles = emphasis = -(10**9)  # one message per paragraph
        if "<" in line:
            for match in _TAG.finditer(line):
                name = match[2].lower()
                if name in _VOID:
                    continue
                depth += -1 if match[1] else 1
                if depth > MAX_HTML_DEPTH and not deepest_line:
                    deepest_line = number
    if deepest_line:
        problems.append(
            Problem(
                rel,
                deepest_line,
                "nesting",
                f"HTML elements are nested more than {MAX_HTML_DEPTH} deep here",
                "close the tags you open; a page needs a few levels at most",
            )
        )
    return _first_of_each(problems)


def _plainly_within_limits(body: str) -> bool:
    """Whole-page counts that no paragraph or line can exceed when the page itself does not:
    most pages are decided here, by a few string operations in C, without the line-by-line pass."""
    return (
        body.count("[") <= MAX_BRACKETS
        and body.count("<") <= MAX_HTML_DEPTH
        and body.count("*") + body.count("_") <= MAX_EMPHASIS
        and "\t" not in body
        and "\n" + " " * (MAX_INDENT + 1) not in "\n" + body
        and (len(body) <= MAX_LINE or max(map(len, body.split("\n"))) <= MAX_LINE)
        and not _NESTED_MARKERS.search(body)
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
            p.path, p.line, p.rule, f"{p.message} (and {count[k] - 1} more lines like it)", p.fix
        )
        for k, p in first.items()
    ]


def could_hold_markup(body: str, heading_ids: set[str]) -> bool:
    """Cheap needles: plain Markdown without these renders only tags and addresses the allowlist
    accepts, so the validator renders just the pages that have one of them. Braces are fine only
    as a heading's bare `{#id}`: anything else in braces is an attribute list."""
    markers = body.count(
        "<!-- cittamedie:"
    )  # our marker comments: replaced by the build, never HTML
    bare_ids = sum(body.count("{#" + anchor + "}") for anchor in heading_ids)
    if body.count("<") > markers or "&" in body or body.count("{") > bare_ids:
        return True
    if any(sign in body for sign in _BLOCK_SIGNS) and _unusual_block_types(body):
        return True
    if "![" in body and _remote_images(body):
        return True
    for opener, closer in (("](", ")"), ("]:", "\n")):
        start = body.find(opener)
        while start != -1:
            end = body.find(closer, start, start + 2_000)  # bounded: no scan to the end per opener
            target = body[start + 2 : end if end != -1 else start + 2_000].strip()
            if not target and closer == "\n":
                return True  # a reference definition whose address is on the next line
            if ":" in target and not target.startswith(_SAFE_TARGET) or target.startswith("//"):
                return True
            start = body.find(opener, start + 2)
    return False


def _unusual_block_types(body: str) -> bool:
    """An admonition or details block whose type is not one of the site's classes."""
    for line in body.split("\n"):
        head = line.lstrip()
        if head.startswith(_BLOCK_SIGNS):
            words = head.split('"', 1)[0].split()[1:]
            if any(word != "+" and not sanitize.class_allowed("div", word) for word in words):
                return True
    return False


def _remote_images(body: str) -> bool:
    """An image whose address has a scheme or a host, or comes from a reference definition."""
    start = body.find("![")
    while start != -1:
        close = body.find("]", start, start + 2_000)
        after = body[close + 1 : close + 2_002] if close != -1 else ""
        if after.startswith("["):
            return True
        if after.startswith("("):
            target = after[1:].lstrip(" <")
            if target.startswith("//") or ":" in target.split(")", 1)[0].split(" ", 1)[0]:
                return True
        start = body.find("![", start + 2)
    return False


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


class Renderer:
    """Python-Markdown with the extensions and settings of the site's mkdocs.yml."""

    def __init__(self, extensions: list, configs: dict) -> None:
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)

    @classmethod
    def from_config(cls, config: Config) -> Renderer:
        """The Markdown of the site's mkdocs.yml (content/config.py)."""
        return cls(*config.markdown_extensions())

    def html(self, body: str) -> str:
        self._markdown.reset()
        with _time_budget(TIME_BUDGET):
            return self._markdown.convert(body)

    def toc_labels(self) -> list[str]:
        """The menu labels (`data-toc-label`) of the page rendered last: Markdown takes them out
        of the headings, so the sanitiser never sees them in the page."""
        labels, stack = [], list(getattr(self._markdown, "toc_tokens", []))
        while stack:
            token = stack.pop()
            labels += [token["data-toc-label"]] if token.get("data-toc-label") else []
            stack += token.get("children", [])
        return labels


def published_html(renderer: Renderer, body: str) -> str:
    """Safe HTML of a body that was checked when it was committed (a chapter from git): refused
    shapes, a timeout or too deep a nesting give nothing, and what the sanitiser removes is not
    published."""
    if shape_problems("", body, 1):
        return ""
    try:
        html = renderer.html(body)
    except (RenderTimeout, RecursionError):
        return ""
    return sanitize.clean(html)[0]


def render_problems(renderer: Renderer, rel: str, body: str, body_line: int) -> list[Problem]:
    """What the build would refuse in this page: its time, its nesting, or what the sanitiser removes."""
    try:
        html = renderer.html(body)
    except RenderTimeout:
        return [
            Problem(
                rel,
                body_line,
                "size",
                f"the page takes more than {TIME_BUDGET:g} s to render",
                "split it into smaller pages, or remove what was pasted by mistake",
            )
        ]
    except RecursionError:
        return [
            Problem(
                rel,
                body_line,
                "nesting",
                "the page nests lists, quotes or HTML too deeply to render",
                "nest them at most 16 levels deep",
            )
        ]
    problems = removal_problems(rel, body, body_line, sanitize.clean(html)[1])
    for label in renderer.toc_labels():
        what = markup_in(label)
        if what:
            at = body.find("data-toc-label")
            problems.append(
                Problem(
                    rel,
                    body_line + body.count("\n", 0, max(at, 0)),
                    "unsafe-html",
                    f"the menu label `{label[:60]}` of a heading contains {what}",
                    "write the label as plain text",
                )
            )
    return problems


def removal_problems(
    rel: str, body: str, body_line: int, removed: list[sanitize.Removal]
) -> list[Problem]:
    """One problem per removed tag or attribute, on the first source line that mentions it."""
    lowered = body.lower()
    problems = []
    for removal in removed:
        line = body_line
        for needle in removal.needles:
            at = lowered.find(needle.lower())
            if at != -1:
                line = body_line + lowered.count("\n", 0, at)
                break
        problems.append(Problem(rel, line, "unsafe-html", removal.describe(), removal.fix()))
    return problems


@contextmanager
def _time_budget(seconds: float):
    """Interrupt the block after `seconds` (SIGALRM: only where the main thread runs it)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum, frame):
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
