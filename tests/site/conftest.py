"""Build a fixture tree with the project's own mkdocs.yml (theme, hooks, plugins)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO


def build(tree: Path) -> subprocess.CompletedProcess:
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    for relative in ("scripts/cittamedie/overrides", "scripts/cittamedie/hooks/site.py"):
        config = config.replace(relative, str(REPO / relative))
    (tree / "mkdocs.yml").write_text(config, "utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tree / "site")],
                          cwd=tree, capture_output=True, text=True, env=env)
