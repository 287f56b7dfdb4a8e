"""A fixture tree whose document is numbered and in consultation from 10 January to 10 February
2099: its chapter `capitolo` (the second) has a paragraph, a list, a table, a quote and an
admonition in both languages, numbered 2.1 to 2.5."""

from __future__ import annotations

from pathlib import Path

from .conftest import FIXTURES, copy_tree
from .versions_repo import GUIDE, write_chapter

NUMBERS = ["2.1", "2.2", "2.3", "2.4", "2.5"]
CHAPTER = (
    "Capitolo capitolo",
    "## Obiettivi {#obiettivi}\n\nIl programma finanzia servizi sociali nelle città medie.\n\n"
    "- una prima azione;\n- una seconda azione.\n\n## Risorse {#risorse}\n\n"
    "| Voce | Euro |\n|---|---|\n| Servizi | 1.000 |\n\n> Una citazione dell'avviso.\n\n"
    '!!! note "Nota"\n    Una nota sulle risorse.\n',
    "Chapter capitolo",
    "## Objectives {#obiettivi}\n\nThe programme funds social services in medium-sized cities.\n\n"
    "- a first action;\n- a second action.\n\n## Resources {#risorse}\n\n"
    "| Item | Euro |\n|---|---|\n| Services | 1,000 |\n\n> A quotation from the call.\n\n"
    '!!! note "Note"\n    A note on the resources.\n',
)
DOCUMENT = """id: guida
title: {it: "Guida di prova", en: "Test guide"}
status: in-consultazione
consultation:
  opens: 2099-01-10
  closes: 2099-02-10
  channel: {it: "posta elettronica a consultazione@example.org", en: "e-mail to consultazione@example.org"}
version: "0.1"
updated: 2026-01-10
numbering: true
pdf: guida
chapters: [index, capitolo]
"""


def numbered_tree(base: Path) -> Path:
    tree = copy_tree(FIXTURES / "valid", base / "repo")
    write_chapter(tree, "capitolo", *CHAPTER)
    (tree / GUIDE / "document.yml").write_text(DOCUMENT, "utf-8")
    return tree
