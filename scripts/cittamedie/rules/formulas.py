"""A good practice's fields go into the open data CSV (exports/opendata.py): a text there that a
spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `-cmd|…`) is an attack, not a
title. The export neutralises such cells anyway (an apostrophe first); this tells the editor."""

from __future__ import annotations

from ..content.generated import OPEN_DATA
from ..content.languages import LANGUAGES
from ..content.messages import say
from ..content.model import Site
from ..content.problems import Problem
from ..content.schema import line_of
from ..markup.formulas import looks_like_formula
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    for source in (case for lang in LANGUAGES for case in site.cases(lang)):
        for field, text in _strings(source.meta, ""):
            lead = looks_like_formula(text)
            if lead is None:
                continue
            problems.append(
                Problem(
                    source.rel,
                    line_of(field, source.lines, 1),
                    "formula",
                    say(
                        "the text starts with `{lead}`, which a spreadsheet opening the open "
                        "data ({file}.csv) runs as a formula",
                        lead=lead if lead.isprintable() else repr(lead)[1:-1],
                        file=OPEN_DATA.split("/")[-1],
                    ),
                    say("start it with a word or a number"),
                    field,
                )
            )
    return problems


def _strings(value, dotted: str):
    """(field, text) of every string in front matter, with its dotted field name."""
    if isinstance(value, str):
        yield dotted, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{dotted}.{key}" if dotted else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{dotted}.{i}")
