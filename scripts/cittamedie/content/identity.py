"""Who publishes the site: mkdocs.yml's extra.identity, checked, and the words derived from it.

Nothing else names the publisher or says whether the site is official: mkdocs.yml's
`site_author` and `copyright` stay unset (the author meta and the footer read the identity), and
a value written there is refused with the fix. The site build, the PDF export and the validator
all read the block through from_config (content/config.py reads the file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .config import CONFIG_FILE, Config, read_config
from .messages import say
from .problems import ContentError, Problem
from .schema import check
from .strings import t

HAND_SET = ("site_author", "copyright")  # MkDocs settings the identity replaces
RULE = "identity"


@dataclass(frozen=True)
class Identity:
    publisher: dict[str, str]
    official: bool
    eu_funding: bool
    repository: str
    branch: str
    feedback_email: str

    def author(self, lang: str) -> str:
        """The author of pages and PDFs (their metadata)."""
        name = self.publisher[lang]
        return name if self.official else t("identity.unofficial_author", lang, publisher=name)

    def notice(self, lang: str) -> str:
        """What every page and PDF cover says when the site is not official; else nothing."""
        return "" if self.official else t("identity.unofficial", lang)

    def funding(self, lang: str) -> str:
        """The EU co-funding statement, only where the programme funds the site."""
        return t("funding_statement", lang) if self.eu_funding else ""

    def footer(self, lang: str) -> str:
        """The footer line: publisher, licence of the texts, and the notice when not official."""
        parts = [
            t("identity.published_by", lang, publisher=self.publisher[lang]),
            t("identity.licence", lang),
        ]
        return " · ".join(parts + ([self.notice(lang)] if self.notice(lang) else []))

    def running_footer(self, lang: str) -> str:
        """The line at the bottom of every PDF page."""
        return self.funding(lang) or self.notice(lang) or self.publisher[lang]

    def edit_url(self, path: str) -> str:
        """GitHub's editor for a file of the repository (its real path, not through docs/ links)."""
        return f"{self.repository}/edit/{quote(self.branch)}/{quote(path)}"

    def file_url(self, path: str) -> str:
        """A file of the repository, as GitHub shows it."""
        return f"{self.repository}/blob/{quote(self.branch)}/{quote(path)}"

    def new_file_url(self, path: str) -> str:
        """GitHub's form for a new file of the repository, its name filled in."""
        return f"{self.repository}/new/{quote(self.branch)}?filename={quote(path)}"

    @property
    def issues_url(self) -> str:
        return f"{self.repository}/issues"

    @property
    def mailto(self) -> str:
        return f"mailto:{quote(self.feedback_email, safe='@')}"

    def for_language(self, lang: str) -> dict:
        """What templates read (cm_identity)."""
        return {
            "publisher": self.publisher[lang],
            "official": self.official,
            "eu_funding": self.eu_funding,
            "repository": self.repository,
            "branch": self.branch,
            "feedback_email": self.feedback_email,
            "author": self.author(lang),
            "notice": self.notice(lang),
            "footer": self.footer(lang),
            "funding_statement": self.funding(lang),
            "issues_url": self.issues_url,
        }

    def open_data(self) -> dict:
        """The publisher fields of the open data (JSON)."""
        return {"publisher": dict(self.publisher), "official": self.official}


def from_config(config: Config) -> Identity:
    """The identity of a mkdocs.yml, or every problem at once (ContentError): the block's, and the
    MkDocs settings that would name the publisher a second time."""
    found = [name for name in HAND_SET if config.data.get(name)]
    found += [
        f"plugins.i18n.languages.{locale}.{name}"
        for locale, language in config.i18n_languages().items()
        for name in HAND_SET
        if language.get(name)
    ]
    hand_set = [
        Problem(
            config.shown,
            config.lines.get(f"/{name}", 1),
            RULE,
            say("`{name}` is set by hand", name=name),
            say("remove it: the author and the footer come from extra.identity"),
            name,
        )
        for name in found
    ]
    try:
        identity = from_extra(config.extra, config.shown, config.lines)
    except ContentError as exc:
        raise ContentError(hand_set + exc.problems) from None
    if hand_set:
        raise ContentError(hand_set)
    return identity


def from_extra(
    extra: Mapping, shown: str = CONFIG_FILE, lines: dict[str, int] | None = None
) -> Identity:
    """The identity block, or the editor's message naming the field, its line and the fix."""
    block = extra.get("identity") if isinstance(extra, Mapping) else None
    lines = lines or {}
    if not isinstance(block, dict):
        raise ContentError(
            [
                Problem(
                    shown,
                    lines.get("", 1),
                    RULE,
                    say("mkdocs.yml has no `extra.identity` block"),
                    say("add it (see the comments in mkdocs.yml and CONTRIBUTING.en.md)"),
                    "extra.identity",
                )
            ]
        )
    problems = check("identity", block, shown, lines, lines.get("", 1))
    if problems:
        raise ContentError(
            [
                Problem(
                    p.path, p.line, RULE, p.message, p.fix, f"extra.identity.{p.field}".rstrip(".")
                )
                for p in problems
            ]
        )
    return Identity(**block)


def from_file(config_file: Path) -> Identity:
    """The identity of a mkdocs.yml (ContentError when it is broken)."""
    return from_config(read_config(config_file))
