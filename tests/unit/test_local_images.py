"""The one resolver of local images (content/resources.py) and the PDF's use of it
(exports/pdf_document.local_images): what an address names, and what a chapter's images become."""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from cittamedie.content.problems import ERROR, WARNING
from cittamedie.content.resources import Refused, local_image, resolve
from cittamedie.exports.pdf_document import local_images


@pytest.mark.parametrize(
    "address, folder, expected",
    [
        ("media/mappa.png", "guida", "guida/media/mappa.png"),
        ("../media/mappa.png", "guida/capitolo", "guida/media/mappa.png"),
        ("media/mappa.png?v=2#x", "guida", "guida/media/mappa.png"),
        ("media/m%61ppa.png", "guida", "guida/media/mappa.png"),
        ("../../x.png", "guida", "points outside the site"),
        ("%2e%2e/%2E%2E/x.png", "guida", "points outside the site"),
        ("..", "", "points outside the site"),
        ("/etc/x.png", "guida", "is an absolute path"),
        ("%2Fetc/x.png", "guida", "is an absolute path"),
        ("..\\..\\x.png", "guida", "contains `\\` or a control character"),
        ("media/x%00.png", "guida", "contains `\\` or a control character"),
        ("file:///etc/x.png", "guida", "is not a file of the site"),
        ("//host/x.png", "guida", "is not a file of the site"),
        ("data:image/png;base64,AAAA", "guida", "is not a file of the site"),
        ("  ", "guida", "an image has no address"),
    ],
)
def test_what_an_address_names(address, folder, expected):
    found = resolve(address, folder)
    if isinstance(found, Refused):
        assert expected in found.message
        assert found.fix
    else:
        assert found == expected


def _png(size=(3, 2)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def site_dir(tmp_path):
    """A built site with one image, one image too large, and a link out of it."""
    media = tmp_path / "site" / "guida" / "media"
    media.mkdir(parents=True)
    (media / "mappa.png").write_bytes(_png())
    (media / "striscia.png").write_bytes(_png((20_000, 1)))
    (tmp_path / "fuori.png").write_bytes(_png())
    os.symlink(tmp_path / "fuori.png", media / "vicina.png")
    return tmp_path / "site"


def test_a_link_out_of_the_tree_and_a_costly_image_are_refused(site_dir):
    assert local_image(site_dir, "guida", "media/mappa.png", site_dir) == (
        site_dir / "guida" / "media" / "mappa.png"
    )
    out = local_image(site_dir, "guida", "media/vicina.png", site_dir)
    assert "leads outside the repository through a link (to " in out.message
    costly = local_image(site_dir, "guida", "media/striscia.png", site_dir)
    assert costly.about == "image" and "over 16,384 on a side" in costly.message
    missing = local_image(site_dir, "guida", "media/nessuna.png", site_dir)
    assert missing.about == "missing"
    assert local_image(site_dir, "", "guida", site_dir).about == "file"


def _article(*addresses: str) -> ET.Element:
    article = ET.Element("article")
    for address in addresses:
        ET.SubElement(article, "img", src=address, alt="x")
    return article


def test_a_chapters_images_become_files_or_are_left_out_and_named(site_dir):
    article = _article("../media/mappa.png", "../../../fuori.png", "../media/striscia.png")
    page = {"url": "guida/capitolo/", "file": "guida/capitolo/index.html"}
    problems = local_images(article, dict(page, source="guidelines/guida/capitolo.md"), site_dir)
    sources = [image.get("src") for image in article.iter("img")]
    assert sources == [(site_dir / "guida" / "media" / "mappa.png").as_uri(), None, None]
    assert [str(p) for p in problems] == [
        "guidelines/guida/capitolo.md: image: the image `../../../fuori.png` points outside the "
        "site — save the image in a media/ folder beside the page and write its address relative "
        "to the page, e.g. media/mappa.png",
        "guidelines/guida/capitolo.md: image: the image is 20,000 × 1 pixels, over 16,384 on a side "
        "(../media/striscia.png) — resize the image (a page needs at most 2,000 pixels across) and "
        "export it again",
    ]
    assert {p.severity for p in problems} == {ERROR}


def test_an_earlier_versions_images_are_read_from_its_file_and_only_warned_about(site_dir):
    """A chapter from git is rendered from its Markdown (addresses relative to its file), and its
    text cannot be changed any more: what it names wrongly is left out with a warning."""
    article = _article("media/mappa.png", "media/tolta.png")
    page = {"key": "guida/capitolo.md", "revision": "0" * 40, "git": "guidelines/guida/capitolo.md"}
    problems = local_images(article, page, site_dir)
    sources = [image.get("src") for image in article.iter("img")]
    assert sources == [(site_dir / "guida" / "media" / "mappa.png").as_uri(), None]
    assert [(p.path, p.severity) for p in problems] == [("guidelines/guida/capitolo.md", WARNING)]
    assert "the image `media/tolta.png` does not exist" in problems[0].message
