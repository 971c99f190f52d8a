"""Answer wording: one fact (or a few of one kind) phrased as a cited Korean sentence."""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING

from retrieval.facts.match import (
    YEAR_PREFIX,
    Fact,
    Hit,
    Query,
    group_key,
    short_group,
)
from sosa.korean.text import region_of
from sosa.models import (
    Answer,
    BudgetRow,
    Citation,
    FactRef,
    MeasurementRow,
    ScoreRow,
    TargetRow,
    Viewer,
)

if TYPE_CHECKING:
    from retrieval.facts.store import FactStore


def josa(word: str, batchim: str, plain: str) -> str:
    """Attach the particle the last syllable needs: 기준치+는, 실적+은, 4.75점+은."""
    bare = re.sub(r"(?:\([^()]*\)|[^가-힣])+$", "", word)  # "실적(건)" is read as "실적"
    last = bare[-1:]
    if "가" <= last <= "힣":
        return word + (batchim if (ord(last) - 0xAC00) % 28 else plain)
    return f"{word}{batchim}({plain})"


def _max_display(max_points: str | None) -> str:
    """ "27(+0.5)" -> "27점, 가점 0.5점"; "△1.5" -> "최대 △1.5점"."""
    if not max_points:
        return ""
    m = re.fullmatch(r"([\d.]+)\(\+([\d.]+)\)", max_points)
    if m:
        return f"배점 {m.group(1)}점, 가점 {m.group(2)}점"
    return f"배점 {max_points}점"


