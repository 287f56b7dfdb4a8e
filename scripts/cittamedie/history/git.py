"""The content's past, read from git: the one module that runs git (ARCHITECTURE.md, "Documents
over time").

Versions name a commit by its full hash (tags do not travel with every clone). Every call is
read-only, bounded by a timeout, and turns git's failures into the editor's sentence: a shallow
clone or a missing revision is a message naming the revision and the fix, never a traceback.

A Repository remembers git's answers for its life: one per build or validation run (so `mkdocs
serve` sees a new commit at its next rebuild). Reading `git status`'s answer is git_status.py's.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..content.files import MAX_BYTES, Loaded, normalize, parse_markdown
from ..content.messages import say
from ..content.problems import Problem
from . import git_status as status
from . import git_words as words

FULL_HASH = re.compile(r"[0-9a-f]{40}")
TIMEOUT = 30  # seconds for one git call; a local repository answers in milliseconds

# What text_at answers for a file over MAX_BYTES, which is never read: one string, as long as the
# callers' size checks expect (source_at, versions._meta), shared by every such answer.
OVERSIZE = "\x00" * (MAX_BYTES + 1)


class HistoryError(Exception):
    """Git cannot give what the content names; str() is the editor's sentence with its fix, in
    English; `said` is that sentence as git_words.because() made it (reason_and_fix splits it)."""

    @property
    def said(self) -> str:
        return self.args[0] if self.args else ""


@dataclass(frozen=True)
class Commit:
    revision: str  # full hash
    date: str  # ISO date (YYYY-MM-DD) of the commit
    subject: str


@dataclass
class Repository:
    """The git clone at `root`, asked read-only; answers kept for the life of the object."""

    root: Path
    _answers: dict = field(default_factory=dict, repr=False)

    def is_repository(self) -> bool:
        return self._remember(
            ("repository",), lambda: self._git("rev-parse", "--git-dir").returncode == 0
        )

    def is_shallow(self) -> bool:
        return self._remember(
            ("shallow",),
            lambda: self._git("rev-parse", "--is-shallow-repository").stdout.strip() == b"true",
        )

    def has_revision(self, revision: str) -> bool:
        """True when `revision` (a full hash) is a commit of this clone."""
        if not FULL_HASH.fullmatch(revision):
            return False
        return self._remember(
            ("revision", revision),
            lambda: self._git("cat-file", "-e", f"{revision}^{{commit}}").returncode == 0,
        )

    def is_ancestor(self, older: str, newer: str) -> bool:
        """True when commit `older` is `newer` or one of its ancestors (`newer` may be HEAD)."""
        if not FULL_HASH.fullmatch(older) or not (FULL_HASH.fullmatch(newer) or newer == "HEAD"):
            return False
        if (
            newer == "HEAD"
        ):  # every commit of the branch listed once, for all the questions of a run
            return older in self._remember(("head",), self._commits_of_head)
        return self._git("merge-base", "--is-ancestor", older, newer).returncode == 0

    def check_revisions(self, revisions: list[str]) -> None:
        """Ask git about many revisions in one `git cat-file --batch-check`, for has_revision."""
        wanted = [
            r
            for r in dict.fromkeys(revisions)
            if FULL_HASH.fullmatch(r) and ("revision", r) not in self._answers
        ]
        if not wanted or not self.is_repository():
            return
        done = self._git(
            "cat-file", "--batch-check", given="".join(f"{r}^{{commit}}\n" for r in wanted).encode()
        )
        answers = done.stdout.decode("utf-8", "replace").splitlines()
        if len(answers) == len(wanted):
            for revision, answer in zip(wanted, answers, strict=True):
                self._answers["revision", revision] = (
                    answer.endswith(" commit") or " commit " in answer
                )

    def commit_date(self, revision: str) -> str | None:
        """The ISO date (YYYY-MM-DD, the committer's) of a commit, or None when git cannot give it."""
        self.commit_dates([revision])
        return self._answers.get(("date", revision))

    def commit_dates(self, revisions: list[str]) -> None:
        """Ask git for many commits' dates in one `git log --no-walk`, for commit_date."""
        wanted = [
            r
            for r in dict.fromkeys(revisions)
            if ("date", r) not in self._answers and self.has_revision(r)
        ]
        if not wanted:
            return
        done = self._git("log", "--no-walk=unsorted", "--format=%H %cs", *wanted, "--")
        for line in done.stdout.decode("ascii", "replace").splitlines():
            revision, _, date = line.partition(" ")
            if revision in wanted:
                self._answers["date", revision] = date

    def head_time(self) -> int | None:
        """When the commit checked out was made (committer time, in seconds), or None outside git."""
        done = self._git("log", "-1", "--format=%ct", "HEAD")
        text = done.stdout.decode("ascii", "replace").strip()
        return int(text) if done.returncode == 0 and text.isdigit() else None

    def missing_revision(self, revision: str) -> str:
        """Why a revision cannot be read, and the fix (for messages)."""
        if not FULL_HASH.fullmatch(revision):
            return words.not_full_hash(revision)
        if not self.is_repository():
            return words.not_a_clone(revision)
        if self.is_shallow():
            return words.not_in_shallow_clone(revision)
        return words.not_a_commit(revision)

    def text_at(self, revision: str, path: str) -> str | None:
        """The file `path` (relative to root, where git keeps it, not through a docs/ link) as it
        was at `revision`, or None when it did not exist then; OVERSIZE when it is over MAX_BYTES
        (never read). HistoryError when the revision is missing."""
        if not self.has_revision(revision):
            raise HistoryError(self.missing_revision(revision))
        self.read_ahead([(revision, path)])
        return self._answers.get(("text", revision, path))

    def read_ahead(self, wanted: list[tuple[str, str]]) -> None:
        """Read many (revision, path) texts in one `git cat-file --batch`, for text_at to answer
        from: one process instead of one per file (a document's versions are dozens of files).
        Their sizes are asked first: a file over MAX_BYTES is never read (git stores a gigabyte
        of one letter in a few kilobytes)."""
        wanted = [
            (r, p)
            for r, p in dict.fromkeys(wanted)
            if ("text", r, p) not in self._answers and self.has_revision(r)
        ]
        sizes = self.sizes(wanted)
        for key in wanted:
            if sizes.get(key) is None or sizes[key] > MAX_BYTES:
                self._answers["text", *key] = None if sizes.get(key) is None else OVERSIZE
        self._answers.update(
            (("text", *key), text)
            for key, text in self._batch(
                [key for key in wanted if ("text", *key) not in self._answers]
            ).items()
        )

    def sizes(self, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], int | None]:
        """(revision, path) → the file's size in bytes, None when it did not exist then (one
        `git cat-file --batch-check`, nothing read)."""
        if not wanted:
            return {}
        done = self._git(
            "cat-file", "--batch-check", given="".join(f"{r}:{p}\n" for r, p in wanted).encode()
        )
        answers = done.stdout.split(b"\n")
        found = {}
        for key, answer in zip(wanted, answers, strict=False):
            header = answer.split()
            blob = len(header) == 3 and header[1] == b"blob" and header[2].isdigit()
            found[key] = int(header[2]) if blob else None
        return found

    def _batch(self, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
        """(revision, path) → text, in one `git cat-file --batch` (what git gives before it stops)."""
        if not wanted:
            return {}
        done = self._git(
            "cat-file", "--batch", given="".join(f"{r}:{p}\n" for r, p in wanted).encode()
        )
        out, at, found = done.stdout, 0, {}
        for key in wanted:
            end = out.find(b"\n", at)
            if end == -1:
                break  # git stopped early
            header = out[at:end].split()
            if header[-1:] == [b"missing"] or len(header) != 3 or header[1] != b"blob":
                found[key] = None
                at = end + 1
                continue
            size = int(header[2])
            found[key] = out[end + 1 : end + 1 + size].decode("utf-8", errors="replace")
            at = end + 1 + size + 1  # the content, then a line end
        return found

    def source_at(self, revision: str, path: str) -> Loaded | None:
        """A page as it was at `revision`, split like a file on disk (content/files.py): None when
        it did not exist then; not `ok`, with the reason, when it cannot be read."""
        text = self.text_at(revision, path)
        if text is None:
            return None
        if len(text) > MAX_BYTES:
            return Loaded(
                problems=[Problem(path, 0, "file", say("the file is over the size limit"), "")],
                ok=False,
            )
        return parse_markdown(normalize(text), path)

    def commits(self, path: str, limit: int = 200) -> list[Commit]:
        """Commits that changed `path`, newest first (empty outside a git clone)."""
        if not self.is_repository():
            return []
        done = self._git("log", f"--max-count={limit}", "--format=%H%x00%cs%x00%s", "--", path)
        rows = []
        for line in done.stdout.decode("utf-8", errors="replace").splitlines():
            revision, date, subject = (line.split("\0") + ["", ""])[:3]
            rows.append(Commit(revision, date, subject))
        return rows

    def last_change(self, folder: str, leaving_out: str) -> Commit | None:
        """The newest commit of the branch that changed a file of `folder` other than
        `leaving_out` (a document's text, not its document.yml); None when there is none."""
        done = self._git(
            "log", "-1", "--format=%H%x00%cs%x00%s", "--", folder, f":(exclude){leaving_out}"
        )
        parts = done.stdout.decode("utf-8", errors="replace").strip().split("\0")
        return Commit(*parts) if done.returncode == 0 and len(parts) == 3 else None

    def uncommitted(self, folder: str) -> list[str]:
        """The files of `folder` that differ from the last commit (edited, staged, new; not those
        .gitignore leaves out); empty outside a git clone."""
        done = self._git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", folder)
        if done.returncode != 0 and self.is_repository():
            raise HistoryError(words.state_unknown(folder, self.root))
        return status.changed_files(done.stdout)

    def file_state(self, path: str) -> str | None:
        """How git holds the file `path` (where git keeps it) against the last commit: "" when
        committed as it is; "changed" (edited or staged since), "new" (never committed) or
        "ignored" (.gitignore); None outside a git clone."""
        if not self.is_repository():
            return None
        shown = ("--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching")
        done = self._git("status", *shown, "--", path)
        if done.returncode != 0:
            raise HistoryError(words.state_unknown(path, self.root))
        return status.state_of(done.stdout, path)

    def real_path(self, path: Path) -> str:
        """Where git keeps `path`: docs/linee-guida is a link to guidelines/linee-guida."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def tracked_files(self, folders: list[Path]) -> set[Path]:
        """Files under these folders that git tracks (none outside a git clone, or when git fails:
        the caller's other checks still apply)."""
        real = [str(folder.resolve()) for folder in folders if folder.exists()]
        if not real:
            return set()
        try:
            done = self._git("ls-files", "-z", "--", *real)
        except HistoryError:
            return set()
        if done.returncode != 0:
            return set()
        names = done.stdout.decode("utf-8", "replace").split("\0")
        return {(self.root / name).resolve() for name in names if name}

    def _commits_of_head(self) -> frozenset[str]:
        done = self._git("rev-list", "HEAD")
        return (
            frozenset(done.stdout.decode("ascii", "replace").split())
            if done.returncode == 0
            else frozenset()
        )

    def _remember(self, key: tuple, ask):
        if key not in self._answers:
            self._answers[key] = ask()
        return self._answers[key]

    def _git(self, *args: str, given: bytes | None = None) -> subprocess.CompletedProcess:
        # -c options keep a hostile repository's config (pagers, external diff drivers, textconv)
        # out of reach; GIT_* variables of the caller's environment would not apply to `root`.
        command = [
            "git",
            "-C",
            str(self.root),
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
                input=given,
                capture_output=True,
                timeout=TIMEOUT,
                env={"PATH": "/usr/bin:/bin", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"},
            )
        except FileNotFoundError:
            raise HistoryError(words.NO_GIT) from None
        except subprocess.TimeoutExpired:
            raise HistoryError(words.no_answer(TIMEOUT, self.root)) from None
