# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: install browser messages messages-check run test test-emulator lint fuzz upgrade-check nginx-check migrations-check demo-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

## the interface translations (locale/*/LC_MESSAGES/django.po), compiled to .mo files (not committed)
## (needs GNU gettext's msgfmt: installed from Debian's packages when missing and root)
messages: install
	@if ! command -v msgfmt >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
		else \
			echo "gettext is missing (apt-get install gettext): the interface stays in French" >&2; \
		fi; \
	fi
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv -v0; fi

## the committed catalogues hold exactly the strings of the code, all translated
messages-check: install
	$(MANAGE) check_translation_catalogues

## Debian's Chromium and ChromeDriver for the browser tests (installed when missing and root;
## without them those tests are skipped, or fail when REQUIRE_BROWSER=1)
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium and chromium-driver for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else \
			echo "chromium/chromedriver missing: browser tests will be skipped (apt-get install chromium chromium-driver)"; \
		fi; \
	fi

## make run: create the venv, install, migrate, load the demo content, serve on 127.0.0.1:$(PORT)
run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	PORT=$(PORT) $(MANAGE) create_dev_accounts
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## make test: the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set), on two
## processes (TEST_PROCESSES=1 for one); the browser tests stay together on one of them.
## The upgrade of an old database (20 s of migrations) is its own target, run by .ci/run.
## TEST_OPTIONS: more pytest options (.ci/run's PostgreSQL run leaves out tests/browser).
TEST_PROCESSES ?= 2
TEST_OPTIONS ?=
test: install messages browser
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadgroup -m "not upgrade and not emulator" $(TEST_OPTIONS)

## the search on the Elasticsearch / OpenSearch code path (tests marked emulator, ~10 s): on
## osmem-server, an in-memory OpenSearch, or on the real cluster of ELASTICSEARCH_URL / OPENSEARCH_URL
test-emulator: install messages
	$(BIN)/python -m pytest -p no:xdist -m emulator tests/search/test_engine_emulator.py

## ruff (pyproject.toml) and the one-way imports between apps (import-linter, pyproject.toml)
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo

## every public surface and form against generated hostile input (hypothesis, tests/fuzzing.py):
## `make test` sends 5,000 inputs per database (profile "ci", the same each run; CI runs SQLite and
## PostgreSQL: 10,000), this ten times as many,
## random (profile "thorough"; failures kept in .hypothesis/ and tried first next time)
fuzz: install messages
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -n $(TEST_PROCESSES) tests/test_robustness.py tests/search/test_robustness.py

## an old database (schema of before the apps were split) upgrades without losing content
## (SQLite; PostgreSQL when DATABASE_URL is set)
upgrade-check: install
	$(BIN)/python -m pytest -m upgrade tests/test_migrations.py

## Debian's nginx accepts deploy/nginx.conf (installed from Debian's packages when missing and
## root, without starting it); fails when nginx cannot be had
nginx-check:
	@if ! command -v nginx >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's nginx to check deploy/nginx.conf (not started)"; \
		if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; added=1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-core >/dev/null; status=$$?; \
		[ -n "$$added" ] && rm -f /usr/sbin/policy-rc.d; [ $$status = 0 ] || exit $$status; \
	fi
	@command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-core): cannot check deploy/nginx.conf" >&2; exit 1; }
	bash deploy/check-nginx.sh

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

## the demo content loads into an empty database with the commands of `make run` (that loading
## it again changes nothing is tests/demo/test_loader.py's)
demo-check: install
	@tmp=$$(mktemp -d); \
	export DJANGO_SETTINGS_MODULE=config.settings.test SQLITE_PATH=$$tmp/demo.sqlite3; \
	$(MANAGE) migrate --noinput -v0 && $(MANAGE) load_demo_content; \
	status=$$?; rm -rf $$tmp; exit $$status

clean:
	rm -rf $(VENV) db.sqlite3 collected-static
