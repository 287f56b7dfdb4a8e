"""Lighthouse (npm, 12.x) on every page type in both languages, served with gzip: accessibility,
best practices and SEO score 100. Performance is a benchmark figure, not a test
(scripts/bench.py --lighthouse)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from ..conftest import CHROMIUM, CHROMIUM_ARGS, REPO

RUNNER = REPO / "scripts" / "lighthouse.mjs"
CATEGORIES = ["accessibility", "best-practices", "seo"]
# home, programme, path, cities, a chapter, the catalogue, a case, a theme index, glossary, 404
PAGE_TYPES = [
    "",
    "programma/",
    "percorso/",
    "citta/",
    "linee-guida/aree-tematiche/",
    "buone-pratiche/",
    "buone-pratiche/ba-urbis/",
    "buone-pratiche/tema/poverta/",
    "glossario/",
    "404.html",
]


def lighthouse(
    urls: list[str], categories: list[str], options: dict | None = None, repeat: bool = False
) -> list[dict]:
    """Run scripts/lighthouse.mjs on these URLs with one Chromium; its JSON results."""
    if not (REPO / "node_modules" / "lighthouse").is_dir() or not shutil.which("node"):
        pytest.fail("Lighthouse is needed: `make test` installs it (npm ci)")
    settings = {
        "chrome": CHROMIUM,
        "flags": ["--headless=new", *CHROMIUM_ARGS],
        "categories": categories,
        "repeat": repeat,
        "options": options or {},
    }
    result = subprocess.run(
        ["node", str(RUNNER), json.dumps(settings), *urls],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def audits(compressed_server) -> dict[str, dict]:
    """One Lighthouse run per page type and language. These categories do not depend on speed:
    half-second quiet windows instead of Lighthouse's 1 s (5.25 s without simulated throttling)."""
    urls = [f"{compressed_server}/{prefix}{path}" for prefix in ("", "en/") for path in PAGE_TYPES]
    options = {
        "disableFullPageScreenshot": True,
        "pauseAfterFcpMs": 0,
        "pauseAfterLoadMs": 500,
        "networkQuietThresholdMs": 500,
        "cpuQuietThresholdMs": 500,
    }
    results = lighthouse(urls, CATEGORIES, options)
    return {r["url"].removeprefix(compressed_server + "/"): r for r in results}


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_accessibility_best_practices_and_seo_score_100(audits, prefix, path):
    result = audits[prefix + path]
    assert result["scores"] == dict.fromkeys(CATEGORIES, 1), (
        prefix + path,
        result["scores"],
        result["failing"],
    )
