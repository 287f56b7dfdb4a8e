"""Every built page is valid HTML: zero errors from the Nu Html Checker (npm vnu-jar, run with java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import pytest

from ..conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_has_zero_nu_html_checker_errors(built_site):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail(
            "the Nu Html Checker needs node_modules/vnu-jar (`make test` runs npm ci) and java"
        )
    pages = sorted(str(p) for p in built_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 80
    result = subprocess.run(
        ["java", "-Xss16m", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    kinds = Counter(m["message"] for m in errors)
    first = {
        m["message"]: (m.get("url", "").removeprefix(built_site.as_uri()), m.get("extract", ""))
        for m in errors
    }
    assert not errors, [
        (count, message, first[message]) for message, count in kinds.most_common(10)
    ]
