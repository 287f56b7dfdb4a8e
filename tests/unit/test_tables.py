"""markup/tables.py and shapes.py: tables counted as their grid, in the validator and the build."""

from __future__ import annotations

from cittamedie.__main__ import main
from cittamedie.markup.shapes import shape_problems
from cittamedie.markup.tables import MAX_TABLE_SLOTS, table_slots


def _table(rows: int, cells: int, attrs: str = "") -> str:
    return "<table>" + ("<tr>" + f"<td{attrs}>x</td>" * cells + "</tr>\n") * rows + "</table>"


def test_plain_tables_count_rows_times_columns():
    assert table_slots(_table(3, 4)) == 12
    assert table_slots(_table(3, 4) + _table(2, 2)) == 16  # the page's tables together
    assert table_slots("<table><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>") == 4
    assert table_slots("<p>no table</p>") == 0


def test_merged_cells_count_the_grid_they_make():
    assert table_slots(_table(1, 1, ' colspan="5"')) == 5
    # a cell spanning 3 rows pushes the next rows' cells one column to the right
    html = '<table><tr><td rowspan="3">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>'
    assert table_slots(html) == 6
    # spans from above accumulate: 20 rows of 20 cells of 50 × 50 (7.4 s in WeasyPrint)
    assert table_slots(_table(20, 20, ' colspan="50" rowspan="50"')) > MAX_TABLE_SLOTS


def test_a_rowspan_ends_with_its_group_and_values_are_read_as_a_browser_does():
    html = (
        '<table><thead><tr><td rowspan="9">h</td></tr></thead>'
        "<tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>"
    )
    assert table_slots(html) == 3
    assert table_slots(_table(1, 1, ' colspan="&#52;"')) == 4  # entities decoded
    assert table_slots(_table(1, 1, ' colspan="3x"')) == 3  # leading digits
    assert table_slots(_table(1, 1, ' colspan="x"')) == 1


def test_counting_stops_past_the_limit_whatever_the_spans():
    html = _table(400, 400, ' colspan="1000" rowspan="65534"')
    assert MAX_TABLE_SLOTS < table_slots(html) <= 3 * MAX_TABLE_SLOTS


def test_markdown_tables_are_counted_in_the_source():
    head = "| " + " | ".join("abcdefghij") + " |\n|" + "---|" * 10 + "\n"
    small = head + "| x |\n" * 50
    assert shape_problems("docs/t.md", small, 10) == []
    big = "Testo.\n\n" + head + "| x |\n" * 1_500
    (problem,) = [p for p in shape_problems("docs/t.md", big, 10) if "table" in p.message]
    assert str(problem) == (
        "docs/t.md:12: size: this table has 1,501 rows of up to 10 columns: with the page's other "
        "tables, more than 10,000 cells — split the table into smaller tables, or use fewer merged "
        "cells (colspan, rowspan)"
    )


def test_the_validator_refuses_a_page_of_merged_cells(valid_tree, capsys):
    page = valid_tree / "docs" / "index.md"
    text = page.read_text("utf-8")
    # end tags optional and few `<`: within the page's limits on tags (shapes.py, pagecounts.py),
    # a grid of 15 rows × 29,970 columns (WeasyPrint: 2.3 s; more rows, more minutes)
    rows = "<tr>" + "<td colspan=999 rowspan=999>x" * 2
    page.write_text(text + "\n<table>" + rows * 15 + "</table>\n", "utf-8")
    assert main(["--root", str(valid_tree), "validate"]) == 1
    out = capsys.readouterr().out
    line = text.count("\n") + 2
    assert (
        f"docs/index.md:{line}: size: the tables of this page lay out more than 10,000 cells" in out
    )
