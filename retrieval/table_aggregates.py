"""Answers computed over one table's column: its largest or smallest row, its sum, average
or count, a ratio of two columns in a row, and the row that lost most of another column."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ingest.cells import Cell, context_text
from retrieval.table_asks import (
    AVG_RE,
    COUNT_RE,
    CUT_RE,
    MAX_RE,
    MIN_RE,
    QWORDS,
    RATIO_RE,
    SUM_RE,
    word_stems,
    years_in,
)
from retrieval.table_match import AGG_COVER, CUT_COVER, MIN_COVER, Scored, TableMatch
from retrieval.table_text import (
    DESCRIBES,
    HANGUL_WORD,
    SHORT_TEXT,
    TOTAL_IN_ROW,
    TOTAL_LABEL,
    caption_name,
    cell_fact,
    flat_text,
    names_of,
    naming_labels,
    particle,
    path_label,
    row_name,
    with_unit,
)
from sosa.korean.analysis import analyze
from sosa.models import Answer, FactRef
from sosa.numbers import format_decimal

MAX_TIED = 6  # rows tied for first place that are still named one by one
# Whether the row that lost most is named in quotes: a follow-up ("해당 지표에 대한 평가
# 의견은?") reads a quoted name as what the turn was about.
LOST_ROW_QUOTED = True


class TableAggregates(TableMatch):
    """The whole-column questions of a table index: 가장 높은, 합계, 몇 개, 평균, 대비 비율,
    배점 대비 가장 많이 깎인, with the rows that decide them shown."""

    # -- computed over one table --
    def _table_column(self, best: Scored) -> list[Cell]:
        """The numeric cells of the best cell's column in its table, total rows left out."""
        c = best.cell
        out = []
        for i in self.by_table[(c.document, c.table)]:
            o = self.cells[i]
            if o.col_path != c.col_path or o.number is None:
                continue
            if o.row_path and TOTAL_LABEL.match(o.row_path[-1].replace(" ", "")):
                continue
            out.append(o)
        return out

    def _respelled(self, best: Scored) -> bool:
        """Whether the best cell's table holds figures under the same header spelled otherwise
        ("상당 금액" on one page, "상당 › 금액" on the next): a sum of the column as matched
        would add some of its rows only."""
        c = best.cell
        mine = flat_text("".join(c.col_path))
        others = (self.cells[i] for i in self.by_table[(c.document, c.table)])
        return any(
            o.col_path != c.col_path
            and o.number is not None
            and flat_text("".join(o.col_path)) == mine
            for o in others
        )

    def _column_match(
        self, question: str, allow: Callable[[Cell], bool], cover: float = AGG_COVER
    ) -> list[Scored] | None:
        """The one (table, column) the question names by column and caption words; row words
        are not needed for a whole-column question. None when two tables fit alike."""
        q = self._query(question)
        total = sum(q.values()) or 1.0
        best: dict[tuple[str, int, str], Scored] = {}
        groups: dict[tuple[str, int], float] = {}
        years = years_in(question, bare=True)
        for i, c in enumerate(self.cells):
            if c.number is None or not allow(c):
                continue
            if years and not self._of_years(c, years):
                continue
            col_hit = sum(w for t, w in q.items() if t in self.col_tok[i])
            if not col_hit:
                continue
            ctx = sum(w for t, w in q.items() if t in self.ctx_tok[i] and t not in self.col_tok[i])
            key = (c.document, c.table, path_label(c.col_path))
            if key in best:
                continue
            table = (c.document, c.table)
            if table not in groups:
                groups[table] = self._group_hit(q, table, i)
            # "운영비 항목 중 … 가장 큰 목": the rows' group named counts with the column.
            hit = col_hit + ctx + groups[table]
            if hit / total >= cover:
                best[key] = Scored(c, hit, 0.0, groups[table], col_hit)
        ranked = sorted(best.values(), key=lambda s: s.score, reverse=True)
        if not ranked:
            return None
        top = [s for s in ranked if s.score >= ranked[0].score - 1e-9]
        first = (top[0].cell.document, top[0].cell.table)
        # A copy of the table in another document (the HWP's PDF, its scan): the same column
        # with the same figures is one table, not two that fit alike.
        figures = sorted(_numbers(self._table_column(top[0])))
        top = [
            s
            for s in top
            if (s.cell.document, s.cell.table) == first
            or s.cell.document == first[0]
            or sorted(_numbers(self._table_column(s))) != figures
        ]
        if len({(s.cell.document, s.cell.table) for s in top}) > 1 and not self._split(top):
            return None  # two tables fit alike
        return top

    def _split(self, top: list[Scored]) -> bool:
        """One table printed in parts (a report's 평정표 per area): the tied cells head the
        same column, in tables of one document with the same columns."""
        docs = {s.cell.document for s in top}
        labels = {path_label(s.cell.col_path) for s in top}
        if len(docs) != 1 or len(labels) != 1 or len(top) < 2:
            return False
        columns = {
            frozenset(path_label(self.cells[i].col_path) for i in self.by_table[key])
            for key in {(s.cell.document, s.cell.table) for s in top}
        }
        return len(columns) == 1

    def _group_hit(self, q: dict[str, float], table: tuple[str, int], i: int) -> float:
        """The weight of the question's words one row of a table holds beyond its column and
        caption words (a group such as 운영비 or 이식성 whose rows are ranked)."""
        seen = self.col_tok[i] | self.ctx_tok[i]
        words = {t: w for t, w in q.items() if t not in seen}
        return max(
            (
                sum(w for t, w in words.items() if t in self._names_tok(self.cells[j]))
                for j in self.by_table[table]
            ),
            default=0.0,
        )

    def _aggregate(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        want_max = bool(MAX_RE.search(question))
        want_min = bool(MIN_RE.search(question)) or bool(CUT_RE.search(question))
        want_sum = bool(SUM_RE.search(question))
        want_count = bool(COUNT_RE.search(question))
        want_avg = bool(AVG_RE.search(question))
        if not (want_max or want_min or want_sum or want_count or want_avg):
            return None
        # "… 영역에서 배점 대비 가장 많이 깎인 지표": the rows' words (영역, 지표) name no
        # column; the column and the caption's words still must carry CUT_COVER of it.
        cover = CUT_COVER if CUT_RE.search(question) else AGG_COVER
        top = self._column_match(question, allow, cover)
        if top is None:
            return None
        best = top[0]
        # A table in parts is ranked whole only for what was lost of a column (the rows with
        # something to lose: no 가점 or 감점 line, whose 득점 is 0 by design).
        split = self._split(top)
        if split and not CUT_RE.search(question):
            return None
        if len(top) > 1 and CUT_RE.search(question) and not split:
            # "배점 대비 득점이 가장 많이 깎인": both columns named; the one kept of the other.
            for s in top:
                named = self._rows_named(question, self._table_column(s))
                lost = self._most_lost(question, named, allow) if len(named) >= 2 else None
                if lost is not None:
                    return lost
        if len(top) > 1 and not want_sum and not split:
            return None  # which column to rank is not clear
        column = [c for s in top for c in self._table_column(s)]
        column = self._rows_named(question, column)
        if len(column) < 2:
            return None
        col = (
            path_label(best.cell.col_path)
            if split
            else " · ".join(path_label(s.cell.col_path) for s in top)
        )
        unit = best.cell.unit
        where = f"{caption_name(best.cell)} 표, " if caption_name(best.cell) and not split else ""
        if want_sum and any(self._respelled(s) for s in top):
            return None  # rows on other pages under the header spelled otherwise: a part only
        if want_sum:
            whole = len(column) == len(self._table_column(best))
            total_cell = self._total_row(best.cell) if len(top) == 1 and whole else None
            if total_cell is not None:
                return self._single(question, total_cell)
            return self._computed(question, column, "합계", sum(_numbers(column), Decimal(0)), col)
        if want_avg:
            avg = sum(_numbers(column), Decimal(0)) / len(column)
            return self._computed(question, column, "평균", avg.quantize(Decimal("0.01")), col)
        if want_count:
            text = (
                f"{where}{col} 열의 항목은 {len(column)}개입니다: "
                + ", ".join(row_name(c) for c in column[:12])
                + "."
            )
            fact = FactRef(
                type="computed",
                label=f"{col} 항목 수",
                value=str(len(column)),
                document=best.cell.document,
                page=best.cell.page,
                section=best.cell.section,
                inputs=[cell_fact(c) for c in column],
            )
            return self._answer(question, text, column, [fact])
        cut = bool(CUT_RE.search(question))
        # A group row (∎사업비 over its lines) is no rival to its own lines.
        paths = [tuple(c.row_path) for c in column]
        column = [
            c
            for c in column
            if not any(len(p) > len(c.row_path) and p[: len(c.row_path)] == tuple(c.row_path)
                       for p in paths)
        ]  # fmt: skip
        # A subtotal row ("운영비 소계") sums its group's rows: no rival to them either.
        lines = [c for c in column if not TOTAL_IN_ROW.search(path_label(c.row_path[-1:]))]
        column = lines if len(lines) >= 2 else column
        if len(column) < 2:
            return None
        if cut:
            lost = self._most_lost(question, column, allow)
            if lost is not None:
                return lost
        ordered = sorted(column, key=lambda c: c.number or Decimal(0), reverse=want_max and not cut)
        first = ordered[0]
        word = "가장 큰" if (want_max and not cut) else "가장 작은"
        asked = set(self._query(question))
        tied = [c for c in ordered if c.number == first.number]
        if len(tied) > 1:
            # Several rows share first place: each is named, none picked.
            if len(tied) > MAX_TIED:
                return None
            names = ", ".join(self._ranked_name(c, asked) for c in tied)
            text = (
                f"{where}{col} 열에서 {word} 값은 {with_unit(first.value, unit)}이고, "
                f"이 값인 항목이 여럿입니다: {names}."
            )
            return self._answer(question, text, tied, [cell_fact(c) for c in tied])
        shown = ", ".join(
            f"{self._ranked_name(c, asked)} {with_unit(c.value, unit)}" for c in ordered[:3]
        )
        text = (
            f"{where}{col} 열에서 {word} 값은 {self._ranked_name(first, asked)}의 "
            f"{with_unit(first.value, unit)}입니다 (상위: {shown})."
        )
        cited = [*ordered[:3], *self._twins(first)]  # the same table in another document too
        return self._answer(question, text, cited, [cell_fact(c) for c in ordered[:3]])

    def _paired_below(self, column: list[Cell], allow: Callable[[Cell], bool]) -> list[Cell]:
        """The cells, row by row, of the other figure column of `column`'s table that never
        exceeds it and falls short of it somewhere (득점 beside 배점): what was kept of it."""
        first = column[0]

        def key(c: Cell) -> tuple[object, ...]:
            return (c.table, c.page, c.row, tuple(c.row_path))

        # Rows with something to lose: a positive figure, not a bonus (가점) or a deduction
        # item (감점, △1.5).
        rows = {
            key(c): c
            for c in column
            if c.number is not None and c.number > 0 and "가점" not in " ".join(c.row_path)
        }
        others: dict[tuple[str, ...], dict[tuple[object, ...], Cell]] = {}
        tables = dict.fromkeys((c.document, c.table) for c in column)  # one table in parts
        for i in (i for table in tables for i in self.by_table[table]):
            o = self.cells[i]
            if (
                o.col_path != first.col_path
                and o.number is not None
                and key(o) in rows
                and allow(o)
            ):
                others.setdefault(tuple(o.col_path), {})[key(o)] = o
        best: list[Cell] = []
        for cells in others.values():
            pairs = [(rows[k].number, o.number) for k, o in cells.items()]
            if (
                len(pairs) >= 2
                and all(y is not None and x is not None and y <= x for x, y in pairs)
                and any(y is not None and x is not None and y < x for x, y in pairs)
                and len(cells) > len(best)
            ):
                best = [cells[k] for k in rows if k in cells]
        return best

    def _most_lost(
        self, question: str, column: list[Cell], allow: Callable[[Cell], bool]
    ) -> Answer | None:
        """ "배점 대비 가장 많이 깎인 지표": each row's shortfall from `column` (배점) in the
        figure column kept of it (득점) — as a share of it when the question says 대비, else in
        points — the largest first, with the rows that decide it and their inputs shown."""
        kept = self._paired_below(column, allow)
        if len(kept) < 2:
            return None
        by_row = {(c.table, c.page, c.row, tuple(c.row_path)): c for c in column}  # kept's rows
        pairs = [(by_row[(k.table, k.page, k.row, tuple(k.row_path))], k) for k in kept]
        pairs = [(x, y) for x, y in pairs if x.number]
        relative = "대비" in question

        def shortfall(pair: tuple[Cell, Cell]) -> Decimal:
            x, y = pair
            assert x.number is not None and y.number is not None
            gap = x.number - y.number
            return gap / x.number if relative else gap

        ordered = sorted(pairs, key=shortfall, reverse=True)
        if len(ordered) < 2 or shortfall(ordered[0]) <= 0:
            return None
        first = [p for p in ordered if shortfall(p) == shortfall(ordered[0])]
        base, part = path_label(column[0].col_path), path_label(kept[0].col_path)
        unit = column[0].unit

        def figure(pair: tuple[Cell, Cell]) -> Decimal:
            gap = shortfall(pair)
            return (gap * 100).quantize(Decimal("0.1")) if relative else gap

        def shown(pair: tuple[Cell, Cell], quoted: bool = False) -> str:
            x, y = pair
            lost = format_decimal(figure(pair))
            lost = f"{lost}%" if relative else with_unit(lost, unit)
            name = f"‘{row_name(x)}’" if quoted else f"{row_name(x)} "
            return f"{name}({part} {y.value} / {base} {x.value}, {lost})"

        x, _y = ordered[0]
        how = "비율로" if relative else ""
        one_table = len({c.table for c in column}) == 1
        where = f"{caption_name(x)} 표에서 " if caption_name(x) and one_table else ""
        # Rows tied for first are all named (two indicators each 3.3% short).
        # (the rows named quoted, as a ranking names its parts: "해당 지표 평가 의견은?" next asks
        # of the one named)
        named = ", ".join(shown(p, quoted=LOST_ROW_QUOTED) for p in first)
        tied = "같은 폭으로 여럿입니다: " if len(first) > 1 else ""
        rest = [p for p in ordered[len(first) : len(first) + 2] if shortfall(p) > 0]
        text = (
            f"{where}{base} 대비 {part}{particle(part, ('이', '가'))} {how} 가장 많이 깎인 항목은 "
            f"{tied}{named}입니다"
            + (f" (다음: {', '.join(shown(p) for p in rest)})." if rest else ".")
        ).replace("  ", " ")
        ordered = [*first, *rest]
        facts = [
            FactRef(
                type="computed",
                label=f"{row_name(a)} {base} - {part}"
                if not relative
                else f"{row_name(a)} {part}/{base}",
                value=format_decimal(figure((a, b))),
                document=a.document,
                page=a.page,
                section=a.section,
                inputs=[cell_fact(b), cell_fact(a)],
            )
            for a, b in ordered
        ]
        return self._answer(question, text, [c for p in ordered for c in p], facts)

    def _ranked_name(self, c: Cell, asked: set[str]) -> str:
        """A ranked row's name: its labels below the deepest one the question names (the
        group ranked: 운영비 -> 기타운영비; 정성 평가 -> 사업 수행계획 › …), descriptions left
        out ("…를 평가한다."); the row's longest label when that leaves nothing."""
        labels = [
            lab for lab in naming_labels(c) if len(lab) <= SHORT_TEXT and not DESCRIBES.search(lab)
        ]
        named = [i for i, lab in enumerate(labels) if asked & self._tok(lab)]
        below = labels[named[-1] + 1 :] if named else labels
        if below:
            return path_label(below)
        return labels[-1] if labels else row_name(c)  # the row's own name, said by the question

    def _rows_named(self, question: str, column: list[Cell]) -> list[Cell]:
        """The rows of `column` the question names ("기관장의 리더십 지표 세 개의 득점을 합하면"):
        those whose labels hold the most of its words, when that is some but not all rows."""
        index = {id(c): i for i, c in enumerate(self.cells)}
        first = index[id(column[0])] if column else 0
        # Words of the caption or the column name the table, not rows.
        context = self.ctx_tok[first] | self.col_tok[first]
        q = {t for t in self._query(question) if not t.startswith("#") and t not in context}
        # Names only: a description under the row ("…사용환경에 설치 가능한지…") is no label
        # the question could mean (사용성). A question word spelled in a row's name counts
        # first: Kiwi may cut the same word apart in a question and not in a label (사용성).
        c0 = column[0] if column else None
        around = flat_text(f"{path_label(c0.col_path)} {context_text(c0, '')}") if c0 else ""
        stems = [
            flat_text(w)
            for w in word_stems(question)
            if HANGUL_WORD.fullmatch(w) and flat_text(w) not in around and w not in QWORDS
        ]
        spelled = [sum(1 for w in stems if w in flat_text(names_of(c))) for c in column]
        if max(spelled, default=0):
            top = max(spelled)
            named = [c for c, h in zip(column, spelled, strict=True) if h == top]
            return named if len(named) < len(column) else column
        hits = [len(q & self._names_tok(c)) for c in column]
        top = max(hits, default=0)
        if not top:
            return column
        named = [c for c, h in zip(column, hits, strict=True) if h == top]
        return named if len(named) < len(column) else column

    def _total_row(self, c: Cell) -> Cell | None:
        for i in self.by_table[(c.document, c.table)]:
            o = self.cells[i]
            if (
                o.col_path == c.col_path
                and o.row_path
                and TOTAL_LABEL.match(o.row_path[0].replace(" ", ""))
                and o.number is not None
            ):
                return o
        return None

    def _computed(
        self, question: str, cells: list[Cell], what: str, value: Decimal, col: str
    ) -> Answer:
        unit = cells[0].unit
        shown = format_decimal(value)
        inputs = [cell_fact(c) for c in cells]
        fact = FactRef(
            type="computed",
            label=f"{col} {what}",
            value=shown,
            document=cells[0].document,
            page=cells[0].page,
            section=cells[0].section,
            inputs=inputs,
        )
        asked = set(self._query(question))
        rows = ", ".join(f"{self._ranked_name(c, asked)} {c.value}" for c in cells[:12])
        text = f"{col} 열의 {what}{particle(what)} {with_unit(shown, unit)}입니다 (계산: {rows})."
        return self._answer(question, text, cells, [fact])

    def _ratio(
        self, question: str, matches: list[Scored], allow: Callable[[Cell], bool]
    ) -> Answer | None:
        m = RATIO_RE.search(question)
        if not m:
            return None
        base_words, part_words = m.group(1), m.group(2)
        best = next((s for s in matches if self._good(s) or s.cover >= MIN_COVER), None)
        if best is None:
            return None
        row_cells = [
            self.cells[i]
            for i in self.by_table[(best.cell.document, best.cell.table)]
            if self.cells[i].row == best.cell.row and self.cells[i].number is not None
        ]

        def pick(words: str) -> Cell | None:
            toks = {t for t in analyze(words) if t not in QWORDS}
            hits = [c for c in row_cells if toks & self._tok(path_label(c.col_path))]
            return hits[0] if len(hits) == 1 else None

        base, part = pick(base_words), pick(part_words)
        if base is None or part is None or base is part or not base.number or part.number is None:
            return None
        pct = (part.number / base.number * 100).quantize(Decimal("0.1"))
        shown = format_decimal(pct)
        fact = FactRef(
            type="computed",
            label=f"{path_label(part.col_path)} / {path_label(base.col_path)}",
            value=f"{shown}%",
            document=base.document,
            page=base.page,
            section=base.section,
            inputs=[cell_fact(part), cell_fact(base)],
        )
        row = row_name(best.cell)
        text = (
            f"{row}의 {path_label(base.col_path)} 대비 {path_label(part.col_path)} 비율은 {shown}%입니다 "
            f"({path_label(part.col_path)} {part.value} ÷ {path_label(base.col_path)} {base.value})."
        )
        return self._answer(question, text, [part], [fact])


def _numbers(cells: list[Cell]) -> list[Decimal]:
    """The numeric values of cells that have one (callers keep only numeric cells)."""
    return [c.number for c in cells if c.number is not None]
