# The TRP Handbook. Two commands: `make` builds everything into site/, `make test` tests it.
# See README.md. Variables: PYTHON (interpreter for the venv), ONLY (languages for `make serve`),
# ENGINE (mkdocs, the pinned default; properdocs: the same build with ProperDocs in .venv-properdocs/).

PYTHON ?= python3
ENGINE ?= mkdocs
ifeq ($(ENGINE),mkdocs)
VENV   := .venv
else ifeq ($(ENGINE),properdocs)
VENV   := .venv-properdocs
else
$(error ENGINE=$(ENGINE): expected mkdocs or properdocs)
endif
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

.PHONY: all site serve test test-fast check clean distclean system-deps test-system-deps check-system-deps node-system-deps dictionaries test-deps help changelog bundle release bench properdocs-env

all: site

help:
	@echo "make            build the whole handbook (all languages, site + PDFs) into site/"
	@echo "make test       build, then run every test (unit, build, browser, PDF)"
	@echo "make serve      live preview; ONLY=sr renders one language alone (at /sr/, fastest)"
	@echo "make ENGINE=properdocs   the same build with ProperDocs (MkDocs' maintained fork) in .venv-properdocs/"
	@echo "make check      content checks only (legislation, translations, safety)"
	@echo "make bench      the performance benchmark and its budget (about 30 min; REPEAT=N, BENCH_JSON=file)"
	@echo "make release EDITION=N   cut edition N: build, bundle into dist/edition-N/, tag"
	@echo "make clean      remove site/ and caches; distclean also removes .venv and node_modules"

system-deps:
	@$(PYTHON) scripts/system_deps.py build $(APT_BUILD)

.venv/.installed: requirements.lock pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade "pip>=24"
	.venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
	.venv/bin/python -m pip install --quiet --no-deps -e .
	@touch $@

# The same pins with ProperDocs in place of MkDocs (README, "Site engine"); --no-deps because
# Material and mkdocs-static-i18n name mkdocs, which ProperDocs stands in for.
.venv-properdocs/.installed: requirements.lock requirements-properdocs.lock pyproject.toml scripts/lock_without.py
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install --quiet --upgrade "pip>=24"
	$(PYTHON) scripts/lock_without.py requirements.lock mkdocs > .venv-properdocs/requirements.lock
	.venv-properdocs/bin/python -m pip install --quiet --no-deps --require-hashes -r .venv-properdocs/requirements.lock
	.venv-properdocs/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-properdocs.lock
	.venv-properdocs/bin/python -m pip install --quiet --no-deps -e .
	@touch $@

properdocs-env: .venv-properdocs/.installed

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

# The performance benchmark (ENGINEERING.md, "Performance"); takes about half an hour.
# REPEAT=N runs per measurement (default 3); BENCH_JSON=file also writes the results as JSON.
bench: $(STAMP)
	$(PY) -m trp_handbook bench $(if $(REPEAT),--repeat $(REPEAT)) $(if $(BENCH_JSON),--json-out $(BENCH_JSON))

test-system-deps:
	@$(PYTHON) scripts/system_deps.py test $(APT_TEST)

check-system-deps:
	@$(PYTHON) scripts/system_deps.py check $(APT_CHECK)

node-system-deps:
	@$(PYTHON) scripts/system_deps.py check $(APT_NODE)

# DAISY Ace drives Debian's Chromium (PUPPETEER_EXECUTABLE_PATH, set by its test): npm downloads no browser.
node_modules/.installed: package.json package-lock.json | node-system-deps
	PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --silent --no-audit --no-fund
	@touch node_modules/.installed

# The spelling dictionaries: Debian's, and npm's Macedonian one (never fetched at run time).
dictionaries: check-system-deps node_modules/.installed

test-deps: $(STAMP) test-system-deps dictionaries

test: site test-deps
	$(PY) -m pytest -q

# The tests that neither build (engine or WeasyPrint on a fixture), nor need site/, nor drive Chromium.
test-fast: $(STAMP) dictionaries
	$(PY) -m pytest -q -m "not build and not site and not browser and not faults"

clean:
	rm -rf site site.tmp-* site.old-* dist .pytest_cache .cache

distclean: clean
	rm -rf .venv .venv-properdocs node_modules
