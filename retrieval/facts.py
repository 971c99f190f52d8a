"""Structured facts at query time: lookups, fact-routed answers, arithmetic over facts.

`FactStore(conn)` reads the `facts` table written by ingest.facts (the connection may be
read-only). `route(question, viewer)` answers a question about a score, target, budget or
contact straight from the facts, or returns None so the passage answerer takes over. Every
number in a routed answer is printed in one of its citations' quotes, or computed (with
decimal.Decimal) from quoted inputs; an answer that would break this is dropped.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest.facts.text import Weighted, nospace, region_of, regions_in, to_decimal, token_set
from sosa.models import (
    Answer,
    BudgetRow,
    Citation,
    ContactRow,
    FactRef,
    MeasurementRow,
    ScoreRow,
    TargetRow,
    Viewer,
    can_see,
)

logger = logging.getLogger(__name__)

_MODELS = {
    "score": ScoreRow,
    "measurement": MeasurementRow,
    "target": TargetRow,
    "budget": BudgetRow,
    "contact": ContactRow,
}

# Question vocabulary per fact type: (pattern, strength). Strong words name the fact type;
# weak ones ("얼마") only help when the subject also matches.
_INTENTS: dict[str, list[tuple[str, float]]] = {
    "score": [(r"점수|득점|배점|몇\s*점|총점|등급|소계|점을\s*받|점\s*받았|만점|가점|감점", 1.0)],
    "measurement": [
        (r"기준치|최고\s*목표|최저\s*목표|목표\s*달성도|이행률|지적\s*건수|이행\s*건수", 1.0),
        (r"만족도|실적|안전사고", 0.6),
    ],
    "target": [
        (r"목표치|목표|몇\s*(?:회|번|건|명|개소|곳|개|퍼센트|%)|횟수|계획인가|할\s*계획", 1.0),
        (r"비율|몇\s*명", 0.6),
    ],
    # "예산 편성 기준" is not a question about an amount: 예산 must be what is asked for.
    "budget": [
        (r"(?<![·가-힣])(?:소요\s*)?예산(?:은|는|이|가|액|을|\?|$|\s*(?:좀\s*)?(?:얼마|알려))|사업비|금액|비용", 1.0),
        (r"얼마", 0.5),
    ],
    "contact": [
        (r"내선|연락처|전화|번호|콜센터|문의처", 1.0),
        (r"담당자|팀장|센터장", 0.7),
    ],
}
# Words that ask rather than name the subject; dropped before matching.
_ASKING = re.compile(
    r"(?<![가-힣])(?:소요\s*예산|예산|목표치|목표|득점|점수|배점|내선\s*번호|내선|전화\s*번호|"
    r"연락처|번호|전화|담당자|지표|금액|얼마|몇)(?:은|는|이|가|을|를|의|와|과|에서|이랑)?(?![가-힣])"
)
_AGENCY_WORDS = re.compile(r"\S*사회\s*서비스\s*원\S*|(?<![가-힣])(?:전북|대전|강원|대구|광주|충남|경남|전남)(?:과|와|은|는|의)?(?![가-힣])")
# The question's own verb ("개최하나요", "운영할 계획인가요") says nothing about the subject.
_PREDICATE = re.compile(
    r"[가-힣]+(?:하나요|하나|합니까|하는지|할|했나요|했어요|하였나요|해요|하려|되나요|됐나요)(?=\s|\?|$)"
)
# Open questions about how/why are for the passage answerer, not a single figure.
_OPEN = re.compile(r"어떻게(?!\s*(?:되|돼))|왜|방법|절차|기준(?!치)|무엇을|뭘\s")
_SUM_RE = re.compile(r"합하|합계|합은|합이|합을|더하|총합|모두\s*더")
_DIFF_RE = re.compile(r"차이|몇\s*점\s*(?:더|높|낮)|얼마나\s*(?:더|높|낮)")
_COUNT_RE = re.compile(r"(두|세|네|다섯|\d+)\s*(?:개|가지)")
_COUNTS = {"두": 2, "세": 3, "네": 4, "다섯": 5}
_UNIT_ASKED = re.compile(r"몇\s*(회|번|건|명|개소|곳|개|%|퍼센트)|목표\s*(점수|인원|횟수|건수|비율)")
_UNIT_ALIASES = {"번": "회", "퍼센트": "%", "점수": "점", "인원": "명", "횟수": "회", "건수": "건", "비율": "%"}
_YEAR_RE = re.compile(r"(20\d{2})\s*년")
_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")

_MIN_COVER = 0.5  # share of the question's known words a fact must cover to answer from it
_MIN_MASS = 3.0  # and at least this much weight: one distinctive word


@dataclass
class _Fact:
    type: str
    row: Any
    document: str
    title: str
    audience: str
    origin: str
    agency: str | None
    cites: list[dict]
    extra: dict
    text: str
    tokens: frozenset[str] = field(default_factory=frozenset)


@dataclass
class _Hit:
    fact: _Fact
    mass: float
    cover: float
    score: float


def _short_group(indicator: str | None) -> str:
    return re.sub(r"\(.*$", "", re.sub(r"^\d+\.\s*", "", indicator or "")).strip()


def _match_text(kind: str, row: Any, extra: dict, search: str, section: str) -> str:
    if kind == "score":
        label = {"total": "총점 종합 등급", "domain": "분야 계", "area": "영역 소계"}.get(row.level, "")
        parts = [row.area, _short_group(row.indicator), extra.get("group_title"), row.description]
        return " ".join(p for p in [*parts, row.domain, label] if p)
    if kind == "measurement":
        return f"{row.indicator} {row.field} {section.rsplit(' › ', 1)[-1]}"
    if kind == "target":
        return f"{search} {row.measure or ''} {row.text}"
    if kind == "budget":
        return f"{search} {' '.join(row.items)}"
    return search


def _josa(word: str, batchim: str, plain: str) -> str:
    """Attach the particle the last syllable needs: 기준치+는, 실적+은, 4.75점+은."""
    last = word.rstrip()[-1:] if word.strip() else ""
    if "가" <= last <= "힣":
        return word + (batchim if (ord(last) - 0xAC00) % 28 else plain)
    return f"{word}{batchim}({plain})"


def _max_display(max_points: str | None) -> str:
    """"27(+0.5)" -> "27점, 가점 0.5점"; "△1.5" -> "최대 △1.5점"."""
    if not max_points:
        return ""
    m = re.fullmatch(r"([\d.]+)\(\+([\d.]+)\)", max_points)
    if m:
        return f"배점 {m.group(1)}점, 가점 {m.group(2)}점"
    return f"배점 {max_points}점"


class FactStore:
    """Structured facts of one index; thread-safe for reads once constructed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._titles = self._document_titles()
        self._facts: list[_Fact] = []
        try:
            rows = conn.execute(
                "SELECT type, document, section, audience, data, origin, agency, title, search,"
                " cites, extra FROM facts ORDER BY id"
            ).fetchall()
        except sqlite3.OperationalError:
            rows = []  # an index built before facts existed
        for kind, document, section, audience, data, origin, agency, title, search, cites, extra in rows:
            model = _MODELS.get(kind)
            if model is None:
                continue
            row = model.model_validate_json(data)
            extra_d = json.loads(extra or "{}")
            text = _match_text(kind, row, extra_d, search or "", section or "")
            fact = _Fact(kind, row, document, self._titles.get(document, title), audience, origin,
                         agency, json.loads(cites or "[]"), extra_d, text, token_set(text))
            self._facts.append(fact)
        self._weights = {
            kind: Weighted([f.text for f in self._facts if f.type == kind]) for kind in _MODELS
        }
        homes = [f.agency for f in self._facts if f.origin == "table" and f.agency]
        self._home = max(set(homes), key=homes.count) if homes else None

    @classmethod
    def open(cls, path: Path) -> FactStore:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn)

    def _document_titles(self) -> dict[str, str]:
        try:
            return dict(self.conn.execute("SELECT document, title FROM documents").fetchall())
        except sqlite3.OperationalError:
            return {}

    # -- matching ------------------------------------------------------------------------

    def _of(self, kind: str, viewer: Viewer = "evaluator") -> list[_Fact]:
        return [f for f in self._facts if f.type == kind and can_see(viewer, f.audience)]

    def _rank(self, kind: str, query: str, facts: list[_Fact]) -> list[_Hit]:
        w = self._weights[kind]
        q = frozenset(t for t in token_set(query) if t in w.df)  # unknown words can't match
        known = w.mass(q)
        if not known:
            return []
        hits = []
        for f in facts:
            mass = w.mass(q & f.tokens)
            if mass <= 0:
                continue
            own = w.mass(f.tokens) or 1.0
            # Mostly how much of the question the fact covers; a little for being specific.
            score = mass / known + 0.25 * mass / own
            hits.append(_Hit(f, mass, mass / known, score))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits

    def _search(self, kind: str, q: str | None, viewer: Viewer, min_cover: float) -> list[Any]:
        facts = self._of(kind, viewer)
        if not q or not q.strip():
            return [f.row for f in facts]
        flat = nospace(q)
        exact = [f for f in facts if flat and flat in nospace(f.text)]
        ranked = [h.fact for h in self._rank(kind, q, facts) if h.cover >= min_cover]
        return [f.row for f in exact] + [f.row for f in ranked if f not in exact]

    # -- public lookups --------------------------------------------------------------------

    def scores(
        self,
        agency: str | None = None,
        year: int | None = None,
        area: str | None = None,
        indicator: str | None = None,
        q: str | None = None,
    ) -> list[ScoreRow]:
        facts = self._of("score")
        if agency:
            region = region_of(agency)
            facts = [
                f for f in facts
                if (region and region_of(f.row.agency) == region)
                or nospace(agency) in nospace(f.row.agency)
            ]
        if year:
            facts = [f for f in facts if year in (f.row.year, f.row.performance_year)]
        if area:
            facts = [f for f in facts if nospace(area) in nospace(f"{f.row.area or ''}{f.row.domain or ''}")]
        if indicator:
            key = nospace(indicator)
            facts = [
                f for f in facts
                if key in nospace(f"{f.row.indicator or ''} {f.extra.get('group_title', '')}")
                or key in nospace(f.row.description or "")
            ]
        facts.sort(key=lambda f: f.origin != "table")  # the evaluation's own tables first
        if q and q.strip():
            flat = nospace(q)
            exact = [f for f in facts if flat in nospace(f.text)]
            ranked = [h.fact for h in self._rank("score", q, facts) if h.cover >= 0.5]
            facts = exact + [f for f in ranked if f not in exact]
        return [f.row for f in facts]

    def measurements(self, q: str | None = None) -> list[MeasurementRow]:
        return self._search("measurement", q, "evaluator", 0.5)

    def targets(self, q: str | None = None, viewer: Viewer = "public") -> list[TargetRow]:
        return self._search("target", q, viewer, 0.5)

    def budgets(self, q: str | None = None, viewer: Viewer = "public") -> list[BudgetRow]:
        return self._search("budget", q, viewer, 0.5)

    def contacts(self, q: str | None = None, viewer: Viewer = "public") -> list[ContactRow]:
        return self._search("contact", q, viewer, 0.5)

    # -- routing -----------------------------------------------------------------------------

    def route(self, question: str, viewer: Viewer = "public") -> Answer | None:
        """An answer from the facts when the question clearly asks for one; None otherwise."""
        q = re.sub(r"\s+", " ", question or "").strip()
        if not q:
            return None
        intents = {
            kind: max((s for pat, s in pats if re.search(pat, q)), default=0.0)
            for kind, pats in _INTENTS.items()
        }
        if not any(intents.values()) or _OPEN.search(q):
            return None
        composer = _Composer(self, q, viewer)
        if intents["score"] and (_SUM_RE.search(q) or _DIFF_RE.search(q)):
            answer = composer.arithmetic()
            if answer is not None:
                return self._checked(answer)
        candidates: list[tuple[float, str, list[_Hit]]] = []
        for kind, strength in intents.items():
            if not strength:
                continue
            hits = composer.hits(kind)
            if hits and hits[0].cover >= _MIN_COVER and (hits[0].mass >= _MIN_MASS or hits[0].cover >= 0.95):
                candidates.append((strength * hits[0].score, kind, hits))
        if not candidates:
            return None
        candidates.sort(key=lambda c: c[0], reverse=True)
        for _score, kind, hits in candidates:
            answer = composer.compose(kind, hits)
            if answer is not None:
                return self._checked(answer)
        return None

    def answer_scores(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = _Composer(self, query or "", viewer)
        if not (query or "").strip():
            return self._checked(composer.overview()) or composer.not_found("점수")
        hits = composer.hits("score", lenient=True)
        answer = composer.compose("score", hits) if hits else None
        return self._checked(answer) or composer.not_found("점수")

    def answer_targets(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = _Composer(self, query or "", viewer)
        hits = composer.hits("target", lenient=True)
        answer = composer.compose("target", hits, several=True) if hits else None
        return self._checked(answer) or composer.not_found("목표")

    def answer_budgets(self, query: str, viewer: Viewer = "public") -> Answer:
        composer = _Composer(self, query or "", viewer)
        hits = composer.hits("budget", lenient=True)
        answer = composer.compose("budget", hits) if hits else None
        return self._checked(answer) or composer.not_found("예산")

    def _checked(self, answer: Answer | None) -> Answer | None:
        """Drop an answer holding a number that no citation prints and nothing computed."""
        if answer is None or not answer.found:
            return answer
        quoted = " ".join(c.quote for c in answer.citations)
        computed = {f.value for f in answer.facts if f.type == "computed"}
        for number in _NUMBER_RE.findall(answer.answer):
            printed = re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d,]|\.\d)", quoted)
            if printed or number in computed:
                continue
            logger.warning("수치 %s 의 출처가 없어 사실 답변을 버립니다: %s", number, answer.answer)
            return None
        return answer

    # -- citations ---------------------------------------------------------------------------

    def citation(self, fact: _Fact, cite: dict | None = None) -> Citation:
        cite = cite or (fact.cites[0] if fact.cites else {})
        row = fact.row
        page = cite.get("page", getattr(row, "page", None))
        section = cite.get("section") or getattr(row, "section", "")
        quote = cite.get("quote", "")
        return Citation(document=fact.document, title=fact.title, section=section, page=page,
                        quote=quote, chunk_id=self._chunk_id(fact.document, page, quote))

    def _chunk_id(self, document: str, page: int | None, quote: str) -> str | None:
        try:
            rows = self.conn.execute(
                "SELECT id, text FROM chunks WHERE document=? AND page IS ?", (document, page)
            ).fetchall()
        except sqlite3.OperationalError:
            return None
        key = nospace(quote)[:60]
        for cid, text in rows:
            if key and key in nospace(text):
                return cid
        return None


