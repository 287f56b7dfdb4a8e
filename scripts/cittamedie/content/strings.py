"""The interface strings (strings.yml: every sentence the site, the PDFs and the tools show, in
each language) and the formats of numbers, amounts and dates in each language."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache  # package data: the same for the life of the process
def _strings() -> dict:
    return yaml.safe_load((resources.files(__package__) / "strings.yml").read_text("utf-8"))


def t(key: str, lang: str, **values) -> str:
    node = _strings()
    for part in key.split("."):
        node = node[part]
    return node[lang].format(**values) if values else node[lang]


def euro(value, lang: str) -> str:
    if value is None:
        return t("unknown", lang)
    return t("amount_format", lang, amount=number(value, lang))


def number(value, lang: str) -> str:
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return (
        text.replace(",", "·")
        .replace(".", t("decimal_sign", lang))
        .replace("·", t("thousands_sign", lang))
    )


def date(value: str, lang: str) -> str:
    year, month, day = (int(x) for x in value.split("-"))
    return f"{day} {t('months', lang).split()[month - 1]} {year}"
