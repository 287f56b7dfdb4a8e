"""Reading the content's past from git: the one module that runs git (DESIGN.md, documents over time).

Versions name a commit by its full hash (tags do not travel with every clone). Every call is
read-only, bounded by a timeout, and turns git's failures into the editor's sentence: a shallow
clone or a missing revision is a message naming the revision and the fix, never a traceback."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

FULL_HASH = re.compile(r"[0-9a-f]{40}")
TIMEOUT = 30  # seconds for one git call; a local repository answers in milliseconds
# SequenceMatcher is quadratic in the pairs it compares, and worse on repetitive input: 500 tokens
# of `a x a x …` against `x b x b …` take 1.2 s, 316 of them 0.3 s. The longest real paragraph
# has 313 tokens; past this many pairs (after the common start and end are set aside) a
# comparison is one replacement.
MAX_PAIRS = 100_000
JOIN_WITHIN = 2  # unchanged words between two changes that make them one
_TOKEN = re.compile(r"\w+|[^\w\s]")  # a word or one sign
FETCH_FIX = (
    "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in "
    "actions/checkout) and build again"
)


class HistoryError(Exception):
    """Git cannot give what the content names; str() is the editor's sentence with its fix."""


@dataclass(frozen=True)
class Commit:
    revision: str  # full hash
    date: str  # ISO date (YYYY-MM-DD) of the commit
    subject: str


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    # -c options keep a hostile repository's config (pagers, external diff drivers, textconv)
    # out of reach; GIT_* variables of the caller's environment would not apply to `root`.
    command = [
        "git",
        "-C",
        str(root),
        "-c",
        "core.pager=cat",
        "-c",
        "diff.external=",
        "--no-pager",
        *args,
    ]
    try:
        return subprocess.run(
            command,
            capture_output=True,
            timeout=TIMEOUT,
            env={"PATH": "/usr/bin:/bin", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise HistoryError(
            "git is not installed, and the document history is read from git — "
            "install git (apt-get install git)"
        ) from None
    except subprocess.TimeoutExpired:
        raise HistoryError(
            f"git did not answer within {TIMEOUT} s — check the repository "
            f"with `git -C {root} status`"
        ) from None


@cache
def is_repository(root: Path) -> bool:
    return _git(root, "rev-parse", "--git-dir").returncode == 0


@cache
def is_shallow(root: Path) -> bool:
    done = _git(root, "rev-parse", "--is-shallow-repository")
    return done.stdout.strip() == b"true"


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    """True when commit `older` is `newer` or one of its ancestors (`newer` may be HEAD)."""
    if not FULL_HASH.fullmatch(older) or not (FULL_HASH.fullmatch(newer) or newer == "HEAD"):
        return False
    return _git(root, "merge-base", "--is-ancestor", older, newer).returncode == 0


@cache
def has_revision(root: Path, revision: str) -> bool:
    """True when `revision` (a full hash) is a commit of this clone."""
    if not FULL_HASH.fullmatch(revision):
        return False
    return _git(root, "cat-file", "-e", f"{revision}^{{commit}}").returncode == 0


def missing_revision(root: Path, revision: str) -> str:
    """Why a revision cannot be read, and the fix (for messages)."""
    if not FULL_HASH.fullmatch(revision):
        return (
            f"`{revision}` is not a full commit hash — write the 40-character hash that "
            "`git log --format=%H -1` prints"
        )
    if not is_repository(root):
        return (
            f"revision {revision} cannot be read: this folder is not a git clone — build "
            "from a clone of the repository"
        )
    if is_shallow(root):
        return f"revision {revision} is not in this shallow clone — {FETCH_FIX}"
    return (
        f"revision {revision} is not a commit of this repository — use the hash of a commit "
        "of main (`git log --format=%H`)"
    )


def text_at(root: Path, revision: str, path: str) -> str | None:
    """The file `path` (relative to root, real location, not through a symlink) as it was at
    `revision`, or None when it did not exist then. HistoryError when the revision is missing."""
    if not has_revision(root, revision):
        raise HistoryError(missing_revision(root, revision))
    done = _git(root, "show", f"{revision}:{path}")
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def files_at(root: Path, revision: str, folder: str) -> list[str]:
    """Paths of the files under `folder` at `revision` (relative to root)."""
    if not has_revision(root, revision):
        raise HistoryError(missing_revision(root, revision))
    done = _git(
        root, "ls-tree", "-r", "--name-only", "-z", revision, "--", folder.rstrip("/") + "/"
    )
    return [p for p in done.stdout.decode("utf-8", errors="replace").split("\0") if p]


def commits(root: Path, path: str, limit: int = 200) -> list[Commit]:
    """Commits that changed `path`, newest first (empty outside a git clone)."""
    if not is_repository(root):
        return []
    done = _git(root, "log", f"--max-count={limit}", "--format=%H%x00%cs%x00%s", "--", path)
    rows = []
    for line in done.stdout.decode("utf-8", errors="replace").splitlines():
        revision, date, subject = (line.split("\0") + ["", ""])[:3]
        rows.append(Commit(revision, date, subject))
    return rows


def real_path(root: Path, path: Path) -> str:
    """Where git keeps `path`: docs/linee-guida is a link to guidelines/linee-guida."""
    return path.resolve().relative_to(root.resolve()).as_posix()


def opcodes(a: list, b: list, limit: int = MAX_PAIRS) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes (equal, replace, delete, insert) of two sequences, with bounded work: the
    common start and end are set aside in one linear pass, and when the rest would compare more
    than `limit` pairs it is one replacement."""
    shortest, start, end = min(len(a), len(b)), 0, 0
    while start < shortest and a[start] == b[start]:
        start += 1
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a_end, b_end = len(a) - end, len(b) - end
    ops = [("equal", 0, start, 0, start)]
    if (a_end - start) * (b_end - start) > limit:
        ops.append(("replace", start, a_end, start, b_end))
    else:
        matcher = SequenceMatcher(None, a[start:a_end], b[start:b_end], autojunk=False)
        ops += [
            (tag, i1 + start, i2 + start, j1 + start, j2 + start)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    ops.append(("equal", a_end, len(a), b_end, len(b)))
    return [op for op in ops if op[1] != op[2] or op[3] != op[4]]


def word_diff(old: str, new: str, limit: int = MAX_PAIRS) -> list[tuple[str, str]]:
    """Word-level comparison: (op, text) pieces, op "=" kept, "-" deleted, "+" inserted. The "="
    and "-" pieces joined give `old`, the "=" and "+" pieces `new`, with every run of spaces as
    one space. Words and signs are compared, not letters: `città,` → `città.` changes the sign."""
    a, b = _tokens(old), _tokens(new)
    keys_a, keys_b = [token.lstrip() for token in a], [token.lstrip() for token in b]
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _joined(opcodes(keys_a, keys_b, limit)):
        if tag == "equal":
            pieces.append(("=", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", "".join(b[j1:j2])))
    return pieces


def _joined(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Changes one or two unchanged words apart as one change: `<del>prima</del> giorno <ins>…`
    reads as confetti; `<del>giorno prima</del> <ins>primo giorno…</ins>` as an edit."""
    joined: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if op[0] != "equal" and joined and joined[-1][0] != "equal":
            joined[-1] = ("replace", joined[-1][1], op[2], joined[-1][3], op[4])
        elif (
            op[0] != "equal"
            and len(joined) > 1
            and joined[-1][2] - joined[-1][1] <= JOIN_WITHIN
            and joined[-2][0] != "equal"
        ):
            joined.pop()
            joined[-1] = ("replace", joined[-1][1], op[2], joined[-1][3], op[4])
        else:
            joined.append(op)
    return joined


def _tokens(text: str) -> list[str]:
    """Words and signs, each with one space before it where the text had any (spaces matched by the
    pattern itself would be rescanned from every position of a long run of them: quadratic)."""
    text = text.strip()
    return [
        (" " if m.start() and text[m.start() - 1].isspace() else "") + m[0]
        for m in _TOKEN.finditer(text)
    ]


def tracked_files(root: Path, folders: list[Path]) -> set[Path]:
    """Files under these folders that git tracks (none outside a git clone, or when git fails:
    the caller's other checks still apply)."""
    real = [str(f.resolve()) for f in folders if f.exists()]
    if not real:
        return set()
    try:
        done = _git(root, "ls-files", "-z", "--", *real)
    except HistoryError:
        return set()
    if done.returncode != 0:
        return set()
    return {
        (root / name).resolve()
        for name in done.stdout.decode("utf-8", "replace").split("\0")
        if name
    }
