"""YAML text → plain data (core schema only), the line of every dotted field, and problems.

Never raises on bad input: every failure becomes a Problem worded for an editor.
"""

from __future__ import annotations

import math
import re

import yaml

from .messages import Say, say
from .problems import Problem

MAX_NODES = 20_000  # the largest real front matter has ~400 values; bounds alias bombs


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
        raise yaml.YAMLError(say("an alias (*name) refers to its own anchor"))
    open_nodes.add(key)
    children = (
        node.value
        if isinstance(node, yaml.SequenceNode)
        else (
            [part for pair in node.value for part in pair]
            if isinstance(node, yaml.MappingNode)
            else []
        )
    )
    size = 1 + sum(_expanded_size(child, memo, open_nodes) for child in children)
    open_nodes.discard(key)
    memo[key] = size
    if size > MAX_NODES:
        raise yaml.YAMLError(
            say("more than {count:,} values once the aliases (*name) are expanded", count=MAX_NODES)
        )
    return size


_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (
    _CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_READ_AS = {_INT: say("a whole number"), _FLOAT: say("a number"), _BOOL: say("true or false")}
_RETYPE = say("remove the tag and write the value as plain text")


class _Builder:
    """Plain data, the line of every dotted field and every problem, in one walk of the node tree.

    Only the YAML core schema is read: strings, numbers, booleans, null, lists and mappings.
    Other tags (!!binary, !!set, !!python/…, !ENV…) and merge keys (<<) are errors, not
    conversions: MkDocs' own loader would give them other meanings than our validator.
    PyYAML's generic constructor also took half the time of reading a front matter; scalars are
    converted by its own methods, so values are exactly what PyYAML would give."""

    def __init__(self, loader, path: str, offset: int):
        self.loader, self.path, self.offset = loader, path, offset
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []

    def _problem(self, node, message: str, fix: str, field: str) -> None:
        self.problems.append(
            Problem(self.path, node.start_mark.line + self.offset, "yaml", message, fix, field)
        )

    def _tag(self, node, field: str) -> None:
        self._problem(
            node,
            say(
                "the value uses the YAML tag `{tag}`, which the site does not read",
                tag=_shown(node.tag),
            ),
            _RETYPE,
            field,
        )

    def build(self, node, prefix: str = ""):
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, prefix) if node.tag == _MAP else self._tag(node, prefix)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._tag(node, prefix)
            items = []
            for i, item in enumerate(node.value):
                dotted = f"{prefix}.{i}"
                self.lines.setdefault(dotted, item.start_mark.line + self.offset)
                items.append(self.build(item, dotted))
            return items
        return self._scalar(node, prefix)

    def _mapping(self, node, prefix: str) -> dict:
        data, first = {}, {}
        for key, value in node.value:
            if key.tag == _CORE + "merge":
                self._problem(
                    key,
                    say("the value uses the YAML merge key `<<`, which the site does not read"),
                    say("write the fields out instead of `<<: *name`"),
                    prefix,
                )
                continue
            if not isinstance(key, yaml.ScalarNode):
                self._problem(
                    key,
                    say("a field name is a list or a group"),
                    say("write the field name as a plain word"),
                    prefix,
                )
                continue
            before = len(self.problems)
            name = str(self._scalar(key, prefix))
            if len(self.problems) > before:
                continue
            dotted = f"{prefix}.{name}" if prefix else name
            line = key.start_mark.line + self.offset
            if name in first:  # PyYAML keeps the last value silently; MkDocs would too
                self._problem(
                    key,
                    say(
                        "the field `{name}` is written twice (first on line {line})",
                        name=name,
                        line=first[name],
                    ),
                    say("keep one of the two"),
                    dotted,
                )
                continue
            first[name] = line
            self.lines.setdefault(dotted, line)
            data[name] = self.build(value, dotted)
        return data

    def _scalar(self, node, field: str):
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag not in _READ_AS:
            return self._tag(node, field)
        try:
            value = (
                self.loader.construct_yaml_int
                if tag == _INT
                else self.loader.construct_yaml_float
                if tag == _FLOAT
                else self.loader.construct_yaml_bool
            )(node)
        except (
            ValueError,
            KeyError,
            IndexError,
            TypeError,
            OverflowError,
        ):  # `!!bool maybe`, 5,000 digits
            return self._problem(
                node,
                say(
                    "`{value}` cannot be read as {kind}",
                    value=_short(node.value),
                    kind=_READ_AS[tag],
                ),
                say("write a plain number, or put the value between quotes to keep it as text"),
                field,
            )
        if tag == _FLOAT and not math.isfinite(
            value
        ):  # JSON, the schemas and the open data have no .inf
            return self._problem(
                node,
                say("`{value}` is not a finite number", value=_short(node.value)),
                say("write the number out, or null when unknown"),
                field,
            )
        return value


