"""data/city-details.yml, what a city's page is written from: the editor's messages for bad city
data (unknown fields, wrong types, a city or an event that does not exist, a contact without a way
to reach it), in both languages, and the figures of the real file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cittamedie.__main__ import main

from ..conftest import REPO

FILE = "data/city-details.yml"


def _report(tree: Path, lang: str, capsys) -> list[str]:
    code = main(["--root", str(tree), "--lang", lang, "validate"])
    out = capsys.readouterr().out
    assert code == 1, out
    return out.splitlines()


def _edit(tree: Path, old: str, new: str) -> None:
    path = tree / FILE
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def bad_city(valid_tree: Path) -> Path:
    """Matera's entry with a contact with neither e-mail nor web page, and a press flag that is not
    true or false."""
    _edit(
        valid_tree,
        '      email: "fondi@example.org"\n      url: "https://example.org/ufficio"\n',
        "",
    )
    _edit(valid_tree, "        press: true\n", "        press: sì\n")
    return valid_tree


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "it",
            [
                f"{FILE}:30: schema: manca il campo obbligatorio `email` (cities.0.contact.email)",
                f"{FILE}:15: schema: `sì` dovrebbe essere",
            ],
        ),
        (
            "en",
            [
                f"{FILE}:30: schema: required field `email` is missing (cities.0.contact.email)",
                f"{FILE}:15: schema: `sì` should be",
            ],
        ),
    ],
)
def test_bad_city_data_in_the_editors_language(bad_city, capsys, lang, expected):
    lines = _report(bad_city, lang, capsys)
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)


def test_a_city_that_is_not_among_the_39_in_italian(valid_tree, capsys):
    """rules/cities.py reads a file its schema accepts: the id is compared with data/cities.yml."""
    _edit(valid_tree, "  - id: matera\n", "  - id: matrea\n")
    lines = _report(valid_tree, "it", capsys)
    assert (
        f"{FILE}:8: data: `matrea` non è l'id di una città di data/cities.yml (cities.0.id)"
        " — forse intendevi `matera`? Altrimenti scrivi l'id di una delle 39 città, come "
        "lo riporta data/cities.yml"
    ) in lines


def test_a_city_listed_twice_is_said_at_its_line(valid_tree, capsys):
    text = (valid_tree / FILE).read_text("utf-8")
    (valid_tree / FILE).write_text(text + "  - id: matera\n", "utf-8")
    lines = _report(valid_tree, "en", capsys)
    assert any(
        line.startswith(f"{FILE}:34: data: the id `matera` is listed twice (first on line 8)")
        for line in lines
    ), lines


def test_the_real_file_names_each_city_once_and_every_statement_has_a_source():
    details = yaml.safe_load((REPO / FILE).read_text("utf-8"))
    cities = {
        c["id"] for c in yaml.safe_load((REPO / "data/cities.yml").read_text("utf-8"))["cities"]
    }
    ids = [entry["id"] for entry in details["cities"]]
    assert len(ids) == len(set(ids)) and set(ids) <= cities
    for statement in details["programme"] + [
        f for e in details["cities"] for f in e.get("facts", [])
    ]:
        assert statement["sources"] and statement["text"]["it"] and statement["text"]["en"]
        assert all(s["url"].startswith(("https://", "http://")) for s in statement["sources"])
