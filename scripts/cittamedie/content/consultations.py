"""The comments received in a document's consultation and the editors' outcomes:
guidelines/<document>/consultazione-<version>.yml, one file per version consulted on, written by
`cittamedie consultation import` (tools/consultation.py) and completed by the editors. Read here,
checked against content/schemas/consultation.schema.json; the checks across files (paragraphs of
that version, responses once closed, names without consent) are rules/outcomes.py's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .checked import load_checked
from .problems import Problem, relative

FILE = re.compile(r"consultazione-([0-9]+(?:\.[0-9]+){0,2})\.yml")
OUTCOMES = ("accolto", "accolto-in-parte", "non-accolto", "fuori-ambito")
# a paragraph: chapter.paragraph, the numbers of the chapters' anchors #p3-12 (markup/paragraphs)
PARAGRAPH = re.compile(r"([0-9]{1,3})\.([0-9]{1,4})")
# an e-mail address, which the file never keeps (the import masks it, the validator refuses it);
# it starts where a run of its characters starts, so that a long run is read once, not once per
# character
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def file_name(version: str) -> str:
    return f"consultazione-{version}.yml"


def version_of(name: str) -> str | None:
    """The version a consultation file is about (consultazione-0.3.yml → 0.3), or None."""
    found = FILE.fullmatch(name)
    return found[1] if found else None


@dataclass(frozen=True)
class Consultation:
    """One consultation file, as read: its document's id, the version, the comments (valid against
    the schema, else none: the problems are the file's)."""

    document: str
    version: str
    rel: str
    path: Path
    comments: tuple[dict, ...]
    lines: dict[str, int]
    declared: tuple[str, str]  # the document and version its fields name (rules/outcomes.py)

    def line(self, index: int, name: str = "") -> int:
        """The line of comment index (or of one of its fields) in the file."""
        where = f"comments.{index}" + (f".{name}" if name else "")
        return self.lines.get(where, self.lines.get(f"comments.{index}", 1))


def load(
    root: Path, files: list[tuple[Path, str]], folders: dict[str, str], problems: list[Problem]
) -> dict[tuple[str, str], Consultation]:
    """(document id, version) → its consultation file, for each consultazione-<version>.yml the walk
    found in a document's folder (folders: folder → document id). A file that fails its schema is
    left out, with its problems."""
    found = {}
    for path, uri in files:
        folder, _, name = uri.partition("/")
        version = version_of(name)
        if version is None or folder not in folders:
            continue
        rel = relative(path.resolve(), root)
        loaded = load_checked(path, rel, "consultation", problems)
        if loaded is None:
            continue
        doc_id = folders[folder]
        found[(doc_id, version)] = Consultation(
            doc_id,
            version,
            rel,
            path,
            tuple(loaded.meta["comments"]),
            loaded.lines,
            (loaded.meta["document"], loaded.meta["version"]),
        )
    return found


def consultation_state(opens: str, closes: str, on: str) -> str:
    """before | open | closed on the ISO day `on` (opens and closes are both days of the
    consultation): the one rule for the banner, the comment links and the validator's outcomes."""
    if on < opens:
        return "before"
    return "open" if on <= closes else "closed"
