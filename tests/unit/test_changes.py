"""`cittamedie changes`: the pages two built sites differ in, per language, as Markdown."""

from __future__ import annotations

from pathlib import Path

from cittamedie.__main__ import main

from ..conftest import REPO

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title>
<link rel="stylesheet" href="assets/stylesheets/main.{asset}.css"></head>
<body><nav>{menu}</nav><article class="md-content inner md-content__inner md-typeset">
<a href="https://github.com/example/x/edit/main/docs/a.md" rel="edit"></a>
<h1>{title}</h1>{body}</article><footer>{menu}</footer></body></html>"""


def page(
    root: Path, path: str, title: str, body: str, lang: str = "it", menu: str = "", asset: str = "1"
) -> None:
    target = root / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        PAGE.format(lang=lang, title=title, body=body, menu=menu, asset=asset), "utf-8"
    )


def sites(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    for root, menu, asset in (
        (base, "<a href='a/'>A</a>", "1"),
        (head, "<a href='a/'>A</a><a href='n/'>N</a>", "2"),
    ):
        page(root, "", "Home", "<p>Benvenuti</p>", menu=menu, asset=asset)
        page(root, "en", "Home", "<p>Welcome</p>", lang="en", menu=menu, asset=asset)
        page(root, "assets/x", "not a page", "<p>ignored</p>")
    page(base, "a", "Pagina A", "<p>Vecchio testo</p>")
    page(head, "a", "Pagina A", "<p>Nuovo   testo</p>")
    page(base, "en/a", "Page A", "<p>Text <a href='x/'>link</a></p>", lang="en")
    page(
        head, "en/a", "Page A", "<p>Text <a href='y/'>link</a></p>", lang="en"
    )  # only a link target changed
    page(base, "en/same", "Same", "<p>Same\n  text</p>", lang="en")
    page(head, "en/same", "Same", "<p>Same text</p>", lang="en")  # whitespace only
    page(head, "n", "Nuova &lt;b&gt;pagina&lt;/b&gt; &amp; co", "<p>Nuova</p>")  # as built: escaped
    page(base, "en/old", "Old page", "<p>Gone</p>", lang="en")
    return base, head


def changes(base: Path, head: Path) -> int:
    return main(["--root", str(REPO), "changes", "--base-site", str(base), "--site-dir", str(head)])


def test_pages_added_removed_and_changed_per_language(tmp_path, capsys):
    base, head = sites(tmp_path)
    assert changes(base, head) == 0
    out = capsys.readouterr().out
    assert "| Italian (it) | 1 | 0 | 1 |" in out
    assert "| English (en) | 0 | 1 | 1 |" in out
    assert (
        "### Italian: added (1)\n\n- <code>/n/</code> Nuova &lt;b&gt;pagina&lt;/b&gt; &amp; co"
        in out
    )
    assert "### Italian: changed (1)\n\n- <code>/a/</code> Pagina A" in out
    assert "### English: removed (1)\n\n- <code>/en/old/</code> Old page" in out
    assert "### English: changed (1)\n\n- <code>/en/a/</code> Page A" in out
    assert (
        "/en/same/" not in out and "<code>/</code>" not in out
    )  # menus, assets, spacing are no change
    assert "assets" not in out.split("artifact")[0]


def test_no_change(tmp_path, capsys):
    base, _ = sites(tmp_path)
    assert changes(base, base) == 0
    assert "No page changes what its reader sees." in capsys.readouterr().out


def test_a_folder_that_is_not_a_built_site_is_a_usage_error(tmp_path, capsys):
    assert main(["--root", str(REPO), "changes", "--base-site", str(tmp_path)]) == 2
    assert "is not a built site (no index.html)" in capsys.readouterr().err
