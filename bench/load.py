"""Load test of POST /v1/ask: N concurrent clients for D seconds, loopback only.

    python bench/load.py                       # http://127.0.0.1:8000, or its own server if none
    python bench/load.py http://127.0.0.1:8000 --api-key KEY
    python bench/load.py --serve --data-dir data
    python bench/load.py --serve --workers 2      # two server processes, limits in a redis-server

Two modes, both run by default (`--mode distinct|repeated|both`):
  * distinct: every request text is different (topics from the index's section headings in
    question templates, plus the eval questions), so no per-process cache keyed on the question
    helps: the cold path (targets >= 60 answers/s, p95 <= 300 ms, no errors);
  * repeated: 12 rotating questions, per-process caches warm (>= 40 answers/s, p95 <= 300 ms).
Reports answers/s, p50/p95/max latency and errors per mode; exits 1 when a target is missed.

Rate limit: public requests are limited per client (30/min by default), which a load test
would trip at once. So the bench always sends a staff API key:
  * with --serve (or the automatic fallback) it starts `sosa serve` on a free loopback port
    with a fresh random staff key in SOSA_API_KEYS, and sends that key;
  * against a running server pass --api-key (or SOSA_BENCH_API_KEY) with a staff key from
    that server's SOSA_API_KEYS, or start it with SOSA_RATE_LIMIT_PER_MINUTE=0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import itertools
import json
import os
import random
import re
import secrets
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench's own helpers
from serving import redis_server, sosa_serve, url_of  # noqa: E402

DEFAULT_URL = "http://127.0.0.1:8000"
TARGET_RPS = 40.0  # repeated questions
TARGET_DISTINCT_RPS = 60.0  # every question different (issue 11)
TARGET_P95_MS = 300.0
REPO = Path(__file__).resolve().parents[1]
MAX_DURATION = 300.0  # seconds; the run is always bounded
REQUEST_TIMEOUT = 10.0
STARTUP_TIMEOUT = 240.0  # loading models and indexes can take a while on a cold machine

QUESTIONS = [
    "대체인력 파견 목표는 몇 건인가요?",
    "긴급돌봄은 어디로 전화하나요?",
    "2024년 경영평가 총점은?",
    "조직·인사 관리의 적정성 지표 득점은 몇 점인가요?",
    "노사협의회 정기회의는 1년에 몇 번 하나요?",
    "현장중심형 역량강화교육 사업의 소요예산은 얼마인가요?",
    "돌봄 영역별 이용자 만족도조사는 몇 명을 대상으로 하나요?",
    "종합재가센터 운영활성화를 위해 어떤 노력을 했나요?",
    "대전시사회서비스원의 서비스 품질 차원 만족도는?",
    "사상구 시행결과 모니터링 T/F팀은 어떻게 구성했나요?",
    "복리후생비 집행률 기준치는?",
    "인사위원회는 몇 회 운영할 계획인가요?",
]


# Question shapes users ask about a topic (a project, an indicator, a plan's subsection).
TEMPLATES = [
    "{t}의 목표는 무엇인가요?",
    "{t} 예산은 얼마인가요?",
    "{t} 일정은 언제인가요?",
    "{t} 담당 부서는 어디인가요?",
    "{t}에 대해 알려 주세요.",
    "{t} 실적은 몇 건인가요?",
    "{t}의 추진 배경은 무엇인가요?",
    "{t} 지표 득점은 몇 점인가요?",
    "{t} 관련해서 어떤 노력을 했나요?",
    "{t}의 주요 내용을 요약해 주세요.",
]
_TOPIC_OK = re.compile(r"[가-힣]")


def _index_topics(data_dir: Path) -> list[str]:
    """Section headings of the served index (each breadcrumb part below the title)."""
    db = data_dir / "current" / "sosa.sqlite"
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        sections = [row[0] for row in conn.execute("SELECT DISTINCT section FROM chunks")]
    finally:
        conn.close()
    topics: dict[str, None] = {}
    for section in sections:
        for part in section.split(" › ")[1:]:
            part = part.strip()
            if 4 <= len(part) <= 40 and _TOPIC_OK.search(part):
                topics[part] = None
    return list(topics)


def _eval_questions() -> list[str]:
    out: list[str] = []
    for path in sorted((REPO / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if "question" in item:
                out.append(item["question"])
            out.extend(t["question"] for t in item.get("turns", [])[:1])  # first turns only
    return out


def distinct_questions(data_dir: Path, seed: int = 11) -> Iterator[str]:
    """An endless stream of questions, no text twice: the eval questions and index topics in
    templates first, then the same with a varying lead-in so even a long run never repeats."""
    base = [q for q in _eval_questions() if q not in QUESTIONS]
    base += [t.format(t=topic) for topic in _index_topics(data_dir) for t in TEMPLATES]
    base = list(dict.fromkeys(base))
    random.Random(seed).shuffle(base)
    seen: set[str] = set()
    leads = ["", "혹시 ", "문서에서 ", "궁금한데요, ", "다시 여쭤보면 ", "확인 부탁드립니다. "]
    for round_ in itertools.count():
        lead = leads[round_] if round_ < len(leads) else f"{round_}번째 질문입니다. "
        for q in base:
            text = lead + q
            if text not in seen:
                seen.add(text)
                yield text


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(text[:200])

    def summary(self) -> dict[str, float | int | list[str]]:
        lat = sorted(self.latencies_ms)
        n = len(lat)

        def pct(p: float) -> float:
            return lat[min(n - 1, max(0, round(p * n) - 1))] if n else 0.0

        return {
            "answers": n,
            "answers_per_s": round(n / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": round(statistics.median(lat), 1) if n else 0.0,
            "p95_ms": round(pct(0.95), 1),
            "max_ms": round(lat[-1], 1) if n else 0.0,
            "errors": self.errors,
            "error_samples": self.error_samples,
            "seconds": round(self.elapsed, 1),
        }


def is_loopback_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def run_load(
    url: str,
    clients: int,
    duration: float,
    api_key: str | None,
    questions: Iterator[str] | None = None,
) -> Result:
    """`questions` None: the 12 rotating QUESTIONS (warm caches); else one text per request."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    questions = questions if questions is not None else itertools.cycle(QUESTIONS)
    result = Result()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, timeout=REQUEST_TIMEOUT, limits=limits
    ) as client:
        # One untimed round so lazy first-use work is not billed to the run.
        for q in QUESTIONS:
            await client.post("/v1/ask", json={"question": q})
        start = time.perf_counter()
        deadline = start + duration

        async def worker() -> None:
            while time.perf_counter() < deadline:
                question = next(questions)
                t0 = time.perf_counter()
                try:
                    resp = await client.post("/v1/ask", json={"question": question})
                except httpx.HTTPError as exc:
                    result.error(f"{type(exc).__name__}: {exc}")
                    continue
                ms = (time.perf_counter() - t0) * 1000
                if resp.status_code == 200 and "answer" in resp.json():
                    result.latencies_ms.append(ms)
                else:
                    result.error(f"HTTP {resp.status_code}: {resp.text}")

        await asyncio.gather(*(worker() for _ in range(clients)))
        result.elapsed = time.perf_counter() - start
    return result


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def own_server(data_dir: Path, workers: int = 1):  # type: ignore[no-untyped-def]
    """`sosa serve` on a free loopback port with a fresh staff key; yields (url, key). Several
    worker processes count their rate limits in a redis-server started for the run, as a
    deployment of several processes must."""
    key = "bench-" + secrets.token_urlsafe(24)
    env = {
        "SOSA_API_KEYS": f"{key}:staff",
        # The bench measures throughput, not the per-key budget: that limit is off here.
        "SOSA_RATE_LIMIT_PER_KEY_PER_MINUTE": "0",
    }
    with contextlib.ExitStack() as stack:
        if workers > 1:
            env["SOSA_RATE_LIMIT_STORAGE"] = stack.enter_context(redis_server())
        proc = stack.enter_context(sosa_serve(data_dir, STARTUP_TIMEOUT, workers, **env))
        yield url_of(proc), key


