"""Rules that need more than one file: each module's check(site) returns Problems."""

from __future__ import annotations

import datetime as dt

from ..content.model import Site
from ..content.problems import Problem
from . import (
    anchors,
    consultation,
    data,
    generated,
    identity,
    links,
    pairing,
    plaintext,
    review,
    safety,
    taxonomy,
    urls,
    versions,
)

RULES = (
    pairing,
    anchors,
    links,
    taxonomy,
    review,
    safety,
    plaintext,
    generated,
    data,
    urls,
    versions,
    consultation,
    identity,
)


def run_all(site: Site, today: dt.date | None = None) -> list[Problem]:
    problems = list(site.problems)
    for rule in RULES:
        problems.extend(rule.check(site, today or dt.date.today()))
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.rule, p.message))
