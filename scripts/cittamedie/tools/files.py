"""How the editors' commands write into the repository (`new`, `translations --mark-current`):
never through a link, never half a file, never half a pair.

A link in the repository can lead anywhere (another page, a file outside the clone) and a dangling
one is created where it points when a program opens it for writing: so a path with a link in it is
refused, dangling or not. Every file is written whole in a temporary file beside it, then put in
place in one step (os.replace, or os.link for a file that must not exist yet): an interruption
leaves the old file or the new one, never a mixture. A pair is created both or neither.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from ..content.problems import Problem, relative

RULE = "link"


def link_in(root: Path, target: Path) -> Problem | None:
    """The problem when `target` (under root), or a folder between root and it, is a link."""
    shown = relative(target, root)
    try:
        parts = target.relative_to(root).parts
    except ValueError:
        return Problem(shown, 0, RULE, "the file is outside the repository", "give a file in it")
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            try:
                leads = f"to {os.readlink(here)}"
            except OSError:
                leads = "somewhere that cannot be read"
            return Problem(
                shown,
                0,
                RULE,
                f"{relative(here, root)} is a link ({leads}), and this command never writes "
                "through a link: the file written would be another one",
                f"remove the link {relative(here, root)} (or give the file's own path), then "
                "run the command again",
            )
    return None


def create_all(root: Path, files: dict[Path, str]) -> list[Problem]:
    """Create every file with its text, or none of them: a file that exists already (even a
    dangling link) or a link on the way refuses the whole set, and nothing is written."""
    problems = [p for path in files if (p := link_in(root, path))]
    problems += [
        Problem(
            relative(path, root),
            0,
            "exists",
            "the file exists already; nothing was written",
            "choose another --slug, or edit the existing file",
        )
        for path in files
        if os.path.lexists(path)
    ]
    if problems:
        return problems
    created: list[Path] = []
    try:
        for path, text in files.items():
            _put(path, text.encode("utf-8"), exclusive=True)
            created.append(path)
    except OSError as exc:
        for path in created:  # ours: made by os.link a moment ago
            path.unlink(missing_ok=True)
        return [
            Problem(
                relative(path, root),
                0,
                "write",
                f"the file cannot be written ({exc.strerror or exc}); nothing was written",
                "check the folder's permissions and the free space, then run the command again",
            )
        ]
    return []


def replace(path: Path, data: bytes) -> None:
    """Put `data` in place of the file at `path` in one step (the caller has checked link_in)."""
    _put(path, data, exclusive=False)


def _put(path: Path, data: bytes, exclusive: bool) -> None:
    # a name of our own beside the file: O_EXCL and O_NOFOLLOW make sure it is a new file, and the
    # mode is the usual one (0666 less the umask), or the replaced file's own
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if exclusive:
            os.link(temporary, path)  # fails if anything, even a dangling link, has the name
        else:
            os.chmod(temporary, stat.S_IMODE(os.lstat(path).st_mode))
            os.replace(temporary, path)  # replaces a name: a link there is not followed
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
