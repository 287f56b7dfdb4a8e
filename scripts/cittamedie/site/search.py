"""Search for the served site: the Pagefind index of the built pages, one per language.

The templates mark what Pagefind reads (overrides/main.html): `data-pagefind-body` around the
page's own text, its place in the menu as `section` meta, a good practice's theme, city and
programme (the catalogue's facets) as filters, and the other language's acronym of each glossary
term the page uses (FESR on an Italian page also answers to ERDF) and the other name of each city
it names (Torino also answers to Turin) as hidden indexed text. This
module hands the templates those marks and runs Pagefind once every language is built: Pagefind
splits the index by `<html lang>`, stems Italian and English, and the browser fetches only the
chunks a query needs (overrides/assets/javascripts/cittamedie-pagefind.js).

The offline copy cannot use Pagefind (it fetches its files, which file:// refuses): it keeps
Material's lunr search (exports/offline.py).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from ..content.languages import LANGUAGES, split_language
from ..content.messages import editor_language, in_language, say
from ..content.model import Site
from ..content.strings import t
from ..markup.terms import word_finder, words_in
from .navigation import section_path

# ---------------------------------------------------------------- Public functions


def index(site_dir: Path) -> dict:
    """Index the built site into site_dir/pagefind/; figures per language for the build log."""
    started = time.perf_counter()
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # chunks of an earlier build would stay forever
    pages = _pagefind(site_dir, bundle)
    for path in bundle.iterdir():  # Pagefind's ready-made interfaces: ours is the dialog
        if path.name not in KEEP and _language_of_file(path.name) not in LANGUAGES:
            path.unlink()
    if not pages:
        raise RuntimeError(say("Pagefind indexed no page in {folder}", folder=str(site_dir)))
    return {"pages": pages, "bytes": index_bytes(bundle), "seconds": time.perf_counter() - started}


def index_in_background(site_dir: Path) -> threading.Thread:
    """The same index, made while the preview (`make serve`) already serves the pages: a saved page
    is not held up by the indexer, and search answers a moment later."""
    thread = threading.Thread(target=_index_quietly, args=(site_dir,), name="pagefind", daemon=True)
    thread.start()
    return thread


def lunr_files(files) -> list:
    """Material's lunr search and our stemming patch of its worker, which the theme copies into
    every build: only the offline copy uses them."""
    return [file for file in files if file.src_uri.startswith(LUNR)]


def index_bytes(bundle: Path) -> dict[str, int]:
    """Bytes on disk of each language's index: word chunks, excerpts, filters, metadata, wasm."""
    sizes = dict.fromkeys(LANGUAGES, 0)
    for path in bundle.rglob("*"):
        lang = _language_of_file(path.name)
        if path.is_file() and lang in sizes:
            sizes[lang] += path.stat().st_size
    return sizes


def page_marks(site: Site, page, lang: str) -> dict:
    """What the template of a MkDocs page marks for Pagefind: section meta, filters, synonyms."""
    key, _ = split_language(page.file.src_uri)
    source = site.shown(key, lang)
    case = bool(source and source.kind == "good-practice")
    said = [page.meta.get("cm_synonyms", "")]  # site/pages.py, from the page's text
    if case:  # a case answers to its city's other name: Turin finds Torino's cases
        city = str(source.meta.get("city") or "")
        other = dict(place_names(site)).get(city)
        said.append(f"{city} ({other})" if other else "")
    return {
        "section": section_path(page),  # plain text: the template escapes it once
        "filters": facets(site, source.meta, lang) if case else [],
        "synonyms": ". ".join(part for part in said if part),
    }


def facets(site: Site, meta: dict, lang: str) -> list[tuple[str, str]]:
    """(filter, value) pairs of a good practice: the facets of the catalogue, in the page's language."""
    themes = {th["id"]: th["title"][lang] for th in site.items("themes")}
    programmes = {p["id"]: p["short"] for p in site.items("programmes")}
    pairs = [("theme", themes[x]) for x in meta.get("themes") or [] if x in themes]
    if meta.get("city"):
        pairs.append(("city", str(meta["city"])))
    if meta.get("programme") in programmes:
        pairs.append(("programme", programmes[meta["programme"]]))
    return pairs


