"""Fields of front matter and data files are plain text: markup there is an editor's error.

Titles, descriptions, glossary expansions, theme names and cities land in HTML attributes, in
Material's templates (which do not escape them) and in its tooltips (which insert an `abbr`
title as HTML): no field documented as text may carry a tag, a character reference or an
invisible control character. The build escapes them too; this says so to the editor first.
"""

from __future__ import annotations

from ..content.messages import say
from ..content.model import Site
from ..content.problems import Problem
from ..content.schema import line_of
from ..markup.plaintext import markup_in, strings_of
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    problems: list[Problem] = []
    for source in site.sources:
        problems.extend(_walk(source.meta, "", source.rel, source.lines))
    for doc in site.documents.values():
        problems.extend(_walk(doc.meta, "", doc.rel, doc.lines))
    for name, data in site.data.items():
        problems.extend(_walk(data, "", f"data/{name}.yml", site.data_lines.get(name, {})))
    return problems


def _walk(value, dotted: str, rel: str, lines: dict[str, int]) -> list[Problem]:
    # Most files have nothing to report: one scan of all their strings at once (joined by a line
    # end, which none of the signs can span) spares naming every field of a clean file.
    if not dotted and markup_in("\n".join(strings_of(value))) is None:
        return []
    if isinstance(value, dict):
        return [
            p
            for key, item in value.items()
            for p in _walk(item, f"{dotted}.{key}" if dotted else str(key), rel, lines)
        ]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _walk(item, f"{dotted}.{i}", rel, lines)]
    if not isinstance(value, str):
        return []
    what = markup_in(value)
    if what is None:
        return []
    return [
        Problem(
            rel,
            line_of(dotted, lines, 1),
            "plain-text",
            say("the text contains {what}", what=what),
            say("write plain text: no <tags>, no &…; codes; type the character itself (é, «, ’)"),
            dotted,
        )
    ]
