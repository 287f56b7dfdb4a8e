"""Benchmarks: print figures, assert nothing (timings on a shared machine are not test material).

    .venv/bin/python scripts/bench.py                       # validation + served-site build, 200 cases
    .venv/bin/python scripts/bench.py --cases 100 400 1000  # the scale table, ours against stock
    .venv/bin/python scripts/bench.py --cases 400 --no-stock
    .venv/bin/python scripts/bench.py --validation-only     # just the two validation figures
    .venv/bin/python scripts/bench.py --cases 0 --files 40 --lighthouse   # Lighthouse performance only
    .venv/bin/python scripts/bench.py --pdf                 # also the PDF export of the real content

Figures: validation time for the real content and for a generated corpus of good practices (it + en
pairs), files per second. Then, for each --cases N: a corpus of the real pages plus N generated cases
per language (copies of good-practices/ba-urbis), built twice into temporary folders:
- ours: the served-site build, the steps of `make html` (HTML_STEPS: validate, then MkDocs with our
  hooks, which also writes the search index), no PDFs and no offline zip;
- stock: Material + static-i18n with Material's search on the same pages (STOCK_CONFIG).
For each: wall time, peak memory (maximum resident set of the mkdocs process, and of its largest
child: the validator's worker processes, Pagefind),
pages, median page size, and the search index bytes per language (ours: pagefind/ per language,
or search/search_index.json; stock: its one index split by language).
With --lighthouse: Lighthouse mobile performance, CLS and the bytes of a first and a repeat visit
for every page type of the real site in both languages, served with gzip (a figure, not a test).
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
sys.path.insert(1, str(ROOT))  # tests.conftest: the gzip server the Lighthouse figures use

from cittamedie.content.load import load_site  # noqa: E402
from cittamedie.content.model import text_hash  # noqa: E402
from cittamedie.rules import run_all  # noqa: E402

BIN = Path(sys.executable).parent
# mkdocs, telling on exit its own peak memory (VmHWM: ru_maxrss would start from this script's
# size, which Linux carries over fork and exec) and its largest child's (the validator's workers,
# Pagefind's indexer)
MKDOCS = [
    sys.executable,
    "-c",
    "import atexit, resource, runpy, sys; atexit.register(lambda: print('peak-kb', "
    "[int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0], "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)); "
    "sys.argv[0] = 'mkdocs'; runpy.run_module('mkdocs', run_name='__main__')",
]
# The served-site build, as the Makefile's `html` target runs it ({root}: the repository, {site}: output)
HTML_STEPS = [
    [str(BIN / "cittamedie"), "--root", "{root}", "validate"],
    [*MKDOCS, "build", "--strict", "-q", "-f", "{root}/mkdocs.yml", "-d", "{site}"],
]
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
STOCK_STEPS = [[*MKDOCS, "build", "-q", "-f", "{root}/stock.yml", "-d", "{site}"]]
LANGUAGE_PREFIXES = {"it": "", "en": "en/"}
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")


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
    """A copy of the real repository's data and pages plus `files` generated case files (files/2
    cases in each language), with a mkdocs.yml that finds our theme and hooks from there. It is a
    clone sharing this repository's objects: the documents' versions are read from git history."""
    subprocess.run(
        ["git", "clone", "--quiet", "--shared", "--no-checkout", str(ROOT), str(target)], check=True
    )
    for name in ("docs", "guidelines", "good-practices", "data"):
        shutil.copytree(ROOT / name, target / name, symlinks=True)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")  # the validator renders with its settings
    for relative in ("scripts/cittamedie/site/overrides", "scripts/cittamedie/site/hooks.py"):
        config = config.replace(relative, str(ROOT / relative))
    (target / "mkdocs.yml").write_text(config, "utf-8")
    template = (ROOT / "good-practices" / "ba-urbis.md").read_text("utf-8")
    english = (ROOT / "good-practices" / "ba-urbis.en.md").read_text("utf-8")
    body_it = template.split("\n---\n", 1)[1]
    for n in range(files // 2):
        case = f"bench-{n:05d}"
        (target / "good-practices" / f"{case}.md").write_text(
            template.replace("id: ba-urbis", f"id: {case}"), "utf-8"
        )
        en = english.replace("id: ba-urbis", f"id: {case}")
        en = "\n".join(
            f"translated_from: {text_hash(body_it)}"
            if line.startswith("translated_from:")
            else line
            for line in en.split("\n")
        )
        (target / "good-practices" / f"{case}.en.md").write_text(en, "utf-8")
    return target


def run_steps(steps: list[list[str]], root: Path, site: Path) -> tuple[float, int, int]:
    """Wall seconds of all the steps; peak resident memory (kB) of the last (mkdocs) alone, and
    of its largest child."""
    started, own, child = time.perf_counter(), 0, 0
    for step in steps:
        command = [part.format(root=root, site=site) for part in step]
        process = subprocess.Popen(
            command, env=ENV, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            sys.exit(
                f"{' '.join(command)} failed ({process.returncode}):\n{errors.decode()[-3000:]}"
            )
        told = [
            line.split() for line in errors.decode().splitlines() if line.startswith("peak-kb ")
        ]
        own, child = (int(told[-1][1]), int(told[-1][2])) if told else (usage.ru_maxrss, 0)  # kB
    return time.perf_counter() - started, own, child  # of the last step: mkdocs


def page_sizes(site: Path) -> list[int]:
    return [
        p.stat().st_size
        for p in site.rglob("*.html")
        if not p.relative_to(site)
        .as_posix()
        .startswith(("assets/", "pdf/", "offline/", "pagefind/"))
    ]


def search_bytes(site: Path) -> dict[str, int]:
    """Bytes of the search index each language's reader may fetch."""
    bundle = site / "pagefind"
    if bundle.is_dir():
        from cittamedie.site import search

        return search.index_bytes(bundle)
    sizes = {}
    for lang, prefix in LANGUAGE_PREFIXES.items():
        own = site / prefix / "search" / "search_index.json"
        if lang == "it" or own.exists():
            sizes[lang] = own.stat().st_size if own.exists() else 0
    if (site / "en" / "search" / "search_index.json").exists():
        return sizes
    index = json.loads(
        (site / "search" / "search_index.json").read_text("utf-8")
    )  # stock: one for both
    for lang, prefix in LANGUAGE_PREFIXES.items():
        docs = [d for d in index["docs"] if d["location"].startswith("en/") == bool(prefix)]
        sizes[lang] = len(
            json.dumps({"config": index["config"], "docs": docs}, ensure_ascii=False).encode()
        )
    return sizes


