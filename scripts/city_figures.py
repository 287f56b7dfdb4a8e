"""What the 39 cities' pages say: figures, no assertions.

    .venv/bin/python scripts/city_figures.py

For each city data/city-details.yml says something of: its statements (how many from the press,
marked unverified on its page), the meetings that name it, and how many of an adopting body's items
(allocation, funded projects, the Protocollo's signature, the office to contact) are published.
Then how many cities have nothing specific, whose page says "not yet published" for every item,
and the programme-wide statements every page shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from cittamedie.content.load import load_site  # noqa: E402
from cittamedie.site.parts.city import BODY_FIELDS, details_of, published  # noqa: E402


def main() -> int:
    site = load_site(ROOT, ROOT / "docs")
    cities, quiet = site.items("cities"), 0
    for city in cities:
        details = details_of(site, city["id"])
        facts = details.get("facts") or []
        if not (facts or details.get("events") or published(details)):
            quiet += 1
            continue
        press = sum(1 for fact in facts if fact.get("press"))
        print(
            f"{city['name']}: {len(facts)} statement(s), {press} from the press; "
            f"{len(details.get('events') or [])} meeting(s); "
            f"{published(details)} of {len(BODY_FIELDS)} items published"
        )
    print(
        f"cities with nothing specific (every item 'not yet published'): {quiet} of {len(cities)}"
    )
    programme = (site.data.get("city-details") or {}).get("programme") or []
    press = sum(1 for fact in programme if fact.get("press"))
    print(f"programme-wide statements on every page: {len(programme)}, {press} from the press")
    return 0


if __name__ == "__main__":
    sys.exit(main())
