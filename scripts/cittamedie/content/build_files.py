"""Which files on disk the build wrote: its generated folders and versions pages, and how one of its
pages is told from an editor's file there (what `cittamedie clean` removes, what the validator
refuses: rules/generated.py). The names of those places are generated.py's."""

from __future__ import annotations

from pathlib import Path

from .generated import GENERATED_FOLDERS, GENERATED_HEADER, VERSIONS_FILES


def versions_files(docs_dir: Path) -> list[Path]:
    """The versions pages on disk, in every folder of docs/ (the build's, or a mistake)."""
    return sorted(path for name in VERSIONS_FILES for path in docs_dir.glob(f"*/{name}"))


def generated_places(docs_dir: Path) -> list[Path]:
    """The generated folders and the versions pages on disk: where the build writes."""
    return [docs_dir / folder for folder in GENERATED_FOLDERS] + versions_files(docs_dir)


def written_by_the_build(docs_dir: Path, committed: set[Path]) -> list[Path]:
    """The files the build wrote into the docs tree: what `cittamedie clean` removes. Any other file
    there is an editor's, and stays (the validator refuses it: rules/generated.py)."""
    found = [*versions_files(docs_dir)]
    for folder in GENERATED_FOLDERS:
        found += sorted((docs_dir / folder).glob("*.md"))
    return [path for path in found if is_written_by_the_build(path, committed)]


def is_written_by_the_build(path: Path, committed: set[Path]) -> bool:
    """A page of the build's own: a plain Markdown file with its header, not committed to git
    (committed: the resolved paths git tracks there; the places are ignored by git, so a committed
    file came from a change, whatever header it copies)."""
    return (
        path.is_file()
        and not path.is_symlink()
        and path.name.endswith(".md")
        and has_generated_header(path)
        and path.resolve() not in committed
    )


def has_generated_header(path: Path) -> bool:
    """Whether a file starts as the pages the build writes do (its header on the first lines)."""
    with path.open("rb") as handle:  # the header is on the first lines: read no more
        return GENERATED_HEADER.encode() in handle.read(600)
