"""The real site, every Italian page edited and committed by an editor, builds: stale English pages
show the notice naming what changed (a page without headings, its introduction)."""

from __future__ import annotations

import re

from ..editor_edits import edited_clone
from .conftest import build


def test_the_site_builds_after_editors_edit_every_page(tmp_path):
    tree, pages = edited_clone(tmp_path / "repo")
    result = build(tree)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    page = (tree / "site" / "en" / "download" / "index.html").read_text("utf-8")
    notice = re.search(r'<div class="admonition warning">\s*<p>(.*?)</p>', page, re.S)[1]
    assert notice.endswith("in these sections: the introduction.")
    assert len(pages) > 25
