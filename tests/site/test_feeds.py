"""The Atom feeds in a built site: the same bytes from two builds, valid Atom 1.0 whose links lead
to built pages and their sections, linked from every page's head and from the home page."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from cittamedie.__main__ import main
from cittamedie.content.generated import OFFLINE_ZIP, feed_file
from cittamedie.content.languages import LANGUAGES

from .conftest import build

SITE_URL = "https://cittamedie.example.org/"
ATOM = "application/atom+xml"


class _Page(HTMLParser):
    """The ids of a page and its head's feed links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.feeds: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "link" and found.get("rel") == "alternate" and found.get("type") == ATOM:
            self.feeds.append(found["href"])
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def page_file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def test_two_builds_give_byte_identical_feeds(valid_tree, tmp_path):
    first = build(valid_tree)
    assert first.returncode == 0, first.stderr
    kept = shutil.move(valid_tree / "site", tmp_path / "first")
    for path in valid_tree.rglob("*.md"):  # the files' times are not the content's dates
        os.utime(path, (1e9, 1e9))
    second = build(valid_tree)
    assert second.returncode == 0, second.stderr
    for lang in LANGUAGES:
        again = (valid_tree / "site" / feed_file(lang)).read_bytes()
        assert again == (Path(kept) / feed_file(lang)).read_bytes()
        assert not feedparser.parse(again).bozo


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feeds_entries_lead_to_built_pages_and_sections(built_site, lang):
    parsed = feedparser.parse((built_site / feed_file(lang)).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.language == lang
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids)) > 0
    kinds = {kind: sum(f"/{kind}/" in i for i in ids) for kind in ("version", "page", "event")}
    print(f"feed {feed_file(lang)}: {len(ids)} entries {kinds}")
    assert all(kinds.values())
    english = "en/" if lang != "it" else ""
    for entry in parsed.entries:
        assert entry.id.startswith("tag:cittamedie.example.org,")
        assert dt.date(*entry.updated_parsed[:3]).isoformat() in entry.id
        url = urlsplit(entry.link)
        assert entry.link.startswith(SITE_URL + english), entry.link
        target = page_file(built_site, entry.link)
        assert target.is_file(), entry.link
        if url.fragment:
            assert url.fragment in read_page(target).ids, entry.link


def test_every_page_links_its_languages_feed_in_its_head(built_site):
    pages = [
        path
        for path in sorted(built_site.rglob("*.html"))
        if not path.relative_to(built_site).as_posix().startswith(("assets/", "pagefind/"))
    ]
    assert len(pages) > 80
    for path in pages:
        relative = path.relative_to(built_site).as_posix()
        lang = "en" if relative.startswith("en/") else "it"
        feeds = read_page(path).feeds
        assert len(feeds) == 1, relative
        assert urljoin(SITE_URL + relative, feeds[0]) == SITE_URL + feed_file(lang), relative


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_pages_recent_updates_link_the_feed(built_site, lang):
    home = built_site / ("" if lang == "it" else f"{lang}/") / "index.html"
    relative = home.relative_to(built_site).as_posix()
    links = [urljoin(SITE_URL + relative, href) for href in read_page(home).links]
    assert SITE_URL + feed_file(lang) in links


def test_the_sitemap_lists_pages_not_feeds(built_site):
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert all(feed_file(lang) not in sitemap for lang in LANGUAGES)


def test_the_offline_copy_has_no_feed_nor_a_link_to_one(valid_tree):
    """Read from file://, a feed has nobody to follow it: neither written nor linked."""
    result = build(valid_tree)
    assert result.returncode == 0, result.stderr
    assert main(["--root", str(valid_tree), "offline", "--site-dir", str(valid_tree / "site")]) == 0
    with zipfile.ZipFile(valid_tree / "site" / OFFLINE_ZIP) as zipped:
        names = zipped.namelist()
        pages = [name for name in names if name.endswith(".html")]
        assert len(pages) > 5
        assert not [name for name in names if name.rsplit("/", 1)[-1].startswith("feed-")]
        for name in pages:
            page = _Page()
            page.feed(zipped.read(name).decode("utf-8"))
            assert not page.feeds, name
