"""data/city-details.yml names real cities and events: each entry's id is a city of data/cities.yml
(its page is written from both files), each of its events an id of data/events.yml. An id listed
twice is data.py's (UNIQUE)."""

from __future__ import annotations

from ..content.messages import say
from ..content.model import Site
from ..content.problems import Problem
from ..content.suggest import closest_ids, did_you_mean, shown
from .run import Run

FILE = "data/city-details.yml"


def check(site: Site, run: Run) -> list[Problem]:
    if not all(name in site.data for name in ("city-details", "cities", "events")):
        return []  # a broken file is reported on its own; checking against it would mislead
    lines = site.data_lines.get("city-details") or {}
    cities = {c["id"]: [c["name"]] for c in site.items("cities")}
    events = {e["id"]: [e["title"]["it"], e["title"]["en"]] for e in site.items("events")}
    problems = []
    for i, entry in enumerate(site.items("city-details")):
        if entry["id"] not in cities:
            problems.append(
                Problem(
                    FILE,
                    lines.get(f"cities.{i}.id", 1),
                    "data",
                    say("`{id}` is not the id of a city of data/cities.yml", id=entry["id"]),
                    did_you_mean(
                        [shown(name) for name in closest_ids(entry["id"], cities)],
                        say("write the id of one of the 39 cities, as data/cities.yml has it"),
                    ),
                    f"cities.{i}.id",
                )
            )
        for j, event in enumerate(entry.get("events") or []):
            if event not in events:
                problems.append(
                    Problem(
                        FILE,
                        lines.get(f"cities.{i}.events.{j}", lines.get(f"cities.{i}.events", 1)),
                        "data",
                        say("`{id}` is not the id of an event of data/events.yml", id=event),
                        did_you_mean(
                            [shown(name) for name in closest_ids(event, events)],
                            say("write the id of an event, as data/events.yml has it"),
                        ),
                        f"cities.{i}.events.{j}",
                    )
                )
    return problems
