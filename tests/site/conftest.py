"""Build a fixture tree with the project's own mkdocs.yml (theme, hooks, plugins)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def configure(tree: Path, edit=None) -> Path:
    """The project's mkdocs.yml in a fixture tree, its hooks and theme found in this repository;
    edit: a function of mkdocs.yml's text, for a fixture built with other settings."""
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = edit(config) if edit else config
    for relative in ("scripts/cittamedie/site/overrides", "scripts/cittamedie/site/hooks.py"):
        config = config.replace(relative, str(REPO / relative))
    (tree / "mkdocs.yml").write_text(config, "utf-8")
    return tree / "mkdocs.yml"


def build(tree: Path, edit=None, env: dict | None = None) -> subprocess.CompletedProcess:
    """mkdocs build --strict of a fixture tree; env: the build's environment (default: the
    suite's, with the deployment's addresses set, tests/conftest.py)."""
    configure(tree, edit)
    env = env or ENV
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tree / "site")],
        cwd=tree,
        capture_output=True,
        text=True,
        env=env,
    )


def write_download_pages(tree: Path) -> None:
    """The downloads page, in both languages, for a fixture tree that has none."""
    for suffix, title in (("", "Scaricare"), (".en", "Downloads")):
        (tree / "docs" / f"download{suffix}.md").write_text(
            f"---\nid: download\ntitle: {title}\nupdated: 2026-01-10\nsources:\n"
            "  - {title: Fonte, url: 'https://example.org/fonte'}\n---\n\n<!-- cittamedie:downloads -->\n",
            "utf-8",
        )
