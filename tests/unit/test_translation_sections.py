"""Translation by section: sections of a Markdown body, the Italian text a translation
follows found in git, and the changed sections named by the CLI, the notice and the status page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cittamedie.__main__ import main
from cittamedie.content.files import load_markdown, normalize, parse_markdown
from cittamedie.content.generated import GENERATED_FOLDERS, STATUS_FOLDER
from cittamedie.content.languages import split_language
from cittamedie.content.load import load_site
from cittamedie.content.model import text_hash
from cittamedie.history.git import Repository
from cittamedie.history.sections import compare, diff, split
from cittamedie.history.translations import stale_comparisons
from cittamedie.markup.headings import after_headings
from cittamedie.rules import generated
from cittamedie.rules.run import Run
from cittamedie.site.decorate import decorate, published
from cittamedie.site.generated import parts_of
from cittamedie.site.generated import status_pages as generated_status_pages
from cittamedie.site.parts.translations import stale_notice as notice_of

from ..conftest import IDENTITY, REPO, build_context
from ..translation_repo import CHANGED, CHAPTER, git, translated_repo


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stale_notice(site, source, lang):
    return str(notice_of(build_context(site), source, lang))


def status_pages(site, identity):
    """Each status page as the build makes it: the file it writes, and the table it adds."""
    ctx = build_context(site, identity)
    return {
        uri: text + str(parts_of(ctx, uri, split_language(uri)[1]).after)
        for uri, text in generated_status_pages(ctx).items()
    }


def body_of(text):
    """The body of a page's text as the content model splits it, or None when it cannot be split."""
    loaded = parse_markdown(normalize(text), "")
    return loaded.body if loaded.split else None


def english(site):
    return site.get("guida/capitolo.md", "en")


# ---------------------------------------------------------------- Sections of a text


def test_sections_are_split_by_headings_of_any_level_outside_code():
    body = "Intro.\n\n## Uno {#uno}\n\nA.\n\n```\n# not a heading\n```\n\n### Due\n\nB.\n"
    sections = split(body)
    assert [(s.id, s.title) for s in sections] == [("", ""), ("uno", "Uno"), ("due", "Due")]
    assert "# not a heading" in sections[1].text and sections[2].text == "### Due\n\nB.\n"


def test_a_body_without_headings_is_one_section_the_introduction():
    assert [(s.id, s.text) for s in split("Solo testo.\n\nDue paragrafi.")] == [
        ("", "Solo testo.\n\nDue paragrafi.")
    ]
    assert [(c.id, c.kind) for c in compare("Testo.", "Testo cambiato.")] == [("", "changed")]


def test_compare_names_changed_added_and_removed_sections_and_ignores_spacing():
    before = "Intro.\n\n## Uno {#uno}\n\nA  a.\n\n## Due {#due}\n\nB.\n"
    after = "Intro.\n\n## Uno {#uno}\n\nA\na.\n\n## Tre {#tre}\n\nC.\n"
    assert [(c.id, c.kind) for c in compare(before, after)] == [
        ("tre", "added"),
        ("due", "removed"),
    ]
    assert [(c.id, c.kind) for c in compare(before, before.replace("Intro.", "Premessa."))] == [
        ("", "changed")
    ]
    assert compare(before, before + "\n\n") == []


def test_the_diff_of_a_section_is_bounded():
    change = compare("## A {#a}\n" + "x\n" * 10, "## A {#a}\n" + "y\n" * 200)[0]
    lines = diff(change, limit=20)
    assert len(lines) == 21 and lines[-1].startswith("… ") and lines[-1].endswith("more diff lines")


def test_a_body_read_from_text_has_the_fingerprint_of_the_model():
    """The fingerprint of a text from git must be the one `--mark-current` writes: the same split."""
    files = (
        sorted(REPO.glob("docs/*.md"))
        + sorted(REPO.glob("guidelines/*/*.md"))
        + sorted(REPO.glob("good-practices/*.md"))
    )
    assert len(files) > 40
    for path in files:
        loaded = load_markdown(path, path.name)
        raw = path.read_bytes().decode("utf-8")
        assert text_hash(body_of(raw)) == text_hash(loaded.body), path
        assert body_of("\ufeff" + raw.replace("\n", "\r\n")) == loaded.body, path
    assert body_of("no front matter") is None and body_of("") is None


# ---------------------------------------------------------------- The command line


