"""What the build writes from content is escaped for the context it lands in."""

from __future__ import annotations

import csv
import html
import io
import re

import yaml

from cittamedie.__main__ import main
from cittamedie.content.config import read_config
from cittamedie.exports import opendata
from cittamedie.markup.render import Renderer
from cittamedie.site.generated import page_text as page_source_text
from cittamedie.site.html import md_esc

from ..conftest import REPO


def test_markdown_escape_keeps_a_title_from_becoming_a_link_or_markup():
    assert md_esc("[x](javascript:alert(1)) *y* <b>") == (
        "\\[x\\]\\(javascript&#58;alert\\(1\\)\\) \\*y\\* &lt;b&gt;"
    )


def test_markdown_escape_renders_as_the_text_itself():
    text = "Linee Guida: a | b ~ c *d* [e](f) #g 1. h"
    rendered = Renderer.from_config(read_config(REPO / "mkdocs.yml")).html(
        f"# {md_esc(text)}\n\n{md_esc(text)}\n"
    )
    assert "\\" not in rendered and "<a" not in rendered and "<em>" not in rendered
    assert [html.unescape(p) for p in re.findall(r">([^<]*)</(?:h1|p)>", rendered)] == [text, text]


def test_page_source_escapes_what_materials_templates_print_raw():
    text = page_source_text(
        {"description": 'x" http-equiv="refresh', "hide": ["toc"]},
        "</title><script>alert(1)</script>",
        "Corpo.\n",
    )
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert meta["description"] == "x&quot; http-equiv=&quot;refresh"
    assert meta["hide"] == ["toc"] and body == "Corpo.\n"


def test_a_theme_title_with_quotes_stays_valid_front_matter():
    text = page_source_text({}, 'Il "Patto": sì', "")
    assert yaml.safe_load(text.split("---\n")[1])["title"] == "Il &quot;Patto&quot;: sì"


def test_open_data_csv_does_not_hand_a_spreadsheet_a_formula():
    record = {
        "id": "x",
        "title_it": '=HYPERLINK("https://evil")',
        "themes": [],
        "targets": [],
        "partners": [],
        "sources": [],
        "results": [],
    }
    rows = list(csv.DictReader(io.StringIO(opendata.as_csv([record]))))
    assert rows[0]["title_it"] == '\'=HYPERLINK("https://evil")'


def test_a_file_name_an_address_cannot_hold_is_refused(valid_tree, capsys):
    page = valid_tree / "docs" / "index.md"
    (valid_tree / "docs" / 'a"b<x>.md').write_text(page.read_text("utf-8"), "utf-8")
    assert main(["--root", str(valid_tree), "validate"]) == 1
    assert (
        'docs/a"b<x>.md: file: the name `a"b<x>.md` cannot be part of a web address — rename it'
        in capsys.readouterr().out
    )


def test_a_committed_file_in_a_generated_folder_is_refused_whatever_header_it_copies(
    valid_tree, capsys
):
    import subprocess

    from cittamedie.content.generated import GENERATED_HEADER

    forged = valid_tree / "good-practices" / "tema" / "poverta.md"
    forged.parent.mkdir()
    forged.write_text(
        f"---\ntitle: Povertà\n---\n{GENERATED_HEADER}\n\n<script>alert(1)</script>\n", "utf-8"
    )
    git = ["git", "-C", str(valid_tree), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    assert main(["--root", str(valid_tree), "validate"]) == 1
    assert (
        "good-practices/tema/poverta.md:1: generated: this folder is written by the build, but this file "
        "was written by hand"
    ) in capsys.readouterr().out
