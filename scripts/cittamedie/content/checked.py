"""A YAML file of the content read and checked against its schema, in one step: the documents'
document.yml, the data files and the consultations' files all arrive this way (load.py,
consultations.py), so a file that fails either is left out the same way, with its problems."""

from __future__ import annotations

from pathlib import Path

from . import schema
from .files import Loaded, load_yaml_file
from .problems import Problem


def load_checked(path: Path, rel: str, schema_name: str, problems: list[Problem]) -> Loaded | None:
    """The file read and valid against `schema_name`, or None; its problems added to `problems`."""
    loaded = load_yaml_file(path, rel)
    problems.extend(loaded.problems)
    if not loaded.ok:
        return None
    found = schema.check(schema_name, loaded.meta, rel, loaded.lines)
    problems.extend(found)
    return None if found else loaded
