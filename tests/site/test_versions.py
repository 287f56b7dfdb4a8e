"""A document published twice, built from a fixture git repository: its versions page compares
the versions word by word, each chapter says where it last changed, and the earlier version's
PDF is published beside the current one; a shallow clone stops with the revision and the fix."""

from __future__ import annotations

import json
import re

import pytest

from cittamedie.__main__ import main

from ..versions_repo import GUIDE, git, make_repo
from .conftest import build, write_download_pages

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tree, first, second = make_repo(tmp_path_factory.mktemp("versions"))
    write_download_pages(tree)
    result = build(tree)
    assert result.returncode == 0, result.stderr
    assert (
        main(["--root", str(tree), "pdf", "--site-dir", str(tree / "site"), "--only", "guida"]) == 0
    )
    return tree / "site"


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def pdf_text(site, name: str) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(site / "pdf" / name).pages)


def test_the_versions_page_marks_deleted_and_inserted_words(site):
    html = page(site, "guida/versioni")
    assert (
        'del <del><span class="cm-sr">[testo eliminato:] </span>Sud<span class="cm-sr"> [fine testo eliminato]'
        '</span></del> <ins><span class="cm-sr">[testo aggiunto:] </span>Mezzogiorno<span class="cm-sr"> '
        "[fine testo aggiunto]</span></ins>."
    ) in html
    assert 'sociali <ins><span class="cm-sr">[testo aggiunto:] </span>e abitativi<' in html
    assert re.search(r"sono <del>.*?dieci.*?</del> <ins>.*?dodici.*?</ins> milioni", html)
    assert (
        '<h4 id="v0-2-capitolo-obiettivi">Obiettivi</h4>' in html
    )  # the chapter's headings, to jump to
    assert '<h2 id="versione-0-2">Versione 0.2</h2>' in html and '<h2 id="versione-0-1">' in html
    assert '<li id="v0-2-nuovo"><a href="../nuovo/">Capitolo nuovo</a> — aggiunto</li>' in html
    assert '<li id="v0-2-vecchio">Capitolo vecchio — rimosso</li>' in html
    assert '<p class="cm-diff-same">(un paragrafo invariato)</p>' in html
    english = page(site, "en/guida/versioni")
    assert '<del><span class="cm-sr">[deleted text:] </span>South<' in english
    assert '<ins><span class="cm-sr">[inserted text:] </span>twelve<' in english


def test_each_chapter_says_in_which_version_it_last_changed(site):
    assert (
        '<p class="cm-version-note">Modificato nella versione 0.2 (<a href="../versioni/#v0-2-capitolo">'
        "vedi le modifiche</a>)</p>"
    ) in page(site, "guida/capitolo")
    assert 'id="v0-2-capitolo"' in page(site, "guida/versioni")
    assert 'Aggiunto nella versione 0.2 (<a href="../versioni/#v0-2-nuovo">' in page(
        site, "guida/nuovo"
    )
    assert 'Invariato dalla versione 0.1 (<a href="versioni/">tutte le versioni</a>)' in page(
        site, "guida"
    )
    assert (
        'Changed in version 0.2 (<a href="../versioni/#v0-2-capitolo">see the changes</a>)'
        in page(site, "en/guida/capitolo")
    )
    # "unchanged since", not "in force since": a summary has no legal force (issue 19)
    assert "Unchanged since version 0.1" in page(site, "en/guida")
    assert "In vigore" not in page(site, "guida") and "In force" not in page(site, "en/guida")


def test_the_earlier_version_keeps_its_pdf(site):
    old, current = pdf_text(site, "guida-0.1-it.pdf"), pdf_text(site, "guida-it.pdf")
    assert "Capitolo vecchio" in old and "Questo capitolo sarà tolto." in old
    assert "città medie del Sud." in old and "dieci milioni" in old and "Mezzogiorno" not in old
    assert re.search(r"Versione.*\n.*\n.*\n.*\n.*\n0\.1\n", old)  # the cover's facts: version 0.1
    assert "Fonte" in old  # each chapter's sources, as on the site
    assert (
        "Mezzogiorno" in current
        and "Capitolo nuovo" in current
        and "Capitolo vecchio" not in current
    )
    assert "Old chapter" in pdf_text(site, "guida-0.1-en.pdf")


def test_the_earlier_pdf_is_listed_on_the_versions_and_downloads_pages(site):
    assert '<a href="../../pdf/guida-0.1-it.pdf" hreflang="it">' in page(site, "guida/versioni")
    assert '<a href="../../pdf/guida-it.pdf" hreflang="it">' in page(site, "guida/versioni")
    downloads = page(site, "download")
    row = re.search(
        r'<a href="../pdf/guida-0.1-it.pdf" hreflang="it">Guida di prova, versione 0.1 \(PDF\)</a>'
        r'.*?data-pdf-size="pdf/guida-0.1-it.pdf">([^<]+)<',
        downloads,
    )
    sizes = json.loads((site / "pdf" / "sizes.json").read_text("utf-8"))
    assert row and sizes["pdf/guida-0.1-it.pdf"]["it"].endswith("kB")  # the export wrote its size
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "/guida/versioni/</loc>" in sitemap and "/en/guida/versioni/</loc>" in sitemap


def test_a_shallow_clone_stops_with_the_missing_revision_and_the_fix(site, tmp_path):
    tree = site.parent
    text = (tree / GUIDE / "document.yml").read_text("utf-8")
    first = re.search(r"revision: ([0-9a-f]{40})", text)[1]
    line = text[: text.index(first)].count("\n") + 1
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tree}", str(shallow))
    result = build(shallow)
    assert result.returncode != 0
    assert (
        f"{GUIDE}/document.yml:{line}: versions: revision {first} is not in this shallow clone "
        "(versions.0.revision) — fetch the whole history"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_the_real_documents_have_their_versions_page(built_site):
    html = (built_site / "linee-guida" / "versioni" / "index.html").read_text("utf-8")
    assert '<h2 id="versione-0-1">Versione 0.1</h2>' in html
    chapter = (built_site / "en" / "protocollo-intesa" / "index.html").read_text("utf-8")
    assert 'class="cm-version-note"' in chapter and 'href="versioni/"' in chapter
