"""Dates a static page checks again in the reader's browser (cittamedie.js), with the browser's
clock set by the test: a consultation before, during and after its dates, a page past its review
date (like GOV.UK's page last reviewed in 1983), the home page's events once they are over; the
report-a-problem link filled in; axe clean in every state. Plus the real home page's cards."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from cittamedie.__main__ import main

from ..conftest import FIXTURES, FUTURE_EVENT, copy_tree, serve
from ..site.conftest import build
from .test_site_in_chromium import AXE

HOME_PARTS = "\n## Novità {#novita}\n\n<!-- cittamedie:recent -->\n\n## Appuntamenti {#appuntamenti}\n\n<!-- cittamedie:events -->\n"


# ---------------------------------------------------------------- Fixtures


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """The valid fixture with a document in consultation in 2099, a chapter to review by mid-2098,
    a home page last reviewed in 1983 with the home markers, an event in 2099, and an Italian
    chapter whose page was updated after its English translation (same text)."""
    tree = copy_tree(FIXTURES / "valid", tmp_path_factory.mktemp("dated") / "repo")
    guide = tree / "guidelines" / "guida"
    _edit(
        guide / "document.yml",
        "status: bozza",
        "status: in-consultazione\nconsultation:\n"
        "  opens: 2099-01-10\n  closes: 2099-02-10\n"
        '  channel: {it: "posta elettronica a consultazione@example.org", en: "e-mail to consultazione@example.org"}',
    )
    _edit(
        guide / "capitolo.md", "updated: 2026-01-10", "updated: 2026-02-01\nreview_by: 2098-06-30"
    )
    _edit(
        guide / "capitolo.en.md",
        "updated: 2026-01-10",
        "updated: 2026-01-10\nreview_by: 2098-06-30",
    )
    for name in ("index.md", "index.en.md"):
        page = tree / "docs" / name
        _edit(page, "updated: 2026-01-10", "updated: 2026-01-10\nreview_by: 1983-01-01")
        page.write_text(
            page.read_text("utf-8")
            + HOME_PARTS.replace("Novità", "News" if ".en." in name else "Novità")
        )
    assert (
        main(
            [
                "--root",
                str(tree),
                "translations",
                "--mark-current",
                str(tree / "docs" / "index.en.md"),
            ]
        )
        == 0
    )
    events = tree / "data" / "events.yml"
    events.write_text(events.read_text("utf-8") + FUTURE_EVENT, "utf-8")
    result = build(tree)
    assert result.returncode == 0, result.stderr
    with serve(tree / "site") as url:
        yield url


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert not page.errors
    context.close()


def on_day(tab, day: str):
    """The browser's clock stopped at noon of `day` (local time), for the pages opened next."""
    tab.clock.set_fixed_time(dt.datetime.fromisoformat(f"{day}T12:00:00"))


def axe_violations(tab) -> list:
    tab.evaluate(AXE.read_text("utf-8"))  # not a <script>: the pages' policy refuses inline ones
    result = tab.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def _edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), "utf-8")


# ---------------------------------------------------------------- Consultation


@pytest.mark.parametrize(
    "day, lang, state, channel",
    [
        (
            "2099-01-01",
            "en",
            "The consultation will open on 10 January 2099 and stay open until 10 February 2099.",
            True,
        ),
        (
            "2099-01-10",
            "it",
            "La consultazione è aperta: si possono inviare osservazioni fino al 10 febbraio 2099.",
            True,
        ),
        (
            "2099-02-10",
            "en",
            "The consultation is open: comments can be sent until 10 February 2099.",
            True,
        ),
        (
            "2099-03-01",
            "it",
            "La consultazione si è chiusa il 10 febbraio 2099: non si ricevono più osservazioni.",
            False,
        ),
    ],
)
def test_when_the_consultation_is_open_is_said_by_the_browser_clock(
    tab, dated_site, day, lang, state, channel
):
    on_day(tab, day)
    tab.goto(f"{dated_site}/{'en/' if lang == 'en' else ''}guida/capitolo/")
    assert tab.inner_text(".cm-consultation-state").strip() == state
    how = tab.locator(".cm-consultation p:not(.cm-consultation-state)")
    assert how.is_visible() is channel
    if channel:
        assert "consultazione@example.org" in how.inner_text()
    assert not axe_violations(tab), day


