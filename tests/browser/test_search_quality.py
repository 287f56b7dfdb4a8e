"""Search relevance on the built site: the judged query set (tests/fixtures/search/queries.yml)
through the real Pagefind in Chromium, as the dialog runs it (tests/search_judged.py: the same
options, the same fallback to any of the words).

Pagefind's ranking is deterministic: the same site and queries give the same figures on every run,
so the margin below the measured figures is not for chance but for content edits. A new page or a
reworded one may rightly take one answer's place: the floors are the figures measured, less one
query's worth (1/52 = 0.019) in success@3 and about two reciprocal-rank steps (an answer falling
from first to second costs 0.5/52 = 0.01) in MRR@10, rounded down. A change that costs more fails;
look at the misses `scripts/search_quality.py` prints before lowering a floor.

Measured (it, en: success@3, MRR@10) with Pagefind's default ranking: 0.885, 0.875; 0.865, 0.868.
With pageLength 0: 0.904, 0.913; 0.885, 0.878. With termSaturation 2 too: 0.942, 0.917; 0.904,
0.879. With a case's city's English name as hidden text (Turin on Torino's cases): 0.962, 0.936;
0.904, 0.879; with the content as it then grew: 0.962, 0.949; 0.923, 0.911. With the fallback to
any of the words when none has them all: 0.981, 0.955; 0.923, 0.911. With the Italian title of
each translation, weighed as a title: 0.981, 0.955; 0.942, 0.928. With termSimilarity 2.75,
British and American spellings, and one query more ("job center"): 0.981, 0.968; 0.962, 0.962.
With what a page answers to beside its text as metadata (no excerpt shows it) weighed by
metaWeights (search.py OPTIONS): 0.981, 0.968; 0.962, 0.953. The issue's targets are 0.95 and
0.90 in each language.
"""

from __future__ import annotations

import pytest

from .. import search_judged

FLOORS = {  # language: (success@3, MRR@10)
    "it": (0.96, 0.94),  # measured 0.981, 0.968
    "en": (0.94, 0.93),  # measured 0.962, 0.953
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
