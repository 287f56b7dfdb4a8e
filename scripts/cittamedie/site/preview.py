"""The preview (`make serve`, mkdocs.yml's extra.preview): a saved page is served as soon as it is
built, and what takes longer follows in the background, in the same process: the validator's report
(in the terminal, as `make validate` words it) and the search index (search.py).

What would hang or crash the build, or read outside the repository, still stops it first; a page
the validator would refuse is shown as the build makes it (sanitised, like every page), and its
problems are listed a moment later. The published build (`make site`, CI) refuses such content.
"""

from __future__ import annotations

import logging
import threading

from ..content.messages import editor_language, in_language, say
from ..content.model import Site
from ..content.problems import ERROR
from ..rules import run_all
from ..rules.run import Run

_log = logging.getLogger("mkdocs.plugins.cittamedie")


def report_in_background(site: Site, run: Run) -> threading.Thread:
    thread = threading.Thread(target=_report, args=(site, run), name="validation", daemon=True)
    thread.start()
    return thread


def _report(site: Site, run: Run) -> None:
    # INFO, not WARNING: a warning logged while the next rebuild runs would stop it (strict mode)
    problems = run_all(site, run.today, run.git, run.config)
    errors = sum(p.severity == ERROR for p in problems)
    lang = editor_language()
    if not problems:
        _log.info("%s", in_language(say("preview: the content is valid"), lang))
        return
    said = say(
        "preview: {errors} error(s), {warnings} warning(s) in the content "
        "(`make validate` for the report):",
        errors=errors,
        warnings=len(problems) - errors,
    )
    _log.info("%s", in_language(said, lang))
    for problem in problems:
        _log.info("  %s", problem.worded(lang))
