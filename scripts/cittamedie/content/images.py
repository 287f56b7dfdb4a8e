"""What a published image is and what it costs: its type by its first bytes, its size, frames and
decoded size by its header, never by decoding it. The one judge of an image file, for the validator
(content/tree.py), the build (site/pages.py) and the PDF export's fetcher (exports/fetcher.py).

Pillow reads only the header in Image.open (for WebP, the container's chunks): a file of a few
bytes that declares 12,000 × 12,000 pixels costs nothing to judge here, and is refused before any
output decodes it. The limits are in image-limits.yml, with why those numbers.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from PIL import Image, UnidentifiedImageError

from .messages import say

# The bytes each published kind of image starts with: a page's HTML renamed .png is not published.
MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}  # RIFF, 4 bytes of length, then WEBP
PUBLISHED_IMAGES = tuple(MAGIC)
# Pillow's name of each kind: Image.open tries that reader only, never a guess from the content.
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
BYTES_PER_PIXEL = 4  # RGBA: what a decoder holds for each pixel


@dataclass(frozen=True)
class Refusal:
    """Why a file cannot be published as an image, in the editor's words."""

    message: str
    fix: str


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_side: int
    max_pixels: int
    max_frames: int
    max_total_pixels: int


@cache
def limits() -> Limits:
    text = (resources.files(__package__) / "image-limits.yml").read_text("utf-8")
    return Limits(**yaml.safe_load(text))


def image_refusal(path: Path, name: str = "") -> Refusal | None:
    """Why the image at path cannot be published (type, size, frames), or None. name: the name it
    is published under (a link's, not its target's), whose extension says its kind."""
    extension = os.path.splitext(name or path.name)[1].lower()
    kind = FORMATS.get(extension)
    if kind is None:
        return Refusal(
            say("`{name}` is not a PNG, JPEG, GIF or WebP image", name=short(name or path.name)),
            say("save the image as PNG, JPEG, GIF or WebP in a media/ folder"),
        )
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(12)
            if not (
                head.startswith(MAGIC[extension]) and (kind != "WEBP" or head[8:12] == b"WEBP")
            ):
                return Refusal(
                    say(
                        "the file is named {extension} but is not a {kind} image",
                        extension=extension,
                        kind=kind,
                    ),
                    say(
                        "export the image again as {kind}, or give the file the extension of its "
                        "real type",
                        kind=kind,
                    ),
                )
            if size > limits().max_bytes:
                return Refusal(
                    say(
                        "the image is {size:,} bytes, over the {limit:,} limit",
                        size=size,
                        limit=limits().max_bytes,
                    ),
                    _SMALLER,
                )
            handle.seek(0)
            return _cost(handle, kind)
    except OSError as exc:
        return Refusal(
            say("the file cannot be read ({reason})", reason=exc.strerror or str(exc)),
            say("check its permissions, or whether it is a link to a missing file"),
        )


def _cost(handle, kind: str) -> Refusal | None:
    """The header's dimensions and frames against the limits."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(handle, formats=[kind]) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
        except Image.DecompressionBombError:  # Pillow's own ceiling, far above ours
            return Refusal(
                say(
                    "the image declares more than {count:,} pixels",
                    count=2 * Image.MAX_IMAGE_PIXELS,
                ),
                _SMALLER,
            )
        except (UnidentifiedImageError, SyntaxError, ValueError, EOFError, OSError):
            return Refusal(
                say("the {kind} image cannot be read: its header is damaged", kind=kind),
                say("open it in an image editor and export it again as {kind}", kind=kind),
            )
    return cost_refusal(width, height, frames)


def cost_refusal(width: int, height: int, frames: int) -> Refusal | None:
    """Dimensions and frames against the limits of image-limits.yml."""
    top = limits()
    if max(width, height) > top.max_side:
        return Refusal(
            say(
                "the image is {width:,} × {height:,} pixels, over {limit:,} on a side",
                width=width,
                height=height,
                limit=top.max_side,
            ),
            _SMALLER,
        )
    if width * height > top.max_pixels:
        return Refusal(
            say(
                "the image is {width:,} × {height:,} pixels ({pixels:,}), over the {limit:,} limit",
                width=width,
                height=height,
                pixels=width * height,
                limit=top.max_pixels,
            ),
            _SMALLER,
        )
    if frames > top.max_frames:
        return Refusal(
            say(
                "the animation has {frames:,} frames, over the {limit:,} limit",
                frames=frames,
                limit=top.max_frames,
            ),
            say("cut the animation, or publish a video elsewhere and link it"),
        )
    if width * height * frames > top.max_total_pixels:
        return Refusal(
            say(
                "the animation is {frames:,} frames of {width:,} × {height:,} pixels, "
                "{megabytes:,} MB once decoded, over {limit:,} MB",
                frames=frames,
                width=width,
                height=height,
                megabytes=width * height * frames * BYTES_PER_PIXEL // 1_000_000,
                limit=top.max_total_pixels * BYTES_PER_PIXEL // 1_000_000,
            ),
            say("make it smaller or shorter"),
        )
    return None


def short(text: str) -> str:
    """A name or an address as a message quotes it: one line, at most 60 characters."""
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


_SMALLER = say("resize the image (a page needs at most 2,000 pixels across) and export it again")
