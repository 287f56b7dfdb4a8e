"""A case started with `cittamedie new` and filled in builds into a page whose one heading 1 is its
title, above the key facts (the template's `# title` came after them)."""

from __future__ import annotations

from html.parser import HTMLParser

from cittamedie.__main__ import main

from .conftest import build


class Order(HTMLParser):
    """The page's h1 elements and its key-facts table, in the order they come."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.seen.append("h1")
        elif tag == "table" and "cm-facts" in (dict(attrs).get("class") or ""):
            self.seen.append("facts")


def fill(path, word: str) -> None:
    """What an editor writes in place of every TODO."""
    text = path.read_text("utf-8").replace("programme: TODO", "programme: pon-metro-2014-2020")
    text = text.replace("themes: [TODO]", "themes: [poverta]").replace(
        "example.org/TODO", "example.org/a"
    )
    text = text.replace("TODO", word)
    path.write_text(text, "utf-8")


def test_a_new_case_filled_in_has_its_title_above_its_facts(valid_tree, capsys):
    assert (
        main(
            [
                "--root",
                str(valid_tree),
                "new",
                "good-practice",
                "--city",
                "Bari",
                "--slug",
                "urbis",
                "--title",
                "URBIS",
            ]
        )
        == 0
    )
    fill(valid_tree / "good-practices" / "ba-urbis.md", "Testo")
    fill(valid_tree / "good-practices" / "ba-urbis.en.md", "Text")
    result = build(valid_tree)
    assert result.returncode == 0, result.stderr
    for folder in ("", "en/"):
        page = valid_tree / "site" / folder / "buone-pratiche" / "ba-urbis" / "index.html"
        order = Order()
        order.feed(page.read_text("utf-8"))
        assert order.seen == ["h1", "facts"], folder
