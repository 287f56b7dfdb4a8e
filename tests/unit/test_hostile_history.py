"""The hostile corpus's history class: attacks that live in git, which the corpus's files cannot
express (tests/fixtures/hostile/history.yml lists them and points here). Each runs on a real
repository and checks what an editor or a reader gets: a message, or a page built without a
traceback.

- a translation's fingerprint forged to name an old Italian text that was never validated (no
  headings, an `updated` that is no date): the notice and the page end are built, the date is
  left out;
- a version dated before its commit: test_versions_rule.py::test_a_version_dated_before_its_commit;
- a long history of chapters: the versions page's comparisons are bounded by counting
  (test_a_long_history_is_compared_within_the_budget);
- a section of tens of thousands of lines under `translations --diff`: one replacement;
- a file of the past over the size limit (50 MB of one letter, kilobytes in git): never read;
- a page with many large commits and a fingerprint found in none: the search stops at its budget;
- versions whose chapters hold more than HISTORY_BYTES: refused, counted from git's sizes.
"""

from __future__ import annotations

import re
import shutil
import tracemalloc
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from cittamedie.__main__ import main
from cittamedie.content.load import load_site
from cittamedie.content.model import text_hash
from cittamedie.content.problems import ContentError
from cittamedie.content.strings import t
from cittamedie.history.comparison import PAGE_CHARACTERS
from cittamedie.history.git import OVERSIZE, Repository
from cittamedie.history.sections import compare, diff
from cittamedie.history.translations import LOOK_BACK_BYTES, find_base, stale_comparisons
from cittamedie.history.versions import read_histories
from cittamedie.site.parts import page_end
from cittamedie.site.parts.translations import stale_notice
from cittamedie.site.parts.versions import anchor, page_parts

from ..conftest import FIXTURES, REPO, build_context, copy_tree, validate
from ..translation_repo import CHAPTER, git, translated_repo
from ..versions_repo import document, write_chapter
from ..versions_repo import git as vgit

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


# ---------------------------------------------------------------- A long history of chapters


def long_history(base: Path, versions: int, chapters: int, words: int) -> Path:
    """The fixture document published `versions` times, each rewriting every one of `chapters`
    chapters (`words` words each, in paragraphs of 60): a history a pull request can make."""
    tree = copy_tree(FIXTURES / "valid", base / "repo")
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    vgit(tree, "init", "-q", "-b", "main")
    names, revisions = ["index", "capitolo", *(f"parte-{n}" for n in range(chapters))], []
    for v in range(versions):
        for n, name in enumerate(names[2:]):
            tokens = [f"v{v}c{n}w{w % 97}" if w % 7 else f"parola{w}" for w in range(words)]
            body = "## Testo {#testo}\n\n" + "\n\n".join(
                " ".join(tokens[i : i + 60]) for i in range(0, words, 60)
            )
            write_chapter(tree, name, f"Parte {n}", body + "\n", f"Part {n}", body + "\n")
        document(tree, version=f"0.{v + 1}", updated="2026-01-10", chapters=names)
        vgit(tree, "add", "-A")
        vgit(tree, "commit", "-q", "-m", f"0.{v + 1}", date="2026-01-10")
        revisions.append(vgit(tree, "rev-parse", "HEAD"))
    entries = "".join(
        f'  - version: "0.{v + 1}"\n    date: 2026-01-10\n    status: bozza\n'
        f'    revision: {r}\n    summary: {{it: "Versione.", en: "Version."}}\n'
        for v, r in enumerate(revisions)
    )
    document(tree, f"0.{versions}", "2026-01-10", names, "versions:\n" + entries)
    vgit(tree, "commit", "-q", "-am", "record the versions", date="2026-01-10")
    return tree