class _Composer:
    """Builds the answer for one question: picks facts, phrases them, cites them."""

    def __init__(self, store: FactStore, question: str, viewer: Viewer) -> None:
        self.store = store
        self.q = question
        self.viewer = viewer
        subject = _AGENCY_WORDS.sub(" ", _ASKING.sub(" ", question))  # agencies filter, not match
        subject = _PREDICATE.sub(" ", subject)
        self.subject = re.sub(r"\s+", " ", subject).strip()
        self.regions = regions_in(question)
        self.years = [int(y) for y in _YEAR_RE.findall(question)]
        unit = _UNIT_ASKED.search(question)
        asked = (unit.group(1) or unit.group(2)) if unit else None
        self.unit = _UNIT_ALIASES.get(asked, asked) if asked else None
        self.numbers = set(_NUMBER_RE.findall(question))

    # -- candidates --------------------------------------------------------------------------

    def _score_facts(self) -> list[_Fact]:
        facts = self.store._of("score", self.viewer)
        if self.regions:
            facts = [f for f in facts if region_of(f.row.agency) in self.regions]
        if self.years:
            facts = [f for f in facts if set(self.years) & {f.row.year, f.row.performance_year}]
        return facts

    def hits(self, kind: str, lenient: bool = False) -> list[_Hit]:
        if kind == "score":
            facts = self._score_facts()
        else:
            facts = self.store._of(kind, self.viewer)
            if kind == "contact" and self.viewer == "public":
                facts = [f for f in facts if f.audience == "public"]
        if self.years and kind != "score":
            facts = [f for f in facts if self._year_ok(f)]
        if not self.subject:
            return []  # nothing left to match once the asking words are gone
        hits = self.store._rank(kind, self.subject, facts)
        for h in hits:
            h.score += self._bonus(kind, h.fact)
        hits.sort(key=lambda h: h.score, reverse=True)
        if lenient:
            return [h for h in hits if h.cover >= 0.34]
        return hits

    def _year_ok(self, fact: _Fact) -> bool:
        text = f"{fact.text} {fact.title}"
        return any(str(y) in text or f"'{str(y)[2:]}년" in text for y in self.years)

    def _bonus(self, kind: str, fact: _Fact) -> float:
        row, bonus = fact.row, 0.0
        if kind == "score":
            if row.max_points and to_decimal(row.max_points) is not None:
                if str(to_decimal(row.max_points)) in self.numbers:
                    bonus += 0.1  # "6점 중 몇 점" names the maximum
            bonus += 0.02 if fact.origin == "table" else 0.0
            bonus += 0.02 if fact.agency == self.store._home else 0.0
            bonus -= 0.3 if row.points is None and not re.search(r"등급", self.q) else 0.0
        elif kind == "target" and self.unit:
            bonus += 0.15 if self.unit in row.target else -0.3
        elif kind == "target" and "성과계약" in self.q:
            bonus += 0.2 if row.kind == "performance_contract" else 0.0
        elif kind == "measurement":
            field_name = nospace(re.sub(r"\(.*?\)", "", row.field))
            bonus += 0.2 if field_name and field_name in nospace(self.q) else 0.0
            bonus -= 0.3 if self.unit and self.unit not in row.value else 0.0
        elif kind == "contact":
            staff = re.search(r"내선|담당자|팀장|센터장", self.q) is not None
            bonus += 0.2 if (row.audience == "internal") == staff else 0.0
        return bonus

    # -- answers -----------------------------------------------------------------------------

    def answer(self, text: str, facts: list[_Fact], refs: list[FactRef], cites: list[Citation] | None = None) -> Answer:
        citations = cites if cites is not None else [self.store.citation(f) for f in facts]
        seen: set[tuple[str, str]] = set()
        unique = []
        for c in citations:
            if (c.document, c.quote) not in seen:
                seen.add((c.document, c.quote))
                unique.append(c)
        return Answer(id=secrets.token_hex(6), question=self.q, answer=text, found=True,
                      citations=unique, facts=refs, mode="facts")

    def not_found(self, what: str) -> Answer:
        return Answer(id=secrets.token_hex(6), question=self.q, found=False, mode="facts",
                      answer=f"말씀하신 내용에 맞는 {what} 정보를 문서에서 찾지 못했어요. 사업명이나 지표명을 조금 더 구체적으로 알려 주세요.")

    def ref(self, f: _Fact, label: str, value: str) -> FactRef:
        row = f.row
        return FactRef(type=f.type, label=label, value=value, document=f.document,
                       page=getattr(row, "page", None), section=getattr(row, "section", ""))

    def compose(self, kind: str, hits: list[_Hit], several: bool = False) -> Answer | None:
        if kind == "score":
            return self.score(hits[0].fact)
        if kind == "measurement":
            return self.measurement(hits[0].fact)
        if kind == "target":
            return self.target(hits, several)
        if kind == "budget":
            return self.budget(hits[0].fact)
        return self.contact(hits)

    def score(self, f: _Fact) -> Answer | None:
        row: ScoreRow = f.row
        cites = [self.store.citation(f, c) for c in f.cites]
        if row.level == "indicator":
            group = f.extra.get("group_title") or _short_group(row.indicator)
            desc = row.description
            if row.max_points and row.max_points.startswith("△"):
                particle = _josa(desc or "", "은", "는")[len(desc or "") :]
                text = (f"{group} 지표 중 '{desc}'{particle} 감점 지표(최대 "
                        f"{row.max_points}점)로, 감점은 {row.points}점입니다.")
            elif "가점" in (desc or ""):
                text = f"{group} 지표 중 '{desc}'의 가점은 {row.points}점(최대 {row.max_points}점)입니다."
            else:
                text = f"{group} 지표 중 '{desc}'의 득점은 {row.points}점({_max_display(row.max_points)})입니다."
            if row.evidence:
                ev = row.evidence[0]
                text += f" 평가위원 의견으로는 '{ev.quote}' 등이 있어요."
                cites.append(Citation(document=f.document, title=f.title, section=ev.section,
                                      page=ev.page, quote=ev.quote,
                                      chunk_id=self.store._chunk_id(f.document, ev.page, ev.quote)))
            return self.answer(text, [f], [self.ref(f, desc or "", row.points or "")], cites)
        if row.level == "area":
            text = f"{row.area} 영역의 득점은 {row.points}점({_max_display(row.max_points)})입니다."
            total = self._total(row.agency, f.document)
            if total and total.row.grade:
                text += f" 종합 등급은 {total.row.grade}(총점 {total.row.points}점)예요."
                cites.append(self.store.citation(total))
            return self.answer(text, [f], [self.ref(f, f"{row.area} 소계", row.points or "")], cites)
        if row.level == "domain":
            text = f"{row.agency}의 {row.domain} 분야 득점은 {row.points}점({_max_display(row.max_points)})입니다."
            return self.answer(text, [f], [self.ref(f, row.domain or "", row.points or "")], cites)
        if row.points:
            text = f"{row.agency}의 총점은 {row.points}점이며, 등급은 {row.grade}입니다."
        elif row.grade:
            text = f"{_josa(row.agency, '은', '는')} {row.grade}등급을 받았어요."
        else:
            return None
        return self.answer(text, [f], [self.ref(f, "총점", row.points or row.grade or "")], cites)

    def _total(self, agency: str, document: str) -> _Fact | None:
        for f in self.store._of("score"):
            if f.row.level == "total" and f.row.agency == agency and f.document == document:
                return f
        return None

    def overview(self) -> Answer | None:
        totals = [f for f in self._score_facts() if f.row.level == "total" and f.row.points]
        totals.sort(key=lambda f: (f.agency != self.store._home, f.origin != "table"))
        if not totals:
            return None
        t = totals[0]
        domains = [f for f in self.store._of("score")
                   if f.row.level == "domain" and f.document == t.document and f.row.agency == t.row.agency]
        text = f"{t.row.agency}의 총점은 {t.row.points}점, 등급은 {t.row.grade}입니다."
        if domains:
            text += " " + ", ".join(f"{d.row.domain} {d.row.points}점" for d in domains) + "이에요."
        return self.answer(text, [t, *domains], [self.ref(t, "총점", t.row.points)])

    def measurement(self, f: _Fact) -> Answer | None:
        row: MeasurementRow = f.row
        who = f"{f.agency}의 " if f.origin == "prose" and f.agency else ""
        field_name = row.field if row.field != "점수" else ""
        text = _josa(f"{who}{row.indicator} {field_name}".strip(), "은", "는") + f" {row.value}입니다."
        return self.answer(text, [f], [self.ref(f, f"{row.indicator} {row.field}", row.value)])

    def target(self, hits: list[_Hit], several: bool) -> Answer | None:
        best = hits[0].fact
        row: TargetRow = best.row
        same = [h.fact for h in hits[:8]
                if h.fact.row.project == row.project and h.fact.row.indicator == row.indicator
                and h.fact.row.text == row.text and h.fact.row.kind == row.kind
                and (not self.unit or self.unit in h.fact.row.target)]
        if several:
            same += [h.fact for h in hits[:8] if h.fact.row.project == row.project
                     and h.score >= 0.8 * hits[0].score and h.fact not in same][:2]
        values = ", ".join(dict.fromkeys(f"{f.row.target}" for f in same))
        if row.kind == "performance_contract":
            measure = f"({row.measure})" if row.measure else ""
            text = f"2023년 성과계약 목표에서 '{row.indicator}'{measure}의 목표치는 {row.target}입니다."
            if "2023" not in " ".join(c.get("quote", "") for c in best.cites):
                text = text.replace("2023년 ", "")
        elif several and len(same) > 1:
            items = ", ".join(f"{f.row.indicator} {f.row.target}" for f in same)
            text = f"'{row.project}' 사업의 목표는 {items}입니다."
        elif row.goal_area and len(row.indicator or "") <= 6:
            label = _josa(row.indicator or "", "은", "는")
            text = f"'{row.project}' 사업의 '{row.goal_area}' 목표 중 {label} {values}입니다."
        else:
            text = f"'{row.project}' 사업에서 {row.indicator} 목표는 {values}입니다."
        refs = [self.ref(f, f.row.indicator or "", f.row.target) for f in same]
        return self.answer(text, same, refs)

    def budget(self, f: _Fact) -> Answer | None:
        row: BudgetRow = f.row
        if row.amount == "비예산":
            text = f"'{row.project}' 사업은 별도 예산이 없는 비예산 사업입니다."
        else:
            funding = f"({row.funding})" if row.funding else ""
            text = f"'{row.project}' 사업의 소요예산은 {row.amount}{funding}입니다."
            if row.items:
                text += " 세부 산출내역도 출처에 함께 실려 있어요."
        return self.answer(text, [f], [self.ref(f, f"{row.project} 소요예산", row.amount)])

    def contact(self, hits: list[_Hit]) -> Answer | None:
        best = hits[0].fact
        row: ContactRow = best.row
        if row.audience == "public":
            text = f"{row.name} 번호는 {row.phone}입니다."
            if self.viewer == "public" and re.search(r"내선|담당자|팀장|센터장", self.q):
                text = "담당자 내선번호는 직원용 정보라 안내해 드리기 어려워요. 대신 " + text
            return self.answer(text, [best], [self.ref(best, row.name or row.role, row.phone)])
        subject = token_set(self.subject)
        team_tokens = token_set(row.team or "")
        if row.team and subject & team_tokens and not (subject & token_set(row.project or "")) - team_tokens:
            return self._team_contacts(row.team)
        people = [h.fact for h in hits if h.fact.row.project == row.project and h.fact.row.team == row.team]
        people = list({(p.row.role, p.row.name): p for p in people}.values())
        people.sort(key=lambda p: p.row.role != "담당자")
        parts = [f"{_josa(p.row.role, '은', '는')} {p.row.name}(내선 {p.row.phone})" for p in people]
        text = f"'{row.project}' 사업의 " + ", ".join(parts) + "입니다."
        return self.answer(text, people, [self.ref(p, f"{p.row.role} {p.row.name}", p.row.phone) for p in people])

    def _team_contacts(self, team: str) -> Answer | None:
        rows = [f for f in self.store._of("contact", self.viewer)
                if f.row.team == team and f.audience == "internal"]
        leads = {(f.row.name, f.row.phone): f for f in rows if f.row.role != "담당자"}
        staff = {(f.row.name, f.row.phone): f for f in rows if f.row.role == "담당자"}
        if not rows:
            return None
        lead_role = next((f.row.role for f in rows if f.row.role != "담당자"), "팀장")
        lead = next(iter(leads.values()), None)
        text = f"{team}"
        if lead is not None:
            text += f" {_josa(lead_role, '은', '는')} {lead.row.name}(내선 {lead.row.phone})이고,"
        text += " 사업별 담당자는 " + ", ".join(f"{n}({p})" for n, p in staff) + "입니다."
        facts = ([lead] if lead else []) + list(staff.values())
        return self.answer(text, facts, [self.ref(f, f"{f.row.role} {f.row.name}", f.row.phone) for f in facts])

    # -- arithmetic ----------------------------------------------------------------------------

    def arithmetic(self) -> Answer | None:
        if _DIFF_RE.search(self.q) and len(self.regions) >= 2:
            return self._difference()
        if _SUM_RE.search(self.q):
            return self._sum()
        return None

    def _sum(self) -> Answer | None:
        facts = [f for f in self._score_facts() if f.row.level == "indicator" and f.row.points]
        groups: dict[tuple[str, str, str], list[_Fact]] = {}
        for f in facts:
            groups.setdefault((f.document, f.row.area or "", f.row.indicator or ""), []).append(f)
        w = self.store._weights["score"]
        best: tuple[float, list[_Fact], str] | None = None
        q = frozenset(t for t in token_set(self.subject) if t in w.df)
        for (_doc, area, group), members in groups.items():
            name = members[0].extra.get("group_title") or _short_group(group)
            for label in (name, _short_group(group)):
                mass = w.mass(q & token_set(label))
                own = w.mass(token_set(label)) or 1.0
                if mass / own >= 0.8 and (best is None or mass > best[0]):
                    best = (mass, members, name)
        if best is None:
            return None
        _mass, members, name = best
        count = _COUNT_RE.search(self.q)
        if count:
            tok = count.group(1)
            n = _COUNTS.get(tok) or (int(tok) if tok.isdigit() else None)
            if n is not None and n != len(members):
                return None  # "세 개" but the group has another count: not what was asked
        values = [to_decimal(m.row.points) or Decimal(0) for m in members]
        total = sum(values, Decimal(0))
        shown = " + ".join(m.row.points for m in members)
        text = f"{name} 지표 득점의 합은 {total}점입니다({shown})."
        inputs = [self.ref(m, m.row.description or "", m.row.points) for m in members]
        ref = FactRef(type="computed", label=f"{name} 지표 득점 합계", value=str(total),
                      document=members[0].document, inputs=inputs)
        return self.answer(text, members, [ref])

    def _difference(self) -> Answer | None:
        level, domain = "total", None
        for d in ("경영관리", "경영성과"):
            if d in nospace(self.q):
                level, domain = "domain", d
        picked: list[_Fact] = []
        for region in self.regions[:2]:
            cands = [f for f in self.store._of("score", self.viewer)
                     if region_of(f.row.agency) == region and f.row.level == level and f.row.points
                     and (domain is None or f.row.domain == domain)
                     and (not self.years or set(self.years) & {f.row.year, f.row.performance_year})]
            cands.sort(key=lambda f: f.origin != "table")
            if not cands:
                return None
            picked.append(cands[0])
        a, b = picked
        va, vb = to_decimal(a.row.points), to_decimal(b.row.points)
        if va is None or vb is None:
            return None
        diff = abs(va - vb)
        what = f"{domain} 점수" if domain else "총점"
        ra, rb = self.regions[0], self.regions[1]
        text = f"{ra}({a.row.points}점)과 {rb}({b.row.points}점)의 {what} 차이는 {diff}점입니다."
        inputs = [self.ref(a, f"{a.row.agency} {what}", a.row.points),
                  self.ref(b, f"{b.row.agency} {what}", b.row.points)]
        ref = FactRef(type="computed", label=f"{ra}·{rb} {what} 차이", value=str(diff),
                      document=a.document, inputs=inputs)
        return self.answer(text, [a, b], [ref])
