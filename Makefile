# sosa — make run: set up, ingest corpus/, serve on 127.0.0.1:$SOSA_PORT. make test: the whole suite.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SOSA_PORT ?= 8000
export SOSA_PORT

.PHONY: run setup test lint format ingest eval bench clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 이 필요합니다"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch is pinned to the CPU build that lies on this machine's disk; a bare torch pulls CUDA.
$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

$(VENV)/.browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi nanum; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-nanum >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-nanum >/dev/null; fi; \
	fi
	@touch $@

setup: $(VENV)/.installed

ingest: setup
	$(BIN)/sosa ingest corpus

run: setup ingest
	$(BIN)/sosa serve --host 127.0.0.1 --port $(SOSA_PORT)

test: setup $(VENV)/.browser
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: setup
	$(BIN)/sosa eval eval/dev_qa.jsonl

bench: setup
	$(BIN)/python bench/korquad.py ../shared/eval/korquad/KorQuAD_v1.0_dev.json
	$(BIN)/python bench/load.py

clean:
	rm -rf data .pytest_cache test-artifacts
