# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint install install-test browser validate bench screenshots clean messages

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Start the explorer on the bundled data (http://localhost:$(PORT)).
run: install
	$(PY) -m streamlit run app.py --server.headless true --server.port $(PORT) \
		--server.enableStaticServing true --browser.gatherUsageStats false

## Everything CI checks: lint and types, the validator over tools_data/, then the whole test suite.
test: lint
	$(PY) -m catalogue validate
	$(PY) -m pytest

## Lint and types (settings in pyproject.toml): ruff over the whole tree, mypy over catalogue/ and search/.
lint: install-test
	$(VENV)/bin/ruff check .
	$(PY) -m mypy

validate: install
	$(PY) -m catalogue validate

bench: install-test
	$(PY) benchmarks/catalogue_bench.py
	$(PY) benchmarks/app_bench.py
	$(PY) benchmarks/search_bench.py

## Retake the README's screenshots with the end-to-end browser test (needs chromium).
screenshots: install-test
	UPDATE_SCREENSHOTS=1 $(PY) -m pytest tests/test_e2e_browser.py tests/test_e2e_languages.py tests/test_e2e_people.py -k "not accessibility or phone"

clean:
	rm -rf $(VENV) .index .pytest_cache

## Interface translations (Babel): extract the strings to locale/messages.pot, merge them into the French and
## Spanish catalogs, compile the .mo files the app reads. Translate the new or fuzzy entries, then run it again.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -o locale/messages.pot --sort-by-file -w 120 \
		--project="Anti-Trafficking Tech Catalogue" --copyright-holder="Anti-Trafficking Tech Catalogue contributors" .
	$(VENV)/bin/pybabel update -i locale/messages.pot -d locale -w 120 --ignore-obsolete
	$(VENV)/bin/pybabel compile -d locale --statistics
