"""The generated parts behind issue 19's phone fixes, without a browser: the fund's acronym in each
language, one counting rule for the catalogue's themes, each filter's label in one box with its
field, where official dates are announced, and where a case starts in the catalogue's PDF."""

from __future__ import annotations

import re

from cittamedie.content.generated import CATALOGUE_PAGE, pdf_anchor
from cittamedie.content.load import load_site
from cittamedie.site.parts import catalogue, home, lists

from ..conftest import FUTURE_EVENT, REPO, build_context


def test_the_priorities_table_names_the_fund_in_the_pages_language(valid_tree):
    context = build_context(load_site(valid_tree))
    italian = str(lists.priorities(context, "it", "", {}))
    english = str(lists.priorities(context, "en", "", {}))
    assert '<td data-label="Fondo">FSE+</td>' in italian and "ESF+" not in italian
    assert '<td data-label="Fund">ESF+</td>' in english and "FSE+" not in english
    assert '<td data-label="Dotazione">€ 1.000' in italian
    assert 'class="cm-table cm-stack"' in italian  # the rows stack on a phone (cittamedie.css)


def test_a_theme_counts_the_same_cases_in_its_heading_its_page_and_a_chapter():
    site = load_site(REPO)
    context = build_context(site)
    html = str(catalogue.catalogue(context, "it", site.url(CATALOGUE_PAGE, "it")))
    for theme in site.items("themes"):
        having = [case for case in site.cases() if theme["id"] in case.meta["themes"]]
        heading = re.search(
            rf'<h2 id="{theme["id"]}">.*?\(<span class="cm-group-count">(\d+)</span>\)</h2>', html
        )
        assert heading and int(heading[1]) == len(having), theme["id"]
        group = html.split(f'<h2 id="{theme["id"]}">')[1].split("</section>")[0]
        assert group.count(f'data-tema="{theme["id"]}"') == len(having)
        chapter = str(catalogue.of_theme(context, theme["id"], "it", "linee-guida/"))
        assert not having or f"({len(having)})</a>" in chapter, theme["id"]


def test_each_filter_is_one_box_with_its_label_and_its_field():
    site = load_site(REPO)
    html = str(catalogue.catalogue(build_context(site), "en", "en/buone-pratiche/"))
    boxes = re.findall(r'<div class="cm-field">(.*?)</div>', html, re.S)
    assert len(boxes) == 3
    for box in boxes:
        label = re.search(r'<label for="([^"]+)">', box)
        assert label and f'<select id="{label[1]}"' in box, box[:120]


def test_with_no_event_ahead_the_home_says_where_official_dates_are_announced(valid_tree):
    events = valid_tree / "data" / "events.yml"
    text = events.read_text("utf-8") + FUTURE_EVENT
    events.write_text(text, "utf-8")
    site = load_site(valid_tree)
    later = str(home.events(build_context(site, today="2099-04-01"), "it", "", {}))
    assert '<p class="cm-no-events">' in later
    assert "date ufficiali" not in later  # no announcements in the data: nothing is claimed
    events.write_text(
        text.replace("events:", 'announcements:\n  url: "https://www.pnmetroplus.it/"\nevents:', 1),
        "utf-8",
    )
    site = load_site(valid_tree)
    for lang, words in (("it", "tra le notizie del sito del programma"), ("en", "news on")):
        html = str(home.events(build_context(site, today="2099-04-01"), lang, "", {}))
        sentence = html.split('<p class="cm-no-events">')[1].split("</p>")[0]
        assert words in sentence
        assert '<a href="https://www.pnmetroplus.it/">pnmetroplus.it</a>.' in sentence
    ahead = str(home.events(build_context(site, today="2026-12-01"), "en", "", {}))
    assert '<p class="cm-no-events" hidden>' in ahead  # the sentence waits for the last event


def test_the_home_of_the_real_site_names_the_programmes_website():
    site = load_site(REPO)
    assert site.data["events"]["announcements"]["url"] == "https://www.pnmetroplus.it/"


def test_a_page_starts_in_a_pdf_at_an_anchor_of_its_path():
    assert pdf_anchor("buone-pratiche/ba-urbis.md") == "buone-pratiche-ba-urbis"
    assert pdf_anchor("buone-pratiche/index.md") == "buone-pratiche"
    assert pdf_anchor("linee-guida/glossario.md") != pdf_anchor("glossario.md")
