"""Hybrid search over the real corpus index: everyday words, verbs the documents use as nouns."""

from __future__ import annotations

from retrieval.search import bm25_tokens
from retrieval.service import RetrievalService


def test_a_verb_asked_reads_as_the_noun_the_documents_use(service: RetrievalService) -> None:
    vocab = service.state.searcher.bm25.vocab_dict
    assert "돌봄" in bm25_tokens("어머니를 돌봐 줄 사람이 없어요", vocab)


def test_a_story_in_everyday_words_leans_on_the_dense_side(service: RetrievalService) -> None:
    searcher = service.state.searcher
    story = "아버지가 다리를 다치셔서 어머니를 돌봐 줄 사람이 없어요"
    assert searcher.known_share(story) < 0.5  # 아버지, 다리, 어머니: no passage uses them
    assert searcher.known_share("대체인력 파견 목표는 몇 건인가요?") > 0.9
    top = searcher.search(story, 3)
    assert "돌봄" in top[0].chunk.section
    # With BM25's full weight, its generic matches (사람 중심) come first.
    fixed = searcher.search(story, 3, bm25_weight=0.7)
    assert "돌봄" not in fixed[0].chunk.section
