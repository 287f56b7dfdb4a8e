"""The publisher's identity (mkdocs.yml, extra.identity) on every page, PDF cover and open data file:
the default describes an informative site (no EU statement or emblem); an official, EU-funded
publisher gets the statement and the emblem everywhere and no "not official" notice."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from cittamedie.__main__ import main

from ..conftest import DEPLOYMENT, FIXTURES, copy_tree
from .conftest import ENV, build

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


# ---------------------------------------------------------------- the deployment's addresses unset

UNSET = {k: v for k, v in ENV.items() if k not in DEPLOYMENT}


@pytest.fixture(scope="module")
def unset_build(tmp_path_factory) -> tuple[Path, str]:
    """The fixture site built without the deployment's addresses (mkdocs.yml's defaults)."""
    tree = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp("unset") / "repo")
    (tree / "docs" / "contatti.md").write_text(ACCESSIBILITY % ("contatti", "Contatti"), "utf-8")
    (tree / "docs" / "contatti.en.md").write_text(ACCESSIBILITY % ("contatti", "Contacts"), "utf-8")
    result = build(tree, env=UNSET)
    assert result.returncode == 0, result.stderr
    return tree / "site", result.stderr


ACCESSIBILITY = """---
id: %s
title: %s
updated: 2026-01-10
sources:
  - {title: Fonte, url: 'https://example.org/fonte'}
---

<!-- cittamedie:contacts -->

<!-- cittamedie:feedback -->
"""


def test_unset_addresses_give_one_warning_naming_them_and_the_variables(unset_build):
    _, stderr = unset_build
    warnings = [line for line in stderr.splitlines() if line.startswith("WARNING ")]
    assert warnings == [
        "WARNING mkdocs.yml leaves unset site_url, extra.identity.repository, "
        'extra.identity.feedback_email: the pages show no edit link, no "report a problem" link '
        "and no contact for what is missing; without site_url they have no canonical or hreflang "
        "address, and neither the sitemap nor the Atom feeds are written"
    ]
    assert "TIP set CITTAMEDIE_SITE_URL, CITTAMEDIE_REPOSITORY, CITTAMEDIE_FEEDBACK_EMAIL" in stderr


def test_unset_addresses_show_no_link_or_contact_that_does_not_exist(unset_build):
    site, _ = unset_build
    pages = built_pages(site)
    assert len(pages) > 10
    # a city's own office, published by its administration (data/city-details.yml), is content:
    # its address stays; no other mail link may
    details = yaml.safe_load((FIXTURES / "valid" / "data" / "city-details.yml").read_text("utf-8"))
    offices = [
        f'href="mailto:{city["contact"]["email"]}"'
        for city in details["cities"]
        if city.get("contact", {}).get("email")
    ]
    assert offices
    for rel, text in pages:
        for office in offices:
            text = text.replace(office, "")
        for absent in ("github.com", "mailto:", 'rel="edit"', 'class="cm-feedback"'):
            assert absent not in text, (rel, absent)
        for absent in ("cittamedie@example.org", "cittamedie.example.org", "example/cittamedie"):
            assert absent not in text, (rel, absent)  # the placeholders of old
        for absent in ('rel="canonical"', 'rel="alternate " hreflang', "application/atom+xml"):
            assert absent not in text, (rel, absent)
    assert not list(site.glob("feed-*.xml"))  # no address for the feeds' entries
    assert not (site / "sitemap.xml").exists()


@pytest.mark.parametrize("lang, said", [("it", "non ha ancora indicato"), ("en", "has not given")])
def test_the_contacts_say_how_to_set_them_and_no_report_link_is_promised(unset_build, lang, said):
    site, _ = unset_build
    page = (site / ("en/" if lang == "en" else "") / "contatti" / "index.html").read_text("utf-8")
    assert said in page and "CITTAMEDIE_FEEDBACK_EMAIL" in page
    assert "#cm-feedback" not in page


def test_the_same_site_with_the_addresses_links_them(tmp_path):
    tree = copy_tree(FIXTURES / "valid", tmp_path / "repo")
    result = build(tree)  # the suite's environment: the addresses set
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    page = (tree / "site" / "index.html").read_text("utf-8")
    assert 'rel="edit"' in page and "mailto:cittamedie@example.org" in page
    assert '<link rel="canonical" href="https://cittamedie.example.org/">' in page
    assert (tree / "site" / "feed-it.xml").is_file()


def test_publishing_without_the_addresses_is_refused_with_the_fix(tmp_path):
    """The publish workflow sets CITTAMEDIE_PUBLISHING: then an unset address stops the build."""
    tree = copy_tree(FIXTURES / "valid", tmp_path / "repo")
    env = dict(UNSET, CITTAMEDIE_PUBLISHING="true", CITTAMEDIE_SITE_URL="https://x.example/")
    result = build(tree, env=env)
    assert result.returncode != 0
    assert (
        "identity: `extra.identity.repository` is unset: a published site would lack it "
        "(extra.identity.repository) — set CITTAMEDIE_REPOSITORY (in GitHub: Settings → Secrets "
        "and variables → Actions → Variables), or write the value in mkdocs.yml"
    ) in result.stderr
    assert "`site_url` is unset" not in result.stderr
    assert "Traceback" not in result.stderr
