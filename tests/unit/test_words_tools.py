"""The commands speak the editor's language (content/messages.py): the same mistake gives the
Italian line with --lang it and the English one with --lang en; the help too."""

from __future__ import annotations

import jinja2
import pytest

from cittamedie.__main__ import main
from cittamedie.content.messages import in_language
from cittamedie.content.problems import ContentError
from cittamedie.exports.fetcher import SiteFetcher
from cittamedie.site import theme
from cittamedie.tools import linkcheck
from cittamedie.tools.files import with_field
from cittamedie.tools.translations import describe, ending

from .test_theme_patches import MATERIAL, OVERRIDES


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "it",
            [
                "uso: cittamedie [-h] [--root ROOT] [--lang {it,en}]",
                "    validate            controlla tutti i file dei contenuti",
                "  -h, --help            mostra questo aiuto ed esci",
                "opzioni:",
            ],
        ),
        (
            "en",
            [
                "usage: cittamedie [-h] [--root ROOT] [--lang {it,en}]",
                "    validate            check every source file",
                "  -h, --help            show this help message and exit",
                "options:",
            ],
        ),
    ],
)
def test_the_help_is_in_the_language_asked(capsys, lang, lines):
    code, out = run(capsys, "--lang", lang, "--help")
    assert code == 0
    assert set(lines) <= set(out)


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "it",
            [
                "uso: cittamedie new [-h] --slug SLUG [--city CITY] [--document DOCUMENT]",
                "  --slug SLUG           il nome del file, per esempio co-city",
                "  --title TITLE         il titolo, nei due file (altrimenti TODO)",
                "argomenti:",
            ],
        ),
        (
            "en",
            [
                "usage: cittamedie new [-h] --slug SLUG [--city CITY] [--document DOCUMENT]",
                "  --slug SLUG           the file's name, e.g. co-city",
                "  --title TITLE         the title, in both files (else TODO)",
                "positional arguments:",
            ],
        ),
    ],
)
def test_a_commands_help_is_in_the_language_asked(capsys, lang, lines):
    code, out = run(capsys, "--lang", lang, "new", "--help")
    assert code == 0
    assert set(lines) <= set(out)


def test_no_docs_folder_is_said_in_italian_and_in_english(tmp_path, capsys):
    assert run(capsys, "--lang", "it", "--root", str(tmp_path), "validate") == (
        2,
        [
            f"ERRORE {tmp_path} non ha la cartella docs/",
            "SUGGERIMENTO esegui il comando dalla cartella del repository, oppure indica --root",
        ],
    )
    assert run(capsys, "--lang", "en", "--root", str(tmp_path), "validate") == (
        2,
        [
            f"ERROR {tmp_path} has no docs/ folder",
            "TIP run the command from the repository folder, or pass --root",
        ],
    )


def test_an_unknown_city_is_said_in_italian_and_in_english(valid_tree, capsys):
    args = ("--root", str(valid_tree), "new", "good-practice", "--city", "Matra", "--slug", "n")
    assert run(capsys, "--lang", "it", *args) == (
        2,
        [
            "ERRORE (command line): usage: `Matra` non è una città di data/cities.yml o di "
            "data/case-cities.yml — forse intendevi Matera? Altrimenti usa una di queste: Bari, "
            "Matera, Olbia; una città che non è nell'elenco va aggiunta prima in "
            "data/case-cities.yml, con la sua regione e un codice suo"
        ],
    )
    assert run(capsys, "--lang", "en", *args) == (
        2,
        [
            "ERROR (command line): usage: `Matra` is not a city of data/cities.yml or "
            "data/case-cities.yml — did you mean Matera? Otherwise use one of: Bari, Matera, "
            "Olbia; a city not listed goes in data/case-cities.yml first, with its region and a "
            "code of its own"
        ],
    )