class _Sections(HTMLParser):
    """Each chapter's comparison on a versions page: its h3 id → compared word by word (a <del>
    or <ins> in it), or said not shown."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}
        self.current = ""
        self.in_h3 = False

    def handle_starttag(self, tag, attrs):
        if tag == "h3":
            self.current = dict(attrs).get("id", "")
            self.found[self.current] = "listed"
        elif tag in ("del", "ins") and self.current:
            self.found[self.current] = "compared"

    def handle_data(self, data):
        if self.current and t("versions.not_compared", "en") in data:
            self.found[self.current] = "not shown"


def test_a_long_history_is_compared_within_the_budget(tmp_path):
    """12 versions × 4 chapters of ~20,000 characters, every chapter rewritten in every version:
    ~1.8 M characters of changed text per language. The page compares the newest changes while
    they fit PAGE_CHARACTERS, and lists the others without rendering them."""
    tree = long_history(tmp_path, versions=12, chapters=4, words=2000)
    ctx = build_context(load_site(tree))
    history = ctx.histories["guida"]
    html, _ = page_parts(ctx, "guida/versioni.md", "en")
    sections = _Sections()
    sections.feed(str(html))
    compared = [name for name, state in sections.found.items() if state == "compared"]
    omitted = [name for name, state in sections.found.items() if state == "not shown"]
    assert len(compared) + len(omitted) == 11 * 4  # every change is listed
    assert compared and omitted
    sizes = {
        anchor(v, c.name): len(c.old.body) + len(c.new.body)
        for v in history.versions
        for c in history.changes(v.number, "en")
    }
    assert sum(sizes[name] for name in compared) <= PAGE_CHARACTERS
    # the newest version is compared, the oldest change is not
    assert all(name.startswith("v0-12-") for name in compared[:4])
    assert "v0-2-parte-0" in omitted
    # only what is compared was rendered: two texts per comparison at most
    assert len(ctx.rendered) <= 2 * len(compared)


def test_the_diff_of_a_huge_rewritten_section_is_one_replacement():
    """`translations --diff` on a section of 50,000 lines, every other one changed: difflib weighs
    2.5e9 pairs of lines (minutes); past MAX_LINE_PAIRS the middle is one replacement."""
    before = "## A {#a}\n" + "\n".join(f"riga {i}" for i in range(50_000))
    after = "## A {#a}\n" + "\n".join(
        f"riga {i}" + (" bis" if i % 2 else "") for i in range(50_000)
    )
    (change,) = compare(before, after)
    lines = diff(change, limit=100_001 * 2)
    assert lines[:4] == [
        "--- italian-as-translated",
        "+++ italian-today",
        "@@ -2,50000 +2,50000 @@",
        " riga 0",  # the unchanged start set aside, one line of it kept as context
    ]
    assert lines[4:6] == ["-riga 1", "-riga 2"] and lines[-1] == "+riga 49999 bis"
    assert len(lines) == 4 + 2 * 49_999


# ---------------------------------------------------------------- Files of the past, by size


def test_a_file_over_the_size_limit_in_the_history_is_never_read(valid_tree):
    """50 MB of one letter, committed: git keeps it in kilobytes; reading it back would put 50 MB
    (and its decoded copy) in memory for each version that names it."""
    tree = valid_tree
    vgit(tree, "init", "-q", "-b", "main")
    (tree / "guidelines" / "guida" / "capitolo.md").write_bytes(b"a" * 50_000_000)
    vgit(tree, "add", "-A")
    vgit(tree, "commit", "-q", "-m", "a bomb")
    revision = vgit(tree, "rev-parse", "HEAD")
    repository = Repository(tree)
    tracemalloc.start()
    repository.read_ahead([(revision, "guidelines/guida/capitolo.md")])
    text = repository.text_at(revision, "guidelines/guida/capitolo.md")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert text is OVERSIZE and peak < 10_000_000
    loaded = repository.source_at(revision, "guidelines/guida/capitolo.md")
    assert not loaded.ok and loaded.problems[0].message == "the file is over the size limit"


def test_the_search_for_a_translated_text_stops_at_its_byte_budget(valid_tree):
    """30 commits of a 1 MB Italian page, none with the fingerprint: the search reads the newest
    that fit LOOK_BACK_BYTES (20 MB) and says where it stopped."""
    tree = valid_tree
    vgit(tree, "init", "-q", "-b", "main")
    page = tree / "docs" / "index.md"
    header = page.read_text("utf-8").split("\n---\n", 1)[0] + "\n---\n\n"
    for n in range(30):
        page.write_text(header + f"Versione {n}. " + "testo " * 170_000 + "\n", "utf-8")
        vgit(tree, "add", "-A")
        vgit(tree, "commit", "-q", "-m", f"c{n}")
    size = len(page.read_bytes())
    base, loaded, reason = find_base(Repository(tree), "docs/index.md", "abcdef012345")
    searched = LOOK_BACK_BYTES // size
    assert base is None and loaded is None and searched < 30
    assert reason.startswith(
        "the Italian text this translation follows (translated_from: abcdef012345) is in none of "
        f"the last {searched} commits of docs/index.md (the search stops there)"
    )


def test_a_history_over_its_byte_budget_is_refused_before_it_is_read(valid_tree, capsys):
    """14 versions of two chapters of 1.9 MB in two languages (kilobytes in git: one letter
    repeated): 106 MB of chapter texts a build would read and keep. Counted from git's sizes,
    refused by the validator and by the build's history reading, nothing read."""
    tree = valid_tree
    vgit(tree, "init", "-q", "-b", "main")
    names = ["index", "capitolo", "grande-1", "grande-2"]
    for name in names[2:]:
        body = "## Testo {#testo}\n\n" + "parola " * 270_000 + "\n"
        write_chapter(tree, name, "Grande", body, "Large", body)
    document(tree, "0.1", "2026-01-10", names)
    vgit(tree, "add", "-A")
    revisions = []
    for n in range(14):
        vgit(tree, "commit", "-q", "--allow-empty", "-m", f"0.{n + 1}", date="2026-01-10")
        revisions.append(vgit(tree, "rev-parse", "HEAD"))
    entries = "".join(
        f'  - version: "0.{n + 1}"\n    date: 2026-01-10\n    status: bozza\n'
        f'    revision: {r}\n    summary: {{it: "Versione.", en: "Version."}}\n'
        for n, r in enumerate(revisions)
    )
    for name in names[2:]:  # today's chapters are short: the validator renders those
        write_chapter(tree, name, "Grande", "Testo.\n", "Large", "Text.\n")
    text = document(tree, "0.14", "2026-01-10", names, "versions:\n" + entries)
    line = text.split("\n").index("versions:") + 1
    message = (
        f"guidelines/guida/document.yml:{line}: versions: the 14 versions listed hold 106 MB of "
        "chapter texts, over the 100 MB a build reads (versions) — list only the versions "
        "readers need: remove the oldest entries of `versions:`"
    )
    code, out = validate(tree, capsys)
    assert code == 1 and message in out
    site = load_site(tree)
    tracemalloc.start()
    with pytest.raises(ContentError) as refused:
        read_histories(site, Repository(tree))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(p) for p in refused.value.problems] == [message] and peak < 10_000_000


