"""JSON Schemas (files in schemas/) → Problems with the line and field an editor can find."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .messages import say, sentence
from .problems import Problem
from .suggest import closest, did_you_mean, shown

SCHEMA_NAMES = (
    "page",
    "document",
    "good-practice",
    "themes",
    "programmes",
    "cities",
    "case-cities",
    "city-details",
    "priorities",
    "events",
    "glossary",
    "consultation",
)


def schema_files() -> dict[str, str]:
    """Schema file name → its JSON text, as shipped in the package."""
    folder = resources.files(__package__) / "schemas"
    return {
        entry.name: entry.read_text("utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }


SCHEMA_FOLDER = "schemas"  # where the site publishes them: <site_url>schemas/<name>, their $id


def published_schema_files(site_url: str) -> dict[str, str]:
    """The schemas as the site publishes them, each `$id` its stable address on the site, beside
    which tools find `common.schema.json`. The repository's files have no `$id`: an editor or
    check-jsonschema reading them from disk resolves `common.schema.json` beside the file."""
    base = site_url.rstrip("/") + f"/{SCHEMA_FOLDER}/" if site_url else ""
    files = {}
    for name, text in schema_files().items():
        schema = json.loads(text)
        if base:
            schema = {"$schema": schema.pop("$schema", None), "$id": base + name, **schema}
            schema = {key: value for key, value in schema.items() if value is not None}
        files[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return files


@cache
def _validator(name: str):
    texts = schema_files()
    registry = Registry().with_resources(
        (file, Resource.from_contents(json.loads(text))) for file, text in texts.items()
    )
    schema = _inline_refs(json.loads(texts[f"{name}.schema.json"]), registry.resolver())
    return _EcmaPatterns(schema, registry=registry, format_checker=FormatChecker())


def _ecma_pattern(validator, pattern, instance, schema):
    """`pattern` as JSON Schema (ECMA-262) and fastjsonschema read it: `$` ends the text. Python's
    `$` also matches before a final line end: `AdG\\n` passed here, fastjsonschema refused it."""
    ecma = re.sub(r"(?<!\\)\$", r"\\Z", pattern)
    if validator.is_type(instance, "string") and not re.search(ecma, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_EcmaPatterns = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


def _inline_refs(node, resolver):
    """Replace each $ref by the schema it names, once, at start-up: resolving references while
    validating took more than a third of the validation time of 2,000 files."""
    if isinstance(node, list):
        return [_inline_refs(item, resolver) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and len(node) <= 3:  # a $ref with at most title/description beside it
        resolved = resolver.lookup(node["$ref"])
        target = _inline_refs(resolved.contents, resolved.resolver)
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return {key: _inline_refs(value, resolver) for key, value in node.items()}


@cache
def _quick_check(name: str):
    """The same inlined schema compiled to Python by fastjsonschema: it answers "valid?" about
    twenty times faster than jsonschema, which was half the time of loading a page. Only a page it
    refuses is read again by jsonschema, whose errors make the editor's messages. Our schemas use
    only keywords that mean the same in draft 7 (fastjsonschema's latest) and 2020-12; a schema it
    cannot compile is checked by jsonschema alone. Formats are jsonschema's own checks."""
    validator = _validator(name)
    checker = validator.format_checker
    formats = {
        fmt: (lambda value, fmt=fmt: checker.conforms(value, fmt)) for fmt in checker.checkers
    }
    schema = {**validator.schema, "$schema": "http://json-schema.org/draft-07/schema#"}
    try:
        return fastjsonschema.compile(schema, formats=formats, use_default=False)
    except (fastjsonschema.JsonSchemaDefinitionException, ValueError, KeyError):
        return None


def warm_up() -> None:
    for name in SCHEMA_NAMES:
        _validator(name)
        _quick_check(name)


def check(
    name: str, data: dict, path: str, lines: dict[str, int], default_line: int = 1
) -> list[Problem]:
    """Every schema error of data (not the first one only), worded for an editor."""
    quick = _quick_check(name)
    if quick is not None:
        try:
            quick(data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass  # jsonschema says what and where
    problems = []
    for error in sorted(_validator(name).iter_errors(data), key=lambda e: list(map(str, e.path))):
        problems.extend(_explain(error, path, lines, default_line))
    return problems


def _explain(
    error: ValidationError, path: str, lines: dict[str, int], default_line: int
) -> list[Problem]:
    if error.validator in ("oneOf", "anyOf") and error.context:
        # The innermost error of the closest alternative is the one an editor can act on.
        best = min(error.context, key=lambda e: len(list(e.path)))
        return _explain(best, path, lines, default_line)
    field = ".".join(str(p) for p in error.absolute_path)
    line = line_of(field, lines, default_line)
    v, value, rule = error.validator, error.instance, "schema"
    if v == "required":
        missing = [m for m in error.validator_value if m not in (value or {})]
        return [
            Problem(
                path,
                line,
                rule,
                say("required field `{name}` is missing", name=m),
                _tip_required(m),
                field=_join(field, m),
            )
            for m in missing
        ]
    if v == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return [
            Problem(
                path,
                line_of(_join(field, x), lines, line),
                rule,
                say("unknown field `{name}`", name=x),
                say("check the spelling; the fields allowed here are: {known}", known=known),
                field=_join(field, x),
            )
            for x in extra
        ]
    what, fix = _words(error)
    return [Problem(path, line, rule, what, fix, field)]


def _words(error: ValidationError) -> tuple[str, str]:
    """What is wrong with one value, and the fix."""
    v, value, bound = error.validator, error.instance, error.validator_value
    if v == "enum":
        allowed = ", ".join(map(str, bound))
        near = [shown(name) for name in closest(str(value), map(str, bound))]
        return say("`{value}` is not an allowed value", value=value), did_you_mean(
            near, say("use one of: {allowed}", allowed=allowed)
        )
    if v == "format" and bound == "date":
        fix = say("write a date that exists, as YYYY-MM-DD (e.g. 2026-11-27)")
        return say("`{value}` is not a real date", value=value), fix
    if v == "type":
        names = [
            _TYPE_NAMES.get(name, name) for name in (bound if isinstance(bound, list) else [bound])
        ]
        want = names[0]
        for name in names[1:]:
            want = say("{some} or {last}", some=want, last=name)
        return say("`{value}` should be a {want}", value=_short(value), want=want), _tip_type(want)
    if v == "pattern":
        # The schema's own description when it has one: English in the schema file, its Italian
        # in locale/it/schemas.po.
        fix = _description(error) or say("it must match {pattern}", pattern=bound)
        return say("`{value}` has the wrong form", value=_short(value)), fix
    if v == "not" and isinstance(value, str):  # common.schema.json's line-break, used as "not"
        found = re.search(bound.get("pattern", "^$"), value)
        char = found[0][0] if found else "\0"
        name = _CONTROLS.get(ord(char)) or unicodedata.name(char, "a control character")
        return (
            say(
                "the text contains U+{code:04X} ({name}), which breaks the line",
                code=ord(char),
                name=name,
            ),
            say(
                "write this field on one line: remove the line break or control character "
                "(in YAML, `>` and `|` keep line ends: use a quoted string)"
            ),
        )
    if v in ("maximum", "minimum"):
        shown_value = _short(value)
        if v == "maximum":
            default = say("write a number no more than {bound:,}", bound=bound)
            what = say("`{value}` is more than {bound:,}", value=shown_value, bound=bound)
        else:
            default = say("write a number no less than {bound:,}", bound=bound)
            what = say("`{value}` is less than {bound:,}", value=shown_value, bound=bound)
        return what, _description(error) or default
    if v == "maxItems":
        fix = say("remove what was pasted by mistake; a longer list needs a maintainer's review")
        return say(
            "the list has {count:,} items, over {bound:,}", count=len(value), bound=bound
        ), fix
    if v in ("minItems", "minLength"):
        return say("this field is empty"), say("fill it in; see CONTRIBUTING.en.md")
    if v == "uniqueItems":
        return say("the list repeats an item"), say("remove the repeated item")
    if v == "const":
        return say("`{value}` is not allowed here", value=_short(value)), say(
            "use {value}", value=bound
        )
    return error.message, say("compare the field with CONTRIBUTING.en.md")


def _description(error: ValidationError) -> str | None:
    """The schema's description of the field in error, as a sentence the report says in the
    editor's language (tests/unit/test_messages.py checks each description has its Italian)."""
    description = error.schema.get("description")
    return sentence(description) if isinstance(description, str) and description else None


def _join(a: str, b: str) -> str:
    return f"{a}.{b}" if a else b


def line_of(field: str, lines: dict[str, int], default: int) -> int:
    while field:
        if field in lines:
            return lines[field]
        field = field.rpartition(".")[0]
    return default


# Names of the separators and controls without a name in unicodedata (their Unicode aliases).
_CONTROLS = {9: "CHARACTER TABULATION", 10: "LINE FEED", 11: "LINE TABULATION", 12: "FORM FEED"}
_CONTROLS |= {13: "CARRIAGE RETURN", 0x85: "NEXT LINE"}


def _short(value) -> str:
    """A value in a one-line message: controls and line breaks written as escapes (\\n, \\u2028)."""
    raw = str(value)
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in raw[:120])
    return text if len(raw) <= 60 and len(text) <= 60 else text[:57] + "…"


def _tip_required(name: str) -> str:
    examples = {
        "id": say("add `id: some-name` (lowercase, dashes)"),
        "title": say("add `title: …`"),
        "updated": say("add `updated: YYYY-MM-DD`, the date of this change"),
        "sources": say("add `sources:` with at least one `- {{title: …, url: https://…}}`"),
        "act": say(
            "an approved document names its act: "
            'add `act: {{title: "Decreto n. …", date: YYYY-MM-DD}}`'
        ),
        "budget_eur": say("add `budget_eur: 120000`, or `budget_eur: null` when unknown"),
    }
    return examples.get(name) or say(
        "add `{name}:`; see CONTRIBUTING.en.md for its form", name=name
    )


# JSON Schema's types as an editor reads them (the Italian carries its article: "un numero")
_TYPE_NAMES = {
    "string": say("string"),
    "number": say("number"),
    "integer": say("integer"),
    "boolean": say("boolean"),
    "array": say("array"),
    "object": say("object"),
    "null": say("null"),
}


def _tip_type(want: str) -> str:
    if "array" in want:
        return say("write a list: one `- item` per line, or [a, b]")
    if "object" in want:
        return say("write `key: value` pairs indented under the field")
    if "integer" in want or "number" in want:
        return say("write a plain number without quotes, dots or currency (e.g. 1400000)")
    if "boolean" in want:
        return say("write true or false, without quotes")
    return say("put the value between double quotes")
