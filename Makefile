# Dalil: the two newcomer commands are `make demo` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py

.PHONY: install demo serve test lint format messages clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## make demo: install, migrate, load the bilingual demo and serve http://127.0.0.1:8000
demo: $(STAMP)
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

serve: $(STAMP)
	$(MANAGE) runserver 127.0.0.1:8000

## make test: the whole suite (SQLite by default; PostgreSQL when DATABASE_URL points to one)
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=website.settings.production \
	  SECRET_KEY=lint-check-$$(printf 'k%.0s' $$(seq 1 60)) ALLOWED_HOSTS=help.example.com \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: refresh the Arabic catalogues and compile them (commit both .po and .mo)
messages: $(STAMP)
	for app in website forum kb moderation; do \
	  (cd $$app && ../$(BIN)/python ../manage.py makemessages -l ar --no-obsolete --no-location) ; \
	done
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 static .pytest_cache .ruff_cache
