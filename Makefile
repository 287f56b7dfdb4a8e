# Two commands do all the set-up on a fresh machine:
#   make site   build the site (and PDFs) into site/
#   make test   run the whole test suite (installs Debian's chromium when missing and root)
# Also: make serve (live preview), make validate (content checks), make fast (tests without a browser).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site html test fast serve validate pdf offline bench lint clean chromium pdf-libraries history

site: html pdf-libraries
	$(BIN)/cittamedie pdf --site-dir site
	$(BIN)/cittamedie offline --site-dir site

# The served site alone: validate, MkDocs, the search index; no PDFs, no offline zip.
# scripts/bench.py times these same steps (HTML_STEPS) against stock Material.
html: $(STAMP) validate
	$(BIN)/mkdocs build --strict

validate: $(STAMP) history
	$(BIN)/cittamedie validate

test: $(STAMP) history pdf-libraries node_modules/axe-core/axe.min.js chromium
	$(BIN)/pytest

fast: $(STAMP) history
	$(BIN)/pytest -m "not browser and not slow"

serve: $(STAMP)
	$(BIN)/mkdocs serve

pdf: $(STAMP)
	$(BIN)/cittamedie pdf --site-dir site

offline: $(STAMP)
	$(BIN)/cittamedie offline --site-dir site

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

lint: $(STAMP)
	$(BIN)/ruff check scripts tests

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# The documents' versions are read from git (history.py): a shallow clone (CI's usual checkout)
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

clean:
	rm -rf site .cache good-practices/tema good-practices/citta .pytest_cache
	rm -f guidelines/*/versioni.md guidelines/*/versioni.en.md
