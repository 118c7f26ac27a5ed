# The README's two set-up commands: `make run` (install, then start the app) and `make test`
# (install everything, Chromium included, then run the whole test suite).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
# npm ci writes this file last: node_modules matches the lockfile.
NODE_INSTALLED := node_modules/.package-lock.json
ARGS ?=
PYTEST_ARGS ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# `env` inside sudo: sudo would drop DEBIAN_FRONTEND from the environment.
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
APT_UPDATE := $(SUDO) apt-get update -qq
# Debian packages: WeasyPrint's Pango and fonts (with emoji) for the PDF report; Chromium, pdftoppm and
# redis-server (two server processes sharing a message queue) for the tests.
APP_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-color-emoji
TEST_PACKAGES := chromium poppler-utils redis-server

.PHONY: run test bench messages app-deps test-deps app-packages test-packages

run: app-deps
	$(BIN)/python run.py $(ARGS)

test: app-deps test-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark (docs/performance.md): not part of the test suite; ARGS="--quick" for a smoke run.
bench: app-deps $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py $(ARGS)

# After changing a string a person reads: the catalogue's new messages into each translation (workshop/messages.py).
messages: $(VENV)/.app-installed
	$(BIN)/python -m workshop.messages

app-deps: app-packages $(VENV)/.app-installed static/vendor/socket.io.min.js

test-deps: test-packages $(VENV)/.test-installed $(NODE_INSTALLED)

$(VENV)/.app-installed: pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { $(APT_UPDATE) && $(APT_INSTALL) python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.app-installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.app-installed
	$(BIN)/pip install -q -e '.[bench]'
	touch $@

# Node.js and npm only install package-lock.json: socket.io-client for the pages, axe-core for the accessibility
# tests (tests/e2e/axe.py reads node_modules/axe-core/axe.min.js). Debian's npm comes along when there is none.
$(NODE_INSTALLED): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm ontbreekt / npm is missing: installing Debian's npm"; \
		$(APT_UPDATE) && $(APT_INSTALL) --no-install-recommends npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/socket.io.min.js: $(NODE_INSTALLED)
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.min.js $@

app-packages:
	@dpkg -s $(APP_PACKAGES) >/dev/null 2>&1 || { $(APT_UPDATE) && $(APT_INSTALL) $(APP_PACKAGES) >/dev/null; }

test-packages:
	@dpkg -s $(TEST_PACKAGES) >/dev/null 2>&1 || { $(APT_UPDATE) && $(APT_INSTALL) $(TEST_PACKAGES) >/dev/null; }