def test_without_javascript_the_consultation_is_as_on_the_day_of_the_build(browser, dated_site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{dated_site}/guida/capitolo/")  # built in 2026: the consultation opens in 2099
    assert (
        tab.inner_text(".cm-consultation-state").strip()
        == "La consultazione si aprirà il 10 gennaio 2099 e resterà aperta fino al 10 febbraio 2099."
    )
    # a consultation text is not called a draft
    assert (
        tab.text_content(".cm-banner-title").strip()
        == "Testo in consultazione, non ancora approvato"
    )
    context.close()


# ---------------------------------------------------------------- Review dates and last update


def test_review_notice_appears_once_the_date_has_passed(tab, dated_site):
    tab.goto(f"{dated_site}/en/guida/capitolo/")  # due by 2098: not yet
    assert not tab.is_visible(".cm-review")
    on_day(tab, "2099-01-01")
    tab.goto(f"{dated_site}/en/guida/capitolo/")
    assert tab.inner_text(".cm-review").startswith(
        "This page was due to be checked again by 30 June 2098"
    )
    assert tab.get_attribute(".cm-review time", "datetime") == "2098-06-30"
    assert not axe_violations(tab)


def test_a_page_past_its_review_date_at_build_says_so_without_javascript(browser, dated_site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{dated_site}/")
    assert tab.inner_text(".cm-review").startswith(
        "Questa pagina doveva essere ricontrollata entro il 1 gennaio 1983"
    )
    context.close()


def test_english_page_shows_its_own_update_and_the_italian_text_it_follows(tab, dated_site):
    tab.goto(f"{dated_site}/en/guida/capitolo/")
    assert tab.locator(".cm-page-date").all_inner_texts() == [
        "Last updated: 10 January 2026.",
        "Translated from the Italian text of 1 February 2026.",
    ]
    tab.goto(f"{dated_site}/guida/capitolo/")
    assert tab.locator(".cm-page-date").all_inner_texts() == [
        "Ultimo aggiornamento: 1 febbraio 2026."
    ]


# ---------------------------------------------------------------- Report a problem


@pytest.mark.parametrize(
    "path, title, address, section",
    [
        (
            "guida/capitolo/",
            "Segnalazione: Capitolo capitolo",
            "https://cittamedie.example.org/guida/capitolo/",
            "Sezione: Guida di prova",
        ),
        (
            "en/guida/capitolo/",
            "Report: Chapter capitolo",
            "https://cittamedie.example.org/en/guida/capitolo/",
            "Section: Test guide",
        ),
    ],
)
def test_report_a_problem_opens_an_issue_filled_in_for_the_page(
    browser, dated_site, path, title, address, section
):
    context = browser.new_context(java_script_enabled=False)  # built by the site, not by a script
    tab = context.new_page()
    tab.goto(f"{dated_site}/{path}")
    issue, mail = (tab.get_attribute(f"#cm-feedback a >> nth={n}", "href") for n in (0, 1))
    parts = urlsplit(issue)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == "https://github.com/example/cittamedie-sud/issues/new"
    )
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["title"] == [title]
    body = query["body"][0].split("\n")
    assert body[1].split(": ", 1)[1] == address and body[2] == section
    assert mail.startswith("mailto:cittamedie@example.org?")
    assert parse_qs(urlsplit(mail).query)["subject"] == [title]
    label = tab.inner_text("#cm-feedback a >> nth=0")
    assert label in (
        "Segnala un problema o proponi una modifica",
        "Report a problem or suggest a change",
    )
    context.close()


# ---------------------------------------------------------------- Home page


@pytest.mark.parametrize("lang", ["it", "en"])
def test_home_events_move_to_the_recent_ones_once_over(tab, dated_site, lang):
    prefix, future = ("", "Incontro futuro") if lang == "it" else ("en/", "Future meeting")
    tab.goto(f"{dated_site}/{prefix}")
    assert future in tab.inner_text(".cm-events-upcoming")
    assert not tab.is_visible(".cm-no-events")
    on_day(tab, "2099-04-01")
    tab.goto(f"{dated_site}/{prefix}")
    assert tab.locator(".cm-events-upcoming .cm-event").count() == 0
    assert tab.is_visible(".cm-no-events")
    assert future in tab.locator(".cm-events-past .cm-event").first.inner_text()
    assert tab.is_visible(".cm-events-past-title")
    assert not axe_violations(tab)


@pytest.mark.parametrize(
    "prefix, first", [("", "Linee Guida"), ("en/", "Linee Guida (guidelines)")]
)
def test_real_home_page_has_the_destinations_as_cards_and_the_events(
    browser, site_server, prefix, first
):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{site_server}/{prefix}")
    cards = tab.locator(".grid.cards > ul > li")
    assert cards.count() == 6
    assert cards.first.locator("a").inner_text() == first
    targets = [cards.nth(i).locator("a").first.get_attribute("href") for i in range(6)]
    assert targets == [
        "linee-guida/",
        "protocollo-intesa/",
        "buone-pratiche/",
        "percorso/",
        "citta/",
        "programma/",
    ]
    assert tab.locator(".cm-recent li").count() > 0
    shown = (
        tab.locator(".cm-events .cm-event:visible").count()
        + tab.locator(".cm-no-events:visible").count()
    )
    assert shown > 0
    assert tab.locator("#cm-feedback a").count() == 2
    assert not axe_violations(tab)
    context.close()
