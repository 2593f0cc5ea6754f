# The two commands a person needs: `make serve` (build + preview the example site)
# and `make test` (every test). Both bootstrap .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PORT ?= 8000

.PHONY: serve build check test lint bench handbook clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

serve: $(STAMP)
	$(BIN)/transparency serve --port $(PORT)

build: $(STAMP)
	$(BIN)/transparency build

check: $(STAMP)
	$(BIN)/transparency check

test: $(STAMP)
	@bash scripts/ensure-system-deps.sh
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy

# The editors' handbook (MkDocs) into site-handbook/; --strict fails on any warning.
handbook: $(STAMP)
	$(BIN)/mkdocs build --strict

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf _site site-handbook .cache $(VENV)
