"""What the validator suggests when a link, an anchor or a value is wrong, and when it keeps quiet:
each case is an edit of the smallest valid tree, and the assertion is the editor's line. The
fixtures in tests/fixtures/invalid/ (link-*, anchor-*, heading-id-typo, marker-theme-close,
status-close, taxonomy-*) hold one example of each suggestion; these are the cases around them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cittamedie.__main__ import main
from cittamedie.content.languages import LANGUAGES, key_at, page_url
from cittamedie.content.suggest import closest, did_you_mean

INDEX_EN = "docs/index.en.md"
LINK = "See the [chapter](guida/capitolo.md#obiettivi)"


def report(tree: Path, capsys) -> list[str]:
    main(["--root", str(tree), "validate"])
    return capsys.readouterr().out.splitlines()


def edit(tree: Path, name: str, old: str, new: str) -> None:
    path = tree / name
    text = path.read_text("utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), "utf-8")


def link_problems(tree: Path, link: str, capsys) -> list[str]:
    """The report's lines on the English home page once its one link is `link`."""
    edit(tree, INDEX_EN, LINK, f"See the [chapter]({link})")
    return [line for line in report(tree, capsys) if line.startswith(INDEX_EN)]


@pytest.mark.parametrize(
    "link, fix",
    [
        # the offline copy's address of the page, and the address without its last slash
        ("guida/capitolo.html", "`guida/capitolo.md`"),
        ("guida/capitolo", "`guida/capitolo.md`"),
        # the English address, from the page's own address (en/): the Italian file's name
        ("../en/guida/capitolo/#obiettivi", "`guida/capitolo.md#obiettivi`"),
        ("/en/guida/capitolo/", "`guida/capitolo.md`"),
        ("/", "`index.md`"),
    ],
)
def test_a_site_address_names_the_file_behind_it(valid_tree, capsys, link, fix):
    (line,) = link_problems(valid_tree, link, capsys)
    assert line.endswith(f"— link to the page's file, relative to this one: {fix}"), line


def test_the_file_in_the_links_own_folder_wins_a_tie(valid_tree, capsys):
    """guida/index.md and index.md have one name: the folder the link leads to comes first."""
    edit(
        valid_tree, "guidelines/guida/capitolo.en.md", "Text of chapter", "See [it](indx.md). Text"
    )
    (line,) = [line for line in report(valid_tree, capsys) if "link:" in line]
    assert "the page `indx.md` does not exist — did you mean `index.md`?" in line
    edit(valid_tree, "guidelines/guida/capitolo.en.md", "(indx.md)", "(../indx.md)")
    (line,) = [line for line in report(valid_tree, capsys) if "link:" in line]
    assert "the page `../indx.md` does not exist — did you mean `../index.md`?" in line


def test_a_file_one_folder_down_is_found(valid_tree, capsys):
    """A link from the home page that forgot the folder of the chapter."""
    (line,) = link_problems(valid_tree, "capitolo.md#obiettivi", capsys)
    assert "does not exist — did you mean `guida/capitolo.md#obiettivi`?" in line, line


@pytest.mark.parametrize(
    "link",
    [
        "https://cittamedie.example.org/pdf/guida.pdf",  # the site's own, but no page: the link check's
        "https://example.org/guida/capitolo/",  # another host with the same path
        "https://cittamedie.example.org.evil.test/guida/capitolo/",
        "https://[cittamedie.example.org/guida/capitolo/",  # not an address: no traceback
    ],
)
def test_an_address_of_no_page_of_this_site_is_left_to_the_link_check(valid_tree, capsys, link):
    assert link_problems(valid_tree, link, capsys) == []


def test_nothing_is_suggested_when_nothing_is_close(valid_tree, capsys):
    (line,) = link_problems(valid_tree, "guida/zzz.md#qqq", capsys)
    assert line.endswith(
        "the page `guida/zzz.md#qqq` does not exist — check the file name and the ../ steps; "
        "link to the Italian file name (name.md)"
    ), line
    edit(valid_tree, INDEX_EN, "(guida/zzz.md#qqq)", "(guida/capitolo.md#qqq)")
    (line,) = [line for line in report(valid_tree, capsys) if line.startswith(INDEX_EN)]
    assert line.endswith("— use one of the {#id} written on that page's headings"), line


def test_a_theme_is_found_by_its_title_and_shown_with_the_pages_language(valid_tree, capsys):
    """An editor copies the title shown on the English site; the English file's message shows the
    English title, the Italian file's the Italian one."""
    for name in ("good-practices/matera-caso.md", "good-practices/matera-caso.en.md"):
        edit(valid_tree, name, "themes: [poverta]", "themes: [Poverty]")
    lines = [line for line in report(valid_tree, capsys) if "taxonomy:" in line]
    assert [line.split(" — ")[1].split("?")[0] for line in lines] == [
        "did you mean `poverta` (Poverty)",
        "did you mean `poverta` (Povertà)",
    ], lines


def test_closest_offers_the_runners_up_only_when_they_are_close_too():
    ids = ["cultura-turismo", "disagio-abitativo", "inclusione-attiva", "poverta"]
    assert closest("disagio-abitativ", ids) == ["disagio-abitativo"]
    assert closest("POVERTA", ids) == ["poverta"]  # capitals do not count
    assert closest("welcome", ["benvenuti"]) == []
    assert closest("obiettivo", ["obiettivi", "obiettivo-a", "obiettivo-b", "obiettivo-c"]) == [
        "obiettivo-a",
        "obiettivo-b",
        "obiettivo-c",
    ]
    assert did_you_mean([], "fix") == "fix"
    assert did_you_mean(["`a`", "`b`"], "fix") == "did you mean `a` or `b`? Otherwise fix"


def test_key_at_reverses_page_url():
    keys = ["index.md", "guida/index.md", "guida/capitolo.md", "buone-pratiche/matera-caso.md"]
    for key in keys:
        for lang in LANGUAGES:
            for directory_urls in (True, False):
                assert key_at(page_url(key, lang, directory_urls), keys) == key
    assert key_at("guida/altro/", keys) is None
