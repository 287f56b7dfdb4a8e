"""The build manifest: every document, its pages in order and its metadata, per language; and the
earlier versions of each document, their chapters named where git keeps them.

The site build writes it (site/finish.py); the PDF export reads it and the built HTML, without
MkDocs and without the content model.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..content.generated import CATALOGUE_PAGE, CATALOGUE_PDF, MANIFEST, WHOLE_GUIDE, earlier_pdfs
from ..content.languages import LANGUAGES, SOURCE_LANGUAGE
from ..content.model import Document, Site
from ..content.strings import t
from ..history.versions import DocumentHistory


def write(
    site: Site,
    histories: dict[str, DocumentHistory],
    site_dir: Path,
    site_url: str,
    whole_guide: list[str],
) -> Path:
    manifest = {
        "site_url": site_url,
        "languages": list(LANGUAGES),
        "documents": [
            document
            for lang in LANGUAGES
            for document in documents(site, histories, lang, whole_guide)
            if document["pages"]
        ],
    }
    path = site_dir / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return path


def documents(
    site: Site, histories: dict[str, DocumentHistory], lang: str, whole_guide: list[str]
) -> list[dict]:
    out = []
    for doc in site.documents.values():
        meta = doc.meta
        out.append(
            {
                "id": doc.id,
                "pdf": doc.pdf,
                "lang": lang,
                "title": doc.title(lang),
                "description": (meta.get("description") or {}).get(lang, ""),
                "status": meta["status"],
                "version": meta["version"],
                "updated": meta["updated"],
                "draft": doc.is_draft,
                "pages": _pages(site, doc.chapters, lang),
                "earlier": _earlier(
                    site, doc, histories.get(doc.id), lang
                ),  # PDFs of earlier versions
            }
        )
    catalogue = site.shown(CATALOGUE_PAGE, lang)
    cases = _folder(site, "buone-pratiche")
    newest = max(
        (
            site.get(k, SOURCE_LANGUAGE).meta.get("updated", "")
            for k in cases
            if site.get(k, SOURCE_LANGUAGE)
        ),
        default="",
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
                    "source": shown.rel,  # the editor's file, named by the PDF export's messages
                }
            )
    return pages


def _folder(site: Site, folder: str) -> list[str]:
    doc = next((d for d in site.documents.values() if d.folder == folder), None)
    if doc:
        return doc.chapters
    cases = [s.key for s in site.cases() if s.key.startswith(folder + "/")]
    return [f"{folder}/index.md", *cases]


def _earlier(site: Site, doc: Document, history: DocumentHistory | None, lang: str) -> list[dict]:
    """The PDF of each earlier version in lang: its chapters are read from git by the PDF export
    (`revision` and `git`, the file where git keeps it)."""
    if history is None:
        return []
    entries = []
    for version, (entry, name) in zip(history.versions[:-1], earlier_pdfs(doc), strict=True):
        pages = []
        for position, chapter in enumerate(version.chapters, 1):
            text = version.text(chapter, lang)
            if text:
                key = f"{doc.folder}/{chapter}.md"
                pages.append(
                    {
                        "key": key,
                        "url": site.url(key, lang),
                        "title": text.title,
                        "lang": text.lang,
                        "revision": version.revision,
                        "git": version.file(history.folder, chapter, lang),
                        # its paragraphs' numbers, those of that version (markup/paragraphs.py)
                        "chapter": position if doc.numbered else 0,
                    }
                )
        titles = version.meta.get("title") if isinstance(version.meta.get("title"), dict) else {}
        descriptions = (
            version.meta.get("description")
            if isinstance(version.meta.get("description"), dict)
            else {}
        )
        entries.append(
            {
                "pdf": name,
                "version": entry["version"],
                "status": entry["status"],
                "updated": entry["date"],
                "draft": entry["status"] != "approvato",
                "title": str(titles.get(lang) or doc.title(lang)),
                "description": str(descriptions.get(lang) or ""),
                "pages": pages,
            }
        )
    return entries
