"""The editor's language: what the validator and the commands say to an editor, in Italian or in
English. The one owner of which language that is and of how a sentence is said in it.

A sentence is written in the code once, in English, as a template with named values:

    say("the page `{target}` does not exist", target=target)

which gives a `Say`: a str whose value is the English sentence (what code, sorting and tests
compare), carrying its template and values so that a report can say it again in another language
(in_language). The translations are gettext catalogues, `locale/it/*.po` beside this module, read
with Babel (the format translators' tools edit; tests/unit/test_messages.py checks that every
template in the package has its translation, with the same named values). A text that is not a
Say (a path, a value the editor wrote) is said as it is.

The language is the one asked for (`--lang`), else the environment's (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG, as gettext reads them: English when it is English), else Italian: the editors
are Italian civil servants.
"""

from __future__ import annotations

import os
import string
import sys
from collections.abc import Mapping
from functools import cache
from importlib import resources

from babel.messages.pofile import read_po
from babel.numbers import format_decimal

EDITOR_LANGUAGES = ("it", "en")
SOURCE = "en"  # the language the templates are written in
DEFAULT = "it"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order


class Say(str):
    """A sentence for the editor: its English text, and its template and values."""

    template: str
    values: dict[str, object]
    translations: dict[str, str]  # a sentence from a data file says itself (from_data)

    def __new__(cls, template: str, values: Mapping[str, object]) -> Say:
        said = super().__new__(cls, template.format(**values))
        said.template, said.values, said.translations = template, dict(values), {}
        return said

    def __getnewargs__(self) -> tuple[str, dict[str, object]]:  # pickled across PDF workers
        return self.template, self.values


def from_data(texts: Mapping[str, str]) -> Say:
    """A sentence kept in a data file with its translations beside it (`{en: …, it: …}`, as in
    markup/allowlist.yml and furniture.yml, where a rule's reasons live with the rule)."""
    said = Say(texts[SOURCE].replace("{", "{{").replace("}", "}}"), {})
    said.translations = {lang: text for lang, text in texts.items() if lang != SOURCE}
    return said


def say(template: str, /, **values: object) -> Say:
    """A sentence for the editor (the template is in English; its translations in locale/)."""
    return Say(template, values)


def sentence(text: str) -> Say:
    """A sentence kept as plain text elsewhere, said as a template with no values: a schema's
    `description` (English, in schemas/*.schema.json, whose Italian is locale/it/schemas.po) used
    as an editor's fix. Its braces are text, doubled as a template writes them."""
    return Say(text.replace("{", "{{").replace("}", "}}"), {})


def in_language(text: str, lang: str) -> str:
    """The text said in `lang`: a Say by its translation (the English one when there is none),
    its values said in the same language; any other text as it is."""
    if not isinstance(text, Say) or lang == SOURCE:
        return str(text)
    if lang in text.translations:
        return text.translations[lang]
    template = catalogue(lang).get(text.template) or text.template
    values = {
        name: in_language(value, lang) if isinstance(value, Say) else value
        for name, value in text.values.items()
    }
    return _NumbersOf(lang).vformat(template, (), values)


def editor_language(asked: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language to speak to the editor in: the one asked for, else the environment's first
    locale variable that is set (English only when it names English: C, POSIX and the other
    languages get the default), else Italian."""
    if asked:
        return asked
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            first = value.split(":")[0].split(".")[0].split("_")[0].lower()
            return first if first in EDITOR_LANGUAGES else DEFAULT
    return DEFAULT


class _NumbersOf(string.Formatter):
    """str.format, but a number written with grouping (`{count:,}`) grouped as the language does:
    12.000 in Italian where English writes 12,000."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, int | float) and not isinstance(value, bool):
            return format_decimal(value, locale=self.lang)
        return super().format_field(value, format_spec)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """template → its translation, from the .po files of locale/<lang>/, one per part of the
    package (package data: read once per process); fuzzy and empty entries are left out, so the
    English template is said instead."""
    found: dict[str, str] = {}
    folder = resources.files(__package__).joinpath("locale", lang)
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".po"):
            continue
        with path.open("rb") as file:
            for entry in read_po(file):
                if entry.id and entry.string and not entry.fuzzy:
                    found[str(entry.id)] = str(entry.string)
    return found


def print_error(lang: str, message: str, tip: str = "", label: Say | None = None) -> None:
    """The command line's ERROR (or label: WARNING) and TIP lines on stderr, in the editor's
    language (for __main__.py, the exports it runs and the build's warnings that must not stop a
    strict build; coloured only on a terminal, and never under NO_COLOR)."""
    colour = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    error, tip_label = label or say("ERROR"), say("TIP")
    red, dim, reset = ("\033[31m", "\033[2m", "\033[0m") if colour else ("", "", "")
    print(
        f"{red}{in_language(error, lang)}{reset} {in_language(message, lang)}",
        file=sys.stderr,
    )
    if tip:
        print(
            f"{dim}{in_language(tip_label, lang)}{reset} {in_language(tip, lang)}", file=sys.stderr
        )
