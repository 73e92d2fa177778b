# Frivillig: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := DEBUG=1

.PHONY: run test screenshots install lock typecheck imports bytecode lint format messages worker beat clean backup restore translations bench

LOCK := requirements/dev.txt
LOCK_PROD := requirements/prod.txt

# The venv holds exactly the lock's versions, each checked against its hash; the project itself
# adds no packages (--no-deps) and builds with the locked setuptools (--no-build-isolation).
$(STAMP): $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# Regenerate the lock files from pyproject.toml (needs the package index). The production lock
# comes first and constrains the development one, so both hold the same versions.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" $(UV_ARGS)
lock: $(STAMP)
	$(UV_COMPILE) pyproject.toml requirements/build.in -o $(LOCK_PROD)
	$(UV_COMPILE) pyproject.toml requirements/build.in --extra dev -c $(LOCK_PROD) -o $(LOCK)

translations: $(STAMP)
	$(BIN)/python scripts/compile_messages.py

run: $(STAMP) translations
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	@echo "Frivillig runs on http://127.0.0.1:8000 (Ctrl+C stops it)"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The suite runs on TEST_WORKERS processes (pytest-xdist), each with its own test database;
# the tests of real Celery workers share one of them (conftest.py). TEST_WORKERS=0 runs in one.
TEST_WORKERS ?= 2
test: $(STAMP) translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(MAKE) --no-print-directory -j 2 --output-sync=target typecheck imports bytecode
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The suite's modules compiled once, on the core mypy leaves free: pytest's collection writes
# them to __pycache__ (the test modules with their assertions rewritten), so the test processes
# read them instead of each compiling every module again (about 7 s of each one's start).
# PYTHONDONTWRITEBYTECODE, where a machine sets it, is lifted for this one run.
bytecode: $(STAMP)
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -q -p no:cacheprovider >/dev/null

# Pictures for looking at (test-artifacts/screenshots/): every page of every demo role at 1280
# and 320 px (every-page/<role>/) and the journeys' key pages at a desktop and a phone, taken by
# the browser tests with SCREENSHOTS=1 (`make test` runs their checks without the pictures).
screenshots: $(STAMP) translations
	SCREENSHOTS=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -q tests/browser $(PYTEST_ARGS)

# mypy with django-stubs over the production code ([tool.mypy] in pyproject.toml); its cache
# in .mypy_cache makes a second run take seconds.
typecheck: $(STAMP)
	$(BIN)/mypy

# The apps import downwards only, down to core, which imports no app (.importlinter contracts,
# checked with import-linter, function-level imports included).
imports: $(STAMP)
	$(BIN)/lint-imports

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract translatable strings into locale/nb (needs GNU gettext: apt-get install gettext).
messages: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l nb -l nn -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=test-artifacts
	$(BIN)/python scripts/compile_messages.py

worker: $(STAMP)
	$(BIN)/celery -A frivillig worker --loglevel=info --concurrency=2

beat: $(STAMP)
	$(BIN)/celery -A frivillig beat --loglevel=info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache

# Backups: `make backup` writes backups/frivillig-<time>.backup; `make restore FILE=...` restores it.
backup: $(STAMP)
	$(BIN)/python manage.py backup_db

restore: $(STAMP)
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/frivillig-....backup" && exit 2)
	$(BIN)/python manage.py restore_db "$(FILE)"

# Benchmarks on PostgreSQL at 127.0.0.1 (BENCH_SCALES=S,M by default; L takes long).
bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: req/s left out")
	$(BIN)/python -m bench.run $(BENCH_ARGS)
