"""`sosa eval [FILE ...]`: answer quality over question sets, tuning half beside test half.

Files are JSON lines of two shapes:

* a single question: `{"id", "question", "expected": [...], "document", "kind", "who",
  "abstain"}` — one expected string must appear in the answer and `document` must be cited;
* a conversation: `{"id", "who", "turns": [{"question", "expected", "document", "abstain",
  "kind"?}, ...]}` — each turn is asked with the earlier turns as history (when the service
  accepts `history`).

Every item belongs to the tuning or the test half by a hash of its id (and a conversation's
turns follow their conversation). The split is computed here, not stored in the files, so no
one can move a failing item into the tuning half; the text report lists the tuning half's
misses only, and the test half is reported as numbers.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from retrieval.conversation import MAX_TURN_CHARS
from retrieval.service import RetrievalService
from sosa.errors import SosaError
from sosa.models import Answer, Viewer
from sosa.settings import Settings

logger = logging.getLogger(__name__)

SPLITS = ("tune", "test")
# Who asks decides what they may see: citizens get the public view.
VIEWER_OF: dict[str, Viewer] = {"citizen": "public", "staff": "staff", "evaluator": "evaluator"}
_IGNORED = re.compile(r"[\s,]+")


def split_of(item_id: str) -> str:
    """'tune' or 'test', stable for an id across runs, machines and Python versions."""
    return SPLITS[hashlib.sha1(item_id.encode("utf-8")).digest()[-1] % 2]


def squash(text: str) -> str:
    """Spacing and thousands separators do not decide a match: "1,500 건" == "1500건"."""
    return _IGNORED.sub("", text)


def holds_expected(text: str, expected: Iterable[str]) -> bool:
    flat = squash(text)
    return any(squash(e) and squash(e) in flat for e in expected)


def same_document(cited: str, expected: str) -> bool:
    """Citations name a file relative to the corpus folder; an item may name it with or
    without its sub-folder."""
    return cited == expected or cited.endswith("/" + expected) or expected.endswith("/" + cited)


def document_format(document: str | None, scan: bool = False) -> str:
    if scan:
        return "scan"
    if not document:
        return "-"
    suffix = Path(document).suffix.lower().lstrip(".")
    return suffix or "-"


@dataclass
class Turn:
    """One question asked of the service, as an item of the report."""

    set: str
    id: str
    split: str
    question: str
    expected: list[str]
    document: str | None
    kind: str
    who: str
    abstain: bool
    format: str
    turn: int = 0  # 0: a single question or a conversation's first turn
    conversation: str | None = None


@dataclass
class Result:
    set: str
    id: str
    split: str
    kind: str
    who: str
    turn: int
    format: str
    question: str
    abstain: bool
    found: bool
    answer_ok: bool  # an expected string is in the answer
    cited_ok: bool  # the expected document is cited
    correct: bool  # the answer counts as right (see score())
    ms: float
    answer: str
    cited: list[str] = field(default_factory=list)


def score(turn: Turn, found: bool, text: str, cited: list[str]) -> tuple[bool, bool, bool]:
    """(answer_ok, cited_ok, correct). An unanswerable item is right when nothing is found;
    an answerable one when something is found, it holds an expected string and it cites the
    expected document."""
    if turn.abstain:
        return not found, not cited, not found
    answer_ok = found and holds_expected(text, turn.expected)
    doc = turn.document
    cited_ok = any(same_document(c, doc) for c in cited) if doc else bool(cited)
    return answer_ok, cited_ok, found and answer_ok and cited_ok


def _turn(set_name: str, item: dict[str, Any], tid: str, split: str, **extra: Any) -> Turn:
    abstain = bool(item.get("abstain"))
    document = item.get("document")
    who = item.get("who") or extra.pop("who", None) or "-"  # a turn may name its own asker
    extra.pop("who", None)
    return Turn(
        set=set_name,
        id=tid,
        split=split,
        question=item["question"],
        expected=list(item.get("expected") or []),
        document=document,
        kind=item.get("kind") or ("abstain" if abstain else "fact"),
        who=who,
        abstain=abstain,
        format=document_format(document, bool(item.get("scan"))),
        **extra,
    )


def load_items(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file; an item without an id gets its line number."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            item = json.loads(line)
            item.setdefault("id", f"{path.stem}-{n}")
            items.append(item)
    return items


# Kept for callers of the earlier one-file API.
load_questions = load_items


def to_dialogues(set_name: str, items: list[dict[str, Any]]) -> list[list[Turn]]:
    """Each single question is a dialogue of one turn; a conversation keeps its turns in order,
    all in the conversation's half."""
    dialogues: list[list[Turn]] = []
    for item in items:
        split = split_of(item["id"])
        if "turns" in item:
            dialogues.append(
                [
                    _turn(
                        set_name,
                        t,
                        f"{item['id']}#{i + 1}",
                        split,
                        turn=i,
                        conversation=item["id"],
                        who=item.get("who"),
                    )
                    for i, t in enumerate(item["turns"])
                ]
            )
        else:
            dialogues.append([_turn(set_name, item, item["id"], split)])
    return dialogues


