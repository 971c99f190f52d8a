"""The cells of one index in memory with their header tokens and weights: a question matched
to the cells whose labels hold its words, and an answer worded from the cells found."""

from __future__ import annotations

import math
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from ingest.cells import Cell, context_text, label_tokens
from retrieval.table_asks import (
    CHANGE_RE,
    QWORDS,
    abbreviates,
    query_tokens,
    stem_pieces,
    unit_fits,
    years_in,
)
from retrieval.table_text import (
    HANGUL_WORD,
    TOTAL_IN_ROW,
    TOTAL_LABEL,
    cell_fact,
    cell_shape,
    cell_where,
    change_words,
    flat_text,
    is_line_fact,
    name_labels,
    names_of,
    naming_labels,
    near,
    particle,
    path_label,
    row_name,
    said_in,
    with_unit,
)
from sosa.korean.analysis import bigrams, morphemes
from sosa.korean.analysis import tokens as analysis_tokens
from sosa.korean.text import CODE_RE
from sosa.models import Answer, Citation, FactRef

# Derived on the tuning halves only (retrieval/evaluate.py split; real-docs and agency sets):
# the table route's right and wrong answers stay the same for MIN_COVER 0.50–0.65 (0.45 lets
# in wrong cells, 0.70 loses right ones), STRONG_COVER 0.20–0.55 and AGG_COVER 0.30–0.70
# (0.25 lets in wrong sums); each is the middle of its range, away from both edges.
MIN_COVER = 0.575
STRONG_COVER = 0.375
AGG_COVER = 0.5  # the column's and caption's share of the question for a whole-column sum
CUT_COVER = 0.35  # "가장 많이 깎인": the low end of AGG_COVER's steady range (0.30–0.70)
# The least share of a question's weight any label answer covers (_good, _text_answer, _row_*,
# _ratio, _aggregate): a question longer than LONG_QUESTION whose words no one table holds this
# much of skips matching the labels (its cost grows with the question's words).
MIN_ANSWER_COVER = min(MIN_COVER, STRONG_COVER, AGG_COVER, CUT_COVER)
_WORD = re.compile(r"[가-힣A-Za-z]")
LONG_QUESTION = 60

_TOTAL_TOKENS = frozenset({"소계", "합계", "총계", "계", "#소계", "#합계", "#총계"})
SPLIT_SYLLABLES = True
TOTAL_ASKED = 0.05
QUERY_MEMO = 64  # questions whose weighted words are kept (concurrent requests, bounded)
SPEC_MEMO = 8192  # label token sets whose weights `_spec` keeps (the index's, a few more)
_VERBS = ("VV", "VA")
VERB_WEIGHT = 0.4  # as in the answer path's question words (retrieval/answer.py)
MAX_ABBREVIATED = 3  # more candidates than this: the short word says nothing certain
# A cell value that names its row: a name (시각경보기), not a particle-sized word or a sentence.
KEY_MIN, KEY_MAX = 3, 20


@dataclass
class Scored:
    cell: Cell
    score: float
    cover: float
    row_hit: float
    col_hit: float
    words: frozenset[str] = frozenset()  # the question's tokens this cell's labels hold
    row_spec: float = 0.0  # how much of the row's own label the question says
    col_spec: float = 0.0


def _row_head(c: Cell) -> str | None:
    """The header printed before a one-level row label in its row ("5대 비전" of "5대 비전
    사회서비스 품질향상 및 공공성 강화 · …"), if any."""
    if len(c.row_path) != 1 or not c.row_path[0]:
        return None
    first = c.row_text.split(" · ", 1)[0]
    label = c.row_path[0]
    if not first.endswith(label) or len(first) <= len(label):
        return None
    return first[: -len(label)].strip() or None


