"""Every page's edit button opens its own source file, in its own language, on the repository of
mkdocs.yml's identity: through the linked folders, for English files, for the Italian text of an
untranslated page, and for the data file of a generated page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import yaml

from cittamedie.content.config import read_config
from cittamedie.content.generated import GENERATED_HEADER

from ..conftest import REPO, make_chapter_untranslated
from .conftest import build

SKIP = ("assets/", "pagefind/", "schemas/", "pdf/", "offline/")


class EditLinks(HTMLParser):
    """The rel="edit" links of a page: (href, aria-label)."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "edit" in (attrs.get("rel") or "").split():
            self.links.append((attrs.get("href") or "", attrs.get("aria-label") or ""))


def edit_links(page: Path) -> list[tuple[str, str]]:
    parser = EditLinks()
    parser.feed(page.read_text("utf-8"))
    return parser.links


def prefix(root: Path) -> str:
    block = read_config(root / "mkdocs.yml").extra["identity"]
    return f"{block['repository']}/edit/{block['branch']}/"


def pages(site: Path) -> list[Path]:
    return [
        p
        for p in sorted(site.rglob("index.html"))
        if not p.relative_to(site).as_posix().startswith(SKIP)
    ]


def written_by_the_build(rel: str) -> bool:
    """Whether the page's file in docs/ is one the build writes (it starts with the build's header)."""
    stem = rel.removeprefix("en/").removeprefix("en") or "index"
    suffix = ".en.md" if rel.startswith("en") else ".md"
    for candidate in (REPO / "docs" / f"{stem}{suffix}", REPO / "docs" / stem / f"index{suffix}"):
        if candidate.is_file():
            return GENERATED_HEADER in candidate.read_text("utf-8")
    return False


def test_every_page_links_to_its_own_source_file(built_site):
    start, checked, kinds = prefix(REPO), 0, set()
    for page in pages(built_site):
        rel = page.parent.relative_to(built_site).as_posix()
        links = edit_links(page)
        # a page the build writes from a data file: the catalogue's, or one of the 39 cities'
        from_data = "/tema/" in f"/{rel}" or "/citta/" in f"/{rel}"
        if not links and written_by_the_build(rel) and not from_data:
            continue  # a page the build writes from the whole model (the translation status page)
        assert len(links) == 1, (rel, links)
        href, label = links[0]
        assert href.startswith(start) and label, (rel, href)
        path = href.removeprefix(start)
        source = REPO / path
        assert source.is_file() and not source.is_symlink(), (
            rel,
            path,
        )  # the real file, not docs/ links
        assert not path.startswith("docs/buone-pratiche/") and not path.startswith(
            "docs/linee-guida/"
        )
        if path.startswith("data/"):
            kinds.add("data")
            assert from_data, (rel, path)
            # a city of the 39: what is known of it
            if rel.removeprefix("en/").startswith("citta/"):
                assert path == "data/city-details.yml", (rel, path)
        elif path.endswith("/document.yml"):
            kinds.add("document")
            assert rel.endswith("/versioni"), (rel, path)
        else:
            kinds.add("page")
            assert path.endswith(".en.md") == rel.startswith("en"), (
                rel,
                path,
            )  # the page's own language
        checked += 1
    assert checked > 80 and kinds == {"page", "data", "document"}


def test_theme_and_city_pages_link_to_their_data_file(built_site):
    start = prefix(REPO)
    assert (
        edit_links(built_site / "buone-pratiche" / "tema" / "poverta" / "index.html")[0][0]
        == start + "data/themes.yml"
    )
    cities = yaml.safe_load((REPO / "data" / "cities.yml").read_text("utf-8"))["cities"]
    names = {c["name"] for c in cities}
    for page in (built_site / "en" / "buone-pratiche" / "citta").glob("*/index.html"):
        href = edit_links(page)[0][0]
        assert href in (start + "data/cities.yml", start + "data/case-cities.yml"), page
    assert names  # the 39 cities


def test_a_versions_page_links_to_its_document_file(built_site):
    start = prefix(REPO)
    for rel in ("linee-guida/versioni", "en/linee-guida/versioni"):
        assert edit_links(built_site / rel / "index.html") == [
            (
                start + "guidelines/linee-guida/document.yml",
                "Modifica i dati da cui è generata questa pagina (guidelines/linee-guida/document.yml)"
                if not rel.startswith("en")
                else "Edit the data this page is generated from (guidelines/linee-guida/document.yml)",
            )
        ], rel


def test_an_untranslated_page_links_to_the_italian_file_and_says_so(valid_tree):
    make_chapter_untranslated(valid_tree)
    result = build(valid_tree)
    assert result.returncode == 0, result.stderr
    start = prefix(valid_tree)
    english = edit_links(valid_tree / "site" / "en" / "guida" / "capitolo" / "index.html")
    assert english == [
        (
            start + "guidelines/guida/capitolo.md",
            "Edit the Italian text: this page is not translated yet",
        )
    ]
    italian = edit_links(valid_tree / "site" / "guida" / "capitolo" / "index.html")
    assert italian == [(start + "guidelines/guida/capitolo.md", "Modifica questa pagina")]
    assert (
        edit_links(valid_tree / "site" / "en" / "guida" / "index.html")[0][0]
        == start + "guidelines/guida/index.en.md"
    )
