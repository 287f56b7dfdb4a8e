"""The built site in headless Chromium: language switcher, requests, accessibility, filters.
Search (Pagefind) has its own file: test_search.py."""

from __future__ import annotations

import pytest

from ..conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = [
    "",
    "programma/",
    "citta/",
    "citta/benevento/",  # a city's page, written from data/city-details.yml
    "percorso/",
    "glossario/",
    "download/",
    "linee-guida/",
    "linee-guida/aree-tematiche/",
    "linee-guida/versioni/",
    "protocollo-intesa/modello/",
    "buone-pratiche/",
    "buone-pratiche/ba-urbis/",
    "buone-pratiche/tema/poverta/",
    "buone-pratiche/citta/napoli/",
    "accessibilita/",
    "404.html",
]


@pytest.fixture
def page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests, tab.failures, tab.errors = [], [], []
    tab.on("request", lambda r: tab.requests.append(r.url))
    tab.on(
        "response", lambda r: tab.failures.append((r.status, r.url)) if r.status >= 400 else None
    )
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


@pytest.mark.parametrize(
    "start, target",
    [
        ("/programma/", "/en/programma/"),
        ("/en/buone-pratiche/ba-urbis/", "/buone-pratiche/ba-urbis/"),
    ],
)
def test_language_switcher_keeps_the_page(page, site_server, start, target):
    page.goto(site_server + start)
    page.hover(".md-header__option .md-select")
    lang = "English" if target.startswith("/en/") else "Italiano"
    page.click(f".md-select__link:has-text('{lang}')")
    page.wait_for_load_state()
    assert page.url == site_server + target


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pages_stay_local_load_cleanly_and_pass_axe(page, site_server, prefix):
    for path in PAGE_TYPES:
        page.requests.clear()
        page.goto(f"{site_server}/{prefix}{path}")
        page.wait_for_load_state("networkidle")
        outside = [
            u for u in page.requests if not u.startswith(site_server) and not u.startswith("data:")
        ]
        assert not outside, (path, outside)
        assert not page.failures, (path, page.failures)
        assert not page.errors, (path, page.errors)
        page.evaluate(
            AXE.read_text("utf-8")
        )  # not a <script>: the pages' policy refuses inline ones
        result = page.evaluate("""async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
        ]
        assert not violations, (prefix + path, violations)


def test_catalogue_filters_are_in_the_url_and_survive_a_reload(page, site_server):
    page.goto(f"{site_server}/buone-pratiche/")
    total = page.evaluate(  # a case is in the group of each of its themes, counted once
        "new Set([...document.querySelectorAll('#cm-catalogue .cm-card h3 a')]"
        ".map((a) => a.getAttribute('href'))).size"
    )
    assert total >= 13
    page.select_option("#cm-tema", "disagio-abitativo")
    visible = page.locator("#cm-catalogue .cm-card:visible").count()
    assert 0 < visible < total
    assert "tema=disagio-abitativo" in page.url
    assert page.inner_text("output.cm-count") == f"{visible} casi su {total}"
    page.reload()
    assert page.locator("#cm-catalogue .cm-card:visible").count() == visible
    assert page.input_value("#cm-tema") == "disagio-abitativo"


def test_catalogue_without_javascript_lists_every_case(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_server}/buone-pratiche/?tema=poverta")
    assert tab.locator("#cm-catalogue .cm-card:visible").count() >= 13
    assert not tab.is_visible("form.cm-filter")
    context.close()


def test_cities_filter_by_region(page, site_server):
    page.goto(f"{site_server}/citta/")
    assert page.locator("#cm-cities li:visible").count() == 39
    page.select_option("#cm-region", "puglia")
    assert page.locator("#cm-cities section:visible h3").all_inner_texts() == ["Puglia (9)"]
    assert page.locator("#cm-cities li:visible").count() == 9
    assert "regione=puglia" in page.url


def test_keyboard_reaches_the_skip_link_and_the_filters(page, site_server):
    page.goto(f"{site_server}/buone-pratiche/")
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "[document.activeElement.className, document.activeElement.textContent.trim()]"
    )
    assert "md-skip" in skip[0] and skip[1] == "Vai al contenuto"
    page.focus("#cm-tema")
    page.keyboard.press("ArrowDown")  # first theme
    assert "tema=poverta" in page.url
    assert page.inner_text("output.cm-count").startswith(
        str(page.locator("#cm-catalogue .cm-card:visible").count())
    )
