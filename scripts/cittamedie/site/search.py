"""Search for the served site: the Pagefind index of the built pages, one per language.

The templates mark what Pagefind reads (overrides/main.html): `data-pagefind-body` around the
page's own text, its place in the menu as `section` meta, a good practice's theme, city and
programme (the catalogue's facets) as filters, and the other language's acronym of each glossary
term the page uses (FESR on an Italian page also answers to ERDF), the other name of a case's city
(Torino also answers to Turin), a translation's Italian title (the English
Memorandum answers to Protocollo di Intesa) as metadata that Pagefind searches and no excerpt
shows (weighed by OPTIONS' metaWeights; synonyms.py makes them). This
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
from pathlib import Path

from pagefind.service import get_executable

from ..content.languages import LANGUAGES, split_language
from ..content.messages import editor_language, in_language, say
from ..content.model import Site
from ..content.strings import t
from .navigation import section_name, section_path
from .synonyms import italian_title, place_names

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
        # names of the page its title does not say: the English site answers to "Protocollo di
        # Intesa" as the Italian one does; a section's landing page to the section's name in the
        # menu (navigation.section_name). Weighed as OPTIONS says (metaWeights `names`)
        "names": ". ".join(other_names(page, site, key, lang)),
    }


def other_names(page, site: Site, key: str, lang: str) -> list[str]:
    """The page's names that its own title does not say: its Italian title on a translation, the
    name of the section it opens."""
    title = page.title if isinstance(getattr(page, "title", None), str) else ""
    names = [italian_title(site, key, lang), section_name(page)]
    return list(dict.fromkeys(n for n in names if n and n.casefold() != title.casefold()))


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
# keeps more of its lead; termSimilarity 2.75 (Pagefind's 1), so a word found whole counts more
# than a longer word it begins (Pagefind finds "metro" in "Metropolitan", "tempi" in "temporanei"):
# the programme page comes first for "PON Metro" before the cases that say "Metropolitan Cities",
# and the Memorandum's page for "protocollo di intesa" before the timeline that says "protocolli".
# Measured from 0.5 to 4: both figures are best from 2.5 to 3, and 2.75 is the middle.
# metaWeights: what a page answers to beside its own words is metadata (overrides/main.html), not
# hidden text, so no excerpt shows it: `names` (a translation's Italian title, the name of the
# section a landing page opens) weighs 3.5, below the page's own title (Pagefind's 5); `also` (the
# other language's acronyms, the other spellings, a case's city's other name) 0.75. Measured:
# names 3 to 4 and also 0.5 to 1 are best; more `also` costs a query in each language.
# Figures (it, en: success@3, MRR@10): Pagefind's defaults 0.885, 0.875; 0.865, 0.868. pageLength
# and termSaturation: 0.942, 0.917; 0.904, 0.879 (tests/browser/test_search_quality.py has the
# steps between). With termSimilarity, the fallback to any word, the translations' Italian titles
# and the spellings, all as metadata: 0.981, 0.968; 0.962, 0.953. About 52 queries a language:
# measure again as pages and queries are added.
OPTIONS = {
    "noWorker": True,
    "excerptLength": 24,
    "ranking": {
        "pageLength": 0.0,
        "termSaturation": 2.0,
        "termSimilarity": 2.75,
        "metaWeights": {"title": 5.0, "names": 3.5, "also": 0.75},
    },
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
    "any_word",
    "found_in",
    "more",
    "error",
    "shortcut",
)
_LANGUAGE_FILE = re.compile(r"^(?:pagefind\.|wasm\.)?([a-z]{2})[_.]")
