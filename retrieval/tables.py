"""Table answers from cells: the question's words against row and column headers.

Every table cell was stored at ingest with its row path, column path, caption and unit
(ingest/cells.py). A question that asks for a figure is matched to the cells whose headers
hold its words (Kiwi morphemes and Hangul bigrams, so spacing variants match); the answer is
the value as printed with its unit, the row and column it sits at and the source. Simple
questions over one table are computed (가장 높은, 합계, 몇 개, 평균, 배점 대비) with the rows that
decide them shown. When two cells fit equally they are listed with their labels, and when no
cell fits well the answerer abstains (None) and the caller falls back to passages: a wrong
confident cell is worse than no cell.
"""

from __future__ import annotations

import logging
import math
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ingest.cells import (
    DATE,
    EMAIL,
    LINE_FACT,
    PHONE,
    SEP,
    Cell,
    context_text,
    label_tokens,
    value_shape,
)
from retrieval.asked import asked_counter, counter_names
from sosa.korean.analysis import analyze, bigrams, morphemes
from sosa.korean.analysis import tokens as analysis_tokens
from sosa.korean.text import CODE_RE
from sosa.models import Answer, Citation, FactRef
from sosa.numbers import format_decimal

logger = logging.getLogger(__name__)

# Words that ask for a figure: the route into table answers.
FIGURE_RE = re.compile(
    r"얼마|몇|금액|액수|현원|정원|인원|예산|비율|비중|%|퍼센트|점수|배점|득점|수치|증감|합계|"
    r"총액|평균|단가|임대료|보증금|상금|건수|가장\s*(?:높|낮|크|작|많|적)|최대|최소"
)
# Words that ask for a body, a place, a name or a time (누가, 어디서, 언제, 기간): a text cell
# may answer ("사업 기간 : ’26. 4. ∼ ’27. 3.").
TEXT_ASK_RE = re.compile(
    r"누가|누구|어느|어디|무엇|뭐|무슨|어떤|언제|기간|일정|기한|일시|날짜|장소"
)


# "특별회계 지출은?": a short question that only names a thing asks for what it is.
_ELLIPTICAL = re.compile(r"(?:은|는)\s*\??$")
ELLIPTICAL_WORDS = 4


def elliptical(question: str) -> bool:
    q = question.strip()
    return bool(_ELLIPTICAL.search(q)) and len(q.split()) <= ELLIPTICAL_WORDS


# Words that ask for a kind of value a cell shows by its shape (ingest/cells.py value_shape):
# a phone number, an e-mail address, a date.
_SHAPE_ASKED = (
    (PHONE, re.compile(r"전화|연락처|(?:^|\s)번호")),
    (EMAIL, re.compile(r"이메일|메일\s*주소|전자\s*우편|e-?mail", re.I)),
    (DATE, re.compile(r"언제|날짜|일자|며칠")),
)


# Numbers that are not phone numbers: "팩스 번호", "공고 번호", "사업자 등록 번호".
_OTHER_NUMBER = re.compile(r"팩스|fax|공고|등록|사업자|계좌|우편|접수\s*번호|문서\s*번호", re.I)


def asked_shape(question: str) -> str:
    """The kind of value asked by its shape (전화번호, 이메일, 날짜), or ""."""
    for name, ask in _SHAPE_ASKED:
        if ask.search(question) and not (name == PHONE and _OTHER_NUMBER.search(question)):
            return name
    return ""


def asks_table(question: str) -> bool:
    """The route into table answers: a figure asked, a text asked (who, which, where), or a
    value of a shape (a phone number, an e-mail address)."""
    return bool(FIGURE_RE.search(question) or TEXT_ASK_RE.search(question) or asked_shape(question))


_QWORDS = {
    "얼마", "몇", "무엇", "어느", "어떤", "인가", "이", "가", "은", "는", "나", "되",
    "하", "있", "알리", "주", "까지", "##", "가장", "높", "낮", "크", "작", "많", "적",
    "합계", "평균", "총", "전체", "모두", "대비", "비율", "증감", "늘", "줄", "깎이",
    # "운영비 항목 중 …", "… 가운데", "큰 건 뭐예요": which of them is asked, no label's word
    "중", "가운데", "뭐", "거", "것",
}  # fmt: skip
_MAX_RE = re.compile(r"가장\s*(?:높|크|큰|많|비싸|길|넓)|최고|최대(?:인|로|값)")
_MIN_RE = re.compile(r"가장\s*(?:낮|작|적|싸|짧|좁)|최저|최소(?:인|값)")
# "가장 많이 깎인": the most negative change, a minimum despite 많이.
_CUT_RE = re.compile(r"가장\s*많이\s*(?:깎|줄|감소|삭감|감액)")
_SUM_RE = re.compile(r"합계|합은|합하면|모두\s*더|총합|전체\s*\S*\s*(?:수|합)")
_COUNT_RE = re.compile(r"몇\s*(?:개|곳|가지|종류)")
_AVG_RE = re.compile(r"(?<![월연일주])평균")
_RATIO_RE = re.compile(r"(\S+?)\s*대비\s*(\S+?)(?:의|은|는|이|가)?\s*(?:비율|비중|%|퍼센트)")
_CHANGE_RE = re.compile(r"늘었|줄었|증감|증가|감소|변화")
_RATE_Q = re.compile(r"증감\s*률|증감\s*비율|증가율|감소율|변동률|\(%\)|몇\s*%|퍼센트")
_CHANGE_Q = re.compile(r"증감|늘었|줄었|늘어|줄어|올랐|내렸|증가|감소|변동")
_RATE_COL = re.compile(r"%|률|비율|비중|/[A-Z(]")
_TOTAL_IN_ROW = re.compile(r"소\s*계|합\s*계|총\s*계|(?:^|[\s›])계(?:$|[\s›(])|총액|전체")
_AGG_LABEL = re.compile(r"합\s*계|총\s*계|소\s*계|(?<![월연일주])평균|^계| 계|최대|최고|최저|최소")
# One whole asked for ("총 상금", "전체 예산 규모"): several cells listed do not answer it.
_WHOLE_ASKED = re.compile(r"(?<![가-힣])총\s*(?!\d)[가-힣]|전체|총액|규모")
_TOTAL_LABEL = re.compile(r"^(?:합\s*계|소\s*계|총\s*계|계|total)$", re.I)

