"""`cittamedie consultation import`: the comments of GitHub issues and of an e-mail CSV into the
consultation's file, one entry each; a new import adds only the new comments, after every byte the
editors wrote; names only with consent, no e-mail address ever."""

from __future__ import annotations

import json

import yaml

from cittamedie.__main__ import main

from ..conftest import FIXTURES, copy_tree
from ..consultation_tree import EMAILS, FILE, ISSUES, answer, import_comments


def tree_of(tmp_path):
    return copy_tree(FIXTURES / "valid", tmp_path / "repo")


def test_the_fixture_comments_are_imported_once_each(tmp_path, capsys):
    tree = tree_of(tmp_path)
    assert import_comments(tree) == 0
    said = capsys.readouterr().out
    assert "issue #14: no paragraph in its title or link, imported with paragraph null" in said
    assert "issue #15 is about another document or version: left out" in said
    assert f"7 new comments written to {FILE}; 0 were there already" in said
    data = yaml.safe_load((tree / FILE).read_text("utf-8"))
    assert (data["document"], data["version"]) == ("guida", "0.1")
    comments = data["comments"]
    assert [c["id"] for c in comments][:4] == ["issue-12", "issue-13", "issue-14", "issue-17"]
    assert [c["paragraph"] for c in comments] == ["2.1", "1.1", None, "1.1", "2.1", "1.1", None]
    # the quoted paragraph and its link, which the comment link prefilled, are not the comment
    assert comments[0]["text"] == "Proporrei di citare anche i centri di quartiere."
    assert comments[3]["text"] == "The introduction could name the sources."
    assert comments[0]["author"] == "lettrice-attenta" and comments[0]["consent"] is True
    # the CSV's dd/mm/yyyy date, its "sì" and "no"
    assert [c["date"] for c in comments[4:]] == ["2026-01-16", "2026-01-16", "2026-01-17"]
    assert comments[4]["author"] == "Mario Rossi" and comments[4]["consent"] is True
    assert "author" not in comments[5] and comments[5]["consent"] is False
    assert all(c["response"] == {"it": "", "en": ""} and c["outcome"] is None for c in comments)
    text = (tree / FILE).read_text("utf-8")
    assert "Giulia" not in text and "@example.org" not in text  # no consent; no e-mail address
    assert "Scrivetemi a [e-mail]" in text


def test_a_second_import_adds_nothing_and_changes_no_byte(tmp_path, capsys):
    tree = tree_of(tmp_path)
    assert import_comments(tree) == 0
    before = (tree / FILE).read_bytes()
    capsys.readouterr()
    assert import_comments(tree) == 0
    assert f"0 new comments written to {FILE}; 7 were there already" in capsys.readouterr().out
    assert (tree / FILE).read_bytes() == before


def test_a_new_import_keeps_what_the_editors_wrote_and_adds_the_new_comments_at_the_end(
    tmp_path, capsys
):
    tree = tree_of(tmp_path)
    assert import_comments(tree, ISSUES) == 0
    path = tree / FILE
    edited = answer(path.read_text("utf-8")).replace(
        "  - id: issue-13", "  # the editors: a source to add\n  - id: issue-13"
    )
    path.write_text(edited, "utf-8")
    issues = json.loads(ISSUES.read_text("utf-8"))
    issues.append({**issues[0], "number": 16, "url": issues[0]["url"].replace("12", "16")})
    later = tmp_path / "later.json"
    later.write_text(json.dumps(issues), "utf-8")
    capsys.readouterr()
    assert import_comments(tree, later, EMAILS) == 0
    assert f"4 new comments written to {FILE}; 4 were there already" in capsys.readouterr().out
    after = path.read_text("utf-8")
    assert after.startswith(edited)  # every byte the editors wrote, in place
    ids = [c["id"] for c in yaml.safe_load(after)["comments"]]
    assert ids[:4] == ["issue-12", "issue-13", "issue-14", "issue-17"] and ids[4] == "issue-16"
    assert len(ids) == len(set(ids)) == 8


def test_a_file_the_import_cannot_add_to_is_left_as_it_is(tmp_path, capsys):
    tree = tree_of(tmp_path)
    assert import_comments(tree, ISSUES) == 0
    path = tree / FILE
    text = path.read_text("utf-8")
    moved = text.replace("document: guida\n", "") + "document: guida\n"  # comments: no longer last
    path.write_text(moved, "utf-8")
    assert import_comments(tree, EMAILS) == 1
    err = capsys.readouterr().err
    assert "the new comments cannot be added at its end without changing what is there" in err
    assert "keep `comments:` as the file's last field" in err
    assert path.read_text("utf-8") == moved


def test_wrong_input_says_what_to_fix_without_a_traceback(tmp_path, capsys):
    tree = tree_of(tmp_path)
    assert (
        main(["--root", str(tree), "--lang", "en", "consultation", "import", "guida", "0.1"]) == 2
    )
    assert "--issues FILE.json, --emails FILE.csv or both" in capsys.readouterr().err
    args = ["--root", str(tree), "--lang", "en", "consultation", "import"]
    assert main([*args, "guda", "0.1", "--issues", str(ISSUES)]) == 1
    assert "there is no document `guda` — did you mean `guida`?" in capsys.readouterr().err
    assert main([*args, "guida", "0.9", "--issues", str(ISSUES)]) == 1
    assert "has no version 0.9 — give one of its versions: 0.1" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("date,paragraph,text,consent\n2026-01-16,3.x,Testo,forse\n", "utf-8")
    assert main([*args, "guida", "0.1", "--emails", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: consultation-import: the row needs a date (YYYY-MM-DD)" in err
    assert "Traceback" not in err and not (tree / FILE).exists()
    broken = tmp_path / "broken.json"
    broken.write_text("[{", "utf-8")
    assert main([*args, "guida", "0.1", "--issues", str(broken)]) == 1
    assert "this is not JSON" in capsys.readouterr().err


def test_titles_and_links_a_paragraph_is_read_from():
    from cittamedie.tools.comments import from_issues

    def issue(number: int, title: str, body: str = "Testo.") -> dict:
        return {"number": number, "title": title, "body": body, "createdAt": "2026-01-12"}

    issues = [
        issue(1, "Linee Guida 0.3 – paragrafo 3.12"),
        issue(2, "Linee Guida, versione 0.3, paragrafo 4.2"),
        issue(3, "Una domanda", "Vedi https://example.org/sito/en/linee-guida/priorita/#p2-7 qui"),
        issue(4, "Linee Guida 0.2 – paragrafo 3.12"),
        issue(5, "Una domanda", "Vedi https://example.org/protocollo-intesa/modello/#p2-1"),
    ]
    read = from_issues(json.dumps(issues), "issues.json", "linee-guida", "0.3")
    assert [(e["id"], e["paragraph"]) for e in read.entries] == [
        ("issue-1", "3.12"),
        ("issue-2", "4.2"),
        ("issue-3", "2.7"),
    ]
    assert all(e["consent"] is False and "author" not in e for e in read.entries)  # no author
    assert len(read.notes) == 2 and not read.problems
