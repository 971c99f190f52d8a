"""Structured facts at query time: the generic machinery, knowing no document kind.

Modules: repository (facts loaded from sqlite, citations), query (question parsing), ranker
(facts matched against a question; the latest year by default), compose (answer plumbing),
router (which facts answer a question), store (FactStore, the facade the service uses). The
per-kind wording lives in retrieval.profiles. Import FactStore from retrieval.facts.store.
"""
