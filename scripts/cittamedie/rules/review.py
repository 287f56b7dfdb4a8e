"""Dates that say a page needs attention, and unfinished TODO markers."""

from __future__ import annotations

import datetime as dt
import re

from ..content.model import Site, field_value
from ..content.problems import WARNING, Problem
from ..markup.plaintext import strings_of
from .run import Run

TODO = re.compile(r"\bTODO\b")


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    for source in site.sources:
        if not source.ok:
            continue
        for name in ("review_by", "updated"):
            value = _date(source.meta.get(name))
            if value is None:
                continue
            if name == "review_by" and value < run.today:
                problems.append(
                    Problem(
                        source.rel,
                        source.line_of(name),
                        "review",
                        f"the page was due for review on {value}",
                        "check that the page is still right, then move review_by forward",
                        name,
                        WARNING,
                    )
                )
            if name == "updated" and value > run.today:
                problems.append(
                    Problem(
                        source.rel,
                        source.line_of(name),
                        "date",
                        f"the update date {value} is in the future",
                        "write the date of the change, not a later one",
                        name,
                    )
                )
        problems.extend(_todos(source))
    return problems


def _todos(source) -> list[Problem]:
    if "TODO" not in source.body and not any("TODO" in text for text in strings_of(source.meta)):
        return []
    found = [
        (line, name)
        for name, line in source.lines.items()
        if isinstance(value := field_value(source.meta, name), str) and TODO.search(value)
    ]
    found += [
        (n, "")
        for n, text in enumerate(source.body.split("\n"), start=source.body_line)
        if TODO.search(text)
    ]
    return [
        Problem(
            source.rel,
            line,
            "todo",
            "a TODO is still to be filled in",
            "replace TODO with the real text",
            field,
        )
        for line, field in sorted(found)
    ]


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
