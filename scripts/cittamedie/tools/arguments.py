"""The command line's arguments and their help (__main__.py), in the editor's language
(content/messages.py): the parser is made once --lang (else the locale) is known, so that `--help`
speaks it too."""

from __future__ import annotations

import argparse
import os

from ..content.messages import EDITOR_LANGUAGES, SOURCE, in_language, say


class _Help(argparse.RawDescriptionHelpFormatter):
    """argparse's own words (usage, the groups' titles) in the editor's language: argparse has
    no Italian of its own. lang is set on a subclass made per parser (parser)."""

    lang = SOURCE

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:  # argparse's own "usage: " ('' when it names a subcommand's prog)
            prefix = in_language(say("usage: "), self.lang)
        return super().add_usage(usage, actions, groups, prefix)

    def start_section(self, heading):
        headings = {"options": OPTIONS, "positional arguments": POSITIONALS}
        said = headings.get(heading)
        return super().start_section(in_language(said, self.lang) if said else heading)


DESCRIPTION = say(
    "cittamedie: validate the content, follow translations, scaffold new pages, export PDFs."
)
OPTIONS = say("options")
POSITIONALS = say("positional arguments")
HELP = say("show this help message and exit")


def parser(prog: str, lang: str = SOURCE) -> argparse.ArgumentParser:
    def t(text: str) -> str:
        return in_language(text, lang)

    formatter = type("Help", (_Help,), {"lang": lang})

    def made(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("-h", "--help", action="help", help=t(HELP))
        return parser

    parser = made(
        argparse.ArgumentParser(
            prog=prog, description=t(DESCRIPTION), formatter_class=formatter, add_help=False
        )
    )
    parser.add_argument(
        "--root", default=".", help=t(say("repository folder (default: current folder)"))
    )
    parser.add_argument(
        "--lang",
        choices=EDITOR_LANGUAGES,
        help=t(
            say("the language of messages (default: the environment's locale if English, else it)")
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return made(sub.add_parser(name, help=t(help), formatter_class=formatter, add_help=False))

    validate = command("validate", say("check every source file"))
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help=t(say("warnings fail too")))
    translations = command("translations", say("list missing and stale translations"))
    translations.add_argument(
        "--mark-current",
        nargs="+",
        metavar="FILE",
        default=[],
        help=t(say("English files whose translation was checked")),
    )
    translations.add_argument(
        "--diff",
        action="store_true",
        help=t(say("under a stale page, the Italian diff of each changed section")),
    )
    translations.add_argument(
        "--updated",
        action="store_true",
        help=t(say("with --mark-current: also set the English page's `updated:` to today")),
    )
    new = command("new", say("create a new good practice or chapter in both languages"))
    new.add_argument("kind", choices=("good-practice", "chapter"))
    new.add_argument("--slug", required=True, help=t(say("the file's name, e.g. co-city")))
    new.add_argument("--city", default="", help=t(say("a good practice's city, as in data/")))
    new.add_argument(
        "--document", default="", help=t(say("a chapter's document, e.g. linee-guida"))
    )
    new.add_argument("--title", default="", help=t(say("the title, in both files (else TODO)")))
    new.add_argument(
        "--force",
        action="store_true",
        help=t(
            say("create a case even if it resembles one of the same city (never overwrites a file)")
        ),
    )
    pdf = command("pdf", say("export the PDFs from a built site"))
    pdf.add_argument("--site-dir", default="site")
    pdf.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    pdf.add_argument(
        "--force",
        action="store_true",
        help=t(say("rebuild PDFs even when their pages did not change")),
    )
    pdf.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help=t(say("export only these documents (e.g. linee-guida)")),
    )
    offline = command("offline", say("build the browsable offline copy (zip) into the site"))
    offline.add_argument("--site-dir", default="site")
    changes = command("changes", say("Markdown list of the pages two built sites differ in"))
    changes.add_argument(
        "--base-site", required=True, help=t(say("the site built from the base branch"))
    )
    changes.add_argument(
        "--site-dir", default="site", help=t(say("the site built from the change"))
    )
    links = command("links", say("check the addresses of every page's sources (network)"))
    links.add_argument("--format", choices=("text", "github", "json", "markdown"), default="text")
    links.add_argument(
        "--timeout", type=float, default=15.0, help=t(say("seconds for one connect or read"))
    )
    links.add_argument("--workers", type=int, default=8, help=t(say("requests at a time")))
    consultation = command("consultation", say("the comments of a consultation and their outcomes"))
    steps = consultation.add_subparsers(dest="step", required=True)
    comments = made(
        steps.add_parser(
            "import",
            help=t(
                say("add the comments received to guidelines/DOCUMENT/consultazione-VERSION.yml")
            ),
            formatter_class=formatter,
            add_help=False,
        )
    )
    comments.add_argument("document", help=t(say("the document's id, e.g. linee-guida")))
    comments.add_argument("version", help=t(say("the version consulted on, e.g. 0.3")))
    comments.add_argument(
        "--issues",
        metavar="FILE.json",
        help=t(
            say(
                "the issues, as `gh issue list --label consultazione --json "
                "number,title,body,url,createdAt,author` writes them"
            )
        ),
    )
    comments.add_argument(
        "--emails",
        metavar="FILE.csv",
        help=t(say("the comments sent by e-mail: date, paragraph, text, name, consent")),
    )
    command("clean", say("remove the pages the build wrote into the docs tree (not the editors')"))
    release = command("release", say("publish a version of a document: append it to document.yml"))
    release.add_argument("document", help=t(say("the document's id, e.g. linee-guida")))
    release.add_argument("version", help=t(say("the new version's number, e.g. 0.3")))
    release.add_argument(
        "--status", required=True, help=t(say("bozza, in-consultazione or approvato"))
    )
    release.add_argument(
        "--summary-it", required=True, help=t(say("what changed, one sentence in Italian"))
    )
    release.add_argument(
        "--summary-en", required=True, help=t(say("what changed, one sentence in English"))
    )
    release.add_argument(
        "--date", default="", help=t(say("the publication date, YYYY-MM-DD (default: today)"))
    )
    return parser
