"""Numbered paragraphs in a built site and its PDFs: the same numbers on the Italian and English
pages, as history/paragraphs.py gives them, and in the PDFs' text; the versions page names the
numbers a version changed, and an earlier version's PDF prints its own numbers."""

from __future__ import annotations

import re

import pytest

from cittamedie.__main__ import main
from cittamedie.content.config import read_config
from cittamedie.content.load import load_site
from cittamedie.history.paragraphs import current_paragraphs
from cittamedie.markup.render import Renderer

from ..paragraphs_site import NUMBERS, numbered_tree
from ..versions_repo import GUIDE, make_repo
from .conftest import build, write_download_pages

pypdf = pytest.importorskip("pypdf")
NUMBER = re.compile(r'<a class="cm-pnum" id="(p[0-9-]+)" href="#\1" data-number="([0-9.]+)"')


def built(tree):
    write_download_pages(tree)
    result = build(tree)
    assert result.returncode == 0, result.stderr
    assert (
        main(["--root", str(tree), "pdf", "--site-dir", str(tree / "site"), "--only", "guida"]) == 0
    )
    return tree


@pytest.fixture(scope="module")
def numbered(tmp_path_factory):
    return built(numbered_tree(tmp_path_factory.mktemp("numbered")))


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The two-version repository, its document numbered from now on (numbers belong to a version:
    0.1 is numbered from its own text)."""
    tree, _, _ = make_repo(tmp_path_factory.mktemp("versions"))
    document = tree / GUIDE / "document.yml"
    document.write_text(document.read_text("utf-8") + "numbering: true\n", "utf-8")
    return built(tree)


def numbers_on(tree, path: str) -> list[str]:
    html = (tree / "site" / path / "index.html").read_text("utf-8")
    return [number for _, number in NUMBER.findall(html)]


def pdf_numbers(tree, name: str) -> list[str]:
    reader = pypdf.PdfReader(tree / "site" / "pdf" / name)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.findall(r"^(\d+\.\d+)$", text, re.MULTILINE)


def test_both_languages_number_the_same_blocks_as_the_core_says(numbered):
    assert numbers_on(numbered, "guida/capitolo") == NUMBERS
    assert numbers_on(numbered, "en/guida/capitolo") == NUMBERS
    site = load_site(numbered)
    renderer = Renderer.from_config(read_config(numbered / "mkdocs.yml"))
    for lang in ("it", "en"):
        found = current_paragraphs(site, site.documents["guida"], lang, renderer)
        assert [b.number for b in found["capitolo"]] == NUMBERS
        assert [b.kind for b in found["capitolo"]] == [
            "p",
            "ul",
            "table",
            "blockquote",
            "admonition",
        ]


def test_the_pdfs_print_the_same_numbers_and_no_comment_link(numbered):
    for name in ("guida-it.pdf", "guida-en.pdf"):
        numbers = pdf_numbers(numbered, name)
        assert [n for n in numbers if n.startswith("2.")] == NUMBERS, name
    text = "\n".join(
        p.extract_text() for p in pypdf.PdfReader(numbered / "site" / "pdf" / "guida-it.pdf").pages
    )
    assert "Commenta il paragrafo" not in text


def test_the_versions_page_names_the_numbers_a_version_changed(versions):
    html = (versions / "site" / "guida" / "versioni" / "index.html").read_text("utf-8")
    assert "<li>Paragrafi modificati (numeri della versione 0.2): 2.2, 2.3.</li>" in html
    assert (
        'Capitolo nuovo</a> — aggiunto<ul class="cm-numbers"><li>Paragrafi aggiunti (numeri della '
        "versione 0.2): 3.1.</li></ul></li>"
    ) in html
    assert (
        'Capitolo vecchio — rimosso<ul class="cm-numbers"><li>Paragrafi tolti (numeri della '
        "versione 0.1): 3.1.</li></ul></li>"
    ) in html
    english = (versions / "site" / "en" / "guida" / "versioni" / "index.html").read_text("utf-8")
    assert "<li>Paragraphs changed (numbers of version 0.2): 2.2, 2.3.</li>" in english


def test_an_earlier_versions_pdf_keeps_its_own_numbers(versions):
    """0.1 had vecchio as its third chapter: its paragraph is 3.1 there; 0.2's third is nuovo."""
    old = pdf_numbers(versions, "guida-0.1-it.pdf")
    assert old[-4:] == ["2.1", "2.2", "2.3", "3.1"]
    assert pdf_numbers(versions, "guida-it.pdf")[-4:] == ["2.1", "2.2", "2.3", "3.1"]
    text = "\n".join(
        p.extract_text()
        for p in pypdf.PdfReader(versions / "site" / "pdf" / "guida-0.1-it.pdf").pages
    )
    assert "Questo capitolo sarà tolto." in text
