"""The catalogue's rule for the "Dati da verificare" notice (good-practices/index.md, "Da dove
vengono i numeri") matches the cases that carry it: every case of low reliability has it, no case
of high reliability has it, in both languages."""

from __future__ import annotations

import yaml

from ..conftest import REPO

NOTICE = {"": '!!! warning "Dati da verificare"', ".en": '!!! warning "Figures to be checked"'}


def _cases():
    for path in sorted((REPO / "good-practices").glob("*.md")):
        if path.stem.split(".")[0] == "index":
            continue
        text = path.read_text("utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1])
        yield path, meta["confidence"], text


def test_the_notice_follows_the_catalogue_rule():
    seen = {"low": 0, "medium": 0}
    for path, confidence, text in _cases():
        carries = NOTICE[path.suffixes[0] if len(path.suffixes) > 1 else ""] in text
        if confidence == "low":
            assert carries, path
        if confidence == "high":
            assert not carries, path
        if carries:
            seen[confidence] += 1
    assert seen["low"] >= 1


def test_the_rule_is_stated_in_both_languages():
    italian = (REPO / "good-practices" / "index.md").read_text("utf-8")
    english = (REPO / "good-practices" / "index.en.md").read_text("utf-8")
    assert "in ogni scheda con affidabilità bassa" in italian
    assert "on every case with low reliability" in english