def test_a_new_case_says_what_it_wrote_and_what_is_next_in_italian(valid_tree, capsys):
    args = ("--root", str(valid_tree), "new", "good-practice", "--city", "Olbia")
    assert run(capsys, "--lang", "it", *args, "--slug", "uno") == (
        0,
        [
            "scritto: good-practices/olb-uno.md",
            "scritto: good-practices/olb-uno.en.md",
            "poi: sostituisci ogni TODO; `make validate` elenca quelli rimasti",
        ],
    )
    assert run(capsys, "--lang", "en", *args, "--slug", "due") == (
        0,
        [
            "written: good-practices/olb-due.md",
            "written: good-practices/olb-due.en.md",
            "next: replace every TODO; `make validate` lists those left",
        ],
    )


def test_marking_an_italian_page_current_is_refused_in_italian_and_in_english(valid_tree, capsys):
    args = ("--root", str(valid_tree), "translations", "--mark-current", "docs/index.md")
    assert run(capsys, "--lang", "it", *args)[1] == [
        "ERRORE docs/index.md: usage: questa non è una pagina inglese del sito — indica il "
        "percorso di un file .en.md, per esempio good-practices/ba-urbis.en.md"
    ]
    assert run(capsys, "--lang", "en", *args)[1] == [
        "ERROR docs/index.md: usage: this is not an English page of the site — give the path "
        "of a .en.md file, e.g. good-practices/ba-urbis.en.md"
    ]


def test_the_next_steps_of_translations_are_said_in_italian():
    lines = ending([("missing", "docs/a.md", "docs/a.en.md")], set())
    assert [in_language(line, "it") for line in lines[:2]] == [
        "Pagine da sistemare: 1",
        "poi: scrivi docs/a.en.md: una copia di docs/a.md con le parole tradotte e i fatti "
        'invariati (oppure aggiungi `untranslated: "motivo"` all\'intestazione di docs/a.md), '
        "poi segna la traduzione come aggiornata:",
    ]
    assert lines[1] == (
        "next: write docs/a.en.md: a copy of docs/a.md with its words translated and its facts "
        'unchanged (or add `untranslated: "reason"` to the front matter of docs/a.md), then '
        "mark it current:"
    )
    assert [in_language(line, "it") for line in ending([], set())] == [
        "nulla da fare: tutte le traduzioni sono aggiornate"
    ]


def test_a_translation_whose_base_is_unknown_says_why_in_italian():
    class Unknown:
        base, reason = None, "no history"

    assert [in_language(line, "it") for line in describe(Unknown())] == [
        "sezioni non note: no history"
    ]


def test_a_field_written_twice_is_said_in_italian_and_in_english():
    raw = b"---\ntitle: A\nupdated: 2026-01-01\nupdated: 2026-01-02\n---\nText\n"
    _, problem = with_field(raw, "updated", "2026-02-02", "docs/a.en.md", "mark-current")
    assert problem.worded("it") == (
        "docs/a.en.md:4: mark-current: il file non è stato modificato: `updated` è scritto due "
        "volte — cancella una delle due righe, poi esegui di nuovo il comando"
    )
    assert problem.worded("en") == (
        "docs/a.en.md:4: mark-current: the file was not changed: `updated` is written twice "
        "— delete one of the two lines, then run the command again"
    )


def test_a_link_not_checked_and_the_count_are_said_in_italian_and_in_english():
    url = "ftp://example.org/x"  # not a web address: judged without the network
    uses = {url: [linkcheck.Use("docs/a.md", 7, "sources.0.url")]}
    found = linkcheck.problems(uses, {url: linkcheck.check(url)})
    assert found[0].worded("it") == (
        "docs/a.md:7: link: avviso: l'indirizzo `ftp://example.org/x` non è controllato: si "
        "controllano solo gli indirizzi http e https (sources.0.url) — cita un indirizzo https://"
    )
    assert found[0].worded("en") == (
        "docs/a.md:7: link: warning: the address `ftp://example.org/x` only http and https "
        "addresses are checked (sources.0.url) — cite an https:// address"
    )
    summary = linkcheck.summary(found, 3)
    assert in_language(summary, "it") == "Indirizzi controllati: 3; errori: 0, avvisi: 1."
    assert summary == "3 addresses checked: 0 error(s), 1 warning(s)."


