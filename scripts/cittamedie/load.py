"""Bytes on disk → front matter (safe YAML, with the line of every field) and body.

Never raises on bad input: every failure becomes a Problem worded for an editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

MAX_BYTES = 2_000_000  # the longest real page is ~30 kB; anything this big is a mistake
MAX_ALIASES = 50  # bounds "billion laughs" alias bombs


@dataclass
class Loaded:
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the first body line
    lines: dict[str, int] = field(default_factory=dict)  # dotted field → line
    problems: list[Problem] = field(default_factory=list)
    ok: bool = True


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of each mapping key and counts aliases."""

    def __init__(self, stream):
        super().__init__(stream)
        self.key_lines: dict[str, int] = {}
        self.aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases (*name)")
        return super().compose_node(parent, index)


# Dates stay strings, so that the schema's "format: date" can say which date is not real
# (PyYAML would raise on 2026-02-30 before any schema sees it).
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _record_lines(node, prefix: str, out: dict[str, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{prefix}.{key.value}" if prefix else str(key.value)
            out.setdefault(name, key.start_mark.line + offset)
            _record_lines(value, name, out, offset)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            name = f"{prefix}.{i}"
            out.setdefault(name, item.start_mark.line + offset)
            _record_lines(item, name, out, offset)


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[object, dict[str, int], list[Problem]]:
    """Parse YAML text; returns (data, dotted-field → line, problems)."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is not None:
            _record_lines(node, "", lines, first_line)
        data = loader.construct_document(node) if node is not None else None
        return _plain(data), lines, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = exc.problem or str(exc)
        return None, {}, [Problem(path, line, "yaml", f"the YAML cannot be read: {what}", _yaml_tip(what))]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return None, {}, [Problem(path, first_line, "yaml", f"the YAML cannot be read: {exc}",
                                  "remove anchors (&name) and aliases (*name); write the values out")]
    finally:
        loader.dispose()


def _yaml_tip(what: str) -> str:
    if "mapping values are not allowed" in what:
        return 'put text that contains ": " between double quotes, e.g. title: "Bari: un caso"'
    if "found character '\\t'" in what or "tab" in what:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in what:
        return "each line of the header is `field: value`; check the line above for a missing colon"
    if "found undefined alias" in what:
        return "remove the *alias or define its &anchor first"
    return "check quotes, colons and indentation on that line and the one before"


def _plain(value):
    """Plain JSON-like data for jsonschema: string keys all the way down."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a text file as UTF-8, refusing binaries, huge files and link loops."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(shown, 0, "file", f"the file cannot be opened ({exc.strerror})",
                              "check that it is not a broken link or a link that points to itself")]
    if size > MAX_BYTES:
        return None, [Problem(shown, 0, "file", f"the file is {size:,} bytes, over the {MAX_BYTES:,} limit",
                              "split it into several pages, or remove what was pasted by mistake")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, "file", f"the file cannot be read ({exc.strerror})",
                              "check its permissions, or whether it is a link to a missing file")]
    if b"\x00" in raw:
        return None, [Problem(shown, 0, "encoding", "the file is binary, not text",
                              "a page must be a Markdown text file; move images to a media/ folder")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "encoding", "the file is not UTF-8 text",
                              "save it as UTF-8 in your editor (File → Save with encoding → UTF-8)")]
    return text.removeprefix("\ufeff"), []


def load_markdown(path: Path, shown: str) -> Loaded:
    """Split a Markdown file into front matter and body."""
    text, problems = read_text(path, shown)
    if text is None:
        return Loaded(problems=problems, ok=False)
    if not text.strip():
        return Loaded(problems=[Problem(shown, 1, "front-matter", "the file is empty",
                                        "start it with a --- header block; see CONTRIBUTING.md")], ok=False)
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return Loaded(body=text, problems=[Problem(
            shown, 1, "front-matter", "the file has no front matter",
            "put the --- header block (id, title, updated, sources…) on the very first line")], ok=False)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return Loaded(problems=[Problem(shown, 1, "front-matter", "the front matter is never closed",
                                        "add a line with --- after the last header field")], ok=False)
    data, field_lines, problems = parse_yaml("\n".join(lines[1:end]), shown, first_line=2)
    loaded = Loaded(body="\n".join(lines[end + 1:]), body_line=end + 2, lines=field_lines,
                    problems=problems)
    if problems:
        loaded.ok = False
    elif not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a list of fields"
        loaded.problems.append(Problem(shown, 2, "front-matter", f"the front matter is {kind}",
                                       "write one `field: value` per line between the --- lines"))
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
        return Loaded(problems=[Problem(shown, 1, "yaml", "the file must hold `field: value` lines at the top",
                                        "compare it with CONTRIBUTING.md")], ok=False)
    return Loaded(meta=data, lines=field_lines)

