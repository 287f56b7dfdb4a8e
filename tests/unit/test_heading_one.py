"""A page's only heading 1 is its title, from the front matter: a heading 1 in the text is refused
on its line, however it is written; what only looks like one is not."""

from __future__ import annotations

from ..conftest import validate

WHY = (
    "is a heading 1: only the page's title may be one (the site prints it, from `title:` in the "
    "front matter, above the parts it adds) — delete it if it repeats the title (write the title "
    "in the front matter), or make it a section: ## Title {#id}"
)
HEADINGS = """
# Un titolo

#Senza spazio

Titolo sottolineato
===

!!! note

    # Nella nota

<h1>Titolo HTML</h1>
"""
NOT_HEADINGS = """
    # un commento in un blocco di codice

```
# in un blocco recintato
```

Scrivere `<h1>` nel testo.

Una riga
e una seconda
===

## Una sezione {#una-sezione}
"""


def report(tree, capsys, text: str) -> list[str]:
    page = tree / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + text, "utf-8")
    _, out = validate(tree, capsys)
    return [line for line in out.splitlines() if ": heading-1: " in line]


def test_each_way_of_writing_a_heading_1_is_refused_on_its_line(valid_tree, capsys):
    assert report(valid_tree, capsys, HEADINGS) == [
        f"docs/index.md:13: heading-1: “# Un titolo” {WHY}",
        f"docs/index.md:15: heading-1: “#Senza spazio” {WHY}",
        f"docs/index.md:17: heading-1: “Titolo sottolineato”, underlined with =, {WHY}",
        f"docs/index.md:22: heading-1: “# Nella nota” {WHY}",
        f"docs/index.md:24: heading-1: the <h1> element {WHY}",
    ]


def test_what_only_looks_like_a_heading_1_is_not_refused(valid_tree, capsys):
    assert report(valid_tree, capsys, NOT_HEADINGS) == []


def test_a_code_block_beside_a_real_heading_1_is_not_refused(valid_tree, capsys):
    alone = report(valid_tree, capsys, HEADINGS)
    page = valid_tree / "docs" / "index.md"
    page.write_text(page.read_text("utf-8").removesuffix(HEADINGS), "utf-8")
    below = NOT_HEADINGS.count("\n")  # the same headings, that many lines further down
    assert report(valid_tree, capsys, NOT_HEADINGS + HEADINGS) == [
        line.replace(f":{n}:", f":{n + below}:", 1)
        for line, n in ((line, int(line.split(":")[1])) for line in alone)
    ]
