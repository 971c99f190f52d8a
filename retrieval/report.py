"""What citizens could not get answered: a summary of the feedback store, and its report files.

`summarize` groups unanswered questions by topic, the topic being the content noun the group's
questions share (Kiwi nouns via sosa.korean; the most widely shared noun of each question names
its group), lists answers marked 👎 with their questions, the most asked topics, and counts per
channel and ISO week. `write_report` turns that into one self-contained HTML page (inline SVG
charts, no scripts, no external assets) and CSV files. No client addresses are stored or shown.
"""

from __future__ import annotations

import csv
import html
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from retrieval.feedback import FeedbackStore, answers_since
from sosa.korean import kiwi, kiwi_lock

# Nouns every question can carry that say nothing about its subject.
_GENERIC = {
    "문의", "질문", "관련", "내용", "경우", "정도", "무엇", "어디", "언제", "누구", "얼마",
    "알려", "방법", "가능", "여부", "문서", "정보", "부분", "이번", "혹시",
}  # fmt: skip
_NOUN_TAGS = ("NNG", "NNP", "SL")
_SINCE = re.compile(r"^\s*(\d+)\s*([dhw])\s*$", re.IGNORECASE)
NO_TOPIC = "기타"
MAX_EXAMPLES = 10


def parse_since(text: str | None, now: float | None = None) -> float:
    """Epoch seconds for "30d", "12h", "2w" or an ISO date ("2026-11-01"); default 30 days."""
    now = time.time() if now is None else now
    if not text:
        return now - 30 * 86400
    m = _SINCE.match(text)
    if m:
        unit = {"h": 3600, "d": 86400, "w": 7 * 86400}[m.group(2).lower()]
        return now - int(m.group(1)) * unit
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(
            "기간은 '30d', '12h', '2w' 또는 날짜(2026-11-01) 형식으로 적어 주세요."
        ) from exc
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a plain date means local midnight
    return moment.timestamp()


def content_nouns(question: str) -> list[str]:
    """The question's content nouns, in order, without duplicates."""
    with kiwi_lock():
        tokens = kiwi().tokenize(question)
    out: list[str] = []
    for t in tokens:
        form = t.form.lower()
        if t.tag in _NOUN_TAGS and len(form) >= 2 and form not in _GENERIC and form not in out:
            out.append(form)
    return out


@dataclass
class Topic:
    topic: str
    count: int
    questions: list[str]


def group_by_topic(questions: list[str]) -> list[Topic]:
    """Each question joins the group of its noun shared by the most questions (ties: the longer
    noun, then the earlier one); questions without a content noun go to '기타'."""
    nouns = [content_nouns(q) for q in questions]
    spread = Counter(n for ns in nouns for n in set(ns))
    groups: dict[str, list[str]] = defaultdict(list)
    for q, ns in zip(questions, nouns, strict=True):
        if not ns:
            groups[NO_TOPIC].append(q)
            continue
        best = max(ns, key=lambda n: (spread[n], len(n), -ns.index(n)))
        groups[best].append(q)
    topics = []
    for name, qs in groups.items():
        distinct = list(dict.fromkeys(qs))
        topics.append(Topic(name, len(qs), distinct[:MAX_EXAMPLES]))
    topics.sort(key=lambda t: (t.topic == NO_TOPIC, -t.count, t.topic))
    return topics


def _week(ts: float) -> str:
    year, week, _ = datetime.fromtimestamp(ts).isocalendar()
    return f"{year}-W{week:02d}"


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).astimezone().isoformat(timespec="seconds")


def summarize(store: FeedbackStore, since: float, until: float | None = None) -> dict[str, Any]:
    until = time.time() if until is None else until
    rows = [r for r in answers_since(store, since) if r["created"] <= until]
    not_found = [r for r in rows if not r["found"]]
    unhelpful = [r for r in rows if r["helpful"] is False]

    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in rows:
        for key in (("channel", r["channel"]), ("week", _week(r["created"]))):
            c = counts[key]
            c["questions"] += 1
            c["not_found"] += not r["found"]
            c["unhelpful"] += r["helpful"] is False

    def table(kind: str) -> list[dict[str, Any]]:
        keys = sorted(k for k in counts if k[0] == kind)
        return [
            {kind: k[1], **{f: counts[k][f] for f in ("questions", "not_found", "unhelpful")}}
            for k in keys
        ]

    return {
        "since": _iso(since),
        "until": _iso(until),
        "questions": len(rows),
        "not_found": len(not_found),
        "unhelpful": len(unhelpful),
        "unanswered_topics": [
            t.__dict__ for t in group_by_topic([r["question"] for r in not_found])
        ],
        "unhelpful_answers": [
            {
                "question": r["question"],
                "answer": r["answer"],
                "comment": r["comment"],
                "channel": r["channel"],
                "created": _iso(r["created"]),
            }
            for r in reversed(unhelpful)
        ],
        "top_topics": [
            {"topic": t.topic, "count": t.count}
            for t in group_by_topic([r["question"] for r in rows])[:15]
        ],
        "by_channel": table("channel"),
        "by_week": table("week"),
    }


# --- files ---------------------------------------------------------------------------------------

_CHANNELS = {"web": "웹 위젯", "telegram": "텔레그램", "api": "API"}


