"""The offline copy, unzipped and opened from file://: navigation, switcher, search, no request out."""

from __future__ import annotations

import zipfile

import pytest

from cittamedie.exports.offline import FOLDER, export

from ..conftest import REPO
from .test_csp import LISTEN


@pytest.fixture(scope="module")
def offline_copy(built_site, tmp_path_factory):
    archive = export(REPO, built_site)
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(target)
    return target / FOLDER


def test_offline_copy_navigates_switches_and_searches_without_network(browser, offline_copy):
    context = browser.new_context()
    tab = context.new_page()
    tab.add_init_script(LISTEN)  # the policy's violations (site/csp.py: the offline copy's policy)
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    root = offline_copy.as_uri()
    tab.goto(f"{root}/index.html")
    tab.click("nav.md-nav--primary a[href$='programma.html']")
    assert tab.url == f"{root}/programma.html"
    tab.hover(".md-header__option .md-select")
    tab.click(".md-select__link:has-text('English')")
    assert tab.url == f"{root}/en/programma.html"
    tab.click("input.md-search__input")
    tab.keyboard.type("families", delay=30)
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    hits = tab.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.href)"
    )
    assert hits and all(h.startswith(f"{root}/en/") for h in hits)
    assert tab.evaluate("window.__violations") == []
    assert tab.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    tab.goto(f"{root}/buone-pratiche/index.html")
    tab.click("#cm-catalogue .cm-card a >> nth=0")
    assert tab.url.startswith(f"{root}/buone-pratiche/") and tab.url.endswith(".html")
    assert tab.evaluate("window.__violations") == []
    outside = [
        u for u in requests if not u.startswith(root) and not u.startswith(("data:", "about:"))
    ]
    assert not outside, outside
    assert not errors, errors
    context.close()
