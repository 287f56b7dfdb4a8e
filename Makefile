# Two commands do all the set-up on a fresh machine:
#   make site   build the site (and PDFs) into site/
#   make test   run the whole test suite (installs Debian's chromium when missing and root)
# `make help` lists the others. Each target's `## ` comment is its line in `make help`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
# The engine of `make html`, `make site` and `make serve`, from the same mkdocs.yml: MkDocs 1.6, or
# ProperDocs, its maintained fork (make site ENGINE=properdocs; tests/site/test_engines.py compares them)
ENGINE ?= mkdocs
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help site html test fast serve validate pdf offline bench lint format clean chromium pdf-libraries history lock

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 18

site: html pdf-libraries ## the site, its PDFs and the offline copy, into site/
	$(BIN)/cittamedie pdf --site-dir site
	$(BIN)/cittamedie offline --site-dir site

# The served site alone: validate, MkDocs, the search index; no PDFs, no offline zip.
# scripts/bench.py times these same steps (HTML_STEPS) against stock Material.
html: $(STAMP) validate ## only the served site (validate, MkDocs, search index): no PDFs
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml

validate: $(STAMP) history ## check every content file: file:line: rule: problem — fix
	$(BIN)/cittamedie validate

test: $(STAMP) history pdf-libraries node_modules/axe-core/axe.min.js chromium lint ## every test (unit, site, PDFs, browser), after lint
	$(BIN)/pytest

fast: $(STAMP) history ## the quick tests: no site build, no browser
	$(BIN)/pytest -m "not browser and not slow"

serve: $(STAMP) ## live preview while editing, at http://127.0.0.1:8000/
	CITTAMEDIE_PREVIEW=true $(BIN)/$(ENGINE) serve --no-strict -f mkdocs.yml

pdf: $(STAMP) ## only the PDFs, from an existing site/
	$(BIN)/cittamedie pdf --site-dir site

offline: $(STAMP) ## only the offline copy, from an existing site/
	$(BIN)/cittamedie offline --site-dir site

bench: $(STAMP) ## benchmark figures (scripts/bench.py --help for the others)
	$(BIN)/python scripts/bench.py

lint: $(STAMP) ## ruff: lint and formatting, as CI checks them
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(STAMP) ## ruff: fix what can be fixed, format every Python file
	$(BIN)/ruff check --fix scripts tests
	$(BIN)/ruff format scripts tests

# Installed from the lock, requirements.txt: every package (pip and setuptools included) at the
# version and with the hashes written there, then the project itself, editable, adding nothing.
# pip is the only installer: a fresh clone needs no tool of its own to read the lock.
$(STAMP): pyproject.toml requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip check || { echo "pyproject.toml asks for what requirements.txt lacks: run make lock"; exit 1; }
	touch $(STAMP)

# The lock, from pyproject.toml (dependencies, the test extras, the build system's setuptools):
# versions already locked are kept unless pyproject.toml no longer allows them; UPGRADE=--upgrade
# (or UPGRADE="--upgrade-package mkdocs-material") moves them on. Needs the network.
LOCK = pip-compile --allow-unsafe --build-deps-for=editable --extra=test --generate-hashes --no-emit-find-links --no-emit-index-url --output-file=requirements.txt --strip-extras pyproject.toml
# pip-tools comes from the lock itself, not from the project's install, which may lack what a changed
# pyproject.toml asks.
lock: ## requirements.txt (the lock) again from pyproject.toml, after changing a dependency
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/$(LOCK) --quiet $(UPGRADE)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# The documents' versions are read from git (scripts/cittamedie/history/): a shallow clone (CI's usual checkout)
# lacks the revisions they name, so fetch the rest of the history once, when there is a remote.
history:
	@if [ "$$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then \
	  echo "Shallow clone: fetching the history the document versions are read from…"; \
	  git fetch --quiet --unshallow || echo "Could not fetch the history: run git fetch --unshallow, or clone without --depth."; \
	fi

# WeasyPrint (the PDFs) needs Pango; Debian images usually have it, a minimal one may not.
pdf-libraries:
	@if ldconfig -p | grep -q libpangoft2-1.0; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Pango for WeasyPrint (the PDF export)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	else \
	  echo "The PDF export needs Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; \
	fi

chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's chromium (needed by the browser tests)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Chromium at $(CHROMIUM)."; \
	  echo "Install it with: sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"; \
	  exit 1; \
	fi

clean: ## remove what the build writes (site/, caches, the generated pages)
	if [ -x $(BIN)/cittamedie ]; then $(BIN)/cittamedie clean; fi
	rm -rf site .cache .pytest_cache
