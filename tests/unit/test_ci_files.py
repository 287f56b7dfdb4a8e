"""The repository's automation files: GitHub workflows valid against the schema check-jsonschema
ships (no network), doing what the editors' guide says (CONTRIBUTING.md, in Italian, and
CONTRIBUTING.en.md, in English); the pre-commit hook; publiccode.yml."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from cittamedie.content.config import read_config
from cittamedie.content.identity import DEPLOYMENT
from cittamedie.tools.arguments import parser
from cittamedie.tools.release import STATUSES

from ..conftest import FIXTURES, REPO

WORKFLOWS = REPO / ".github" / "workflows"


def check_jsonschema() -> str:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema"
    )
    if not found:
        pytest.fail(
            "check-jsonschema is missing: `pip install -e '.[test]'` (make test) installs it"
        )
    return found


def workflow(name: str) -> dict:
    loaded = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    loaded["on"] = loaded.pop(True, loaded.get("on"))  # YAML 1.1 reads the key `on` as true
    return loaded


def steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def uses(flow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(flow) if "uses" in step]


def commands(text: str) -> list[list[str]]:
    """Every `cittamedie …` command line in a shell script, split as the shell would."""
    found = []
    for line in text.replace("\\\n", " ").split("\n"):
        match = re.search(r"(?:^|[\s;&|(])cittamedie\s+([^>|;&#]*)", line)
        if match:
            found.append(shlex.split(match[1].replace("$", "X")))
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_workflow_is_valid_against_the_github_workflow_schema(name):
    result = subprocess.run(
        [check_jsonschema(), "--builtin-schema", "vendor.github-workflows", str(WORKFLOWS / name)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "name: x\non: [push]\njobs:\n  a:\n    steps:\n      - run: true\n", "utf-8"
    )  # no runs-on
    result = subprocess.run(
        [check_jsonschema(), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "runs-on" in result.stdout


def test_every_cittamedie_command_in_the_automation_parses():
    found = [
        argv
        for path in WORKFLOWS.glob("*.yml")
        for step in steps(workflow(path.name))
        for argv in commands(step.get("run", ""))
    ]
    for argv in found:
        parser("cittamedie").parse_args(argv)  # exits (SystemExit) on an unknown option
    assert {argv[0] for argv in found} >= {"validate", "changes", "links"}


def test_pull_requests_validate_with_annotations_build_and_attach_a_preview_with_a_summary():
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow["on"]
    runs = "\n".join(step.get("run", "") for step in steps(flow))
    assert "cittamedie validate --format github" in runs
    # what main builds (publish.yml), PDFs and offline copy included: a pull request meets every check
    assert any(step.get("run") == "make site" for step in steps(flow))
    assert re.search(
        r"cittamedie changes --base-site \S+ --site-dir site >> \"\$GITHUB_STEP_SUMMARY\"", runs
    )
    upload = next(
        step for step in steps(flow) if step.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["path"].rstrip("/") == "site"
    assert flow["permissions"] == {"contents": "read"}


def test_main_is_built_with_history_pdfs_and_offline_copy_and_deployed_to_pages():
    flow = workflow("publish.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    checkout = next(
        step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout@")
    )
    assert checkout["with"]["fetch-depth"] == 0
    assert any(step.get("run") == "make site" for step in build["steps"])
    assert uses({"jobs": {"build": build}})[-2:] == [
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    # the site's addresses from the repository's variables; unset, the validation step refuses
    # (content/identity.py: CITTAMEDIE_PUBLISHING makes them errors) before anything is built
    assert flow["env"]["CITTAMEDIE_PUBLISHING"] == "true"
    for name in DEPLOYMENT.values():
        assert flow["env"][name] == "${{ vars." + name + " }}"
        assert f"!ENV {name}" in (REPO / "mkdocs.yml").read_text("utf-8")
    runs = [step.get("run") for step in build["steps"]]
    assert runs.index("make validate") < runs.index("make site")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert uses({"jobs": {"deploy": deploy}}) == ["actions/deploy-pages"]


def test_a_version_is_published_from_a_form_through_release_and_a_pull_request():
    """release.yml: GitHub's form asks what `cittamedie release` needs, the command runs on the
    whole history with the form's values as variables (never pasted into the script), and a pull
    request is opened."""
    flow = workflow("release.yml")
    assert flow["name"] == "Publish a version"
    inputs = flow["on"]["workflow_dispatch"]["inputs"]
    assert list(inputs) == ["document", "version", "status", "summary_it", "summary_en", "date"]
    assert tuple(inputs["status"]["options"]) == STATUSES
    assert not inputs["date"]["required"] and all(
        inputs[name]["required"] for name in list(inputs)[:-1]
    )
    job = flow["jobs"]["release"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    step = next(s for s in job["steps"] if "cittamedie release" in s.get("run", ""))
    assert commands(step["run"]) == [
        ["release", "XDOCUMENT", "XVERSION", "--status", "XSTATUS", "--summary-it",
         "XSUMMARY_IT", "--summary-en", "XSUMMARY_EN", "--date", "XDATE"]
    ]  # fmt: skip
    assert {step["env"][name] for name in step["env"]} == {
        f"${{{{ inputs.{name} }}}}" for name in inputs
    }
    assert not any("${{" in s.get("run", "") for s in job["steps"])
    assert "gh pr create" in job["steps"][-1]["run"]
    assert flow["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_links_are_checked_weekly_and_reported_in_one_issue():
    flow = workflow("links.yml")
    (cron,) = [entry["cron"] for entry in flow["on"]["schedule"]]
    assert len(cron.split()) == 5 and cron.split()[4] != "*"  # one day of the week
    runs = "\n".join(step.get("run", "") for step in steps(flow))
    assert "cittamedie links --format markdown" in runs and "$GITHUB_STEP_SUMMARY" in runs
    assert "gh issue edit" in runs and "gh issue create" in runs
    assert flow["permissions"]["issues"] == "write"


def test_dependabot_proposes_weekly_updates_of_the_lock_npm_and_the_actions():
    path = REPO / ".github" / "dependabot.yml"
    result = subprocess.run(
        [check_jsonschema(), "--builtin-schema", "vendor.dependabot", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    updates = {
        entry["package-ecosystem"]: entry for entry in yaml.safe_load(path.read_text())["updates"]
    }
    assert set(updates) == {"pip", "npm", "github-actions"}
    assert {entry["schedule"]["interval"] for entry in updates.values()} == {"weekly"}
    assert {entry["directory"] for entry in updates.values()} == {
        "/"
    }  # requirements.txt, package-lock.json
    # its pull requests are built and tested like any other
    assert "pull_request" in workflow("pull-request.yml")["on"]


def test_the_workflows_install_from_the_lock_and_check_it():
    for name in ("pull-request.yml", "publish.yml"):
        flow = workflow(name)
        runs = "\n".join(step.get("run", "") for step in steps(flow))
        assert "pip install -e" not in runs.replace('install --quiet -e "$RUNNER_TEMP/base"', ""), (
            name
        )
        for step in steps(flow):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache-dependency-path"] == "requirements.txt", name
    installs = [
        step["run"]
        for step in steps(workflow("pull-request.yml"))
        if "Install" in step.get("name", "")
    ]
    assert installs and all(run.startswith("make .venv/.installed") for run in installs)
    runs = [step.get("run", "") for step in steps(workflow("pull-request.yml"))]
    assert "make lock && git diff --exit-code requirements.txt" in runs


def test_the_pre_commit_hook_validates_when_content_changes():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    hook = next(hook for hook in repo["hooks"] if hook["id"] == "cittamedie-validate")
    assert repo["repo"] == "local" and hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for path in (
        "docs/index.md",
        "guidelines/linee-guida/document.yml",
        "good-practices/ba-x.en.md",
        "data/themes.yml",
        "mkdocs.yml",
    ):
        assert pattern.search(path), path
    for path in (
        "scripts/cittamedie/site/pages.py",
        "README.md",
        "tests/fixtures/valid/docs/index.md",
        "site/index.html",
    ):
        assert not pattern.search(path), path
    makefile = (REPO / "Makefile").read_text("utf-8")
    target = hook["entry"].split()[-1]
    assert re.search(rf"^{target}:.*\n\t\$\(BIN\)/cittamedie validate$", makefile, re.M)


# ---------------------------------------------------------------- publiccode.yml

KNOWN_GAPS = {
    ("maintenance",): "'contacts' is a required property"
}  # the maintainers are not known yet


def test_publiccode_yml_has_the_standards_mandatory_keys():
    schema = json.loads((FIXTURES / "schemas" / "publiccode-0.4.schema.json").read_text("utf-8"))
    code = yaml.safe_load((REPO / "publiccode.yml").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = {tuple(error.absolute_path): error.message for error in validator.iter_errors(code)}
    assert errors == KNOWN_GAPS  # when the maintainers are named, empty KNOWN_GAPS


def test_publiccode_yml_agrees_with_the_project():
    code = yaml.safe_load((REPO / "publiccode.yml").read_text("utf-8"))
    config = read_config(REPO / "mkdocs.yml").data  # !ENV: the suite's values (conftest DEPLOYMENT)
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert code["url"] == config["extra"]["identity"]["repository"]
    assert code["landingURL"] == config["site_url"]
    assert code["softwareVersion"] == project["version"]
    assert code["legal"]["license"] == project["license"]
    assert code["localisation"]["availableLanguages"] == ["it", "en"]
    assert "riuso" not in code.get(
        "it", {}
    )  # no codiceIPA: no public administration owns the repository


def test_the_publiccode_schema_catches_a_missing_key_and_a_long_short_description():
    schema = json.loads((FIXTURES / "schemas" / "publiccode-0.4.schema.json").read_text("utf-8"))
    code = yaml.safe_load((REPO / "publiccode.yml").read_text("utf-8"))
    del code["legal"]
    code["description"]["en"]["shortDescription"] = "x" * 151
    code["description"]["it"].pop("features")
    code["description"]["en"].pop("features")
    messages = {
        error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(code)
    }
    assert "'legal' is a required property" in messages
    assert any("is too long" in message for message in messages)
    assert any("should not be valid" in message for message in messages)  # features in no language


def test_ruff_runs_before_a_commit_in_ci_and_in_make_test():
    """One formatter and linter, checked by the same command everywhere it runs."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    entries = [hook["entry"] for hook in config["repos"][0]["hooks"]]
    assert any(entry.startswith(".venv/bin/ruff check") for entry in entries)
    assert any(entry.startswith(".venv/bin/ruff format --check") for entry in entries)
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert re.search(r"^test: .*\blint\b", makefile, re.M)
    assert "$(BIN)/ruff check scripts tests\n\t$(BIN)/ruff format --check scripts tests" in makefile
    workflow = (REPO / ".github" / "workflows" / "pull-request.yml").read_text("utf-8")
    assert "ruff check scripts tests && ruff format --check scripts tests" in workflow


