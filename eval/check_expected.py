"""Check the question sets against the documents' own text.

    .venv/bin/python eval/check_expected.py [SOURCE_DIR ...]

Every expected string of an answerable item must occur in the source text of its document
(spacing and commas aside), and no term an unanswerable item lists under `absent` may occur in
any document. Default sources: /work/shared/corpus/source-text (the PDFs' source texts) and
corpus/ (the text documents).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from retrieval.evaluate import check_against_sources, load_items  # noqa: E402

SETS = (
    "questions.jsonl",
    "conversations.jsonl",
    "everyday_qa.jsonl",
    "blind_conversations.jsonl",
    "blind_conversations_2.jsonl",
    "blind_conversations_3.jsonl",
    "blind_conversations_4.jsonl",
    "blind_conversations_5.jsonl",
    "blind_conversations_6.jsonl",
)


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [Path("/work/shared/corpus/source-text"), REPO / "corpus"]
    failed = 0
    for name in SETS:
        items = load_items(REPO / "eval" / name)
        problems = check_against_sources(items, roots)
        sys.stdout.write(f"{name}: 항목 {len(items)}개, 문제 {len(problems)}개\n")
        for p in problems:
            sys.stdout.write(f"  {p}\n")
        failed += len(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
