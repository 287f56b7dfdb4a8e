"""Bytes on disk → front matter (safe YAML, with the line of every field) and body.

Never raises on bad input: every failure becomes a Problem worded for an editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

MAX_BYTES = 2_000_000  # the longest real page is ~30 kB; anything this big is a mistake
MAX_NODES = 20_000  # the largest real front matter has ~400 values; bounds alias bombs


@dataclass
class Loaded:
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the first body line
    lines: dict[str, int] = field(default_factory=dict)  # dotted field → line
    problems: list[Problem] = field(default_factory=list)
    ok: bool = True


# LibYAML's parser where PyYAML was built with it (ten times faster), the Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader that keeps dates as strings, so that the schema's "format: date" can say which
    date is not real (PyYAML would raise on 2026-02-30 before any schema sees it)."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _expanded_size(node, memo: dict, open_nodes: set) -> int:
    """How many nodes the document has once every alias is written out ("billion laughs" guard)."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in open_nodes:
        raise yaml.YAMLError("an alias (*name) refers to its own anchor")
    open_nodes.add(key)
    children = node.value if isinstance(node, yaml.SequenceNode) else (
        [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else [])
    size = 1 + sum(_expanded_size(child, memo, open_nodes) for child in children)
    open_nodes.discard(key)
    memo[key] = size
    if size > MAX_NODES:
        raise yaml.YAMLError(f"more than {MAX_NODES:,} values once the aliases (*name) are expanded")
    return size


_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null"))


class _Unusual(Exception):
    """A node this fast builder leaves to PyYAML's constructor (merge keys, sets, binary…)."""


def _build(node, prefix: str, lines: dict[str, int], offset: int, loader):
    """Plain data and the line of every dotted field, in one walk of the node tree.

    PyYAML's generic constructor took half the time of reading a front matter; scalars are
    still converted by its own methods, so values are exactly what PyYAML would give."""
    if isinstance(node, yaml.MappingNode):
        data = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                raise _Unusual
            name = str(_scalar(key, loader))
            dotted = f"{prefix}.{name}" if prefix else name
            lines.setdefault(dotted, key.start_mark.line + offset)
            data[name] = _build(value, dotted, lines, offset, loader)
        return data
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            dotted = f"{prefix}.{i}"
            lines.setdefault(dotted, item.start_mark.line + offset)
            items.append(_build(item, dotted, lines, offset, loader))
        return items
    return _scalar(node, loader)


def _scalar(node, loader):
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _INT:
        return loader.construct_yaml_int(node)
    if tag == _FLOAT:
        return loader.construct_yaml_float(node)
    if tag == _BOOL:
        return loader.construct_yaml_bool(node)
    if tag == _NULL:
        return None
    raise _Unusual


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[object, dict[str, int], list[Problem]]:
    """Parse YAML text; returns (data, dotted-field → line, problems)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is None:
            return None, lines, []
        if "&" in text:  # aliases need an &anchor: no anchor, no bomb
            _expanded_size(node, {}, set())
        try:
            return _build(node, "", lines, first_line, loader), lines, []
        except _Unusual:
            return _plain(loader.construct_document(node)), lines, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        message, fix = _in_plain_words(f"{exc.context or ''} {exc.problem or exc}")
        return None, {}, [Problem(path, line, "yaml", f"the YAML cannot be read: {message}", fix)]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return None, {}, [Problem(path, first_line, "yaml", f"the YAML cannot be read: {exc}",
                                  "remove anchors (&name) and aliases (*name); write the values out")]
    finally:
        loader.dispose()


# Parser messages (PyYAML's or LibYAML's wording) → what went wrong and how to fix it, in plain words.
_PLAIN_WORDS = (
    (("mapping values are not allowed",), "a value contains “: ” but is not between quotes",
     'put text that contains ": " between double quotes, e.g. title: "Bari: un caso"'),
    (("found character '\\t'", "found a tab character", "tab character"), "a tab is used for indentation",
     "indent with spaces, not tabs"),
    (("found undefined alias",), "an alias (*name) has no matching anchor (&name)",
     "remove the *alias, or write the value out"),
    (("while scanning a quoted scalar", "found unexpected end of stream"), "a quote is opened and never closed",
     "close the quote on the same line"),
    (("could not find expected ':'", "while scanning a simple key"), "a line is not of the form `field: value`",
     "check that line and the one before for a missing colon or an unclosed quote"),
    (("did not find expected ',' or ']'", "did not find expected ',' or '}'"),
     "a list in [ ] or a group in { } is not closed", "close the bracket, and separate the items with commas"),
    (("did not find expected key", "expected <block end>", "did not find expected '-' indicator"),
     "the indentation is not consistent", "align the fields of a list or group with the same number of spaces"),
)


def _in_plain_words(what: str) -> tuple[str, str]:
    for needles, message, fix in _PLAIN_WORDS:
        if any(needle in what for needle in needles):
            return message, fix
    return what, "check quotes, colons and indentation on that line and the one before"


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