# --- asking -----------------------------------------------------------------------------------


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def load_service(settings: Settings) -> RetrievalService:
    """The service for measuring: it never adds to the feedback store (when it can be told)."""
    if _accepts(RetrievalService.load, "record"):
        return RetrievalService.load(settings, record=False)
    return RetrievalService.load(settings)


def make_asker(service: RetrievalService) -> Callable[..., Answer]:
    """ask(question, viewer, history) over whatever the service offers: history when `ask`
    takes it, and never a write to the production feedback store when it can be turned off."""
    with_history = _accepts(service.ask, "history")
    no_record = _accepts(service.ask, "record")
    if not with_history:
        logger.warning("RetrievalService.ask에 history가 없어 후속 질문을 맥락 없이 묻습니다")

    def ask(question: str, viewer: Viewer, history: list[dict[str, str]]) -> Answer:
        kwargs: dict[str, Any] = {"viewer": viewer, "channel": "eval"}
        if with_history:
            kwargs["history"] = history
        if no_record:
            kwargs["record"] = False
        return service.ask(question, **kwargs)

    return ask


def run_dialogues(
    service: RetrievalService, dialogues: list[list[Turn]], viewer: Viewer | None = None
) -> list[Result]:
    """Ask every turn; viewer overrides the role implied by each item's `who`."""
    ask = make_asker(service)
    results: list[Result] = []
    for dialogue in dialogues:
        history: list[dict[str, str]] = []
        for turn in dialogue:
            as_viewer = viewer or VIEWER_OF.get(turn.who, "staff")
            t0 = time.perf_counter()
            try:
                ans = ask(turn.question, as_viewer, list(history))
                found, text = ans.found, ans.answer
                cited = list(dict.fromkeys(c.document for c in ans.citations))
            except SosaError as exc:
                found, text, cited = False, exc.message, []
            ms = (time.perf_counter() - t0) * 1000
            answer_ok, cited_ok, correct = score(turn, found, text, cited)
            results.append(
                Result(
                    set=turn.set,
                    id=turn.id,
                    split=turn.split,
                    kind=turn.kind,
                    who=turn.who,
                    turn=turn.turn,
                    format=turn.format,
                    question=turn.question,
                    abstain=turn.abstain,
                    found=found,
                    answer_ok=answer_ok,
                    cited_ok=cited_ok,
                    correct=correct,
                    ms=round(ms, 1),
                    answer=text,
                    cited=cited,
                )
            )
            # (as the widget and the bot keep it: the answer's first characters the service
            # accepts back)
            history.append({"question": turn.question, "answer": text[:MAX_TURN_CHARS]})
    return results


# --- reporting --------------------------------------------------------------------------------


@dataclass
class Rate:
    right: int
    n: int

    @property
    def pct(self) -> float | None:
        return round(100 * self.right / self.n, 1) if self.n else None

    def cell(self) -> str:
        return "-" if not self.n else f"{self.pct:.1f}% ({self.right}/{self.n})"


def _rate(rs: list[Result], ok: Callable[[Result], bool] = lambda r: r.correct) -> Rate:
    return Rate(sum(1 for r in rs if ok(r)), len(rs))


def _latency(rs: list[Result]) -> dict[str, float]:
    ms = sorted(r.ms for r in rs)
    if not ms:
        return {"p50_ms": 0.0, "p95_ms": 0.0}
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(p95, 1)}


def summary(rs: list[Result]) -> dict[str, Rate]:
    """Named rates over one half (or all) of the results, in display order."""
    answerable = [r for r in rs if not r.abstain]
    found = [r for r in rs if r.found]
    out: dict[str, Rate] = {"전체 정답": _rate(rs)}
    # Precision: how often a found answer is right (a found answer to an unanswerable item is
    # wrong). Recall: how many answerable items got a right answer.
    out["정밀도 (찾은 답 중 정답)"] = _rate(found)
    out["재현율 (답할 수 있는 질문)"] = _rate(answerable)
    out["답 문자열 포함"] = _rate(answerable, lambda r: r.answer_ok)
    out["출처 정확도 (찾은 답)"] = _rate([r for r in answerable if r.found], lambda r: r.cited_ok)
    out["기권 (답할 수 없는 질문)"] = _rate([r for r in rs if r.abstain], lambda r: not r.found)
    groups: list[tuple[str, Callable[[Result], str]]] = [
        ("종류", lambda r: r.kind),
        ("역할", lambda r: r.who),
        ("차례", lambda r: "첫 질문" if r.turn == 0 else "후속 질문"),
        ("형식", lambda r: r.format),
        ("세트", lambda r: r.set),
    ]
    for label, key in groups:
        for value in sorted({key(r) for r in rs}):
            out[f"{label}: {value}"] = _rate([r for r in rs if key(r) == value])
    return out


