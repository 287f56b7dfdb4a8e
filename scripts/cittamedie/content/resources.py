"""The one resolver of local resources: the file an image's address names, for every output that
reads one (the validator's check of a page, the PDF export, its fetcher).

An address is read as a browser reads it on the site, relative to the page's folder, and may name
only a published image: a PNG, JPEG, GIF or WebP in a media/ folder of the tree, whose real path
(links followed) stays inside, and whose header is within the limits of images.py. Anything else
(a scheme, an absolute path, `..` climbing out, a link that leads out, a file that is not an image
in media/) is refused with the editor's words: the PDF export would otherwise read any file of the
machine that builds it and embed it in a PDF.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .images import PUBLISHED_IMAGES, Refusal, image_refusal, short
from .messages import say
from .tree import publishable

FIX = say(
    "save the image in a media/ folder beside the page and write its address relative to the "
    "page, e.g. media/mappa.png"
)


@dataclass(frozen=True)
class Refused(Refusal):
    """A refused address. about: "address" when the address leads nowhere allowed and "missing"
    when nothing is there (the link rule says both of a Markdown image), "file" when what it leads
    to is not an image of a media/ folder, "image" when the image's own type or size is refused
    (said at the file too)."""

    about: str = "address"


def resolve(address: str, folder: str) -> str | Refused:
    """The path inside the tree that `address`, written in a page of `folder` (a folder of the
    tree, "" at its top), names; or why it names no file of the site."""
    shown = short(address)
    value = address.strip()
    if not value:
        return Refused(say("an image has no address"), FIX)
    head = value.split("/", 1)[0]
    if value.startswith("//") or ":" in head:
        return Refused(say("the image `{address}` is not a file of the site", address=shown), FIX)
    path = unquote(value.split("#", 1)[0].split("?", 1)[0])  # %2e%2e is `..` once read
    if "\\" in path or any(ord(c) < 32 for c in path):
        return Refused(
            say(
                "the address `{address}` of an image contains `\\` or a control character",
                address=shown,
            ),
            say("write / between folders, e.g. media/mappa.png"),
        )
    if path.startswith("/"):
        return Refused(
            say(
                "the image `{address}` is an absolute path, which would be read from the disk of "
                "the machine that builds the site",
                address=shown,
            ),
            FIX,
        )
    joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == "." or joined == ".." or joined.startswith("../"):
        return Refused(say("the image `{address}` points outside the site", address=shown), FIX)
    return joined


def published_image(rel: str) -> bool:
    """Whether a path of the tree is one the site publishes as an image: in a media/ folder."""
    return rel.lower().endswith(PUBLISHED_IMAGES) and publishable(rel)


def local_image(tree: Path, folder: str, address: str, inside: Path) -> Path | Refused:
    """The real path of the image `address` names from a page of `folder` in the tree on disk
    (docs/, or the built site), which must stay inside `inside` once links are followed; or why
    it cannot be read."""
    rel = resolve(address, folder)
    if isinstance(rel, Refused):
        return rel
    shown = short(address)
    real = Path(os.path.realpath(tree / rel))
    if not real.is_relative_to(inside.resolve()):
        return Refused(
            say(
                "the image `{address}` leads outside the repository through a link (to {target})",
                address=shown,
                target=real.as_posix(),
            ),
            say("remove the link; copy the image into a media/ folder instead"),
            "file",
        )
    if not published_image(rel):
        return Refused(
            say("`{address}` is not an image in a media/ folder", address=shown), FIX, "file"
        )
    if not real.is_file():
        return Refused(
            say("the image `{address}` does not exist", address=shown),
            say("check the file name and the ../ steps"),
            "missing",
        )
    refusal = image_refusal(real, rel)
    if refusal:
        return Refused(refusal.message, refusal.fix, "image")
    return real
