"""The folders the build writes (theme and city index pages) hold nothing written by hand: such a
file was never validated, so the build stops on it instead of publishing or overwriting it."""

from __future__ import annotations

from ..content.model import Site
from ..content.problems import Problem
from ..site.decorate import foreign_generated_files


def check(site: Site, today) -> list[Problem]:
    return foreign_generated_files(site)
