"""One English term for each thing (issue 19): the English pages' prose does not drift back to
the variants the content audit found. Source titles and addresses are left as published."""

from __future__ import annotations

import re

import pytest

from cittamedie.content.strings import euro

from ..conftest import REPO

VARIANTS = {
    r"\b[Tt]hird[- ][Ss]ector (?:bodies|organisations|organizations)\b": "Third Sector entities",
    r"\breserved to\b": "reserved for",
    r"\boperation form\b": "operation sheet",
    r"\bsupport path\b": "accompaniment path",
    r"€ ?\d": "EUR 1,234",
    r"\d (?:million |billion )?euros?\b": "EUR 1,234 / EUR 1.6 million",
}
ITALIAN_CITIES = (
    r"\b(?:in|of|the|In) (?:Torino|Milano|Napoli|Roma|Firenze|Genova|Venezia)\b(?! Social)"
)


def _english_prose():
    for path in sorted(
        [
            *REPO.glob("docs/*.en.md"),
            *REPO.glob("guidelines/*/*.en.md"),
            *REPO.glob("good-practices/*.en.md"),
        ]
    ):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if "title:" in line or "url:" in line:
                continue
            yield f"{path.relative_to(REPO)}:{number}", line


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_english_prose_uses_one_term(variant):
    found = [where for where, line in _english_prose() if re.search(variant, line)]
    assert not found, f"write {VARIANTS[variant]!r}: {found}"


def test_english_prose_names_cities_in_english():
    found = [where for where, line in _english_prose() if re.search(ITALIAN_CITIES, line)]
    assert not found, found


def test_an_amount_reads_as_the_prose_writes_it():
    assert euro(6600000, "en") == "EUR 6,600,000"
    assert euro(6600000, "it") == "€ 6.600.000"
    assert euro(1879999.99, "en") == "EUR 1,879,999.99"
