"""What `mkdocs serve` watches besides the docs tree and mkdocs.yml, so that a saved edit anywhere
the site is made from is served: the data files, the folders the docs tree links to (an inotify
watch does not follow a link), and git's branches (a commit changes the versions and the sections
a stale translation names; the build reads them again, from a new Repository, at every rebuild)."""

from __future__ import annotations

from pathlib import Path

from .context import BuildContext

DATA = "data"
BRANCHES = Path(".git") / "refs" / "heads"


def watched(ctx: BuildContext) -> list[Path]:
    root, docs = ctx.root, ctx.site.docs_dir
    linked = sorted(
        {path.resolve() for path in docs.iterdir() if path.is_symlink() and path.is_dir()}
    )
    found = [root / DATA, *(path for path in linked if path.is_relative_to(root))]
    if (root / BRANCHES).is_dir():
        found.append(root / BRANCHES)
    return [path for path in found if path.is_dir()]
