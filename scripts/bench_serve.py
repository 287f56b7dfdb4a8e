"""Save-to-served benchmark: seconds from saving a page to `mkdocs serve` serving it, ours against stock.

    .venv/bin/python scripts/bench_serve.py                # 5 saves per language page, both builds
    .venv/bin/python scripts/bench_serve.py --runs 10 --no-stock --no-watch-checks

Each build serves a temporary copy of the repository: a `git clone --shared` (the documents' versions
are read from its history) with this working tree's docs/, guidelines/, good-practices/ and data/
copied over it (symlinks kept; git-ignored pages, which our build generates, left out):
- ours: the repository's mkdocs.yml, with this working tree's hooks and overrides, as `make serve`
  runs it (CITTAMEDIE_PREVIEW: the search index made in the background);
- stock: Material + static-i18n + Material's search on the same pages (STOCK_CONFIG of bench.py).
Both are served at once by `.venv/bin/mkdocs serve` (livereload on, as an editor runs it) and their
saves alternate, so that a busy machine slows both alike. Each run appends a unique sentence to
docs/programma.md, then to docs/programma.en.md, and polls the page every 20 ms until it is served.
Printed: median, min, max seconds per build and page; builds per save (serve's log: our build writes
pages into docs/, which serve watches); CPU seconds per save of serve and its children (steadier
than wall time on a busy machine).
Watch checks (ours): saves in guidelines/ and good-practices/ (reached through docs/ symlinks) and in
data/events.yml (outside docs/): is the served page updated, and when?
Imports nothing of ours (shells out only); kills each serve's process group on exit or error.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
COPIED = ("docs", "guidelines", "good-practices", "data")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
PREVIEW = {"CITTAMEDIE_PREVIEW": "true"}  # as `make serve` runs ours (mkdocs.yml, extra.preview)
EDITS = [("it", "docs/programma.md", "programma/"), ("en", "docs/programma.en.md", "en/programma/")]
POLL, TIMEOUT = 0.02, 120.0


def stock_config() -> str:
    """bench.py's STOCK_CONFIG, read from its source (importing bench.py imports our package)."""
    for node in ast.parse((ROOT / "scripts" / "bench.py").read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "STOCK_CONFIG":
            return ast.literal_eval(node.value)
    raise SystemExit("STOCK_CONFIG not found in scripts/bench.py")


def copy_repository(target: Path, stock: bool) -> Path:
    """The clone with this working tree's content over it; returns the config file to serve."""
    subprocess.run(["git", "clone", "--quiet", "--shared", str(ROOT), str(target)], check=True)
    listed = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "ls-files",
            "-z",
            "-o",
            "-i",
            "--exclude-standard",
            "--directory",
            "--",
            *COPIED,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ignored = {(ROOT / p.rstrip("/")).as_posix() for p in listed.split("\0") if p}
    for name in COPIED:
        shutil.rmtree(target / name, ignore_errors=True)
        shutil.copytree(
            ROOT / name,
            target / name,
            symlinks=True,
            ignore=lambda folder, names: [
                n for n in names if f"{Path(folder).as_posix()}/{n}" in ignored
            ],
        )
    if stock:
        (target / "stock.yml").write_text(stock_config().format(docs=target / "docs"), "utf-8")
        return target / "stock.yml"
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    for relative in ("scripts/cittamedie/site/overrides", "scripts/cittamedie/site/hooks.py"):
        config = config.replace(relative, str(ROOT / relative))
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target / "mkdocs.yml"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:  # refused, 404, timeout
        return ""


@contextmanager
def serving(config: Path, log: Path):
    """`mkdocs serve` in its own process group, once its first build is served: (URL, process)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open(log, "w") as out:
        process = subprocess.Popen(
            [
                str(MKDOCS),
                "serve",
                *([] if config.name == "stock.yml" else ["--no-strict"]),
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(config),
            ],
            cwd=config.parent,
            env=ENV if config.name == "stock.yml" else ENV | PREVIEW,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url, deadline = f"http://127.0.0.1:{port}/", time.monotonic() + 600
        while "</html>" not in fetch(url):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"mkdocs serve stopped or never served {url}:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        idle(log, process)
        yield url, process
    finally:
        for sig in (
            signal.SIGTERM,
            signal.SIGKILL,
        ):  # the group: serve and any child (Pagefind, git)
            with suppress(ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, sig)
                process.wait(10)
                break


def idle(log: Path, process, quiet: float = 1.5) -> None:
    """Until serve has finished every build it started and started none for `quiet` seconds
    (a save can start a second build: files our build writes into docs/ are watched too)."""
    deadline, last, since = time.monotonic() + TIMEOUT, None, time.monotonic()
    while time.monotonic() < deadline and process.poll() is None:
        text = log.read_text(errors="replace")
        state = (
            text.count("Building documentation..."),  # the first build is the one not "Reloading"
            1
            + text.count("Reloading browsers")
            + text.count("An error happened during the rebuild"),
        )
        if state != last:
            last, since = state, time.monotonic()
        elif state[0] == state[1] and time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)


def save_and_wait(path: Path, url: str, edit=None, timeout: float = TIMEOUT) -> float | None:
    """Save `edit(text)` → (new text, marker) into path (default: a new sentence at the end);
    seconds until url serves the marker, None if it never does within timeout."""
    text, marker = (edit or sentence)(path.read_text("utf-8"))
    path.write_text(text, "utf-8")
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(POLL)
    return None


def sentence(text: str) -> tuple[str, str]:
    marker = f"Benchmark sentence {uuid.uuid4().hex[:12]}."
    return text.rstrip("\n") + f"\n\n{marker}\n", marker


def builds(log: Path) -> int:
    return log.read_text(errors="replace").count("Building documentation...")


def cpu_seconds(process) -> float:
    """CPU seconds of serve and of the children it waited for (git, Pagefind, the validator's workers)."""
    try:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # ended: the loop says so
        return float("nan")
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def bench(names: list[str], runs: int, checks: bool, tmp: Path) -> dict:
    results, served = {}, {}
    with ExitStack() as stack:
        for name in names:
            print(f"copying and serving {name}…", flush=True)
            log = tmp / f"{name}.log"
            url, process = stack.enter_context(
                serving(copy_repository(tmp / name, name == "stock"), log)
            )
            served[name] = (tmp / name, url, process, log, builds(log))
            results[name] = {"times": {lang: [] for lang, _, _ in EDITS}, "cpu": []}
        for run in range(runs):
            for name, (root, url, process, log, *_) in served.items():
                for lang, rel, page in EDITS:
                    if process.poll() is not None:
                        sys.exit(
                            f"{name}: mkdocs serve ended ({process.returncode}):\n{log.read_text()[-3000:]}"
                        )
                    cpu = cpu_seconds(process)
                    seconds = save_and_wait(root / rel, url + page)
                    results[name]["times"][lang].append(
                        float("inf") if seconds is None else seconds
                    )
                    idle(log, process)
                    results[name]["cpu"].append(cpu_seconds(process) - cpu)
            print(f"  run {run + 1}/{runs} done", flush=True)
        for name, (*_, log, before) in served.items():
            results[name]["builds"] = (builds(log) - before) / (2 * runs)
        if checks and "ours" in served:
            results["ours"]["checks"] = watch_checks(*served["ours"][:4])
    return results


def watch_checks(root: Path, url: str, process, log: Path) -> list[str]:
    lines = []
    for rel, page in (
        ("guidelines/linee-guida/processo.md", "linee-guida/processo/"),
        ("good-practices/ba-urbis.md", "buone-pratiche/ba-urbis/"),
    ):
        seconds = save_and_wait(root / rel, url + page, timeout=30)
        lines.append(
            f"{rel} (through a docs/ symlink): served after {seconds or float('inf'):.2f} s"
        )
        idle(log, process)
    title, before = f"Incontro di prova {uuid.uuid4().hex[:8]}", builds(log)
    old = 'it: "Primo incontro di accompagnamento delle Città Medie Sud"'
    seconds = save_and_wait(
        root / "data/events.yml",
        url + "percorso/",
        lambda text: (text.replace(old, f'it: "{title}"', 1), title),
        timeout=10,
    )
    if seconds is not None:
        return [*lines, f"data/events.yml: /percorso/ served the new title after {seconds:.2f} s"]
    lines.append(
        f"data/events.yml: /percorso/ NOT updated within 10 s ({builds(log) - before} rebuilds)"
    )
    later = save_and_wait(root / "docs/programma.md", url + "programma/")
    shown = "served" if title in fetch(url + "percorso/") else "still NOT served"
    lines.append(
        f"  then saving docs/programma.md (served after {later or 0:.2f} s): the new title is {shown}"
    )
    idle(log, process)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="saves per language page (default 5)")
    parser.add_argument("--no-stock", action="store_true", help="serve only ours")
    parser.add_argument(
        "--no-watch-checks", action="store_true", help="skip the symlink and data/ checks"
    )
    args = parser.parse_args()
    signal.signal(
        signal.SIGTERM, lambda *_: sys.exit(143)
    )  # so that `finally` kills the serve groups
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        results = bench(
            ["ours"] if args.no_stock else ["ours", "stock"],
            args.runs,
            not args.no_watch_checks,
            Path(tmp),
        )
    print("\n| build | page | saves | median s | min s | max s | builds/save | CPU s/save |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    pooled = {
        name: r["times"] | {"both": sum(r["times"].values(), [])} for name, r in results.items()
    }
    for name, r in results.items():
        for lang, values in pooled[name].items():
            print(
                f"| {name} | {lang} | {len(values)} | {statistics.median(values):.2f} | {min(values):.2f} | "
                f"{max(values):.2f} | {r['builds']:.1f} | {statistics.median(r['cpu']):.2f} |"
            )
    if "stock" in results:
        ratio = statistics.median(pooled["ours"]["both"]) / statistics.median(
            pooled["stock"]["both"]
        )
        cpu = statistics.median(results["ours"]["cpu"]) / statistics.median(results["stock"]["cpu"])
        print(f"\nours / stock: median save to served {ratio:.2f}, CPU per save {cpu:.2f}")
    for line in results.get("ours", {}).get("checks", []):
        print(f"watch check: {line}")


if __name__ == "__main__":
    main()
