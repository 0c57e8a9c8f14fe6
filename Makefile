# The TRP Handbook. Two commands: `make` builds everything into site/, `make test` tests it.
# See README.md. Variables: PYTHON (interpreter for the venv), ONLY (languages for `make serve`).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# System packages the build needs, as Debian/Ubuntu names: a virtual environment, WeasyPrint's libraries.
# (No font package: the books use only the fonts in overrides/assets/fonts, see trp_handbook.book.fonts.)
APT_BUILD := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1
# What the tests need beyond the build: a real browser, PDF tools, Java for the HTML checker,
# Node.js for the test-only npm tools, git for the release tests.
APT_TEST  := chromium qpdf poppler-utils default-jre-headless nodejs npm git
# What the translation checks (`make check`, `handbook check-language`) need: Hunspell and its
# dictionaries (Serbian has Cyrillic sr_RS and Latin sr_Latn_RS; Albanian is myspell-sq).
# Macedonian's dictionary is not packaged by Debian: npm's dictionary-mk (package.json).
APT_CHECK := hunspell hunspell-en-gb hunspell-fr hunspell-hr hunspell-bs hunspell-sr myspell-sq
# Node.js for the npm packages (the Macedonian dictionary; the test-only tools).
APT_NODE  := nodejs npm

.PHONY: all site serve test test-fast check clean distclean system-deps test-system-deps check-system-deps node-system-deps dictionaries test-deps help changelog bundle release bench

all: site

help:
	@echo "make            build the whole handbook (all languages, site + PDFs) into site/"
	@echo "make test       build, then run every test (unit, build, browser, PDF)"
	@echo "make serve      live preview; ONLY=sr renders one language alone (at /sr/, fastest)"
	@echo "make check      content checks only (legislation, translations, safety)"
	@echo "make bench      the performance benchmark and its budget (about 30 min; REPEAT=N, BENCH_JSON=file)"
	@echo "make release EDITION=N   cut edition N: build, bundle into dist/edition-N/, tag"
	@echo "make clean      remove site/ and caches; distclean also removes .venv and node_modules"

system-deps:
	@$(PYTHON) scripts/system_deps.py build $(APT_BUILD)

$(STAMP): requirements.lock pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

site: $(STAMP)
	$(PY) -m trp_handbook build $(if $(ONLY),--languages $(ONLY))

# An edition: `make release EDITION=2` (after writing its CHANGELOG entry and
# data/editions.yml entry, on a clean tree) builds, bundles and tags it.
# `make bundle EDITION=2` only builds and bundles (CI on an edition tag).
changelog: $(STAMP)
	$(PY) -m trp_handbook changelog --edition $(EDITION)

bundle: site
	$(PY) -m trp_handbook bundle --edition $(EDITION)

release: $(STAMP)
	$(PY) -m trp_handbook release --edition $(EDITION)

serve: $(STAMP)
	$(PY) -m trp_handbook serve $(if $(ONLY),--languages $(ONLY))

check: $(STAMP) dictionaries
	$(PY) -m trp_handbook check

# The performance benchmark (README, "Performance"); takes about half an hour.
# REPEAT=N runs per measurement (default 3); BENCH_JSON=file also writes the results as JSON.
bench: $(STAMP)
	$(PY) -m trp_handbook bench $(if $(REPEAT),--repeat $(REPEAT)) $(if $(BENCH_JSON),--json-out $(BENCH_JSON))

test-system-deps:
	@$(PYTHON) scripts/system_deps.py test $(APT_TEST)

check-system-deps:
	@$(PYTHON) scripts/system_deps.py check $(APT_CHECK)

node-system-deps:
	@$(PYTHON) scripts/system_deps.py check $(APT_NODE)

node_modules/.installed: package.json package-lock.json | node-system-deps
	npm ci --silent --no-audit --no-fund
	@touch node_modules/.installed

# The spelling dictionaries: Debian's, and npm's Macedonian one (never fetched at run time).
dictionaries: check-system-deps node_modules/.installed

test-deps: $(STAMP) test-system-deps dictionaries

test: site test-deps
	$(PY) -m pytest -q

test-fast: $(STAMP) dictionaries
	$(PY) -m pytest -q -m "not site and not browser and not faults"

clean:
	rm -rf site site.tmp-* site.old-* dist .pytest_cache .cache

distclean: clean
	rm -rf $(VENV) node_modules
