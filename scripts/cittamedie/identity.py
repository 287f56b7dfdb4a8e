"""Who publishes the site: mkdocs.yml's extra.identity, read and checked once, handed to the
templates, the PDF cover, the accessibility statement and the open data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .schema import check

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Identity:
    publisher: dict[str, str]
    official: bool
    eu_funding: bool
    repository: str
    branch: str
    feedback_email: str

    def for_language(self, lang: str) -> dict:
        """What templates read (cm_identity)."""
        return {"publisher": self.publisher[lang], "official": self.official, "eu_funding": self.eu_funding,
                "repository": self.repository, "branch": self.branch, "feedback_email": self.feedback_email}


def from_extra(extra: dict, config_file: str = CONFIG_FILE) -> Identity:
    """The identity block, or the editor's message naming the field and the fix."""
    block = extra.get("identity")
    if not isinstance(block, dict):
        raise ContentError(check("identity", {}, config_file, {}, 1))
    problems = check("identity", block, config_file, {}, 1)
    if problems:
        raise ContentError(problems)
    return Identity(**block)
