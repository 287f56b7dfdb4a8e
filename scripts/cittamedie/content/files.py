"""Bytes on disk → front matter (safe YAML, with the line of every field) and body.

Never raises on bad input: every failure becomes a Problem worded for an editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .messages import say
from .problems import Problem
from .yamlsafe import parse_yaml

MAX_BYTES = 2_000_000  # the longest real page is ~30 kB; anything this big is a mistake


@dataclass
class Loaded:
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the first body line
    lines: dict[str, int] = field(default_factory=dict)  # dotted field → line
    problems: list[Problem] = field(default_factory=list)
    ok: bool = True
    split: bool = False  # the --- lines were found: body is the text after them


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a text file as UTF-8, refusing binaries, huge files and link loops."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [
            Problem(
                shown,
                0,
                "file",
                say("the file cannot be opened ({reason})", reason=exc.strerror),
                say("check that it is not a broken link or a link that points to itself"),
            )
        ]
    if size > MAX_BYTES:
        return None, [
            Problem(
                shown,
                0,
                "file",
                say(
                    "the file is {size:,} bytes, over the {limit:,} limit",
                    size=size,
                    limit=MAX_BYTES,
                ),
                say("split it into several pages, or remove what was pasted by mistake"),
            )
        ]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(
                shown,
                0,
                "file",
                say("the file cannot be read ({reason})", reason=exc.strerror),
                say("check its permissions, or whether it is a link to a missing file"),
            )
        ]
    if _is_utf16(raw):
        return None, [
            Problem(
                shown, 0, "encoding", say("the file is saved as UTF-16, not UTF-8"), _SAVE_AS_UTF8
            )
        ]
    if b"\x00" in raw:
        return None, [
            Problem(
                shown,
                0,
                "encoding",
                say("the file is binary, not text"),
                say("a page must be a Markdown text file; move images to a media/ folder"),
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        not_utf8 = say("the file is not UTF-8 text")
        return None, [Problem(shown, line, "encoding", not_utf8, _SAVE_AS_UTF8)]
    return normalize(text), []


def normalize(text: str) -> str:
    """Text as MkDocs reads it ("utf-8-sig" and universal newlines): the same text, the same line
    numbers, for a file on disk and for a text read from git."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


_SAVE_AS_UTF8 = say("save it as UTF-8 in your editor (File → Save with encoding → UTF-8)")


def _is_utf16(raw: bytes) -> bool:
    """A UTF-16 byte-order mark, or Latin text with a NUL byte every other byte (UTF-16 without one)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return False
    return (odd.count(0) > 0.9 * len(odd) and not even.count(0)) or (
        even.count(0) > 0.9 * len(even) and not odd.count(0)
    )


NO_FRONT_MATTER = say("the file has no front matter")
# The only delimiters MkDocs reads (mkdocs.utils.meta.YAML_RE): at the very start of a line, followed by
# spaces or tabs only, then a new line. Any other form and MkDocs publishes the header as page text.
_DELIMITER = re.compile(r"(?:---|\.\.\.)[ \t]*")


def front_matter_end(lines: list[str], shown: str) -> tuple[int, Problem | None]:
    """Index of the line that closes the front matter opened by lines[0], or the reason there is none.

    The one front-matter splitter: the validator, the build and `translations --mark-current` agree
    with MkDocs on where the header ends. The first line that looks like a delimiter decides."""
    if lines[0].strip() != "---":
        return 0, Problem(
            shown,
            1,
            "front-matter",
            NO_FRONT_MATTER,
            say("put the --- header block (id, title, updated, sources…) on the very first line"),
        )
    if not _DELIMITER.fullmatch(lines[0]):
        return 0, _bad_delimiter(shown, 0, lines[0], say("opening"))
    for i in range(1, len(lines)):
        mark = lines[i].strip()
        if mark not in ("---", "..."):
            continue
        if not _DELIMITER.fullmatch(lines[i]):
            return i, _bad_delimiter(shown, i, lines[i], say("closing"))
        if i == len(lines) - 1:  # MkDocs wants a new line after the closing ---
            return i, Problem(
                shown,
                i + 1,
                "front-matter",
                say("the file ends right after the closing {mark}", mark=mark),
                say("press Enter after {mark}, so that the line ends", mark=mark),
            )
        return i, None
    return 0, Problem(
        shown,
        1,
        "front-matter",
        say("the front matter is never closed"),
        say("add a line with --- after the last header field"),
    )


def _bad_delimiter(shown: str, index: int, line: str, which: str) -> Problem:
    mark = line.strip()
    if line[:1].isspace():
        return Problem(
            shown,
            index + 1,
            "front-matter",
            say("the {which} {mark} has spaces before it", which=which, mark=mark),
            say("start the line with {mark}", mark=mark),
        )
    return Problem(
        shown,
        index + 1,
        "front-matter",
        say("the {which} {mark} is followed by an invisible character", which=which, mark=mark),
        say("delete everything after {mark} on that line", mark=mark),
    )


def load_markdown(path: Path, shown: str) -> Loaded:
    """Split a Markdown file into front matter and body."""
    text, problems = read_text(path, shown)
    if text is None:
        return Loaded(problems=problems, ok=False)
    return parse_markdown(text, shown)


def parse_markdown(text: str, shown: str) -> Loaded:
    """Front matter and body of a page's text (normalized): the one splitter of the package, for
    files on disk and for texts read from git (history/git.py, Repository.source_at)."""
    if not text.strip():
        return Loaded(
            problems=[
                Problem(
                    shown,
                    1,
                    "front-matter",
                    say("the file is empty"),
                    say("start it with a --- header block; see CONTRIBUTING.en.md"),
                )
            ],
            ok=False,
        )
    lines = text.split("\n")
    end, problem = front_matter_end(lines, shown)
    if problem:
        return Loaded(
            body=text if problem.message == NO_FRONT_MATTER else "", problems=[problem], ok=False
        )
    data, field_lines, problems = parse_yaml("\n".join(lines[1:end]), shown, first_line=2)
    loaded = Loaded(
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
        lines=field_lines,
        problems=problems,
        split=True,
    )
    if problems:
        loaded.ok = False
    elif not isinstance(data, dict):
        kind = (
            say("empty")
            if data is None
            else say("a {type}, not a list of fields", type=type(data).__name__)
        )
        loaded.problems.append(
            Problem(
                shown,
                2,
                "front-matter",
                say("the front matter is {kind}", kind=kind),
                say("write one `field: value` per line between the --- lines"),
            )
        )
        loaded.ok = False
    else:
        loaded.meta = data
    return loaded


def load_yaml_file(path: Path, shown: str) -> Loaded:
    """Load a data or metadata YAML file (a mapping at the top)."""
    text, problems = read_text(path, shown)
    if text is None:
        return Loaded(problems=problems, ok=False)
    data, field_lines, problems = parse_yaml(text, shown)
    if problems:
        return Loaded(problems=problems, ok=False)
    if not isinstance(data, dict):
        return Loaded(
            problems=[
                Problem(
                    shown,
                    1,
                    "yaml",
                    say("the file must hold `field: value` lines at the top"),
                    say("compare it with CONTRIBUTING.en.md"),
                )
            ],
            ok=False,
        )
    return Loaded(meta=data, lines=field_lines)
