# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make demo   - create .venv, install with all extras, render every example into out/
#   make test   - create .venv, install with dev tools, run lint, types, tests, the docs build and a short fuzz run
#   make docs   - build the documentation site into site/ (open site/index.html)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Hypothesis profile of `make pytest` (tests/conftest.py): ci runs fewer examples, without deadlines; dev runs them all.
HYPOTHESIS_PROFILE ?= ci

# Seconds per loader of `make fuzz` (tests/fuzz/run.py); FUZZ_TARGETS=yaml xes picks loaders (default every one).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
# libFuzzer's wall-clock hang limit; raise it on a busy machine (inputs over 2 s are still timed again and fail).
FUZZ_TIMEOUT ?= 2

.PHONY: demo test lint types pytest interop fuzz bench docs gallery clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	$(BIN)/python examples/render_all.py out

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	$(BIN)/python -m pip install --quiet -e examples/plugins/journeymap-markdown
	$(MAKE) lint types
	JM_FREEPLANE_TIMEOUT=60 $(MAKE) interop
	$(MAKE) pytest
	$(MAKE) docs
	$(MAKE) fuzz FUZZ_SECONDS=20 FUZZ_TARGETS=all

lint:
	$(BIN)/ruff check src tests benchmarks examples docs
	$(BIN)/ruff format --check src tests benchmarks examples docs
	$(BIN)/lint-imports

types:
	$(BIN)/mypy

pytest:
	HYPOTHESIS_PROFILE=$(HYPOTHESIS_PROFILE) $(BIN)/pytest

# The documentation site, warnings as errors: a broken link or anchor, a cross-reference to nothing, a docstring
# that does not render. NO_MKDOCS_2_WARNING silences Material's banner about MkDocs 2.
docs: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

# The gallery of docs/gallery.md: every example in every format, rendered by the real tools into docs/images/gallery/
# (the deck and the workbook through LibreOffice and pdftoppm, which it needs: apt-get install libreoffice-impress
# libreoffice-calc poppler-utils).
gallery: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	$(BIN)/python docs/make_gallery.py

# Real readers open what the exporters write: pandoc, xmindparser, Mermaid's own parser, Freeplane.
# Installs what is missing (apt, npm, pip), Chromium too (the HTML map's browser tests in pytest);
# a reader that cannot be installed is reported as SKIP.
interop: $(BIN)/python
	sh tests/interop/run.sh

# Coverage-guided fuzzing (atheris) of every loader: a crash, a hang over 2 s or 512 MiB fails it;
# make test runs every loader in one process for 20 s (the `all` target). See docs/reliability.md.
fuzz: $(BIN)/python
	$(BIN)/python -m tests.fuzz.run --seconds $(FUZZ_SECONDS) --timeout $(FUZZ_TIMEOUT) $(FUZZ_TARGETS)

bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	$(BIN)/python benchmarks/bench_io.py
	$(BIN)/python benchmarks/bench_analysis.py
	$(BIN)/python benchmarks/bench_xlsx.py
	$(BIN)/python benchmarks/bench_pptx.py
	$(BIN)/python benchmarks/bench_charts.py
	$(BIN)/python benchmarks/bench_mining.py
	$(BIN)/python benchmarks/bench_html.py
	$(BIN)/python benchmarks/bench_map.py

clean:
	rm -rf $(VENV) out site build dist .mypy_cache .pytest_cache .ruff_cache