def _shown(tag: str) -> str:
    """A tag as an editor writes it: tag:yaml.org,2002:binary → !!binary."""
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def parse_yaml(
    text: str, path: str, first_line: int = 1
) -> tuple[object, dict[str, int], list[Problem]]:
    """Parse YAML text; returns (data, dotted-field → line, problems)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        if "&" in text:  # aliases need an &anchor: no anchor, no bomb
            _expanded_size(node, {}, set())
        builder = _Builder(loader, path, first_line)
        data = builder.build(node)
        return (None if builder.problems else data), builder.lines, builder.problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        rows = text.split("\n")
        message, fix = _in_plain_words(
            f"{exc.context or ''} {exc.problem or exc}",
            rows[mark.line] if mark and mark.line < len(rows) else "",
        )
        return _unreadable(path, line, message, fix)
    except RecursionError:  # the pure-Python parser, or our walk, on ~1,000 nested levels
        return _unreadable(path, first_line, *_TOO_DEEP)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        fix = say("remove anchors (&name) and aliases (*name); write the values out")
        # our own guards raise a sentence (a Say), which str() would turn into plain English
        said = exc.args[0] if exc.args and isinstance(exc.args[0], Say) else str(exc)
        return _unreadable(path, first_line, said, fix)
    finally:
        loader.dispose()


def _unreadable(path: str, line: int, message: str, fix: str) -> tuple[None, dict, list[Problem]]:
    return (
        None,
        {},
        [
            Problem(
                path, line, "yaml", say("the YAML cannot be read: {reason}", reason=message), fix
            )
        ],
    )


# Parser messages (PyYAML's or LibYAML's wording) → what went wrong and how to fix it, in plain words.
_TAB = (say("a tab is used for indentation"), say("indent with spaces, not tabs"))
_TAB_INDENT = re.compile(r"^ *\t")  # anchored: searching for it unanchored is quadratic
_TOO_DEEP = (
    say("the values are nested too deeply"),
    say("write the lists and groups with fewer levels inside each other"),
)
_PLAIN_WORDS = (
    (
        ("mapping values are not allowed",),
        say("a value contains “: ” but is not between quotes"),
        say('put text that contains ": " between double quotes, e.g. title: "Bari: un caso"'),
    ),
    (("found character '\\t'", "found a tab character", "tab character"), *_TAB),
    (("exceeded maximum nesting depth",), *_TOO_DEEP),
    (
        ("expected a single document",),
        say("the file holds a second YAML document after a --- line"),
        say("remove that --- line, or the text after it"),
    ),
    (
        ("found undefined alias",),
        say("an alias (*name) has no matching anchor (&name)"),
        say("remove the *alias, or write the value out"),
    ),
    (
        ("while scanning a quoted scalar", "found unexpected end of stream"),
        say("a quote is opened and never closed"),
        say("close the quote on the same line"),
    ),
    (
        ("could not find expected ':'", "while scanning a simple key"),
        say("a line is not of the form `field: value`"),
        say("check that line and the one before for a missing colon or an unclosed quote"),
    ),
    (
        ("did not find expected ',' or ']'", "did not find expected ',' or '}'"),
        say("a list in [ ] or a group in {{ }} is not closed"),
        say("close the bracket, and separate the items with commas"),
    ),
    (
        (
            "did not find expected key",
            "expected <block end>",
            "did not find expected '-' indicator",
        ),
        say("the indentation is not consistent"),
        say("align the fields of a list or group with the same number of spaces"),
    ),
)


def _in_plain_words(what: str, line: str) -> tuple[str, str]:
    if _TAB_INDENT.match(
        line
    ):  # LibYAML often reports a tab as "a character that cannot start any token"
        return _TAB
    for needles, message, fix in _PLAIN_WORDS:
        if any(needle in what for needle in needles):
            return message, fix
    return what, say("check quotes, colons and indentation on that line and the one before")
