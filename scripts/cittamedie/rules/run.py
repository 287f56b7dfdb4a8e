"""What one validation run hands every rule besides the content: the day, and the git clone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..history.git import Repository


@dataclass(frozen=True)
class Run:
    today: dt.date
    git: Repository