# ---------------------------------------------------------------- Review: CODEOWNERS, the PR template


GUIDES = ("CONTRIBUTING.md", "CONTRIBUTING.en.md")  # the editors' guide in Italian, and in English


def contributing_section(title: str, name: str = "CONTRIBUTING.en.md") -> str:
    guide = (REPO / name).read_text("utf-8")
    assert f"\n{title}\n" in guide, f"{name} has no section {title!r}"
    return guide.split(f"\n{title}\n", 1)[1].split("\n## ", 1)[0]


def codeowners() -> list[tuple[str, list[str]]]:
    """(pattern, owners) of each rule of .github/CODEOWNERS."""
    text = (REPO / ".github" / "CODEOWNERS").read_text("utf-8")
    rules = [line.split() for line in text.splitlines() if line.strip() and line[0] != "#"]
    return [(pattern, owners) for pattern, *owners in rules]


def matches(pattern: str) -> list[Path]:
    """What a CODEOWNERS pattern names in the repository (its gitignore-like syntax, as used)."""
    if pattern == "*":
        return [REPO]
    if pattern.startswith("/"):  # anchored at the top; a trailing / names a folder
        path = REPO / pattern.strip("/")
        return [path] if (path.is_dir() if pattern.endswith("/") else path.exists()) else []
    return [p for p in REPO.rglob(pattern) if ".venv" not in p.parts and "site" not in p.parts]