def test_the_cli_names_exactly_the_changed_section(valid_tree, capsys, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    code, out, err = run(capsys, "--root", str(valid_tree), "translations")
    assert code == 1 and not err
    lines = out.splitlines()
    at = lines.index(f"stale         {CHAPTER}.md → {CHAPTER}.en.md")
    first = git(valid_tree, "rev-list", "--max-parents=0", "HEAD")[
        :12
    ]  # where the Italian text was written
    assert lines[at + 1].strip().startswith(f"follows the Italian text of commit {first} (")
    assert lines[at + 1].endswith(
        "“Chapter in Italian, English draft”); Italian sections changed since: 1"
    )
    assert lines[at + 2].split() == ["changed", "#risorse", "Risorse"]
    assert "#obiettivi" not in out and "#tempi" not in out and "introduction" not in out
    assert CHANGED[1] not in out  # no diff without --diff
    code, out, _ = run(capsys, "--root", str(valid_tree), "translations", "--diff")
    assert code == 1
    assert f"-{CHANGED[0]}" in out and f"+{CHANGED[1]}" in out


def test_the_list_ends_with_the_command_to_run_for_each_page(valid_tree, capsys, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    (valid_tree / "good-practices" / "matera-caso.en.md").unlink()
    code, out, _ = run(capsys, "--root", str(valid_tree), "translations")
    assert code == 1
    assert out.splitlines()[-6:] == [  # in the order of the list above
        "2 page(s) need attention",
        "next: write good-practices/matera-caso.en.md: a copy of good-practices/matera-caso.md "
        'with its words translated and its facts unchanged (or add `untranslated: "reason"` '
        "to the front matter of good-practices/matera-caso.md), then mark it current:",
        "  cittamedie translations --mark-current good-practices/matera-caso.en.md --updated",
        f"next: bring {CHAPTER}.en.md up to date with the Italian sections listed above, then "
        "mark it current:",
        f"  cittamedie translations --mark-current {CHAPTER}.en.md --updated",
        "(--updated also sets the English page's `updated:` to today; leave it out when only the "
        "mark changes, not the English text)",
    ]
    git(valid_tree, "checkout", "--", "good-practices/matera-caso.en.md")
    code, out, _ = run(
        capsys, "--root", str(valid_tree), "translations", "--mark-current", f"{CHAPTER}.en.md"
    )
    assert code == 0 and out.splitlines()[-1] == "nothing to do: every translation is current"


def test_marking_refuses_an_italian_text_not_committed_and_says_how(
    valid_tree, capsys, monkeypatch
):
    translated_repo(valid_tree, monkeypatch)
    english = valid_tree / f"{CHAPTER}.en.md"
    before = english.read_bytes()
    italian = valid_tree / f"{CHAPTER}.md"
    italian.write_text(italian.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")
    mark = ["--root", str(valid_tree), "translations", "--mark-current", f"{CHAPTER}.en.md"]
    for staged in (False, True):  # edited, then added to the index: still not committed
        if staged:
            git(valid_tree, "add", f"{CHAPTER}.md")
        code, _, err = run(capsys, *mark)
        assert code == 1 and english.read_bytes() == before
        assert err == (
            f"ERROR {CHAPTER}.md:1: mark-current: the Italian file has changes that are not "
            f"committed, so {CHAPTER}.en.md was not marked: the mark names the Italian text, and "
            "`cittamedie translations` later finds the sections changed since by looking for "
            "that text in the history — commit the Italian file first: "
            f'`git add {CHAPTER}.md` then `git commit -m "…"` (if you changed it in GitHub\'s '
            'web editor: "Commit changes" there, then `git pull` here), then run the command '
            "again\n"
        )
    git(valid_tree, "commit", "-q", "-m", "Una frase nuova")
    code, out, _ = run(capsys, *mark)
    assert code == 0 and f"marked current: {CHAPTER}.en.md" in out
    # the mark names a committed text: the sections are known from the history again
    italian.write_text(italian.read_text("utf-8").replace("due anni", "tre anni"), "utf-8")
    git(valid_tree, "commit", "-q", "-am", "Tempi: three years")
    code, out, _ = run(capsys, "--root", str(valid_tree), "translations")
    assert "changed  #tempi  Tempi" in out and "sections not known" not in out


def test_git_says_whether_a_file_is_committed_as_it_is(valid_tree, monkeypatch):
    assert Repository(valid_tree).file_state("docs/index.md") is None  # not a clone yet
    translated_repo(valid_tree, monkeypatch)
    # an ignored folder named like a committed page (docs/citta/ beside docs/citta.md: the build's
    # city pages) is not the page's state: git lists it when asked about the page
    (valid_tree / ".gitignore").write_text("docs/bozza.md\ndocs/index/\n", "utf-8")
    (valid_tree / "docs" / "index").mkdir()
    (valid_tree / "docs" / "index" / "roma.md").write_text("x", "utf-8")
    assert Repository(valid_tree).file_state("docs/index.en.md") == ""
    for name in ("nuova.md", "bozza.md"):
        (valid_tree / "docs" / name).write_text("x", "utf-8")
    (valid_tree / "docs" / "index.md").write_text("cambiato", "utf-8")
    repository = Repository(valid_tree)
    assert {
        name: repository.file_state(f"docs/{name}")
        for name in ("index.en.md", "index.md", "nuova.md", "bozza.md", "index/roma.md")
    } == {
        "index.en.md": "",
        "index.md": "changed",
        "nuova.md": "new",
        "bozza.md": "ignored",
        "index/roma.md": "ignored",
    }


def test_marking_refuses_an_italian_page_never_committed(valid_tree, capsys, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    for suffix in ("", ".en"):  # a new pair of pages, not yet committed
        text = (valid_tree / "docs" / f"index{suffix}.md").read_text("utf-8")
        (valid_tree / "docs" / f"nuova{suffix}.md").write_text(
            text.replace("id: home", "id: nuova"), "utf-8"
        )
    code, _, err = run(
        capsys, "--root", str(valid_tree), "translations", "--mark-current", "docs/nuova.en.md"
    )
    assert code == 1
    assert err.startswith(
        "ERROR docs/nuova.md:1: mark-current: the Italian file was never committed, so "
        "docs/nuova.en.md was not marked: "
    )
    assert "commit the Italian file first: `git add docs/nuova.md` then" in err


@pytest.mark.parametrize(
    ("guide_file", "heading", "lang", "error"),
    [
        ("CONTRIBUTING.en.md", "Translations", "en", "ERROR "),
        ("CONTRIBUTING.md", "Traduzioni", "it", "ERRORE "),
    ],
)
def test_the_translators_loop_in_contributing_quotes_the_commands_own_words(
    guide_file, heading, lang, error, valid_tree, capsys, monkeypatch
):
    translated_repo(valid_tree, monkeypatch)
    _, listed, _ = run(capsys, "--root", str(valid_tree), "--lang", lang, "translations")
    italian = valid_tree / f"{CHAPTER}.md"
    italian.write_text(italian.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")
    _, _, refused = run(
        capsys,
        "--root",
        str(valid_tree),
        "--lang",
        lang,
        "translations",
        "--mark-current",
        f"{CHAPTER}.en.md",
    )
    produced = {  # the commit's hash and date are this run's
        re.sub(r"commit [0-9a-f]{12} \(\d{4}-\d\d-\d\d,", "commit 42dbc1f58168 (2026-12-05,", line)
        for line in (listed + refused.removeprefix(error)).splitlines()
    }
    guide = (REPO / guide_file).read_text("utf-8")  # each guide quotes its language
    section = guide.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    quoted = [
        line.removeprefix(indent)
        for indent, block in re.findall(r"^( *)```\n(.*?)^ *```", section, re.S | re.M)
        for line in block.splitlines()
    ]
    assert len(quoted) == 8
    for line in quoted:
        assert line in produced, (
            f"{guide_file} quotes what the command does not print:\n{line}\n\n"
            + "\n".join(produced)
        )


def test_the_base_is_the_commit_that_introduced_the_translated_text(valid_tree, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    site = load_site(valid_tree)
    comparison = stale_comparisons(site, Repository(site.root))["guida/capitolo.md", "en"]
    first = git(
        valid_tree, "rev-list", "--max-parents=0", "HEAD"
    )  # the Italian text was written there
    assert comparison.base.revision == first
    assert [(c.id, c.kind) for c in comparison.changes] == [("risorse", "changed")]
    assert comparison.titles["risorse"] == "Resources"


def test_a_fingerprint_of_no_revision_says_why_without_a_traceback(valid_tree, capsys, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    page = valid_tree / f"{CHAPTER}.en.md"
    page.write_text(
        re.sub(r"translated_from: \w+", "translated_from: 123456abcdef", page.read_text("utf-8")),
        "utf-8",
    )
    code, out, err = run(capsys, "--root", str(valid_tree), "translations")
    assert code == 1 and "Traceback" not in out + err
    assert (  # the sections not known: the whole page is to check
        f"next: check the whole of {CHAPTER}.en.md against {CHAPTER}.md, then mark it current:"
        in out.splitlines()
    )
    assert (
        f"sections not known: the Italian text this translation follows (translated_from: 123456abcdef) "
        f"is in none of the 2 commit(s) of {CHAPTER}.md: it was marked on a text never committed, or the "
        "file was moved — check the whole translation, then mark it current"
    ) in out


def test_outside_a_git_clone_the_cli_says_so(valid_tree, capsys):
    page = valid_tree / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")
    code, out, _ = run(capsys, "--root", str(valid_tree), "translations")
    assert code == 1
    assert "sections not known: this folder is not a git clone" in out


def test_a_shallow_clone_names_the_fix(valid_tree, tmp_path, capsys, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", valid_tree.as_uri(), str(clone))
    code, out, _ = run(capsys, "--root", str(clone), "translations")
    assert code == 1
    assert "in this shallow clone — fetch the whole history (`git fetch --unshallow`" in out


# ---------------------------------------------------------------- What the pages say


def test_the_notice_links_the_changed_section_of_the_english_page(valid_tree, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    site = load_site(valid_tree)
    notice = stale_notice(site, english(site), "en")
    assert (
        "The Italian original of this page has changed since this translation in these sections: "
        '<a href="#risorse">Resources</a>.'
    ) in notice


def test_titles_in_the_notice_are_escaped_and_new_sections_named_in_italian(
    valid_tree, monkeypatch
):
    translated_repo(valid_tree, monkeypatch)
    page = valid_tree / f"{CHAPTER}.md"
    page.write_text(
        page.read_text("utf-8") + '\n## Costi <b>&amp; "rischi" {#costi}\n\nNuovo.\n', "utf-8"
    )
    site = load_site(valid_tree)
    notice = stale_notice(site, english(site), "en")
    assert '<span lang="it">Costi &lt;b&gt;&amp;amp; &#34;rischi&#34;</span> (new)' in notice
    assert "<b>" not in notice


def english_text(site) -> str:
    """The English chapter's text as published: its Markdown rendered, its parts around it."""
    ctx, page = build_context(site), english(site)
    url = site.url(page.key, "en")
    rendered = "".join(f'<h2 id="{h.id}">{h.text}</h2>\n<p>…</p>\n' for h in page.headings)
    return published(ctx, rendered, decorate(ctx, page, "en", url))


def test_each_changed_section_is_marked_after_its_heading_a_removed_one_without_a_link(
    valid_tree, monkeypatch
):
    translated_repo(valid_tree, monkeypatch)
    page = valid_tree / f"{CHAPTER}.md"
    text = page.read_text("utf-8").replace("Testo del capitolo", "Nuovo testo del capitolo")
    page.write_text(text.split("## Tempi")[0], "utf-8")  # obiettivi changed, tempi removed
    html = english_text(load_site(valid_tree))
    assert (
        '<h2 id="obiettivi">Objectives</h2><p class="cm-section-stale">The Italian original of '
        "this section has changed since this translation: "
        '<a href="../../../guida/capitolo/#obiettivi" hreflang="it">read the Italian text</a>.</p>'
    ) in html
    assert '<h2 id="risorse">Resources</h2><p class="cm-section-stale">' in html
    assert (
        '<h2 id="tempi">Timing</h2><p class="cm-section-stale">The Italian original no longer has '
        "this section.</p>"
    ) in html
    assert html.count("cm-section-stale") == 3


def test_a_current_translation_has_no_section_marks(valid_tree, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    git(valid_tree, "revert", "--no-edit", "HEAD")  # the Italian text the translation follows
    assert "cm-section-stale" not in english_text(load_site(valid_tree))


def test_marks_go_after_the_heading_they_name_whatever_its_markup():
    html = (
        '<p>Intro <a id="uno">x</a></p>\n<h2 id="uno">Uno <code>&lt;/h2&gt;</code>\n'
        '<a class="headerlink" href="#uno">¶</a></h2 >\n<p>A.</p>\n<h3 id="due">Due</h3><p>B.</p>'
    )
    marked = after_headings(html, {"uno": "[1]", "due": "[2]", "tre": "[3]"})
    assert marked == html.replace("</h2 >", "</h2 >[1]").replace("</h3>", "</h3>[2]")
    assert after_headings(html, {}) == html


def test_without_a_base_the_notice_is_the_generic_sentence(valid_tree):
    page = valid_tree / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nUna frase nuova.\n", "utf-8")
    site = load_site(valid_tree)
    notice = stale_notice(site, site.get("index.md", "en"), "en")
    assert "has changed since this translation: some parts may be out of date." in notice


def test_the_status_page_lists_every_page_with_its_state_in_each_language(valid_tree, monkeypatch):
    translated_repo(valid_tree, monkeypatch)
    case = valid_tree / "good-practices" / "matera-caso.en.md"
    case.unlink()
    site = load_site(valid_tree)
    pages = status_pages(site, IDENTITY)
    assert set(pages) == {"traduzioni/index.md", "traduzioni/index.en.md"}
    assert (
        STATUS_FOLDER in GENERATED_FOLDERS
    )  # the build writes it, a hand-written file there stops it
    italian, english_page = pages["traduzioni/index.md"], pages["traduzioni/index.en.md"]
    assert "cm_noindex: true" in italian and "# Stato delle traduzioni" in italian
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", english_page)
    assert len(rows) == 4  # home, the document's index and chapter, the case
    stale = next(r for r in rows if "Chapter capitolo" in r)
    assert (
        "<strong>stale</strong>" in stale
        and '<a href="../../guida/capitolo/#risorse" lang="it">Risorse</a>' in stale
    )
    assert "Obiettivi" not in stale and "Tempi" not in stale
    assert f"https://github.com/example/cittamedie-sud/edit/main/{CHAPTER}.en.md" in stale
    assert f"https://github.com/example/cittamedie-sud/blob/main/{CHAPTER}.md" in stale
    missing = next(r for r in rows if "matera-caso" in r or "Un caso di prova" in r)
    assert "<strong>missing</strong>" in missing
    assert "new/main?filename=good-practices/matera-caso.en.md" in missing
    assert rows.index(stale) < rows.index(missing)  # what needs an editor first
    assert sum("<strong>current</strong>" in r for r in rows) == 2
    assert (
        "4 pages: 2 translated and current, 1 stale, 0 without a fingerprint, 1 missing"
        in english_page
    )
    assert "<strong>da aggiornare</strong>" in italian


def test_a_deliberately_untranslated_page_says_its_reason(valid_tree):
    chapter = valid_tree / f"{CHAPTER}.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace(
            "updated:", 'untranslated: "in <revisione>"\nupdated:', 1
        )
    )
    (valid_tree / f"{CHAPTER}.en.md").unlink()
    page = status_pages(load_site(valid_tree), None)["traduzioni/index.en.md"]
    assert (
        '<strong>untranslated on purpose</strong>: <span lang="it">in &lt;revisione&gt;</span>'
        in page
    )
    assert "github.com" not in page  # no identity, no repository links


def test_a_page_untranslated_on_purpose_leaves_nothing_to_do(valid_tree, capsys):
    chapter = valid_tree / f"{CHAPTER}.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace("updated:", 'untranslated: "in revisione"\nupdated:', 1)
    )
    (valid_tree / f"{CHAPTER}.en.md").unlink()
    code, out, _ = run(capsys, "--root", str(valid_tree), "translations")
    assert code == 0 and "need attention" not in out
    assert out.splitlines() == [
        f"untranslated  {CHAPTER}.md → {CHAPTER}.en.md",
        "nothing to do: every translation is current",
    ]


def test_a_real_path_through_a_docs_link_is_where_git_keeps_the_file(valid_tree):
    site = load_site(valid_tree)
    source = site.get("guida/capitolo.md", "it")
    assert source.path.as_posix().endswith("docs/guida/capitolo.md")
    assert Repository(Path(site.root)).real_path(source.path) == f"{CHAPTER}.md"


def test_a_hand_written_file_where_the_status_page_goes_is_refused(valid_tree):
    mine = valid_tree / "docs" / STATUS_FOLDER / "index.md"
    mine.parent.mkdir()
    mine.write_text("# le mie note\n", "utf-8")
    site = load_site(valid_tree)
    assert "docs/traduzioni/index.md" not in {
        s.rel for s in site.sources
    }  # never validated, never published
    assert [p.rule for p in generated.check(site, Run(None, Repository(site.root)))] == [
        "generated"
    ]
