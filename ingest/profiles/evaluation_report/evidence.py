"""Link each scored indicator to the evaluator's commentary that discusses it.

After each area's 평정표 the report comments per indicator group ("□ 기관장의 리더십"), under
sub-headings that are either "○ <sub-indicator>" lines or "- <description paraphrase>" lines;
the comments themselves are "- …" lines that end like sentences ("…필요함"). Headings are
aligned to the group's indicators in order (the commentary follows the table's order), so a
heading that shares few words with its indicator still lands right when its neighbours match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.blocks import Block, join_wrapped
from ingest.profiles.evaluation_report.scores import AreaTable, Indicator, Report
from ingest.profiles.text import SEP, dice, is_predicate
from sosa.korean.text import Weighted, nospace
from sosa.models import Evidence

_HEAD_MIN = 0.3  # a "- " line counts as a heading when it covers this much of a description
_FALLBACK_HEAD = 0.3
_FALLBACK_COMMENT = 0.25
_NOISE = 0.28  # weighted overlap below this is shared boilerplate ("노력과 성과의 적정성")
_ADVANCE = 0.02  # moving on to the next indicator must be earned by a real match

EvidenceMap = dict[tuple[str, ...], list[Evidence]]


@dataclass
class _Head:
    text: str
    comments: list[Evidence] = field(default_factory=list)


@dataclass
class _Group:
    indicators: list[Indicator]
    title: str = ""  # the commentary's own name for the group: "□ 기관장의 리더십"
    heads: list[_Head] = field(default_factory=list)
    loose: list[Evidence] = field(default_factory=list)  # comments before any heading


def indicator_key(area: str, desc: str) -> tuple[str, ...]:
    return ("indicator", nospace(area), desc)


def group_key(area: str, group: str) -> tuple[str, ...]:
    return ("group", nospace(area), group)


def _group_label(group: str) -> str:
    return re.sub(r"\(.*$", "", re.sub(r"^\d+\.\s*", "", group)).strip()


def _groups(table: AreaTable) -> list[_Group]:
    out: list[_Group] = []
    for ind in table.indicators:
        if not out or out[-1].indicators[0].group != ind.group:
            out.append(_Group([]))
        out[-1].indicators.append(ind)
    return out


def _pick_group(text: str, groups: list[_Group], current: int) -> int:
    """The group a "□" heading names; only forward moves, since commentary keeps table order."""
    scored = [
        (dice(text, _group_label(g.indicators[0].group)), k)
        for k, g in enumerate(groups)
        if k >= current
    ]
    if not scored:
        return current
    best, k = max(scored)
    return k if best >= 0.3 else min(current + 1, len(groups) - 1)


def _is_head(text: str, group: _Group, w: Weighted) -> bool:
    if is_predicate(text):
        return False
    return max(w.coverage(text, i.desc) for i in group.indicators) >= _HEAD_MIN


def _align(heads: list[_Head], indicators: list[Indicator], w: Weighted) -> list[int]:
    """Monotone alignment of headings to indicators maximising total similarity."""
    n, m = len(heads), len(indicators)
    # Short headings ("조달계약실적") are judged by how much of them the description covers.
    sim = [
        [max(w.dice(h.text, i.desc), 0.6 * w.coverage(h.text, i.desc)) for i in indicators]
        for h in heads
    ]
    sim = [[v if v >= _NOISE else 0.0 for v in row] for row in sim]
    best = [[0.0] * m for _ in range(n)]
    back = [[0] * m for _ in range(n)]
    for a in range(n):
        for k in range(m):
            if a == 0:
                best[a][k], back[a][k] = sim[a][k] - _ADVANCE * k, k
                continue
            prev = max(range(k + 1), key=lambda j: best[a - 1][j] - _ADVANCE * (j != k))  # noqa: B023
            best[a][k] = sim[a][k] + best[a - 1][prev] - _ADVANCE * (prev != k)
            back[a][k] = prev
    k = max(range(m), key=lambda j: best[n - 1][j])
    path = [0] * n
    for a in range(n - 1, -1, -1):
        path[a] = k
        k = back[a][k]
    return path


def _walk(
    blocks: list[Block], sections: list[str], table: AreaTable, stop: int, w: Weighted
) -> list[_Group]:
    groups = _groups(table)
    if not groups:
        return groups
    area_section = SEP.join(sections[table.first_block].split(SEP)[:2])
    current = 0
    last: Evidence | None = None
    for i in range(table.last_block + 1, stop):
        b, section = blocks[i], sections[i]
        if b.kind != "line" or not section.startswith(area_section):
            last = None
            continue
        text = b.text.strip()
        group = groups[current]
        if text.startswith("□"):
            current = _pick_group(text[1:].strip(), groups, current)
            groups[current].title = groups[current].title or text[1:].strip()
            last = None
        elif text.startswith("○"):
            group.heads.append(_Head(text[1:].strip()))
            last = None
        elif text.startswith(("-", "–")):
            body = text[1:].strip()
            if _is_head(body, group, w):
                group.heads.append(_Head(body))
                last = None
                continue
            last = Evidence(quote=body, page=b.page, section=section)
            (group.heads[-1].comments if group.heads else group.loose).append(last)
        elif text.startswith("*"):
            last = None  # a table's footnote, not commentary
        elif last is not None:
            last.quote = join_wrapped(last.quote, text)  # a wrapped comment line
    return groups


def _assign(group: _Group, out: EvidenceMap, w: Weighted) -> None:
    inds = group.indicators
    found: dict[int, list[Evidence]] = {k: [] for k in range(len(inds))}
    if group.heads:
        for head, k in zip(group.heads, _align(group.heads, inds, w), strict=True):
            found[k].extend(head.comments)
    for ev in group.loose:
        k = max(range(len(inds)), key=lambda j: w.coverage(inds[j].desc, ev.quote))
        found[k].append(ev)
    for k, ind in enumerate(inds):
        if found[k]:
            continue
        # An indicator without its own heading: borrow the heading that names it best.
        heads = sorted(group.heads, key=lambda h: w.dice(ind.desc, h.text), reverse=True)
        if heads and w.dice(ind.desc, heads[0].text) >= _FALLBACK_HEAD:
            found[k] = list(heads[0].comments)
            continue
        comments = [c for h in group.heads for c in h.comments] + group.loose
        found[k] = [c for c in comments if w.coverage(ind.desc, c.quote) >= _FALLBACK_COMMENT]
    for k, ind in enumerate(inds):
        out[indicator_key(ind.area, ind.desc)] = found[k]


def _summary_evidence(
    blocks: list[Block], sections: list[str], report: Report, stop: int, out: EvidenceMap
) -> None:
    """The overview bullets under 종합결과: "(리더십) …" per area, the rest per domain/total."""
    summary = report.summary
    if summary is None:
        return
    areas = {nospace(a.name): a.name for a in report.areas}
    domains = [d for d, _m, _p in summary.domains]
    current: str | None = None
    for i in range(stop):
        b = blocks[i]
        if b.kind != "line" or sections[i] != summary.cite.section or not b.text.startswith("-"):
            continue
        body = re.sub(r"^[-–]\s*", "", b.text.strip())
        m = re.match(r"^\(([^)]+)\)\s*(.*)$", body)
        if m and nospace(m.group(1)) in areas:
            current, body = areas[nospace(m.group(1))], m.group(2)
        if not body or body.endswith(","):
            continue  # "- 전북특별자치도사회서비스원은," only introduces the list
        ev = Evidence(quote=body, page=b.page, section=sections[i])
        if current is not None:  # bullets after "(정책성과)" belong to it until the next area
            out.setdefault(("area", nospace(current)), []).append(ev)
            continue
        hits = [d for d in domains if re.search(rf"{d}\s*(?:는|은|영역|분야)", body)]
        for d in hits:
            out.setdefault(("domain", d), []).append(ev)
        if "총점" in body or not hits:
            out.setdefault(("total",), []).append(ev)


def collect(blocks: list[Block], sections: list[str], report: Report) -> EvidenceMap:
    out: EvidenceMap = {}
    w = Weighted([i.desc for t in report.areas for i in t.indicators])
    starts = [t.first_block for t in report.areas] + [len(blocks)]
    for table, stop in zip(report.areas, starts[1:], strict=True):
        for group in _walk(blocks, sections, table, stop, w):
            if group.indicators:
                _assign(group, out, w)
                if group.title:
                    first = group.indicators[0]
                    out[group_key(first.area, first.group)] = [
                        Evidence(quote=group.title, page=None, section="")
                    ]
    _summary_evidence(blocks, sections, report, starts[0], out)
    return out
