# Portail social · Sociaal portaal — `make run` serves the portal, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export PIP_CACHE_DIR := $(CURDIR)/.cache/pip
export npm_config_cache := $(CURDIR)/.cache/npm
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help install install-test assets run test test-sqlite lint format check migrations-check clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[test]'
	touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed ## Create the virtualenv and install the portal
install-test: $(VENV)/.installed-test node_modules/.installed ## Install the portal with its test tools

assets: install ## Compile translations and collect static files
	$(BIN)/python manage.py compile_catalogues
	$(BIN)/python manage.py collectstatic --noinput -v 0

run: install ## Set everything up and serve on http://127.0.0.1:8000 (SQLite, no search engine)
	PYTHON=$(BIN)/python scripts/run.sh

test: install-test ## The whole suite: PostgreSQL + OpenSearch + Chromium, then a SQLite pass
	PYTHON=$(BIN)/python scripts/test.sh

test-sqlite: install-test ## Only the SQLite pass (smoke, search and API tests, no engine)
	PYTHON=$(BIN)/python scripts/test.sh --sqlite-only

lint: install-test ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test ## ruff format and fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run --noinput

migrations-check: check ## Alias of check

clean: ## Remove the local database, media and collected static files
	rm -rf var staticfiles
