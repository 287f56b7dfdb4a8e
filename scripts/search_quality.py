"""Search relevance: the judged query set (tests/fixtures/search/queries.yml) through the real
Pagefind of the built site, in headless Chromium. Prints success@3 and MRR@10 per language and
every query whose answering page is not first (query, expected, what came first). Asserts nothing:
tests/browser/test_search_quality.py holds the floor.

    .venv/bin/python scripts/search_quality.py                  # builds the site into a temporary folder
    .venv/bin/python scripts/search_quality.py --site-dir site  # a site already built (make html)
    .venv/bin/python scripts/search_quality.py --site-dir site --try it "scadenza candidatura"
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests: the harness, the server, Chromium's arguments

from tests import search_judged  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one)")
    parser.add_argument("--queries", type=Path, default=search_judged.QUERIES)
    parser.add_argument(
        "--try", nargs=2, metavar=("LANG", "WORDS"), help="one query: its first results"
    )
    parser.add_argument(
        "--options",
        type=json.loads,
        default={},
        help='Pagefind options to try, as JSON: \'{"ranking": {"pageLength": 0.3}}\'',
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site_dir or build(Path(temporary) / "site")
        if getattr(args, "try"):
            lang, words = getattr(args, "try")
            queries = {lang: [search_judged.Judged(words, ())]}
        else:
            queries = search_judged.load(args.queries)
        scores = measure(site, queries, args.options)
    if getattr(args, "try"):
        for place, (url, title) in enumerate(scores[lang].answers[0].results, 1):
            print(f"{place:2} {url}  {title}")
    else:
        print(search_judged.report(scores))
    return 0


def build(site: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    return site


def measure(site: Path, queries, options: dict | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return search_judged.run(browser.new_page(), base, queries, options)
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