@dataclass
class EvalReport:
    results: list[Result] = field(default_factory=list)

    def half(self, split: str | None) -> list[Result]:
        return [r for r in self.results if split is None or r.split == split]

    def by_kind(self) -> dict[str, dict[str, float]]:
        """Per kind over every result (both halves): the earlier report's shape."""
        out: dict[str, dict[str, float]] = {}
        for kind in sorted({r.kind for r in self.results}):
            rs = [r for r in self.results if r.kind == kind]
            out[kind] = {
                "n": len(rs),
                "right_with_citation": _rate(rs).pct or 0.0,
                "answer_correct": _rate(rs, lambda r: r.answer_ok).pct or 0.0,
                "citation_correct": _rate(rs, lambda r: r.cited_ok).pct or 0.0,
            }
        return out

    def as_dict(self, show_test: bool = False) -> dict[str, Any]:
        halves: dict[str, Any] = {}
        for split in (*SPLITS, None):
            rs = self.half(split)
            halves[split or "all"] = {
                "n": len(rs),
                **{k: {"right": v.right, "n": v.n, "pct": v.pct} for k, v in summary(rs).items()},
                **_latency(rs),
            }
        shown = [r for r in self.results if show_test or r.split == "tune"]
        return {
            "questions": len(self.results),
            "halves": halves,
            "by_kind": self.by_kind(),
            "results": [asdict(r) for r in shown],
        }

    def render(self, show_test: bool = False) -> str:
        tables = {s: summary(self.half(s)) for s in SPLITS}
        everything = summary(self.results)
        rows = list(everything)  # a superset of each half's rows
        width = max(len(r) for r in rows) + 2
        head = f"{'':<{width}}{'조정용 (tune)':>22}{'시험용 (test)':>22}{'전체':>22}"
        lines = [f"질문 {len(self.results)}개 (대화의 각 차례 포함)", head]
        for row in rows:
            cells = [tables[s].get(row, Rate(0, 0)).cell() for s in SPLITS]
            cells.append(everything[row].cell())
            lines.append(f"{row:<{width}}" + "".join(f"{c:>22}" for c in cells))
        lat = [_latency(self.half(s)) for s in (*SPLITS, None)]
        cells = [f"{v['p50_ms']} / {v['p95_ms']}" for v in lat]
        lines.append(f"{'지연 p50 / p95 (ms)':<{width}}" + "".join(f"{c:>22}" for c in cells))
        misses = [r for r in self.results if not r.correct and (show_test or r.split == "tune")]
        if misses:
            lines.append("틀린 질문" + ("" if show_test else " (조정용 절반만):"))
            lines += [
                f"  {r.id} [{r.kind}/{r.who}] {r.question} → "
                f"{'찾음' if r.found else '못 찾음'}: {r.answer[:70]!r} 출처 {r.cited[:2]}"
                for r in misses
            ]
        return "\n".join(lines)


def evaluate(
    service: RetrievalService,
    items: list[dict[str, Any]],
    viewer: Viewer | None = None,
    set_name: str = "eval",
) -> EvalReport:
    return EvalReport(run_dialogues(service, to_dialogues(set_name, items), viewer))


def evaluate_files(
    paths: list[Path], settings: Settings, viewer: Viewer | None = None
) -> EvalReport:
    service = load_service(settings)
    report = EvalReport()
    for path in paths:
        part = evaluate(service, load_items(path), viewer, set_name=path.stem)
        report.results += part.results
    return report


def evaluate_file(path: Path, settings: Settings, viewer: Viewer | None = None) -> EvalReport:
    return evaluate_files([path], settings, viewer)


# --- checking the sets against the documents ---------------------------------------------------


def source_text(document: str, roots: list[Path]) -> str | None:
    """The text a document was printed from: `<stem>.txt` (the PDFs' source texts) or the file
    itself (text documents), looked up in each root folder in turn."""
    name = Path(document).name
    for root in roots:
        for candidate in (root / f"{Path(name).stem}.txt", root / name):
            if candidate.suffix == ".txt" and candidate.is_file():
                return candidate.read_text(encoding="utf-8")
    return None


def check_against_sources(items: list[dict[str, Any]], roots: list[Path]) -> list[str]:
    """Problems with a set: an expected string of an answerable turn that its document's source
    text does not hold (spacing and commas aside), or a term an unanswerable turn lists under
    `absent` that some document does hold. Empty when the set is sound."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    for dialogue in to_dialogues("check", items):
        for turn in dialogue:
            if turn.abstain:
                continue
            if not turn.document or not turn.expected:
                problems.append(f"{turn.id}: 문서나 기대 답이 없습니다")
                continue
            if turn.document not in texts:
                texts[turn.document] = squash(source_text(turn.document, roots) or "")
            if not texts[turn.document]:
                problems.append(f"{turn.id}: 원문을 찾지 못했습니다: {turn.document}")
                continue
            missing = [e for e in turn.expected if squash(e) not in texts[turn.document]]
            if missing:
                problems.append(f"{turn.id}: 원문에 없는 기대 답 {missing}")
    every = "\n".join(
        squash(p.read_text(encoding="utf-8")) for root in roots for p in sorted(root.glob("*.txt"))
    )
    for item in items:
        for term in item.get("absent") or []:
            if squash(term) in every:
                problems.append(f"{item['id']}: 답할 수 없다던 질문의 '{term}'이 문서에 있습니다")
    return problems
