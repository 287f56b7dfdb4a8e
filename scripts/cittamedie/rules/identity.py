"""mkdocs.yml's extra.identity (who publishes the site): valid against its schema, and no
site_author or copyright set beside it (content/identity.py); when publishing (extra.
require_identity), the site's addresses set. A mkdocs.yml that cannot be read is reported by
rules/config.py."""

from __future__ import annotations

from ..content.identity import from_config, publishing_problems
from ..content.model import Site
from ..content.problems import ContentError, Problem
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    if run.config is None:
        return []
    try:
        from_config(run.config)
    except ContentError as exc:
        return exc.problems
    return publishing_problems(run.config)
