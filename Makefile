# Dalil: the two newcomer commands are `make demo` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py

.PHONY: install demo serve test e2e e2e-setup lint format messages bench clean loadtest security services \
	search-engine search-engine-stop search-engine-clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## make demo: install, migrate, load the bilingual demo and serve http://127.0.0.1:8000, with the
## scheduler beside the server (stale sweep every minute); stopping the server stops both
demo: $(STAMP)
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) scheduler & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

serve: $(STAMP)
	$(MANAGE) runserver 127.0.0.1:8000

## make test: the whole suite (SQLite by default; PostgreSQL when DATABASE_URL points to one)
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

## make services: install (when missing) and start PostgreSQL and Redis on 127.0.0.1 for the full
## suite, the load test and the benchmarks (`scripts/services status|down` too); not needed by demo/test
services:
	scripts/services up

## make search-engine: build (once) and start the single-node OpenSearch of search-engine/ on
## 127.0.0.1:$${SEARCH_PORT:-9200}, wait for it, print its URL (then: SEARCH_URL=... make demo)
search-engine:
	search-engine/node start

search-engine-stop:
	search-engine/node stop

## make search-engine-clean: stop the node and delete its build, data and logs
search-engine-clean: search-engine-stop
	rm -rf search-engine/target

## make e2e: real-browser journeys (Debian's chromium via Playwright, axe-core for accessibility)
AXE_VERSION := 4.14.1
e2e-setup: $(STAMP)
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Install Chromium first: sudo apt-get install chromium"; exit 1; fi; }
	@test -f .e2e/node_modules/axe-core/axe.min.js || \
	  npm install --prefix .e2e --no-save --no-audit --no-fund --silent axe-core@$(AXE_VERSION)

e2e: e2e-setup
	$(BIN)/pytest tests/e2e -m e2e $(PYTEST_ARGS)

## make security: the security suite (hostile input, permission matrix, uploads, failures, races)
security: $(STAMP)
	$(BIN)/pytest tests/security tests/website/test_settings.py $(PYTEST_ARGS)

## make loadtest: gunicorn + PostgreSQL (database dalil_load, recreated), 50 people for 60 s
LOADTEST_ARGS ?= --users 50 --duration 60
loadtest: $(STAMP)
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=website.settings.production \
	  SECRET_KEY=lint-check-$$(printf 'k%.0s' $$(seq 1 60)) ALLOWED_HOSTS=help.example.com \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: refresh the Arabic catalogues and compile them (commit both .po and .mo)
messages: $(STAMP)
	for app in forum kb moderation webhooks; do \
	  (cd $$app && ../$(BIN)/python ../manage.py makemessages -l ar --no-obsolete --no-location) ; \
	done
	cd website && ../$(BIN)/python ../manage.py makemessages -l ar --no-location -i "search/*" -i "insights/*"
	cd website/search && ../../$(BIN)/python ../../manage.py makemessages -l ar --no-obsolete --no-location
	cd website/insights && ../../$(BIN)/python ../../manage.py makemessages -l ar --no-obsolete --no-location
	$(MANAGE) compilemessages --ignore=.venv

## make bench: corpus in PostgreSQL (BENCH_DATABASE_URL, default dalil_bench), gunicorn with
## production settings, load per page vs a bare Django view; appends to docs/performance.md
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 static .pytest_cache .ruff_cache .import_linter_cache .mypy_cache
