"""PDFs: tagged, with language, metadata, bookmarks, embedded fonts, contents with page numbers."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from cittamedie.__main__ import main
from cittamedie.exports.offline import FOLDER, export

from ..conftest import serve
from .conftest import build, write_download_pages

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The fixture site with one draft and one approved document, built and exported."""
    from ..conftest import FIXTURES, copy_tree

    tree = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp("pdf") / "repo")
    approved = copy_tree(tree / "guidelines" / "guida", tree / "guidelines" / "atto")
    meta = (approved / "document.yml").read_text("utf-8")
    meta = (
        meta.replace("id: guida", "id: atto")
        .replace("pdf: guida", "pdf: atto")
        .replace(
            "status: bozza",
            'status: approvato\nact: {title: "Decreto n. 1/2026", date: 2026-01-05}',
        )
        .replace("Guida di prova", "Atto approvato")
    )
    (approved / "document.yml").write_text(meta, "utf-8")
    for page in approved.glob("*.md"):
        page.write_text(page.read_text("utf-8").replace("id: guida-", "id: atto-"), "utf-8")
    (tree / "docs" / "atto").symlink_to("../guidelines/atto")
    write_download_pages(tree)
    result = build(tree)
    assert result.returncode == 0, result.stderr
    assert main(["--root", str(tree), "pdf", "--site-dir", str(tree / "site")]) == 0
    return tree


def read(tree, name):
    return pypdf.PdfReader(tree / "site" / "pdf" / name)


def text_of(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    "name, title, lang",
    [("guida-it.pdf", "Guida di prova", "it"), ("guida-en.pdf", "Test guide", "en")],
)
def test_pdf_is_tagged_with_language_metadata_bookmarks_and_fonts(exported, name, title, lang):
    reader = read(exported, name)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == lang
    assert reader.metadata.title == title
    assert reader.metadata.author
    assert reader.metadata.subject
    assert [item.title for item in reader.outline if not isinstance(item, list)]
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for desc in descendants:
                descriptor = desc.get_object().get("/FontDescriptor")
                if descriptor and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    fonts.add(str(desc.get_object()["/BaseFont"]))
    assert any("Titillium" in f for f in fonts), fonts


def test_contents_have_page_numbers_and_chapters_start_on_new_pages(exported):
    reader = read(exported, "guida-it.pdf")
    contents = reader.pages[1].extract_text()
    assert "Indice" in contents
    assert re.search(r"Capitolo capitolo\s*\.*\s*(\d+)", contents)
    number = int(re.search(r"Capitolo capitolo\s*\.*\s*(\d+)", contents)[1])
    assert "Capitolo capitolo" in reader.pages[number - 1].extract_text()
    assert "pagina 2 di" in contents


def test_watermark_on_drafts_only_and_act_on_approved(exported):
    draft, approved = read(exported, "guida-it.pdf"), read(exported, "atto-it.pdf")
    assert all("BOZZA" in page.extract_text() for page in draft.pages)
    assert "BOZZA" not in text_of(approved)
    assert "DRAFT" in read(exported, "guida-en.pdf").pages[-1].extract_text()


def test_accented_text_is_extractable_and_links_are_internal_or_absolute(exported):
    text = text_of(read(exported, "guida-it.pdf"))
    assert "Città Medie Sud" in text  # the cover's programme name, extracted with its accent
    links = [
        a.get_object()
        for page in read(exported, "guida-it.pdf").pages
        for a in page.get("/Annots") or []
    ]
    uris = [link["/A"]["/URI"] for link in links if "/A" in link and "/URI" in link["/A"]]
    assert uris and all(u.startswith("https://") for u in uris)
    assert any("/Dest" in link for link in links)  # contents entries jump inside the PDF


def test_pdfs_are_reused_when_pages_did_not_change(exported, capsys):
    assert main(["--root", str(exported), "pdf", "--site-dir", str(exported / "site")]) == 0
    out = capsys.readouterr().out
    assert out.count("unchanged, from cache") == len(
        list((exported / "site" / "pdf").glob("*.pdf"))
    )


def test_downloads_page_lists_every_pdf_and_the_export_writes_their_sizes(exported):
    sizes = json.loads((exported / "site" / "pdf" / "sizes.json").read_text("utf-8"))
    pdfs = sorted((exported / "site" / "pdf").glob("*.pdf"))
    assert sorted(sizes) == [f"pdf/{pdf.name}" for pdf in pdfs]
    for pdf in pdfs:
        size = round(pdf.stat().st_size / 1024)
        assert sizes[f"pdf/{pdf.name}"] == {
            "it": f"{size:,} kB".replace(",", "."),
            "en": f"{size:,} kB",
        }
    for page in ("download/index.html", "en/download/index.html"):
        html = (exported / "site" / page).read_text("utf-8")
        for pdf in pdfs:
            assert f'data-pdf-size="pdf/{pdf.name}">—<' in html, (
                page,
                pdf.name,
            )  # the script fills it


@pytest.mark.browser
def test_the_downloads_page_shows_each_size_in_its_language(exported, browser):
    sizes = json.loads((exported / "site" / "pdf" / "sizes.json").read_text("utf-8"))
    with serve(exported / "site") as url:
        page = browser.new_page()
        for address, lang in (("/download/", "it"), ("/en/download/", "en")):
            page.goto(url + address)
            page.wait_for_function(
                "!Array.from(document.querySelectorAll('td[data-pdf-size]')).some(c => c.textContent === '—')"
            )
            shown = page.eval_on_selector_all(
                "td[data-pdf-size]", "cells => cells.map(c => [c.dataset.pdfSize, c.textContent])"
            )
            assert shown and all(text == sizes[path][lang] for path, text in shown), (
                address,
                shown,
            )
        page.close()


def test_the_offline_copy_has_the_sizes_in_its_downloads_page(exported):
    """Built after the PDFs, the offline copy writes their sizes in (file:// cannot fetch them)."""
    sizes = json.loads((exported / "site" / "pdf" / "sizes.json").read_text("utf-8"))
    archive = export(exported, exported / "site")
    with zipfile.ZipFile(archive) as zipped:
        pages = {
            lang: zipped.read(f"{FOLDER}/{prefix}download.html").decode("utf-8")
            for lang, prefix in (("it", ""), ("en", "en/"))
        }
    for path, size in sizes.items():
        for lang, html in pages.items():
            assert f'data-pdf-size="{path}">{size[lang]}<' in html, (lang, path)


def test_a_cases_link_opens_the_catalogue_pdf_at_that_case(exported):
    """The case page's PDF link names where the case starts in the catalogue's PDF, and the PDF
    has that destination (its chapter's anchor, exports/pdf_document.py)."""
    for prefix, up, lang in (("", "../../", "it"), ("en/", "../../../", "en")):
        page = exported / "site" / prefix / "buone-pratiche" / "matera-caso" / "index.html"
        link = f'href="{up}pdf/buone-pratiche-{lang}.pdf#buone-pratiche-matera-caso"'
        assert link in page.read_text("utf-8"), prefix
        reader = read(exported, f"buone-pratiche-{lang}.pdf")
        assert "buone-pratiche-matera-caso" in reader.named_destinations, sorted(
            reader.named_destinations
        )[:10]
