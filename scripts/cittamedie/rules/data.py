"""The data files agree with themselves and with the cases: unique ids, real cities, ordered dates.

The schemas check each value on its own; these checks need two values at once. Data files that
failed their schema are not in site.data and are skipped here (their errors are reported already).
"""

from __future__ import annotations

from ..content.messages import say
from ..content.model import DATA_LISTS, Site
from ..content.problems import Problem
from ..content.suggest import closest_ids, did_you_mean, shown
from .run import Run

# data file → the field that names each item, which must be unique within the file.
UNIQUE = {
    "themes": ("id",),
    "programmes": ("id",),
    "priorities": ("number",),
    "events": ("id",),
    "glossary": ("abbr",),
    "cities": ("id", "name"),
    "case-cities": ("id", "name"),
    "city-details": ("id",),
}
CITY_FILES = ("cities", "case-cities")  # a case's city is one of these (the 39, or a case city)


def check(site: Site, run: Run) -> list[Problem]:
    return _unique(site) + _codes(site) + _events(site) + _practices(site)


def _line(site: Site, name: str, field: str) -> int:
    return (site.data_lines.get(name) or {}).get(field, 1)


def _unique(site: Site) -> list[Problem]:
    problems = []
    for name, fields in UNIQUE.items():
        list_key = DATA_LISTS.get(name, name)
        for field in fields:
            first: dict[object, int] = {}
            for i, item in enumerate(site.items(name)):
                value, line = item.get(field), _line(site, name, f"{list_key}.{i}.{field}")
                if value in first:
                    problems.append(
                        Problem(
                            f"data/{name}.yml",
                            line,
                            "data",
                            say(
                                "the {field} `{value}` is listed twice (first on line {line})",
                                field=field,
                                value=value,
                                line=first[value],
                            ),
                            say(
                                "keep one of the two, or give each item its own {field}",
                                field=field,
                            ),
                            f"{list_key}.{i}.{field}",
                        )
                    )
                else:
                    first[value] = line
    # the region of a city must not depend on which list it is read from
    ours = {c.get("name"): c for c in site.items("cities")}
    for i, city in enumerate(site.items("case-cities")):
        if city.get("name") in ours:
            problems.append(
                Problem(
                    "data/case-cities.yml",
                    _line(site, "case-cities", f"cities.{i}.name"),
                    "data",
                    say(
                        "`{city}` is one of the 39 cities of data/cities.yml already",
                        city=city.get("name"),
                    ),
                    say("remove it from this file"),
                    f"cities.{i}.name",
                )
            )
    return problems


def _codes(site: Site) -> list[Problem]:
    """A city's code starts its cases' file names (`cittamedie new`): one city per code, across both
    lists, or two cities' cases would share a prefix and `new` could not tell them apart."""
    problems = []
    first: dict[str, tuple[str, str, int]] = {}  # code → (city, its file, its line)
    for name in CITY_FILES:
        for i, city in enumerate(site.items(name)):
            code, line = city.get("code"), _line(site, name, f"cities.{i}.code")
            if not isinstance(code, str):
                continue  # the schema reports it
            if code in first:
                owner, where, at = first[code]
                problems.append(
                    Problem(
                        f"data/{name}.yml",
                        line,
                        "data",
                        say(
                            "the code `{code}` is {city}'s already (data/{file}.yml, line {line})",
                            code=code,
                            city=owner,
                            file=where,
                            line=at,
                        ),
                        say(
                            "give each city a code of its own, two or three lowercase letters "
                            "not used by another city: it starts the file names of the city's "
                            "cases"
                        ),
                        f"cities.{i}.code",
                    )
                )
            else:
                first[code] = (city.get("name"), name, line)
    return problems


def _events(site: Site) -> list[Problem]:
    problems = []
    for i, event in enumerate(site.items("events")):
        start, end = event.get("start"), event.get("end")
        if (
            isinstance(start, str) and isinstance(end, str) and end < start
        ):  # ISO dates sort as text
            problems.append(
                Problem(
                    "data/events.yml",
                    _line(site, "events", f"events.{i}.end"),
                    "data",
                    say(
                        "the event `{id}` ends on {end}, before it starts on {start}",
                        id=event.get("id"),
                        end=end,
                        start=start,
                    ),
                    say("write the last day of the event as end, on or after start"),
                    f"events.{i}.end",
                )
            )
    return problems


def _practices(site: Site) -> list[Problem]:
    if not all(name in site.data for name in CITY_FILES):
        return []  # a broken city list is reported on its own; checking against it would mislead
    region_of = {c["name"]: c["region"] for name in CITY_FILES for c in site.items(name)}
    # a city is written by its name, the label the site shows; its id is compared too (`reggio-calabria`)
    ids_of = {c["name"]: [str(c.get("id", ""))] for name in CITY_FILES for c in site.items(name)}
    problems = []
    for source in site.sources:
        if source.kind != "good-practice" or not source.ok:
            continue
        city, region = source.meta.get("city"), source.meta.get("region")
        if city not in region_of:
            problems.append(
                Problem(
                    source.rel,
                    source.line_of("city"),
                    "data",
                    say(
                        "`{city}` is not a city of data/cities.yml or data/case-cities.yml",
                        city=city,
                    ),
                    did_you_mean(
                        [shown(name) for name in closest_ids(city, ids_of)],
                        say(
                            "use one of: {cities}; a new city of a case goes in "
                            "data/case-cities.yml, with its region",
                            cities=", ".join(sorted(region_of)),
                        ),
                    ),
                    "city",
                )
            )
        elif region != region_of[city]:
            problems.append(
                Problem(
                    source.rel,
                    source.line_of("region"),
                    "data",
                    say(
                        "{city} is in {region}, not in `{written}`",
                        city=city,
                        region=region_of[city],
                        written=region,
                    ),
                    say("write region: {region}", region=region_of[city]),
                    "region",
                )
            )
        period = source.meta.get("period") or {}
        if isinstance(period.get("end"), int) and period["end"] < period["start"]:
            problems.append(
                Problem(
                    source.rel,
                    source.line_of("period.end"),
                    "data",
                    say(
                        "the period ends in {end}, before it starts in {start}",
                        end=period["end"],
                        start=period["start"],
                    ),
                    say("write the last year as end, on or after start, or end: null"),
                    "period.end",
                )
            )
    return problems