# Derived on the tuning halves only (retrieval/evaluate.py split; real-docs and agency sets):
# the table route's right and wrong answers stay the same for MIN_COVER 0.50–0.65 (0.45 lets
# in wrong cells, 0.70 loses right ones), STRONG_COVER 0.20–0.55 and AGG_COVER 0.30–0.70
# (0.25 lets in wrong sums); each is the middle of its range, away from both edges.
MIN_COVER = 0.575
NAMED_ROW = 0.5  # share of a row's label weight a question names for a text to answer
_NOTE = re.compile(r"\([^()]*\)|\d+")  # a label's points or note: "정성 평가 (80)"
STRONG_COVER = 0.375
AGG_COVER = 0.5  # the column's and caption's share of the question for a whole-column sum
CUT_COVER = 0.35  # "가장 많이 깎인": the low end of AGG_COVER's steady range (0.30–0.70)
# The least share of a question's weight any label answer covers (_good, _text_answer, _row_*,
# _ratio, _aggregate): a question longer than LONG_QUESTION whose words no one table holds this
# much of skips matching the labels (its cost grows with the question's words).
MIN_ANSWER_COVER = min(MIN_COVER, STRONG_COVER, AGG_COVER, CUT_COVER)
LONG_QUESTION = 60
TIE = 0.03
# Whether a text of the kind asked (어디 -> 제출처) beside the item named answers (`_kind_beside`).
KIND_BESIDE = True
_SHORT_TEXT = 40  # a longer text is a description, not a name that answers "누가"
_DESCRIBES = re.compile(r"(?:다|함|음|임)\.?$")  # a sentence, not a name ("…를 평가한다.")
_SPACES = re.compile(r"\s+")


# "이 사업의 제안서 평가에서": a demonstrative points at the document asked about, and the word
# after it names that document, not a row or column of one of its tables.
_POINTED = re.compile(r"(?:^|\s)(?:이|그|해당|본|동)\s+\S+")


@lru_cache(maxsize=1024)
def word_stems(question: str) -> tuple[str, ...]:
    """Each word of a question with its particles and endings cut off ("실적은" -> 실적), read
    from the one analysis of the whole question (not one Kiwi call per word)."""
    text = _POINTED.sub(" ", question)
    toks = analysis_tokens(text)
    out = []
    for m in re.finditer(r"\S+", text):
        start, end = m.start(), m.end()
        cut = end
        for t in toks:
            if start < t.start < end and t.tag.startswith(("J", "E", "VCP", "SF", "SS")):
                cut = t.start
                break
        out.append(text[start:cut])
    return tuple(out)


def query_tokens(question: str) -> list[str]:
    """Morphemes plus Hangul bigrams of each word with its particles and endings cut off
    ("실적은" -> 실적), so no bigram spans two words or a particle."""
    out = morphemes(_POINTED.sub(" ", question))
    for stem in word_stems(question):
        if stem not in _QWORDS:  # "가장", "가운데": no bigram of an asking word either
            out.extend(bigrams(stem))
    return out


def abbreviates(short: str, long: str) -> bool:
    """Whether `short` is a Korean abbreviation of `long`: its syllables in order, the first
    and the last shared (고공단 of 고위공무원단, 행안부 of 행정안전부)."""
    if not 3 <= len(short) < len(long) <= 4 * len(short):
        return False
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long[1:-1])
    return all(ch in rest for ch in short[1:-1])


_TOTAL_TOKENS = frozenset({"소계", "합계", "총계", "계", "#소계", "#합계", "#총계"})
QUERY_MEMO = 64  # questions whose weighted words are kept (concurrent requests, bounded)
SPEC_MEMO = 8192  # label token sets whose weights `_spec` keeps (the index's, a few more)
MAX_TIED = 6  # rows tied for first place that are still named one by one
ROW_FIGURES = 5  # a row with more figures than this is a wide table: its columns must be named
_HOW_MUCH = re.compile(r"얼마(?!나)")  # "얼마나 늘었" asks a change, not a price
_MONEY = re.compile(r"원$")
_VERBS = ("VV", "VA")
VERB_WEIGHT = 0.4  # as in the answer path's question words (retrieval/answer.py)
_HANGUL_WORD = re.compile(r"[가-힣]{2,12}")
MAX_ABBREVIATED = 3  # more candidates than this: the short word says nothing certain
# "몇 건 기록돼 있어?", "건수는?": a count of records asked (the unit said, if any).
_ROWS_ASKED = re.compile(r"몇\s*(건|개|가지|곳|종류)|(?:건|개)수")
_LISTED = re.compile(r"(?:기록|수록|기재|등재|게재|등록)(?=\s*(?:돼|되|된|하|해))")
# A cell value that names its row: a name (시각경보기), not a particle-sized word or a sentence.
KEY_MIN, KEY_MAX = 3, 20
# The asking word and the column labels that hold its kind of answer: "누구에게" is answered by
# a 제공대상 or 신청자 column, "어디" by a 장소 column, "언제" by a 기간 column.
_ASKED_KINDS = (
    (
        re.compile(r"누구|누가"),
        re.compile(r"대상|(?:자|인)(?:$|\()|기관|주체|담당|성명|이름|소속"),
    ),
    (re.compile(r"어디"), re.compile(r"장소|위치|기관|곳|지역|주소|소재|(?:처)(?:$|\()")),
    (
        re.compile(r"언제|기간|일정|기한|일시|날짜|시기|며칠"),
        re.compile(r"기간|일정|기한|일시|날짜|일자|시기|(?:일|월)(?:$|\()"),
    ),
)


_FULL_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d,])")
_SHORT_YEAR = re.compile(r"[’'‘`](\d{2})(?!\d)")
_BARE_SHORT_YEAR = re.compile(r"(?<![\d.,’'‘`])(\d{2})\s?년")


