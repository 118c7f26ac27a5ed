# The README's two set-up commands: `make run` (install, then start the app) and `make test`
# (install everything, Chromium included, then run the whole test suite).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
ARGS ?=
PYTEST_ARGS ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test app-deps test-deps chromium

run: app-deps
	$(BIN)/python run.py $(ARGS)

test: app-deps test-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

app-deps: $(VENV)/.app-installed static/vendor/socket.io.min.js

test-deps: $(VENV)/.test-installed chromium

$(VENV)/.app-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.app-installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

static/vendor/socket.io.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.min.js $@

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
