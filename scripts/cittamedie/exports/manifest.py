"""The build manifest: every document, its pages in order and its metadata, per language.

Written by the site build; the PDF export reads it (and the built HTML) without MkDocs.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..content.generated import CATALOGUE_PAGE, CATALOGUE_PDF, WHOLE_GUIDE, practices
from ..content.model import LANGUAGES, Site
from ..content.strings import t
from ..history.versions import earlier_entries

MANIFEST = "manifest.json"


def _pages(site: Site, keys: list[str], lang: str) -> list[dict]:
    """The pages that exist, in order, as the PDF export needs them."""
    pages = []
    for key in keys:
        shown = site.shown(key, lang)
        if shown:
            url = site.url(key, lang)
            pages.append(
                {
                    "key": key,
                    "url": url,
                    "file": url if url.endswith(".html") else url + "index.html",
                    "title": shown.title,
                    "lang": shown.lang,
                }
            )
    return pages


def _folder(site: Site, folder: str) -> list[str]:
    doc = next((d for d in site.documents.values() if d.folder == folder), None)
    if doc:
        return doc.chapters
    index = f"{folder}/index.md"
    cases = [s.key for s in practices(site, "it") if s.key.startswith(folder + "/")]
    return [index, *cases]


def documents(site: Site, lang: str, whole_guide: list[str]) -> list[dict]:
    out = []
    for doc in site.documents.values():
        meta = doc.meta
        out.append(
            {
                "id": doc.id,
                "pdf": meta.get("pdf") or doc.id,
                "lang": lang,
                "title": doc.title(lang),
                "description": (meta.get("description") or {}).get(lang, ""),
                "status": meta["status"],
                "version": meta["version"],
                "updated": meta["updated"],
                "draft": doc.is_draft,
                "pages": _pages(site, doc.chapters, lang),
                "earlier": earlier_entries(site, doc, lang),
            }
        )  # PDFs of earlier versions, from git
    catalogue = site.shown(CATALOGUE_PAGE, lang)
    cases = _folder(site, "buone-pratiche")
    newest = max(
        (site.get(k, "it").meta.get("updated", "") for k in cases if site.get(k, "it")), default=""
    )
    out.append(
        {
            "id": CATALOGUE_PDF,
            "pdf": CATALOGUE_PDF,
            "lang": lang,
            "title": catalogue.title if catalogue else t("catalogue", lang),
            "description": t("catalogue", lang),
            "status": None,
            "version": None,
            "updated": newest,
            "draft": False,
            "pages": _pages(site, cases, lang),
        }
    )
    keys = [
        k
        for item in whole_guide
        for k in (_folder(site, item) if not item.endswith(".md") else [item])
    ]
    drafts = [d for d in out if d["draft"]]
    out.append(
        {
            "id": WHOLE_GUIDE,
            "pdf": WHOLE_GUIDE,
            "lang": lang,
            "title": t("whole_guide", lang),
            "description": t("whole_guide", lang),
            "status": "bozza" if drafts else None,
            "version": None,
            "updated": max(d["updated"] for d in out),
            "draft": bool(drafts),
            "pages": _pages(site, keys, lang),
        }
    )
    return out


def write(site: Site, site_dir: Path, site_url: str, whole_guide: list[str]) -> Path:
    manifest = {
        "site_url": site_url,
        "languages": list(LANGUAGES),
        "documents": [
            d for lang in LANGUAGES for d in documents(site, lang, whole_guide) if d["pages"]
        ],
    }
    path = site_dir / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return path
