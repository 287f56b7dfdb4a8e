"""The sentences of history/git.py: why git cannot give what the content names, and the fix, for
the editor (a sibling module, so that git.py stays within the house's size; content/messages.py
says them in the editor's language)."""

from __future__ import annotations

from pathlib import Path

from ..content.messages import Say, say

FETCH_FIX = say(
    "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout) "
    "and build again"
)


def because(reason: str, fix: str) -> Say:
    """git's failure for the editor: the reason, a dash, the fix (one sentence, as str() and the
    reports have always read it; reason_and_fix gives the two back, each in the editor's
    language)."""
    return say("{reason} — {fix}", reason=reason, fix=fix)


def reason_and_fix(said: str | Exception) -> tuple[str, str]:
    """The reason and the fix of a sentence made by because() (or of a git.HistoryError, whose
    argument it is): the Says themselves, so that a report says them in the editor's language;
    any other text split at its dash."""
    if isinstance(said, Exception):
        said = said.args[0] if said.args else str(said)
    if isinstance(said, Say) and said.template == _BECAUSE:
        return said.values["reason"], said.values["fix"]
    reason, _, fix = str(said).partition(" — ")
    return reason, fix


_BECAUSE = because("", "").template


def not_full_hash(revision: str) -> Say:
    return because(
        say("`{revision}` is not a full commit hash", revision=revision),
        say("write the 40-character hash that `git log --format=%H -1` prints"),
    )


def not_a_clone(revision: str) -> Say:
    return because(
        say(
            "revision {revision} cannot be read: this folder is not a git clone", revision=revision
        ),
        say("build from a clone of the repository"),
    )


def not_in_shallow_clone(revision: str) -> Say:
    return because(
        say("revision {revision} is not in this shallow clone", revision=revision), FETCH_FIX
    )


def not_a_commit(revision: str) -> Say:
    return because(
        say("revision {revision} is not a commit of this repository", revision=revision),
        say("use the hash of a commit of main (`git log --format=%H`)"),
    )


def state_unknown(path: str, root: Path) -> Say:
    return because(
        say("git cannot say whether {path} is committed", path=path), _check_status(root)
    )


NO_GIT = because(
    say("git is not installed, and the document history is read from git"),
    say("install git (apt-get install git)"),
)


def no_answer(seconds: int, root: Path) -> Say:
    return because(
        say("git did not answer within {seconds} s", seconds=seconds), _check_status(root)
    )


def _check_status(root: Path) -> Say:
    return say("check the repository with `git -C {root} status`", root=str(root))