def years_in(text: str, bare: bool = False) -> set[int]:
    """The years a text names: 2025, ’25 (and, with `bare`, "26년" as a question says it)."""
    out = {int(y) for y in _FULL_YEAR.findall(text)}
    out |= {2000 + int(y) for y in _SHORT_YEAR.findall(text)}
    if bare:
        out |= {2000 + int(y) for y in _BARE_SHORT_YEAR.findall(text)}
    return out


_ASKED_UNIT = re.compile(r"몇\s*(명|건|회|번|개|곳|점|%|원|일|개월|년|㎡|m|톤)")
_UNIT_FAMILY = {"번": "회", "곳": "개소", "개월": "월"}
_AGG_WORDS = ("합계", "총계", "소계", "평균", "최대", "최고", "최저", "최소")


def _unit_fits(asked: str, c: Cell) -> bool:
    """ "몇 명" is not answered by a 천원 cell, "몇 세대" not by a ㎡ one: an asked unit or
    counter must agree with the cell's own."""
    if not asked:
        return True
    unit = c.unit or ""
    if not unit:
        return True  # the column states none: the question's unit may be the table's
    names = counter_names(_UNIT_FAMILY.get(asked, asked))  # (the counter itself among them)
    return any(unit.endswith(n) or n.endswith(unit) or n in c.value for n in names)


def _said_in(word: str, tokens: frozenset[str]) -> bool:
    """A label word among a text's tokens, whole or spelled inside a longer word by its
    bigrams (담당 in 담당자, 임대 in 월임대료, which Kiwi keeps as one word)."""
    return word in tokens or (
        len(word) > 1 and all(f"#{word[k : k + 2]}" in tokens for k in range(len(word) - 1))
    )


def _asked_unit(question: str) -> str:
    """The unit a figure is asked in: "몇 명", "몇 %", or any counter after 몇 ("몇 세대")."""
    m = _ASKED_UNIT.search(question)
    if m:
        return m.group(1)
    # (without 몇, asked_counter reads 시 off a service's hours: no unit of a figure asked;
    # "개/단지" names two ways to count, which no one cell unit is)
    counter = asked_counter(question) if "몇" in question else None
    return counter if counter and "/" not in counter else ""


def _unit_conflict(asked: str) -> bool:
    return asked not in ("", "%")


def _names_aggregate(question: str, label: str) -> bool:
    """A total asked ("합계") and the cell's own label says that total."""
    q, lab = question.replace(" ", ""), label.replace(" ", "")
    return any(w in q and w in lab for w in _AGG_WORDS)


def _wants_aggregate(question: str) -> bool:
    return any(r.search(question) for r in (_MAX_RE, _MIN_RE, _SUM_RE, _COUNT_RE, _AVG_RE))


def _states_value(question: str, c: Cell) -> bool:
    """The question itself gives the cell's figure with its unit ("2건은 각각 어디서")."""
    if c.number is None or not c.unit:
        return False
    value = re.sub(r"[\s,]", "", c.value)
    if value.endswith(c.unit):
        value = value[: -len(c.unit)]
    flat = re.sub(r"[\s,]", "", question)
    return bool(re.search(rf"(?<![\d.]){re.escape(value)}{re.escape(c.unit)}", flat))


def _josa(word: str, pair: tuple[str, str] = ("은", "는")) -> str:
    ch = word.rstrip(" )]%")[-1:] if word.strip() else ""
    if "가" <= ch <= "힣":
        return pair[0] if (ord(ch) - 0xAC00) % 28 else pair[1]
    return pair[0] if ch.isdigit() and ch in "013678" else pair[1]


def _with_unit(value: str, unit: str) -> str:
    if not unit or value.endswith(unit) or not re.search(r"\d\)?$", value):
        return value
    return f"{value}{unit}"


def is_line_fact(c: Cell) -> bool:
    """A fact of a "항목 : 값" line or a figure-valued heading, not of a table."""
    return c.col <= LINE_FACT


def _name(c: Cell) -> str:
    """The row's most specific label: the longest (a description beats a 정성/정량 tag)."""
    if not c.row_path:
        return ""
    return max(reversed(c.row_path), key=len).lstrip("-–· ")


_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.)]|[가-하][.)]|[□■○●◎◇◆▶]|\(\d{1,2}\))\s*")


_CAPTION_PIECES = re.compile(r"(?<=[.다])\s+|\s+(?=[○□■●◎◇◆▶]\s)")


def _caption(c: Cell) -> str:
    """A table's caption as a name, without the section numbering before it ("1) 리더십 □
    평정표" -> "리더십 □ 평정표"): a figure the answer would show with no cell to point to.
    A caption that runs on from the paragraph above keeps its last piece, if that is short."""
    caption = c.caption
    if len(caption) > _SHORT_TEXT:
        caption = _CAPTION_PIECES.split(caption)[-1]
        caption = caption if len(caption) <= _SHORT_TEXT else ""
    return _NUMBERING.sub("", caption)


_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "`": "'", "∼": "~", "〜": "~", "～": "~"})


def _flat(text: str) -> str:
    """A value or label without spaces, quote-mark and tilde variants: for comparing copies."""
    return _SPACES.sub("", text).translate(_QUOTE_MARKS).lower()


def _near(a: str, b: str, least: float = 0.85) -> bool:
    """Two longer texts that share most of their character bigrams (a scan's copy)."""
    fa, fb = _flat(a), _flat(b)
    if min(len(fa), len(fb)) < 8:
        return False
    ga = {fa[i : i + 2] for i in range(len(fa) - 1)}
    gb = {fb[i : i + 2] for i in range(len(fb) - 1)}
    return 2 * len(ga & gb) / (len(ga) + len(gb)) >= least


def _label(path: list[str]) -> str:
    return SEP.join(path)


# A month in a body cell is a date too ("입주예정일 2026년 11월 (예정)"); in a header row it
# names a column (2010년 11월), so ingest's value_shape does not read it so.
_MONTH_DATE = re.compile(r"(?:19|20)\d{2}\s*[.년]\s*\d{1,2}\s*[.월]?\s*(?:\((?:예정|잠정)\))?")