def test_a_history_of_too_many_chapter_files_is_refused(valid_tree, capsys):
    """101 versions of 102 short chapters in two languages: 20,604 files, each a line of the
    versions page, few bytes in all. Counted, refused."""
    tree = valid_tree
    vgit(tree, "init", "-q", "-b", "main")
    names = ["index", "capitolo", *(f"parte-{n}" for n in range(100))]
    for name in names[2:]:
        write_chapter(tree, name, "Parte", "Testo.\n", "Part", "Text.\n")
    document(tree, "0.1", "2026-01-10", names)
    vgit(tree, "add", "-A")
    revisions = []
    for n in range(101):
        vgit(tree, "commit", "-q", "--allow-empty", "-m", f"0.{n + 1}", date="2026-01-10")
        revisions.append(vgit(tree, "rev-parse", "HEAD"))
    entries = "".join(
        f'  - version: "0.{n + 1}"\n    date: 2026-01-10\n    status: bozza\n'
        f'    revision: {r}\n    summary: {{it: "Versione.", en: "Version."}}\n'
        for n, r in enumerate(revisions)
    )
    text = document(tree, "0.101", "2026-01-10", names, "versions:\n" + entries)
    line = text.split("\n").index("versions:") + 1
    code, out = validate(tree, capsys)
    assert code == 1
    assert (
        f"guidelines/guida/document.yml:{line}: versions: the 101 versions listed have 20,604 "
        "chapter files in all, over the 20,000 a build reads (versions)"
    ) in out
