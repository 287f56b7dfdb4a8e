"""The end of every page (theme partial partials/cm-page-end.html): when it was last updated, in its
own language; which Italian text a translation follows; a review date that has passed; and how to
report a problem, to the repository or by e-mail.

Every address is made here, at build time, so it works without JavaScript: GitHub's new-issue form
and a `mailto:` with the page's title, address and section filled in, each value percent-encoded;
the template escapes them for HTML. No script of anyone else, no form.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from markupsafe import Markup

from ...content.identity import Identity
from ...content.languages import SOURCE_LANGUAGE, split_language
from ...content.model import Source
from ...content.strings import t
from ..context import BuildContext
from ..navigation import section_path
from .dates import dated

LF, CRLF = "\n", "\r\n"
FEEDBACK_ID = (
    "cm-feedback"  # the id of the report links, which the accessibility statement links to
)


def page_end(ctx: BuildContext, page, lang: str) -> dict:
    """What the template shows: `lines` (sentences with <time> elements), `review` (the notice, and
    whether it starts hidden), `feedback` (the addresses) and `id` (of the report links)."""
    site = ctx.site
    key, file_lang = split_language(page.file.src_uri)
    source = site.get(key, file_lang) or site.shown(key, lang)
    title = (
        source.title if source else html.unescape(page.title or "")
    )  # Material's title is escaped
    section = section_path(page)
    context = {
        "id": FEEDBACK_ID,
        "lines": _dates(ctx, source, lang) if source else [],
        "review": None,
        "feedback": feedback(ctx.identity, lang, title, page.canonical_url or "", section),
    }
    review_by = source.meta.get("review_by") if source else None
    if isinstance(review_by, str):
        # shown from the build when the date has passed already; else the script shows it once passed
        context["review"] = {
            "html": dated(ctx.templates, "page_end.review_due", lang, date=review_by),
            "hidden": not review_by < ctx.today,
        }
    return context


def feedback(identity: Identity, lang: str, title: str, address: str, section: str = "") -> dict:
    """The two routes for a report on one page: GitHub's new-issue form, and e-mail (no account);
    each None when the identity has no repository, no feedback address."""
    subject = t("page_end.issue_title", lang, title=title)
    fields = [
        (t("page_end.issue_page", lang), title),
        (t("page_end.issue_address", lang), address),
        (t("page_end.issue_section", lang), section),
    ]
    lines = [f"{label}: {value}" for label, value in fields if value] + [
        "",
        t("page_end.issue_prompt", lang),
        "",
    ]
    issue = mail = None  # a route the identity leaves unset is not shown (content/identity.py)
    if identity.issues_url:
        issue = f"{identity.issues_url}/new?title={_q(subject)}&body={_q(LF.join(lines))}"
    if identity.mailto:  # RFC 6068: line breaks in a mailto body are CRLF; the address keeps its @
        mail = f"{identity.mailto}?subject={_q(subject)}&body={_q(CRLF.join(lines))}"
    return {
        "issue": issue,
        "mail": mail,
        "email": identity.feedback_email,
        "label": t("page_end.feedback", lang),
        "where": t("page_end.feedback_where", lang),
        "mail_label": t("page_end.feedback_mail", lang),
    }


def _q(value: str) -> str:
    """A value of a query string: every reserved character percent-encoded, spaces as %20."""
    return quote(value, safe="")


def _dates(ctx: BuildContext, source: Source, lang: str) -> list[Markup]:
    """The last update as this language shows it; say nothing where `updated` is missing."""
    env, updated = ctx.templates, source.meta.get("updated")
    if not isinstance(updated, str):
        return []
    if source.lang != lang:  # the Italian text, shown where no translation exists
        return [dated(env, "page_end.updated_italian", lang, date=updated)]
    lines = [dated(env, "page_end.updated", lang, date=updated)]
    italian = ctx.site.get(source.key, SOURCE_LANGUAGE) if lang != SOURCE_LANGUAGE else None
    if italian is None or not italian.ok or not isinstance(italian.meta.get("updated"), str):
        return lines
    later = italian.meta["updated"] > updated
    comparison = ctx.stale.get((source.key, lang))
    if comparison is not None:  # the translation follows an older Italian text
        when = comparison.base_updated  # a real date, or "" (history/translations.py)
        lines.append(
            dated(env, "page_end.translated_from", lang, date=when)
            if when
            else dated(env, "page_end.translated_earlier", lang, date=italian.meta["updated"])
        )
    elif later and ctx.site.translation_state(source.key, lang) == "current":
        # same Italian body, its page updated since (sources, description): the text it translates
        lines.append(dated(env, "page_end.translated_from", lang, date=italian.meta["updated"]))
    elif later:  # not marked: which Italian text it follows is not known
        lines.append(dated(env, "page_end.translated_earlier", lang, date=italian.meta["updated"]))
    return lines
