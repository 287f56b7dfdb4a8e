"""A fixture git repository with a document published twice: version 0.1 with chapters index,
capitolo and vecchio; version 0.2 with capitolo changed, nuovo added and vecchio removed; then a
third commit that records both versions in document.yml (as the lead does once a version is out)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from cittamedie.content.model import text_hash

from .conftest import FIXTURES, REPO, copy_tree

GUIDE = "guidelines/guida"
CHAPTERS = {  # name → (Italian title, Italian body, English title, English body) at each version
    "v1": {
        "capitolo": (
            "Capitolo capitolo",
            "## Obiettivi {#obiettivi}\n\nTesto del capitolo capitolo.\n\n"
            "Il programma finanzia servizi sociali nelle città medie del Sud.\n\n"
            "## Risorse {#risorse}\n\nLe risorse sono dieci milioni di euro.\n",
            "Chapter capitolo",
            "## Objectives {#obiettivi}\n\nText of chapter capitolo.\n\n"
            "The programme funds social services in the medium-sized cities of the South.\n\n"
            "## Resources {#risorse}\n\nThe resources are ten million euros.\n",
        ),
        "vecchio": (
            "Capitolo vecchio",
            "## Obiettivi {#obiettivi}\n\nQuesto capitolo sarà tolto.\n",
            "Old chapter",
            "## Objectives {#obiettivi}\n\nThis chapter will be removed.\n",
        ),
    },
    "v2": {
        "capitolo": (
            "Capitolo capitolo",
            "## Obiettivi {#obiettivi}\n\nTesto del capitolo capitolo.\n\n"
            "Il programma finanzia servizi sociali e abitativi nelle città medie del Mezzogiorno.\n\n"
            "## Risorse {#risorse}\n\nLe risorse sono dodici milioni di euro.\n",
            "Chapter capitolo",
            "## Objectives {#obiettivi}\n\nText of chapter capitolo.\n\n"
            "The programme funds social and housing services in the medium-sized cities of the "
            "Mezzogiorno.\n\n## Resources {#risorse}\n\nThe resources are twelve million euros.\n",
        ),
        "nuovo": (
            "Capitolo nuovo",
            "## Obiettivi {#obiettivi}\n\nUn capitolo aggiunto nella seconda versione.\n",
            "New chapter",
            "## Objectives {#obiettivi}\n\nA chapter added in the second version.\n",
        ),
    },
}
DOCUMENT = """id: guida
title: {{it: "Guida di prova", en: "Test guide"}}
status: bozza
version: "{version}"
updated: {updated}
pdf: guida
chapters: [{chapters}]
"""
VERSIONS = """versions:
  - version: "0.1"
    date: 2026-01-10
    status: bozza
    revision: {first}
    summary: {{it: "Prima versione.", en: "First version."}}
  - version: "0.2"
    date: 2026-02-01
    status: bozza
    revision: {second}
    summary: {{it: "Il capitolo rivisto, uno aggiunto, uno tolto.", en: "The chapter revised, one added, one removed."}}
"""


def git(tree: Path, *args: str, date: str = "") -> str:
    """git in the fixture repository; `date` (YYYY-MM-DD) dates a commit (a version's date is on
    or after its commit's: rules/versions.py)."""
    stamp = {"GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"}
    done = subprocess.run(
        ["git", "-C", str(tree), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **stamp} if date else None,
    )
    return done.stdout.strip()


def make_repo(base: Path) -> tuple[Path, str, str]:
    """The repository (with the project's mkdocs.yml, untracked) and the hashes of 0.1 and 0.2."""
    tree = copy_tree(FIXTURES / "valid", base / "repo")
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    git(tree, "init", "-q", "-b", "main")
    revisions = []
    for version, names, updated in (
        ("v1", ["index", "capitolo", "vecchio"], "2026-01-10"),
        ("v2", ["index", "capitolo", "nuovo"], "2026-02-01"),
    ):
        for name in {"vecchio", "nuovo"} - set(names):
            for suffix in ("", ".en"):
                (tree / GUIDE / f"{name}{suffix}.md").unlink(missing_ok=True)
        for name, texts in CHAPTERS[version].items():
            write_chapter(tree, name, *texts)
        document(tree, version="0.1" if version == "v1" else "0.2", updated=updated, chapters=names)
        git(tree, "add", "-A", "--", "docs", "guidelines", "good-practices", "data")
        git(tree, "commit", "-q", "-m", version, date=updated)
        revisions.append(git(tree, "rev-parse", "HEAD"))
    document(tree, versions=VERSIONS.format(first=revisions[0], second=revisions[1]))
    git(tree, "commit", "-q", "-am", "record versions 0.1 and 0.2", date="2026-02-01")
    return tree, revisions[0], revisions[1]


def document(
    tree: Path,
    version: str = "0.2",
    updated: str = "2026-02-01",
    chapters: tuple[str, ...] | list[str] = ("index", "capitolo", "nuovo"),
    versions: str = "",
) -> str:
    """Write the fixture's document.yml; returns its text."""
    text = (
        DOCUMENT.format(version=version, updated=updated, chapters=", ".join(chapters)) + versions
    )
    (tree / GUIDE / "document.yml").write_text(text, "utf-8")
    return text


def write_chapter(
    tree: Path, name: str, title_it: str, body_it: str, title_en: str, body_en: str
) -> None:
    source = '  - {title: "Fonte", url: "https://example.org/fonte"}\n'
    (tree / GUIDE / f"{name}.md").write_text(
        f"---\nid: guida-{name}\ntitle: {title_it}\nupdated: 2026-01-10\nsources:\n{source}---\n\n{body_it}",
        "utf-8",
    )
    (tree / GUIDE / f"{name}.en.md").write_text(
        f"---\nid: guida-{name}\ntitle: {title_en}\nupdated: 2026-01-10\ntranslated_from: {text_hash(body_it)}\n"
        f"sources:\n{source}---\n\n{body_en}",
        "utf-8",
    )
