"""Structured facts at query time: lookups, fact-routed answers, arithmetic over facts.

Modules: store (FactStore: loading, lookups, citations, the number rule), match (question
parsing, fact ranking, ties), route (which facts answer a question), compose (answer wording
for scores, targets, budgets), contacts (staff and public lines), arithmetic (sums and
differences over quoted figures).
"""

from retrieval.facts.store import FactStore

__all__ = ["FactStore"]
