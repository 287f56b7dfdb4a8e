"""The file of the repository each page is made from, and the link that opens it in GitHub's editor.

Material's edit_uri joins one folder and the page's name: here that would miss the linked
folders (docs/linee-guida is guidelines/linee-guida), the English `.en.md` files, the English
pages that show the Italian text, and the theme and city pages the build writes from data files.
"""

from __future__ import annotations

from ..content.generated import city_page, theme_page
from ..content.identity import Identity
from ..content.model import Site, split_language
from ..content.strings import t

# The data file a generated page comes from: (file, list in the model, the page of one entry).
GENERATED_FROM = (
    ("data/themes.yml", "themes", lambda item: theme_page(item["id"])),
    ("data/cities.yml", "cities", lambda item: city_page(item["name"])),
    ("data/case-cities.yml", "case-cities", lambda item: city_page(item["name"])),
)


def source_file(site: Site, src_uri: str, lang: str) -> tuple[str, str] | None:
    """(path in the repository, kind) of what the page at src_uri shows in lang: kind is "page"
    (its own file), "fallback" (the Italian file, shown where no translation exists) or "data"
    (a page the build writes from a data file); None when the page comes from nowhere we know."""
    key, file_lang = split_language(src_uri)
    source = site.get(key, file_lang)
    if source is not None:
        return source.rel, "page" if source.lang == lang else "fallback"
    for path, name, page_of in GENERATED_FROM:
        if any(page_of(item) == key for item in site.items(name) if isinstance(item, dict)):
            return path, "data"
    return None


def link(site: Site, identity: Identity, src_uri: str, lang: str) -> dict | None:
    """The edit button of a page (partials/actions.html): address and accessible name."""
    found = source_file(site, src_uri, lang)
    if found is None:
        return None
    path, kind = found
    label = {
        "page": t("identity.edit", lang),
        "fallback": t("identity.edit_source", lang),
        "data": t("identity.edit_data", lang, file=path),
    }[kind]
    return {"href": identity.edit_url(path), "label": label, "path": path, "kind": kind}