class TableMatch:
    """The cells of one index, with their header tokens, in memory."""

    def __init__(
        self,
        cells: list[Cell],
        titles: dict[str, str] | None = None,
        topics: dict[str, frozenset[str]] | None = None,
    ) -> None:
        """`topics`: per document, the words most of its passages say (what it is about:
        오픈소스 개발자대회 of a release titled by its slogan); a question naming them names
        its tables' context, as their titles do, without reweighing any word."""
        self.cells = cells
        self.titles = titles or {}
        self._tokens: dict[str, frozenset[str]] = {}
        self.row_tok: list[frozenset[str]] = []
        self.col_tok: list[frozenset[str]] = []
        self.ctx_tok: list[frozenset[str]] = []
        df: dict[str, int] = defaultdict(int)
        for c in cells:
            pre = c.extra.get("tokens")
            if pre:  # analysed at ingest (ingest/cells.py): loading stays fast
                r, k, x = (frozenset(t.split()) for t in pre)
            else:
                r = self._tok(path_label(c.row_path))
                k = self._tok(path_label(c.col_path))
                x = self._tok(context_text(c, self.titles.get(c.document, "")))
            self.row_tok.append(r)
            self.col_tok.append(k)
            self.ctx_tok.append(x)
            if is_line_fact(c):
                continue  # a line's words do not reweigh the tables' ("주체" of "시행 주체 :")
            for t in r | k | x:
                df[t] += 1
        n = self._n = max(1, sum(1 for c in cells if not is_line_fact(c)))
        self.idf = {t: math.log(1 + n / d) for t, d in df.items()}
        if topics:
            # (as the headers are read: each word with its bigrams)
            said = {doc: self._tok(" ".join(sorted(words))) for doc, words in topics.items()}
            self.ctx_tok = [
                x | said.get(c.document, frozenset())
                for c, x in zip(cells, self.ctx_tok, strict=True)
            ]
        self.by_table: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.by_col: dict[str, list[Cell]] = defaultdict(list)  # copies of a fact elsewhere
        # The column of row labels, under the header its rows are printed with ("5대 비전"
        # of "5대 비전 사회서비스 품질향상 및 공공성 강화 · 5대 경영목표 …"): one cell a row,
        # its label the value.
        self.by_row_head: dict[str, list[Cell]] = defaultdict(list)
        rows_seen: set[tuple[str, int, int]] = set()
        for i, c in enumerate(cells):
            self.by_table[(c.document, c.table)].append(i)
            self.by_col[flat_text(path_label(c.col_path))].append(c)
            head = _row_head(c)
            if head and (c.document, c.table, c.row) not in rows_seen:
                rows_seen.add((c.document, c.table, c.row))
                label = replace(c, value=c.row_path[0], col_path=[head], number=None)
                self.by_row_head[flat_text(head)].append(label)
        self._years: dict[tuple[str, int], set[int]] = {}
        self._one_rows: dict[tuple[str, int], bool] = {}
        self._queries: dict[str, dict[str, float]] = {}
        self._names_toks: dict[tuple[str, ...], frozenset[str]] = {}
        self._tables_of: dict[str, list[tuple[str, int]]] | None = None  # _table_share
        self.by_row_token: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(self.row_tok):
            for t in r:
                self.by_row_token[t].append(i)
        self.one_row_cells = {i for i, c in enumerate(cells) if self._one_row(c)}
        self.total_row_cells = {
            i
            for i, c in enumerate(cells)
            if c.row_path and TOTAL_LABEL.match(c.row_path[-1].replace(" ", ""))
        }
        # What `match` reads of every cell for every question, read once here: a cell's labels
        # joined, whether its row is a subtotal, the years its labels name.
        self.all_tok = [
            r | k | x for r, k, x in zip(self.row_tok, self.col_tok, self.ctx_tok, strict=True)
        ]
        self.subtotal_row = [
            bool(c.row_path) and bool(TOTAL_IN_ROW.search(c.row_path[-1])) for c in cells
        ]
        self.total_in_row = [bool(TOTAL_IN_ROW.search(path_label(c.row_path))) for c in cells]
        self._cell_years: dict[int, set[int]] = {}
        # Per token set: its morphemes (no bigrams) and their weight, for `_spec`.
        self._spec_base: dict[frozenset[str], tuple[frozenset[str], float]] = {}
        # The tables' own words, by first and last syllable: a question's abbreviation of one
        # (행안부) or a table's abbreviation of a question's word (고공단) is found by them.
        self.surface: set[str] = set()
        for c in cells:
            text = f"{path_label(c.row_path)} {path_label(c.col_path)} {context_text(c, '')}"
            self.surface.update(HANGUL_WORD.findall(text))
        self.surface.update(w for t in self.titles.values() for w in HANGUL_WORD.findall(t))
        self.ends: dict[tuple[str, str], list[str]] = defaultdict(list)
        for w in self.surface:
            self.ends[(w[0], w[-1])].append(w)
        # A row's short text cells by their value: a question may name a row by what one of
        # its cells says (품목 시각경보기) rather than by its label (거실).
        self.by_value: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(cells):
            key = flat_text(c.value)
            if (
                c.number is None
                and not is_line_fact(c)
                and KEY_MIN <= len(key) <= KEY_MAX
                # (or a code naming a record, SFR-003, in a table of stacked records)
                and (HANGUL_WORD.search(c.value) or CODE_RE.fullmatch(c.value.strip()))
            ):
                self.by_value[key].append(i)

        self._vocab: dict[str, frozenset[str]] = {}
        self._rows_said: dict[tuple[str, int, int], frozenset[str]] = {}
        # Cells whose value is a phone number, an e-mail address or a date by its shape.
        self.shape_of = {
            i: shape
            for i, c in enumerate(cells)
            if c.number is None and not is_line_fact(c) and (shape := cell_shape(c.value))
        }

    def _tok(self, text: str) -> frozenset[str]:
        got = self._tokens.get(text)
        if got is None:
            got = frozenset(label_tokens(text).split())
            self._tokens[text] = got
        return got

    def __len__(self) -> int:
        return len(self.cells)

    # -- matching --
    def _query(self, question: str) -> dict[str, float]:
        """The question's weighted words, computed once per question: one answer reads them
        in matching, ranking, naming and summing alike."""
        got = self._queries.get(question)
        if got is None:
            if len(self._queries) >= QUERY_MEMO:  # keyed on user text: kept small
                self._queries.clear()
            got = self._queries[question] = self._weigh(question)
        return got

    def _weigh(self, question: str) -> dict[str, float]:
        tokens = {t for t in query_tokens(question) if t not in QWORDS}
        # A word no cell has still counts against coverage, at a typical weight; a bigram no
        # cell has is most likely a particle's or a question word's piece and counts nothing.
        default = math.log(1 + self._n / 3)
        # A verb's stem says little of a label, which names things: "본예산" read as 보 + 예산.
        verbs = {t.form.lower() for t in analysis_tokens(question) if t.tag.startswith(_VERBS)}
        out: dict[str, float] = {}
        for t in tokens:
            if t.startswith("#"):
                if t in self.idf:
                    out[t] = self.idf[t] * 0.5
            else:
                # Half weight: document names and asking words that no table holds.
                out[t] = self.idf.get(t, default / 2) * (VERB_WEIGHT if t in verbs else 1.0)
        for stem, parts in stem_pieces(question):
            split = len(parts) > 1 and all(len(t) == 1 for t in parts)
            if SPLIT_SYLLABLES and split and stem in self.idf:
                # A word Kiwi cut into its syllables here (현원 -> 현 + 원) and kept whole in a
                # label: the word itself is what rows hold.
                weight = max(out.pop(t, 0.0) for t in parts)
                out[stem] = max(weight, self.idf[stem])
                continue
            if not HANGUL_WORD.fullmatch(stem) or stem in self.surface:
                continue
            if all(t in self.idf for t in morphemes(stem)):
                continue  # the tables know its every part (정책성: 정책): no abbreviation
            partners = [
                w
                for w in self.ends.get((stem[0], stem[-1]), [])
                if abbreviates(w, stem) or abbreviates(stem, w)
            ]
            if not 1 <= len(partners) <= MAX_ABBREVIATED:
                continue
            # The word the tables spell for it stands in for it, at no more than its weight.
            own = [*morphemes(stem), *bigrams(stem)]
            weight = max((out.get(t, 0.0) for t in own if not t.startswith("#")), default=0.0)
            for t in own:
                out.pop(t, None)
            for w in partners:
                for t in self._tok(w):
                    if not t.startswith("#") and t in self.idf:
                        out[t] = max(out.get(t, 0.0), min(self.idf[t], weight or self.idf[t]))
        return out

    def match(
        self, question: str, allow: Callable[[Cell], bool], numeric: bool = False
    ) -> list[Scored]:
        q = self._query(question)
        total = sum(q.values())
        if not total:
            return []
        qset = set(q)
        asks_total = bool(TOTAL_IN_ROW.search(question))
        years = years_in(question, bare=True)
        # "본예산 총액": a total asked is said by a total row's label (계, 합계).
        totals = frozenset(t for t in qset if TOTAL_IN_ROW.search(t))
        # Only cells whose row label holds a question word (or total rows, when a total is
        # asked, and one-row tables) can match: read from the inverted index, not every cell.
        seen = {i for t in qset for i in self.by_row_token.get(t, ())}
        seen |= self.one_row_cells
        if totals:
            seen |= self.total_row_cells
        out: list[Scored] = []
        specs: dict[frozenset[str], float] = {}  # cells share their labels' token sets

        def spec(tokens: frozenset[str]) -> float:
            got = specs.get(tokens)
            if got is None:
                got = specs[tokens] = self._spec(tokens, qset)
            return got

        cells, one_rows, total_rows = self.cells, self.one_row_cells, self.total_row_cells
        for i in sorted(seen):
            c = cells[i]
            r, k, x = self.row_tok[i], self.col_tok[i], self.ctx_tok[i]
            rkx = self.all_tok[i]
            if totals and i in total_rows:
                r = r | totals
                rkx = r | k | x
            in_row = qset & r
            row_hit = sum(q[t] for t in in_row)
            if i not in one_rows and not (row_hit and any(not t.startswith("#") for t in in_row)):
                continue
            if numeric and c.number is None:
                continue
            if years and not self._cell_of_years(i, years):
                continue
            if not allow(c):
                continue
            words = frozenset(qset & rkx)
            if not words:
                # A one-row table's cell the question names nothing of: every share is nought
                # (and a table without row labels needs its column named, below).
                if c.row_path or is_line_fact(c):
                    low = not asks_total and self.total_in_row[i]
                    out.append(Scored(c, -0.1 if low else 0.0, 0.0, 0, 0, words, 0.0, 0.0))
                continue
            if not c.row_path and not is_line_fact(c) and (spec(k) < 0.99 or not qset & (x - k)):
                # A table without row labels (1분기 … 4분기): a series member such as 2분기 heads
                # many tables, so its column must be named whole and its caption named too.
                continue
            col_hit = sum(q[t] for t in qset & k)
            hit = sum(q[t] for t in words)
            cover = hit / total
            # How much of the row's and column's own labels the question says: "소속기관" over
            # "소속기관 › 일반직" when only 소속기관 is asked.
            row_spec = spec(r)
            col_spec = spec(k)
            subtotal = self.subtotal_row[i]
            if subtotal and spec(r - _TOTAL_TOKENS) >= 0.99:
                # "후원금 수입은 얼마?": the group named whole is its 소계 row, not one line of it.
                row_spec = max(row_spec, 0.99)
            score = cover + 0.2 * row_spec + 0.2 * col_spec
            if subtotal and row_spec >= 0.99:
                score += 0.05
            elif not asks_total and self.total_in_row[i]:
                score -= 0.1  # a subtotal row answers only when a total is asked
            elif asks_total and self.total_in_row[i]:
                score += TOTAL_ASKED  # "4급 현원 합계": the 합계 row, over 본부's and 소속기관's
            out.append(Scored(c, score, cover, row_hit, col_hit, words, row_spec, col_spec))
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    def _of_years(self, c: Cell, years: set[int]) -> bool:
        """Whether a cell may be of a year asked: its row, column and caption name that year,
        or name none in a table whose other labels name no year either (the 2024 figure is
        not in a table of 2025 and 2026 columns, nor in its 증감 column)."""
        named = years_in(f"{path_label(c.row_path)} {path_label(c.col_path)} {c.caption}")
        if named:
            return bool(named & years)
        return not self._table_years(c)

    def _cell_of_years(self, i: int, years: set[int]) -> bool:
        """`_of_years` of cell i, its labels' years read once per index."""
        named = self._cell_years.get(i)
        if named is None:
            c = self.cells[i]
            named = self._cell_years[i] = years_in(
                f"{path_label(c.row_path)} {path_label(c.col_path)} {c.caption}"
            )
        if named:
            return bool(named & years)
        return not self._table_years(self.cells[i])

    def _table_years(self, c: Cell) -> set[int]:
        key = (c.document, c.table)
        got = self._years.get(key)
        if got is None:
            got = set()
            for i in self.by_table[key]:
                o = self.cells[i]
                got |= years_in(f"{path_label(o.row_path)} {path_label(o.col_path)}")
            self._years[key] = got
        return got

    def _one_row(self, c: Cell) -> bool:
        """A one-row table (종합결과: 등급 A, 총점 …): its columns are the facts' names."""
        key = (c.document, c.table)
        one = self._one_rows.get(key)
        if one is None:  # read once per table: asked for every cell of every question
            # Body rows under one row label are one record printed over lines (경주금장로얄 ›
            # 35A: 기본 임대조건 above, 최대전환시 임대조건 below).
            rows = {
                tuple(self.cells[i].row_path) or (self.cells[i].row,) for i in self.by_table[key]
            }
            one = self._one_rows[key] = len(rows) == 1
        return one

    def _spec(self, tokens: frozenset[str], qset: set[str]) -> float:
        base = self._spec_base.get(tokens)
        if base is None:
            # Morphemes only: a label's bigrams across its own spaces ("통합 등") are no word.
            words = frozenset(t for t in tokens if not t.startswith("#"))
            base = (words, sum(self._label_weight(t) for t in words))
            if len(self._spec_base) >= SPEC_MEMO:  # a total row's set takes question words
                self._spec_base.clear()
            self._spec_base[tokens] = base
        words, w = base
        if not words:
            return 0.0
        return sum(self._label_weight(t) for t in words & qset) / w if w else 0.0

    def _label_weight(self, t: str) -> float:
        """A label word's weight; one no table holds (a text line's item, 법정 of "법정
        의무교육 :", whose words reweigh no table) at the typical weight a question's unknown
        word gets, so a line named by its other word alone (교육) is not named whole."""
        got = self.idf.get(t)
        return got if got is not None else math.log(1 + self._n / 3) / 2

    def _good(self, s: Scored, unit: str = "") -> bool:
        # The whole row label named and the column hit: strong even when the question also
        # names things no table holds (the ministry, the document).
        strong = s.row_spec >= 0.99 and s.col_hit > 0
        if s.cover < (STRONG_COVER if strong else MIN_COVER):
            return False
        # A text cell answers only when its row and column are both named; a "항목 : 값"
        # line's item is its whole name.
        named = s.col_hit and s.row_spec >= 0.5 or is_line_fact(s.cell) and s.col_spec >= 0.99
        # A one-row table without row labels (1분기 … 4분기 over one row of plans): the table
        # is the row, so its column named whole names the cell.
        # (a "label" of no word, a date in the first column: 6.15.~7.17., names no row)
        wordless = not any(_WORD.search(p) for p in s.cell.row_path)
        named = named or wordless and self._one_row(s.cell) and s.col_spec >= 0.99
        if s.cell.number is None and not named:
            return False
        if is_line_fact(s.cell) and s.col_spec < 0.75:
            return False  # a line's section is no row label: its item must be named itself
        if not s.row_hit and not (
            (s.col_spec >= 0.75 or self._leaf_said(s)) and self._one_row(s.cell)
        ):
            return False  # a one-row table answers by its column only when that is named whole
        if not unit_fits(unit, s.cell):
            return False
        # The question must name the column too: a row label alone also matches its other
        # columns' figures (a budget line "…×4회" is no answer to "몇 회").
        return bool(s.col_hit)

    def _leaf_said(self, s: Scored) -> bool:
        """The column's own header named whole ("월임대료" for 기본 임대조건 › 월임대료 (원)):
        in a one-row table, the groups above it only tell its twins apart."""
        path = s.cell.col_path
        if len(path) > 1 and path[-1].replace(" ", "") in ("계", "합계", "총계"):
            path = path[:-1]  # 임대보증금(원) › 계: the whole of what its parent names
        # (its unit in brackets, "(원)", is no part of its name)
        leaf = re.sub(r"\s*\([^()]*\)\s*$", "", path[-1]) if path else ""
        names = [t for t in self._tok(leaf) if not t.startswith("#")]
        if not names:
            return False
        got = [t for t in names if said_in(t, s.words)]
        weight = sum(self.idf.get(t, 0.0) for t in names)
        return weight > 0 and sum(self.idf.get(t, 0.0) for t in got) >= 0.75 * weight

    def _table_share(self, question: str) -> float:
        """The largest share of the question's weight that one table's words (labels, caption,
        row names) hold, plus its total words (a total row takes those in `match`): no cell
        of that table covers more of the question, nor does a column, row or sum of it."""
        q = self._query(question)
        total = sum(q.values())
        if not total:
            return 0.0
        tables_of = self._tables_of
        if tables_of is None:  # once per index, on the first long question
            sets: dict[str, set[tuple[str, int]]] = defaultdict(set)
            for key, members in self.by_table.items():
                for i in members:
                    words = self.row_tok[i] | self.col_tok[i] | self.ctx_tok[i]
                    for t in words | self._names_tok(self.cells[i]):
                        sets[t].add(key)
            tables_of = self._tables_of = {t: list(keys) for t, keys in sets.items()}
        held: dict[tuple[str, int], float] = defaultdict(float)
        totals = 0.0
        for t, w in q.items():
            for key in tables_of.get(t, ()):
                held[key] += w
            if TOTAL_IN_ROW.search(t):
                totals += w
        return (max(held.values(), default=0.0) + totals) / total

    def _names_tok(self, c: Cell) -> frozenset[str]:
        key = tuple(c.row_path)
        got = self._names_toks.get(key)
        if got is None:  # once per row path: every table's rows are read for each question
            names = name_labels(c)
            got = frozenset().union(*(self._tok(lab) for lab in names)) if names else frozenset()
            self._names_toks[key] = got
        return got

    # -- the answer's wording --
    def _twins(self, c: Cell) -> list[Cell]:
        """The same fact in other documents: the same item or row and column, the same value
        give or take spacing, quote marks and a scan's misreadings (a notice published as HWP
        and as PDF, or scanned). An answer cites them all rather than pick one copy."""
        line = is_line_fact(c)
        col, row, value = (
            flat_text(path_label(c.col_path)),
            flat_text(row_name(c)),
            flat_text(c.value),
        )
        out: list[Cell] = []
        seen = {c.document}
        for o in self.by_col.get(col, []):
            if o.document in seen or flat_text(o.value) != value and not near(o.value, c.value):
                continue
            # A scan's copy reads the row's name with other marks and spacing (• or @).
            if line == is_line_fact(o) and (
                line or flat_text(row_name(o)) == row or near(names_of(o), names_of(c))
            ):
                seen.add(o.document)
                out.append(o)
        return out

    def _single(self, question: str, c: Cell) -> Answer:
        value = with_unit(c.value, c.unit)
        twins = self._twins(c)
        also = " 같은 내용이 다른 문서에도 있습니다." if twins else ""
        if is_line_fact(c):
            # "사업 기간 : ’26. 4. ∼ ’27. 3." in the text: the item names the value; the
            # citation gives the section.
            key = c.col_path[-1] if c.col_path else ""
            text = f"{key}{particle(key)} {value}입니다 (본문의 ‘{key}’ 항목).{also}"
            return self._answer(question, text, [c, *twins], [cell_fact(c)], label_col=key)
        row = row_name(c)
        asked = set(self._query(question))
        named = [lab for lab in naming_labels(c) if lab != row and asked & self._tok(lab)]
        if named and not self._one_row(c):
            # The row as the question named it too: a ledger's 쌀10KG beside its longer
            # 배포(아동), a group's 인건비 beside its 제수당 (in the row's order).
            row = " ".join(lab for lab in naming_labels(c) if lab in named or lab == row)
        if self._one_row(c) and (len(row) <= 2 or not _WORD.search(row)):
            # a one-row table's label column is a code (등급 A) or a date (6.15.~7.17.), not
            # a name
            row = ""
        col = path_label(c.col_path)
        leaf = c.col_path[-1] if c.col_path else ""
        if len(c.col_path) > 1 and TOTAL_LABEL.match(leaf.replace(" ", "")):
            leaf = f"{c.col_path[-2]} {leaf}"  # "임대보증금(원) 계", not a bare "계"
        subject = " ".join(p for p in (row, leaf) if p)
        text = f"{subject}{particle(subject)} {value}입니다 ({cell_where(c)})."
        if CHANGE_RE.search(question) and c.number is not None:
            text += " " + change_words(c)
        text += also
        return self._answer(question, text, [c, *twins], [cell_fact(c)], label_col=col)

    def citation(self, c: Cell, with_caption: bool = True) -> Citation:
        """The cell's row as printed, under its table's caption (`with_caption`)."""
        quote = f"{c.caption}\n{c.row_text}" if c.caption and with_caption else c.row_text
        return Citation(
            document=c.document,
            title=self.titles.get(c.document, ""),
            section=c.section,
            page=c.page,
            quote=quote,
        )

    def _answer(
        self,
        question: str,
        text: str,
        cells: list[Cell],
        facts: list[FactRef],
        label_col: str = "",
    ) -> Answer:
        citations: list[Citation] = []
        seen: set[tuple[str, str]] = set()
        for c in cells:
            key = (c.document, c.row_text)
            if key not in seen:
                seen.add(key)
                citations.append(self.citation(c))
        return Answer(
            id=uuid.uuid4().hex,
            question=question,
            answer=text,
            found=True,
            citations=citations[:5],
            facts=facts,
            mode="facts",
        )
