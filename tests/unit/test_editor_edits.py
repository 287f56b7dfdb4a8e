"""Every real Italian page edited as an editor edits it, committed: the translations become stale,
and the whole staleness path runs on each (git, sections, the notice, the status page, the CLI).
A page without headings (the downloads page, the glossary) is all introduction."""

from __future__ import annotations

import pytest

from cittamedie.__main__ import main
from cittamedie.content.load import load_site
from cittamedie.site.parts.translations import stale_notice, status_page

from ..conftest import build_context
from ..editor_edits import edited_clone


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    return edited_clone(tmp_path_factory.mktemp("edited") / "repo")


def test_every_edited_page_names_the_sections_that_changed(edited):
    tree, pages = edited
    assert len(pages) > 25 and "docs/download.md" in pages and "docs/glossario.md" in pages
    site = load_site(tree)
    context = build_context(site)
    by_file = {comparison.italian: comparison for comparison in context.stale.values()}
    assert sorted(by_file) == sorted(pages)
    for path, comparison in by_file.items():
        assert comparison.base is not None, (path, comparison.reason)
        kinds = {change.kind for change in comparison.changes}
        assert kinds == {"changed"}, (path, comparison.changes)
        english = site.get(comparison.key, "en")
        notice = str(stale_notice(context, english, "en"))
        assert (
            notice.startswith('<div class="admonition warning">') and "these sections:" in notice
        ), path
    for name in ("docs/download.md", "docs/glossario.md"):  # no headings: the introduction changed
        assert [(c.id, c.kind) for c in by_file[name].changes] == [("", "changed")]


def test_the_status_page_and_the_cli_list_every_edited_page(edited, capsys):
    tree, pages = edited
    site = load_site(tree)
    english = str(status_page(build_context(site, None), "en"))
    assert english.count("<strong>stale</strong>") == len(pages)
    assert main(["--root", str(tree), "translations", "--diff"]) == 1
    out = capsys.readouterr().out
    for path in pages:
        assert f"stale         {path} → {path.removesuffix('.md')}.en.md" in out
    assert "Traceback" not in out
