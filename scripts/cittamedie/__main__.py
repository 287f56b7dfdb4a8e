"""cittamedie: validate the content, follow translations, scaffold new pages, export PDFs.

    cittamedie validate [--format text|github|json] [--strict]
    cittamedie translations [--diff] [--mark-current FILE ... [--updated]]
    cittamedie new good-practice --city Torino --slug co-city [--title "Co-City"] [--force]
    cittamedie new chapter --document linee-guida --slug risorse
    cittamedie pdf [--site-dir site] [--jobs 2] [--only linee-guida]
    cittamedie offline [--site-dir site]
    cittamedie changes --base-site base-site [--site-dir site]
    cittamedie links [--format text|github|json|markdown] [--timeout 15] [--workers 8]
    cittamedie consultation import linee-guida 0.3 --issues issues.json [--emails emails.csv]
    cittamedie clean
    cittamedie release linee-guida 0.3 --status bozza --summary-it "…" --summary-en "…" [--date 2026-12-05]

Exit codes: 0 clean, 1 problems found, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from .content.messages import EDITOR_LANGUAGES, editor_language, in_language, say
from .content.messages import print_error as _error
from .content.problems import ERROR
from .tools.arguments import parser


def _out(lang: str, *lines: str, file=None) -> None:
    """Print the lines in the editor's language (content/messages.py)."""
    print("\n".join(in_language(line, lang) for line in lines), file=file)


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
        args = parser(prog, lang).parse_args(cli_args)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    args.lang = lang
    root = Path(args.root).resolve()
    if not (root / "docs").is_dir():
        _error(
            lang,
            say("{root} has no docs/ folder", root=str(root)),
            say("run the command from the repository folder, or pass --root"),
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
    from .tools.translations import NEEDS_WORK, STATES, describe, ending, mark_current, status

    if args.updated and not args.mark_current:
        _error(
            args.lang,
            say("--updated sets the `updated:` of the pages being marked current"),
            say(
                "use it with --mark-current, e.g. "
                "`cittamedie translations --mark-current docs/index.en.md --updated`"
            ),
        )
        return 2
    site, git = load_site(root), Repository(root)
    for name in args.mark_current:
        said, problem = mark_current(site, name, git, dt.date.today(), args.updated)
        if problem:
            _error(args.lang, problem.worded(args.lang))
            return 1
        _out(args.lang, *said)
    if args.mark_current:
        site = load_site(root)
    rows = status(site)
    sections = {c.translation: c for c in stale_comparisons(site, git).values()}  # stale only
    for state, italian, translation in rows:
        said = in_language(STATES.get(state, state), args.lang)
        print(f"{said:13} {italian} → {translation}")
        for line in describe(sections[translation], args.diff) if translation in sections else []:
            print(f"{'':14}{in_language(line, args.lang)}")
    known = {name for name, c in sections.items() if c.base is not None}
    _out(args.lang, *ending(rows, known))
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
        _error(args.lang, problem.worded(args.lang))
    for path in written:
        _out(args.lang, say("written: {path}", path=str(path.relative_to(root))))
    if written and args.kind == "chapter":
        _out(
            args.lang,
            say(
                "next: add `{slug}` to `chapters:` in guidelines/{document}/document.yml",
                slug=args.slug,
                document=args.document,
            ),
        )
    if written:
        _out(args.lang, say("next: replace every TODO; `make validate` lists those left"))
    return 2 if any(p.rule == "usage" for p in problems) else (1 if problems else 0)


def _pdf(args, root: Path) -> int:
    from .exports.pdf import export_all

    return export_all(
        root,
        Path(args.site_dir).resolve(),
        jobs=args.jobs,
        force=args.force,
        only=args.only,
        lang=args.lang,
    )


def _offline(args, root: Path) -> int:
    from .exports.offline import export

    export(root, Path(args.site_dir).resolve(), args.lang)
    return 0


def _changes(args, root: Path) -> int:
    from .tools.changes import report

    base, head = Path(args.base_site).resolve(), Path(args.site_dir).resolve()
    for folder in (base, head):
        if not (folder / "index.html").is_file():
            _error(
                args.lang,
                say("{folder} is not a built site (no index.html)", folder=str(folder)),
                say("build it first: `mkdocs build -d FOLDER`"),
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
            args.lang,
            say("--timeout must be above 0 and --workers between 1 and 32"),
            say("e.g. --timeout 15 --workers 8"),
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
        lines = REPORTER_BY_NAME[args.format](found, len(uses), args.lang).split("\n")[:-1]
        _out(args.lang, *lines, linkcheck.summary(found, len(uses)))
    return 1 if any(p.severity == ERROR for p in found) else 0


def _consultation(args, root: Path) -> int:
    from .content.load import load_site
    from .tools.consultation import import_comments

    if not (args.issues or args.emails):
        _error(
            args.lang,
            say("give the comments to import: --issues FILE.json, --emails FILE.csv or both"),
            say(
                "e.g. `gh issue list --label consultazione --json "
                "number,title,body,url,createdAt,author > issues.json`"
            ),
        )
        return 2
    said, problems = import_comments(
        load_site(root),
        args.document,
        args.version,
        Path(args.issues) if args.issues else None,
        Path(args.emails) if args.emails else None,
    )
    _out(args.lang, *said)
    for problem in problems:
        _error(args.lang, problem.worded(args.lang))
    return 1 if problems else 0


def _clean(args, root: Path) -> int:
    from .content.build_files import generated_places, written_by_the_build
    from .history.git import Repository

    docs = root / "docs"
    committed = Repository(root).tracked_files(generated_places(docs))
    for path in written_by_the_build(docs, committed):
        path.unlink()
        _out(args.lang, say("removed: {path}", path=str(path.resolve().relative_to(root))))
    return 0


def _release(args, root: Path) -> int:
    from .tools.release import Release, release

    today = dt.date.today()
    try:
        date = dt.date.fromisoformat(args.date) if args.date else today
    except ValueError:
        _error(
            args.lang,
            say("`{date}` is not a date", date=args.date),
            say("write it as YYYY-MM-DD, e.g. 2026-12-05"),
        )
        return 2
    summary = {"it": args.summary_it, "en": args.summary_en}
    asked = Release(args.document, args.version, args.status, summary, date)
    said, problems = release(root, asked, today)
    for problem in problems:
        _error(args.lang, problem.worded(args.lang))
    _out(args.lang, *said)
    return 1 if problems else 0


COMMANDS = {
    "validate": _validate,
    "translations": _translations,
    "new": _new,
    "pdf": _pdf,
    "offline": _offline,
    "changes": _changes,
    "links": _links,
    "consultation": _consultation,
    "clean": _clean,
    "release": _release,
}


def entrypoint() -> None:
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    entrypoint()