@dataclass(frozen=True)
class Synonyms:
    """The glossary's acronyms that name one thing (FESR and ERDF), and one expression that finds
    any of them in a page's text (markup/terms.py): made once per build (BuildContext.synonyms), so
    a page costs its text's length, however long the glossary."""

    groups: tuple[tuple[str, ...], ...]  # acronyms of one meaning, two or more, in glossary order
    finder: re.Pattern | None

    @classmethod
    def of(cls, site: Site) -> Synonyms:
        groups = tuple(synonyms(site))
        return cls(groups, word_finder(abbr for group in groups for abbr in group))


def synonyms(site: Site) -> list[tuple[str, ...]]:
    """The acronyms of data/glossary.yml that name the same thing, group by group.

    Two terms name one thing when their English expansions are the same once a closing note in
    brackets is dropped: FESR "European Regional Development Fund (Italian acronym)" and ERDF
    "European Regional Development Fund"."""
    by_meaning: dict[str, list[str]] = defaultdict(list)
    for term in site.items("glossary"):
        english = str((term.get("expansion") or {}).get("en") or "").strip()
        if english.endswith(")") and "(" in english:  # a closing note: "(Italian acronym)"
            english = english[: english.rindex("(")]
        meaning = english.strip().casefold()
        if meaning:
            by_meaning[meaning].append(str(term["abbr"]))
    return [tuple(dict.fromkeys(group)) for group in by_meaning.values() if len(set(group)) > 1]


def place_names(site: Site) -> list[tuple[str, str]]:
    """(Italian, English) names of the cities of data/case-cities.yml that have an `english` one
    (Torino, Turin). A case's page carries its city's other name as hidden indexed text
    (page_marks), so that either name finds it in either language. Only the case's own city: the
    other name of every city a page mentions would make each page that names Torino in passing
    answer to Turin as much as Torino's cases (measured: the versions page came first)."""
    return [
        (str(city["name"]), str(city["english"]))
        for city in site.items("case-cities")
        if isinstance(city, dict)
        and city.get("english")
        and city.get("name")
        and str(city["english"]) != str(city["name"])
    ]


def synonym_text(found: Synonyms, text: str) -> str:
    """`FESR (ERDF)` for each group whose acronyms the page's text uses only in part: the used ones,
    then the others in brackets. At most the glossary's length, whatever the page."""
    used = words_in(found.finder, text)
    parts = []
    for group in found.groups:
        said = [abbr for abbr in group if abbr in used]
        missing = [abbr for abbr in group if abbr not in used]
        if said and missing:
            parts.append(f"{', '.join(said)} ({', '.join(missing)})")
    return ". ".join(parts)


def dialog(lang: str) -> dict:
    """What the search button and dialog show (partials/pagefind.html): the interface strings
    (strings.yml `search`) in lang, and the filters, each with its label."""
    return {name: t(f"search.{name}", lang) for name in _STRINGS} | {
        "filters_list": [(name, t(name, lang)) for name in FILTERS],
        "all": t("filter_all", lang),
        "options": json.dumps(OPTIONS, sort_keys=True),
    }


# ---------------------------------------------------------------- Helper functions


def _index_quietly(site_dir: Path) -> None:
    try:
        index(site_dir)
    except (
        OSError,
        RuntimeError,
        subprocess.SubprocessError,
    ) as exc:  # the next rebuild indexes again
        reason = exc.args[0] if isinstance(exc, RuntimeError) and exc.args else str(exc)
        lang = editor_language()
        said = say("preview: search index not made ({reason})", reason=reason)
        _log.warning("%s", in_language(said, lang))


