"""What the build writes for dates a page's script checks again (consultation, review, events) and
the feedback addresses, on the day of the build; test_dates_in_chromium.py checks the script."""

from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from cittamedie.content.consultations import consultation_state
from cittamedie.content.load import load_site
from cittamedie.site.parts import dates, home, page_end
from cittamedie.site.templates import environment

from ..conftest import FUTURE_EVENT, IDENTITY, build_context

CONSULTATION = {
    "opens": "2027-01-08",
    "closes": "2027-02-11",
    "channel": {"it": "posta a <consultazione@example.org>", "en": "e-mail"},
}
ENV = environment()


def visible(html: str) -> str:
    """The text of html less its hidden elements (none of ours nests a hidden one in another)."""
    html = re.sub(r"<(\w+)[^>]*\shidden[^>]*>.*?</\1>", "", str(html))
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_italian_articles_are_elided_before_eight_and_eleven():
    assert (
        visible(
            dates.dated(ENV, "consultation.before", "it", opens="2027-01-08", closes="2027-02-11")
        )
        == "La consultazione si aprirà l'8 gennaio 2027 e resterà aperta fino all'11 febbraio 2027."
    )
    assert visible(dates.dated(ENV, "consultation.closed", "it", closes="2027-02-10")).startswith(
        "La consultazione si è chiusa il 10 febbraio 2027"
    )
    assert visible(dates.dated(ENV, "consultation.closed", "en", closes="2027-02-11")).startswith(
        "The consultation closed on 11 February 2027"
    )


def test_consultation_states_count_both_days_in():
    assert consultation_state("2027-01-08", "2027-02-11", "2027-01-07") == "before"
    assert consultation_state("2027-01-08", "2027-02-11", "2027-01-08") == "open"
    assert consultation_state("2027-01-08", "2027-02-11", "2027-02-11") == "open"
    assert consultation_state("2027-01-08", "2027-02-11", "2027-02-12") == "closed"


def test_consultation_banner_says_the_state_of_the_build_day_and_keeps_the_others_hidden():
    before = dates.consultation(ENV, CONSULTATION, "en", "2026-12-01")
    assert visible(before) == (
        "The consultation will open on 8 January 2027 and stay open until 11 February 2027."
        "How to send comments: e-mail"
    )
    during = dates.consultation(ENV, CONSULTATION, "it", "2027-01-20")
    assert visible(during).startswith(
        "La consultazione è aperta: si possono inviare osservazioni fino all'11 febbraio 2027."
    )
    assert "posta a &lt;consultazione@example.org&gt;" in during  # plain text, escaped
    after = dates.consultation(ENV, CONSULTATION, "en", "2027-03-01")
    assert (
        visible(after)
        == "The consultation closed on 11 February 2027: comments are no longer accepted."
    )
    for html in (before, during, after):  # every sentence is there for the script, with both dates
        assert html.count('<time class="cm-opens" datetime="2027-01-08">') == 1
        assert html.count('class="cm-closes" datetime="2027-02-11"') == 3


def test_feedback_addresses_carry_title_address_and_section_encoded():
    links = page_end.feedback(
        IDENTITY,
        "it",
        "Povertà & casa: «Bari»",
        "https://cittamedie.example.org/a/?x=1#b",
        "Linee Guida › Aree",
    )
    issue = urlsplit(links["issue"])
    assert (issue.scheme, issue.netloc, issue.path) == (
        "https",
        "github.com",
        "/example/cittamedie-sud/issues/new",
    )
    query = parse_qs(issue.query, strict_parsing=True)
    assert query["title"] == ["Segnalazione: Povertà & casa: «Bari»"]
    assert query["body"][0].split("\n")[:3] == [
        "Pagina: Povertà & casa: «Bari»",
        "Indirizzo: https://cittamedie.example.org/a/?x=1#b",
        "Sezione: Linee Guida › Aree",
    ]
    assert " " not in links["issue"] and "+" not in issue.query  # spaces as %20, never +
    mail = urlsplit(links["mail"])
    assert (mail.scheme, mail.path) == ("mailto", "cittamedie@example.org")
    mail_query = parse_qs(mail.query)
    assert mail_query["subject"] == ["Segnalazione: Povertà & casa: «Bari»"]
    assert mail_query["body"][0].startswith("Pagina: Povertà & casa: «Bari»\r\nIndirizzo: ")


