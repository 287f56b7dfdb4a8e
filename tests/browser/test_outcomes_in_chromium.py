"""A consultation's outcomes page in headless Chromium, in both languages: no request leaves the
site, no script error, and axe finds nothing against WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest

from ..conftest import serve
from ..consultation_tree import make_tree
from ..site.conftest import build, write_download_pages
from .test_dates_in_chromium import axe_violations

PAGE = "esiti-consultazione/guida-0-1/"


@pytest.fixture(scope="module")
def outcomes_server(tmp_path_factory):
    tree = make_tree(tmp_path_factory.mktemp("outcomes-browser"))
    write_download_pages(tree)
    result = build(tree)
    assert result.returncode == 0, result.stderr
    with serve(tree / "site") as url:
        yield url


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_outcomes_page_passes_axe(browser, outcomes_server, prefix):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests, errors = [], []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{outcomes_server}/{prefix}{PAGE}")
    tab.wait_for_load_state("networkidle")
    assert tab.locator("article.cm-outcome").count() == 7
    outside = [
        u for u in requests if not u.startswith(outcomes_server) and not u.startswith("data:")
    ]
    assert not outside and not errors, (outside, errors)
    violations = axe_violations(tab)
    assert not violations, (prefix, violations)
    context.close()
