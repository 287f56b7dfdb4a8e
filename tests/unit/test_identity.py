"""content/identity.py: mkdocs.yml's extra.identity read safely outside MkDocs, the editor's messages, the
words derived from it; and nothing else in the package names the publisher."""

from __future__ import annotations

import json
import re

import pytest

from cittamedie.__main__ import main
from cittamedie.content import identity
from cittamedie.content.problems import ContentError

from ..conftest import REPO

BLOCK = """extra:
  identity:
    publisher: {it: Ente di prova, en: Test body}
    official: %s
    eu_funding: %s
    repository: https://github.com/owner/name
    branch: main
    feedback_email: redazione@example.org
"""


def config(tmp_path, text: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, "utf-8")
    return path


def test_the_default_identity_describes_an_informative_site():
    who = identity.from_file(REPO / "mkdocs.yml")
    assert (who.official, who.eu_funding) == (False, False)
    assert who.notice("it") == "Sito informativo, non ufficiale" and who.funding("en") == ""
    assert who.footer("en").endswith("· Informative site, not official")
    assert who.author("it").endswith("(sito non ufficiale)")


def test_an_official_funded_publisher_says_so_and_claims_no_informative_status(tmp_path):
    who = identity.from_file(config(tmp_path, BLOCK % ("true", "true")))
    assert who.notice("it") == "" and who.author("en") == "Test body"
    assert who.funding("it") == "Cofinanziato dall'Unione europea" == who.running_footer("it")
    assert who.footer("it") == "A cura di: Ente di prova · Testi CC BY 4.0"
    assert (
        who.edit_url("guidelines/linee-guida/index.en.md")
        == "https://github.com/owner/name/edit/main/guidelines/linee-guida/index.en.md"
    )


def test_tags_of_other_projects_are_never_constructed(tmp_path):
    text = (
        "theme:\n  icon: !!python/name:os.system\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "site_url: !ENV [SITE_URL, 'https://x.org/']\n" + BLOCK % ("false", "false")
    )
    who = identity.from_file(config(tmp_path, text))
    assert who.publisher["it"] == "Ente di prova"


def test_a_tag_in_the_block_itself_is_a_schema_message(tmp_path):
    text = BLOCK.replace("official: %s", "official: !ENV OFFICIAL") % "false"
    with pytest.raises(ContentError) as caught:
        identity.from_file(config(tmp_path, text))
    assert "mkdocs.yml:4: identity: `None` should be a boolean (extra.identity.official)" in str(
        caught.value
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("extra: {identity: [oops\n", "mkdocs.yml:2: config: mkdocs.yml cannot be read as YAML"),
        (
            "site_name: x\n",
            "mkdocs.yml:1: identity: mkdocs.yml has no `extra.identity` block (extra.identity)",
        ),
        (
            BLOCK.replace("https://github.com/owner/name", "https://gitlab.com/x")
            % ("false", "false"),
            "mkdocs.yml:6: identity: `https://gitlab.com/x` has the wrong form (extra.identity.repository) — write the "
            "repository's address, e.g. https://github.com/owner/name (no trailing slash)",
        ),
    ],
)
def test_bad_blocks_get_the_editors_message(tmp_path, text, message):
    with pytest.raises(ContentError) as caught:
        identity.from_file(config(tmp_path, text))
    assert message in str(caught.value)


def test_the_pdf_export_stops_with_a_message_when_mkdocs_yml_is_broken(valid_tree, capsys):
    (valid_tree / "mkdocs.yml").write_text("extra: {identity: [oops\n", "utf-8")
    site = valid_tree / "site"
    site.mkdir()
    (site / "manifest.json").write_text(
        json.dumps({"site_url": "https://x.org/", "documents": []}), "utf-8"
    )
    assert main(["--root", str(valid_tree), "pdf", "--site-dir", str(site)]) == 2
    err = capsys.readouterr().err
    assert "ERROR" in err and "mkdocs.yml cannot be read as YAML" in err and "Traceback" not in err


