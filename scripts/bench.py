"""Benchmarks: print figures, assert nothing (timings on a shared machine are not test material).

    .venv/bin/python scripts/bench.py            # validation + site build vs stock config
    .venv/bin/python scripts/bench.py --pdf      # also the PDF export (about a minute on 2 cores)
    .venv/bin/python scripts/bench.py --files 4000
    .venv/bin/python scripts/bench.py --validation-only   # just the two validation figures

Figures: validation time for the real content and for a generated corpus of good practices
(it + en pairs, default 2,000 files), files per second; `mkdocs build` time with our mkdocs.yml and
with a stock one (Material + static-i18n only) on the same pages, and their ratio; pages and
search-index size per language; with --pdf, seconds and pages per second for each PDF.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from cittamedie.model import load_site, text_hash  # noqa: E402
from cittamedie.rules import run_all  # noqa: E402

STOCK_CONFIG = """site_name: stock
docs_dir: {docs}
theme: {{name: material, language: it}}
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
        - {{locale: it, default: true, name: Italiano, build: true}}
        - {{locale: en, name: English, build: true}}
markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc]
"""


def timed(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def validate(root: Path) -> int:
    site = load_site(root)
    run_all(site)
    return len(site.sources) + len(site.documents) + len(site.data)


def corpus(target: Path, files: int) -> Path:
    """A copy of the real repository's data and pages plus `files` generated case files."""
    for name in ("docs", "guidelines", "good-practices", "data"):
        shutil.copytree(ROOT / name, target / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")  # the validator renders with its settings
    template = (ROOT / "good-practices" / "ba-urbis.md").read_text("utf-8")
    english = (ROOT / "good-practices" / "ba-urbis.en.md").read_text("utf-8")
    body_it = template.split("\n---\n", 1)[1]
    for n in range(files // 2):
        case = f"bench-{n:05d}"
        (target / "good-practices" / f"{case}.md").write_text(template.replace("id: ba-urbis", f"id: {case}"), "utf-8")
        en = english.replace("id: ba-urbis", f"id: {case}")
        en = "\n".join(f"translated_from: {text_hash(body_it)}" if line.startswith("translated_from:") else line
                       for line in en.split("\n"))
        (target / "good-practices" / f"{case}.en.md").write_text(en, "utf-8")
    return target


def mkdocs_build(config: Path, site_dir: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
                   check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--validation-only", action="store_true")
    args = parser.parse_args()

    count = validate(ROOT)
    seconds = timed(lambda: validate(ROOT))
    print(f"validate, real content:      {count:5d} files  {seconds:6.2f} s  {count / seconds:7.0f} files/s")
    with tempfile.TemporaryDirectory() as tmp:
        root = corpus(Path(tmp) / "repo", args.files)
        count = validate(root)
        seconds = timed(lambda: validate(root))
        print(f"validate, generated corpus:  {count:5d} files  {seconds:6.2f} s  {count / seconds:7.0f} files/s")
    if args.validation_only:
        return

    with tempfile.TemporaryDirectory() as tmp:
        ours = mkdocs_build(ROOT / "mkdocs.yml", Path(tmp) / "ours")
        stock_config = Path(tmp) / "stock.yml"
        stock_config.write_text(STOCK_CONFIG.format(docs=ROOT / "docs"), "utf-8")
        stock = mkdocs_build(stock_config, Path(tmp) / "stock")
        print(f"mkdocs build, our config:    {ours:6.2f} s")
        print(f"mkdocs build, stock config:  {stock:6.2f} s  (Material + static-i18n only, same pages)")
        print(f"ratio ours / stock:          {ours / stock:6.2f}")
        site = Path(tmp) / "ours"
        for lang, prefix in (("it", ""), ("en", "en/")):
            pages = [p for p in (site / prefix).rglob("index.html")
                     if not p.relative_to(site / prefix).as_posix().startswith(("en/", "assets/"))]
            index = site / prefix / "search" / "search_index.json"
            docs = len(json.loads(index.read_text("utf-8"))["docs"])
            print(f"pages ({lang}):                  {len(pages):5d}    search index {index.stat().st_size / 1024:6.0f} kB, "
                  f"{docs} entries")
        if args.pdf:
            from cittamedie.pdf import export_all

            started = time.perf_counter()
            export_all(ROOT, site, jobs=2, force=True)
            print(f"pdf export, all documents:   {time.perf_counter() - started:6.1f} s (2 processes)")


if __name__ == "__main__":
    main()
