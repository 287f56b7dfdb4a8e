"""What WeasyPrint may read while it makes a PDF, and nothing else.

The composed HTML names its images by the file the resolver found (content/resources.py, through
pdf_document.local_images); this fetcher is the defence behind it, for any address WeasyPrint meets
(an image, a stylesheet's url(), an SVG's reference): a file: address whose real path is a
publishable image of the built site, within the limits of content/images.py, or a file of the
theme's own assets (the fonts and the EU emblem, which are code, not content). Anything else is
refused with a sentence, and WeasyPrint leaves the resource out.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..content.images import image_refusal, short
from ..content.messages import say
from ..content.resources import published_image


class SiteFetcher(URLFetcher):
    """WeasyPrint's url_fetcher for one PDF; `refused` lists what it would not read."""

    def __init__(self, site_dir: Path, theme_assets: Path) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.site_dir, self.theme_assets = site_dir.resolve(), theme_assets.resolve()
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        found = self.readable(url)
        if isinstance(found, str):
            self.refused.append(found)
            raise ValueError(found)  # WeasyPrint leaves the resource out and logs the reason
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(found.as_uri(), found.read_bytes(), {"Content-Type": kind})

    def readable(self, url: str) -> Path | str:
        """The real path of a file the PDF may embed, or why it may not."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return say("the PDF reads only files of the site, not `{url}`", url=short(url))
        real = Path(os.path.realpath(unquote(parts.path)))
        if real.is_relative_to(self.theme_assets):
            return (
                real
                if real.is_file()
                else say("`{url}` is not a file of the theme", url=short(url))
            )
        if not real.is_relative_to(self.site_dir):
            return say(
                "`{url}` is outside the built site (it leads to {real})",
                url=short(url),
                real=real.as_posix(),
            )
        rel = real.relative_to(self.site_dir).as_posix()
        if not published_image(rel) or not real.is_file():
            return say(
                "`{file}` is not an image of a media/ folder of the built site", file=short(rel)
            )
        refusal = image_refusal(real)
        return (
            say("`{file}`: {reason}", file=short(rel), reason=refusal.message) if refusal else real
        )
