"""Two builds of one commit write the same bytes: pages, search index, calendar, sitemap and its
gzip copy, a document's PDFs and the offline zip. One build is the session's (conftest.built_site);
the other is made here. The PDFs of one document are exported in both (forced, past the cache), so
that the PDF writer's dates and identifiers are compared, not the cache's copy. What differs because
of an upstream tool is named in scripts/compare_builds.py (UPSTREAM) with its upstream issue."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO
from .conftest import ENV

sys.path.insert(0, str(REPO / "scripts"))
import compare_builds  # noqa: E402  (scripts/ is not a package)

CLI = [sys.executable, "-m", "cittamedie"]
DOCUMENT = "protocollo-intesa"  # the smallest document with versions: PDFs of both languages


def _finish(site: Path) -> None:
    """What `make site` adds after MkDocs: the PDFs (one document's here), the offline copy."""
    for command in (
        ["pdf", "--site-dir", str(site), "--force", "--only", DOCUMENT],
        ["offline", "--site-dir", str(site)],
    ):
        done = subprocess.run([*CLI, *command], cwd=REPO, capture_output=True, text=True, env=ENV)
        assert done.returncode == 0, done.stdout + done.stderr


def test_two_builds_of_one_commit_are_the_same_bytes(built_site, tmp_path):
    one = shutil.copytree(built_site, tmp_path / "one", symlinks=True)
    two = tmp_path / "two"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(two)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert built.returncode == 0, built.stderr
    for site in (one, two):
        _finish(site)
    found = compare_builds.compare(one, two)
    print(compare_builds.report(found))
    assert found.files > 200 and any(name.endswith(".pdf") for name in _names(one))
    assert any(name.endswith(".zip") for name in _names(one))
    assert not found.differences, compare_builds.report(found)
    # what upstream changes is Pagefind's filters and metadata only, never a page or a fragment
    assert all(name.startswith("pagefind/") for name in found.upstream)


def _names(site: Path) -> list[str]:
    return [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
