"""What long queries cost a real server: memory growth and CPU per request.

Starts `sosa serve` on a free loopback port over an existing data dir (rate limit off), warms
it, then sends N distinct ~1,000-character public queries to /v1/search (or /v1/ask) and reads
the server's resident memory and CPU time from /proc.

    python bench/long_queries.py --data-dir data            # 2,000 queries to /v1/search
    python bench/long_queries.py --data-dir data --route ask --count 500

Targets (issue 12): memory grows < 100 MB, ≤ 50 ms of server CPU per query on average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench's own helpers
from serving import sosa_serve, url_of  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[가-힣]{2,8}")


def vocabulary() -> list[str]:
    words: set[str] = set()
    for path in sorted((REPO / "corpus").glob("*.txt")):
        words.update(_WORD.findall(path.read_text(encoding="utf-8")))
    return sorted(words)


def make_queries(count: int, chars: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    words = vocabulary()
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(rng.choice(words))
        q = " ".join(parts)[:chars].strip()
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=REPO / "data")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--chars", type=int, default=1000)
    ap.add_argument("--route", choices=["search", "ask"], default="search")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    queries = make_queries(args.count, args.chars)
    warm = make_queries(20, args.chars, seed=99)
    errors = 0
    # The server at its default level (INFO), rate limit off: the cost a deployment pays.
    with (
        sosa_serve(args.data_dir.resolve(), 180, SOSA_RATE_LIMIT_PER_MINUTE="0") as proc,
        httpx.Client(base_url=url_of(proc), timeout=60) as c,
    ):

        def send(q: str) -> int:
            if args.route == "search":
                return c.get("/v1/search", params={"q": q, "k": 5}).status_code
            return c.post("/v1/ask", json={"question": q}).status_code

        for q in warm:  # first-use costs (Kiwi dictionaries, allocator arenas) are not ours
            send(q)
        rss0, cpu0, t0 = rss_mb(proc.pid), cpu_seconds(proc.pid), time.perf_counter()
        for q in queries:
            errors += send(q) != 200
        rss1, cpu1, t1 = rss_mb(proc.pid), cpu_seconds(proc.pid), time.perf_counter()
        healthy = c.get("/health").status_code == 200
    result = {
        "route": f"/v1/{args.route}",
        "queries": len(queries),
        "chars": args.chars,
        "errors": errors,
        "rss_before_mb": round(rss0, 1),
        "rss_after_mb": round(rss1, 1),
        "rss_growth_mb": round(rss1 - rss0, 1),
        "cpu_ms_per_query": round((cpu1 - cpu0) * 1000 / len(queries), 1),
        "wall_ms_per_query": round((t1 - t0) * 1000 / len(queries), 1),
        "healthy_after": healthy,
    }
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        for k, v in result.items():
            sys.stdout.write(f"{k:>20}: {v}\n")
    ok = result["rss_growth_mb"] < 100 and result["cpu_ms_per_query"] <= 50 and not errors
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