def _bars_svg(title: str, items: list[tuple[str, int, int]], legend: tuple[str, str]) -> str:
    """Horizontal bars: total, and the part of it that went wrong, per label."""
    if not items:
        return "<p>자료가 없습니다.</p>"
    bar_h, gap, label_w, width = 22, 8, 180, 640
    top = max(t for _, t, _ in items) or 1
    height = len(items) * (bar_h + gap) + 30
    parts = [
        f'<svg role="img" aria-label="{html.escape(title)}" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, total, bad) in enumerate(items):
        y = i * (bar_h + gap)
        w_total = (width - label_w - 60) * total / top
        w_bad = (width - label_w - 60) * bad / top
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 6}" text-anchor="end" font-size="13">'
            f"{html.escape(label[:18])}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w_total:.1f}" height="{bar_h}" fill="#b8d3f2">'
            f"<title>{html.escape(label)}: {total}</title></rect>"
            f'<rect x="{label_w}" y="{y}" width="{w_bad:.1f}" height="{bar_h}" fill="#d9534f"/>'
            f'<text x="{label_w + w_total + 6:.1f}" y="{y + bar_h - 6}" font-size="12">'
            f"{bad}/{total}</text>"
        )
    y = len(items) * (bar_h + gap) + 14
    parts.append(
        f'<rect x="{label_w}" y="{y - 10}" width="12" height="12" fill="#b8d3f2"/>'
        f'<text x="{label_w + 16}" y="{y}" font-size="12">{html.escape(legend[0])}</text>'
        f'<rect x="{label_w + 140}" y="{y - 10}" width="12" height="12" fill="#d9534f"/>'
        f'<text x="{label_w + 156}" y="{y}" font-size="12">{html.escape(legend[1])}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    if not rows:
        return "<p>해당 항목이 없습니다.</p>"
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(str(v if v is not None else ''))}</td>" for v in r)
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = """
body{font-family:"Pretendard","Noto Sans KR","Malgun Gothic","NanumGothic",sans-serif;
color:#1b2430;margin:0 auto;max-width:960px;padding:24px;line-height:1.6;word-break:keep-all}
h1{color:#0a3f7d;font-size:26px}h2{color:#0a3f7d;font-size:20px;margin-top:36px}
.kpi{display:flex;gap:16px;flex-wrap:wrap;padding:0;list-style:none}
.kpi li{border:1px solid #e0e6ee;border-radius:14px;padding:14px 18px;background:#f8fafd}
.kpi b{display:block;font-size:24px;color:#0a5bb5}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #e3e8ef;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef4fb}.topic{font-weight:700;color:#0a3f7d}
"""


def render_html(summary: dict[str, Any]) -> str:
    s = summary
    topics = s["unanswered_topics"]
    topic_rows = [[t["topic"], t["count"], " / ".join(t["questions"][:5])] for t in topics]
    weeks = [(w["week"], w["questions"], w["not_found"]) for w in s["by_week"]]
    channels = [
        [_CHANNELS.get(c["channel"], c["channel"]), c["questions"], c["not_found"], c["unhelpful"]]
        for c in s["by_channel"]
    ]
    top = [(t["topic"], t["count"], 0) for t in s["top_topics"]]
    unhelpful = [
        [u["created"][:10], u["question"], u["answer"][:300], u["comment"] or ""]
        for u in s["unhelpful_answers"]
    ]
    period = f"{s['since'][:10]} ~ {s['until'][:10]}"
    return f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>답하지 못한 질문 보고서 ({html.escape(period)})</title><style>{_STYLE}</style></head>
<body><main>
<h1>시민이 답을 얻지 못한 질문</h1>
<p>기간: {html.escape(period)}</p>
<ul class="kpi">
<li>질문<b>{s["questions"]:,}</b></li>
<li>문서에서 찾지 못함<b>{s["not_found"]:,}</b></li>
<li>👎 받은 답변<b>{s["unhelpful"]:,}</b></li>
</ul>
<h2>찾지 못한 질문 — 주제별</h2>
{
        _bars_svg(
            "찾지 못한 질문 주제",
            [(t["topic"], t["count"], t["count"]) for t in topics[:15]],
            ("질문 수", "찾지 못함"),
        )
    }
{_table(["주제", "질문 수", "질문 예"], topic_rows)}
<h2>👎 받은 답변</h2>
{_table(["날짜", "질문", "답변", "의견"], unhelpful)}
<h2>많이 물어본 주제</h2>
{_bars_svg("많이 물어본 주제", top, ("질문 수", ""))}
<h2>주별 질문 수</h2>
{_bars_svg("주별 질문 수", weeks, ("질문", "찾지 못함"))}
<h2>경로별</h2>
{_table(["경로", "질문", "찾지 못함", "👎"], channels)}
</main></body></html>
"""


def _csv(path: Path, headers: list[str], rows: list[list[Any]]) -> None:
    # utf-8-sig: Excel on Windows opens it as Korean without an import dialog.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        w.writerows(rows)


def write_report(summary: dict[str, Any], out: Path) -> list[Path]:
    """report.html plus unanswered.csv, unhelpful.csv, weekly.csv, channels.csv in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    s = summary
    files = {
        "report.html": None,
        "unanswered.csv": (
            ["주제", "질문"],
            [[t["topic"], q] for t in s["unanswered_topics"] for q in t["questions"]],
        ),
        "unhelpful.csv": (
            ["시각", "경로", "질문", "답변", "의견"],
            [
                [u["created"], u["channel"], u["question"], u["answer"], u["comment"] or ""]
                for u in s["unhelpful_answers"]
            ],
        ),
        "weekly.csv": (
            ["주", "질문", "찾지 못함", "👎"],
            [[w["week"], w["questions"], w["not_found"], w["unhelpful"]] for w in s["by_week"]],
        ),
        "channels.csv": (
            ["경로", "질문", "찾지 못함", "👎"],
            [
                [c["channel"], c["questions"], c["not_found"], c["unhelpful"]]
                for c in s["by_channel"]
            ],
        ),
    }
    written = []
    for name, spec in files.items():
        path = out / name
        if spec is None:
            path.write_text(render_html(summary), encoding="utf-8")
        else:
            _csv(path, *spec)
        written.append(path)
    return written
