"""What one validation run hands every rule besides the content: the day, the git clone, and
mkdocs.yml read once (or why it cannot be read: rules/config.py reports it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..content.config import CONFIG_FILE, Config, read_config
from ..content.problems import ContentError, Problem
from ..history.git import Repository
from ..markup.render import Renderer


@dataclass(frozen=True)
class Run:
    today: dt.date
    git: Repository
    config: Config | None = None  # None: no mkdocs.yml (a content tree alone), or a broken one
    config_problems: tuple[Problem, ...] = ()  # why mkdocs.yml cannot be read

    def renderer(self, root: Path) -> Renderer:
        """Python-Markdown with mkdocs.yml's settings; MkDocs' own where the file is missing or
        broken (rules/config.py reports a broken one)."""
        return Renderer.from_config(self.config or Config(root / CONFIG_FILE, {}, {}))


def settings(root: Path) -> tuple[Config | None, tuple[Problem, ...]]:
    """The repository's mkdocs.yml for a run: (config, ()) or (None, its problems), (None, ()) without one."""
    if not (root / CONFIG_FILE).is_file():
        return None, ()
    try:
        return read_config(root / CONFIG_FILE), ()
    except ContentError as exc:
        return None, tuple(exc.problems)