def report(url: str, clients: int, summary: dict, as_json: bool, mode: str = "repeated") -> bool:
    target_rps = TARGET_DISTINCT_RPS if mode == "distinct" else TARGET_RPS
    ok = (
        summary["answers_per_s"] >= target_rps
        and summary["p95_ms"] <= TARGET_P95_MS
        and summary["errors"] == 0
    )
    if as_json:
        line = {"url": url, "mode": mode, "clients": clients, **summary, "ok": ok}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return ok
    lines = [
        f"POST /v1/ask  {url}  {mode} questions  clients={clients}  {summary['seconds']} s",
        f"  answers     {summary['answers']}  ({summary['answers_per_s']}/s, target ≥ {target_rps:g})",
        f"  latency     p50 {summary['p50_ms']} ms  p95 {summary['p95_ms']} ms (target ≤ {TARGET_P95_MS:g})  max {summary['max_ms']} ms",
        f"  errors      {summary['errors']}",
        *(f"    {e}" for e in summary["error_samples"]),
        f"  {'OK: targets met' if ok else 'FAIL: a target was missed'}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Load test of /v1/ask (loopback only).")
    p.add_argument("url", nargs="?", help=f"running server (default {DEFAULT_URL})")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--duration", type=float, default=20.0, help="seconds (max 300)")
    p.add_argument("--api-key", default=os.environ.get("SOSA_BENCH_API_KEY"), help="staff key")
    p.add_argument("--serve", action="store_true", help="start our own server over --data-dir")
    p.add_argument("--data-dir", type=Path, default=Path(os.environ.get("SOSA_DATA_DIR", "data")))
    p.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("SOSA_WORKERS", "1")),
        help="server processes of --serve (SOSA_WORKERS; 2+ start a redis-server for the limits)",
    )
    p.add_argument(
        "--mode",
        choices=("both", "distinct", "repeated"),
        default="both",
        help="distinct: every question different (cold path); repeated: 12 rotating questions",
    )
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    modes = ["distinct", "repeated"] if args.mode == "both" else [args.mode]

    duration = max(1.0, min(args.duration, MAX_DURATION))
    clients = max(1, min(args.clients, 64))
    url = (args.url or DEFAULT_URL).rstrip("/")
    if not is_loopback_url(url):
        p.error("only loopback servers may be load tested (127.0.0.0/8, ::1, localhost)")

    # No server given and none running at the default address: start our own.
    serve = args.serve or (args.url is None and not _healthy(url))

    def run_modes(target: str, key: str | None) -> bool:
        ok = True
        for mode in modes:
            stream = distinct_questions(args.data_dir) if mode == "distinct" else None
            result = asyncio.run(run_load(target, clients, duration, key, stream))
            ok = report(target, clients, result.summary(), args.json, mode) and ok
        return ok

    if serve:
        workers = max(1, args.workers)
        sys.stderr.write(
            f"starting sosa serve over {args.data_dir} ({workers} process"
            f"{'es' if workers > 1 else ''}) with a temporary staff key…\n"
        )
        with own_server(args.data_dir, workers) as (own_url, key):
            ok = run_modes(own_url, key)
    else:
        if not args.api_key:
            sys.stderr.write(
                "warning: no --api-key; public requests are rate limited unless the server "
                "runs with SOSA_RATE_LIMIT_PER_MINUTE=0\n"
            )
        ok = run_modes(url, args.api_key)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
