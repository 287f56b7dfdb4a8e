"""Who publishes the site: mkdocs.yml's extra.identity, checked, and the words derived from it.

Nothing else names the publisher or says whether the site is official: mkdocs.yml's
`site_author` and `copyright` stay unset (the author meta and the footer read the identity), and
a value written there is refused with the fix. The site build, the PDF export and the validator
all read the block through from_config (content/config.py reads the file).

The addresses a deployment owns are unset by default (mkdocs.yml reads them with `!ENV`): the
repository and the feedback address (`repository`, `feedback_email`: None, and then no page shows
an edit link, a "report a problem" link or a contact) and `site_url` (no canonical, hreflang or
feed). `unset` names those missing, for the build's one warning and the publish workflow's refusal
(rules/identity.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .config import CONFIG_FILE, Config, read_config
from .messages import Say, say
from .problems import ContentError, Problem
from .schema import check
from .strings import t

HAND_SET = ("site_author", "copyright")  # MkDocs settings the identity replaces
RULE = "identity"
# what a deployment sets: the setting in mkdocs.yml → the environment variable mkdocs.yml reads it from
DEPLOYMENT = {
    "site_url": "CITTAMEDIE_SITE_URL",
    "extra.identity.repository": "CITTAMEDIE_REPOSITORY",
    "extra.identity.feedback_email": "CITTAMEDIE_FEEDBACK_EMAIL",
}


@dataclass(frozen=True)
class Identity:
    publisher: dict[str, str]
    official: bool
    eu_funding: bool
    repository: str | None  # None: no edit link, no issue link
    branch: str
    feedback_email: str | None  # None: no e-mail contact

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

    def edit_url(self, path: str) -> str | None:
        """GitHub's editor for a file of the repository (its real path, not through docs/ links);
        None without a repository, as for every address below."""
        return self._at(f"/edit/{quote(self.branch)}/{quote(path)}")

    def file_url(self, path: str) -> str | None:
        """A file of the repository, as GitHub shows it."""
        return self._at(f"/blob/{quote(self.branch)}/{quote(path)}")

    def new_file_url(self, path: str) -> str | None:
        """GitHub's form for a new file of the repository, its name filled in."""
        return self._at(f"/new/{quote(self.branch)}?filename={quote(path)}")

    @property
    def issues_url(self) -> str | None:
        return self._at("/issues")

    @property
    def mailto(self) -> str | None:
        return f"mailto:{quote(self.feedback_email, safe='@')}" if self.feedback_email else None

    def _at(self, path: str) -> str | None:
        return f"{self.repository}{path}" if self.repository else None

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
            "mailto": self.mailto,
        }

    def open_data(self) -> dict:
        """The publisher fields of the open data (JSON)."""
        return {"publisher": dict(self.publisher), "official": self.official}


def unset(config: Config) -> list[str]:
    """The settings a deployment owns that this mkdocs.yml leaves unset (DEPLOYMENT's names)."""
    block = config.extra.get("identity")
    block = block if isinstance(block, dict) else {}
    values = {
        "site_url": config.data.get("site_url"),
        "extra.identity.repository": block.get("repository"),
        "extra.identity.feedback_email": block.get("feedback_email"),
    }
    return [name for name in DEPLOYMENT if not values[name]]


def unset_warning(config: Config) -> tuple[Say, Say] | None:
    """The build's one warning (message, tip) when a deployment's setting is unset; else None."""
    missing = unset(config)
    if not missing:
        return None
    message = say(
        'mkdocs.yml leaves unset {names}: the pages show no edit link, no "report a problem" '
        "link and no contact for what is missing; without site_url they have no canonical or "
        "hreflang address, and neither the sitemap nor the Atom feeds are written",
        names=", ".join(missing),
    )
    return message, _how_to_set(missing)


def publishing_problems(config: Config) -> list[Problem]:
    """When mkdocs.yml's extra.require_identity is true (the publish workflow sets
    CITTAMEDIE_PUBLISHING): each unset setting of a deployment, as an error."""
    if config.extra.get("require_identity") is not True:
        return []
    return [
        Problem(
            config.shown,
            config.lines.get(f"/{name}") or config.lines.get(name.rsplit(".", 1)[-1], 1),
            RULE,
            say("`{name}` is unset: a published site would lack it", name=name),
            _how_to_set([name]),
            name,
        )
        for name in unset(config)
    ]


def _how_to_set(names: list[str]) -> Say:
    return say(
        "set {variables} (in GitHub: Settings → Secrets and variables → Actions → Variables), "
        "or write the value in mkdocs.yml",
        variables=", ".join(DEPLOYMENT[name] for name in names),
    )


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
