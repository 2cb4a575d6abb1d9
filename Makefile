# E-Academy. `make run` serves the demo academy; `make test` runs the whole suite.
PORT ?= 8000
BENCH ?=
PYTHON ?= python3
UV := $(PYTHON) -m uv
RUN := $(UV) run --locked --no-sync

.PHONY: run test test-postgres e2e bench lint messages install serve

# Each step only when its inputs changed (make compares the files' times), with its time.
STEP := tools/step
CATALOGS := $(wildcard src/eacademy/locale/*/LC_MESSAGES/django.po src/eacademy/locale_frameworks/*/LC_MESSAGES/django.po)

install: .venv/.synced $(CATALOGS:.po=.mo)

.venv/.synced: uv.lock pyproject.toml
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv || $(PYTHON) -m pip install --quiet uv
	@$(STEP) "dependencies (uv sync)" $(UV) sync --locked --quiet --compile-bytecode
	@touch $@

%/django.mo: %/django.po
	@$(STEP) "translations ($(word 3,$(subst /, ,$<)) $(word 4,$(subst /, ,$<)))" msgfmt --check-format -o $@ $<

run: install
	@$(RUN) eacademy start
	@echo "E-Academy: http://127.0.0.1:$(PORT)/  (Ctrl+C stops it; the task worker writes to var/worker.log)"
	@$(RUN) eacademy db_worker >>var/worker.log 2>&1 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(RUN) gunicorn eacademy.wsgi --config deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT)

test: install
	$(RUN) python -m eacademy collectstatic --no-input -v0 --settings=tests.syncdb_settings
	$(RUN) pytest tests --durations=10
	$(RUN) pytest e2e -n 0 --durations=10

bench: install
	$(RUN) python bench/run.py $(BENCH)

lint: install
	$(RUN) ruff check src tests e2e bench
	$(RUN) lint-imports
	$(RUN) mypy src/eacademy

messages:
	$(RUN) eacademy makemessages -l kk -l ru --ignore=.venv --no-obsolete --no-location
