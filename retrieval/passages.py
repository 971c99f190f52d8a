"""Passage analyses computed once per loaded index, not once per request.

The answer composer scores every sentence of the retrieved passages against the question. The
passages are fixed for an index, so their morpheme and bigram sets are computed when the index
loads (Kiwi batches in a background thread) and only looked up per request. A text not in the
table (yet) is analysed as before, so answers never depend on whether the fill has finished: the
table is a pure function of the text, which also lets two indexes loaded side by side (a reload)
share it safely.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sosa.korean import analysis, sentences
from sosa.korean.analysis import bigrams, morphemes, morphemes_and_names_many
from sosa.models import Chunk

logger = logging.getLogger(__name__)

_BULLET = re.compile(r"^(?:[-–·•▪■□○◆◇▶▷▣※*◎●:]\s*)+")
# Texts per Kiwi call while filling: small enough that a request waiting for the Kiwi lock
# waits tens of milliseconds, not seconds.
FILL_BATCH = 64


# A rule drawn with characters between a table's cells ("쟁점 ----------- · 인력 미채용 …"),
# as some exported PDFs carry it: layout, not words.
_RULE = re.compile(r"\s*[-–—─━=_]{3,}\s*")


def clean_quote(text: str) -> str:
    """A passage line as quoted in an answer: leading bullets and drawn rules dropped."""
    return _BULLET.sub("", _RULE.sub(" ", text).strip()).strip()


def passage_units(chunk: Chunk) -> list[str]:
    """The units an answer may quote: a table's rendered rows, else the passage's sentences."""
    return chunk.text.split("\n") if chunk.kind == "table" else sentences(chunk.text)


@dataclass(frozen=True, slots=True)
class Analysis:
    morphs: frozenset[str]
    grams: frozenset[str]
    names: tuple[str, ...] = ()  # proper nouns, in order (analysis.proper_nouns)


class PassageTable:
    """Morpheme and bigram sets of every quotable unit and section of an index's chunks."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        texts: dict[str, None] = {}
        for c in chunks:
            texts[c.section] = None
            # The composer joins a section with more context, usually none: "section ". Kiwi
            # may split Latin words differently before a space, so that text is its own entry.
            texts[f"{c.section} "] = None
            for unit in passage_units(c):
                quote = clean_quote(unit)
                if quote:
                    texts[quote] = None
        self.texts = list(texts)
        self._table: dict[str, Analysis] = {}
        self.ready = threading.Event()
        self._stop = threading.Event()

    def __len__(self) -> int:
        return len(self._table)

    def get(self, text: str) -> Analysis | None:
        return self._table.get(text)

    def adopt(self, other: PassageTable) -> None:
        """Take the analyses another table already holds for this table's texts: they are pure
        functions of the text, so a reload or a second service over the same index (tests, one
        changed file) analyses only what is new."""
        for text in self.texts:
            found = other.get(text)
            if found is not None:
                self._table[text] = found

    def fill(self, batch: int = FILL_BATCH) -> None:
        started = time.perf_counter()
        todo = [t for t in self.texts if t not in self._table]
        try:
            for i in range(0, len(todo), batch):
                if self._stop.is_set():
                    break
                part = todo[i : i + batch]
                done = morphemes_and_names_many(part)
                for text, (morphs, names) in zip(part, done, strict=True):
                    # One dict store per text: readers on other threads see old or new, both right.
                    self._table[text] = Analysis(frozenset(morphs), frozenset(bigrams(text)), names)
        except Exception:
            logger.exception("문단 분석을 미리 계산하지 못했습니다; 요청마다 분석합니다")
        finally:
            self.ready.set()
        logger.info(
            "문단 분석 %d개 준비 (새로 계산 %d개, %.1f초)",
            len(self._table),
            len(todo),
            time.perf_counter() - started,
        )

    def stop(self) -> None:
        """Stop filling after the batch in progress (lookups of what is missing analyse per
        request, as before)."""
        self._stop.set()


_current: PassageTable | None = None
_fillers: list[tuple[threading.Thread, PassageTable]] = []


@atexit.register
def _stop_fillers() -> None:
    # A daemon thread still inside Kiwi's C++ code when the interpreter finalises aborts the
    # process ("terminate called without an active exception"): let each finish its batch.
    for _thread, table in _fillers:
        table.stop()
    for thread, _ in _fillers:
        thread.join(timeout=30)


def prepare(chunks: Iterable[Chunk], background: bool = True) -> PassageTable:
    """Analyse an index's passages once and make the table the one lookups use."""
    global _current
    table = PassageTable(chunks)
    if _current is not None:
        table.adopt(_current)
    _current = table
    if background:
        thread = threading.Thread(target=table.fill, name="passage-analyses", daemon=True)
        _fillers[:] = [(t, tb) for t, tb in _fillers if t.is_alive()]
        _fillers.append((thread, table))
        thread.start()
    else:
        table.fill()
    return table


def _analysis(text: str) -> Analysis | None:
    table = _current
    return table.get(text) if table is not None else None


def _names(text: str) -> tuple[str, ...] | None:
    found = _analysis(text)
    return found.names if found is not None else None


# proper_nouns() of a passage (asked of every sentence weighed) reads the table too.
analysis.use_index_names(_names)


def morpheme_set(text: str) -> frozenset[str]:
    """set(morphemes(text)), precomputed for the loaded index's passages and sections."""
    found = _analysis(text)
    return found.morphs if found is not None else frozenset(morphemes(text))


def bigram_set(text: str) -> frozenset[str]:
    """set(bigrams(text)), precomputed for the loaded index's passages and sections."""
    found = _analysis(text)
    return found.grams if found is not None else frozenset(bigrams(text))
