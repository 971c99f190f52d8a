# sosa — make run: set up, ingest corpus/, serve on 127.0.0.1:$SOSA_PORT. make test: the whole suite.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SOSA_PORT ?= 8000
export SOSA_PORT

.PHONY: run setup test lint format ingest eval eval-real bench clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 이 필요합니다"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch is pinned to the CPU build that lies on this machine's disk; a bare torch pulls CUDA.
$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

# Debian packages the features use: OCR of scans (tesseract), PDF checks (poppler), the shared
# rate-limit store (redis-server) and the browser tests (chromium, Korean fonts). Installed with
# apt-get when we are root (CI, fresh machines); otherwise the missing ones are named.
RUN_DEBS := tesseract-ocr tesseract-ocr-kor poppler-utils
TEST_DEBS := $(RUN_DEBS) chromium fonts-nanum redis-server

define need_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "apt-get install$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "다음 Debian 패키지를 root로 설치해 주세요: apt-get install$$missing"; exit 1; \
		fi; \
	fi
endef

$(VENV)/.debs-run:
	$(call need_debs,$(RUN_DEBS))
	@touch $@

$(VENV)/.debs-test:
	$(call need_debs,$(TEST_DEBS))
	@touch $@

setup: $(VENV)/.installed $(VENV)/.debs-run

ingest: setup
	$(BIN)/sosa ingest corpus

run: setup ingest
	$(BIN)/sosa serve --host 127.0.0.1 --port $(SOSA_PORT)

# Two pytest-xdist workers, one a core: most tests use one core, so on two the suite takes about
# a third less (a fifth less from a cold cache, whose corpus embedding already uses both).
# worksteal hands an idle worker the other's queued tests: a warm run took 184 s, against 210 s
# with loadscope (a module's tests kept on one worker, which left one worker idle at the end).
# TEST_WORKERS=0 runs it in one process, as a plain `pytest -q` does.
TEST_WORKERS ?= 2

test: setup $(VENV)/.debs-test
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: setup ingest
	$(BIN)/sosa eval eval/questions.jsonl eval/conversations.jsonl eval/dev_qa.jsonl eval/everyday_qa.jsonl \
		eval/blind_conversations.jsonl eval/blind_conversations_2.jsonl eval/blind_conversations_3.jsonl \
		eval/blind_conversations_4.jsonl eval/blind_conversations_5.jsonl eval/blind_conversations_6.jsonl

# Real public documents (../shared/real-docs), in an index of their own.
eval-real: setup
	$(BIN)/sosa --data-dir data/real-docs ingest ../shared/real-docs ../shared/real-docs/derived
	$(BIN)/sosa --data-dir data/real-docs eval eval/real_docs_qa.jsonl eval/real_docs_tables_qa.jsonl eval/real_docs_facts_qa.jsonl --role staff

bench: setup
	$(BIN)/python bench/korquad.py ../shared/eval/korquad/KorQuAD_v1.0_dev.json
	$(BIN)/python bench/load.py

clean:
	rm -rf data .pytest_cache test-artifacts
