"""Explicit heading ids: present on every section, unique, the same set in both languages, and
none that a marker's block puts on the same page (a glossary term, a catalogue group). Ids the
build writes on every page are refused by the sanitiser (markup/furniture.yml)."""

from __future__ import annotations

import re

from ..content.languages import SOURCE_LANGUAGE, TRANSLATIONS
from ..content.markers import MARKER, block_ids
from ..content.messages import say
from ..content.model import Site, Source, slugify
from ..content.problems import Problem
from ..content.suggest import closest, did_you_mean, shown
from ..markup.furniture import reserved_id
from .run import Run

ID_FORM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check(site: Site, run: Run) -> list[Problem]:
    problems = []
    for source in site.sources:
        if not source.ok:
            continue
        seen: dict[str, int] = {}
        for heading in source.headings:
            if heading.level < 2:
                continue
            if heading.id is None:
                problems.append(
                    Problem(
                        source.rel,
                        heading.line,
                        "heading-id",
                        say("the heading “{text}” has no explicit id", text=_short(heading.text)),
                        say(
                            "end the line with {{#{id}}}, the same id in both languages",
                            id=_suggested_id(heading.text),
                        ),
                    )
                )
            elif not ID_FORM.match(heading.id):
                problems.append(
                    Problem(
                        source.rel,
                        heading.line,
                        "heading-id",
                        say("the id `{id}` has the wrong form", id=heading.id),
                        say("use lowercase letters, digits and dashes"),
                    )
                )
            elif heading.id in seen:
                problems.append(
                    Problem(
                        source.rel,
                        heading.line,
                        "heading-id",
                        say(
                            "the id `{id}` is used twice (first on line {line})",
                            id=heading.id,
                            line=seen[heading.id],
                        ),
                        say("give each section its own id"),
                    )
                )
            else:
                seen[heading.id] = heading.line
        problems += _block_collisions(site, source)
    for key, lang in ((key, lang) for key in site.keys() for lang in TRANSLATIONS):
        it, en = site.get(key, SOURCE_LANGUAGE), site.get(key, lang)
        if not (it and en and it.ok and en.ok):
            continue
        it_ids = it.heading_ids
        en_ids = {h.id: h.line for h in en.headings if h.id}
        for missing in sorted(it_ids - set(en_ids)):
            problems.append(
                Problem(
                    en.rel,
                    1,
                    "heading-id",
                    say("the section id `{id}` of the Italian page is missing here", id=missing),
                    say("give the matching English heading {{#{id}}}", id=missing),
                )
            )
        for extra in sorted(set(en_ids) - it_ids):
            problems.append(
                Problem(
                    en.rel,
                    en_ids[extra],
                    "heading-id",
                    say("the section id `{id}` does not exist in the Italian page", id=extra),
                    did_you_mean(
                        [
                            shown(f"{{#{id_}}}")
                            for id_ in closest(extra, sorted(it_ids - set(en_ids)))
                        ],
                        say("use the same ids as the Italian page"),
                    ),
                )
            )
    return problems


def _block_collisions(site: Site, source: Source) -> list[Problem]:
    """Headings whose id a marker's block on the same page also writes."""
    if "cittamedie:" not in source.body:
        return []
    problems = []
    for match in MARKER.finditer(source.body):
        owned = block_ids(site, match[1])
        line = source.body_line + source.body.count("\n", 0, match.start())
        for heading in source.headings:
            anchor = heading.id or slugify(heading.text)
            if anchor in owned:
                problems.append(
                    Problem(
                        source.rel,
                        heading.line,
                        "heading-id",
                        say(
                            "the id `{id}` is also {what}, which the marker on line "
                            "{line} puts on this page",
                            id=anchor,
                            what=owned[anchor],
                            line=line,
                        ),
                        say(
                            "give the section another id (and change the links to it): two "
                            "elements with one id break links"
                        ),
                    )
                )
    return problems


def _suggested_id(text: str) -> str:
    """An id for a heading: its words, unless the site already uses that id."""
    slug = slugify(text)[:40] or "sezione"
    return f"sezione-{slug}" if reserved_id(slug) else slug


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
