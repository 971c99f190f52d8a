"""How readers ask about each document kind, for the generic intent and conversation modules.

A kind's profile (`retrieval/profiles/<kind>/asks.py`) lists, as regular expressions, the words
its readers use to ask for its reasons (an evaluation's findings, points lost), its praise, and
the people whose words they ask for. Intent and conversation know no such word: another kind
adds its own `Asks`.
"""

from __future__ import annotations

from retrieval.profiles.evaluation_report import asks as evaluation_report_asks
from retrieval.profiles.labels import Asks

__all__ = ["ATTRIBUTES", "FINDINGS", "JUDGES", "PRAISE", "REASON", "SUCCESS", "Asks"]

# Every kind whose readers ask in words of their own.
_ALL: tuple[Asks, ...] = (evaluation_report_asks.ASKS,)


def _union(*parts: tuple[str, ...]) -> str:
    alts = [p for part in parts for p in part]
    return "|".join(alts) if alts else r"(?!)"  # (?!): matches nothing


FINDINGS = _union(*(k.findings for k in _ALL))
REASON = _union(*(k.reason for k in _ALL))
PRAISE = _union(*(k.praise for k in _ALL))
SUCCESS = _union(*(k.success for k in _ALL))
JUDGES: frozenset[str] = frozenset(j for k in _ALL for j in k.judges)
ATTRIBUTES: frozenset[str] = frozenset(a for k in _ALL for a in k.attributes)
