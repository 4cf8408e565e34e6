# JobMarket: the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
# A folder holding rome/ and communes/ (the official files) to load on `make run`:
# ../shared/data when it sits beside the checkout, else none (`make run REFERENCE_DATA=` skips it).
REFERENCE_DATA ?= $(wildcard ../shared/data)
TEST_REDIS_PORT ?= 6390
PYTEST_ARGS ?=
SCREENSHOTS_ARGS ?=
# Re-install only when the pinned requirements change.
REQS_HASH := $(shell cat requirements.txt requirements-dev.txt 2>/dev/null | sha1sum | cut -c1-12)
# npm packages (the map's boundaries, axe-core for the accessibility tests), pinned in package-lock.json.
NODE_HASH := $(shell cat package-lock.json 2>/dev/null | sha1sum | cut -c1-12)
APT_GET := $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: help run test install install-dev node-deps system-deps lint typecheck check-deploy clean-db screenshots

help:
	@echo "make run    install into $(VENV), migrate, load the demo offers, serve on http://$(ADDR)/"
	@echo "make test   install test dependencies (Redis, Chromium from Debian when missing) and run the suite"
	@echo "make lint   ruff format --check + ruff check;  make typecheck: mypy"
	@echo "make screenshots   a screenshot of every page, desktop and phone, into screenshots/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-$(REQS_HASH): $(BIN)/python requirements.txt
	@# torch first, pinned: an unpinned resolve would pull the CUDA build (gigabytes).
	@if grep -q '^torch==' requirements.txt; then \
		$(BIN)/pip install --quiet "$$(grep '^torch==' requirements.txt)"; fi
	$(BIN)/pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.run-*; touch $@

$(VENV)/.dev-$(REQS_HASH): $(VENV)/.run-$(REQS_HASH) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.dev-*; touch $@

# Node and npm come from Debian when missing; `npm ci` installs exactly what package-lock.json pins.
node_modules/.installed-$(NODE_HASH): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Installing from Debian: nodejs npm"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-*; touch $@

install: $(VENV)/.run-$(REQS_HASH)
install-dev: $(VENV)/.dev-$(REQS_HASH)
node-deps: node_modules/.installed-$(NODE_HASH)

run: install node-deps
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py run_local --addr $(ADDR) \
		$(if $(REFERENCE_DATA),--reference-data $(REFERENCE_DATA))

# A screenshot of every page, desktop and phone, of the demo (into the git-ignored screenshots/).
screenshots: install-dev system-deps node-deps
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py run_local --no-serve --addr $(ADDR) \
		$(if $(REFERENCE_DATA),--reference-data $(REFERENCE_DATA)) >/dev/null || echo "(make run is serving from this checkout: its data is used)"
	DEBUG=$${DEBUG:-1} CHROMIUM_PATH=$$(command -v chromium) $(BIN)/python manage.py screenshots $(SCREENSHOTS_ARGS)

# Redis and Chromium come from Debian's packages; installed only when missing.
system-deps:
	@missing=""; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "Installing from Debian:$$missing"; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

test: install-dev system-deps node-deps
	@# Redis for the Celery integration test; stopped afterwards only if this run started it.
	@started=0; \
	if ! redis-cli -p $(TEST_REDIS_PORT) ping >/dev/null 2>&1; then \
		redis-server --port $(TEST_REDIS_PORT) --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
			--pidfile /tmp/jobmarket-test-redis-$(TEST_REDIS_PORT).pid --logfile /tmp/jobmarket-test-redis.log; \
		started=1; \
		for i in $$(seq 50); do redis-cli -p $(TEST_REDIS_PORT) ping >/dev/null 2>&1 && break; sleep 0.1; done; \
	fi; \
	status=0; REDIS_TEST_URL=redis://127.0.0.1:$(TEST_REDIS_PORT)/15 CHROMIUM_PATH=$$(command -v chromium) \
		$(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ $$started = 1 ]; then redis-cli -p $(TEST_REDIS_PORT) shutdown nosave >/dev/null 2>&1 || true; fi; \
	exit $$status

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install-dev
	DEBUG=1 $(BIN)/mypy jobmarket offers ingestion candidates matching

# What `manage.py check --deploy` says with production settings (no database needed).
check-deploy: install
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=jobmarket.example.fr \
		DATABASE_URL=postgres://jobmarket@localhost:5432/jobmarket REDIS_URL=redis://localhost:6379/0 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# Stop and delete the embedded database (the demo is reloaded by the next `make run`).
clean-db:
	@if [ -f .pgdata/postmaster.pid ]; then \
		$(BIN)/python -c "import pgserver; pgserver.get_server('.pgdata', cleanup_mode='stop')"; fi
	rm -rf .pgdata
