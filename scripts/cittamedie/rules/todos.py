"""TODO markers still to be filled in (`cittamedie new` writes them where the editor must write or
choose): one line per line of the Italian file, naming the fields on it; the same TODO left in a
translation is told on the Italian line (the English file's line named in the fix), not again.

A TODO is the same across languages when it is in the same front-matter field, or is the n-th TODO
line of the section with the same {#id} (or of the text before the first heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.languages import SOURCE_LANGUAGE, TRANSLATIONS
from ..content.messages import say
from ..content.model import Site, Source, field_value, parse_heading
from ..content.problems import Problem
from ..markup.plaintext import strings_of
from .run import Run

TODO = re.compile(r"\bTODO\b")
RULE = "todo"
# Fields whose value is chosen from a list of data/ (the fix names the ids there).
CHOICES = {"themes": "themes", "programme": "programmes"}

# Every sentence of the rule, in one place (each given its values).
MESSAGES = {
    "field": lambda: say("a TODO is still to be filled in"),
    "section": lambda section: say(
        "a TODO is still to be filled in, in the section #{section}", section=section
    ),
    "introduction": lambda: say("a TODO is still to be filled in, before the first heading"),
    "fix": lambda: say("replace TODO with the real text"),
    "choose": lambda data, ids: say(
        "write in place of TODO what you choose from data/{data}.yml ({ids})", data=data, ids=ids
    ),
    "also": lambda fix, line, rel: say(
        "{fix}, here and on line {line} of {rel}", fix=fix, line=line, rel=rel
    ),
}


@dataclass(frozen=True)
class Todo:
    line: int
    place: str | tuple[str, int]  # a field (`title`, `themes.0`), or (section id, n-th TODO line)


def is_todo(value) -> bool:
    """A value the editor has still to write (the taxonomies leave it to this rule)."""
    return isinstance(value, str) and bool(TODO.search(value))


def check(site: Site, run: Run) -> list[Problem]:
    found = {source.rel: todos(source) for source in site.sources if source.ok}
    problems = []
    for source in site.sources:
        if not found.get(source.rel):
            continue
        if source.lang == SOURCE_LANGUAGE:
            pairs = [site.get(source.key, lang) for lang in TRANSLATIONS]
            also = [(other, found.get(other.rel, [])) for other in pairs if other is not None]
            problems.extend(_lines(site, source, found[source.rel], also))
        else:
            italian = site.get(source.key, SOURCE_LANGUAGE)
            told = {todo.place for todo in found.get(italian.rel, [])} if italian else set()
            left = [todo for todo in found[source.rel] if todo.place not in told]
            problems.extend(_lines(site, source, left, []))
    return problems


def todos(source: Source) -> list[Todo]:
    """Every TODO of a file: its front-matter fields, then its text's lines."""
    if "TODO" not in source.body and not any("TODO" in text for text in strings_of(source.meta)):
        return []
    found = [
        Todo(line, name)
        for name, line in source.lines.items()
        if is_todo(field_value(source.meta, name))
    ]
    section, count = "", 0
    for number, text in enumerate(source.body.split("\n"), start=source.body_line):
        heading = parse_heading(text) if text.startswith("#") else None
        if heading and heading[2]:
            section, count = heading[2], 0
        if TODO.search(text):
            found.append(Todo(number, (section, count)))
            count += 1
    return found


def _lines(site: Site, source: Source, found: list[Todo], also) -> list[Problem]:
    """One problem per line of `source` holding TODOs; `also`: each translation and its TODOs."""
    by_line: dict[int, list[Todo]] = {}
    for todo in found:
        by_line.setdefault(todo.line, []).append(todo)
    problems = []
    for line, here in sorted(by_line.items()):
        fields = sorted(t.place for t in here if isinstance(t.place, str))
        places = {t.place for t in here}
        fix = _fix(site, fields)
        for other, theirs in also:
            lines = sorted({t.line for t in theirs if t.place in places})
            if lines:
                shown = ", ".join(map(str, lines))
                fix = MESSAGES["also"](fix, shown, other.rel)
        problems.append(Problem(source.rel, line, RULE, _message(here), fix, ", ".join(fields)))
    return problems


def _message(here: list[Todo]) -> str:
    sections = [t.place[0] for t in here if not isinstance(t.place, str)]
    if not sections:
        return MESSAGES["field"]()
    return MESSAGES["section"](sections[0]) if sections[0] else MESSAGES["introduction"]()


def _fix(site: Site, fields: list[str]) -> str:
    for field in fields:
        data = CHOICES.get(field.split(".")[0])
        ids = [str(item.get("id")) for item in site.items(data)] if data else []
        if ids:
            return MESSAGES["choose"](data, ", ".join(ids))
    return MESSAGES["fix"]()
