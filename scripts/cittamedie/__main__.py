"""cittamedie: validate the content, follow translations, scaffold new pages, export PDFs.

    cittamedie validate [--format text|github|json] [--strict]
    cittamedie translations [--diff] [--mark-current FILE ... [--updated]]
    cittamedie new good-practice --city Torino --slug co-city [--title "Co-City"] [--force]
    cittamedie new chapter --document linee-guida --slug risorse
    cittamedie pdf [--site-dir site] [--jobs 2] [--only linee-guida]
    cittamedie offline [--site-dir site]
    cittamedie changes --base-site base-site [--site-dir site]
    cittamedie links [--format text|github|json|markdown] [--timeout 15] [--workers 8]
    cittamedie clean

Exit codes: 0 clean, 1 problems found, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from .content.messages import EDITOR_LANGUAGES, editor_language
from .content.problems import ERROR


def _error(message: str, tip: str = "") -> None:
    colour = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    red, dim, reset = ("\033[31m", "\033[2m", "\033[0m") if colour else ("", "", "")
    print(f"{red}ERROR{reset} {message}", file=sys.stderr)
    if tip:
        print(f"{dim}TIP{reset} {tip}", file=sys.stderr)


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", default=".", help="repository folder (default: current folder)")
    parser.add_argument(
        "--lang",
        choices=EDITOR_LANGUAGES,
        help="the language of messages (default: the environment's locale if English, else it)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check every source file")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="warnings fail too")
    translations = sub.add_parser("translations", help="list missing and stale translations")
    translations.add_argument(
        "--mark-current",
        nargs="+",
        metavar="FILE",
        default=[],
        help="English files whose translation was checked",
    )
    translations.add_argument(
        "--diff",
        action="store_true",
        help="under a stale page, the Italian diff of each changed section",
    )
    translations.add_argument(
        "--updated",
        action="store_true",
        help="with --mark-current: also set the English page's `updated:` to today",
    )
    new = sub.add_parser("new", help="create a new good practice or chapter in both languages")
    new.add_argument("kind", choices=("good-practice", "chapter"))
    new.add_argument("--slug", required=True, help="the file's name, e.g. co-city")
    new.add_argument("--city", default="", help="a good practice's city, as in data/")
    new.add_argument("--document", default="", help="a chapter's document, e.g. linee-guida")
    new.add_argument("--title", default="", help="the title, in both files (else TODO)")
    new.add_argument(
        "--force",
        action="store_true",
        help="create a case even if it resembles one of the same city (never overwrites a file)",
    )
    pdf = sub.add_parser("pdf", help="export the PDFs from a built site")
    pdf.add_argument("--site-dir", default="site")
    pdf.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    pdf.add_argument(
        "--force", action="store_true", help="rebuild PDFs even when their pages did not change"
    )
    pdf.add_argument(
        "--only", nargs="+", metavar="NAME", help="export only these documents (e.g. linee-guida)"
    )
    offline = sub.add_parser("offline", help="build the browsable offline copy (zip) into the site")
    offline.add_argument("--site-dir", default="site")
    changes = sub.add_parser("changes", help="Markdown list of the pages two built sites differ in")
    changes.add_argument("--base-site", required=True, help="the site built from the base branch")
    changes.add_argument("--site-dir", default="site", help="the site built from the change")
    links = sub.add_parser("links", help="check the addresses of every page's sources (network)")
    links.add_argument("--format", choices=("text", "github", "json", "markdown"), default="text")
    links.add_argument(
        "--timeout", type=float, default=15.0, help="seconds for one connect or read"
    )
    links.add_argument("--workers", type=int, default=8, help="requests at a time")
    sub.add_parser(
        "clean", help="remove the pages the build wrote into the docs tree (not the editors')"
    )
    return parser


def _asked_language(cli_args: list[str] | None) -> str | None:
    """--lang, read before the parser is made so that its help is in that language too; a wrong
    value is left to the parser to report."""
    asked = argparse.ArgumentParser(add_help=False)
    asked.add_argument("--lang")
    value = asked.parse_known_args(cli_args)[0].lang
    return value if value in EDITOR_LANGUAGES else None


def main(cli_args: list[str] | None = None, prog: str = "cittamedie") -> int:
    lang = editor_language(_asked_language(cli_args))
    try:
        args = _parser(prog).parse_args(cli_args)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    args.lang = lang
    root = Path(args.root).resolve()
    if not (root / "docs").is_dir():
        _error(
            f"{root} has no docs/ folder",
            "run the command from the repository folder, or pass --root",
        )
        return 2
    return COMMANDS[args.command](args, root)


def _validate(args, root: Path) -> int:
    from .content.load import load_site
    from .rules import run_all
    from .rules.report import REPORTER_BY_NAME

    started = time.perf_counter()
    site = load_site(root)
    problems = run_all(site)
    print(
        REPORTER_BY_NAME[args.format](
            problems, len(site.sources) + len(site.documents) + len(site.data), args.lang
        )
    )
    if args.format == "text":
        print(f"({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    failing = [p for p in problems if p.severity == ERROR or args.strict]
    return 1 if failing else 0


def _translations(args, root: Path) -> int:
    from .content.load import load_site
    from .history.git import Repository
    from .history.translations import stale_comparisons
    from .tools.translations import NEEDS_WORK, describe, ending, mark_current, status

    if args.updated and not args.mark_current:
        _error(
            "--updated sets the `updated:` of the pages being marked current",
            "use it with --mark-current, e.g. "
            "`cittamedie translations --mark-current docs/index.en.md --updated`",
        )
        return 2
    site, git = load_site(root), Repository(root)
    for name in args.mark_current:
        said, problem = mark_current(site, name, git, dt.date.today(), args.updated)
        if problem:
            _error(str(problem))
            return 1
        print("\n".join(said))
    if args.mark_current:
        site = load_site(root)
    rows = status(site)
    sections = {c.translation: c for c in stale_comparisons(site, git).values()}  # stale only
    for state, italian, translation in rows:
        print(f"{state:13} {italian} → {translation}")
        for line in describe(sections[translation], args.diff) if translation in sections else []:
            print(f"{'':14}{line}")
    known = {name for name, c in sections.items() if c.base is not None}
    print("\n".join(ending(rows, known)))
    return 1 if any(state in NEEDS_WORK for state, _, _ in rows) else 0


def _new(args, root: Path) -> int:
    from .tools.scaffold import new

    written, problems = new(
        args.kind,
        root,
        city=args.city,
        slug=args.slug,
        document=args.document,
        title=args.title,
        force=args.force,
    )
    for problem in problems:
        _error(str(problem))
    for path in written:
        print(f"written: {path.relative_to(root)}")
    if written and args.kind == "chapter":
        print(f"next: add `{args.slug}` to `chapters:` in guidelines/{args.document}/document.yml")
    if written:
        print("next: replace every TODO; `make validate` lists those left")
    return 2 if any(p.rule == "usage" for p in problems) else (1 if problems else 0)


def _pdf(args, root: Path) -> int:
    from .exports.pdf import export_all

    return export_all(
        root, Path(args.site_dir).resolve(), jobs=args.jobs, force=args.force, only=args.only
    )


def _offline(args, root: Path) -> int:
    from .exports.offline import export

    export(root, Path(args.site_dir).resolve())
    return 0


def _changes(args, root: Path) -> int:
    from .tools.changes import report

    base, head = Path(args.base_site).resolve(), Path(args.site_dir).resolve()
    for folder in (base, head):
        if not (folder / "index.html").is_file():
            _error(
                f"{folder} is not a built site (no index.html)",
                "build it first: `mkdocs build -d FOLDER`",
            )
            return 2
    print(report(base, head), end="")
    return 0


def _links(args, root: Path) -> int:
    from .content.load import load_site
    from .rules.report import REPORTER_BY_NAME
    from .tools import linkcheck

    if args.timeout <= 0 or not 1 <= args.workers <= 32:
        _error(
            "--timeout must be above 0 and --workers between 1 and 32",
            "e.g. --timeout 15 --workers 8",
        )
        return 2
    uses = linkcheck.collect(load_site(root))
    results = linkcheck.check_all(
        sorted(uses), workers=args.workers, timeout=args.timeout, deadline=3 * args.timeout
    )
    found = linkcheck.problems(uses, results)
    if args.format in ("markdown", "json"):
        print(
            (linkcheck.markdown if args.format == "markdown" else REPORTER_BY_NAME["json"])(
                found, len(uses)
            )
        )
    else:  # the editors' lines, then the count of addresses (not of files)
        lines = REPORTER_BY_NAME[args.format](found, len(uses)).split("\n")[:-1]
        print("\n".join([*lines, linkcheck.summary(found, len(uses))]))
    return 1 if any(p.severity == ERROR for p in found) else 0


def _clean(args, root: Path) -> int:
    from .content.generated import generated_places, written_by_the_build
    from .history.git import Repository

    docs = root / "docs"
    committed = Repository(root).tracked_files(generated_places(docs))
    for path in written_by_the_build(docs, committed):
        path.unlink()
        print(f"removed: {path.resolve().relative_to(root)}")
    return 0


COMMANDS = {
    "validate": _validate,
    "translations": _translations,
    "new": _new,
    "pdf": _pdf,
    "offline": _offline,
    "changes": _changes,
    "links": _links,
    "clean": _clean,
}


def entrypoint() -> None:
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    entrypoint()
