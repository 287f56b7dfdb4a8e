"""The build's own furniture inside a page's text survives the content policy, and search indexes
what readers see: a page with a marker's block (the events, with their script-shown lists and
ids) and a table in a list, built with the project's mkdocs.yml, then read back from the built
HTML and from Pagefind's index."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from ..conftest import FIXTURES, copy_tree
from ..unit.test_hostile_corpus import page_text
from .conftest import build

BODY = (
    "Pagina degli eventi 7f1.\n\n"
    "<!-- cittamedie:events -->\n\n"
    "- Una voce con una tabella\n\n"
    "    | Anno | Valore |\n"
    "    |---|---|\n"
    "    | 2024 | 7 |\n"
)


def fragments(site: Path) -> dict[str, str]:
    """Pagefind's indexed text of each page, by address."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def test_the_builds_blocks_keep_their_furniture_and_search_skips_what_script_shows(tmp_path):
    tree = copy_tree(FIXTURES / "valid", tmp_path / "repo")
    (tree / "docs" / "eventi.md").write_text(page_text("docs/eventi.md", BODY), "utf-8")
    result = build(tree)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tree / "site" / "eventi" / "index.html").read_text("utf-8")

    # the marker's block and the table's region are the build's: their classes, ids, roles stay
    assert '<h3 id="prossimi-appuntamenti">' in html
    assert 'class="cm-events cm-events-past"' in html and "Incontro di Roma" in html
    region = html.index('class="cm-table" role="region" tabindex="0"')
    assert html.rindex("<li>", 0, region) > html.rindex("</li>", 0, region)  # still in the list
    assert "cm-own" not in html

    # search: the page's own words, not the events our script shows or hides by date
    text = fragments(tree / "site")["/eventi/"]
    assert "Pagina degli eventi 7f1" in text and "2024" in text
    assert "Incontro di Roma" not in text
    assert "Nessun appuntamento" not in text