def test_the_link_checks_options_are_refused_in_italian(valid_tree, capsys):
    assert run(capsys, "--lang", "it", "--root", str(valid_tree), "links", "--workers", "0") == (
        2,
        [
            "ERRORE --timeout deve essere maggiore di 0 e --workers tra 1 e 32",
            "SUGGERIMENTO per esempio --timeout 15 --workers 8",
        ],
    )


def test_the_pdf_export_without_a_built_site_is_said_in_italian_and_in_english(valid_tree, capsys):
    args = ("--root", str(valid_tree), "pdf", "--site-dir", str(valid_tree / "nosite"))
    manifest = valid_tree / "nosite" / "manifest.json"
    assert run(capsys, "--lang", "it", *args) == (
        2,
        [
            f"ERRORE manca {manifest}",
            "SUGGERIMENTO esegui prima `mkdocs build` (oppure `make site`)",
        ],
    )
    assert run(capsys, "--lang", "en", *args) == (
        2,
        [f"ERROR {manifest} is missing", "TIP run `mkdocs build` (or `make site`) first"],
    )


def test_what_the_pdf_may_not_read_is_said_in_italian(tmp_path):
    fetcher = SiteFetcher(tmp_path, tmp_path / "theme")
    said = fetcher.readable("https://example.org/a.png")
    assert said == "the PDF reads only files of the site, not `https://example.org/a.png`"
    assert in_language(said, "it") == (
        "il PDF legge solo file del sito, non `https://example.org/a.png`"
    )
    assert in_language(fetcher.readable("file:///nowhere/a.png"), "it") == (
        "`file:///nowhere/a.png` è fuori dal sito generato (porta a /nowhere/a.png)"
    )


def test_the_list_of_translations_is_said_in_italian_and_in_english(valid_tree, capsys):
    (valid_tree / "good-practices" / "matera-caso.en.md").unlink()
    args = ("--root", str(valid_tree), "translations")
    code, lines = run(capsys, "--lang", "it", *args)
    assert code == 1
    assert lines[:2] == [
        "mancante      good-practices/matera-caso.md → good-practices/matera-caso.en.md",
        "Pagine da sistemare: 1",
    ]
    code, lines = run(capsys, "--lang", "en", *args)
    assert lines[:2] == [
        "missing       good-practices/matera-caso.md → good-practices/matera-caso.en.md",
        "1 page(s) need attention",
    ]


def test_the_sections_changed_under_a_stale_translation_are_said_in_italian():
    class Base:
        revision, date, subject = "0123456789abcdef", "2026-01-10", "Testo"

    class Change:
        kind, id, title = "changed", "fonti", "Fonti"

    class Stale:
        base, changes = Base(), [Change()]

    lines = describe(Stale())
    assert [in_language(line, "it") for line in lines] == [
        "segue il testo italiano del commit 0123456789ab (2026-01-10, “Testo”); sezioni italiane "
        "cambiate da allora: 1",
        "cambiata #fonti  Fonti",
    ]
    assert lines == [
        "follows the Italian text of commit 0123456789ab (2026-01-10, “Testo”); Italian sections "
        "changed since: 1",
        "changed  #fonti  Fonti",
    ]


def test_a_patch_that_no_longer_applies_is_said_in_italian_and_in_english(monkeypatch):
    stale = theme.Patch("partials/toc.html", "why", "<nav class=missing>", "")
    monkeypatch.setitem(theme.PATCHES, "partials/toc.html", [stale])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(OVERRIDES), str(MATERIAL)]))
    with pytest.raises(ContentError) as raised:
        theme.patch(env).get_template("partials/toc.html")
    problem = raised.value.problems[0]
    assert problem.worded("it").split(": ", 2)[2] == (
        "nel modello partials/toc.html di Material le occorrenze di `<nav class=missing>` sono 0 "
        "invece di 1; la modifica serviva a: why — aggiorna "
        "cittamedie/site/material-patches.yml per questa versione di Material"
    )
    assert problem.worded("en").split(": ", 2)[2] == (
        "Material's partials/toc.html contains `<nav class=missing>` 0 time(s), not 1; the patch "
        "was for: why — update cittamedie/site/material-patches.yml for this Material version"
    )
