"""`sosa eval FILE`: accuracy by kind, citation accuracy, abstention and latency over a question set.

FILE is JSON lines as in eval/dev_qa.jsonl: question, expected (any one must appear in the
answer), document (the file a citation must point to), kind, abstain.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from retrieval.service import RetrievalService
from sosa.errors import SosaError
from sosa.models import Viewer
from sosa.settings import Settings


@dataclass
class Result:
    id: str
    kind: str
    question: str
    correct: bool
    cited: bool
    found: bool
    ms: float
    answer: str


@dataclass
class EvalReport:
    results: list[Result] = field(default_factory=list)

    def _pct(self, xs: list[bool]) -> float:
        return round(100 * sum(xs) / len(xs), 1) if xs else 0.0

    def by_kind(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for kind in sorted({r.kind for r in self.results}):
            rs = [r for r in self.results if r.kind == kind]
            out[kind] = {
                "n": len(rs),
                "right_with_citation": self._pct([r.correct and r.cited for r in rs]),
                "answer_correct": self._pct([r.correct for r in rs]),
                "citation_correct": self._pct([r.cited for r in rs]),
            }
        return out

    def latency(self) -> dict[str, float]:
        ms = sorted(r.ms for r in self.results)
        if not ms:
            return {"p50_ms": 0.0, "p95_ms": 0.0}
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(p95, 1)}

    def as_dict(self) -> dict:
        rs = self.results
        return {
            "questions": len(rs),
            "right_with_citation": self._pct([r.correct and r.cited for r in rs]),
            "abstention_correct": self._pct([r.correct for r in rs if r.kind == "abstain"]),
            "by_kind": self.by_kind(),
            **self.latency(),
            "results": [asdict(r) for r in rs],
        }

    def render(self) -> str:
        d = self.as_dict()
        lines = [
            f"질문 {d['questions']}개 · 정답+올바른 출처 {d['right_with_citation']}% · "
            f"지연 p50 {d['p50_ms']}ms / p95 {d['p95_ms']}ms",
            f"{'종류':<12}{'개수':>4}{'정답+출처':>10}{'정답':>8}{'출처':>8}",
        ]
        for kind, k in d["by_kind"].items():
            lines.append(
                f"{kind:<12}{int(k['n']):>4}{k['right_with_citation']:>10}"
                f"{k['answer_correct']:>8}{k['citation_correct']:>8}"
            )
        misses = [r for r in self.results if not (r.correct and r.cited)]
        if misses:
            lines.append("틀린 질문:")
            lines += [f"  {r.id} [{r.kind}] {r.question} → {r.answer[:80]}" for r in misses]
        return "\n".join(lines)


def load_questions(path: Path) -> list[dict]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            item = json.loads(line)
            item.setdefault("id", f"q{n}")
            items.append(item)
    return items


def evaluate(service: RetrievalService, items: list[dict], viewer: Viewer = "staff") -> EvalReport:
    report = EvalReport()
    for item in items:
        abstain = bool(item.get("abstain"))
        kind = item.get("kind") or ("abstain" if abstain else "fact")
        t0 = time.perf_counter()
        try:
            ans = service.ask(item["question"], viewer=viewer, channel="eval")
            found, text, docs = ans.found, ans.answer, {c.document for c in ans.citations}
        except SosaError as exc:
            found, text, docs = False, exc.message, set()
        ms = (time.perf_counter() - t0) * 1000
        if abstain:
            correct = cited = not found
        else:
            correct = found and any(e in text for e in item.get("expected", []))
            cited = item.get("document") in docs if item.get("document") else bool(docs)
        report.results.append(
            Result(item["id"], kind, item["question"], correct, cited, found, round(ms, 1), text)
        )
    return report


def evaluate_file(path: Path, settings: Settings, viewer: Viewer = "staff") -> EvalReport:
    service = RetrievalService.load(settings)
    return evaluate(service, load_questions(path), viewer)
