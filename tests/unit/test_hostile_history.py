"""The hostile corpus's history class: attacks that live in git, which the corpus's files cannot
express (tests/fixtures/hostile/history.yml lists them and points here). Each runs on a real
repository and checks what an editor or a reader gets: a message, or a page built without a
traceback.

- a translation's fingerprint forged to name an old Italian text that was never validated (no
  headings, an `updated` that is no date): the notice and the page end are built, the date is
  left out;
- a version dated before its commit: test_versions_rule.py::test_a_version_dated_before_its_commit;
- a long history of chapters: the versions page's comparisons are bounded by counting
  (test_a_long_history_is_compared_within_the_budget).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from types import SimpleNamespace

from cittamedie.__main__ import main
from cittamedie.content.load import load_site
from cittamedie.content.model import text_hash
from cittamedie.history.git import Repository
from cittamedie.history.translations import stale_comparisons
from cittamedie.site.parts import page_end
from cittamedie.site.parts.translations import stale_notice

from ..conftest import build_context
from ..translation_repo import CHAPTER, git, translated_repo

FORGED_BODY = "\nSolo testo, senza titoli: mai validato.\n"


def forge(tree: Path, updated: str) -> str:
    """Commit an Italian text that no validator saw, put the real one back, and point the English
    page's fingerprint at the forged one; returns the forged commit."""
    italian = tree / f"{CHAPTER}.md"
    real = italian.read_text("utf-8")
    header = real.split("\n---\n", 1)[0].replace("updated: 2026-01-10", f"updated: {updated}")
    italian.write_text(f"{header}\n---\n{FORGED_BODY}", "utf-8")
    git(tree, "commit", "-q", "-am", "forged")
    forged = git(tree, "rev-parse", "HEAD")
    italian.write_text(real, "utf-8")
    git(tree, "commit", "-q", "-am", "the real text again")
    english = tree / f"{CHAPTER}.en.md"
    text = english.read_text("utf-8")
    english.write_text(
        re.sub(r"translated_from: \w+", f"translated_from: {text_hash(FORGED_BODY)}", text), "utf-8"
    )
    return forged


def visible(html) -> str:
    return unescape(re.sub(r"<[^>]+>", "", str(html)))


def test_a_forged_fingerprint_builds_the_notice_and_the_page_end(valid_tree, monkeypatch, capsys):
    translated_repo(valid_tree, monkeypatch)
    forged = forge(valid_tree, '"2026-xx-yy"')
    site = load_site(valid_tree)
    (comparison,) = stale_comparisons(site, Repository(valid_tree)).values()
    assert comparison.base.revision == forged and comparison.base_updated == ""
    assert [(c.id, c.kind) for c in comparison.changes] == [
        ("", "changed"),
        ("obiettivi", "added"),
        ("risorse", "added"),
        ("tempi", "added"),
    ]
    ctx = build_context(site)
    english = site.get(f"{CHAPTER.removeprefix('guidelines/')}.md", "en")
    assert "Objectives" in visible(stale_notice(ctx, english, "en"))
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri=english.uri), title="x", ancestors=[], canonical_url=""
    )
    lines = [visible(line) for line in page_end.page_end(ctx, page, "en")["lines"]]
    assert lines[-1].startswith("Translated from an earlier Italian text"), lines
    code = main(["--root", str(valid_tree), "translations"])
    out = capsys.readouterr().out
    assert code == 1 and f"follows the Italian text of commit {forged[:12]}" in out


def test_a_forged_real_date_is_the_one_shown(valid_tree, monkeypatch):
    """The same forgery with a date that exists: shown, as any date of the page's history."""
    translated_repo(valid_tree, monkeypatch)
    forge(valid_tree, "2025-03-08")
    site = load_site(valid_tree)
    (comparison,) = stale_comparisons(site, Repository(valid_tree)).values()
    assert comparison.base_updated == "2025-03-08"
