"""The file of the repository each page is made from, and the link that opens it in GitHub's editor.

Material's edit_uri joins one folder and the page's name: here that would miss the linked folders
(docs/linee-guida is guidelines/linee-guida), the translations' suffixed files, the translated pages
that show the Italian text, and the theme and city pages the build writes from data files.
"""

from __future__ import annotations

from ..content.generated import data_file_of
from ..content.identity import Identity
from ..content.languages import split_language
from ..content.model import Site
from ..content.strings import t


def source_file(site: Site, src_uri: str, lang: str) -> tuple[str, str] | None:
    """(path in the repository, kind) of what the page at src_uri shows in lang: kind is "page"
    (its own file), "fallback" (the Italian file, shown where no translation exists) or "data"
    (a page the build writes from a data file); None when the page comes from nowhere we know."""
    key, file_lang = split_language(src_uri)
    source = site.get(key, file_lang)
    if source is not None:
        return source.rel, "page" if source.lang == lang else "fallback"
    data = data_file_of(site, key)
    return (data, "data") if data else None


def link(site: Site, identity: Identity, src_uri: str, lang: str) -> dict | None:
    """The edit button of a page (partials/actions.html): address and accessible name."""
    found = source_file(site, src_uri, lang)
    if found is None or not identity.repository:  # no repository: no edit button (identity.py)
        return None
    path, kind = found
    label = {
        "page": t("identity.edit", lang),
        "fallback": t("identity.edit_source", lang),
        "data": t("identity.edit_data", lang, file=path),
    }[kind]
    return {"href": identity.edit_url(path), "label": label, "path": path, "kind": kind}
