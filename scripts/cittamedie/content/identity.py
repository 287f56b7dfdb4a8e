"""Who publishes the site: mkdocs.yml's extra.identity, read and checked once, handed to the
templates, the PDF cover, the accessibility statement and the open data.

Nothing else names the publisher or says whether the site is official: mkdocs.yml's
`site_author` and `copyright` stay unset (the author meta and the footer read the identity), and
a value written there stops the build with the fix. The PDF export runs without MkDocs and reads
the same block from mkdocs.yml (from_file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

from .problems import ContentError, Problem
from .schema import check
from .strings import esc, t

CONFIG_FILE = "mkdocs.yml"
HAND_SET = ("site_author", "copyright")  # MkDocs settings the identity replaces
_current: dict[str, Identity] = {}


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

    @property
    def issues_url(self) -> str:
        return f"{self.repository}/issues"

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

    def statement(self, lang: str) -> str:
        """Who publishes the site, as the accessibility statement says it (HTML)."""
        text = t(
            "identity.statement", lang, publisher=f"<strong>{esc(self.publisher[lang])}</strong>"
        )
        if not self.official:
            text += " " + esc(t("identity.statement_unofficial", lang))
        return f"<p>{text}</p>"

    def contacts(self, lang: str) -> str:
        """How to reach the publisher (HTML): the feedback address and the repository's issues."""
        mail = f'<a href="mailto:{esc(quote(self.feedback_email, safe="@"))}">{esc(self.feedback_email)}</a>'
        issues = f'<a href="{esc(self.issues_url)}">{esc(t("identity.issues", lang))}</a>'
        return (
            f"<ul>\n<li>{esc(t('identity.by_email', lang))}: {mail}</li>\n"
            f"<li>{issues} ({esc(t('identity.issues_note', lang))})</li>\n</ul>"
        )


# ---------------------------------------------------------------- Reading the block


def from_extra(
    extra: dict, config_file: str = CONFIG_FILE, lines: dict[str, int] | None = None
) -> Identity:
    """The identity block, or the editor's message naming the field, its line and the fix."""
    block = (
        extra.get("identity") if isinstance(extra, Mapping) else None
    )  # MkDocs' extra is a Mapping
    lines = lines or {}
    if not isinstance(block, dict):
        raise ContentError(
            [
                Problem(
                    config_file,
                    lines.get("", 1),
                    "identity",
                    "mkdocs.yml has no `extra.identity` block",
                    "add it (see the comments in mkdocs.yml and CONTRIBUTING.md)",
                    "extra.identity",
                )
            ]
        )
    problems = check("identity", block, config_file, lines, lines.get("", 1))
    if problems:
        raise ContentError(
            [
                Problem(
                    p.path,
                    p.line,
                    "identity",
                    p.message,
                    p.fix,
                    f"extra.identity.{p.field}".rstrip("."),
                )
                for p in problems
            ]
        )
    return Identity(**block)


def configure(config) -> Identity:
    """Read the block of the MkDocs configuration being built (on_config), once per run; refuse the
    MkDocs settings that would name the publisher a second time."""
    path = Path(config.config_file_path or CONFIG_FILE)
    i18n = config.plugins.get("i18n")
    languages = {
        language.locale: language
        for language in getattr(getattr(i18n, "config", None), "languages", None) or []
    }
    _current["identity"] = _checked(config, languages, config.extra, path.name, _lines(path))
    return _current["identity"]


def _checked(
    config: Mapping, languages: Mapping[str, Mapping], extra, shown: str, lines: dict[str, int]
) -> Identity:
    """The identity, or every problem at once: the block's and the MkDocs settings set by hand."""
    found = [name for name in HAND_SET if config.get(name)]
    found += [
        f"plugins.i18n.languages.{locale}.{name}"
        for locale, language in languages.items()
        for name in HAND_SET
        if language.get(name)
    ]
    hand_set = [
        Problem(
            shown,
            lines.get(f"/{name}", 1),
            "identity",
            f"`{name}` is set by hand",
            "remove it: the author and the footer come from extra.identity",
            name,
        )
        for name in found
    ]
    try:
        identity = from_extra(extra, shown, lines)
    except ContentError as exc:
        raise ContentError(hand_set + exc.problems) from None
    if hand_set:
        raise ContentError(hand_set)
    return identity