def test_page_end_says_nothing_of_a_missing_date_and_shows_a_review_passed_at_build(valid_tree):
    site = load_site(valid_tree)
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="index.md"),
        title="x",
        ancestors=[],
        canonical_url="https://cittamedie.example.org/",
    )
    end = page_end.page_end(build_context(site, today="2026-12-01"), page, "it")
    assert [visible(line) for line in end["lines"]] == ["Ultimo aggiornamento: 10 gennaio 2026."]
    assert end["review"] is None
    site.get("index.md", "it").meta.update(review_by="1983-01-01")
    site.get("index.md", "it").meta.pop("updated")
    end = page_end.page_end(build_context(site, today="2026-12-01"), page, "it")
    assert end["lines"] == [] and end["review"]["hidden"] is False
    site.get("index.md", "it").meta.update(review_by="2099-01-01")
    assert (
        page_end.page_end(build_context(site, today="2026-12-01"), page, "it")["review"]["hidden"]
        is True
    )


def test_english_page_says_which_italian_text_it_follows(valid_tree):
    site = load_site(valid_tree)
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="index.en.md"), title="x", ancestors=[], canonical_url=""
    )
    assert (
        len(page_end.page_end(build_context(site), page, "en")["lines"]) == 1
    )  # same dates, same text
    site.get("index.md", "it").meta["updated"] = "2026-02-01"  # a later Italian page, same body
    lines = [visible(x) for x in page_end.page_end(build_context(site), page, "en")["lines"]]
    assert lines == [
        "Last updated: 10 January 2026.",
        "Translated from the Italian text of 1 February 2026.",
    ]


def test_home_events_upcoming_on_the_build_day_then_the_last_ones_held(valid_tree):
    events = valid_tree / "data" / "events.yml"
    events.write_text(events.read_text("utf-8") + FUTURE_EVENT, "utf-8")
    site = load_site(valid_tree)
    html = str(home.events(build_context(site, today="2026-12-01"), "en", "", {}))
    upcoming, past = html.split('class="cm-events cm-events-past"')
    assert "Future meeting" in upcoming and "Rome meeting" in past
    assert '<time class="cm-event-end" datetime="2099-03-02">' in upcoming
    assert '<p class="cm-no-events" hidden>' in html
    later = str(home.events(build_context(site, today="2099-04-01"), "it", "", {}))
    assert (
        '<p class="cm-no-events">' in later
        and "Incontro futuro" in later.split('class="cm-events cm-events-past"')[1]
    )


def test_a_stale_english_page_names_the_date_of_the_italian_text_it_follows(
    valid_tree, monkeypatch
):
    from ..translation_repo import CHAPTER, git, translated_repo

    translated_repo(valid_tree, monkeypatch)
    italian = valid_tree / f"{CHAPTER}.md"
    italian.write_text(
        italian.read_text("utf-8").replace("updated: 2026-01-10", "updated: 2026-03-01"), "utf-8"
    )
    git(valid_tree, "commit", "-q", "-am", "Italian page updated")
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="guida/capitolo.en.md"),
        title="x",
        ancestors=[],
        canonical_url="",
    )
    lines = [
        visible(x)
        for x in page_end.page_end(build_context(load_site(valid_tree)), page, "en")["lines"]
    ]
    assert lines == [
        "Last updated: 10 January 2026.",
        "Translated from the Italian text of 10 January 2026.",
    ]
    (valid_tree / ".git").rename(valid_tree / "not-git")  # no history: no date is invented
    lines = [
        visible(x)
        for x in page_end.page_end(build_context(load_site(valid_tree)), page, "en")["lines"]
    ]
    assert (
        lines[1]
        == "Translated from an earlier Italian text: the Italian page was updated on 1 March 2026."
    )
