"""The content, Markdown and history layers speak the editor's language: the same mistake gives
the same report line in Italian (`--lang it`) and in English (`--lang en`), word for word; a
sentence made of sentences (a fix inside git's reason, a count after a repeated problem) is said
whole in each language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cittamedie.content.messages import in_language
from cittamedie.history.git import HistoryError, Repository
from cittamedie.history.git_words import NO_GIT, reason_and_fix
from cittamedie.markup.furniture_words import listed

from ..conftest import REPO


def _report(tree: Path, lang: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "cittamedie", "--root", str(tree), "--lang", lang, "validate"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "scripts")},
    )
    assert result.returncode == 1, result.stderr
    return result.stdout.splitlines()


def _edit(tree: Path, old: str, new: str, append: str = "") -> None:
    page = tree / "docs" / "index.md"
    text = page.read_text("utf-8")
    assert old in text
    page.write_text(text.replace(old, new) + append, "utf-8")


def test_yaml_and_file_names_in_italian_and_english(valid_tree):
    _edit(valid_tree, "updated: 2026-01-10\n", "updated: 2026-01-10\nupdated: 2026-01-11\n")
    (valid_tree / "docs" / "guida" / "nuova.fr.md").write_text("---\n", "utf-8")
    italian, english = _report(valid_tree, "it"), _report(valid_tree, "en")
    assert (
        "docs/index.md:5: yaml: il campo `updated` è scritto due volte (la prima alla riga 4) "
        "(updated) — tienine uno solo"
    ) in italian
    assert (
        "docs/index.md:5: yaml: the field `updated` is written twice (first on line 4) "
        "(updated) — keep one of the two"
    ) in english
    assert (
        "guidelines/guida/nuova.fr.md: language: `fr` non è una lingua di questo sito — il sito "
        "pubblica solo pagine in italiano (nome.md) e in inglese (nome.en.md)"
    ) in italian
    assert (
        "guidelines/guida/nuova.fr.md: language: `fr` is not a language of this site — only "
        "Italian (name.md) and English (name.en.md) pages are built"
    ) in english


def test_schema_errors_in_italian_and_english(valid_tree):
    _edit(valid_tree, "updated: 2026-01-10\n", "updated: 2026-02-30\ncolour: blu\n")
    italian, english = _report(valid_tree, "it"), _report(valid_tree, "en")
    assert (
        "docs/index.md:4: schema: `2026-02-30` non è una data vera (updated) — scrivi una data "
        "che esiste, nella forma AAAA-MM-GG (per esempio 2026-11-27)"
    ) in italian
    assert (
        "docs/index.md:4: schema: `2026-02-30` is not a real date (updated) — write a date that "
        "exists, as YYYY-MM-DD (e.g. 2026-11-27)"
    ) in english
    fields = "description, hide, id, review_by, sources, status, themes, title, translated_from"
    assert (
        "docs/index.md:5: schema: campo sconosciuto `colour` (colour) — controlla come è "
        f"scritto; i campi ammessi qui sono: {fields}, untranslated, updated"
    ) in italian
    assert (
        "docs/index.md:5: schema: unknown field `colour` (colour) — check the spelling; the "
        f"fields allowed here are: {fields}, untranslated, updated"
    ) in english


def test_markup_problems_in_italian_and_english(valid_tree):
    _edit(valid_tree, "## Benvenuti", "## Bene\u200bvenuti", "\n<script>alert(1)</script>\n")
    italian, english = _report(valid_tree, "it"), _report(valid_tree, "en")
    assert (
        "docs/index.md:9: furniture: il titolo “Bene[U+200B]venuti” contiene U+200B ZERO WIDTH "
        "SPACE, un carattere invisibile — cancellalo (riscrivi le parole intorno): i caratteri "
        "invisibili fanno sembrare uguali testi diversi, e cambiano l'ordine di ciò che chi legge "
        "vede"
    ) in italian
    assert (
        "docs/index.md:9: furniture: the heading “Bene[U+200B]venuti” contains U+200B ZERO WIDTH "
        "SPACE, an invisible character — delete it (retype the words around it): invisible "
        "characters make different texts look the same, and reorder what a reader sees"
    ) in english
    assert (
        "docs/index.md:13: unsafe-html: la pagina contiene un elemento <script>, che il sito non "
        "pubblica — toglilo: le pagine non possono eseguire script; chiedi a uno sviluppatore un "
        "elemento interattivo"
    ) in italian
    assert (
        "docs/index.md:13: unsafe-html: the page contains a <script> element, which the site "
        "does not publish — remove it: pages cannot run scripts; ask a developer for an "
        "interactive element"
    ) in english


def test_counted_shapes_keep_their_numbers_in_both_languages(valid_tree):
    long_line = "a" * 10_001 + "\n"
    _edit(valid_tree, "## Benvenuti", "## Benvenuti", "\n" + long_line + "\n" + long_line)
    italian, english = _report(valid_tree, "it"), _report(valid_tree, "en")
    assert (
        "docs/index.md:13: size: questa riga ha 10.001 caratteri, oltre 10.000 (e altre righe "
        "simili: 1) — dividila in paragrafi, oppure togli ciò che è stato incollato per errore"
    ) in italian
    assert (
        "docs/index.md:13: size: this line has 10,001 characters, over 10,000 (and 1 more lines "
        "like it) — break it into paragraphs, or remove what was pasted by mistake"
    ) in english


def test_a_list_of_signs_is_joined_in_the_editors_language():
    said = listed(["1 &", "2 [", "3 `"])
    assert said == "1 & and 2 [ and 3 `"
    assert in_language(said, "it") == "1 & e 2 [ e 3 `"


def test_gits_reason_and_fix_are_said_whole_and_apart(tmp_path):
    said = Repository(tmp_path).missing_revision("a" * 40)
    english = (
        f"revision {'a' * 40} cannot be read: this folder is not a git clone — build from a "
        "clone of the repository"
    )
    assert said == english  # as the English reports and the PDF export have always read it
    assert in_language(said, "it") == (
        f"la revisione {'a' * 40} non si riesce a leggere: questa cartella non è un clone git — "
        "genera il sito da un clone del repository"
    )
    reason, fix = reason_and_fix(said)
    assert (reason, fix) == tuple(english.split(" — "))
    assert in_language(fix, "it") == "genera il sito da un clone del repository"
    reason, fix = reason_and_fix(HistoryError(NO_GIT))
    assert in_language(reason, "it") == (
        "git non è installato, e la cronologia dei documenti si legge da git"
    )
    assert fix == "install git (apt-get install git)"
    assert reason_and_fix("a plain reason — a plain fix") == ("a plain reason", "a plain fix")
