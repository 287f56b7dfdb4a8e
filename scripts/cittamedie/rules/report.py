"""Reporters: text for editors, GitHub workflow annotations for pull requests, JSON for tools.

Every report lists the problems file by file, the files with the most important problem first
(content/problems.py, rank: what stops every build, then the other errors, then warnings; files of
the same rank in path order), and within a file the same way, then by line: an editor works
through the report from the top, one file at a time."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..content.messages import SOURCE, in_language, say
from ..content.problems import ERROR, Problem, rank


def summary(problems: list[Problem], checked: int, lang: str = SOURCE) -> str:
    """The last line of every report: counts of exactly the problems printed above it."""
    errors = sum(p.severity == ERROR for p in problems)
    counts = say(
        "{checked} files checked: {errors} error(s), {warnings} warning(s).",
        checked=checked,
        errors=errors,
        warnings=len(problems) - errors,
    )
    return in_language(counts, lang)


def by_file(problems: list[Problem]) -> list[list[Problem]]:
    """The problems of each file, in the order of the report."""
    files: dict[str, list[Problem]] = {}
    for problem in problems:
        files.setdefault(problem.path, []).append(problem)
    groups = [
        sorted(found, key=lambda p: (rank(p), p.line, p.rule, p.message))
        for found in files.values()
    ]
    return sorted(groups, key=lambda found: (rank(found[0]), found[0].path))


def ordered(problems: list[Problem]) -> list[Problem]:
    return [problem for found in by_file(problems) for problem in found]


def text(problems: list[Problem], checked: int, lang: str = SOURCE) -> str:
    """One line per problem, a blank line between two files' problems, then the summary."""
    groups = ["\n".join(p.worded(lang) for p in found) + "\n" for found in by_file(problems)]
    return "\n".join([*groups, summary(problems, checked, lang)])


def _data(value: str) -> str:
    """The message of a workflow command (GitHub's escapeData): a new line would end the command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """A property (file=, title=): also `:` and `,`, which end the properties (escapeProperty)."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem], checked: int, lang: str = SOURCE) -> str:
    lines = []
    for p in ordered(problems):
        level = "error" if p.severity == ERROR else "warning"
        where = f"file={_property(p.path)}" + (f",line={p.line}" if p.line else "")
        field = f" ({p.field})" if p.field else ""  # the same sentence as the text report
        lines.append(
            f"::{level} {where},title={_property(p.rule)}::"
            f"{_data(in_language(p.message, lang) + field)} — {_data(in_language(p.fix, lang))}"
        )
    return "\n".join(lines + [summary(problems, checked, lang)])


def as_json(problems: list[Problem], checked: int, lang: str = SOURCE) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    return json.dumps(
        {
            "checked": checked,
            "errors": errors,
            "warnings": len(problems) - errors,
            "problems": [
                {
                    **p.__dict__,
                    "message": in_language(p.message, lang),
                    "fix": in_language(p.fix, lang),
                }
                for p in ordered(problems)
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


REPORTER_BY_NAME: dict[str, Callable[[list[Problem], int, str], str]] = {
    "text": text,
    "github": github,
    "json": as_json,
}
