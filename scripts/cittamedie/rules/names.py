"""Addresses and names that collide on other systems than the build's (content/names.py says when
two names are one): two pages whose addresses differ only in capitals or accents' encoding, a page
at the offline copy's not-found page, two cities with one city page.

The addresses of both builds count: the served site (x/index.html), which the pull request's
preview unpacks, and the offline copy (x.html), which readers unpack on Windows and macOS.
Addresses equal as written are rules/urls.py's.
"""

from __future__ import annotations

import unicodedata

from ..content.generated import NOT_FOUND_KEY, city_page, generated_files, generated_pages
from ..content.languages import LANGUAGES, language_root, page_url
from ..content.messages import say
from ..content.model import Site, slugify
from ..content.names import folded
from ..content.problems import Problem
from .data import CITY_FILES
from .run import Run

RULE = "name"


def check(site: Site, run: Run) -> list[Problem]:
    return _addresses(site) + _not_found(site) + _cities(site)


def _addresses(site: Site) -> list[Problem]:
    """Every page's addresses, folded: two that differ only in case or normalisation are one file
    once the site is unpacked on Windows or macOS."""
    owners: dict[str, dict[str, str]] = {}  # folded address → address → what is published there
    for source in site.sources:
        for directory_urls in (True, False):
            address = page_url(source.key, source.lang, directory_urls)
            owners.setdefault(folded(address), {}).setdefault(address, source.rel)
    for key, titles in generated_pages(site).items():
        for lang in titles:
            for directory_urls in (True, False):
                address = page_url(key, lang, directory_urls)
                owners.setdefault(folded(address), {}).setdefault(
                    address, say("the build's {key}", key=key)
                )
    for name in generated_files(site):
        owners.setdefault(folded(name), {}).setdefault(
            name, say("the build's file {name}", name=name)
        )
    editors = {source.rel for source in site.sources}
    clashes: dict[tuple[str, str], tuple[str, str]] = {}  # (file, other) → (its address, other's)
    for addresses in owners.values():
        for address, owner in addresses.items():
            for other, other_owner in addresses.items():
                if owner in editors and other != address and other_owner != owner:
                    clashes.setdefault((owner, other_owner), (address, other))
    return [
        Problem(
            owner,
            1,
            RULE,
            say(
                "this page's address /{address} and /{other} ({owner}) are one address on "
                "Windows and macOS, where the site is unpacked: they differ only in capitals or in "
                "how an accent is encoded",
                address=address,
                other=other,
                owner=other_owner,
            ),
            say(
                "rename this page's file (or folder) so that its address differs in its letters; "
                "names are lowercase"
            ),
        )
        for (owner, other_owner), (address, other) in sorted(clashes.items())
    ]


def _not_found(site: Site) -> list[Problem]:
    """The offline copy writes each language's not-found page at <language folder>404.html, the
    address a page named 404.md would have there (served, it would be at 404/)."""
    problems = []
    for source in site.sources:
        if source.key != NOT_FOUND_KEY:
            continue
        places = f"{language_root(LANGUAGES[0])}404.html"
        for lang in LANGUAGES[1:]:  # "a and b": the word said in the editor's language
            page = f"{language_root(lang)}404.html"
            places = say("{some} and {last}", some=places, last=page)
        problems.append(
            Problem(
                source.rel,
                1,
                RULE,
                say(
                    "this page would replace the offline copy's not-found page ({places}), which "
                    "the build writes",
                    places=places,
                ),
                say("rename the page, e.g. pagina-non-trovata.md"),
            )
        )
    return problems


def _cities(site: Site) -> list[Problem]:
    """Each city has a page of its own (content/generated.city_page, named by the slug of its name):
    names that differ only in capitals, accents or their encoding share it, and the build writes
    one over the other."""
    problems, seen = [], {}  # slug → (file, line, name) of the first city with it
    for name in CITY_FILES:
        lines = site.data_lines.get(name) or {}
        for i, city in enumerate(site.items(name)):
            value = city.get("name")
            if not isinstance(value, str):
                continue
            where = (f"data/{name}.yml", lines.get(f"cities.{i}.name", 1))
            slug = slugify(value)
            if not slug:
                problems.append(
                    Problem(
                        *where,
                        RULE,
                        say(
                            "the city `{city}` has no letter or digit of the Latin alphabet to "
                            "name its page",
                            city=value,
                        ),
                        say("write the city's Italian name"),
                        f"cities.{i}.name",
                    )
                )
                continue
            first = seen.setdefault(slug, (*where, value))
            if first[2] != value:
                problems.append(
                    Problem(
                        *where,
                        RULE,
                        say(
                            "the city `{city}` and `{other}` ({file}, line {line}) would have "
                            "one page, {page}/: {difference}",
                            city=value,
                            other=first[2],
                            file=first[0],
                            line=first[1],
                            page=city_page(value).removesuffix(".md"),
                            difference=_difference(value, first[2]),
                        ),
                        say(
                            "list each city once, spelt one way: remove this entry, or type its "
                            "name again if it is another city"
                        ),
                        f"cities.{i}.name",
                    )
                )
    return problems


def _difference(name: str, other: str) -> str:
    """How two names with one slug differ, in the editor's words."""
    if unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", other):
        return say("they look the same, but one writes an accent as a letter and a separate mark")
    if folded(name) == folded(other):
        return say("they differ only in capitals")
    return say("they differ only in accents or signs")