def test_codeowners_names_existing_paths_and_the_placeholder_teams_the_guide_documents():
    rules = codeowners()
    assert rules[0] == ("*", ["@ORGANIZZAZIONE/sviluppo"])  # a reviewer for everything
    documented = {
        "CONTRIBUTING.md": contributing_section("### Chi rivede e unisce le modifiche", GUIDES[0]),
        "CONTRIBUTING.en.md": contributing_section("### Who reviews and merges", GUIDES[1]),
    }
    for pattern, owners in rules:
        assert matches(pattern), f"CODEOWNERS names {pattern}, which does not exist"
        assert owners, pattern
        for owner in owners:
            assert re.fullmatch(r"@[A-Za-z0-9-]+(/[a-z0-9-]+)?", owner), owner
            for name, section in documented.items():
                assert f"`{owner}`" in section, f"{name} does not say who {owner} is"
    content = {"docs", "guidelines", "good-practices", "data"}  # every content folder has its team
    assert content <= {pattern.strip("/").split("/")[0] for pattern, _ in rules}


def test_the_pull_request_template_names_only_commands_files_and_steps_that_exist():
    """No dead instruction: every `…` of the checklist is a command that parses, a make target, a
    file or folder of the repository, a field of a page's front matter, or a name the pull-request
    workflow shows; the guide's section it points to exists."""
    template = (REPO / ".github" / "pull_request_template.md").read_text("utf-8")
    items = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 6
    schemas = REPO / "scripts" / "cittamedie" / "content" / "schemas"
    fields = {
        name
        for schema in ("page", "good-practice")
        for name in json.loads((schemas / f"{schema}.schema.json").read_text("utf-8"))["properties"]
    }
    flow = workflow("pull-request.yml")
    shown = {flow["name"], "TODO"} | {  # TODO: what `cittamedie new` leaves to fill in
        step["with"]["name"] for step in steps(flow) if "upload-artifact" in step.get("uses", "")
    }
    makefile = (REPO / "Makefile").read_text("utf-8")
    for item in items:
        for quoted in re.findall(r"`([^`]+)`", item):
            if quoted.startswith("cittamedie "):
                parser("cittamedie").parse_args(shlex.split(quoted)[1:])
            elif quoted.startswith("make "):
                assert re.search(rf"^{quoted.split()[1]}:", makefile, re.M), quoted
            elif quoted.split(":")[0] in fields:
                pass  # a front-matter field, e.g. `updated:` or `untranslated: "reason"`
            elif "/" in quoted or "." in quoted:  # a file or folder, <placeholders> for names
                pattern = re.sub(r"<[^>]+>", "*", quoted)
                pattern = "*" + pattern if pattern.startswith(".") else pattern  # a suffix
                found = REPO.glob(pattern) if "/" in pattern else REPO.rglob(pattern)
                assert next(found, None), quoted
            else:
                assert quoted in shown, f"the pull-request template names `{quoted}`: what is it?"
    cited = dict(re.findall(r'(CONTRIBUTING(?:\.en)?\.md), "([^"]+)"', template))
    assert cited.keys() == set(GUIDES), cited  # the Italian guide, and the English beside it
    for name, title in cited.items():
        assert contributing_section(f"## {title}", name)
