"""What makes two builds of one commit write the same bytes: one time for everything that records
one (history/stamp.py), and files written without the clock's or the disk's say (the offline zip,
the sitemap's gzip copy). The whole site built twice is compared in tests/site/test_reproducible.py."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from cittamedie.content.load import load_site
from cittamedie.exports.offline import write_zip
from cittamedie.exports.sitemap import write_sitemap
from cittamedie.history.git import Repository
from cittamedie.history.stamp import VARIABLE, build_time

from ..conftest import REPO

STAMP = dt.datetime(2026, 3, 4, 5, 6, 8, tzinfo=dt.UTC)  # even: a zip dates to two seconds


def _commit(tree: Path, when: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", "-C", str(tree), *args], check=True, env=env, capture_output=True)


def test_the_build_time_is_the_commit_s_then_source_date_epoch_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    (tmp_path / "a.txt").write_text("a", "utf-8")
    _commit(tmp_path, "2024-05-06T07:08:09+02:00")
    assert build_time(Repository(tmp_path)) == dt.datetime(2024, 5, 6, 5, 8, 9, tzinfo=dt.UTC)
    monkeypatch.setenv(VARIABLE, "1700000000")
    assert build_time(Repository(tmp_path)) == dt.datetime.fromtimestamp(1700000000, dt.UTC)


def test_outside_git_the_build_time_is_now(tmp_path, monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert before <= build_time(Repository(tmp_path)) <= dt.datetime.now(dt.UTC)


def test_the_offline_zip_depends_on_the_files_bytes_alone(tmp_path):
    folder = tmp_path / "copy" / "cittamedie-sud"
    (folder / "b").mkdir(parents=True)
    (folder / "index.html").write_text("<p>ciao</p>", "utf-8")
    (folder / "b" / "page.html").write_text("<p>pagina</p>", "utf-8")
    write_zip(tmp_path / "one.zip", folder, STAMP)
    os.utime(folder / "index.html", (0, 1_000_000_000))  # written at another time,
    (folder / "b" / "page.html").chmod(0o600)  # with another umask
    write_zip(tmp_path / "two.zip", folder, STAMP)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as zipped:
        assert zipped.namelist() == ["cittamedie-sud/b/page.html", "cittamedie-sud/index.html"]
        assert {entry.date_time for entry in zipped.infolist()} == {(2026, 3, 4, 5, 6, 8)}
        assert zipped.read("cittamedie-sud/index.html") == b"<p>ciao</p>"
    write_zip(
        tmp_path / "old.zip", folder, dt.datetime.fromtimestamp(0, dt.UTC)
    )  # SOURCE_DATE_EPOCH=0
    with zipfile.ZipFile(tmp_path / "old.zip") as zipped:
        assert {entry.date_time for entry in zipped.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_sitemap_s_gzip_copy_carries_the_build_time(valid_tree, tmp_path):
    site = load_site(valid_tree, valid_tree / "docs", True)
    written = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        write_sitemap(site, "https://cittamedie.example.org/", tmp_path / name, STAMP)
        written.append((tmp_path / name / "sitemap.xml.gz").read_bytes())
    assert written[0] == written[1]
    assert int.from_bytes(written[0][4:8], "little") == int(STAMP.timestamp())  # RFC 1952 MTIME
    assert gzip.decompress(written[0]) == (tmp_path / "one" / "sitemap.xml").read_bytes()


def test_compare_builds_names_each_difference_and_sets_pagefind_s_apart(tmp_path, capsys):
    sys.path.insert(0, str(REPO / "scripts"))
    import compare_builds

    one, two = tmp_path / "one", tmp_path / "two"
    for site, page, filter_name in ((one, "a", "it_1.pf_filter"), (two, "b", "it_2.pf_filter")):
        (site / "pagefind" / "filter").mkdir(parents=True)
        (site / "pagefind" / "filter" / filter_name).write_bytes(b"x")
        (site / "same.html").write_text("same", "utf-8")
        (site / "page.html").write_text(page, "utf-8")
        folder = site / "zip" / "copy"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(page, "utf-8")
        write_zip(site / "offline.zip", folder, STAMP)
    assert compare_builds.main([str(one), str(two)]) == 1
    printed = capsys.readouterr().out
    assert printed.startswith("4 files, ")  # in both builds: each filter file is in one only
    assert "page.html: 1 and 1 bytes differ" in printed
    assert "offline.zip:" in printed and "copy/index.html: contents differ" in printed
    assert "upstream: pagefind/filter/it_1.pf_filter (https://github.com/Pagefind" in printed
    assert "2 upstream" in printed and "3 differences of ours" in printed
