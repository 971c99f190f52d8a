"""The rule behind every answer: no number that is not in one of its quotes."""

from __future__ import annotations

import re

from sosa.models import Answer

_NUM_RE = re.compile(r"\d+(?:[,.]\d+)*")


def numbers_in(text: str) -> list[str]:
    return [m.group(0).rstrip(".,") for m in _NUM_RE.finditer(text)]


def _bare(n: str) -> str:
    return n.replace(",", "")


def unsupported_numbers(answer: Answer) -> list[str]:
    """Numbers in the answer text found in no citation quote and no (computed) fact value."""
    sources = [c.quote for c in answer.citations]
    for f in answer.facts:
        sources.append(f.value)
        sources.extend(i.value for i in f.inputs)
    pool = {_bare(n) for s in sources for n in numbers_in(s)}
    return [n for n in numbers_in(answer.answer) if _bare(n) not in pool]


def check_numbers(answer: Answer) -> bool:
    return not unsupported_numbers(answer)