class Composer:
    """Builds the answer for one question: phrases the chosen facts and cites them."""

    def __init__(self, store: FactStore, query: Query, viewer: Viewer) -> None:
        self.store = store
        self.query = query
        self.viewer = viewer

    # -- answers -----------------------------------------------------------------------------

    def answer(
        self,
        text: str,
        facts: list[Fact],
        refs: list[FactRef],
        cites: list[Citation] | None = None,
    ) -> Answer:
        citations = cites if cites is not None else [self.store.citation(f) for f in facts]
        seen: set[tuple[str, str]] = set()
        unique = []
        for c in citations:
            if (c.document, c.quote) not in seen:
                seen.add((c.document, c.quote))
                unique.append(c)
        return Answer(
            id=secrets.token_hex(6),
            question=self.query.text,
            answer=text,
            found=True,
            citations=unique,
            facts=refs,
            mode="facts",
        )

    def not_found(self, what: str) -> Answer:
        return Answer(
            id=secrets.token_hex(6),
            question=self.query.text,
            found=False,
            mode="facts",
            answer=f"말씀하신 내용에 맞는 {what} 정보를 문서에서 찾지 못했어요. 사업명이나 지표명을 조금 더 구체적으로 알려 주세요.",
        )

    def ref(self, f: Fact, label: str, value: str) -> FactRef:
        row = f.row
        return FactRef(
            type=f.type,
            label=label,
            value=value,
            document=f.document,
            page=getattr(row, "page", None),
            section=getattr(row, "section", ""),
        )

    # -- scores ------------------------------------------------------------------------------

    def score(self, f: Fact) -> Answer | None:
        row: ScoreRow = f.row
        cites = [self.store.citation(f, c) for c in f.cites]
        if row.level == "indicator":
            group = f.extra.get("group_title") or short_group(row.indicator)
            desc = row.description or ""
            if row.max_points and row.max_points.startswith("△"):
                particle = josa(desc, "은", "는")[len(desc) :]
                text = (
                    f"{group} 지표 중 '{desc}'{particle} 감점 지표(최대 "
                    f"{row.max_points}점)로, 감점은 {row.points}점입니다."
                )
            elif "가점" in desc:
                text = f"{group} 지표 중 '{desc}'의 가점은 {row.points}점(최대 {row.max_points}점)입니다."
            else:
                text = f"{group} 지표 중 '{desc}'의 득점은 {row.points}점({_max_display(row.max_points)})입니다."
            if row.evidence:
                ev = row.evidence[0]
                text += f" 평가위원 의견으로는 '{ev.quote}' 등이 있어요."
                cites.append(
                    Citation(
                        document=f.document,
                        title=f.title,
                        section=ev.section,
                        page=ev.page,
                        quote=ev.quote,
                        chunk_id=self.store.chunk_id(f.document, ev.page, ev.quote),
                    )
                )
            return self.answer(text, [f], [self.ref(f, desc, row.points or "")], cites)
        if row.level == "area":
            text = f"{row.area} 영역의 득점은 {row.points}점({_max_display(row.max_points)})입니다."
            total = self._total(row.agency, f.document)
            if total and total.row.grade:
                text += f" 종합 등급은 {total.row.grade}(총점 {total.row.points}점)예요."
                cites.append(self.store.citation(total))
            return self.answer(
                text, [f], [self.ref(f, f"{row.area} 소계", row.points or "")], cites
            )
        if row.level == "domain":
            text = f"{row.agency}의 {row.domain} 분야 득점은 {row.points}점({_max_display(row.max_points)})입니다."
            return self.answer(text, [f], [self.ref(f, row.domain or "", row.points or "")], cites)
        if row.points:
            text = f"{row.agency}의 총점은 {row.points}점이며, 등급은 {row.grade}입니다."
        elif row.grade:
            text = f"{josa(row.agency, '은', '는')} {row.grade}등급을 받았어요."
        else:
            return None
        return self.answer(text, [f], [self.ref(f, "총점", row.points or row.grade or "")], cites)

    def _total(self, agency: str, document: str) -> Fact | None:
        for f in self.store.facts_of("score"):
            if f.row.level == "total" and f.row.agency == agency and f.document == document:
                return f
        return None

    def overview(self) -> Answer | None:
        """The overall result (총점, 등급) of each agency asked about; this agency by default."""
        home = self.store.home
        totals = [
            f
            for f in self.store.score_facts(self.query, self.viewer)
            if f.row.level == "total" and (f.row.points or f.row.grade)
        ]
        # The evaluation's own table first, then a figure over a bare grade.
        totals.sort(key=lambda f: (f.row.points is None, f.origin != "table", f.agency != home))
        best: dict[str | None, Fact] = {}
        for f in totals:
            best.setdefault(region_of(f.row.agency), f)
        regions = self.query.regions or list(best)
        if not best or any(r not in best for r in regions):
            return None  # an agency asked about has no result in the documents
        picked = [best[r] for r in regions]
        if len(picked) > 1:
            parts = [
                f"{josa(t.row.agency, '은', '는')} "
                + (
                    f"총점 {t.row.points}점({t.row.grade}등급)"
                    if t.row.points
                    else f"{t.row.grade}등급"
                )
                for t in picked
            ]
            refs = [
                self.ref(t, f"{t.row.agency} 총점", t.row.points or t.row.grade) for t in picked
            ]
            return self.answer(", ".join(parts) + "입니다.", picked, refs)
        t = picked[0]
        # The year is said only where a quote prints it: the table itself may not.
        dated = next(
            (
                f
                for f in [t, *totals]
                if region_of(f.row.agency) == region_of(t.row.agency)
                and f.row.year == t.row.year
                and f.row.grade == t.row.grade
                and any(str(t.row.year) in c.get("quote", "") for c in f.cites)
            ),
            None,
        )
        year = f"{t.row.year}년 " if dated is not None else ""
        also = [dated] if dated is not None and dated is not t else []
        if not t.row.points:
            text = (
                f"{josa(t.row.agency, '은', '는')} {year}경영평가에서 {t.row.grade}등급을 받았어요."
            )
            return self.answer(text, [t, *also], [self.ref(t, "등급", t.row.grade)])
        grade = f", 등급은 {t.row.grade}" if t.row.grade else ""
        text = f"{t.row.agency}의 {year}경영평가 총점은 {t.row.points}점{grade}입니다."
        domains = [
            f
            for f in self.store.facts_of("score", self.viewer)
            if f.row.level == "domain" and f.document == t.document and f.row.agency == t.row.agency
        ]
        if domains:
            text += " 분야별로는 " + ", ".join(f"{d.row.domain} {d.row.points}점" for d in domains)
            text += "이에요."
        refs = [self.ref(t, "총점", t.row.points)]
        refs += [self.ref(d, d.row.domain or "", d.row.points or "") for d in domains]
        return self.answer(text, [t, *domains, *also], refs)

    # -- measurements, targets, budgets ------------------------------------------------------

    def measurement(self, f: Fact) -> Answer | None:
        row: MeasurementRow = f.row
        who = f"{f.agency}의 " if f.origin == "prose" and f.agency else ""
        parts = row.field.split(" › ")
        field_name = f"{parts[-1]} {parts[0]}" if re.fullmatch(r"\d{4}년", parts[-1]) else parts[-1]
        subject = f"{who}{row.indicator}" + (f"의 {field_name}" if field_name != "점수" else "")
        text = josa(subject, "은", "는") + f" {row.value}입니다."
        return self.answer(text, [f], [self.ref(f, f"{row.indicator} {row.field}", row.value)])

    def target(self, hits: list[Hit], several: bool = False) -> Answer | None:
        best = hits[0].fact
        row: TargetRow = best.row
        unit = self.query.unit or ("원" if self.query.money else None)
        key = group_key(best)
        same = [
            h.fact
            for h in hits[:8]
            if group_key(h.fact) == key and (not unit or unit in h.fact.row.target)
        ]
        if not same:
            return None  # the best line has no figure in the unit asked for
        same = list({(f.row.indicator, f.row.target): f for f in same}.values())
        years = len({f.row.indicator for f in same}) > 1  # "'23년 …", "'24년 …": one series
        if several:
            same += [
                h.fact
                for h in hits[:8]
                if h.fact.row.project == row.project
                and h.score >= 0.8 * hits[0].score
                and h.fact not in same
            ][:2]
        values = ", ".join(dict.fromkeys(f"{f.row.target}" for f in same))
        if row.kind == "performance_contract":
            measure = f"({row.measure})" if row.measure else ""
            year = re.search(r"20\d{2}년", " ".join(c.get("quote", "") for c in best.cites))
            where = f"{year.group(0)} 성과계약 목표" if year else "성과계약 목표"
            text = f"{where}에서 '{row.indicator}'{measure}의 목표치는 {row.target}입니다."
        elif several and len(same) > 1:
            items = ", ".join(f"{f.row.indicator} {f.row.target}" for f in same)
            text = f"'{row.project}' 사업의 목표는 {items}입니다."
        elif years:
            base = YEAR_PREFIX.sub("", row.indicator or "")
            series = sorted(same, key=lambda f: f.row.indicator or "")
            items = ", ".join(
                f"{(f.row.indicator or '')[: len(f.row.indicator or '') - len(base)].strip()} "
                f"{f.row.target}"
                for f in series
            )
            text = f"'{row.project}' 사업의 {base} 목표는 {items}입니다."
        elif row.goal_area and len(row.indicator or "") <= 6:
            label = josa(row.indicator or "", "은", "는")
            text = f"'{row.project}' 사업의 '{row.goal_area}' 목표 중 {label} {values}입니다."
        else:
            text = f"'{row.project}' 사업에서 {row.indicator} 목표는 {values}입니다."
        refs = [self.ref(f, f.row.indicator or "", f.row.target) for f in same]
        return self.answer(text, same, refs)

    def budget(self, f: Fact) -> Answer | None:
        row: BudgetRow = f.row
        if row.amount == "비예산":
            text = f"'{row.project}' 사업은 별도 예산이 없는 비예산 사업입니다."
        else:
            funding = f"({row.funding})" if row.funding else ""
            text = f"'{row.project}' 사업의 소요예산은 {row.amount}{funding}입니다."
            if row.items:
                text += " 세부 산출내역도 출처에 함께 실려 있어요."
        return self.answer(text, [f], [self.ref(f, f"{row.project} 소요예산", row.amount)])
