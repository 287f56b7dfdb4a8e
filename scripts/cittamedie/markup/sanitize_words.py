"""The sentences of markup/sanitize.py: what the allowlist removed, and the fix, for the editor
(a sibling module, so that sanitize.py stays a readable size; content/messages.py says them)."""

from __future__ import annotations

from ..content.messages import say
from .furniture import reserved_id
from .policy import (
    attributes_of,
    build_only,
    furniture_classes,
    is_remote,
    policy,
    tags,
    unknown_classes,
)


def describe(removal) -> str:
    """What was removed, for the editor (removal: a sanitize.Removal)."""
    if removal.name in ("id", "for") and reserved_id(removal.value):
        return say(
            "the id `{id}` is the site's own: {owner}",
            id=removal.value,
            owner=reserved_id(removal.value),
        )
    if removal.name == "class" and furniture_classes(removal.value):
        return say(
            "the class `{names}` belongs to the site's own notices and controls",
            names=" ".join(furniture_classes(removal.value)),
        )
    if build_only(removal.name):
        return say(
            "a <{tag}> has the attribute `{name}`, which only the site's own parts carry",
            tag=removal.tag,
            name=removal.name,
        )
    if not removal.name:
        if removal.tag in tags(True):
            return say(
                "the HTML around <{tag}> is malformed, and part of it would be lost",
                tag=removal.tag,
            )
        if not removal.tag.isalnum():
            return say("the text `<{text}>` would be read as an HTML tag", text=_short(removal.tag))
        return say(
            "the page contains a <{tag}> element, which the site does not publish",
            tag=removal.tag,
        )
    if removal.name.startswith("on"):
        return say("a <{tag}> has an event handler `{name}=`", tag=removal.tag, name=removal.name)
    if removal.name in ("href", "src"):
        if (
            removal.value
            and is_remote(removal.value)
            and f"{removal.tag}.{removal.name}" in policy()["local_only"]
        ):
            return say(
                "the image `{address}` is loaded from another site",
                address=_short(removal.value),
            )
        return say("the address `{address}` is not allowed", address=_short(removal.value))
    if removal.name == "class":
        return say(
            "the class `{names}` is not one of the site's",
            names=" ".join(unknown_classes(removal.tag, removal.value)) or removal.value,
        )
    if removal.name in policy()["text_only"]:
        return say(
            "the {name} text `{text}` contains markup",
            name=removal.name,
            text=_short(removal.value),
        )
    if removal.name in policy()["patterns"] and removal.name in attributes_of(removal.tag):
        return say(
            "the value `{value}` of `{name}` has a form the site does not allow",
            value=_short(removal.value),
            name=removal.name,
        )
    return say(
        "a <{tag}> has the attribute `{name}`, which the site does not publish",
        tag=removal.tag,
        name=removal.name,
    )


def fix(removal) -> str:
    """What to do instead."""
    if removal.name in ("id", "for") and reserved_id(removal.value):
        return say(
            "give it another id (and change the links to it): two elements with one id break "
            "links, labels and forms"
        )
    if removal.name == "class" and furniture_classes(removal.value):
        return _CLASS_FIX
    if build_only(removal.name):
        return say("remove it: {reason}", reason=build_only(removal.name))
    if not removal.name:
        if removal.tag in tags(True):
            return say("close every tag you open, and keep rows and cells inside their table")
        if not removal.tag.isalnum():
            return say("write an address as [text](https://…), and < as &lt; in text")
        return _TAG_FIXES.get(removal.tag, _DEFAULT_FIX)
    if removal.name.startswith("on"):
        return say(
            "remove it: pages cannot run scripts (look also in {{…}} attribute lists after "
            "paragraphs, headings, links and images)"
        )
    if removal.name in ("href", "src"):
        if removal.tag == "img" and is_remote(removal.value):
            return say(
                "save the image in a media/ folder and link it with a relative path: the site "
                "makes no request to other hosts"
            )
        return say(
            "link to a page of the site with a relative path, or to an https:// or mailto: address"
        )
    if removal.name == "class":
        return _CLASS_FIX
    if removal.name == "style":
        return say("remove style=…: the site's look comes from its stylesheet")
    if removal.name in policy()["text_only"]:
        return say("write it as plain text, without < and >")
    if removal.name in ("id", "for"):
        return say("use letters, digits and dashes, starting with a letter or a digit")
    return _DEFAULT_FIX


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


_DEFAULT_FIX = say("remove it; CONTRIBUTING.en.md lists the HTML a page may use")
_CLASS_FIX = say(
    "remove it: a page may use only the classes CONTRIBUTING.en.md lists (admonition types such as "
    "!!! note, grid cards)"
)
_NO_SCRIPTS = say("remove it: pages cannot run scripts; ask a developer for an interactive element")
_STYLESHEET = say("remove it: the site's look comes from its stylesheet")
_NO_FORMS = say("remove it: pages hold no forms; link to the form's page instead")
_NO_EMBEDDING = say("link to the content instead of embedding it")
_NO_CONTROLS = say("remove it: controls belong to the site's own parts (the catalogue's filters)")
_TAG_FIXES = {
    "script": _NO_SCRIPTS,
    "noscript": say("remove it: pages cannot run scripts, so they need no fallback"),
    "style": _STYLESHEET,
    "link": _STYLESHEET,
    "base": say("remove it: a page cannot change the address its links and scripts load from"),
    "meta": say("remove it: a page cannot redirect or change its own headers"),
    "form": _NO_FORMS,
    "input": _NO_FORMS,
    "button": _NO_FORMS,
    "textarea": _NO_FORMS,
    "iframe": _NO_EMBEDDING,
    "frame": _NO_EMBEDDING,
    "object": _NO_EMBEDDING,
    "embed": _NO_EMBEDDING,
    "svg": say("save the drawing as a PNG in a media/ folder and insert it as an image"),
    "math": say("write the formula in words, or as an image in a media/ folder"),
    "template": _DEFAULT_FIX,
    "label": _NO_CONTROLS,
    "select": _NO_CONTROLS,
    "option": _NO_CONTROLS,
    "output": _NO_CONTROLS,
}
