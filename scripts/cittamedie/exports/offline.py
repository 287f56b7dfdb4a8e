"""The offline copy: the same site built for file:// browsing, zipped under site/offline/.

Directory URLs off; Material's search instead of Pagefind (which fetches its index, and file://
refuses fetches), with stemming of what is typed (workers/cittamedie-search.js) and one index per
language inlined as a script; Workers through the self-hosted iframe-worker shim; the PDFs copied
in so that the downloads page works, their sizes written in it (the served site's script reads them
from pdf/sizes.json, which file:// cannot fetch).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..content.config import CONFIG_FILE, read_config
from ..content.generated import OFFLINE_ZIP, PDF_DIR, PDF_SIZES
from ..content.messages import SOURCE, in_language, say
from ..history.git import Repository
from ..history.stamp import build_time

SHIM = "assets/javascripts/iframe-worker-shim.js"
FOLDER = "cittamedie-sud"  # the folder the zip unpacks to
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
SEARCH = {
    "search": {
        "pipeline": [
            "stemmer",
            "stopWordFilter",
            "trimmer",
        ],  # Italian and English stemming (lunr-languages)
        # apostrophes split Italian elisions: l'innovazione → l, innovazione
        "separator": r"""[\s\-,:!=\[\]()"/'’]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;""",
    }
}


def export(root: Path, site_dir: Path, lang: str = SOURCE) -> Path:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / FOLDER
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        config = load_config(
            config_file=str(root / CONFIG_FILE),
            site_dir=str(target),
            use_directory_urls=False,
            # a copy: MkDocs takes the plugins' settings out of the dicts it is given
            plugins=[
                copy.deepcopy(SEARCH),
                *(read_config(root / CONFIG_FILE).data.get("plugins") or []),
            ],
        )
        config.extra["offline"] = True
        sizes = site_dir / PDF_SIZES
        config.extra["pdf_sizes"] = json.loads(sizes.read_text("utf-8")) if sizes.is_file() else {}
        config.extra["polyfills"] = [SHIM]
        build(config)
        if (site_dir / PDF_DIR).is_dir():
            shutil.copytree(site_dir / PDF_DIR, target / PDF_DIR, dirs_exist_ok=True)
        archive = site_dir / OFFLINE_ZIP
        archive.parent.mkdir(parents=True, exist_ok=True)
        write_zip(archive, target, build_time(Repository(root)))
    said = say(
        "offline: {archive} {size:.1f} MB in {seconds:.1f} s",
        archive=str(archive),
        size=archive.stat().st_size / 1_048_576,
        seconds=time.perf_counter() - started,
    )
    print(in_language(said, lang))
    return archive


def write_zip(archive: Path, folder: Path, stamp: dt.datetime) -> None:
    """The folder's files, in the order of their names, each dated stamp (the build's time) with the
    same permissions: the zip's bytes depend on the files' bytes alone, not on when or where they
    were written."""
    when = max(stamp.timetuple()[:6], ZIP_EPOCH)  # a zip's dates start in 1980
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                entry = zipfile.ZipInfo(path.relative_to(folder.parent).as_posix(), when)
                entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                entry.compress_type = zipfile.ZIP_DEFLATED
                zipped.writestr(entry, path.read_bytes(), compresslevel=9)
