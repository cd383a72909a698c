# Newsroom: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# The first interpreter that is 3.12 or newer; pyenv's shims honour .python-version.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then echo $$p; break; fi; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install browser-tools lighthouse run test lint format lock clean bench

help:
	@echo "make run     set up, migrate SQLite, load the demo and serve http://$(HOST):$(PORT)"
	@echo "make test    run the whole test suite"
	@echo "make lint    ruff lint and format check"
	@echo "make format  format and autofix with ruff"
	@echo "make lock    re-pin requirements.lock from pyproject.toml"
	@echo "make browser-tools  install axe-core, vnu-jar and lighthouse (npm) for the browser tests"
	@echo "make lighthouse     Lighthouse scores of the home and an article page"
	@echo "make bench   benchmark with wrk (ARTICLES, DURATION, CONNECTIONS, DATABASES, LOAD_TEST=1)"

$(VENV)/.installed: requirements.lock
	@if [ -z "$(PYTHON)" ] || ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "Newsroom needs Python 3.12 or newer (3.13 recommended); found: $$($(or $(PYTHON),python3) --version 2>&1)." >&2; \
		exit 1; fi
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Removing $(VENV): it was made with an old Python."; rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-virtualenv -r requirements.lock
	@touch $@

install: $(VENV)/.installed

# npm tools the browser and HTML tests use (pinned in package-lock.json).
# --ignore-scripts: vnu-jar's install script would fetch a Java of its own;
# the tests use the system's.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

browser-tools: node_modules/.installed

lighthouse: install browser-tools
	tools/lighthouse.sh

# A local secret, made once, so the site runs with DEBUG off like production.
.env:
	@echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote a local SECRET_KEY to .env"

run: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	@echo
	@echo "Newsroom is at http://$(HOST):$(PORT)/ and its admin at http://$(HOST):$(PORT)/admin/"
	@echo "Log in with one of the demo accounts printed above (local use only)."
	@echo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The browser tests join in when npm is there to install their tools; without
# it (or without Chromium or Java) they skip and say why.
test: install $(if $(shell command -v npm),browser-tools)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Full run: make bench (100,000 articles, 30 s per URL, SQLite and PostgreSQL).
# Short run: make bench ARTICLES=1000 DURATION=3 DATABASES=sqlite
ARTICLES ?= 100000
DURATION ?= 30
CONNECTIONS ?= 32
DATABASES ?= sqlite,postgres
BENCH_ARGS ?=

bench: install
	$(BIN)/python bench/run.py --articles $(ARTICLES) --duration $(DURATION) \
		--connections $(CONNECTIONS) --databases $(DATABASES) \
		$(if $(LOAD_TEST),--load-test) $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock:
	@if [ -z "$(PYTHON)" ]; then echo "Newsroom needs Python 3.12 or newer." >&2; exit 1; fi
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet --group dev
	.lock-venv/bin/python -m pip freeze --exclude pip > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache bench/.data
