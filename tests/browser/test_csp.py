"""The Content Security Policy (site/csp.py) in headless Chromium: no page the site builds breaks
it (each page type, the catalogue's filters, search opened and used, the 404 page, the offline copy
from file://), and a script planted in a built page does not run."""

from __future__ import annotations

import pytest

from .test_search import open_search, query

# every `securitypolicyviolation` of the page, before any of its scripts runs
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push([e.violatedDirective, e.blockedURI, e.sample]));"""
PAGE_TYPES = [
    "",
    "programma/",
    "citta/",
    "glossario/",
    "download/",
    "linee-guida/",
    "linee-guida/versioni/",
    "protocollo-intesa/modello/",
    "buone-pratiche/",
    "buone-pratiche/ba-urbis/",
    "buone-pratiche/tema/poverta/",
    "accessibilita/",
    "404.html",
]


@pytest.fixture
def tab(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(LISTEN)
    page.policy_messages = []  # what Chromium says in the console about the policy
    page.on(
        "console",
        lambda m: page.policy_messages.append(m.text) if "Security Policy" in m.text else None,
    )
    yield page
    context.close()


def violations(tab) -> list:
    return tab.evaluate("window.__violations") + tab.policy_messages


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_no_page_type_breaks_the_policy(tab, site_server, prefix):
    for path in PAGE_TYPES:
        tab.goto(f"{site_server}/{prefix}{path}")
        tab.wait_for_load_state("networkidle")
        assert tab.evaluate("typeof __md_get === 'function'"), path
        assert not violations(tab), (prefix + path, violations(tab))


def test_catalogue_filters_and_search_run_within_the_policy(tab, site_server):
    tab.goto(f"{site_server}/buone-pratiche/")
    tab.select_option("#cm-tema", "disagio-abitativo")
    assert "tema=disagio-abitativo" in tab.url  # the catalogue's script ran
    tab.goto(f"{site_server}/programma/")
    open_search(tab)  # Pagefind's script and WebAssembly loaded
    assert query(tab, "innovazioni")
    tab.goto(f"{site_server}/en/")
    open_search(tab)
    assert query(tab, "families")
    assert not violations(tab), violations(tab)


def test_a_script_planted_in_a_built_page_does_not_run(tab, site_server):
    """A page as an attacker who got past the allowlist would leave it: an inline script and an
    inline event handler in the body. Neither runs; the browser reports both."""
    url = f"{site_server}/programma/"

    def planted(route):
        html = route.fetch().text()
        body = (
            "<script>document.title = 'planted'</script><img src=x onerror=\"document.title='x'\">"
        )
        route.fulfill(body=html.replace("</main>", body + "</main>"), content_type="text/html")

    tab.route(url, planted)
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    assert tab.title() not in ("planted", "x")
    assert tab.evaluate("typeof __md_get === 'function'")  # the theme's ran
    blocked = [v for v in tab.evaluate("window.__violations") if v[0].startswith("script-src")]
    assert len(blocked) == 2, blocked
