"""PDF export: each document of the build manifest, from the built HTML, through WeasyPrint
(PDF/UA-1), in parallel processes; no MkDocs, no content model.

One PDF per document per language, its earlier versions, the catalogue and the whole guide. A PDF
is rebuilt only when its composed HTML changed (cache in .cache/pdf/). The export also writes
pdf/sizes.json, each PDF's size as every language writes it: the downloads page shows them (its
script on the served site; the offline copy, built after the PDFs, has them in its HTML).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..content import identity
from ..content.config import CONFIG_FILE, read_config
from ..content.generated import PDF_DIR, PDF_SIZES
from ..content.languages import LANGUAGES
from ..content.messages import SOURCE, in_language, say
from ..content.messages import print_error as _error
from ..content.problems import ERROR, ContentError, Problem
from ..content.strings import number
from ..history.git import Repository
from ..history.git_words import reason_and_fix
from ..markup.render import Renderer
from .fetcher import SiteFetcher
from .manifest import MANIFEST
from .pdf_document import THEME_ASSETS, compose

LEFT_OUT = say("left out of the PDF")


def export_all(
    root: Path,
    site_dir: Path,
    jobs: int = 2,
    force: bool = False,
    only: list[str] | None = None,
    lang: str = SOURCE,
) -> int:
    manifest_file = site_dir / MANIFEST
    if not manifest_file.is_file():
        _error(
            lang,
            say("{file} is missing", file=str(manifest_file)),
            say("run `mkdocs build` (or `make site`) first"),
        )
        return 2
    manifest = json.loads(manifest_file.read_text("utf-8"))
    try:  # the publisher, from the block the site was built with
        who = identity.from_file(root / CONFIG_FILE)
    except ContentError as exc:
        _error(lang, exc.worded(lang))
        return 2
    cache = root / ".cache" / "pdf"
    cache.mkdir(parents=True, exist_ok=True)
    (site_dir / PDF_DIR).mkdir(exist_ok=True)
    documents = [
        version
        for doc in manifest["documents"]
        if not only or doc["pdf"] in only
        for version in (
            doc,
            *[dict(doc, **earlier, earlier=[]) for earlier in doc.get("earlier", [])],
        )
    ]
    git = Repository(root)
    revisions = {
        page["revision"] for doc in documents for page in doc["pages"] if "revision" in page
    }
    missing = sorted(revision for revision in revisions if not git.has_revision(revision))
    if missing:  # the earlier versions are read from git: say which revision, and the fix
        message, fix = reason_and_fix(git.missing_revision(missing[0]))
        _error(lang, message, fix)
        return 1
    tasks = [
        (doc, str(root), str(site_dir), manifest["site_url"], str(cache), force, who)
        for doc in documents
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(_export_one, tasks))
    refused: set[Problem] = set()
    for name, seconds, pages, size, rebuilt, problems in results:
        state = (
            say("{seconds:5.1f} s, {pages:3d} pages", seconds=seconds, pages=pages)
            if rebuilt
            else say("unchanged, from cache")
        )
        print(f"pdf: {name:28} {size / 1024:7.0f} kB  {in_language(state, lang)}")
        refused.update(problems)
    seconds = time.perf_counter() - started
    print(
        in_language(
            say("pdf: {count} PDFs in {seconds:.1f} s", count=len(results), seconds=seconds), lang
        )
    )
    write_sizes(site_dir)
    for problem in sorted(refused):  # `make validate` says these first; the PDFs leave them out
        print(problem.worded(lang), file=sys.stderr)
    return 1 if any(problem.severity == ERROR for problem in refused) else 0


def size_label(size: int, lang: str) -> str:
    """A PDF's size as the downloads page shows it in lang: 1.234 kB, 1,234 kB."""
    return f"{number(round(size / 1024), lang)} kB"


def write_sizes(site_dir: Path) -> dict[str, dict[str, str]]:
    """pdf/sizes.json: each PDF's site path → its size in each language."""
    sizes = {
        f"{PDF_DIR}/{path.name}": {
            lang: size_label(path.stat().st_size, lang) for lang in LANGUAGES
        }
        for path in sorted((site_dir / PDF_DIR).glob("*.pdf"))
    }
    (site_dir / PDF_SIZES).write_text(json.dumps(sizes, ensure_ascii=False, indent=1), "utf-8")
    return sizes


def _export_one(task) -> tuple[str, float, int, int, bool, list[Problem]]:
    doc, root, site_dir, site_url, cache, force, who = task
    root, site_dir, cache = Path(root), Path(site_dir), Path(cache)
    name = f"{doc['pdf']}-{doc['lang']}.pdf"
    earlier = (Repository(root), Renderer.from_config(read_config(root / CONFIG_FILE)))
    html, refused = compose(doc, site_dir, site_url, who, earlier)
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    cached, key_file = cache / name, cache / f"{name}.key"
    target = site_dir / PDF_DIR / name
    if not force and cached.is_file() and key_file.is_file() and key_file.read_text() == key:
        shutil.copyfile(cached, target)
        return name, 0.0, 0, target.stat().st_size, False, refused
    from weasyprint import HTML  # imported here: slow to import, and only the workers need it

    started = time.perf_counter()
    fetcher = SiteFetcher(site_dir, Path(str(THEME_ASSETS)))
    document = HTML(string=html, base_url=str(site_dir) + "/", url_fetcher=fetcher).render(
        pdf_variant="pdf/ua-1"
    )
    document.write_pdf(cached, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    if not fetcher.refused:  # else not kept: the next export says it again
        key_file.write_text(key)
    shutil.copyfile(cached, target)
    refused += [Problem(name, 0, "pdf", reason, LEFT_OUT) for reason in fetcher.refused]
    seconds, size = time.perf_counter() - started, target.stat().st_size
    return name, seconds, len(document.pages), size, True, refused
