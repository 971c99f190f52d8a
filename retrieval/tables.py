"""Table answers from cells: the question's words against row and column headers.

Every table cell was stored at ingest with its row path, column path, caption and unit
(ingest/cells.py). A question that asks for a figure is matched to the cells whose headers
hold its words (Kiwi morphemes and Hangul bigrams, so spacing variants match); the answer is
the value as printed with its unit, the row and column it sits at and the source. Simple
questions over one table are computed (가장 높은, 합계, 몇 개, 평균, 배점 대비) with the rows that
decide them shown. When two cells fit equally they are listed with their labels, and when no
cell fits well the answerer abstains (None) and the caller falls back to passages: a wrong
confident cell is worse than no cell.

The question's side is in retrieval/table_asks.py, a cell as text in retrieval/table_text.py,
the index and its matching in retrieval/table_match.py and the whole-column computations in
retrieval/table_aggregates.py; this module routes a question to them.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable

from ingest.cells import DATE, Cell, label_tokens
from retrieval.table_aggregates import TableAggregates
from retrieval.table_asks import (
    ASKED_KINDS,
    CHANGE_Q,
    ELLIPTICAL_WORDS,
    FIGURE_RE,
    HOW_MUCH,
    LISTED,
    RATE_Q,
    RATIO_RE,
    ROWS_ASKED,
    SHAPE_ASKED,
    SUM_RE,
    TEXT_ASK_RE,
    WHOLE_ASKED,
    abbreviates,
    asked_shape,
    asked_unit,
    asks_table,
    elliptical,
    names_aggregate,
    query_tokens,
    states_value,
    stem_pieces,
    unit_conflict,
    unit_fits,
    wants_aggregate,
    word_stems,
    years_in,
)
from retrieval.table_match import (
    AGG_COVER,
    CUT_COVER,
    KEY_MAX,
    KEY_MIN,
    LONG_QUESTION,
    MIN_ANSWER_COVER,
    MIN_COVER,
    STRONG_COVER,
    Scored,
)
from retrieval.table_text import (
    SHORT_TEXT,
    SPACES,
    TOTAL_IN_ROW,
    TOTAL_LABEL,
    caption_name,
    cell_fact,
    cell_where,
    flat_labels,
    flat_text,
    is_line_fact,
    names_of,
    naming_labels,
    near,
    particle,
    path_label,
    row_name,
    said_in,
    with_unit,
)
from sosa.korean.text import CODE_RE
from sosa.models import Answer, FactRef

__all__ = [
    "AGG_COVER",
    "CUT_COVER",
    "ELLIPTICAL_WORDS",
    "FIGURE_RE",
    "KIND_BESIDE",
    "LONG_QUESTION",
    "MIN_ANSWER_COVER",
    "MIN_COVER",
    "NAMED_ROW",
    "ROW_FIGURES",
    "STRONG_COVER",
    "TEXT_ASK_RE",
    "TIE",
    "Scored",
    "TableIndex",
    "abbreviates",
    "asked_shape",
    "asks_table",
    "elliptical",
    "is_line_fact",
    "query_tokens",
    "word_stems",
    "years_in",
]

logger = logging.getLogger(__name__)

NAMED_ROW = 0.5  # share of a row's label weight a question names for a text to answer
_NOTE = re.compile(r"\([^()]*\)|\d+")  # a label's points or note: "정성 평가 (80)"
TIE = 0.03
# Whether a table of records stacked one under another is read by a record's key (`_in_record`).
STACKED_RECORDS = True
# Whether a text of the kind asked (어디 -> 제출처) beside the item named answers (`_kind_beside`).
KIND_BESIDE = True
# Whether a question word the row of a cell of the shape asked says only in part must be
# said whole by the row or its document (`_by_shape`: 예방 of "예방감독" in "코로나예방키트").
SAID_BY_DOCUMENT = True
ROW_FIGURES = 5  # a row with more figures than this is a wide table: its columns must be named
_MONEY = re.compile(r"원$")
_RATE_COL = re.compile(r"%|률|비율|비중|/[A-Z(]")


class TableIndex(TableAggregates):
    """The cells of one index answering questions: a cell, a row's figures, a column
    computed, a value by its shape or a table's rows counted; None when not clear."""

    # -- answers --
    def answer(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        shape = asked_shape(question)
        if shape:
            got = self._by_shape(question, shape, allow)
            if got is not None:
                return got
            if not (FIGURE_RE.search(question) or TEXT_ASK_RE.search(question)):
                return None  # routed here by the shape asked alone: no other reading of it
        # A long question whose words no one table holds enough of: no label answers it.
        named = len(question) <= LONG_QUESTION or self._table_share(question) >= MIN_ANSWER_COVER
        got = self._answer_by_labels(question, allow) if named else None
        if got is None:
            got = self._keyed(question, allow)
        if got is None and STACKED_RECORDS:
            got = self._in_record(question, allow)
        if got is None:
            got = self._row_count(question, allow)
        return got

    def _by_shape(self, question: str, shape: str, allow: Callable[[Cell], bool]) -> Answer | None:
        """ "담당 서기관 전화번호 알려주세요": the cell of the shape asked (a phone number) in the
        row the question names by a name, a title or a department, whatever its column is
        headed (contact tables often have no header row). The row must hold every question
        word that labels any row of its table, and say one the table's other rows do not;
        None when no row or more than one row fits alike."""
        asking = set()
        for stem in word_stems(question):
            if any(ask.search(stem) for name, ask in SHAPE_ASKED if name == shape):
                asking |= set(query_tokens(stem))
        q = {t: w for t, w in self._query(question).items() if t not in asking}
        total = sum(q.values())
        if not total:
            return None
        words = {t for t in q if not t.startswith("#")}

        def said(i: int) -> frozenset[str]:
            # The question's words a row says, whole or spelled inside a longer label (담당
            # in 담당자, which Kiwi keeps as one word).
            toks = self._row_words(i)
            return frozenset(t for t in words if said_in(t, toks))

        scored: list[tuple[float, int]] = []
        pieces_of = [pieces for _stem, pieces in stem_pieces(question)] if SAID_BY_DOCUMENT else []
        for i, kind in self.shape_of.items():
            c = self.cells[i]
            own = said(i)
            if not own and kind == shape and self._one_row(c):
                # A one-row table (one 단지's notice): its column asked names the cell.
                own = frozenset(words & self.col_tok[i])
            if kind != shape or not own or not allow(c):
                continue
            if kind == DATE and not ASKED_KINDS[2][1].search(path_label(c.col_path)):
                continue  # a row holds many dates (접수, 마감, 배포): only a date column answers
            others = [
                said(j)
                for j in self.by_table[(c.document, c.table)]
                if self.shape_of.get(j) == shape and self.cells[j].row != c.row
            ]
            if any(o - own for o in others):
                continue  # another row says a word asked that this one does not
            if others and all(own <= o for o in others):
                continue  # nothing asked tells this row from the others: the table is named
            # The rest of the question names the document: its title or its other tables. A
            # word the row says only part of must be said whole by the row or its document:
            # "예방감독은 언제 해?" is not asked of the row "코로나예방키트", whose document
            # never says 감독 (a word it does not say at all may be the asker's own:
            # "공모전" for a 대회).
            if any(
                any(p in own for p in pieces)
                and any(
                    p in words and p not in self._row_words(i) and p not in self._vocabulary(c)
                    for p in pieces
                )
                for pieces in pieces_of
            ):
                continue
            hit = sum(q[t] for t in q if t in self._row_words(i) or t in self._vocabulary(c))
            if hit / total < MIN_COVER:
                continue
            scored.append((hit / total, i))
        if not scored:
            return None
        scored.sort(key=lambda s: s[0], reverse=True)
        best_score, first = scored[0]
        best = self.cells[first]
        rivals = {
            flat_text(self.cells[i].value)
            for score, i in scored[1:]
            if best_score - score <= TIE and flat_text(self.cells[i].value) != flat_text(best.value)
        }
        if rivals:
            return None  # two rows fit alike: which one is asked is not clear
        value = best.value.strip()
        if value[:1] in "(（<" and value[-1:] in ")）>":
            value = value[1:-1].strip()  # "(044-205-1234)"; not the "(예정)" closing a date
        who = naming_labels(best)[-4:]  # department, role, title, name
        # A name or a title the question said beside the number, outside the row's labels.
        own = said(first)
        for i in self.by_table[(best.document, best.table)]:
            o = self.cells[i]
            beside = o.row == best.row and o.number is None and i not in self.shape_of
            if beside and o.value not in who and own & self._tok(o.value):
                who.append(o.value)
        col = path_label(best.col_path)
        dated = shape == DATE and ASKED_KINDS[2][1].search(col)  # 입주예정일, 접수기간
        if not (col == shape or dict(SHAPE_ASKED)[shape].search(col) or dated):
            col = shape  # a column headed otherwise (or by a data row): named by its shape
        subject = " ".join(who)
        text = f"{subject}의 {col}{particle(col)} {value}입니다 ({cell_where(best)})."
        return self._answer(question, text, [best], [cell_fact(best)], label_col=col)

    def _row_words(self, i: int) -> frozenset[str]:
        """A row's label words and those of its short text cells: a contact table under a
        header row (부서 | 직위 | 성명 | 전화번호) labels its rows by 부서 alone, and a name or a
        title beside the number names the row as well."""
        c = self.cells[i]
        key = (c.document, c.table, c.row)
        got = self._rows_said.get(key)
        if got is None:
            got = self.row_tok[i]
            for j in self.by_table[(c.document, c.table)]:
                o = self.cells[j]
                text = o.row == c.row and o.number is None and j not in self.shape_of
                if text and len(o.value) <= SHORT_TEXT:
                    got = got | self._tok(o.value)
            self._rows_said[key] = got
        return got

    def _vocabulary(self, c: Cell) -> frozenset[str]:
        """Every label and context word of a cell's document (its tables, sections, title)."""
        got = self._vocab.get(c.document)
        if got is None:
            members = [i for (doc, _t), ids in self.by_table.items() if doc == c.document
                       for i in ids]  # fmt: skip
            got = frozenset().union(
                *(self.row_tok[i] | self.col_tok[i] | self.ctx_tok[i] for i in members)
            )
            self._vocab[c.document] = got
        return got

    def _row_count(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        """ "후원품 사용내역은 모두 몇 건 기록돼 있어?": no cell holds the count; the table the
        question names by its caption is counted, one numbered row a record, total rows
        left out. None unless one table is named clearly."""
        m = ROWS_ASKED.search(question)
        if not m:
            return None
        counted = m.group(1) or "건"
        # The count's own words name nothing: the unit asked, the year (checked apart), and
        # "기록돼 있어" (recorded, listed), which every list says of its rows.
        # The question's tokens are not kept in _tok's memo: it is keyed on the index's labels.
        asked = label_tokens(question).split()
        drop = set(self._tok(counted)) | {t for t in asked if t.isdigit()}
        for w in LISTED.findall(question):
            drop |= self._tok(w)
        q = {t: w for t, w in self._query(question).items() if t not in drop}
        total = sum(q.values())
        if not total:
            return None
        years = years_in(question, bare=True)
        scores: dict[tuple[str, int], float] = {}
        for key, members in self.by_table.items():
            first = self.cells[members[0]]
            if is_line_fact(first) or (years and not self._of_years(first, years)):
                continue
            ctx = self.ctx_tok[members[0]]
            labels = frozenset().union(*(self.col_tok[i] | self.row_tok[i] for i in members))
            if any(t in labels and t not in ctx for t in q):
                continue  # a column or row named: a figure of it is asked, not the rows' count
            scores[key] = sum(w for t, w in q.items() if t in ctx) / total
        if not scores:
            return None
        best = max(scores.values())
        top = [k for k, v in scores.items() if v >= best - 1e-9]
        if best < AGG_COVER or len(top) != 1:
            return None
        rows: dict[int, Cell] = {}
        for i in self.by_table[top[0]]:
            c = self.cells[i]
            if not allow(c) or i in self.total_row_cells or not c.row_path:
                continue
            rows.setdefault(c.row, c)
        ordered = [rows[r] for r in sorted(rows)]
        # Records, not a grid of groups and items: the rows are numbered 1, 2, … (순번), so
        # every row is one record and none a heading or a note.
        serials = [c.row_path[0].strip() for c in ordered]
        if len(ordered) < 2 or serials != [str(n) for n in range(1, len(ordered) + 1)]:
            return None
        first, last = ordered[0], ordered[-1]
        caption = caption_name(first)
        where = f"{caption} 표" if caption else "표"
        n = str(len(ordered))
        text = (
            f"{where}에 기록된 행은 {n}{counted}입니다 (첫 행 ‘{path_label(first.row_path)}’부터 "
            f"마지막 행 ‘{path_label(last.row_path)}’까지 센 값)."
        )
        fact = FactRef(
            type="computed",
            label=f"{where} 행 수",
            value=n,
            document=first.document,
            page=first.page,
            section=first.section,
            inputs=[cell_fact(first), cell_fact(last)],
        )
        return self._answer(question, text, [first, last], [fact])

    def _keys(self, question: str) -> list[int]:
        """The text cells whose whole value the question spells (시각경보기), the longest
        only: a value inside another one found is part of that name, not a name itself."""
        flat = flat_text(question)
        found: dict[str, list[int]] = {}
        for i in range(len(flat)):
            for j in range(i + KEY_MIN, min(len(flat), i + KEY_MAX) + 1):
                got = self.by_value.get(flat[i:j])
                if got:
                    found[flat[i:j]] = got
        return [
            i
            for key, cells in found.items()
            if not any(key != other and key in other for other in found)
            for i in cells
        ]

    def _keyed(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        """ "시각경보기는 누구에게 설치해 주나요?": the row is named by one of its own cells
        (품목 시각경보기), not by its label; the answer is the cell of that row in the column
        the question names, or else in the one column whose label holds the kind of answer
        the asking word wants (누구 -> 제공대상). None unless exactly one value fits."""
        numeric = bool(FIGURE_RE.search(question))
        unit = asked_unit(question)
        kinds = [col for ask, col in ASKED_KINDS if ask.search(question)]
        if not numeric and not kinds and not TEXT_ASK_RE.search(question):
            return None
        qset = set(self._query(question))
        named: dict[str, tuple[Cell, Cell]] = {}
        fitting: dict[str, tuple[Cell, Cell]] = {}
        for k in self._keys(question):
            key = self.cells[k]
            if not allow(key):
                continue
            table = self.by_table[(key.document, key.table)]
            same = [
                i
                for i in table
                if self.cells[i].col_path == key.col_path
                and flat_text(self.cells[i].value) == flat_text(key.value)
            ]
            if len(same) != 1:
                continue  # the value repeats down its column: it names no one row
            for i in table:
                c = self.cells[i]
                if c.row != key.row or c.col_path == key.col_path or not allow(c):
                    continue
                if numeric != (c.number is not None) or not unit_fits(unit, c):
                    continue
                label = path_label(c.col_path).replace(" ", "")
                if self.col_tok[i] & (qset - self._tok(key.value)):  # its own words aside
                    named[flat_text(c.value)] = (key, c)
                elif any(kind.search(label) for kind in kinds):
                    fitting[flat_text(c.value)] = (key, c)
        got = named or fitting
        if len(got) != 1:
            return None  # no column fits, or several do: which one is asked is not clear
        key, c = next(iter(got.values()))
        value = with_unit(c.value, c.unit)
        col = path_label(c.col_path)
        name = key.value.strip()
        text = (
            f"{name}의 {col}{particle(col)} {value}입니다 "
            f"({cell_where(c)}, 같은 행의 {path_label(key.col_path)} ‘{name}’)."
        )
        return self._answer(question, text, [c], [cell_fact(c)], label_col=col)

    def _in_record(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        """ "SFR-003 요구사항 명칭이 뭐야?": a table of records stacked one under another (an
        RFP's requirements: 고유번호, 명칭, 상세설명, then the next 고유번호): the record is named
        by its key cell's value, and the field by a row label the question says; the answer
        is that field's cell between the key's row and the next row labelled as the key's.
        None unless exactly one value fits."""
        if not TEXT_ASK_RE.search(question):
            return None
        qset = set(self._query(question))
        got: dict[str, tuple[Cell, Cell]] = {}
        for k in self._keys(question):
            key = self.cells[k]
            if not allow(key) or not key.row_path:
                continue
            table = sorted(
                self.by_table[(key.document, key.table)], key=lambda i: self.cells[i].row
            )
            key_label = path_label(key.row_path)
            repeated = {
                self.cells[i].row for i in table if path_label(self.cells[i].row_path) == key_label
            }
            if len(repeated) < 2:
                continue  # one record: a row of an ordinary table (_keyed reads those)
            end = min((r for r in repeated if r > key.row), default=None)
            asked = qset - self._tok(key.value) - self.row_tok[k]
            for i in table:
                c = self.cells[i]
                if c.row <= key.row or (end is not None and c.row >= end):
                    continue
                if c.col_path != key.col_path or not allow(c) or c.number is not None:
                    continue
                if self.row_tok[i] & {t for t in asked if not t.startswith("#")}:
                    got.setdefault(flat_text(c.value), (key, c))
        if len(got) != 1:
            return None
        key, c = next(iter(got.values()))
        label = path_label(c.row_path)
        name = key.value.strip()
        text = (
            f"{name}의 {label}{particle(label)} ‘{c.value.strip()}’입니다 "
            f"({cell_where(c)}, 같은 기록의 {path_label(key.row_path)} ‘{name}’)."
        )
        # (the key's row is quoted too: the code the answer names is the record's own)
        return self._answer(question, text, [key, c], [cell_fact(c)], label_col=label)

    def _answer_by_labels(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        unit = asked_unit(question)  # local: one index serves concurrent requests
        # "배점이 가장 큰 건 뭐예요?": a ranking asks for a row by its figures, not a text.
        numeric = bool(FIGURE_RE.search(question)) or wants_aggregate(question)
        matches = self.match(question, allow, numeric=numeric)
        codes = [c.lower() for c in CODE_RE.findall(question)]
        if codes:
            # "46A형 월임대료": a code the question names must be in the cell's labels; a table
            # of 35A and 46B rows does not answer for 46A.
            matches = [s for s in matches if all(code in flat_labels(s.cell) for code in codes)]
            if not matches:
                return None
        if not numeric and TEXT_ASK_RE.search(question):
            # "누가 …", "어느 주체가 …": a name is asked, so no figure answers it.
            return self._text_answer(question, matches)
        if not matches:
            return self._aggregate(question, allow)
        best = matches[0]
        if not self._good(best, unit):
            # A cell that answers, as close as the one that does not (임대보증금(원) › 계 beside
            # its part 계약금, whose header says the question's words as well).
            best = next(
                (s for s in matches[1:4] if best.score - s.score <= TIE and self._good(s, unit)),
                best,
            )
            if best is not matches[0]:
                matches = [best, *(s for s in matches if s is not best)]
        if RATIO_RE.search(question):
            ratio = self._ratio(question, matches, allow)
            if ratio is not None:
                return ratio
        # "4급 현원 합계는?", "세입 합계는?": the table prints the total asked (its 합계 row,
        # its 세입소계 row): quoted, not summed again over rows and columns the words also fit.
        printed = (
            SUM_RE.search(question)
            and best.cover >= MIN_COVER
            and TOTAL_IN_ROW.search(path_label(best.cell.row_path))
        )
        if printed and self._good(best, unit):
            return self._single(question, best.cell)
        agg = None if printed else self._aggregate(question, allow)
        if agg is not None:
            return agg
        if wants_aggregate(question) and not names_aggregate(question, best.cell.label):
            return None  # a sum or a ranking asked and not computable: not one cell instead
        if not self._good(best, unit) and (RATE_Q.search(question) or CHANGE_Q.search(question)):
            # "사회통합 등 사업비는 줄었나요?": the row named whole, the change column implied.
            # (its own label: "국민안전" names the row under ∎사업비)
            named = [
                s
                for s in matches[:10]
                if self._spec(self._tok(s.cell.row_path[-1]), set(self._query(question))) >= 0.99
                and s.cover >= STRONG_COVER
            ]
            rows = {(s.cell.document, s.cell.table, s.cell.row) for s in named}
            if len(rows) == 1 and not unit_conflict(unit):
                cell = self._change_cell(question, named[0].cell)
                return self._single(question, cell) if cell is not None else None
            return None
        if not self._good(best, unit):
            amount = self._row_amount(question, best, matches)
            if amount is not None:
                return self._single(question, amount)
            totals = self._row_totals(best, matches, unit)
            if len(totals) > 1:
                return self._listing(question, [Scored(c, best.score, 0, 0, 0) for c in totals])
            if totals:
                return self._single(question, totals[0])
            # "인건비 소계는 얼마야?": the row named, no column and no total column: the row's
            # figures with their columns (당초 · 추경 · 증감액), not one of them picked.
            row = self._row_figures(question, best, matches, unit)
            return self._row_values(question, row) if row else None
        if states_value(question, best.cell):
            return None  # "지적건수 2건은 각각 어디서": the figure is given, something else asked
        if RATE_Q.search(question) or CHANGE_Q.search(question):
            cell = self._change_cell(question, best.cell)
            if cell is None:
                return None  # a change asked and the row has no such column: not a level
            if cell is not best.cell:
                return self._single(question, cell)
        ties = [
            s
            for s in matches[1:6]
            if self._good(s, unit)
            and best.score - s.score <= TIE
            and s.words == best.words  # a word only one of them has decides between them
            and (s.cell.value != best.cell.value or s.cell.document != best.cell.document)
        ]
        rows = {(s.cell.document, s.cell.table, s.cell.row) for s in [best, *ties]}
        total = self._parent_total([best, *ties]) if ties and len(rows) == 1 else None
        if total is not None:
            # "35A 임대보증금은?": 임대보증금 › 계, not its part 계약금 beside it.
            return self._single(question, total)
        if len(ties) > 1 and len(rows) == 1 and len(ties) < ROW_FIGURES:
            # One row's columns under the one header named (예산액 › 당초 · 추경 · 증감액).
            return self._row_values(
                question, sorted([best.cell, *(s.cell for s in ties)], key=lambda o: o.col)
            )
        if len(ties) > 2 and not self._same_labels_apart([best, *ties]):
            return None  # too many readings: the passages answer better
        if ties:
            if WHOLE_ASKED.search(question):
                return None  # "총 상금은 얼마": one whole asked, not its parts listed
            return self._listing(question, [best, *ties])
        both = self._named_columns(best, matches)
        if len(both) > 1:
            return self._row_values(question, both)
        return self._single(question, best.cell)

    def named_cell(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        """The one figure whose row and column a short question names, and nothing else
        ("특별회계 지출은?"): no figure word asked, so every word must be a label's."""
        matches = self.match(question, allow, numeric=True)[:6]
        if not matches:
            return None
        best = matches[0]
        if best.cover < 0.99 or best.col_spec < 0.5 or not best.row_hit:
            return None  # every word a label's, the row and the column named
        rival = next((s for s in matches[1:] if s.cell is not best.cell), None)
        if rival is not None and best.score - rival.score <= TIE:
            return None  # two cells fit alike
        return self._single(question, best.cell)

    def _text_answer(self, question: str, matches: list[Scored]) -> Answer | None:
        """A text cell for a who/which/where question: the cell whose row and column the
        question names, or else the one text value the rows it names hold (a merged 비고
        cell "운영 기관 평가" beside the rows of 정량 평가); None when that is not clear."""
        # (nor does a rate with a note, "80% 구축완료": no who, which, where or when is a %)
        texts_only = [s for s in matches if s.cell.number is None and "%" not in s.cell.value]
        if not texts_only:
            return None
        best = texts_only[0]
        if self._good(best):
            beside = self._kind_beside(question, best, texts_only)
            if beside is not None:
                return self._single(question, beside)
            rivals = [
                s
                for s in texts_only[1:6]
                if self._good(s) and best.score - s.score <= TIE and s.cell.value != best.cell.value
            ]
            if len(rivals) > 2 and not self._same_labels_apart([best, *rivals]):
                return None  # too many readings, as for figures: the passages answer better
            return (
                self._listing(question, [best, *rivals])
                if rivals
                else self._single(question, best.cell)
            )
        # A line fact's row is its section, not a row naming one value: only table rows may
        # answer without their column named.
        texts_only = [s for s in texts_only if not is_line_fact(s.cell)]
        if not texts_only:
            return None
        best = texts_only[0]
        if best.cover < MIN_COVER or not best.row_hit or best.col_hit:
            return None  # a named column that did not fit is no licence to guess another
        qset = set(self._query(question))
        if best.row_spec < NAMED_ROW and not any(
            self._spec(self._tok(_NOTE.sub(" ", level)), qset) >= 0.99
            for level in best.cell.row_path
        ):
            # A row only touched by a word or two ("존중받는 사회서비스 환경조성" for "돌봄
            # 서비스 받으려면") is not named; one level of its path named whole is (정량 평가).
            return None
        first = next(s for s in matches if not is_line_fact(s.cell))
        if first.cover > best.cover + 1e-9:
            return None  # a figure's row or column fits the question better than any text
        # The rows the question names: every cell (figures too) that fits as well as the best.
        top = [s for s in matches if s.cover >= best.cover - 1e-9]
        key = (best.cell.document, best.cell.table)
        # Another document's copy of the same table (a scan or a PDF of the HWP) is no rival:
        # each of its rows is a row of this one, give or take spacing; the answer cites both.
        own = [flat_text(names_of(s.cell)) for s in top if (s.cell.document, s.cell.table) == key]
        top = [
            s
            for s in top
            if (s.cell.document, s.cell.table) == key
            or s.cell.document == best.cell.document
            or not any(flat_text(names_of(s.cell)) == o or near(names_of(s.cell), o) for o in own)
        ]
        if len({(s.cell.document, s.cell.table) for s in top}) != 1:
            return None
        rows = {s.cell.row for s in top}
        texts = [
            self.cells[i]
            for i in self.by_table[key]
            if self.cells[i].row in rows and self.cells[i].number is None
        ]
        kinds = [col for ask, col in ASKED_KINDS if ask.search(question)]
        fitting = [
            c
            for c in texts
            if any(kind.search(path_label(c.col_path).replace(" ", "")) for kind in kinds)
        ]
        if fitting and len({tuple(c.col_path) for c in texts}) > 1:
            # Several text columns in the row: the one headed by the kind asked (누구 -> 대상).
            texts = fitting
        values = {SPACES.sub("", c.value) for c in texts}
        columns = {tuple(c.col_path) for c in texts}
        if len(values) != 1 or len(columns) != 1 or len(texts[0].value) > SHORT_TEXT:
            return None  # several texts in the rows named: which one is asked is not clear
        return self._single(question, texts[0])

    @staticmethod
    def _kind_beside(question: str, best: Scored, texts: list[Scored]) -> Cell | None:
        """ "신청 서류는 어디로 제출하나요?": the item the question names (신청 서류) is not of
        the kind its asking word wants (어디: a place); the one text beside it (same row, or
        same section for "항목 : 값" lines) whose item is of that kind and says a question
        word (제출처) answers. None when the best is of that kind, or not one text fits."""
        if not KIND_BESIDE:
            return None
        kinds = [col for ask, col in ASKED_KINDS if ask.search(question)]
        if not kinds or any(
            k.search(path_label(best.cell.col_path).replace(" ", "")) for k in kinds
        ):
            return None
        c = best.cell
        line = is_line_fact(c)
        fit = {
            flat_text(s.cell.value): s.cell
            for s in texts[1:8]
            if s.col_hit > 0
            and s.cell.document == c.document
            and is_line_fact(s.cell) == line
            and (
                s.cell.row_path == c.row_path
                if line
                else (s.cell.table, s.cell.row) == (c.table, c.row)
            )
            and any(k.search(path_label(s.cell.col_path).replace(" ", "")) for k in kinds)
        }
        return next(iter(fit.values())) if len(fit) == 1 else None

    def _row_totals(self, best: Scored, matches: list[Scored], unit: str) -> list[Cell]:
        """ "본부의 정원은?": the row named and no column, so its one total column (계); the
        same row label in a few tables (two ministries' 인원 현황) gives each table's total."""
        if best.col_hit or best.cover < MIN_COVER or best.row_spec < 0.5:
            return []
        tied = [s for s in matches if best.score - s.score <= 1e-9]
        rows = {(s.cell.document, s.cell.table, s.cell.row): s.cell for s in tied}
        if len({(d, t) for d, t, _ in rows}) != len(rows) or len(rows) > 4:
            return []  # two rows of one table fit alike: which one is not clear
        if len({path_label(c.row_path).replace(" ", "") for c in rows.values()}) != 1:
            return []
        out = []
        for c in rows.values():
            totals = [
                self.cells[i]
                for i in self.by_table[(c.document, c.table)]
                if self.cells[i].row == c.row
                and self.cells[i].number is not None
                and self.cells[i].col_path
                and TOTAL_LABEL.match(self.cells[i].col_path[-1].replace(" ", ""))
            ]
            if len(totals) != 1 or not unit_fits(unit, totals[0]):
                return []
            out.append(totals[0])
        return out

    def _row_amount(self, question: str, best: Scored, matches: list[Scored]) -> Cell | None:
        """ "은상 받으면 얼마 줘?": the row named and no column; 얼마 asks an amount of money,
        so the row's one figure in a currency (상금 각 250만원, not 상점 1점) answers."""
        if best.col_hit or best.cover < MIN_COVER or not HOW_MUCH.search(question):
            return None
        if not self._label_said(question, best.cell):
            return None  # no label of the row said whole (은상): not this row for sure
        tied = [s for s in matches if best.score - s.score <= 1e-9]
        if len({(s.cell.document, s.cell.table, s.cell.row) for s in tied}) != 1:
            return None  # two rows fit alike
        money = [s.cell for s in tied if s.cell.number is not None and _MONEY.search(s.cell.unit)]
        return money[0] if len(money) == 1 else None

    @staticmethod
    def _parent_total(tied: list[Scored]) -> Cell | None:
        """Of one row's tied columns under one parent header (임대보증금 › 계 · 계약금), the
        parent's total column, when there is exactly one: the parent named is its total."""
        cells = [s.cell for s in tied]
        parents = {tuple(c.col_path[:-1]) for c in cells}
        if len(parents) != 1 or not next(iter(parents)):
            return None
        totals = [
            c for c in cells if c.col_path and TOTAL_LABEL.match(c.col_path[-1].replace(" ", ""))
        ]
        return totals[0] if len(totals) == 1 else None

    def _row_figures(
        self, question: str, best: Scored, matches: list[Scored], unit: str
    ) -> list[Cell]:
        """The figures of the one row a question names whole by one of its labels, in column
        order, when there are a few (ROW_FIGURES); [] when rows tie or the row is unclear."""
        if best.col_hit or best.cover < MIN_COVER or not self._label_said(question, best.cell):
            return []
        tied = [s for s in matches if best.score - s.score <= 1e-9]
        rows: dict[tuple[str, int, int], set[tuple[str, str]]] = defaultdict(set)
        for s in tied:
            rows[(s.cell.document, s.cell.table, s.cell.row)].add(
                (path_label(s.cell.col_path), s.cell.value)
            )
        if len({frozenset(v) for v in rows.values()}) != 1:
            return []  # rows that differ fit alike (a 관's 소계 and its 항's are one)
        first = next(iter(rows))
        tied = [s for s in tied if (s.cell.document, s.cell.table, s.cell.row) == first]
        figures = sorted(
            (s.cell for s in tied if s.cell.number is not None and unit_fits(unit, s.cell)),
            key=lambda o: o.col,
        )
        return figures if 2 <= len(figures) <= ROW_FIGURES else []

    def _label_said(self, question: str, c: Cell) -> bool:
        """Whether the question says one of the row's labels whole (은상, 인건비 소계)."""
        asked = set(self._query(question))
        return any(
            (own := {t for t in self._tok(lab) if not t.startswith("#")}) and own <= asked
            for lab in c.row_path
        )

    @staticmethod
    def _same_labels_apart(matches: list[Scored]) -> bool:
        """The same row and column labels in a few tables (one ministry's and another's 인원
        현황): each table's cell is listed with its source rather than none."""
        tables = {(s.cell.document, s.cell.table) for s in matches}
        labels = {s.cell.label.replace(" ", "") for s in matches}
        return len(labels) == 1 and len(tables) == len(matches) <= 4

    def _named_columns(self, best: Scored, matches: list[Scored]) -> list[Cell]:
        """ "배점과 득점은?": every cell of the best row whose whole column label is asked."""
        if best.col_spec < 0.99:
            return [best.cell]
        c = best.cell
        same = [
            s.cell
            for s in matches[:20]
            if s.cell.document == c.document
            and s.cell.table == c.table
            and s.cell.row == c.row
            and s.col_spec >= 0.99
        ]
        return sorted(same, key=lambda o: o.col) if len(same) > 1 else [c]

    def _row_values(self, question: str, cells: list[Cell]) -> Answer:
        c = cells[0]
        values = ", ".join(f"{path_label(o.col_path)} {with_unit(o.value, o.unit)}" for o in cells)
        leaf = c.row_path[-1] if c.row_path else ""
        row = leaf if leaf and len(leaf) <= SHORT_TEXT else row_name(c)
        text = f"{row}{particle(row)} {values}입니다 ({cell_where(c).split(' 행')[0]} 행)."
        return self._answer(question, text, [c], [cell_fact(o) for o in cells])

    def _change_cell(self, question: str, c: Cell) -> Cell | None:
        """The cell of `c`'s row that holds the asked change: the rate column (증감률, (B-A)/A)
        for a rate, the 증감 column for a change; `c` itself when its column is that one."""
        want_rate = bool(RATE_Q.search(question))

        def fits(o: Cell) -> bool:
            label = path_label(o.col_path).replace(" ", "")
            if want_rate:
                return bool(_RATE_COL.search(label)) or o.unit == "%"
            return "증감" in label or "변동" in label or label.startswith("차")

        if fits(c):
            return c
        row = [
            self.cells[i]
            for i in self.by_table[(c.document, c.table)]
            if self.cells[i].row == c.row and self.cells[i].number is not None
        ]
        hits = [o for o in row if fits(o)]
        return hits[0] if len(hits) == 1 else None

    def _listing(self, question: str, matches: list[Scored]) -> Answer:
        lines = []
        documents = {s.cell.document for s in matches}
        for s in matches:
            c = s.cell
            # Two documents: each value says which one it is from (the title names it best;
            # a title with figures would be a figure no quote holds, so the citation says it).
            title = self.titles.get(c.document, "")
            source = title if len(documents) > 1 and not re.search(r"\d", title) else ""
            where = "; ".join(p for p in (source, c.caption) if p)
            where = f" ({where})" if where else ""
            lines.append(f"- {c.label}: {with_unit(c.value, c.unit)}{where}")
        text = "표에서 질문에 맞는 값이 여러 개입니다.\n" + "\n".join(lines)
        cells = [s.cell for s in matches]
        return self._answer(question, text, cells, [cell_fact(c) for c in cells])

    # -- the API listing --
    def search(
        self, q: str, allow: Callable[[Cell], bool], k: int = 10
    ) -> list[tuple[Cell, float]]:
        return [(s.cell, round(s.score, 4)) for s in self.match(q, allow)[:k]]
