"""`cittamedie new` knows the content: file names from the city's code, refusals of a case the
catalogue has already, what data/ knows written in, what the editor must choose left as TODO, an
English file that starts current, and a report of one line per TODO."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from cittamedie.__main__ import main
from cittamedie.content.load import load_site
from cittamedie.tools.resemblance import similar, words

from ..conftest import REPO, copy_tree, validate


def new(capsys, tree, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(tree), "new", "good-practice", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cases(tree) -> list[str]:
    return sorted(p.name for p in (tree / "good-practices").iterdir())


def test_a_case_is_named_by_its_citys_code_and_filled_from_the_data(valid_tree, capsys):
    code, out, _ = new(capsys, valid_tree, "--city", "bari", "--slug", "Urbis")
    assert code == 0
    assert "written: good-practices/ba-urbis.md\nwritten: good-practices/ba-urbis.en.md" in out
    for name in ("ba-urbis.md", "ba-urbis.en.md"):
        text = (valid_tree / "good-practices" / name).read_text("utf-8")
        assert "id: ba-urbis\n" in text
        # the data's spelling and region; the choices left to the editor
        assert 'city: "Bari"\nregion: "Puglia"\nprogramme: TODO\n' in text
        assert "themes: [TODO]\n" in text
        assert not [line for line in text.splitlines() if line.startswith("# ")]


def test_a_code_typed_in_the_slug_is_written_once(valid_tree, capsys):
    code, out, _ = new(capsys, valid_tree, "--city", "Olbia", "--slug", "olb-porto")
    assert code == 0 and "written: good-practices/olb-porto.md" in out


def test_the_new_english_file_is_current(valid_tree, capsys):
    assert new(capsys, valid_tree, "--city", "Bari", "--slug", "urbis")[0] == 0
    site = load_site(valid_tree)
    assert site.translation_state("buone-pratiche/ba-urbis.md", "en") == "current"
    _, out = validate(valid_tree, capsys)
    assert "stale-translation" not in out


def test_the_untouched_scaffold_reports_each_todo_once(valid_tree, capsys):
    assert new(capsys, valid_tree, "--city", "Bari", "--slug", "urbis")[0] == 0
    italian = (valid_tree / "good-practices" / "ba-urbis.md").read_text("utf-8").splitlines()
    english = (valid_tree / "good-practices" / "ba-urbis.en.md").read_text("utf-8").splitlines()
    code, out = validate(valid_tree, capsys)
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("good-practices/ba-urbis")]
    # one line per line of the Italian file that holds a TODO, none for the English file
    assert len(lines) == sum("TODO" in line for line in italian) == 17
    assert all(line.startswith("good-practices/ba-urbis.md:") for line in lines)
    assert all(": todo: " in line for line in lines)
    for line in lines:  # each names the English file's line with the same TODO
        number = int(re.search(r"on line (\d+) of good-practices/ba-urbis\.en\.md$", line)[1])
        assert "TODO" in english[number - 1]
    assert (
        "good-practices/ba-urbis.md:3: todo: a TODO is still to be filled in (title) — replace "
        "TODO with the real text, here and on line 3 of good-practices/ba-urbis.en.md"
    ) in lines
    assert (
        "good-practices/ba-urbis.md:7: todo: a TODO is still to be filled in (programme) — "
        "write in place of TODO what you choose from data/programmes.yml (pon-metro-2014-2020), "
        "here and on line 7 of good-practices/ba-urbis.en.md"
    ) in lines
    assert (
        "good-practices/ba-urbis.md:26: todo: a TODO is still to be filled in, in the section "
        "#contesto — replace TODO with the real text, here and on line 27 of "
        "good-practices/ba-urbis.en.md"
    ) in lines


def test_a_todo_left_in_the_english_file_alone_is_its_own(valid_tree, capsys):
    assert new(capsys, valid_tree, "--city", "Bari", "--slug", "urbis")[0] == 0
    italian = valid_tree / "good-practices" / "ba-urbis.md"
    italian.write_text(italian.read_text("utf-8").replace('"TODO titolo"', '"URBIS"'), "utf-8")
    _, out = validate(valid_tree, capsys)
    assert (
        "good-practices/ba-urbis.en.md:3: todo: a TODO is still to be filled in (title) — "
        "replace TODO with the real text\n"
    ) in out
    assert "good-practices/ba-urbis.md:3:" not in out


def test_a_title_given_is_written_in_both_files(valid_tree, capsys):
    args = ("--city", "Bari", "--slug", "urbis", "--title", 'URBIS: "avviso" #1')
    assert new(capsys, valid_tree, *args)[0] == 0
    site = load_site(valid_tree)
    for lang in ("it", "en"):
        assert site.get("buone-pratiche/ba-urbis.md", lang).meta["title"] == 'URBIS: "avviso" #1'


@pytest.mark.parametrize(
    "args",
    [
        ("--slug", "caso"),  # the slug of matera-caso, less the city
        ("--slug", "caso-bis"),  # the other one's words in a row
        ("--slug", "nuovo", "--title", "Un caso di prova – Matera"),  # its title, city aside
        ("--slug", "un-caso-di-prva"),  # its title, one letter off
    ],
)
def test_a_case_like_one_of_the_same_city_is_refused_naming_it(args, valid_tree, capsys):
    code, out, err = new(capsys, valid_tree, "--city", "Matera", *args)
    assert code == 1 and out == ""
    assert (
        "ERROR good-practices/matera-caso.md:3: duplicate: the case matera-caso (“Un caso di "
        "prova”) is of the same city and its name resembles `"
    ) in err
    assert (
        "nothing was written — edit good-practices/matera-caso.md if it is the same project; if "
        "it is another one, give it a name of its own (--slug, --title) or run the command "
        "again with --force"
    ) in err
    assert cases(valid_tree) == ["matera-caso.en.md", "matera-caso.md"]


def test_force_writes_a_case_like_another_and_never_overwrites(valid_tree, capsys):
    code, out, _ = new(capsys, valid_tree, "--city", "Matera", "--slug", "caso", "--force")
    assert code == 0 and "written: good-practices/mt-caso.md" in out
    before = (valid_tree / "good-practices" / "mt-caso.md").read_bytes()
    code, _, err = new(capsys, valid_tree, "--city", "Matera", "--slug", "caso", "--force")
    assert code == 1
    assert "good-practices/mt-caso.md: exists: the file exists already; nothing was written" in err
    assert (valid_tree / "good-practices" / "mt-caso.md").read_bytes() == before


def test_another_citys_case_of_the_same_name_is_not_a_duplicate(valid_tree, capsys):
    assert new(capsys, valid_tree, "--city", "Olbia", "--slug", "caso")[0] == 0
    assert "olb-caso.md" in cases(valid_tree)


def test_an_unknown_city_is_refused_with_the_known_ones(valid_tree, capsys):
    code, _, err = new(capsys, valid_tree, "--city", "Matra", "--slug", "nuovo")
    assert code == 2
    assert (
        "ERROR (command line): usage: `Matra` is not a city of data/cities.yml or "
        "data/case-cities.yml — did you mean Matera? Otherwise use one of: Bari, Matera, Olbia; "
        "a city not listed goes in data/case-cities.yml first, with its region and a code of its "
        "own"
    ) in err
    assert cases(valid_tree) == ["matera-caso.en.md", "matera-caso.md"]


def test_a_broken_city_list_is_said_and_nothing_written(valid_tree, capsys):
    (valid_tree / "data" / "cities.yml").write_text("cities: [", "utf-8")
    code, _, err = new(capsys, valid_tree, "--city", "Matera", "--slug", "nuovo")
    assert code == 2 and "Traceback" not in err
    assert "the list of cities cannot be read, so the case's code and region are not known" in err
    assert cases(valid_tree) == ["matera-caso.en.md", "matera-caso.md"]


def test_a_new_chapter_has_no_heading_1_and_starts_current(valid_tree, capsys):
    args = ["--root", str(valid_tree), "new", "chapter", "--document", "guida", "--slug", "fonti"]
    assert main(args) == 0
    capsys.readouterr()
    _, out = validate(valid_tree, capsys)
    assert "heading-1" not in out and "stale-translation" not in out
    assert "guidelines/guida/fonti.md:3: todo: a TODO is still to be filled in (title)" in out


@pytest.mark.parametrize(
    "one, other, alike",
    [
        ("urbis", "URBIS – Bari", True),  # the city's name aside
        ("scuole-di-quartiere", "Scuola di Quartiere", True),  # difflib: 0.95
        ("casa", "Agenzia sociale per la casa", True),  # a run of its words
        ("co-city", "civic-crowdfunding", False),  # 0.32
        ("urbis", "faber-porta-futuro", False),
        ("quartieri-connessi", "La Scuola dei Quartieri", False),
    ],
)
def test_the_resemblance_rule(one, other, alike):
    assert similar(words(one, ("bari",)), words(other, ("bari",))) is alike


def real_content(tmp_path):
    """A copy of the repository's content, free to change."""
    tree = tmp_path / "repo"
    for folder in ("docs", "guidelines", "good-practices", "data"):
        copy_tree(REPO / folder, tree / folder)
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    return tree


def test_the_guides_examples_of_new_do_what_they_say(tmp_path, capsys):
    """The guide's commands (the same in its Italian and English text) write the files their
    comments name, and README's example is the first one's: on the real content, neither makes a
    duplicate."""
    section = (REPO / "CONTRIBUTING.en.md").read_text("utf-8").split("## Starting a new page")[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    guide_it = (REPO / "CONTRIBUTING.md").read_text("utf-8").split("## Creare una nuova pagina")[1]
    assert guide_it.split("```sh\n", 1)[1].split("```", 1)[0] == block
    readme = (REPO / "README.md").read_text("utf-8")
    tree = real_content(tmp_path)
    for line in block.splitlines():
        command, _, files = line.partition("#")
        args = shlex.split(command)[1:]  # after .venv/bin/cittamedie
        assert main(["--root", str(tree), *args]) == 0, capsys.readouterr().err
        written = capsys.readouterr().out
        italian = files.split("+")[0].strip()
        for name in (italian, italian.removesuffix(".md") + ".en.md"):
            assert f"written: {name}\n" in written and (tree / name).is_file()
        if args[1] == "good-practice":
            assert f"| `{command.strip()}` |" in readme
