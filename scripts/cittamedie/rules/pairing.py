"""Every Italian page has its English counterpart; translations say which Italian text they follow
(the content model's translation_state decides whether one is current)."""

from __future__ import annotations

from ..content.languages import SOURCE_LANGUAGE, TRANSLATIONS, source_uri, split_language
from ..content.messages import say
from ..content.model import Site, field_value
from ..content.problems import WARNING, Problem
from .run import Run

# Language-neutral facts of a good practice: translated words may differ, these may not.
SHARED_FIELDS = (
    "id",
    "city",
    "programme",
    "period.start",
    "period.end",
    "budget_eur",
    "themes",
    "confidence",
)


def check(site: Site, run: Run) -> list[Problem]:
    return [problem for lang in TRANSLATIONS for problem in _pairs(site, lang)]


def _pairs(site: Site, lang: str) -> list[Problem]:
    problems = []
    for key in site.keys():
        it, en = site.get(key, SOURCE_LANGUAGE), site.get(key, lang)
        if it is None:
            if en is not None:  # else a page of another translation only: its own pass says it
                problems.append(
                    Problem(
                        en.rel,
                        1,
                        "pairing",
                        say("this English page has no Italian original"),
                        say("add {file} or remove this file", file=split_language(en.rel)[0]),
                    )
                )
            continue
        state = site.translation_state(key, lang)
        if state == "missing":
            problems.append(
                Problem(
                    it.rel,
                    1,
                    "pairing",
                    say("the English translation is missing"),
                    say(
                        'add {file}, or add `untranslated: "reason"` to the front matter if it '
                        "stays Italian only",
                        file=source_uri(it.rel, lang),
                    ),
                )
            )
        if en is None or not (it.ok and en.ok):
            continue
        if en.meta.get("id") != it.meta.get("id"):
            problems.append(
                Problem(
                    en.rel,
                    en.line_of("id"),
                    "pairing",
                    say(
                        "the id `{id}` differs from the Italian `{italian}`",
                        id=en.meta.get("id"),
                        italian=it.meta.get("id"),
                    ),
                    say("use the same id in both languages"),
                    "id",
                )
            )
        problems.extend(_staleness(state, it.rel, en))
        if it.kind == "good-practice":
            problems.extend(_shared_facts(it, en))
    return problems


def _staleness(state: str, italian_rel: str, en) -> list[Problem]:
    fix = say(
        "check the translation, then run `cittamedie translations --mark-current {file}`",
        file=en.rel,
    )
    if state == "unmarked":
        return [
            Problem(
                en.rel,
                1,
                "stale-translation",
                say("the translation does not say which Italian text it follows"),
                fix,
                "translated_from",
                WARNING,
            )
        ]
    if state == "stale":
        return [
            Problem(
                en.rel,
                en.line_of("translated_from"),
                "stale-translation",
                say("the Italian page {page} changed after this translation", page=italian_rel),
                fix,
                "translated_from",
                WARNING,
            )
        ]
    return []


def _shared_facts(it, en) -> list[Problem]:
    problems = []
    for name in SHARED_FIELDS:
        a, b = field_value(it.meta, name), field_value(en.meta, name)
        if a != b:
            problems.append(
                Problem(
                    en.rel,
                    en.line_of(name),
                    "facts-mismatch",
                    say(
                        "`{value}` differs from the Italian page's `{italian}`", value=b, italian=a
                    ),
                    say("facts are the same in both languages: copy the Italian value"),
                    name,
                )
            )
    for name, parts in (
        ("results", ("value", "year", "source")),
        ("sources", ("url",)),
        ("links", ("url",)),
    ):
        if _pick(it.meta.get(name), parts) != _pick(en.meta.get(name), parts):
            problems.append(
                Problem(
                    en.rel,
                    en.line_of(name),
                    "facts-mismatch",
                    say(
                        "the {field} differ from the Italian page's (values, years or addresses)",
                        field=name,
                    ),
                    say(
                        "keep the same {field} in the same order; translate only the words",
                        field=name,
                    ),
                    name,
                )
            )
    return problems


def _pick(rows, parts: tuple[str, ...]) -> list[tuple]:
    """The language-neutral columns of a list of records."""
    return [tuple(row.get(p) for p in parts) for row in rows or [] if isinstance(row, dict)]
