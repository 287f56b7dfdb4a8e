"""Which Italian sections changed since the text a stale translation follows: the newest commit
whose Italian body has the translation's `translated_from` fingerprint, compared section by section
(sections.py) with today's text. Whether a translation is current at all is the content model's
answer (Site.translation_state): git is asked only about the stale ones."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from ..content.files import MAX_BYTES, Loaded, front_matter_end, normalize
from ..content.languages import SOURCE_LANGUAGE, TRANSLATIONS
from ..content.messages import say
from ..content.model import Site, Source, text_hash
from .git import Commit, HistoryError, Repository
from .git_words import FETCH_FIX, because
from .sections import Change, compare

# Commits of one Italian file read back for the text a translation follows, in one git process,
# and their bytes in all (200 commits of a 100 kB page): a page translated 200 revisions ago
# wants rereading whole anyway.
LOOK_BACK = 200
LOOK_BACK_BYTES = 20_000_000
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Comparison:
    """What changed in an Italian page since the text its stale translation follows."""

    key: str
    lang: str  # the translation's language
    italian: str  # the Italian file as editors find it (rel)
    translation: str  # the translation's file (rel)
    path: str  # the Italian file where git keeps it (not through a docs/ link)
    fingerprint: str  # the translation's translated_from
    base: Commit | None  # the newest commit whose Italian body has that fingerprint
    changes: tuple[Change, ...] = ()
    reason: str = ""  # without a base: why the sections are unknown, and the fix
    titles: dict[str, str] = field(default_factory=dict)  # heading id → the translation's title
    base_updated: str = ""  # the base text's `updated`, when it is a real date (YYYY-MM-DD)


def stale_comparisons(site: Site, git: Repository) -> dict[tuple[str, str], Comparison]:
    """(key, language) → Comparison of every translation that follows an older Italian text. Pages
    whose translation is current cost one comparison of two hashes and no git call."""
    found = {}
    for key in site.keys():
        for lang in TRANSLATIONS:
            if site.translation_state(key, lang) == "stale":
                found[key, lang] = _compare(
                    git, site.get(key, SOURCE_LANGUAGE), site.get(key, lang)
                )
    return found


def _compare(git: Repository, italian: Source, translation: Source) -> Comparison:
    path = git.real_path(italian.path)
    mark = translation.meta["translated_from"]
    titles = {h.id: h.text for h in translation.headings if h.id}
    base, loaded, reason = find_base(git, path, mark)
    changes = tuple(compare(loaded.body, italian.body)) if loaded else ()
    return Comparison(
        italian.key,
        translation.lang,
        italian.rel,
        translation.rel,
        path,
        mark,
        base,
        changes,
        reason,
        titles,
        _real_date(loaded.meta.get("updated")) if loaded and loaded.ok else "",
    )


def find_base(
    git: Repository, path: str, fingerprint: str, limit: int = LOOK_BACK
) -> tuple[Commit | None, Loaded | None, str]:
    """(commit, the text, "") of the newest commit of `path` whose body hashes to `fingerprint`,
    or (None, None, why not with the fix). Never raises: git's failures are reasons. The text was
    never validated (any commit can be named, by a fingerprint anyone can compute): its fields
    are read with care.

    Bounded by counting: at most `limit` commits, read in one git process, and no more than
    LOOK_BACK_BYTES of them (their sizes are asked first); each body is hashed without reading
    its front matter's YAML, which only the text found is parsed for."""
    try:
        commits = git.commits(path, limit)
        sizes = git.sizes([(commit.revision, path) for commit in commits])
        totals = itertools.accumulate(sizes.get((c.revision, path)) or 0 for c in commits)
        searched = [c for c, total in zip(commits, totals, strict=True) if total <= LOOK_BACK_BYTES]
        git.read_ahead([(commit.revision, path) for commit in searched])
        for commit in searched:
            if _body_hash(git.text_at(commit.revision, path), path) == fingerprint:
                return commit, git.source_at(commit.revision, path), ""
    except HistoryError as exc:
        return None, None, exc.said
    cut = len(searched) < len(commits)
    return (
        None,
        None,
        _not_found(git, path, fingerprint, len(searched), len(searched) if cut else limit),
    )


def _body_hash(text: str | None, path: str) -> str:
    """The fingerprint of a page's body as the loader splits it, or "" when it has none."""
    if text is None or len(text) > MAX_BYTES:
        return ""
    lines = normalize(text).split("\n")
    end, problem = front_matter_end(lines, path)
    return "" if problem else text_hash("\n".join(lines[end + 1 :]))


def _real_date(value) -> str:
    """`value` when it is a date that exists, written YYYY-MM-DD; else ""."""
    if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return ""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return ""
    return value


def _not_found(git: Repository, path: str, fingerprint: str, searched: int, limit: int) -> str:
    # whole sentences, one per case: the part they share reads differently in another language
    if not git.is_repository():
        return because(
            say(
                "this folder is not a git clone, and the text a translation follows is read from git"
            ),
            say("run the command in a clone of the repository"),
        )
    if not searched:
        return because(
            say("git has no commit of {path}", path=path),
            say("commit the Italian page, then compare again"),
        )
    if git.is_shallow():
        return because(
            say(
                "the Italian text this translation follows (translated_from: {fingerprint}) is in "
                "none of the {count} commit(s) of {path} in this shallow clone",
                fingerprint=fingerprint,
                count=searched,
                path=path,
            ),
            FETCH_FIX,
        )
    if searched >= limit:
        return because(
            say(
                "the Italian text this translation follows (translated_from: {fingerprint}) is in "
                "none of the last {count} commits of {path} (the search stops there)",
                fingerprint=fingerprint,
                count=searched,
                path=path,
            ),
            _CHECK_WHOLE,
        )
    return because(
        say(
            "the Italian text this translation follows (translated_from: {fingerprint}) is in none "
            "of the {count} commit(s) of {path}: it was marked on a text never committed, or the "
            "file was moved",
            fingerprint=fingerprint,
            count=searched,
            path=path,
        ),
        _CHECK_WHOLE,
    )


_CHECK_WHOLE = say("check the whole translation, then mark it current")
