"""What `git status --porcelain=v1 -z` answers, read: git.py runs git, this module reads its answer
(entries "XY name", separated by NUL bytes; "??" new, "!!" ignored, "A" added)."""

from __future__ import annotations


def _entries(stdout: bytes) -> list[tuple[str, str]]:
    """(code, name) of each entry."""
    return [
        (entry[:2].decode("ascii", "replace"), entry[3:].decode("utf-8", "replace"))
        for entry in stdout.split(b"\0")
        if len(entry) > 3
    ]


def changed_files(stdout: bytes) -> list[str]:
    """The files an answer lists as edited, staged or new (not those .gitignore leaves out)."""
    return [name for code, name in _entries(stdout) if code != "!!"]


def state_of(stdout: bytes, path: str) -> str:
    """ "" when the answer does not list `path` (committed as it is), else "new", "ignored" or
    "changed". git may list other entries than the file's: `docs/citta.md` also shows the ignored
    folder `docs/citta/` beside it. The file's entry is its own name, or an ignored or new folder
    holding it."""
    code = next((code for code, name in _entries(stdout) if _holds(name, path)), "")
    if not code:
        return ""
    return {"??": "new", "!!": "ignored"}.get(code, "new" if code[0] == "A" else "changed")


def _holds(name: str, path: str) -> bool:
    """Whether an entry of `git status` is the file `path`, or a folder that holds it."""
    return name == path or (name.endswith("/") and path.startswith(name))
