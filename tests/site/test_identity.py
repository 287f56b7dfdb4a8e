"""The publisher's identity (mkdocs.yml, extra.identity) on every page, PDF cover and open data file:
the default describes an informative site (no EU statement or emblem); an official, EU-funded
publisher gets the statement and the emblem everywhere and no "not official" notice."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cittamedie.__main__ import main

from ..conftest import FIXTURES, copy_tree
from .conftest import build

pypdf = pytest.importorskip("pypdf")

FUNDING = {"it": "Cofinanziato dall'Unione europea", "en": "Co-funded by the European Union"}
NOTICE = {"it": "Sito informativo, non ufficiale", "en": "Informative site, not official"}
PUBLISHER = {"it": "Gruppo di lavoro Città Medie Sud", "en": "Città Medie Sud working group"}


def official_and_funded(config: str) -> str:
    for old, new in (
        ("official: false", "official: true"),
        ("eu_funding: false", "eu_funding: true"),
    ):
        assert old in config, f"mkdocs.yml's identity block changed: `{old}` not found"
        config = config.replace(old, new, 1)
    return config


@pytest.fixture(scope="module", params=["default", "official"])
def exported(request, tmp_path_factory) -> tuple[str, Path]:
    """The fixture site built and exported to PDF, with the default identity or an official one."""
    tree = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp(request.param) / "repo")
    result = build(tree, official_and_funded if request.param == "official" else None)
    assert result.returncode == 0, result.stderr
    assert main(["--root", str(tree), "pdf", "--site-dir", str(tree / "site")]) == 0
    return request.param, tree


def built_pages(site: Path) -> list[tuple[str, str]]:
    """(path, text) of every page of both languages, the 404 pages included."""
    found = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "pagefind/")):
            found.append(
                (rel, page.read_text("utf-8").replace("&#39;", "'").replace("&#x27;", "'"))
            )
    return found


def figures(reader) -> list[tuple[str, int | None]]:
    """(alternative text, page index) of every tagged figure of a PDF."""
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, pypdf.generic.DictionaryObject):
            continue
        if node.get("/S") == "/Figure":
            page = node.get("/Pg")
            found.append(
                (str(node.get("/Alt")), pages.get(page.idnum) if page is not None else None)
            )
        kids = node.get("/K")
        stack.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    return found


def lang_of(rel: str) -> str:
    return "en" if rel.startswith("en/") else "it"


def test_every_page_says_who_publishes_it_and_whether_it_is_official(exported):
    setting, tree = exported
    pages = built_pages(tree / "site")
    assert len(pages) > 10
    for rel, text in pages:
        lang = lang_of(rel)
        assert f'<meta name="author" content="{PUBLISHER[lang]}' in text, rel
        if setting == "official":
            assert FUNDING[lang] in text and 'class="cm-eu-emblem"' in text, rel
            assert NOTICE[lang] not in text, rel
        else:
            assert NOTICE[lang] in text, rel
            assert FUNDING[lang] not in text and "cm-eu-emblem" not in text, rel


def test_every_pdf_cover_carries_the_identity(exported):
    setting, tree = exported
    pdfs = sorted((tree / "site" / "pdf").glob("*.pdf"))
    assert len(pdfs) >= 4
    for pdf in pdfs:
        lang = "en" if pdf.stem.endswith("-en") else "it"
        reader = pypdf.PdfReader(pdf)
        cover = reader.pages[0].extract_text()
        assert PUBLISHER[lang] in cover, pdf.name
        images = figures(
            reader
        )  # the emblem is drawn from SVG: seen as the tagged figure on the cover
        emblem = ("Emblema dell'Unione europea", "Emblem of the European Union")[lang == "en"]
        if setting == "official":
            assert FUNDING[lang] in cover and images == [(emblem, 0)], (
                pdf.name
            )  # the statement and the emblem
            assert NOTICE[lang] not in cover, pdf.name
            assert reader.metadata.author == PUBLISHER[lang]
        else:
            assert NOTICE[lang] in cover, pdf.name
            assert FUNDING[lang] not in cover and not images, pdf.name
            assert (
                reader.metadata.author.startswith(PUBLISHER[lang])
                and reader.metadata.author != PUBLISHER[lang]
            )
        last = reader.pages[-1].extract_text()  # the running footer of every page
        assert (FUNDING if setting == "official" else NOTICE)[lang] in last, pdf.name


def test_open_data_names_the_publisher(exported):
    setting, tree = exported
    payload = json.loads(
        (tree / "site" / "buone-pratiche" / "buone-pratiche.json").read_text("utf-8")
    )
    assert payload["publisher"] == PUBLISHER
    assert payload["official"] is (setting == "official")
    rows = list(
        csv.DictReader(
            io.StringIO(
                (tree / "site" / "buone-pratiche" / "buone-pratiche.csv").read_text("utf-8")
            )
        )
    )
    assert rows and all(
        (row["publisher_it"], row["publisher_en"]) == (PUBLISHER["it"], PUBLISHER["en"])
        for row in rows
    )


def test_a_hand_written_copyright_stops_the_build_with_the_fix(valid_tree):
    result = build(
        valid_tree,
        lambda config: config.replace("# Copyright\n", "# Copyright\ncopyright: Testi miei\n", 1),
    )
    assert result.returncode != 0
    line = next(
        n
        for n, text in enumerate((valid_tree / "mkdocs.yml").read_text("utf-8").split("\n"), 1)
        if text == "copyright: Testi miei"
    )
    assert (
        f"mkdocs.yml:{line}: identity: `copyright` is set by hand (copyright) — remove it: the author and the "
        "footer come from extra.identity"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_wrong_identity_value_names_its_line_in_mkdocs_yml(valid_tree):
    result = build(
        valid_tree, lambda config: config.replace("official: false", "official: maybe", 1)
    )
    assert result.returncode != 0
    line = next(
        n
        for n, text in enumerate((valid_tree / "mkdocs.yml").read_text("utf-8").split("\n"), 1)
        if "official: maybe" in text
    )
    assert (
        f"mkdocs.yml:{line}: identity: `maybe` should be a boolean (extra.identity.official) — write true or "
        "false, without quotes"
    ) in result.stderr
    assert "Traceback" not in result.stderr
