# Pasar Kriya: `make run` serves the demo marketplace, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL used by the second pass of `make test` (trust auth on 127.0.0.1).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/pasar_kriya

.PHONY: benchmark-search messages run test test-sqlite test-postgres install install-dev test-deps migrate demo clean check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_crafts --if-empty

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's packages the tests use: chromium (browser tests), gettext (the check that
# the Indonesian catalogue is complete), docker-compose (checks docker-compose.yml) and
# redis-server (the outbox tests start and stop a Redis of their own as the broker).
# Installed when missing and we may (root with apt-get); without them those tests
# skip locally and fail in CI.
TEST_DEBS := /usr/bin/chromium:chromium /usr/bin/xgettext:gettext /usr/bin/docker-compose:docker-compose \
	/usr/bin/redis-server:redis-server
test-deps:
	@missing=""; for pair in $(TEST_DEBS); do \
		[ -x "$${pair%%:*}" ] || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's$$missing for the tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

test: install-dev test-deps test-sqlite test-postgres

test-sqlite:
	$(BIN)/python -m pytest

# The same suite on PostgreSQL: required in CI, skipped elsewhere when no server answers.
test-postgres:
	@if $(BIN)/python -m tests.services postgres "$(TEST_POSTGRES_URL)"; then \
		DATABASE_URL="$(TEST_POSTGRES_URL)" $(BIN)/python -m pytest -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI: PostgreSQL at $(TEST_POSTGRES_URL) is required and does not answer"; exit 1; \
	else \
		echo "SKIPPED the PostgreSQL pass: no server answers at $(TEST_POSTGRES_URL)"; \
	fi

# Refresh the Indonesian catalogue from the code (needs GNU gettext); translate the
# new entries in locale/id/LC_MESSAGES/django.po, then `make messages` again to compile.
messages: install
	$(BIN)/python manage.py makemessages -l id -e html,txt,py --ignore=.venv --ignore=var \
		--ignore=test-artifacts --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv -l id

# Search latency on PostgreSQL at 1,000, 10,000 and 100,000 demo products, each in a
# database of its own (made afresh, loaded, measured; kept for a second look).
BENCH_SIZES ?= 1000 10000 100000
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432
benchmark-search: install
	@for n in $(BENCH_SIZES); do \
		db=pasar_kriya_bench_$$n; \
		psql "$(BENCH_POSTGRES)/postgres" -qc "DROP DATABASE IF EXISTS $$db" -c "CREATE DATABASE $$db" || exit 1; \
		DATABASE_URL="$(BENCH_POSTGRES)/$$db" $(BIN)/python manage.py migrate -v0 || exit 1; \
		DATABASE_URL="$(BENCH_POSTGRES)/$$db" $(BIN)/python manage.py load_demo_crafts --products $$n -v0 || exit 1; \
		psql "$(BENCH_POSTGRES)/$$db" -qc "VACUUM ANALYZE" || exit 1; \
		echo "== $$n demo products"; \
		DATABASE_URL="$(BENCH_POSTGRES)/$$db" $(BIN)/python manage.py search_benchmark --repeat 50 || exit 1; \
	done

check: install-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/test-media var/test-private-media test-artifacts
