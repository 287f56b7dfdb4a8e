"""`new`: write the Italian and English files of a new case or chapter from templates/new/.

What the data knows is written in (a case's city as data/ spells it, its region, its code at the
start of the file name); what the editor must write or choose is TODO, never a plausible value;
the English file is the translation of the Italian one as written, so it starts current. A case
that resembles one of the same city (tools/resemblance.py) is refused unless forced.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
from importlib import resources
from pathlib import Path
from string import Template

from ..content.files import normalize, parse_markdown
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE, source_uri
from ..content.load import load_site
from ..content.messages import Say, say
from ..content.model import Source, slugify, text_hash
from ..content.problems import Problem
from ..rules.data import CITY_FILES
from .files import create_all
from .resemblance import resembling

KINDS = {"good-practice": "good-practices", "chapter": "guidelines"}
COMMAND_LINE = "(command line)"
TITLES = {"it": "TODO titolo", "en": "TODO title"}  # the title when --title is not given

# Every sentence of the command, in one place: key → its (what is wrong, the fix), from the values
# (English templates; their Italian in content/locale/it/tools.po).
MESSAGES = {
    "empty-slug": lambda: (
        say("the --slug is empty"),
        say("give a short name, e.g. --slug co-city"),
    ),
    "empty-city": lambda: (say("the --city is empty"), say("give the city, e.g. --city Torino")),
    "no-document": lambda **v: (
        say("`{document}` is not a document", document=v["document"]),
        say("use --document with one of: {known}", known=v["known"]),
    ),
    "no-cities": lambda **v: (
        say("the list of cities cannot be read, so the case's code and region are not known"),
        say("fix what `make validate` reports in {files}, then run the command again", **v),
    ),
    "unknown-city": lambda **v: (
        say("`{city}` is not a city of data/cities.yml or data/case-cities.yml", city=v["city"]),
        say(
            "{closest}use one of: {known}; a city not listed goes in data/case-cities.yml first, "
            "with its region and a code of its own",
            closest=v["closest"],
            known=v["known"],
        ),
    ),
    "resembles": lambda **v: (
        say(
            "the case {id} (“{title}”) is of the same city and its name resembles {names}; "
            "nothing was written",
            id=v["id"],
            title=v["title"],
            names=v["names"],
        ),
        say(
            "edit {rel} if it is the same project; if it is another one, give it a name of its "
            "own (--slug, --title) or run the command again with --force",
            rel=v["rel"],
        ),
    ),
}


def _closest(names: str) -> Say:
    return say("did you mean {names}? Otherwise ", names=names)


def _either(names: list[str]) -> str:
    """`a or b or c`, in the editor's language."""
    return functools.reduce(lambda a, b: say("{a} or {b}", a=a, b=b), names)


def _both(names: list[str]) -> str:
    """`a and b`, in the editor's language."""
    return functools.reduce(lambda a, b: say("{a} and {b}", a=a, b=b), names)


def _problem(key: str, path: str = COMMAND_LINE, line: int = 0, rule: str = "usage", **values):
    message, fix = MESSAGES[key](**values)
    return Problem(path, line, rule, message, fix)


def new(
    kind: str,
    root: Path,
    *,
    city: str = "",
    slug: str = "",
    document: str = "",
    title: str = "",
    force: bool = False,
) -> tuple[list[Path], list[Problem]]:
    """Create both language files, or nothing at all: if one of them exists already, a link is
    on the way (tools/files.py), or the case resembles one of the same city (unless force)."""
    slug = slugify(slug)
    if not slug:
        return [], [_problem("empty-slug")]
    values = {
        "slug": slug,
        "today": dt.date.today().isoformat(),
        "year": dt.date.today().year,
        **{f"title_{lang}": _quoted(title or TITLES[lang]) for lang in LANGUAGES},
    }
    if kind == "good-practice":
        found, problems = _case(root, city, slug, title, force)
        if problems:
            return [], problems
        # `--slug ba-urbis` for Bari: the code typed as well is written once
        stem = f"{found['code']}-{slug.removeprefix(found['code'] + '-') or slug}"
        folder = root / "good-practices"
        values |= {"id": stem, "city": _quoted(found["name"]), "region": _quoted(found["region"])}
    else:
        known = sorted(p.parent.name for p in (root / "guidelines").glob("*/document.yml"))
        if document not in known:  # a name of the list: never a path like ../x
            return [], [_problem("no-document", document=document, known=", ".join(known))]
        stem, folder = slug, root / "guidelines" / document
        values["id"] = f"{document}-{slug}"
    texts = _texts(kind, folder / f"{stem}.md", root, values)
    problems = create_all(root, texts)  # both files or neither, never through a link
    return ([], problems) if problems else (list(texts), [])


def _case(root: Path, typed: str, slug: str, title: str, force: bool):
    """The city's entry in data/ (name, region, code), or why the case cannot be created."""
    if not slugify(typed):
        return None, [_problem("empty-city")]
    site = load_site(root)
    if not all(name in site.data for name in CITY_FILES):
        files = _both([f"data/{name}.yml" for name in CITY_FILES])
        return None, [_problem("no-cities", files=files)]
    cities = {slugify(c["name"]): c for name in CITY_FILES for c in site.items(name)}
    city = cities.get(slugify(typed)) or next(
        (c for c in cities.values() if c["id"] == slugify(typed)), None
    )
    if city is None:
        return None, [_unknown_city(typed, sorted(c["name"] for c in cities.values()))]
    same = [] if force else resembling(site, city["name"], city["code"], [slug, title])
    names = _either([f"`{name}`" for name in (slug, title) if name])
    return city, [_resembles(case, names) for case in same]


def _unknown_city(typed: str, known: list[str]) -> Problem:
    closest = difflib.get_close_matches(typed, known, n=3, cutoff=0.6)
    if not closest:  # the editor's capitals or accents aside
        folded = {slugify(name): name for name in known}
        closest = [folded[s] for s in difflib.get_close_matches(slugify(typed), folded, n=3)]
    hint = _closest(_either(closest)) if closest else ""
    return _problem("unknown-city", city=typed, closest=hint, known=", ".join(known))


def _resembles(case: Source, names: str) -> Problem:
    return _problem(
        "resembles",
        case.rel,
        case.line_of("title"),
        "duplicate",
        id=case.id or case.key,
        title=case.title,
        rel=case.rel,
        names=names,
    )


def _texts(kind: str, italian: Path, root: Path, values: dict) -> dict[Path, str]:
    """Each language's file and text. A translation's `translated_from` is the fingerprint of the
    Italian text as written here: it translates that text, so it is current until the Italian
    text changes (the validator's and `cittamedie translations`' own test)."""
    folder = resources.files(__package__) / "templates" / "new"
    texts: dict[Path, str] = {}
    for lang in LANGUAGES:
        template = Template((folder / source_uri(f"{kind}.md", lang)).read_text("utf-8"))
        text = template.substitute(values)
        if lang == SOURCE_LANGUAGE:
            shown = italian.relative_to(root).as_posix()
            values = values | {
                "translated_from": text_hash(parse_markdown(normalize(text), shown).body)
            }
        texts[italian.parent / source_uri(italian.name, lang)] = text
    return texts


def _quoted(text: str) -> str:
    """A value between double quotes, as YAML reads it (JSON's string is YAML's double-quoted
    scalar): a title may hold `: `, `#` or quotes."""
    return json.dumps(text, ensure_ascii=False)
