"""Search relevance on the built site: the judged query set (tests/fixtures/search/queries.yml)
through the real Pagefind in Chromium, as the dialog runs it (tests/search_judged.py).

The floors are the figures measured when the set was written, less two queries' worth (2/52 =
0.04, rounded down): a change that pushes two answers out of the first three, or costs as much in
reciprocal rank, fails; one harmless reordering does not. They are where search stands, not where
it should be (issue 19's targets: success@3 ≥ 0.95, MRR@10 ≥ 0.90): raise them as tuning lands,
from the figures of `scripts/search_quality.py`.

Measured with Pagefind's default ranking: it success@3 0.885, MRR@10 0.875; en 0.865, 0.868.
With pageLength 0: it 0.904, 0.913; en 0.885, 0.878. With search.py OPTIONS (pageLength 0,
termSaturation 2): it 0.942, 0.917; en 0.904, 0.879. With a case's city's English name as hidden
text (Turin on Torino's cases, search.place_names): it 0.962, 0.936; en 0.904, 0.879. The floors
below.
"""

from __future__ import annotations

import pytest

from .. import search_judged

FLOORS = {  # language: (success@3, MRR@10)
    "it": (0.92, 0.89),
    "en": (0.86, 0.84),
}
LEAST = 40  # queries per language the set must hold


@pytest.fixture(scope="module")
def queries():
    return search_judged.load()


def test_the_set_is_judged_against_pages_of_the_built_site(queries, built_site):
    for lang, judged in queries.items():
        assert len(judged) >= LEAST, (lang, len(judged))
        words = [j.words.casefold() for j in judged]
        assert len(set(words)) == len(words), lang  # no query counted twice
        for j in judged:
            assert j.expected and j.why, j
            for url in j.expected:
                assert url.startswith("/en/") == (lang == "en"), (lang, j.words, url)
                page = built_site / url.lstrip("/") / "index.html"
                assert page.is_file(), (j.words, url)


def test_search_answers_the_judged_queries_above_the_floor(queries, browser, site_server):
    page = browser.new_page()
    try:
        scores = search_judged.run(page, site_server, queries)
    finally:
        page.close()
    print("\n" + search_judged.report(scores))
    for lang, (success, mrr) in FLOORS.items():
        score = scores[lang]
        assert score.success_at_3 >= success, search_judged.report({lang: score})
        assert score.mrr_at_10 >= mrr, search_judged.report({lang: score})
