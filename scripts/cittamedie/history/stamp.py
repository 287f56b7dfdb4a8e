"""The build's time: the one date every output that records one writes (the calendar's DTSTAMP,
the offline zip's entries, the sitemap's gzip header), so that two builds of one commit write the
same bytes. SOURCE_DATE_EPOCH when it is set (the reproducible-builds convention, which MkDocs and
other tools read too), else the time of the commit checked out (a build of uncommitted changes
says its commit's time), else now: a tree outside git."""

from __future__ import annotations

import datetime as dt
import os

from .git import HistoryError, Repository

VARIABLE = "SOURCE_DATE_EPOCH"


def build_time(repository: Repository) -> dt.datetime:
    """In UTC, to the second."""
    given = os.environ.get(VARIABLE, "").strip()
    seconds = int(given) if given.isdigit() else None
    if seconds is None:
        try:
            seconds = repository.head_time()
        except HistoryError:  # no git on the machine, or it did not answer: a tree outside git
            seconds = None
    if seconds is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    return dt.datetime.fromtimestamp(seconds, dt.UTC)