def test_nothing_else_names_the_publisher():
    """The publisher's name, the unofficial wording and the MkDocs settings they used to live in
    appear only in the identity block, its strings and this module."""
    package = REPO / "scripts" / "cittamedie"
    names = ("Gruppo di lavoro", "working group", "sito non ufficiale", "unofficial site")
    for path in [
        *package.rglob("*.py"),
        *package.rglob("*.html"),
        *package.rglob("*.yml"),
        *package.rglob("*.json"),
    ]:
        text = path.read_text("utf-8")
        for name in names:
            if name in text:
                assert path.name == "strings.yml" and re.search(r"\{publisher\}", text), (
                    path,
                    name,
                )
        assert (
            "pdf.author" not in text
            and "config.copyright" not in text
            and "config.site_author" not in text
        ), path
    mkdocs = (REPO / "mkdocs.yml").read_text("utf-8")
    assert not re.search(r"^\s*(site_author|copyright):", mkdocs, re.M)
    assert mkdocs.count("Gruppo di lavoro") == 1 and mkdocs.count("working group") == 1


def test_the_validator_reports_the_identity_with_every_content_problem(valid_tree, capsys):
    config = (valid_tree / "mkdocs.yml").read_text("utf-8")
    config = config.replace("official: false", "official: maybe", 1)
    config = config.replace(
        "          site_name: Southern",
        "          site_author: Me\n          site_name: Southern",
        1,
    )
    (valid_tree / "mkdocs.yml").write_text(config, "utf-8")
    lines = config.split("\n")
    at = {"maybe": next(n for n, text in enumerate(lines, 1) if "maybe" in text)}
    assert main(["--root", str(valid_tree), "validate"]) == 1
    out = capsys.readouterr().out
    assert (
        f"mkdocs.yml:{at['maybe']}: identity: `maybe` should be a boolean (extra.identity.official)"
        in out
    )
    assert (
        "mkdocs.yml:1: identity: `plugins.i18n.languages.en.site_author` is set by hand "
        "(plugins.i18n.languages.en.site_author) — remove it"
    ) in out  # nested: its line is not looked up


UNSET_BLOCK = """site_url: !ENV CITTAMEDIE_TEST_SITE_URL
extra:
  identity:
    publisher: {it: Ente di prova, en: Test body}
    official: false
    eu_funding: false
    repository: !ENV CITTAMEDIE_TEST_REPOSITORY
    branch: main
    feedback_email: !ENV [CITTAMEDIE_TEST_EMAIL, null]
"""


def test_unset_addresses_give_no_links_and_are_named(tmp_path, monkeypatch):
    for name in ("CITTAMEDIE_TEST_SITE_URL", "CITTAMEDIE_TEST_REPOSITORY", "CITTAMEDIE_TEST_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    path = config(tmp_path, UNSET_BLOCK)
    who = identity.from_file(path)
    assert (who.repository, who.feedback_email) == (None, None)
    assert who.edit_url("docs/a.md") is None and who.issues_url is None and who.mailto is None
    assert who.file_url("docs/a.md") is None and who.new_file_url("docs/a.en.md") is None
    read = identity.read_config(path)
    assert identity.unset(read) == [
        "site_url",
        "extra.identity.repository",
        "extra.identity.feedback_email",
    ]
    assert identity.publishing_problems(read) == []  # only when publishing


def test_env_values_are_read_as_mkdocs_reads_them(tmp_path, monkeypatch):
    monkeypatch.setenv("CITTAMEDIE_TEST_SITE_URL", "https://guide.example/")
    monkeypatch.setenv("CITTAMEDIE_TEST_REPOSITORY", "https://github.com/owner/name")
    monkeypatch.setenv(
        "CITTAMEDIE_TEST_EMAIL", ""
    )  # an empty variable (GitHub's unset one) is null
    read = identity.read_config(config(tmp_path, UNSET_BLOCK))
    who = identity.from_config(read)
    assert who.issues_url == "https://github.com/owner/name/issues" and who.mailto is None
    assert identity.unset(read) == ["extra.identity.feedback_email"]


def test_publishing_refuses_each_unset_address_at_its_line(tmp_path, monkeypatch):
    monkeypatch.delenv("CITTAMEDIE_TEST_REPOSITORY", raising=False)
    monkeypatch.setenv("CITTAMEDIE_TEST_SITE_URL", "https://guide.example/")
    monkeypatch.setenv("CITTAMEDIE_TEST_EMAIL", "a@example.org")
    text = UNSET_BLOCK.replace("extra:\n", "extra:\n  require_identity: true\n")
    problems = identity.publishing_problems(identity.read_config(config(tmp_path, text)))
    assert [(p.line, p.field, str(p.message)) for p in problems] == [
        (
            8,  # the line of `repository:`
            "extra.identity.repository",
            "`extra.identity.repository` is unset: a published site would lack it",
        )
    ]
    assert "CITTAMEDIE_REPOSITORY" in str(problems[0].fix)
