# Set-up and everyday commands. Needs only python3, git and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

MO     := kltransfer/locale/de/LC_MESSAGES/kltransfer.mo
PO     := kltransfer/locale/de/LC_MESSAGES/kltransfer.po
# the demo's install: kltransfer alone, no test extras (its own stamp, so that `make demo` in a
# fresh clone installs neither pytest nor WeasyPrint; `make test` adds the extras to the same venv)
DEMO_STAMP := $(VENV)/.installed-demo

.PHONY: demo test lint unit bench clean catalogs dist release-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# byte-compile like a regular install does: an editable install leaves it to the first
	@# import, which never happens where PYTHONDONTWRITEBYTECODE is set (+20 ms a command)
	$(BIN)/python -m compileall -q kltransfer
	touch $(STAMP)

# the editable install compiles the catalogs (the build hook, with Babel in pip's build
# environment); a changed .po installs again, so the demo never needs Babel in the venv
$(DEMO_STAMP): pyproject.toml $(PO) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q kltransfer
	touch $(DEMO_STAMP)

# the compiled message catalogs: an editable install builds them once, this keeps them current
$(MO): $(PO) | $(STAMP)
	$(BIN)/python scripts/catalogs.py compile

## catalogs: extract the marked texts into kltransfer.pot and add new ones to every .po
catalogs: $(STAMP)
	$(BIN)/python scripts/catalogs.py extract
	$(BIN)/python scripts/catalogs.py update

## demo: install kltransfer (without the test extras), validate the shipped examples and export one
demo: $(DEMO_STAMP)
	$(BIN)/kltransfer validate examples/
	@$(BIN)/python scripts/demo.py

## test: install with test extras, run ruff and the whole test suite
test: lint unit

lint: $(STAMP)
	$(BIN)/ruff check kltransfer tests benchmarks scripts hatch_build.py
	$(BIN)/ruff format --check kltransfer tests benchmarks scripts hatch_build.py

unit: $(STAMP) $(MO)
	$(BIN)/python -m pytest -n auto -q

## bench: the benchmarks under benchmarks/ (figures as ratios, not timed tests)
bench: $(STAMP)
	$(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/export.py
	$(BIN)/python benchmarks/export_mkdocs.py
	$(BIN)/python benchmarks/catalog.py
	$(BIN)/python benchmarks/destination.py
	$(BIN)/python benchmarks/startup.py

## dist: the sdist and the wheel in dist/, reproducible: every time stamp is the last commit's
## time (SOURCE_DATE_EPOCH), so two runs give the same bytes; the wheel is built from the sdist
dist: $(STAMP)
	$(BIN)/python scripts/release.py build dist

## release-check: everything the release workflow runs except the upload: a clean build twice
## (same bytes), twine check, version/tag/changelog/docs consistency, lint and the whole test
## suite, its release tests installing the built wheel (see docs/releasing.md)
release-check: $(STAMP) $(MO)
	$(MAKE) --no-print-directory dist
	$(BIN)/python scripts/release.py reproducible dist
	$(BIN)/twine check --strict dist/*
	$(BIN)/python scripts/release.py consistency dist
	$(MAKE) --no-print-directory lint
	KLTRANSFER_DIST=$(CURDIR)/dist $(BIN)/python -m pytest -n auto -q

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
