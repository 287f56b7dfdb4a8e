"""The outcomes of a consultation on an earlier version (the fixture git repository of
tests/versions_repo.py, versions 0.1 and 0.2): linked from that version on the versions page, its
paragraph numbers those of 0.1, said so, and not linked to today's text, whose numbers may differ."""

from __future__ import annotations

from ..consultation_tree import answered_file
from ..versions_repo import GUIDE, make_repo
from .conftest import build, write_download_pages


def test_an_earlier_versions_outcomes(tmp_path):
    tree, _, _ = make_repo(tmp_path)
    (tree / GUIDE / "consultazione-0.1.yml").write_text(answered_file("0.1", "3.1", "2.3"), "utf-8")
    write_download_pages(tree)
    result = build(tree)
    assert result.returncode == 0, result.stderr
    site = tree / "site"
    versions = (site / "guida/versioni/index.html").read_text("utf-8")
    assert (
        '<a href="../../esiti-consultazione/guida-0-1/">Esiti della consultazione sulla versione '
        "0.1</a>"
    ) in versions
    assert "Esiti della consultazione sulla versione 0.2" not in versions
    page = (site / "esiti-consultazione/guida-0-1/index.html").read_text("utf-8")
    assert "I numeri dei paragrafi sono quelli della versione 0.1" in page
    assert '<h2 id="esito-p3-1">Paragrafo 3.1</h2>' in page
    assert "Leggi il paragrafo" not in page  # 3.1 was the removed chapter: no link to today's
    english = (site / "en/guida/versioni/index.html").read_text("utf-8")
    assert "Consultation outcomes for version 0.1</a>" in english
