# One place for the everyday commands.
VENV ?= .venv
PY = $(VENV)/bin/python

.PHONY: setup test lint demo bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'

setup: $(PY)

test: setup
	$(PY) -m pytest -q

lint: setup
	$(PY) -m pip install --quiet ruff
	$(PY) -m ruff check papermine scripts tests

demo: setup
	$(VENV)/bin/papermine ingest corpora --db papermine.db
	$(VENV)/bin/papermine docs --db papermine.db
	$(VENV)/bin/papermine dropped --council durham --db papermine.db
	$(VENV)/bin/papermine report -o papermine-report.html --db papermine.db

bench: setup
	$(PY) scripts/bench_parse.py
	$(PY) scripts/bench_nlp.py
	$(PY) scripts/bench_ingest.py
	$(PY) scripts/bench_compare.py
	$(PY) scripts/bench_report.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache papermine.db* papermine-report.html
