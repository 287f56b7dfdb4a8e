"""A fixture git repository for translation by section: a chapter with three sections translated,
marked current and committed, then one Italian section changed and committed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cittamedie.__main__ import main

CHAPTER = "guidelines/guida/capitolo"
ITALIAN = """---
id: guida-capitolo
title: Capitolo capitolo
updated: 2026-01-10
sources:
  - {title: "Fonte", url: "https://example.org/fonte"}
---

Una breve introduzione al capitolo.

## Obiettivi {#obiettivi}

Testo del capitolo capitolo.

## Risorse {#risorse}

Le risorse sono 10 milioni di euro.

## Tempi {#tempi}

Il percorso dura due anni.
"""
ENGLISH = """---
id: guida-capitolo
title: Chapter capitolo
updated: 2026-01-10
translated_from: 0000000000aa
sources:
  - {title: "Source", url: "https://example.org/fonte"}
---

A short introduction to the chapter.

## Objectives {#obiettivi}

Text of chapter capitolo.

## Resources {#risorse}

The resources are 10 million euros.

## Timing {#tempi}

The path lasts two years.
"""
CHANGED = (
    "Le risorse sono 10 milioni di euro.",
    "Le risorse sono 12 milioni di euro, in due tranche.",
)


def git(tree: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-C",
            str(tree),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def translated_repo(tree: Path, monkeypatch) -> dict[str, str]:
    """Make `tree` the repository described above; returns the two revisions (translated, changed)."""
    (tree / f"{CHAPTER}.md").write_text(ITALIAN, "utf-8")
    (tree / f"{CHAPTER}.en.md").write_text(ENGLISH, "utf-8")
    git(tree, "init", "-q", "-b", "main")
    git(tree, "add", "-A")
    git(tree, "commit", "-q", "-m", "Chapter in Italian, English draft")
    monkeypatch.chdir(
        tree
    )  # --mark-current takes the path as the editor types it, from the repository folder
    assert main(["--root", str(tree), "translations", "--mark-current", f"{CHAPTER}.en.md"]) == 0
    git(tree, "commit", "-q", "-am", "English chapter translated")
    translated = git(tree, "rev-parse", "HEAD")
    page = tree / f"{CHAPTER}.md"
    page.write_text(page.read_text("utf-8").replace(*CHANGED), "utf-8")
    git(tree, "commit", "-q", "-am", "Risorse: new figure")
    return {"translated": translated, "changed": git(tree, "rev-parse", "HEAD")}
