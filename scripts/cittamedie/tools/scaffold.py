"""`new`: write the Italian and English files of a new case or chapter from templates/new/."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from string import Template

from ..content.model import slugify
from ..content.problems import Problem

KINDS = {"good-practice": "good-practices", "chapter": "guidelines"}


def new(
    kind: str, root: Path, *, city: str = "", slug: str = "", document: str = ""
) -> tuple[list[Path], list[Problem]]:
    """Create both language files, or nothing at all if one of them exists already."""
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
        folder = root / "guidelines" / document
        if not document or not (folder / "document.yml").is_file():
            known = sorted(p.parent.name for p in (root / "guidelines").glob("*/document.yml"))
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
    targets = [
        folder / f"{item_id if kind == 'good-practice' else slug}{suffix}.md"
        for suffix in ("", ".en")
    ]
    existing = [p for p in targets if p.exists()]
    if existing:
        return [], [
            Problem(
                p.relative_to(root).as_posix(),
                0,
                "exists",
                "the file exists already; nothing was written",
                "choose another --slug, or edit the existing file",
            )
            for p in existing
        ]
    values = {
        "id": item_id,
        "city": city,
        "slug": slug,
        "today": dt.date.today().isoformat(),
        "year": dt.date.today().year,
    }
    templates = resources.files(__package__) / "templates" / "new"
    for target, suffix in zip(targets, ("", ".en"), strict=True):
        text = Template((templates / f"{kind}{suffix}.md").read_text("utf-8")).substitute(values)
        with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    return targets, []
