"""A clone of this repository in which every Italian page is edited as an editor edits it: a
sentence added at the end, the first paragraph changed; committed, so that every translation
that was current is stale, and the staleness path (git, sections, notices) runs on real pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from cittamedie.content.files import load_markdown

from .conftest import REPO
from .translation_repo import git

ADDED = "Una frase aggiunta da un redattore."
CHANGED = " Modificato da un redattore."
# Lines that do not start a paragraph of prose: headings, markers, lists, tables, quotes, blocks.
PAGES = ("docs/*.md", "guidelines/*/*.md", "good-practices/*.md")  # where git keeps each page once
NOT_PROSE = ("#", "<", "|", "-", "*", ">", "!", "?", "`", "~", "[", " ", "\t")


def clone_with_working_tree(target: Path) -> Path:
    """A clone of the repository (its history: versions name commits) with the working tree's
    tracked and untracked files on top, committed: the content as it is now, not as last committed."""
    git(REPO, "clone", "-q", "--no-hardlinks", str(REPO), str(target))
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source, copy = REPO / name, target / name
        if copy.is_symlink() or copy.exists():
            copy.unlink()  # a file deleted in the working tree goes from the clone too
        if source.is_symlink() or source.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy, follow_symlinks=False)
    if git(target, "status", "--porcelain"):
        git(target, "add", "-A")
        git(target, "commit", "-q", "-m", "The working tree")
    return target


def edit_like_an_editor(path: Path) -> bool:
    """Add a sentence at the end and change the first paragraph of prose; False if it has none."""
    loaded = load_markdown(path, path.name)
    lines = path.read_text("utf-8").split("\n")
    first = next(
        (
            n
            for n in range(loaded.body_line - 1, len(lines))
            if lines[n].strip() and not lines[n].startswith(NOT_PROSE)
        ),
        None,
    )
    if first is None:
        return False
    lines[first] += CHANGED
    path.write_text("\n".join(lines).rstrip("\n") + f"\n\n{ADDED}\n", "utf-8")
    return True


def edited_clone(target: Path) -> tuple[Path, list[str]]:
    """The clone with every Italian page that has an English page edited and committed; returns
    the paths of the pages edited, as the repository names them."""
    tree = clone_with_working_tree(target)
    edited = []
    for pattern in PAGES:
        for path in sorted(tree.glob(pattern)):
            if (
                path.name.endswith(".en.md")
                or not path.with_name(path.name[:-3] + ".en.md").is_file()
            ):
                continue
            assert edit_like_an_editor(path), f"{path}: no paragraph of prose to change"
            edited.append(path.relative_to(tree).as_posix())
    git(tree, "commit", "-q", "-am", "Editors' edits")
    return tree, edited
