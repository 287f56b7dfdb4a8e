"""The validator: each rule module's check(site, run) returns the Problems it finds in the content
model. Rules read the model (and git, for versions and generated folders); they never build pages."""

from __future__ import annotations

import datetime as dt

from ..content.config import Config
from ..content.model import Site
from ..content.problems import Problem
from ..history.git import Repository
from . import (
    anchors,
    cities,
    config,
    consultation,
    data,
    formulas,
    generated,
    identity,
    images,
    links,
    names,
    outcomes,
    pairing,
    paragraphs,
    plaintext,
    review,
    safety,
    taxonomy,
    title,
    todos,
    urls,
    versions,
)
from .run import Run, settings

RULES = (
    pairing,
    anchors,
    title,
    links,
    images,
    taxonomy,
    review,
    todos,
    safety,
    plaintext,
    formulas,
    generated,
    data,
    cities,
    urls,
    names,
    versions,
    consultation,
    outcomes,
    paragraphs,
    identity,
    config,
)


def run_all(
    site: Site,
    today: dt.date | None = None,
    git: Repository | None = None,
    config: Config | None = None,
) -> list[Problem]:
    """Every problem of the content: the model's own (files, front matter, schemas) and each rule's,
    once each, in file and line order. config: mkdocs.yml as the caller read it (else read here)."""
    found, broken = (config, ()) if config is not None else settings(site.root)
    run = Run(today or dt.date.today(), git or Repository(site.root), found, broken)
    problems = list(site.problems)
    for rule in RULES:
        problems.extend(rule.check(site, run))
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.rule, p.message))
