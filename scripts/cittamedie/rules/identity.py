"""mkdocs.yml's extra.identity (who publishes the site): valid against its schema, and no
site_author or copyright set beside it (identity.py)."""

from __future__ import annotations

from ..errors import Problem
from ..identity import problems
from ..model import Site


def check(site: Site, today) -> list[Problem]:
    return problems(site.root)