def _cell_shape(value: str) -> str:
    return value_shape(value) or (DATE if _MONTH_DATE.fullmatch(value.strip()) else "")


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


class TableIndex:
    """The cells of one index, with their header tokens, in memory."""

    def __init__(self, cells: list[Cell], titles: dict[str, str] | None = None) -> None:
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
                r = self._tok(_label(c.row_path))
                k = self._tok(_label(c.col_path))
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
        self.by_table: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.by_col: dict[str, list[Cell]] = defaultdict(list)  # copies of a fact elsewhere
        for i, c in enumerate(cells):
            self.by_table[(c.document, c.table)].append(i)
            self.by_col[_flat(_label(c.col_path))].append(c)
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
            if c.row_path and _TOTAL_LABEL.match(c.row_path[-1].replace(" ", ""))
        }
        # What `match` reads of every cell for every question, read once here: a cell's labels
        # joined, whether its row is a subtotal, the years its labels name.
        self.all_tok = [
            r | k | x for r, k, x in zip(self.row_tok, self.col_tok, self.ctx_tok, strict=True)
        ]
        self.subtotal_row = [
            bool(c.row_path) and bool(_TOTAL_IN_ROW.search(c.row_path[-1])) for c in cells
        ]
        self.total_in_row = [bool(_TOTAL_IN_ROW.search(_label(c.row_path))) for c in cells]
        self._cell_years: dict[int, set[int]] = {}
        # Per token set: its morphemes (no bigrams) and their weight, for `_spec`.
        self._spec_base: dict[frozenset[str], tuple[frozenset[str], float]] = {}
        # The tables' own words, by first and last syllable: a question's abbreviation of one
        # (행안부) or a table's abbreviation of a question's word (고공단) is found by them.
        self.surface: set[str] = set()
        for c in cells:
            text = f"{_label(c.row_path)} {_label(c.col_path)} {context_text(c, '')}"
            self.surface.update(_HANGUL_WORD.findall(text))
        self.surface.update(w for t in self.titles.values() for w in _HANGUL_WORD.findall(t))
        self.ends: dict[tuple[str, str], list[str]] = defaultdict(list)
        for w in self.surface:
            self.ends[(w[0], w[-1])].append(w)
        # A row's short text cells by their value: a question may name a row by what one of
        # its cells says (품목 시각경보기) rather than by its label (거실).
        self.by_value: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(cells):
            key = _flat(c.value)
            if (
                c.number is None
                and not is_line_fact(c)
                and KEY_MIN <= len(key) <= KEY_MAX
                and _HANGUL_WORD.search(c.value)
            ):
                self.by_value[key].append(i)

        self._vocab: dict[str, frozenset[str]] = {}
        self._rows_said: dict[tuple[str, int, int], frozenset[str]] = {}
        # Cells whose value is a phone number, an e-mail address or a date by its shape.
        self.shape_of = {
            i: shape
            for i, c in enumerate(cells)
            if c.number is None and not is_line_fact(c) and (shape := _cell_shape(c.value))
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
        tokens = {t for t in query_tokens(question) if t not in _QWORDS}
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
        for stem in word_stems(question):
            if not _HANGUL_WORD.fullmatch(stem) or stem in self.surface:
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
        asks_total = bool(_TOTAL_IN_ROW.search(question))
        years = years_in(question, bare=True)
        # "본예산 총액": a total asked is said by a total row's label (계, 합계).
        totals = frozenset(t for t in qset if _TOTAL_IN_ROW.search(t))
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
            out.append(Scored(c, score, cover, row_hit, col_hit, words, row_spec, col_spec))
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    @staticmethod
    def _flat_labels(c: Cell) -> str:
        return _flat(f"{_label(c.row_path)} {_label(c.col_path)} {c.caption}")

    def _of_years(self, c: Cell, years: set[int]) -> bool:
        """Whether a cell may be of a year asked: its row, column and caption name that year,
        or name none in a table whose other labels name no year either (the 2024 figure is
        not in a table of 2025 and 2026 columns, nor in its 증감 column)."""
        named = years_in(f"{_label(c.row_path)} {_label(c.col_path)} {c.caption}")
        if named:
            return bool(named & years)
        return not self._table_years(c)

    def _cell_of_years(self, i: int, years: set[int]) -> bool:
        """`_of_years` of cell i, its labels' years read once per index."""
        named = self._cell_years.get(i)
        if named is None:
            c = self.cells[i]
            named = self._cell_years[i] = years_in(
                f"{_label(c.row_path)} {_label(c.col_path)} {c.caption}"
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
                got |= years_in(f"{_label(o.row_path)} {_label(o.col_path)}")
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
            base = (words, sum(self.idf.get(t, 0.0) for t in words))
            if len(self._spec_base) >= SPEC_MEMO:  # a total row's set takes question words
                self._spec_base.clear()
            self._spec_base[tokens] = base
        words, w = base
        if not words:
            return 0.0
        return sum(self.idf.get(t, 0.0) for t in words & qset) / w if w else 0.0

    def _columns(self, table: tuple[str, int]) -> set[str]:
        return {_label(self.cells[i].col_path) for i in self.by_table[table]}

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
        named = named or not s.cell.row_path and self._one_row(s.cell) and s.col_spec >= 0.99
        if s.cell.number is None and not named:
            return False
        if is_line_fact(s.cell) and s.col_spec < 0.75:
            return False  # a line's section is no row label: its item must be named itself
        if not s.row_hit and not (
            (s.col_spec >= 0.75 or self._leaf_said(s)) and self._one_row(s.cell)
        ):
            return False  # a one-row table answers by its column only when that is named whole
        if not _unit_fits(unit, s.cell):
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
        got = [t for t in names if _said_in(t, s.words)]
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
            if _TOTAL_IN_ROW.search(t):
                totals += w
        return (max(held.values(), default=0.0) + totals) / total

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
            if any(ask.search(stem) for name, ask in _SHAPE_ASKED if name == shape):
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
            return frozenset(t for t in words if _said_in(t, toks))

        scored: list[tuple[float, int]] = []
        for i, kind in self.shape_of.items():
            c = self.cells[i]
            own = said(i)
            if not own and kind == shape and self._one_row(c):
                # A one-row table (one 단지's notice): its column asked names the cell.
                own = frozenset(words & self.col_tok[i])
            if kind != shape or not own or not allow(c):
                continue
            if kind == DATE and not _ASKED_KINDS[2][1].search(_label(c.col_path)):
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
            # The rest of the question names the document: its title or its other tables.
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
            _flat(self.cells[i].value)
            for score, i in scored[1:]
            if best_score - score <= TIE and _flat(self.cells[i].value) != _flat(best.value)
        }
        if rivals:
            return None  # two rows fit alike: which one is asked is not clear
        value = best.value.strip()
        if value[:1] in "(（<" and value[-1:] in ")）>":
            value = value[1:-1].strip()  # "(044-205-1234)"; not the "(예정)" closing a date
        who = best.row_path[-4:]  # department, role, title, name
        # A name or a title the question said beside the number, outside the row's labels.
        own = said(first)
        for i in self.by_table[(best.document, best.table)]:
            o = self.cells[i]
            beside = o.row == best.row and o.number is None and i not in self.shape_of
            if beside and o.value not in who and own & self._tok(o.value):
                who.append(o.value)
        col = _label(best.col_path)
        dated = shape == DATE and _ASKED_KINDS[2][1].search(col)  # 입주예정일, 접수기간
        if not (col == shape or dict(_SHAPE_ASKED)[shape].search(col) or dated):
            col = shape  # a column headed otherwise (or by a data row): named by its shape
        subject = " ".join(who)
        text = f"{subject}의 {col}{_josa(col)} {value}입니다 ({self._where(best)})."
        return self._answer(question, text, [best], [self._fact(best)], label_col=col)

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
                if text and len(o.value) <= _SHORT_TEXT:
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
        m = _ROWS_ASKED.search(question)
        if not m:
            return None
        counted = m.group(1) or "건"
        # The count's own words name nothing: the unit asked, the year (checked apart), and
        # "기록돼 있어" (recorded, listed), which every list says of its rows.
        # The question's tokens are not kept in _tok's memo: it is keyed on the index's labels.
        asked = label_tokens(question).split()
        drop = set(self._tok(counted)) | {t for t in asked if t.isdigit()}
        for w in _LISTED.findall(question):
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
        caption = _caption(first)
        where = f"{caption} 표" if caption else "표"
        n = str(len(ordered))
        text = (
            f"{where}에 기록된 행은 {n}{counted}입니다 (첫 행 ‘{_label(first.row_path)}’부터 "
            f"마지막 행 ‘{_label(last.row_path)}’까지 센 값)."
        )
        fact = FactRef(
            type="computed",
            label=f"{where} 행 수",
            value=n,
            document=first.document,
            page=first.page,
            section=first.section,
            inputs=[self._fact(first), self._fact(last)],
        )
        return self._answer(question, text, [first, last], [fact])

    def _keys(self, question: str) -> list[int]:
        """The text cells whose whole value the question spells (시각경보기), the longest
        only: a value inside another one found is part of that name, not a name itself."""
        flat = _flat(question)
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
        unit = _asked_unit(question)
        kinds = [col for ask, col in _ASKED_KINDS if ask.search(question)]
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
                and _flat(self.cells[i].value) == _flat(key.value)
            ]
            if len(same) != 1:
                continue  # the value repeats down its column: it names no one row
            for i in table:
                c = self.cells[i]
                if c.row != key.row or c.col_path == key.col_path or not allow(c):
                    continue
                if numeric != (c.number is not None) or not _unit_fits(unit, c):
                    continue
                label = _label(c.col_path).replace(" ", "")
                if self.col_tok[i] & (qset - self._tok(key.value)):  # its own words aside
                    named[_flat(c.value)] = (key, c)
                elif any(kind.search(label) for kind in kinds):
                    fitting[_flat(c.value)] = (key, c)
        got = named or fitting
        if len(got) != 1:
            return None  # no column fits, or several do: which one is asked is not clear
        key, c = next(iter(got.values()))
        value = _with_unit(c.value, c.unit)
        col = _label(c.col_path)
        name = key.value.strip()
        text = (
            f"{name}의 {col}{_josa(col)} {value}입니다 "
            f"({self._where(c)}, 같은 행의 {_label(key.col_path)} ‘{name}’)."
        )
        return self._answer(question, text, [c], [self._fact(c)], label_col=col)

    def _answer_by_labels(self, question: str, allow: Callable[[Cell], bool]) -> Answer | None:
        unit = _asked_unit(question)  # local: one index serves concurrent requests
        # "배점이 가장 큰 건 뭐예요?": a ranking asks for a row by its figures, not a text.
        numeric = bool(FIGURE_RE.search(question)) or _wants_aggregate(question)
        matches = self.match(question, allow, numeric=numeric)
        codes = [c.lower() for c in CODE_RE.findall(question)]
        if codes:
            # "46A형 월임대료": a code the question names must be in the cell's labels; a table
            # of 35A and 46B rows does not answer for 46A.
            matches = [
                s for s in matches if all(code in self._flat_labels(s.cell) for code in codes)
            ]
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
        if _RATIO_RE.search(question):
            ratio = self._ratio(question, matches, allow)
            if ratio is not None:
                return ratio
        agg = self._aggregate(question, allow)
        if agg is not None:
            return agg
        if _wants_aggregate(question) and not _names_aggregate(question, best.cell.label):
            return None  # a sum or a ranking asked and not computable: not one cell instead
        if not self._good(best, unit) and (_RATE_Q.search(question) or _CHANGE_Q.search(question)):
            # "사회통합 등 사업비는 줄었나요?": the row named whole, the change column implied.
            # (its own label: "국민안전" names the row under ∎사업비)
            named = [
                s
                for s in matches[:10]
                if self._spec(self._tok(s.cell.row_path[-1]), set(self._query(question))) >= 0.99
                and s.cover >= STRONG_COVER
            ]
            rows = {(s.cell.document, s.cell.table, s.cell.row) for s in named}
            if len(rows) == 1 and not _unit_conflict(unit):
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
        if _states_value(question, best.cell):
            return None  # "지적건수 2건은 각각 어디서": the figure is given, something else asked
        if _RATE_Q.search(question) or _CHANGE_Q.search(question):
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
            if _WHOLE_ASKED.search(question):
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
        texts_only = [s for s in matches if s.cell.number is None]
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
        own = [_flat(self._names(s.cell)) for s in top if (s.cell.document, s.cell.table) == key]
        top = [
            s
            for s in top
            if (s.cell.document, s.cell.table) == key
            or s.cell.document == best.cell.document
            or not any(
                _flat(self._names(s.cell)) == o or _near(self._names(s.cell), o) for o in own
            )
        ]
        if len({(s.cell.document, s.cell.table) for s in top}) != 1:
            return None
        rows = {s.cell.row for s in top}
        texts = [
            self.cells[i]
            for i in self.by_table[key]
            if self.cells[i].row in rows and self.cells[i].number is None
        ]
        kinds = [col for ask, col in _ASKED_KINDS if ask.search(question)]
        fitting = [
            c
            for c in texts
            if any(kind.search(_label(c.col_path).replace(" ", "")) for kind in kinds)
        ]
        if fitting and len({tuple(c.col_path) for c in texts}) > 1:
            # Several text columns in the row: the one headed by the kind asked (누구 -> 대상).
            texts = fitting
        values = {_SPACES.sub("", c.value) for c in texts}
        columns = {tuple(c.col_path) for c in texts}
        if len(values) != 1 or len(columns) != 1 or len(texts[0].value) > _SHORT_TEXT:
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
        kinds = [col for ask, col in _ASKED_KINDS if ask.search(question)]
        if not kinds or any(k.search(_label(best.cell.col_path).replace(" ", "")) for k in kinds):
            return None
        c = best.cell
        line = is_line_fact(c)
        fit = {
            _flat(s.cell.value): s.cell
            for s in texts[1:8]
            if s.col_hit > 0
            and s.cell.document == c.document
            and is_line_fact(s.cell) == line
            and (
                s.cell.row_path == c.row_path
                if line
                else (s.cell.table, s.cell.row) == (c.table, c.row)
            )
            and any(k.search(_label(s.cell.col_path).replace(" ", "")) for k in kinds)
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
        if len({_label(c.row_path).replace(" ", "") for c in rows.values()}) != 1:
            return []
        out = []
        for c in rows.values():
            totals = [
                self.cells[i]
                for i in self.by_table[(c.document, c.table)]
                if self.cells[i].row == c.row
                and self.cells[i].number is not None
                and self.cells[i].col_path
                and _TOTAL_LABEL.match(self.cells[i].col_path[-1].replace(" ", ""))
            ]
            if len(totals) != 1 or not _unit_fits(unit, totals[0]):
                return []
            out.append(totals[0])
        return out

    def _row_amount(self, question: str, best: Scored, matches: list[Scored]) -> Cell | None:
        """ "은상 받으면 얼마 줘?": the row named and no column; 얼마 asks an amount of money,
        so the row's one figure in a currency (상금 각 250만원, not 상점 1점) answers."""
        if best.col_hit or best.cover < MIN_COVER or not _HOW_MUCH.search(question):
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
            c for c in cells if c.col_path and _TOTAL_LABEL.match(c.col_path[-1].replace(" ", ""))
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
                (_label(s.cell.col_path), s.cell.value)
            )
        if len({frozenset(v) for v in rows.values()}) != 1:
            return []  # rows that differ fit alike (a 관's 소계 and its 항's are one)
        first = next(iter(rows))
        tied = [s for s in tied if (s.cell.document, s.cell.table, s.cell.row) == first]
        figures = sorted(
            (s.cell for s in tied if s.cell.number is not None and _unit_fits(unit, s.cell)),
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
        values = ", ".join(f"{_label(o.col_path)} {_with_unit(o.value, o.unit)}" for o in cells)
        leaf = c.row_path[-1] if c.row_path else ""
        row = leaf if leaf and len(leaf) <= _SHORT_TEXT else _name(c)
        text = f"{row}{_josa(row)} {values}입니다 ({self._where(c).split(' 행')[0]} 행)."
        return self._answer(question, text, [c], [self._fact(o) for o in cells])

    def _twins(self, c: Cell) -> list[Cell]:
        """The same fact in other documents: the same item or row and column, the same value
        give or take spacing, quote marks and a scan's misreadings (a notice published as HWP
        and as PDF, or scanned). An answer cites them all rather than pick one copy."""
        line = is_line_fact(c)
        col, row, value = _flat(_label(c.col_path)), _flat(_name(c)), _flat(c.value)
        out: list[Cell] = []
        seen = {c.document}
        for o in self.by_col.get(col, []):
            if o.document in seen or _flat(o.value) != value and not _near(o.value, c.value):
                continue
            # A scan's copy reads the row's name with other marks and spacing (• or @).
            if line == is_line_fact(o) and (
                line or _flat(_name(o)) == row or _near(self._names(o), self._names(c))
            ):
                seen.add(o.document)
                out.append(o)
        return out

    def _single(self, question: str, c: Cell) -> Answer:
        value = _with_unit(c.value, c.unit)
        twins = self._twins(c)
        also = " 같은 내용이 다른 문서에도 있습니다." if twins else ""
        if is_line_fact(c):
            # "사업 기간 : ’26. 4. ∼ ’27. 3." in the text: the item names the value; the
            # citation gives the section.
            key = c.col_path[-1] if c.col_path else ""
            text = f"{key}{_josa(key)} {value}입니다 (본문의 ‘{key}’ 항목).{also}"
            return self._answer(question, text, [c, *twins], [self._fact(c)], label_col=key)
        row = _name(c)
        if self._one_row(c) and len(row) <= 2:
            row = ""  # a one-row table's label column is a code (등급 A), not a name
        col = _label(c.col_path)
        leaf = c.col_path[-1] if c.col_path else ""
        if len(c.col_path) > 1 and _TOTAL_LABEL.match(leaf.replace(" ", "")):
            leaf = f"{c.col_path[-2]} {leaf}"  # "임대보증금(원) 계", not a bare "계"
        subject = " ".join(p for p in (row, leaf) if p)
        text = f"{subject}{_josa(subject)} {value}입니다 ({self._where(c)})."
        if _CHANGE_RE.search(question) and c.number is not None:
            text += " " + self._change_words(c)
        text += also
        return self._answer(question, text, [c, *twins], [self._fact(c)], label_col=col)

    def _change_cell(self, question: str, c: Cell) -> Cell | None:
        """The cell of `c`'s row that holds the asked change: the rate column (증감률, (B-A)/A)
        for a rate, the 증감 column for a change; `c` itself when its column is that one."""
        want_rate = bool(_RATE_Q.search(question))

        def fits(o: Cell) -> bool:
            label = _label(o.col_path).replace(" ", "")
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

    def _change_words(self, c: Cell) -> str:
        if c.number is None:
            return ""
        if c.number < 0:
            return f"{c.value.strip()}의 △·▲·− 표시는 감소를 뜻하므로 줄어든 것입니다."
        if c.number > 0:
            return "늘어난 것입니다."
        return "변동이 없습니다."

    def _where(self, c: Cell) -> str:
        parts = []
        if _caption(c):
            parts.append(f"{_caption(c)} 표")
        if c.row_path:
            parts.append(f"{_label(c.row_path[-2:])} 행 · {_label(c.col_path) or '값'} 열")
        elif c.col_path and not is_line_fact(c):
            parts.append(f"{_label(c.col_path)} 열")  # a row without labels: its column
        if c.unit and c.unit not in c.value:
            parts.append(f"단위 {c.unit}")
        return ", ".join(parts)

    def _fact(self, c: Cell) -> FactRef:
        return FactRef(
            type="cell",
            label=f"{_label(c.row_path)} · {_label(c.col_path)}",
            value=c.value,
            document=c.document,
            page=c.page,
            section=c.section,
        )

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
            lines.append(f"- {c.label}: {_with_unit(c.value, c.unit)}{where}")
        text = "표에서 질문에 맞는 값이 여러 개입니다.\n" + "\n".join(lines)
        cells = [s.cell for s in matches]
        return self._answer(question, text, cells, [self._fact(c) for c in cells])

    # -- computed over one table --
    def _table_column(self, best: Scored) -> list[Cell]:
        """The numeric cells of the best cell's column in its table, total rows left out."""
        c = best.cell
        out = []
        for i in self.by_table[(c.document, c.table)]:
            o = self.cells[i]
            if o.col_path != c.col_path or o.number is None:
                continue
            if o.row_path and _TOTAL_LABEL.match(o.row_path[-1].replace(" ", "")):
                continue
            out.append(o)
        return out

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
            key = (c.document, c.table, _label(c.col_path))
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
        labels = {_label(s.cell.col_path) for s in top}
        if len(docs) != 1 or len(labels) != 1 or len(top) < 2:
            return False
        columns = {
            frozenset(_label(self.cells[i].col_path) for i in self.by_table[key])
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
        want_max = bool(_MAX_RE.search(question))
        want_min = bool(_MIN_RE.search(question)) or bool(_CUT_RE.search(question))
        want_sum = bool(_SUM_RE.search(question))
        want_count = bool(_COUNT_RE.search(question))
        want_avg = bool(_AVG_RE.search(question))
        if not (want_max or want_min or want_sum or want_count or want_avg):
            return None
        # "… 영역에서 배점 대비 가장 많이 깎인 지표": the rows' words (영역, 지표) name no
        # column; the column and the caption's words still must carry CUT_COVER of it.
        cover = CUT_COVER if _CUT_RE.search(question) else AGG_COVER
        top = self._column_match(question, allow, cover)
        if top is None:
            return None
        best = top[0]
        # A table in parts is ranked whole only for what was lost of a column (the rows with
        # something to lose: no 가점 or 감점 line, whose 득점 is 0 by design).
        split = self._split(top)
        if split and not _CUT_RE.search(question):
            return None
        if len(top) > 1 and _CUT_RE.search(question) and not split:
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
            _label(best.cell.col_path)
            if split
            else " · ".join(_label(s.cell.col_path) for s in top)
        )
        unit = best.cell.unit
        where = f"{_caption(best.cell)} 표, " if _caption(best.cell) and not split else ""
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
                + ", ".join(_name(c) for c in column[:12])
                + "."
            )
            fact = FactRef(
                type="computed",
                label=f"{col} 항목 수",
                value=str(len(column)),
                document=best.cell.document,
                page=best.cell.page,
                section=best.cell.section,
                inputs=[self._fact(c) for c in column],
            )
            return self._answer(question, text, column, [fact])
        cut = bool(_CUT_RE.search(question))
        # A group row (∎사업비 over its lines) is no rival to its own lines.
        paths = [tuple(c.row_path) for c in column]
        column = [
            c
            for c in column
            if not any(len(p) > len(c.row_path) and p[: len(c.row_path)] == tuple(c.row_path)
                       for p in paths)
        ]  # fmt: skip
        # A subtotal row ("운영비 소계") sums its group's rows: no rival to them either.
        lines = [c for c in column if not _TOTAL_IN_ROW.search(_label(c.row_path[-1:]))]
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
                f"{where}{col} 열에서 {word} 값은 {_with_unit(first.value, unit)}이고, "
                f"이 값인 항목이 여럿입니다: {names}."
            )
            return self._answer(question, text, tied, [self._fact(c) for c in tied])
        shown = ", ".join(
            f"{self._ranked_name(c, asked)} {_with_unit(c.value, unit)}" for c in ordered[:3]
        )
        text = (
            f"{where}{col} 열에서 {word} 값은 {self._ranked_name(first, asked)}의 "
            f"{_with_unit(first.value, unit)}입니다 (상위: {shown})."
        )
        cited = [*ordered[:3], *self._twins(first)]  # the same table in another document too
        return self._answer(question, text, cited, [self._fact(c) for c in ordered[:3]])

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
        base, part = _label(column[0].col_path), _label(kept[0].col_path)
        unit = column[0].unit

        def figure(pair: tuple[Cell, Cell]) -> Decimal:
            gap = shortfall(pair)
            return (gap * 100).quantize(Decimal("0.1")) if relative else gap

        def shown(pair: tuple[Cell, Cell]) -> str:
            x, y = pair
            lost = format_decimal(figure(pair))
            lost = f"{lost}%" if relative else _with_unit(lost, unit)
            return f"{_name(x)} ({part} {y.value} / {base} {x.value}, {lost})"

        x, _y = ordered[0]
        how = "비율로" if relative else ""
        one_table = len({c.table for c in column}) == 1
        where = f"{_caption(x)} 표에서 " if _caption(x) and one_table else ""
        # Rows tied for first are all named (two indicators each 3.3% short).
        named = ", ".join(shown(p) for p in first)
        tied = "같은 폭으로 여럿입니다: " if len(first) > 1 else ""
        rest = [p for p in ordered[len(first) : len(first) + 2] if shortfall(p) > 0]
        text = (
            f"{where}{base} 대비 {part}{_josa(part, ('이', '가'))} {how} 가장 많이 깎인 항목은 "
            f"{tied}{named}입니다"
            + (f" (다음: {', '.join(shown(p) for p in rest)})." if rest else ".")
        ).replace("  ", " ")
        ordered = [*first, *rest]
        facts = [
            FactRef(
                type="computed",
                label=f"{_name(a)} {base} - {part}"
                if not relative
                else f"{_name(a)} {part}/{base}",
                value=format_decimal(figure((a, b))),
                document=a.document,
                page=a.page,
                section=a.section,
                inputs=[self._fact(b), self._fact(a)],
            )
            for a, b in ordered
        ]
        return self._answer(question, text, [c for p in ordered for c in p], facts)

    def _ranked_name(self, c: Cell, asked: set[str]) -> str:
        """A ranked row's name: its labels below the deepest one the question names (the
        group ranked: 운영비 -> 기타운영비; 정성 평가 -> 사업 수행계획 › …), descriptions left
        out ("…를 평가한다."); the row's longest label when that leaves nothing."""
        labels = [
            lab for lab in c.row_path if len(lab) <= _SHORT_TEXT and not _DESCRIBES.search(lab)
        ]
        named = [i for i, lab in enumerate(labels) if asked & self._tok(lab)]
        below = labels[named[-1] + 1 :] if named else labels
        if below:
            return _label(below)
        return labels[-1] if labels else _name(c)  # the row's own name, said by the question

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
        around = _flat(f"{_label(c0.col_path)} {context_text(c0, '')}") if c0 else ""
        stems = [
            _flat(w)
            for w in word_stems(question)
            if _HANGUL_WORD.fullmatch(w) and _flat(w) not in around and w not in _QWORDS
        ]
        spelled = [sum(1 for w in stems if w in _flat(self._names(c))) for c in column]
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

    @staticmethod
    def _name_labels(c: Cell) -> list[str]:
        """A row's labels that name it, descriptions left out."""
        return [lab for lab in c.row_path if len(lab) <= _SHORT_TEXT and not _DESCRIBES.search(lab)]

    def _names(self, c: Cell) -> str:
        return _label(self._name_labels(c))

    def _names_tok(self, c: Cell) -> frozenset[str]:
        key = tuple(c.row_path)
        got = self._names_toks.get(key)
        if got is None:  # once per row path: every table's rows are read for each question
            names = self._name_labels(c)
            got = frozenset().union(*(self._tok(lab) for lab in names)) if names else frozenset()
            self._names_toks[key] = got
        return got

    def _total_row(self, c: Cell) -> Cell | None:
        for i in self.by_table[(c.document, c.table)]:
            o = self.cells[i]
            if (
                o.col_path == c.col_path
                and o.row_path
                and _TOTAL_LABEL.match(o.row_path[0].replace(" ", ""))
                and o.number is not None
            ):
                return o
        return None

    def _computed(
        self, question: str, cells: list[Cell], what: str, value: Decimal, col: str
    ) -> Answer:
        unit = cells[0].unit
        shown = format_decimal(value)
        inputs = [self._fact(c) for c in cells]
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
        text = f"{col} 열의 {what}{_josa(what)} {_with_unit(shown, unit)}입니다 (계산: {rows})."
        return self._answer(question, text, cells, [fact])

    def _ratio(
        self, question: str, matches: list[Scored], allow: Callable[[Cell], bool]
    ) -> Answer | None:
        m = _RATIO_RE.search(question)
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
            toks = {t for t in analyze(words) if t not in _QWORDS}
            hits = [c for c in row_cells if toks & self._tok(_label(c.col_path))]
            return hits[0] if len(hits) == 1 else None

        base, part = pick(base_words), pick(part_words)
        if base is None or part is None or base is part or not base.number or part.number is None:
            return None
        pct = (part.number / base.number * 100).quantize(Decimal("0.1"))
        shown = format_decimal(pct)
        fact = FactRef(
            type="computed",
            label=f"{_label(part.col_path)} / {_label(base.col_path)}",
            value=f"{shown}%",
            document=base.document,
            page=base.page,
            section=base.section,
            inputs=[self._fact(part), self._fact(base)],
        )
        row = _name(best.cell)
        text = (
            f"{row}의 {_label(base.col_path)} 대비 {_label(part.col_path)} 비율은 {shown}%입니다 "
            f"({_label(part.col_path)} {part.value} ÷ {_label(base.col_path)} {base.value})."
        )
        return self._answer(question, text, [part], [fact])

    # -- the API listing --
    def search(
        self, q: str, allow: Callable[[Cell], bool], k: int = 10
    ) -> list[tuple[Cell, float]]:
        return [(s.cell, round(s.score, 4)) for s in self.match(q, allow)[:k]]


def _numbers(cells: list[Cell]) -> list[Decimal]:
    """The numeric values of cells that have one (callers keep only numeric cells)."""
    return [c.number for c in cells if c.number is not None]