def current() -> Identity:
    """The identity of the configuration being built (configure ran in on_config)."""
    if "identity" not in _current:
        raise ContentError(
            [
                Problem(
                    CONFIG_FILE,
                    1,
                    "identity",
                    "the identity was not read",
                    "build with mkdocs (the hooks read extra.identity)",
                )
            ]
        )
    return _current["identity"]


class _TagsAsNull(yaml.SafeLoader):
    """A safe loader for mkdocs.yml: values with tags other projects use there (!ENV,
    !!python/name:…) are read as null, never constructed; the identity's schema judges its own."""


_TagsAsNull.add_multi_constructor("", lambda loader, suffix, node: None)


def from_file(config_file: Path) -> Identity:
    """The identity block of a mkdocs.yml read without MkDocs (the PDF export). ContentError, with
    the file and the fix, when the file is missing, is not YAML or has no valid block."""
    shown = config_file.name
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_TagsAsNull)  # a SafeLoader
    except OSError as exc:
        raise ContentError(
            [
                Problem(
                    shown,
                    0,
                    "identity",
                    f"{config_file} cannot be read ({exc.strerror})",
                    "run the command from the repository folder, or pass --root",
                )
            ]
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(
            [
                Problem(
                    shown,
                    mark.line + 1 if mark else 1,
                    "identity",
                    f"mkdocs.yml cannot be read as YAML ({getattr(exc, 'problem', None) or exc})",
                    "fix that line: `mkdocs build` shows the same problem",
                )
            ]
        ) from None
    config = config if isinstance(config, dict) else {}
    extra = config.get("extra")
    return _checked(
        config,
        _i18n_languages(config),
        extra if isinstance(extra, dict) else {},
        shown,
        _lines(config_file),
    )


def _i18n_languages(config: dict) -> dict[str, dict]:
    """static-i18n's languages in a mkdocs.yml read as plain data: locale → settings."""
    for plugin in config.get("plugins") or []:
        settings = plugin.get("i18n") if isinstance(plugin, dict) else None
        if isinstance(settings, dict):
            return {
                str(lang.get("locale")): lang
                for lang in settings.get("languages") or []
                if isinstance(lang, dict)
            }
    return {}


def problems(root: Path) -> list[Problem]:
    """The identity block's problems, for the validator (none when there is no mkdocs.yml)."""
    if not (root / CONFIG_FILE).is_file():
        return []
    try:
        from_file(root / CONFIG_FILE)
    except ContentError as exc:
        return exc.problems
    return []


def _lines(config_file: Path) -> dict[str, int]:
    """Line of extra.identity ("") and of each of its fields in mkdocs.yml, for the messages."""
    try:
        node = yaml.compose(config_file.read_text("utf-8"), Loader=_TagsAsNull)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {
        f"/{k.value}": k.start_mark.line + 1
        for k, _ in (node.value if isinstance(node, yaml.MappingNode) else [])
        if isinstance(k, yaml.ScalarNode)
    }
    for name in ("extra", "identity"):
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        key, node = next(
            ((k, v) for k, v in pairs if isinstance(k, yaml.ScalarNode) and k.value == name),
            (None, None),
        )
        if key is None:
            return lines
        lines[""] = key.start_mark.line + 1
    stack = [("", node)]
    while stack:
        prefix, mapping = stack.pop()
        for key, value in mapping.value if isinstance(mapping, yaml.MappingNode) else []:
            if isinstance(key, yaml.ScalarNode):
                dotted = f"{prefix}.{key.value}" if prefix else key.value
                lines[dotted] = key.start_mark.line + 1
                stack.append((dotted, value))
    return lines