def _pagefind(site_dir: Path, bundle: Path) -> dict[str, int]:
    """Run Pagefind's CLI (the binary of pagefind[bin]); pages indexed per language.

    Not its Python API: that one stops the binary as soon as it answers, and one run in about
    fifteen left pagefind-entry.json empty (tokio writes files in the background)."""
    binary = get_executable()
    if binary is None:
        raise RuntimeError(
            say("Pagefind's binary is missing: `make site` installs pagefind[bin] (pyproject.toml)")
        )
    command = [
        str(binary),
        "--site",
        str(site_dir),
        "--output-path",
        str(bundle),
        "--glob",
        GLOB,
        "--quiet",
    ]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(
            say(
                "Pagefind failed on {folder}:\n{output}",
                folder=str(site_dir),
                output=done.stdout + done.stderr,
            )
        )
    languages = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))["languages"]
    return {lang: info.get("page_count", 0) for lang, info in languages.items()}


def _language_of_file(name: str) -> str | None:
    """it for index/it_3f2a.pf_index, pagefind.it_9c1b.pf_meta, wasm.it.pagefind."""
    match = _LANGUAGE_FILE.match(name)
    return match[1] if match else None


# ---------------------------------------------------------------- Data

_log = logging.getLogger("mkdocs.plugins.cittamedie")

BUNDLE = "pagefind"  # the folder Pagefind writes into the site, JS included: nothing from elsewhere
KEEP = (
    "pagefind.js",
    "pagefind-entry.json",
    "index",
    "fragment",
    "filter",
)  # and each language's wasm, meta
LUNR = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
GLOB = "**/*.html"  # Pagefind's default; pages without data-pagefind-body (404) are left out
# What search leaves out, named here rather than marked with data-pagefind-ignore (a page's own
# HTML may carry neither those attributes nor these classes: allowlist.yml `content`, so a page
# can hide none of its text from search). Parts that repeat on many pages: document banners, PDF
# links, the catalogue's filters, the caption of a case's key facts. Text readers do not see, or
# see only when our script decides: words for screen readers only (cm-sr), the consultation's
# sentences, the comment links of paragraphs and the home page's events, shown or hidden by date
# (cittamedie.js).
# tests/unit/test_furniture.py checks that every element the parts may hide is among them.
EXCLUDE = (
    ".cm-banner",
    ".cm-pdf-link",
    ".cm-filter",
    ".cm-facts > caption",
    ".cm-sr",
    ".cm-consultation",
    ".cm-comment",
    ".cm-events",
    ".cm-no-events",
    ".cm-events-past-title",
)
FILTERS = ("theme", "city", "programme")
# Pagefind's options in the browser, handed to the dialog as data-options (partials/pagefind.html):
# cittamedie-pagefind.js searches with them, and so does the judged query set
# (tests/search_judged.py), which measures them. No Worker: one file less to fetch, and this index is
# small. The ranking, measured with scripts/search_quality.py on the judged queries (success@3,
# MRR@10): pageLength 0, so a page's length does not lower its rank, and a section's landing page
# and a long chapter are not beaten by short pages that repeat their words (the catalogue by the
# pages of one city; "tempi" by a case that says "temporanei"); termSaturation 2 (Pagefind's 1.4),
# so a page that says the words often (the programme page for "PON Metro", "Autorità di Gestione")
# keeps more of its lead. Figures (it, en: success@3, MRR@10): Pagefind's defaults 0.885, 0.875;
# 0.865, 0.868. These: 0.942, 0.917; 0.904, 0.879 (tests/browser/test_search_quality.py has the
# steps between). 52 queries a language: measure again as pages and queries are added.
OPTIONS = {
    "noWorker": True,
    "excerptLength": 24,
    "ranking": {"pageLength": 0.0, "termSaturation": 2.0},
}
_STRINGS = (
    "open",
    "title",
    "label",
    "close",
    "filters",
    "loading",
    "none",
    "one",
    "many",
    "more",
    "error",
    "shortcut",
)
_LANGUAGE_FILE = re.compile(r"^(?:pagefind\.|wasm\.)?([a-z]{2})[_.]")
