"""A sentence that may answer (`Candidate`) and what it is read with: the passages cut from the
same section around it, the note under its table, the indicator an evaluator comments on."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.answer_terms import squash
from retrieval.facts.store import FactStore
from retrieval.passages import clean_quote, morpheme_set, passage_units
from retrieval.search import Scored
from sosa.models import Chunk


@dataclass
class Candidate:
    text: str
    hit: Scored
    score: float
    coverage: float
    own: float = 0.0  # the question's weighted words in the sentence itself (with its section)


_CONTEXTS: dict[int, tuple[FactStore, dict[str, str]]] = {}


def commentary_context(facts: FactStore | None) -> dict[str, str]:
    """Evaluator comments of the evaluation report -> the indicator they comment on (its
    description and area): a comment answers a question about its indicator even when it does
    not repeat the indicator's words. Read once per loaded fact store."""
    if facts is None:
        return {}
    cached = _CONTEXTS.get(id(facts))
    if cached is not None and cached[0] is facts:
        return cached[1]
    out: dict[str, str] = {}
    for f in facts.repo.facts_of("score", "evaluator"):
        row = f.row
        about = " ".join(p for p in (row.area, row.indicator, row.description) if p)
        for ev in row.evidence:
            out.setdefault(ev.quote, about)
    _CONTEXTS.clear()  # one index at a time; a reload replaces it
    _CONTEXTS[id(facts)] = (facts, out)
    return out


_TOPICS: dict[tuple[int, float], tuple[Sequence[Chunk], dict[str, frozenset[str]]]] = {}
TOPIC_MIN_PASSAGES = 3  # a document of fewer passages has no words "most of them" say


def document_topics(chunks: Sequence[Chunk], share: float) -> dict[str, frozenset[str]]:
    """Per document, the words at least `share` of its text passages say: what the whole
    document is about (a contest's release says 오픈소스 개발자대회 in most passages, and its
    sentence on the deadline need not). Read once per view's list of passages."""
    key = (id(chunks), share)
    cached = _TOPICS.get(key)
    if cached is not None and cached[0] is chunks:
        return cached[1]
    counts: dict[str, Counter[str]] = {}
    passages: Counter[str] = Counter()
    for c in chunks:
        if c.kind != "text":
            continue
        passages[c.document] += 1
        said = frozenset().union(*(morpheme_set(clean_quote(u)) for u in passage_units(c)))
        counts.setdefault(c.document, Counter()).update(said)
    out = {
        # (and at least TOPIC_MIN_PASSAGES of them: two of a release's four passages naming
        # 긴급돌봄, in two regions' paragraphs, do not make it what the release is about)
        doc: frozenset(
            w
            for w, k in said.items()
            if len(w) > 1 and k >= max(share * passages[doc], TOPIC_MIN_PASSAGES)
        )
        for doc, said in counts.items()
        if passages[doc] >= TOPIC_MIN_PASSAGES
    }
    if len(_TOPICS) >= 4:  # a few views' lists (public, staff, evaluator), not every reload's
        _TOPICS.clear()
    _TOPICS[key] = (chunks, out)
    return out


_GENERIC: dict[int, tuple[Sequence[Chunk], frozenset[str]]] = {}
GENERIC_PARENTS = 3  # a heading under this many different parents is a part of every topic


def generic_headings(chunks: Sequence[Chunk] | None) -> frozenset[str]:
    """The headings found under several different parents (쟁점 및 대책, 사업목표): a part
    that every project has, which names none of them. Read once per view's list of passages."""
    if not chunks:
        return frozenset()
    cached = _GENERIC.get(id(chunks))
    if cached is not None and cached[0] is chunks:
        return cached[1]
    parents: dict[str, set[str]] = {}
    for c in chunks:
        parts = c.section.split(" › ")
        for i in range(2, len(parts)):
            parents.setdefault(parts[i], set()).add(parts[i - 1])
    out = frozenset(h for h, ps in parents.items() if len(ps) >= GENERIC_PARENTS)
    _GENERIC.clear()  # one view's list at a time
    _GENERIC[id(chunks)] = (chunks, out)
    return out


_SIBLINGS: dict[int, tuple[Sequence[Chunk], dict[str, list[Chunk]]]] = {}


def _siblings(chunk: Chunk, chunks: Sequence[Chunk] | None) -> list[Chunk]:
    """The passages cut from the same section of the same document right before and after a
    passage (a section longer than a chunk is cut in several): the rest of what it is read in."""
    return [c for c in _around(chunk, chunks) if c is not None]


def _around(chunk: Chunk, chunks: Sequence[Chunk] | None) -> tuple[Chunk | None, Chunk | None]:
    """The passages cut from the same section right before and right after a passage."""
    if not chunks or chunk.kind != "text":
        return None, None
    cached = _SIBLINGS.get(id(chunks))
    if cached is None or cached[0] is not chunks:
        by: dict[str, list[Chunk]] = {}
        for c in chunks:
            if c.kind == "text":
                by.setdefault(f"{c.document}\n{c.section}", []).append(c)
        _SIBLINGS.clear()  # one view's list at a time; the same list object for the same view
        cached = _SIBLINGS[id(chunks)] = (chunks, by)
    run = cached[1].get(f"{chunk.document}\n{chunk.section}", [])
    at = next((i for i, c in enumerate(run) if c.id == chunk.id), None)
    if at is None:
        return None, None
    return (run[at - 1] if at > 0 else None), (run[at + 1] if at + 1 < len(run) else None)


# A header marked for a footnote ("지적건수(건)*") and the note under its table that
# explains it ("* 지적건수: 전기평가(1건), 외부감사(1건)").
_MARKED_HEADER = re.compile(r"([가-힣A-Za-z]{2,})(?:\([^()]{1,8}\))?\s?(\*{1,3}|※)(?!\S*\d)")
_NOTE_LINE = re.compile(r"^\s*(\*{1,3}|※)\s*(.+)$", re.M)
FOOTNOTE_REACH = 3  # passages after the table, in its section, where its notes are looked for


def _footnote(chosen: Candidate, chunks: Sequence[Chunk] | None) -> Candidate | None:
    """The note explaining a marked header of a quoted table row, from the lines under the
    table: the row's figure is read with it (what the 2 건 were)."""
    chunk = chosen.hit.chunk
    marked = [(m.group(1), m.group(2)) for m in _MARKED_HEADER.finditer(chosen.text)]
    if chunk.kind != "table" or not marked or not chunks:
        return None
    at = next((i for i, c in enumerate(chunks) if c.id == chunk.id), None)
    if at is None:
        return None
    after = [
        c
        for c in chunks[at + 1 : at + 1 + FOOTNOTE_REACH]
        if c.document == chunk.document and c.section == chunk.section
    ]
    for c in after:
        for m in _NOTE_LINE.finditer(c.text):
            line = m.group(0).strip()
            if any(
                mark == m.group(1) and squash(word) in squash(m.group(2)) for word, mark in marked
            ):
                return Candidate(line, Scored(c, chosen.hit.score, 0.0, 0.0), chosen.score, 1.0)
    return None
