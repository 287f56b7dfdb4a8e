"""The editor's language (content/messages.py): every sentence written with say() has its Italian in
locale/it/*.po, with the same named values; the language is the one asked for, else the locale's,
else Italian; reports and commands speak it."""

from __future__ import annotations

import pickle
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from cittamedie.content import messages
from cittamedie.content.messages import (
    Say,
    catalogue,
    editor_language,
    from_data,
    in_language,
    say,
)

from ..conftest import REPO

PACKAGE = REPO / "scripts" / "cittamedie"


def templates_in_the_code() -> dict[str, str]:
    """template → where it is written, for every say("…") of the package (Babel's extractor, as
    translators' tools read the code)."""
    found = {}
    for filename, line, text, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords={"say": None}
    ):
        found.setdefault(text, f"{filename}:{line}")
    return found


def names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_sentence_has_its_italian_with_the_same_values():
    italian = catalogue("it")
    written = templates_in_the_code()
    assert len(written) >= 5
    missing = [f"{where}: {text!r}" for text, where in written.items() if text not in italian]
    assert not missing, "no Italian in locale/it/*.po for:\n" + "\n".join(missing)
    different = [
        f"{where}: {text!r} → {italian[text]!r}"
        for text, where in written.items()
        if names(text) != names(italian[text])
    ]
    assert not different, "the Italian names other values:\n" + "\n".join(different)


def test_the_catalogue_holds_only_sentences_the_code_says():
    unused = sorted(set(catalogue("it")) - set(templates_in_the_code()))
    assert not unused, "locale/it/*.po translates sentences no code says:\n" + "\n".join(unused)


@pytest.mark.parametrize(
    ("asked", "environ", "expected"),
    [
        ("en", {"LANG": "it_IT.UTF-8"}, "en"),
        (None, {"LANGUAGE": "en_GB:it", "LANG": "it_IT.UTF-8"}, "en"),
        (None, {"LC_ALL": "it_IT.UTF-8", "LANG": "en_US.UTF-8"}, "it"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "it"),
        (None, {"LANG": "fr_FR.UTF-8"}, "it"),
        (None, {"LANGUAGE": "", "LANG": "en_US.UTF-8"}, "en"),
        (None, {}, "it"),
    ],
)
def test_the_language_is_the_one_asked_then_the_locales_then_italian(asked, environ, expected):
    assert editor_language(asked, environ) == expected


def test_a_sentence_is_english_as_a_string_and_said_again_in_italian():
    said = say(
        "{checked} files checked: {errors} error(s), {warnings} warning(s).",
        checked=3,
        errors=1,
        warnings=0,
    )
    assert said == "3 files checked: 1 error(s), 0 warning(s)."
    assert in_language(said, "it") == "File controllati: 3; errori: 1, avvisi: 0."
    assert in_language("docs/x.md", "it") == "docs/x.md"  # not a sentence: said as it is
    assert pickle.loads(pickle.dumps(said)).template == said.template  # across PDF workers
    assert isinstance(pickle.loads(pickle.dumps(said)), Say)


def test_numbers_are_grouped_as_each_language_groups_them(monkeypatch):
    monkeypatch.setattr(messages, "catalogue", lambda lang: {"{n:,} pixels": "{n:,} pixel"})
    said = say("{n:,} pixels", n=144_000_000)
    assert said == "144,000,000 pixels"
    assert in_language(said, "it") == "144.000.000 pixel"


def test_a_sentence_from_a_data_file_says_itself_in_each_language():
    said = from_data({"en": "the sources {section}", "it": "la sezione {delle} fonti"})
    assert said == "the sources {section}"  # braces are text, not values
    assert in_language(said, "it") == "la sezione {delle} fonti"
    assert in_language(say("the id is the site's own: {owner}", owner=said), "en").endswith(
        "{section}"
    )


def test_a_sentence_without_its_italian_is_said_in_english(monkeypatch):
    monkeypatch.setattr(messages, "catalogue", lambda lang: {})
    assert in_language(say("warning: "), "it") == "warning: "


def _validate(tree: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "cittamedie", "--root", str(tree), *args, "validate"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_the_report_is_italian_unless_english_is_asked_for(valid_tree):
    page = valid_tree / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[rotto](non-esiste.md)\n", "utf-8")
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "scripts")}
    italian = _validate(valid_tree, env={**base, "LANG": "C.UTF-8"})
    english = _validate(valid_tree, "--lang", "en", env={**base, "LANG": "C.UTF-8"})
    assert "File controllati:" in italian and "errori: 1" in italian
    assert "files checked:" in english and "1 error(s)" in english
    assert _validate(valid_tree, env={**base, "LANGUAGE": "en"}) == english
    assert _validate(valid_tree, "--lang", "it", env={**base, "LANGUAGE": "en"}) == italian
