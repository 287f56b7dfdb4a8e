"""The validator: each rule module's check(site, run) returns the Problems it finds in the content
model. Rules read the model (and git, for versions and generated folders); they never build pages."""

from __future__ import annotations

import datetime as dt

from ..content.model import Site
from ..content.problems import Problem
from ..history.git import Repository
from . import (
    anchors,
    config,
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
from .run import Run

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
    config,
)


def run_all(
    site: Site, today: dt.date | None = None, git: Repository | None = None
) -> list[Problem]:
    """Every problem of the content: the model's own (files, front matter, schemas) and each rule's,
    once each, in file and line order."""
    run = Run(today or dt.date.today(), git or Repository(site.root))
    problems = list(site.problems)
    for rule in RULES:
        problems.extend(rule.check(site, run))
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.rule, p.message))
