"""Dates that say a page needs attention (the TODO markers: todos.py)."""

from __future__ import annotations

import datetime as dt

from ..content.messages import say
from ..content.model import Site
from ..content.problems import WARNING, Problem
from .run import Run


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
                        say("the page was due for review on {date}", date=value),
                        say("check that the page is still right, then move review_by forward"),
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
                        say("the update date {date} is in the future", date=value),
                        say("write the date of the change, not a later one"),
                        name,
                    )
                )
    return problems


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
