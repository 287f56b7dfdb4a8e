"""Problems found in the content, and the exceptions whose str() is the editor's sentence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .messages import SOURCE, editor_language, in_language, say

ERROR = "error"
WARNING = "warning"
# Problems that stop every build, validated or not, the preview too (site/context.py): reading on
# would hang, crash, or read files from outside the repository, or the build would overwrite a file
# it did not write (an editor's, never validated: rules/generated.py), or a page would land where
# the build writes its own files (rules/urls.py: MkDocs stops on a folder where a file is, or one
# overwrites the other), or two names would be one file on Windows and macOS or in the offline copy
# (rules/names.py, content/names.py: one would replace the other, the offline not-found page too).
ALWAYS_STOP = ("size", "nesting", "link-outside", "generated", "reserved", "name")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, worded for an editor who is not a programmer."""

    path: str
    line: int
    rule: str
    message: str
    fix: str
    field: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        return self.worded(SOURCE)

    def worded(self, lang: str) -> str:
        """The report's line, in the editor's language (content/messages.py)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" ({self.field})" if self.field else ""
        label = "" if self.severity == ERROR else in_language(say("warning: "), lang)
        message, fix = in_language(self.message, lang), in_language(self.fix, lang)
        return f"{where}: {self.rule}: {label}{message}{field} — {fix}"


def rank(problem: Problem) -> int:
    """How much a problem matters, most first: 0 stops every build (ALWAYS_STOP), 1 is another
    error (it stops the published build), 2 a warning (the build goes on)."""
    if problem.severity != ERROR:
        return 2
    return 0 if problem.rule in ALWAYS_STOP else 1


class ContentError(Exception):
    """Raised when content cannot be built; carries the problems that stop the build."""

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems

    def __str__(self) -> str:  # what MkDocs prints: in the environment's language
        return self.worded(editor_language())

    def worded(self, lang: str) -> str:
        count = len(self.problems)
        lines = "\n".join(p.worded(lang) for p in self.problems[:20])
        more = in_language(say("… and {count} more", count=count - 20), lang) if count > 20 else ""
        return "\n".join(
            [
                in_language(
                    say("{count} problem(s) in the content stop the build:", count=count), lang
                ),
                lines,
                *([more] if more else []),
                in_language(say("Run `make validate` for the full report."), lang),
            ]
        )


def relative(path: Path, root: Path) -> str:
    """Path as the editor sees it in the repository."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
