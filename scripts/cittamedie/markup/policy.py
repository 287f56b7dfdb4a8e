"""What allowlist.yml says, read once: the tags, attributes, classes and values a page may publish,
for the build's HTML and, less the site's furniture, for a page's own (sanitize.py applies both)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from ..content.messages import from_data


@cache
def policy() -> dict:
    text = (resources.files(__package__) / "allowlist.yml").read_text("utf-8")
    found = yaml.safe_load(text)
    found["compiled"] = {name: re.compile(pattern) for name, pattern in found["patterns"].items()}
    classes = found["classes"]
    found["class_names"] = set(classes["names"])
    found["class_patterns"] = [re.compile(p) for p in classes["patterns"]]
    found["code_span"] = re.compile(classes["code_spans"])
    content = found["content"]
    content["tags"] = [tag for tag in found["tags"] if tag not in content["build_only_tags"]]
    content["class_names"] = set(content["classes"])
    content["class_patterns"] = [re.compile(p) for p in content["class_patterns"]]
    return found


def tags(content: bool) -> list[str]:
    return policy()["content"]["tags"] if content else policy()["tags"]


def attributes(content: bool) -> dict[str, set[str]]:
    """Tag → the attributes it may carry ("*": any tag), for a page's HTML or the build's."""
    every = {tag: set(names or []) for tag, names in policy()["attributes"].items()}
    if not content:
        return every
    allowed = set(tags(True)) | {"*"}
    return {
        tag: {name for name in names if not build_only(name)}
        for tag, names in every.items()
        if tag in allowed
    }


def attributes_of(tag: str) -> set[str]:
    every = policy()["attributes"]
    return set(every["*"]) | set(every.get(tag) or [])


def build_only(name: str) -> str:
    """Why an attribute is the build's alone, in words (a sentence in both languages:
    allowlist.yml), or "" when a page may set it."""
    reasons = policy()["content"]["build_only"]
    reason = reasons.get(name) or (reasons["data-"] if name.startswith("data-") else None)
    return from_data(reason) if reason else ""


def class_allowed(tag: str, name: str, content: bool = False) -> bool:
    """Whether a class may be published on tag: on the build's HTML, or on a page's own."""
    found = policy()
    if content and furniture_classes(name):
        return False
    if name in found["class_names"] or any(p.fullmatch(name) for p in found["class_patterns"]):
        return True
    return tag == "span" and bool(found["code_span"].fullmatch(name))


def furniture_classes(value: str) -> list[str]:
    """The classes of value the build may use and a page may not."""
    content = policy()["content"]
    return [
        c
        for c in value.split()
        if class_allowed("", c)
        and c not in content["class_names"]
        and not any(p.fullmatch(c) for p in content["class_patterns"])
    ]


def unknown_classes(tag: str, value: str) -> list[str]:
    return [c for c in value.split() if not class_allowed(tag, c)]


def is_remote(url: str) -> bool:
    """An address on another host: with a scheme, or protocol-relative (//host/…)."""
    head = url.strip().replace("\\", "/")
    return head.startswith("//") or ":" in head.split("/", 1)[0]
