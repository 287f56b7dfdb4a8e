"""mkdocs.yml's extra.identity (who publishes the site): valid against its schema, and no
site_author or copyright set beside it (content/identity.py)."""

from __future__ import annotations

from ..content.identity import problems
from ..content.model import Site
from ..content.problems import Problem
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    return problems(site.root)