def scale_row(name: str, seconds: float, own_kb: int, child_kb: int, site: Path) -> dict:
    sizes = page_sizes(site)
    search = search_bytes(site)
    row = {
        "build": name,
        "seconds": seconds,
        "peak_mb": own_kb / 1024,
        "child_mb": child_kb / 1024,
        "pages": len(sizes),
        "median_kb": statistics.median(sizes) / 1024,
        "search_kb": {k: v / 1024 for k, v in search.items()},
    }
    searched = "  ".join(f"{lang} {kb:8.0f}" for lang, kb in row["search_kb"].items())
    print(
        f"  {name:5}  {seconds:8.1f} s  mkdocs {row['peak_mb']:5.0f} MB (largest child {row['child_mb']:5.0f})  "
        f"{len(sizes):6d} pages  median {row['median_kb']:6.1f} kB  search kB: {searched}",
        flush=True,
    )
    return row


def scale(cases: int, stock: bool) -> list[dict]:
    print(f"N = {cases} cases per language", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = corpus(Path(tmp) / "repo", cases * 2)
        rows.append(
            scale_row("ours", *run_steps(HTML_STEPS, root, Path(tmp) / "ours"), Path(tmp) / "ours")
        )
        if stock:
            (root / "stock.yml").write_text(STOCK_CONFIG.format(docs=root / "docs"), "utf-8")
            rows.append(
                scale_row(
                    "stock", *run_steps(STOCK_STEPS, root, Path(tmp) / "stock"), Path(tmp) / "stock"
                )
            )
            print(
                f"  ours / stock: time {rows[0]['seconds'] / rows[1]['seconds']:.2f}, "
                f"memory {rows[0]['peak_mb'] / rows[1]['peak_mb']:.2f}",
                flush=True,
            )
    return rows


def lighthouse_figures(runs: int) -> None:
    """Lighthouse mobile performance of the real site served with gzip (tests.conftest.serve):
    score, CLS, bytes of a first visit (fonts included) and of a repeat visit (cache kept)."""
    from tests.browser.test_lighthouse import PAGE_TYPES
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve

    settings = {
        "chrome": CHROMIUM,
        "flags": ["--headless=new", *CHROMIUM_ARGS],
        "categories": ["performance"],
        "repeat": True,
    }
    print(
        "\n| page | lang | performance | CLS | first visit kB | repeat visit kB |\n|---|---|---:|---:|---:|---:|"
    )
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp)) as url:
        run_steps(HTML_STEPS[1:], ROOT, Path(tmp))
        for prefix in ("", "en/"):
            for path in PAGE_TYPES:
                found = [
                    json.loads(
                        subprocess.run(
                            [
                                "node",
                                str(ROOT / "scripts" / "lighthouse.mjs"),
                                json.dumps(settings),
                                f"{url}/{prefix}{path}",
                            ],
                            capture_output=True,
                            text=True,
                            check=True,
                            cwd=ROOT,
                        ).stdout
                    )[0]
                    for _ in range(runs)
                ]
                best = sorted(found, key=lambda r: r["scores"]["performance"])[len(found) // 2]
                print(
                    f"| /{path} | {prefix.rstrip('/') or 'it'} | {best['scores']['performance'] * 100:.0f} | "
                    f"{best['cls']:.3f} | {best['firstVisitBytes'] / 1024:.1f} | {best['repeatVisitBytes'] / 1024:.1f} |",
                    flush=True,
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cases",
        type=int,
        nargs="+",
        default=[200],
        help="cases per language (several: a table; 0: no build figures)",
    )
    parser.add_argument("--files", type=int, default=2000, help="files of the validation corpus")
    parser.add_argument("--no-stock", action="store_true", help="build only ours")
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--validation-only", action="store_true")
    parser.add_argument(
        "--lighthouse",
        type=int,
        nargs="?",
        const=1,
        default=0,
        metavar="RUNS",
        help="Lighthouse performance of every page type, both languages (median of RUNS)",
    )
    args = parser.parse_args()

    count = validate(ROOT)
    seconds = timed(lambda: validate(ROOT))
    print(
        f"validate, real content:      {count:5d} files  {seconds:6.2f} s  {count / seconds:7.0f} files/s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = corpus(Path(tmp) / "repo", args.files)
        count = validate(root)
        seconds = timed(lambda: validate(root))
        print(
            f"validate, generated corpus:  {count:5d} files  {seconds:6.2f} s  {count / seconds:7.0f} files/s",
            flush=True,
        )
    if args.validation_only:
        return

    table = [row | {"cases": n} for n in args.cases if n for row in scale(n, not args.no_stock)]
    if table:
        print(
            "\n| cases/lang | build | wall s | peak MB mkdocs | largest child | pages | median page kB | search kB it | search kB en |"
        )
        print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in table:
        print(
            f"| {row['cases']:,} | {row['build']} | {row['seconds']:.1f} | {row['peak_mb']:.0f} | {row['child_mb']:.0f} | {row['pages']:,} | "
            f"{row['median_kb']:.1f} | {row['search_kb'].get('it', 0):,.0f} | {row['search_kb'].get('en', 0):,.0f} |"
        )

    if args.lighthouse:
        lighthouse_figures(args.lighthouse)

    if args.pdf:
        from cittamedie.exports.pdf import export_all

        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            run_steps(HTML_STEPS, ROOT, site)
            started = time.perf_counter()
            export_all(ROOT, site, jobs=2, force=True)
            print(
                f"pdf export, all documents:   {time.perf_counter() - started:6.1f} s (2 processes)"
            )


if __name__ == "__main__":
    main()
