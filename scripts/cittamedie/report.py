"""Reporters: text for editors, GitHub workflow annotations for pull requests, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable

from .errors import ERROR, Problem


def text(problems: list[Problem], checked: int) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    lines = [str(p) for p in problems]
    lines.append(f"{checked} files checked: {errors} error(s), {len(problems) - errors} warning(s).")
    return "\n".join(lines)


def github(problems: list[Problem], checked: int) -> str:
    def clean(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = []
    for p in problems:
        level = "error" if p.severity == ERROR else "warning"
        where = f"file={clean(p.path)}" + (f",line={p.line}" if p.line else "")
        lines.append(f"::{level} {where},title={clean(p.rule)}::{clean(p.message)} — {clean(p.fix)}")
    return "\n".join(lines + [text([], checked).splitlines()[-1]])


def as_json(problems: list[Problem], checked: int) -> str:
    return json.dumps({"checked": checked, "errors": sum(p.severity == ERROR for p in problems),
                       "problems": [p.__dict__ for p in problems]}, ensure_ascii=False, indent=2)


REPORTER_BY_NAME: dict[str, Callable[[list[Problem], int], str]] = {
    "text": text, "github": github, "json": as_json}
