"""The validator's report goes file by file, the most important first: what stops every build
(the preview too), then the other errors, then warnings; the same order in every format."""

from __future__ import annotations

import json

from ..conftest import validate


def break_three_ways(tree) -> None:
    """A page nested past the limit (stops every build), a case with words for a number (an
    error), and an Italian change that leaves two translations behind (warnings)."""
    chapter = tree / "guidelines" / "guida" / "capitolo.md"
    chapter.write_text(chapter.read_text("utf-8") + "\n" + ">" * 20 + " x\n", "utf-8")
    case = tree / "good-practices" / "matera-caso.md"
    case.write_text(
        case.read_text("utf-8").replace("budget_eur:", 'budget_eur: "mille"\nold_budget:'), "utf-8"
    )
    home = tree / "docs" / "index.md"
    home.write_text(home.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")


def test_the_text_report_goes_file_by_file_most_important_first(valid_tree, capsys):
    break_three_ways(valid_tree)
    code, out = validate(valid_tree, capsys)
    assert code == 1
    groups = [block.splitlines() for block in out.split("\n\n")]
    files = [{line.split(":")[0] for line in group} for group in groups[:-1]]
    assert files == [
        {"guidelines/guida/capitolo.md"},  # nesting: stops every build
        {"good-practices/matera-caso.md"},  # errors
        {"docs/index.en.md"},  # warnings, in path order
        {"guidelines/guida/capitolo.en.md"},
    ]
    case = groups[1]
    assert case[0].startswith("good-practices/matera-caso.md:11: schema: `mille` should be")
    assert [int(line.split(":")[1]) for line in case] == sorted(
        int(line.split(":")[1]) for line in case
    )
    assert groups[-1][0].endswith("error(s), 2 warning(s).")


def test_every_format_has_the_same_order(valid_tree, capsys):
    break_three_ways(valid_tree)
    _, text = validate(valid_tree, capsys)
    _, github = validate(valid_tree, capsys, "--format", "github")
    _, as_json = validate(valid_tree, capsys, "--format", "json")
    lines = [line for line in text.splitlines() if ": " in line and not line.startswith("(")]
    in_text = [line.split(": ")[0] for line in lines if not line[0].isdigit()]
    in_github = [
        f"{part.split(',line=')[0].removeprefix('file=')}:{part.split(',line=')[1].split(',')[0]}"
        for part in (line.split(" ", 1)[1] for line in github.splitlines() if line.startswith("::"))
    ]
    problems = json.loads(as_json[: as_json.rindex("}") + 1])["problems"]
    assert in_text == in_github == [f"{p['path']}:{p['line']}" for p in problems]
