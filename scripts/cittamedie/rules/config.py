"""mkdocs.yml can be read, and its static-i18n languages are the package's (content/languages.py),
the source language first and default: the addresses, the suffixes and the validator assume them."""

from __future__ import annotations

from ..content.languages import LANGUAGES, SOURCE_LANGUAGE
from ..content.messages import say
from ..content.model import Site
from ..content.problems import Problem
from .run import Run


def check(site: Site, run: Run) -> list[Problem]:
    if run.config is None:
        return list(run.config_problems)
    languages = run.config.i18n_languages()
    default = [locale for locale, settings in languages.items() if settings.get("default")]
    if tuple(languages) == LANGUAGES and default == [SOURCE_LANGUAGE]:
        return []
    return [
        Problem(
            run.config.shown,
            run.config.lines.get("/plugins", 1),
            "config",
            say(
                "the i18n plugin's languages are {languages}, {default}",
                languages=", ".join(languages) or say("none"),
                # "with no default" is said whole: in Italian the word is not where English puts it
                default=say("with {default} default", default=", ".join(default))
                if default
                else say("with no default"),
            ),
            say(
                "list {languages} in this order, {source} with `default: true`; a new language "
                "also needs the package's LANGUAGES (scripts/cittamedie/content/languages.py)",
                languages=", ".join(LANGUAGES),
                source=SOURCE_LANGUAGE,
            ),
            "plugins.i18n.languages",
        )
    ]
