"""Pagefind search on the served site, in headless Chromium: nothing fetched until the reader opens
it, results in the page's language, stemming, acronyms across languages, filters, keyboard, axe."""

from __future__ import annotations

import pytest

from ..conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SEARCH_FILES = ("/pagefind/", "search_index", "/lunr/", "/workers/", "cittamedie-search.css")
BUDGET = 100_000  # bytes the first query may transfer (index chunks, excerpts), headers included


@pytest.fixture
def tab(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.fetched, page.errors = [], []  # (url, bytes on the wire) of every finished request
    page.on(
        "requestfinished",
        lambda r: page.fetched.append(
            (r.url, r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"])
        ),
    )
    page.on(
        "console", lambda m: page.errors.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def open_search(tab, key: str | None = None) -> None:
    if key:
        tab.keyboard.press(key)
    else:
        tab.click(".cm-search-open")
    tab.wait_for_selector(
        "dialog.cm-search[open]:not([aria-busy])", timeout=10_000
    )  # Pagefind loaded


def query(tab, words: str, everything: bool = False) -> list[str]:
    """Type words into the open dialog; the result links (all of them, paging on, if everything)."""
    tab.fill("#cm-search-query", words)
    return results(tab, everything)


def results(tab, everything: bool = False) -> list[str]:
    settle(tab)
    while everything and tab.is_visible(".cm-search__more"):
        tab.click(".cm-search__more")
        settle(tab)
    return tab.eval_on_selector_all(
        ".cm-search__results li h3 a", "links => links.map(a => a.href)"
    )


def settle(tab) -> None:
    """Until the results of what was typed or chosen are shown (the list is aria-busy until then)."""
    tab.wait_for_selector(".cm-search__results:not([aria-busy])", state="attached", timeout=10_000)


@pytest.mark.parametrize(
    "path", ["", "programma/", "en/", "en/buone-pratiche/ba-urbis/", "404.html"]
)
def test_a_page_view_fetches_nothing_of_search(tab, site_server, path):
    tab.goto(f"{site_server}/{path}")
    tab.wait_for_load_state("networkidle")
    assert tab.is_visible(".cm-search-open")
    assert not tab.is_visible("dialog.cm-search")
    assert not [url for url, _ in tab.fetched if any(part in url for part in SEARCH_FILES)]
    assert tab.evaluate("typeof lunr") == "undefined"


def test_italian_search_is_scoped_stemmed_and_shows_title_section_excerpt(tab, site_server):
    tab.goto(f"{site_server}/programma/")
    open_search(tab)
    assert tab.evaluate("document.activeElement.id") == "cm-search-query"
    hits = query(tab, "innovazioni")  # the pages say "innovazione"
    assert hits and not [h for h in hits if "/en/" in h], hits
    first = tab.locator(".cm-search__results li").first
    assert first.locator("h3 a").inner_text().strip()
    assert first.locator(".cm-search__excerpt mark").count() >= 1
    assert tab.locator(".cm-search__section").count() >= 1  # e.g. "Buone pratiche"
    assert "risultat" in tab.inner_text(".cm-search__status")
    tab.click(".cm-search__results li h3 a >> nth=0")
    tab.wait_for_load_state()
    assert tab.url == hits[0]
    assert "innovazion" in tab.inner_text("article").lower()
    assert not tab.errors, tab.errors


def test_english_search_is_scoped(tab, site_server):
    tab.goto(f"{site_server}/en/programma/")
    open_search(tab)
    hits = query(tab, "families")  # the pages say "family" and "families"
    assert hits and all(h.startswith(f"{site_server}/en/") for h in hits), hits
    assert "result" in tab.inner_text(".cm-search__status")
    assert tab.inner_text("#cm-search-title") == "Search the site"


@pytest.mark.parametrize(
    "start, typed, written", [("/programma/", "ERDF", "FESR"), ("/en/programma/", "FESR", "ERDF")]
)
def test_an_acronym_finds_pages_that_use_the_other_languages(
    tab, site_server, start, typed, written
):
    """From data/glossary.yml: FESR and ERDF share their English expansion."""
    tab.goto(site_server + start)
    open_search(tab)
    hits = query(tab, typed, everything=True)
    english = start.startswith("/en/")
    assert hits and all(h.startswith(f"{site_server}/en/") == english for h in hits), hits
    for hit in hits:
        tab.goto(hit)
        text = tab.inner_text("article")
        if written in text and typed not in text:
            return  # a page that says only the other acronym was found
    pytest.fail(f"no result for {typed} says only {written}: {hits}")


def test_theme_filter_narrows_the_results(tab, site_server):
    tab.goto(f"{site_server}/buone-pratiche/")
    open_search(tab)
    everything = query(tab, "inclusione", everything=True)
    assert "Povertà" in tab.eval_on_selector_all(
        "#cm-search-theme option", "os => os.map(o => o.value)"
    )
    tab.select_option("#cm-search-theme", "Povertà")
    narrowed = results(tab, everything=True)
    assert narrowed and len(narrowed) < len(everything), (narrowed, everything)
    assert set(narrowed) <= set(everything)
    assert all("/buone-pratiche/" in h for h in narrowed), narrowed
    assert (
        query(tab, "") and tab.inner_text(".cm-search__status") != ""
    )  # the filter alone lists its cases


@pytest.mark.parametrize(
    "start, words", [("/programma/", "innovazioni"), ("/en/programma/", "families")]
)
def test_first_query_transfers_under_100_kb(tab, site_server, start, words):
    tab.goto(site_server + start)
    tab.wait_for_load_state("networkidle")
    # The browser's own record of each request (Resource Timing: start, bytes on the wire, headers
    # included), read once the results are shown: sorted by when each request started, not by
    # when its event reached Python, so no wait decides which group a request falls in.
    opened = tab.evaluate("performance.now()")
    open_search(tab)
    typed = tab.evaluate("performance.now()")
    assert query(tab, words)
    done = tab.evaluate(
        "performance.getEntriesByType('resource').map(e => [e.name, e.startTime, e.transferSize])"
    )
    opening = [(url, size) for url, began, size in done if opened <= began < typed]
    first = [(url, size) for url, began, size in done if began >= typed]
    assert all(url.startswith(site_server) for url, _ in opening + first)
    assert all("/pagefind/" in url for url, _ in first), first
    spent, runtime = sum(size for _, size in first), sum(size for _, size in opening)
    print(
        f"\n{start}: opening the dialog {runtime / 1000:.1f} kB ({len(opening)} files), "
        f"first query «{words}» {spent / 1000:.1f} kB ({len(first)} files)"
    )
    assert spent < BUDGET, first


@pytest.mark.parametrize("key", ["/", "s"])
def test_keyboard_opens_search_and_escape_gives_focus_back(tab, site_server, key):
    tab.goto(f"{site_server}/programma/")
    tab.focus(".md-content a[href] >> nth=0")
    # the element itself, not its markup: Material's tooltip swaps its title for aria-describedby
    # on focus and back on blur, each a timer later
    before = tab.evaluate_handle("document.activeElement")
    open_search(tab, key)
    assert tab.evaluate("document.activeElement.id") == "cm-search-query"
    assert tab.input_value("#cm-search-query") == ""  # the key opened search, it was not typed
    name = tab.evaluate(
        "document.getElementById(document.querySelector('dialog.cm-search')"
        ".getAttribute('aria-labelledby')).textContent"
    )
    assert name == "Cerca nel sito"
    tab.keyboard.press("Escape")
    assert not tab.is_visible("dialog.cm-search")
    assert tab.evaluate("before => document.activeElement === before", before)


def test_the_button_opens_and_closes_with_focus_back(tab, site_server):
    tab.goto(f"{site_server}/en/")
    open_search(tab)
    tab.click(".cm-search__close")
    assert not tab.is_visible("dialog.cm-search")
    assert tab.evaluate("document.activeElement.classList.contains('cm-search-open')")


@pytest.mark.parametrize("start, words", [("/buone-pratiche/", "Napoli"), ("/en/", "cities")])
def test_open_search_with_results_passes_axe(tab, site_server, start, words):
    tab.goto(site_server + start)
    open_search(tab)
    assert query(tab, words)
    tab.evaluate(AXE.read_text("utf-8"))  # not a <script>: the pages' policy refuses inline ones
    result = tab.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert not violations, violations


@pytest.mark.parametrize(
    "start, words, said",
    [
        ("/programma/", "scadenza candidatura", "Nessun risultato con tutte le parole"),
        ("/en/programma/", "crowdfunding deadline", "No results with all the words"),
    ],
)
def test_when_no_page_has_all_the_words_pages_with_any_are_shown_and_said(
    tab, site_server, start, words, said
):
    """No page says both words: the pages that say either are offered, with a line that says so."""
    tab.goto(site_server + start)
    open_search(tab)
    hits = query(tab, words, everything=True)
    assert hits and len(hits) == len(set(hits)), hits
    assert tab.inner_text(".cm-search__status").startswith(said)
    assert all(h.startswith(f"{site_server}/en/") == start.startswith("/en/") for h in hits)
    words_one_by_one = set()
    for word in words.split():
        words_one_by_one |= set(query(tab, word, everything=True))
        assert said not in tab.inner_text(".cm-search__status")  # one word: no such line
    assert set(hits) == words_one_by_one


@pytest.mark.parametrize(
    "start, words, heading",
    [
        ("/programma/", "cookie", "Cookie e tracciamento"),
        ("/en/", "cookies", "Cookies and tracking"),
    ],
)
def test_a_result_is_one_page_and_shows_the_part_it_was_found_in(
    tab, site_server, start, words, heading
):
    """The privacy page says cookie in its introduction and in its section on cookies: one result,
    that names and links the section, with the section's excerpt."""
    tab.goto(site_server + start)
    open_search(tab)
    hits = query(tab, words, everything=True)
    assert len(hits) == len(set(hits)), hits  # each page once, however many of its parts match
    first = tab.locator(".cm-search__results li").first
    assert first.locator("h3 a").get_attribute("href").endswith("/privacy/")
    where = first.locator(".cm-search__where")
    assert where.inner_text().startswith(tab.get_attribute("dialog.cm-search", "data-found-in"))
    assert where.locator("a").inner_text().strip() == heading
    assert first.locator(".cm-search__excerpt mark").count() >= 1
    where.locator("a").click()
    tab.wait_for_load_state()
    assert tab.url.endswith("/privacy/#cookie")
    assert not tab.errors, tab.errors
