"""Values from the taxonomies, unique ids, document chapters, known marker comments."""

from __future__ import annotations

from ..content.languages import SOURCE_LANGUAGE
from ..content.markers import MARKER, marker_problem
from ..content.messages import say
from ..content.model import Site
from ..content.problems import Problem
from ..content.suggest import data_ids, did_you_mean
from .run import Run
from .todos import is_todo


def check(site: Site, run: Run) -> list[Problem]:
    themes = {t.get("id") for t in site.items("themes")}
    programmes = {p.get("id") for p in site.items("programmes")}
    problems = []
    ids: dict[tuple[str, str], str] = {}
    for source in site.sources:
        if not source.ok:
            continue
        meta = source.meta
        for i, theme in enumerate(meta.get("themes") or []):
            if themes and theme not in themes and not is_todo(theme):  # todos.py says it
                problems.append(
                    Problem(
                        source.rel,
                        source.line_of(f"themes.{i}"),
                        "taxonomy",
                        say("`{theme}` is not a theme", theme=theme),
                        did_you_mean(
                            data_ids(site, "themes", theme, source.lang),
                            say("use one of: {themes}", themes=", ".join(sorted(themes))),
                        ),
                        "themes",
                    )
                )
        if source.kind == "good-practice":
            programme = meta.get("programme")
            if programmes and programme not in programmes and not is_todo(programme):
                problems.append(
                    Problem(
                        source.rel,
                        source.line_of("programme"),
                        "taxonomy",
                        say("`{programme}` is not a programme", programme=meta.get("programme")),
                        did_you_mean(
                            data_ids(site, "programmes", meta.get("programme"), source.lang),
                            say(
                                "use one of: {programmes} (data/programmes.yml)",
                                programmes=", ".join(sorted(programmes)),
                            ),
                        ),
                        "programme",
                    )
                )
            expected = source.key.rpartition("/")[2].removesuffix(".md")
            if source.id and source.id != expected:
                problems.append(
                    Problem(
                        source.rel,
                        source.line_of("id"),
                        "id",
                        say(
                            "the id `{id}` differs from the file name `{name}`",
                            id=source.id,
                            name=expected,
                        ),
                        say("use id: {name}, or rename the file", name=expected),
                        "id",
                    )
                )
        if source.id:
            other = ids.setdefault((source.id, source.lang), source.rel)
            if other != source.rel:
                problems.append(
                    Problem(
                        source.rel,
                        source.line_of("id"),
                        "id",
                        say("the id `{id}` is already used by {file}", id=source.id, file=other),
                        say("give this page an id of its own"),
                        "id",
                    )
                )
        lines = source.body.split("\n") if "cittamedie:" in source.body else []
        for number, text in enumerate(lines, start=source.body_line):
            if MARKER.search(text):
                problem = marker_problem(text, site, source.lang)
                if problem:
                    problems.append(Problem(source.rel, number, "marker", *problem))
    problems.extend(_documents(site))
    return problems


def _documents(site: Site) -> list[Problem]:
    problems = []
    for doc in site.documents.values():
        listed = set(doc.chapters)
        for i, key in enumerate(doc.chapters):
            if site.get(key, SOURCE_LANGUAGE) is None:
                problems.append(
                    Problem(
                        doc.rel,
                        doc.lines.get(f"chapters.{i}", 1),
                        "document",
                        say("the chapter `{name}` has no file", name=_name(key)),
                        say(
                            "add {folder}/{name}.md or remove it from chapters",
                            folder=doc.rel.rpartition("/")[0],
                            name=_name(key),
                        ),
                        "chapters",
                    )
                )
        for source in site.in_language(SOURCE_LANGUAGE):
            if source.document == doc.id and source.key not in listed:
                name = _name(source.key)
                problems.append(
                    Problem(
                        source.rel,
                        1,
                        "document",
                        say("this chapter is not in the document's list"),
                        say(
                            "add `{name}` to `chapters:` in {file}, in reading order",
                            name=name,
                            file=doc.rel,
                        ),
                    )
                )
    return problems


def _name(key: str) -> str:
    return key.rpartition("/")[2].removesuffix(".md")
