"""The rule behind every answer: no number that is not in one of its quotes."""

from __future__ import annotations

from sosa.models import Answer
from sosa.numbers import bare, numbers_in


def unsupported_numbers(answer: Answer) -> list[str]:
    """Numbers in the answer text found in no citation quote and no (computed) fact value or
    label: a sum over a dozen rows quotes five of them, and names every row it added (순번 12
    · 쌀10KG) by the labels its input facts carry, each traced to its page."""
    sources = [c.quote for c in answer.citations]
    for f in answer.facts:
        sources.append(f.value)
        sources.extend(i.value for i in f.inputs)
        sources.extend(i.label for i in f.inputs)
    pool = {bare(n) for s in sources for n in numbers_in(s)}
    return [n for n in numbers_in(answer.answer) if bare(n) not in pool]


def check_numbers(answer: Answer) -> bool:
    return not unsupported_numbers(answer)
