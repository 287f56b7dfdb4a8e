"""The validator's rules speak the editor's language: the same mistakes give the same lines in
Italian (`--lang it`) and in English (`--lang en`), with what the editor wrote left as written,
and the sentences inside sentences (a suggestion, how two names differ, "with no default") said in
the same language (content/messages.py, locale/it/rules.po)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cittamedie.__main__ import main
from cittamedie.content.messages import in_language, say
from cittamedie.content.suggest import did_you_mean


def _report(tree: Path, lang: str, capsys) -> list[str]:
    code = main(["--root", str(tree), "--lang", lang, "validate"])
    out = capsys.readouterr().out
    assert code == 1
    return out.splitlines()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def pages_with_mistakes(valid_tree: Path) -> Path:
    """Links, ids, dates, TODOs, taxonomies and the region of a case, each wrong once."""
    index, case = valid_tree / "docs" / "index.md", valid_tree / "good-practices" / "matera-caso.md"
    _edit(index, "capitolo.md#obiettivi", "capitolo.md#obiettiv")
    _edit(index, "updated: 2026-01-10", "updated: 2099-01-10")
    _edit(index, "l'AdG.", "l'AdG.\n\n## Senza id\n\nTODO\n")
    english = valid_tree / "docs" / "index.en.md"
    english.write_text(english.read_text("utf-8") + "\n## No id\n\nTODO\n", "utf-8")
    _edit(case, "themes: [poverta]", "themes: [povrta]")
    _edit(case, "region: Basilicata", "region: Puglia")
    return valid_tree


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "it",
            [
                "docs/index.md:11: anchor: `#obiettiv` non è una sezione di "
                "guidelines/guida/capitolo.md — forse intendevi `#obiettivi`? Altrimenti usa uno "
                "degli {#id} scritti nei titoli di sezione di quella pagina",
                "docs/index.md:13: heading-id: il titolo di sezione “Senza id” non ha un id esplicito — "
                "termina la riga con {#senza-id}, lo stesso id in entrambe le lingue",
                "docs/index.md:4: date: la data di aggiornamento 2099-01-10 è nel futuro (updated) "
                "— scrivi la data della modifica, non una successiva",
                "docs/index.md:15: todo: c'è ancora un TODO da compilare, nella sezione "
                "#benvenuti — sostituisci TODO con il testo vero, qui e alla riga 16 di "
                "docs/index.en.md",
                "good-practices/matera-caso.md:13: taxonomy: `povrta` non è un tema (themes) — "
                "forse intendevi `poverta` (Povertà)? Altrimenti usa uno di questi: "
                "inclusione-attiva, poverta",
                "good-practices/matera-caso.md:6: data: Matera è in Basilicata, non in `Puglia` "
                "(region) — scrivi region: Basilicata",
                "docs/index.en.md:5: stale-translation: avviso: la pagina italiana docs/index.md è "
                "cambiata dopo questa traduzione (translated_from) — controlla la traduzione, poi "
                "esegui `cittamedie translations --mark-current docs/index.en.md`",
            ],
        ),
        (
            "en",
            [
                "docs/index.md:11: anchor: `#obiettiv` is not a section of "
                "guidelines/guida/capitolo.md — did you mean `#obiettivi`? Otherwise use one of "
                "the {#id} written on that page's headings",
                "docs/index.md:13: heading-id: the heading “Senza id” has no explicit id — end the "
                "line with {#senza-id}, the same id in both languages",
                "docs/index.md:4: date: the update date 2099-01-10 is in the future (updated) — "
                "write the date of the change, not a later one",
                "docs/index.md:15: todo: a TODO is still to be filled in, in the section "
                "#benvenuti — replace TODO with the real text, here and on line 16 of "
                "docs/index.en.md",
                "good-practices/matera-caso.md:13: taxonomy: `povrta` is not a theme (themes) — "
                "did you mean `poverta` (Povertà)? Otherwise use one of: inclusione-attiva, "
                "poverta",
                "good-practices/matera-caso.md:6: data: Matera is in Basilicata, not in `Puglia` "
                "(region) — write region: Basilicata",
                "docs/index.en.md:5: stale-translation: warning: the Italian page docs/index.md "
                "changed after this translation (translated_from) — check the translation, then "
                "run `cittamedie translations --mark-current docs/index.en.md`",
            ],
        ),
    ],
)
def test_the_pages_mistakes_in_the_editors_language(pages_with_mistakes, capsys, lang, expected):
    lines = _report(pages_with_mistakes, lang, capsys)
    for line in expected:
        assert line in lines


@pytest.fixture
def data_with_mistakes(valid_tree: Path) -> Path:
    """A city listed twice, spelt in capitals with Matera's code; a chapter without its file; the
    i18n plugin without a default language."""
    _edit(
        valid_tree / "data" / "case-cities.yml",
        "region: Puglia}",
        'region: Puglia}\n  - {id: matera-bis, code: mt, name: "MATERA", region: Basilicata}',
    )
    _edit(
        valid_tree / "guidelines" / "guida" / "document.yml",
        "[index, capitolo]",
        "[index, capitolo, manca]",
    )
    _edit(valid_tree / "mkdocs.yml", "          default: true\n", "")
    return valid_tree


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "it",
            [
                "data/case-cities.yml:5: data: il codice `mt` è già di Matera (data/cities.yml, "
                "riga 4) (cities.1.code) — dai a ogni città un codice suo, di due o tre lettere "
                "minuscole non usato da un'altra città: è l'inizio dei nomi dei file dei casi "
                "della città",
                "data/case-cities.yml:5: name: la città `MATERA` e `Matera` (data/cities.yml, "
                "riga 4) avrebbero una sola pagina, buone-pratiche/citta/matera/: differiscono solo per le "
                "maiuscole (cities.1.name) — elenca ogni città una volta sola, scritta in un "
                "solo modo: togli questa voce, oppure riscrivi il suo nome se è un'altra città",
                "guidelines/guida/document.yml:7: document: il capitolo `manca` non ha un file "
                "(chapters) — aggiungi guidelines/guida/manca.md oppure toglilo da chapters",
            ],
        ),
        (
            "en",
            [
                "data/case-cities.yml:5: data: the code `mt` is Matera's already "
                "(data/cities.yml, line 4) (cities.1.code) — give each city a code of its own, "
                "two or three lowercase letters not used by another city: it starts the file "
                "names of the city's cases",
                "data/case-cities.yml:5: name: the city `MATERA` and `Matera` (data/cities.yml, "
                "line 4) would have one page, buone-pratiche/citta/matera/: they differ only in capitals "
                "(cities.1.name) — list each city once, spelt one way: remove this entry, or type "
                "its name again if it is another city",
                "guidelines/guida/document.yml:7: document: the chapter `manca` has no file "
                "(chapters) — add guidelines/guida/manca.md or remove it from chapters",
            ],
        ),
    ],
)
def test_the_data_mistakes_in_the_editors_language(data_with_mistakes, capsys, lang, expected):
    lines = _report(data_with_mistakes, lang, capsys)
    for line in expected:
        assert line in lines
    # mkdocs.yml is the project's: the line of its plugins may move
    config = [line.split(": config: ", 1)[1] for line in lines if line.startswith("mkdocs.yml:")]
    assert config == [
        {
            "it": "le lingue del plugin i18n sono it, en, senza una lingua predefinita "
            "(plugins.i18n.languages) — elenca it, en in quest'ordine, it con `default: true`; "
            "una nuova lingua va aggiunta anche a LANGUAGES del pacchetto "
            "(scripts/cittamedie/content/languages.py)",
            "en": "the i18n plugin's languages are it, en, with no default "
            "(plugins.i18n.languages) — list it, en in this order, it with `default: true`; a new "
            "language also needs the package's LANGUAGES (scripts/cittamedie/content/languages.py)",
        }[lang]
    ]


def test_a_suggestion_of_several_names_is_said_whole_in_italian():
    suggestion = did_you_mean(["`a`", "`b`", "`c`"], say("rename this page"))
    assert suggestion == "did you mean `a`, `b` or `c`? Otherwise rename this page"
    assert in_language(suggestion, "it") == (
        "forse intendevi `a`, `b` o `c`? Altrimenti rinomina questa pagina"
    )
