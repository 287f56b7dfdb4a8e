"""`new`: write the Italian and English files of a new case or chapter from templates/new/."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from string import Template

from ..content.model import slugify
from ..content.problems import Problem
from .files import create_all

KINDS = {"good-practice": "good-practices", "chapter": "guidelines"}


def new(
    kind: str, root: Path, *, city: str = "", slug: str = "", document: str = ""
) -> tuple[list[Path], list[Problem]]:
    """Create both language files, or nothing at all if one of them exists already, or a link
    is on the way (tools/files.py)."""
    slug = slugify(slug)
    if not slug:
        return [], [
            Problem(
                "(command line)",
                0,
                "usage",
                "the --slug is empty",
                "give a short name, e.g. --slug urbis",
            )
        ]
    if kind == "good-practice":
        if not slugify(city):
            return [], [
                Problem(
                    "(command line)",
                    0,
                    "usage",
                    "the --city is empty",
                    "give the city, e.g. --city Bari",
                )
            ]
        item_id = f"{slugify(city)}-{slug}"
        folder = root / "good-practices"
    else:
        known = sorted(p.parent.name for p in (root / "guidelines").glob("*/document.yml"))
        if document not in known:  # a name of the list: never a path like ../x
            return [], [
                Problem(
                    "(command line)",
                    0,
                    "usage",
                    f"`{document}` is not a document",
                    f"use --document with one of: {', '.join(known)}",
                )
            ]
        item_id = f"{document}-{slug}"
        folder = root / "guidelines" / document
    targets = [
        folder / f"{item_id if kind == 'good-practice' else slug}{suffix}.md"
        for suffix in ("", ".en")
    ]
    values = {
        "id": item_id,
        "city": city,
        "slug": slug,
        "today": dt.date.today().isoformat(),
        "year": dt.date.today().year,
    }
    templates = resources.files(__package__) / "templates" / "new"
    texts = {
        target: Template((templates / f"{kind}{suffix}.md").read_text("utf-8")).substitute(values)
        for target, suffix in zip(targets, ("", ".en"), strict=True)
    }
    problems = create_all(root, texts)  # both files or neither, never through a link
    return ([], problems) if problems else (targets, [])
