"""The judged query set (tests/fixtures/search/queries.yml) run through the built site's Pagefind,
in the page, as the search dialog runs it (cittamedie-pagefind.js: the same bundle, the same
options): success@3 and MRR@10 per language, and the misses.

Used by tests/browser/test_search_quality.py (a floor) and scripts/search_quality.py (the figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERIES = Path(__file__).resolve().parent / "fixtures" / "search" / "queries.yml"
DEPTH = 10  # results read per query: MRR@10
TOP = 3  # success@3
START = {"it": "/programma/", "en": "/en/programma/"}  # a page in each language: <html lang>

# In the page: Pagefind loaded as the dialog loads it (its bundle address, its options: search.py
# OPTIONS, in the dialog's data-options), each query searched as the dialog searches it (its find:
# all the words, or any of them when no page has them all), the first DEPTH results' addresses and
# titles, in the dialog's order.
RUN = """async ([queries, depth, extra]) => {
  const dialog = document.querySelector("dialog.cm-search");
  const bundle = new URL(dialog.dataset.bundle, document.baseURI).href;
  const pagefind = await import(bundle + "pagefind.js");
  const site = JSON.parse(dialog.dataset.options);  // extra's ranking adds to the site's
  const ranking = Object.assign({}, site.ranking, extra.ranking);
  await pagefind.options(Object.assign(site, extra, { ranking }));
  await pagefind.init();
  const answers = [];
  for (const words of queries) {
    const search = await window.cittamedieSearch.find(pagefind, words, {});
    const pages = await Promise.all(search.results.slice(0, depth).map(r => r.data()));
    answers.push(pages.map(p => [p.url, p.meta.title || ""]));
  }
  return answers;
}"""


@dataclass(frozen=True)
class Judged:
    """One query, the pages that answer it (site addresses, /en/ included), why."""

    words: str
    expected: tuple[str, ...]
    why: str = ""


@dataclass(frozen=True)
class Answer:
    judged: Judged
    results: tuple[tuple[str, str], ...]  # (address, title), Pagefind's order, at most DEPTH

    @property
    def rank(self) -> int | None:
        """1-based place of the first page that answers, within DEPTH; None if none does."""
        for place, (url, _) in enumerate(self.results, 1):
            if url in self.judged.expected:
                return place
        return None


@dataclass(frozen=True)
class Score:
    lang: str
    answers: tuple[Answer, ...]

    @property
    def success_at_3(self) -> float:
        found = [a for a in self.answers if a.rank is not None and a.rank <= TOP]
        return len(found) / len(self.answers)

    @property
    def mrr_at_10(self) -> float:
        return sum(1 / a.rank for a in self.answers if a.rank) / len(self.answers)

    @property
    def misses(self) -> list[Answer]:
        """Queries whose answer is not first."""
        return [a for a in self.answers if a.rank != 1]


def load(path: Path = QUERIES) -> dict[str, list[Judged]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return {
        lang: [Judged(str(q["q"]), tuple(q["expect"]), str(q.get("why", ""))) for q in data[lang]]
        for lang in ("it", "en")
    }


def address(url: str) -> str:
    """/linee-guida/processo/ for any of Pagefind's forms of it (origin, index.html, #anchor)."""
    path = urlsplit(url).path
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def run(page, base: str, queries: dict[str, list[Judged]], extra: dict | None = None) -> dict:
    """Every query of each language through Pagefind in a Playwright page of the served site;
    extra: Pagefind options to try over the site's (its ranking, say), for scripts/search_quality.py."""
    scores = {}
    for lang, judged in queries.items():
        page.goto(base + START[lang])
        found = page.evaluate(RUN, [[j.words for j in judged], DEPTH, extra or {}])
        answers = tuple(
            Answer(j, tuple((address(url), title) for url, title in results))
            for j, results in zip(judged, found, strict=True)
        )
        scores[lang] = Score(lang, answers)
    return scores


def report(scores: dict[str, Score]) -> str:
    """The figures per language, then each query whose answer is not first."""
    lines = []
    for lang, score in scores.items():
        lines.append(
            f"{lang}: {len(score.answers)} queries, success@{TOP} {score.success_at_3:.3f}, "
            f"MRR@{DEPTH} {score.mrr_at_10:.3f}"
        )
    for lang, score in scores.items():
        for answer in score.misses:
            first = answer.results[0] if answer.results else ("(nothing)", "")
            place = f"at {answer.rank}" if answer.rank else f"not in the first {DEPTH}"
            lines.append(
                f"  {lang} «{answer.judged.words}» → {', '.join(answer.judged.expected)} "
                f"{place}; first: {first[0]} ({first[1]})"
            )
    return "\n".join(lines)
