"""The editor's language (content/messages.py): every sentence written with say() has its Italian in
locale/it/*.po, with the same named values; the language is the one asked for, else the locale's,
else Italian; reports and commands speak it."""

from __future__ import annotations

import json
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
    sentence,
)
from cittamedie.content.schema import SCHEMA_NAMES, schema_files

from ..conftest import REPO

PACKAGE = REPO / "scripts" / "cittamedie"


def templates_in_the_code() -> dict[str, str]:
    """template → where it is written, for every say("…") of the package (Babel's extractor, as
    translators' tools read the code), and every description of the schemas that validate editors'
    files, which content/schema.py says as a fix (sentence())."""
    found = {}
    for filename, line, text, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords={"say": None}
    ):
        found.setdefault(text, f"{filename}:{line}")
    for text, where in schema_descriptions().items():
        found.setdefault(sentence(text).template, where)
    return found


# The published data's schema: it validates the open-data files the build writes, never an editor's
# file, so its descriptions are no editor's fix (and stay English, as the published data's are).
NOT_FOR_EDITORS = {"open-data.schema.json"}


def schema_descriptions() -> dict[str, str]:
    """description → the schema file and place it is written in, for every `description` string
    of the schemas content/schema.py checks editors' files with."""
    found: dict[str, str] = {}

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    found.setdefault(value, where)
                else:
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    for name, text in sorted(schema_files().items()):
        if name not in NOT_FOR_EDITORS:
            walk(json.loads(text), f"content/schemas/{name}#")
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


def test_a_schemas_description_is_the_fix_in_the_editors_language(valid_tree):
    cities = valid_tree / "data" / "cities.yml"
    cities.write_text(cities.read_text("utf-8").replace("code: olb,", "code: OLB,"), "utf-8")
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "scripts")}
    italian = _validate(valid_tree, "--lang", "it", env=base).splitlines()
    english = _validate(valid_tree, "--lang", "en", env=base).splitlines()
    assert (
        "data/cities.yml:5: schema: `OLB` non ha la forma giusta (cities.1.code) — Due o tre "
        "lettere minuscole, per esempio ba: l'inizio dei nomi dei file dei casi della città "
        "(ba-urbis.md), unico in data/cities.yml e data/case-cities.yml."
    ) in italian
    assert (
        "data/cities.yml:5: schema: `OLB` has the wrong form (cities.1.code) — Two or three "
        "lowercase letters, e.g. ba: the start of the file names of the city's cases "
        "(ba-urbis.md), unique across data/cities.yml and data/case-cities.yml."
    ) in english


def test_the_schemas_left_out_validate_no_editors_file():
    checked = {f"{name}.schema.json" for name in (*SCHEMA_NAMES, "identity")}
    assert NOT_FOR_EDITORS <= set(schema_files()) and not NOT_FOR_EDITORS & checked


def test_a_description_with_braces_is_its_own_text():
    said = sentence("write `{it: …, en: …}`")
    assert said == "write `{it: …, en: …}`" and said.template == "write `{{it: …, en: …}}`"
    assert in_language(said, "it") == "write `{it: …, en: …}`"  # no Italian: the English
