"""The Atom feeds of what changed (exports/feed.py), from the content model: valid Atom 1.0 read
back by a feed parser, ids and dates from the content, the same bytes every time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from cittamedie.content.config import read_config
from cittamedie.content.generated import feed_file, generated_files, written_at
from cittamedie.content.identity import from_config
from cittamedie.content.languages import LANGUAGES
from cittamedie.content.load import load_site
from cittamedie.content.model import Source
from cittamedie.exports.feed import _text, entries, feed
from cittamedie.rules import urls

from ..conftest import REPO

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://cittamedie.example.org/"


@pytest.fixture(scope="module")
def real():
    return load_site(REPO), from_config(read_config(REPO / "mkdocs.yml"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_real_feed_is_valid_atom_with_stable_ids_dates_and_links(real, lang):
    site, identity = real
    text = feed(site, identity, SITE_URL, lang)
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == SITE_URL + feed_file(lang)
    assert parsed.feed.language == lang
    assert any(
        link.rel == "self" and link.href == SITE_URL + feed_file(lang) for link in parsed.feed.links
    )
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids)) == len(entries(site, lang)) > 0
    dates = [dt.date(*entry.updated_parsed[:3]) for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert parsed.feed.updated == parsed.entries[0].updated
    for entry, date in zip(parsed.entries, dates, strict=True):
        assert entry.id.startswith(f"tag:cittamedie.example.org,{date.isoformat()}:{lang}/")
        assert entry.link.startswith(SITE_URL)
        assert entry.title
    english = "" if lang == "it" else "en/"
    versions = [e for e in parsed.entries if "/version/" in e.id]
    assert versions, "the documents' versions are in the feed"
    for entry in versions:
        assert entry.summary  # each published version says what changed
        assert entry.link.startswith(SITE_URL + english)
        assert "/versioni/#versione-" in entry.link
    events = [e for e in parsed.entries if "/event/" in e.id]
    assert events and all(f"{english}percorso/#evento-" in e.link for e in events)


def test_the_same_content_gives_the_same_bytes(real):
    site, identity = real
    again = load_site(REPO)  # read again from the disk: nothing of a run or a clock in the file
    for lang in LANGUAGES:
        assert feed(site, identity, SITE_URL, lang) == feed(again, identity, SITE_URL, lang)


def test_a_page_whose_updated_moves_is_a_new_entry(valid_tree: Path):
    identity = from_config(read_config(valid_tree / "mkdocs.yml"))
    before = {
        e.id
        for e in feedparser.parse(feed(load_site(valid_tree), identity, SITE_URL, "it")).entries
    }
    page = valid_tree / "docs" / "index.en.md"
    chapter = valid_tree / "guidelines" / "guida" / "capitolo.md"
    text = chapter.read_text("utf-8")
    assert "updated: " in text
    old = text.split("updated: ", 1)[1][:10]
    chapter.write_text(text.replace(f"updated: {old}", "updated: 2026-03-31", 1), "utf-8")
    after = {
        e.id
        for e in feedparser.parse(feed(load_site(valid_tree), identity, SITE_URL, "it")).entries
    }
    assert page.is_file()
    assert after - before == {"tag:cittamedie.example.org,2026-03-31:it/page/guida/capitolo"}
    assert before - after == {f"tag:cittamedie.example.org,{old}:it/page/guida/capitolo"}


def test_what_a_field_holds_stays_text(valid_tree: Path):
    """An event's title with markup: escaped, the file still valid XML, the title read back as it
    was written. (A character XML cannot hold, which the loader refuses anyway, is dropped.)"""
    events = valid_tree / "data" / "events.yml"
    text = events.read_text("utf-8")
    assert '"Incontro di Roma"' in text
    events.write_text(text.replace('"Incontro di Roma"', '"<b>Incontro</b> & </feed>"'), "utf-8")
    identity = from_config(read_config(valid_tree / "mkdocs.yml"))
    written = feed(load_site(valid_tree), identity, SITE_URL, "it")
    parsed = feedparser.parse(written)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert "<b>" not in written
    titles = [
        e.findtext(f"{ATOM}title") for e in ElementTree.fromstring(written).iter(f"{ATOM}entry")
    ]
    assert "<b>Incontro</b> & </feed>" in titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feeds_addresses_are_reserved(real, lang):
    site, _ = real
    assert feed_file(lang) in generated_files(site)
    assert written_at(f"{feed_file(lang)}/", generated_files(site)) == f"the file {feed_file(lang)}"


def test_a_character_xml_cannot_hold_and_invisible_ones_are_dropped():
    assert _text("a\x01b\x0bc\ufffe") == "abc"
    assert _text("Linee\u200bGuida \u202eexe.pdf") == "LineeGuida exe.pdf"  # as the pages do


def test_a_page_at_a_feeds_address_is_refused(valid_tree: Path):
    site = load_site(valid_tree)
    page = Source(
        path=None,
        rel="docs/feed-it.xml.md",
        uri="feed-it.xml.md",
        key="feed-it.xml.md",
        lang="it",
        kind="page",
    )
    site = dataclasses.replace(site, sources=site.sources + (page,))  # the model is frozen
    assert (
        "docs/feed-it.xml.md:1: reserved: this page would be published at /feed-it.xml/, where the "
        "build writes the file feed-it.xml — rename this page"
    ) in {str(p) for p in urls.check(site, None)}


def test_a_date_that_does_not_exist_gives_no_entry(valid_tree: Path):
    """The loader refuses such a data file; a model holding one anyway (a build with validation off
    reads what it is given) leaves the entry out, and the feed stays valid."""
    site = load_site(valid_tree)
    event = dict(site.items("events")[0], start="2023-02-30")
    site = dataclasses.replace(site, data=dict(site.data, events={"events": [event]}))
    assert [e["start"] for e in site.items("events")] == ["2023-02-30"]
    assert not [e for e in entries(site, "it") if e.kind == "event"]
    identity = from_config(read_config(valid_tree / "mkdocs.yml"))
    assert not feedparser.parse(feed(site, identity, SITE_URL, "it")).bozo
