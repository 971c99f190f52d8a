"""What a question asks of a table: a figure, a text or a value of a shape, the unit and the
years asked, a ranking, a sum or a change, and its words with particles and endings cut off."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.cells import DATE, EMAIL, PHONE, Cell
from retrieval.asked import asked_counter, counter_names
from sosa.korean.analysis import bigrams, morphemes
from sosa.korean.analysis import tokens as analysis_tokens

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
SHAPE_ASKED = (
    (PHONE, re.compile(r"전화|연락처|(?:^|\s)번호")),
    (EMAIL, re.compile(r"이메일|메일\s*주소|전자\s*우편|e-?mail", re.I)),
    (DATE, re.compile(r"언제|날짜|일자|며칠")),
)


# Numbers that are not phone numbers: "팩스 번호", "공고 번호", "사업자 등록 번호".
_OTHER_NUMBER = re.compile(r"팩스|fax|공고|등록|사업자|계좌|우편|접수\s*번호|문서\s*번호", re.I)


def asked_shape(question: str) -> str:
    """The kind of value asked by its shape (전화번호, 이메일, 날짜), or ""."""
    for name, ask in SHAPE_ASKED:
        if ask.search(question) and not (name == PHONE and _OTHER_NUMBER.search(question)):
            return name
    return ""


def asks_table(question: str) -> bool:
    """The route into table answers: a figure asked, a text asked (who, which, where), or a
    value of a shape (a phone number, an e-mail address)."""
    return bool(FIGURE_RE.search(question) or TEXT_ASK_RE.search(question) or asked_shape(question))


QWORDS = {
    "얼마", "몇", "무엇", "어느", "어떤", "인가", "이", "가", "은", "는", "나", "되",
    "하", "있", "알리", "주", "까지", "##", "가장", "높", "낮", "크", "작", "많", "적",
    "합계", "평균", "총", "전체", "모두", "대비", "비율", "증감", "늘", "줄", "깎이",
    # "운영비 항목 중 …", "… 가운데", "큰 건 뭐예요": which of them is asked, no label's word
    "중", "가운데", "뭐", "거", "것",
}  # fmt: skip
MAX_RE = re.compile(r"가장\s*(?:높|크|큰|많|비싸|길|넓)|최고|최대(?:인|로|값)")
MIN_RE = re.compile(r"가장\s*(?:낮|작|적|싸|짧|좁)|최저|최소(?:인|값)")
# "가장 많이 깎인": the most negative change, a minimum despite 많이. So is a loss said as a
# noun and called the largest ("감점이 제일 큰", "배점 대비 손실이 가장 큰", "감소 폭이 가장
# 큰"): the largest loss is the lowest result, though 크다 reads as the highest.
LOSS_LARGEST = True
_CUT_VERB = r"(?:가장|제일)\s*(?:많이|크게)\s*(?:깎|줄|감소|삭감|감액|감점|잃)"
_LOSS_NOUN = r"(?:감점|손실|감소|감액|삭감|하락)\s*(?:폭|액|분)?\s*(?:이|가|은|는)?"
_CUT_LARGEST = rf"{_LOSS_NOUN}\s*(?:가장|제일)\s*(?:크|큰|많)"
CUT_RE = re.compile(rf"{_CUT_VERB}|{_CUT_LARGEST}" if LOSS_LARGEST else _CUT_VERB)
SUM_RE = re.compile(r"합계|합은|합하면|모두\s*더|총합|전체\s*\S*\s*(?:수|합)")
COUNT_RE = re.compile(r"몇\s*(?:개|곳|가지|종류)")
AVG_RE = re.compile(r"(?<![월연일주])평균")
RATIO_RE = re.compile(r"(\S+?)\s*대비\s*(\S+?)(?:의|은|는|이|가)?\s*(?:비율|비중|%|퍼센트)")
CHANGE_RE = re.compile(r"늘었|줄었|증감|증가|감소|변화")
RATE_Q = re.compile(r"증감\s*률|증감\s*비율|증가율|감소율|변동률|\(%\)|몇\s*%|퍼센트")
CHANGE_Q = re.compile(r"증감|늘었|줄었|늘어|줄어|올랐|내렸|증가|감소|변동")
# One whole asked for ("총 상금", "전체 예산 규모"): several cells listed do not answer it.
WHOLE_ASKED = re.compile(r"(?<![가-힣])총\s*(?!\d)[가-힣]|전체|총액|규모")

# "이 사업의 제안서 평가에서": a demonstrative points at the document asked about, and the word
# after it names that document, not a row or column of one of its tables.
_POINTED = re.compile(r"(?:^|\s)(?:이|그|해당|본|동)\s+\S+")


@lru_cache(maxsize=1024)
def word_stems(question: str) -> tuple[str, ...]:
    """Each word of a question with its particles and endings cut off ("실적은" -> 실적), read
    from the one analysis of the whole question (not one Kiwi call per word)."""
    return tuple(stem for stem, _pieces in stem_pieces(question))


@lru_cache(maxsize=256)
def stem_pieces(question: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`word_stems` with the morphemes Kiwi read in each stem, in the question's context."""
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
        pieces = tuple(t.form.lower() for t in toks if start <= t.start < cut)
        out.append((text[start:cut], pieces))
    return tuple(out)


def query_tokens(question: str) -> list[str]:
    """Morphemes plus Hangul bigrams of each word with its particles and endings cut off
    ("실적은" -> 실적), so no bigram spans two words or a particle."""
    out = morphemes(_POINTED.sub(" ", question))
    for stem in word_stems(question):
        if stem not in QWORDS:  # "가장", "가운데": no bigram of an asking word either
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


HOW_MUCH = re.compile(r"얼마(?!나)")  # "얼마나 늘었" asks a change, not a price
# "몇 건 기록돼 있어?", "건수는?": a count of records asked (the unit said, if any).
ROWS_ASKED = re.compile(r"몇\s*(건|개|가지|곳|종류)|(?:건|개)수")
LISTED = re.compile(r"(?:기록|수록|기재|등재|게재|등록)(?=\s*(?:돼|되|된|하|해))")
# The asking word and the column labels that hold its kind of answer: "누구에게" is answered by
# a 제공대상 or 신청자 column, "어디" by a 장소 column, "언제" by a 기간 column.
ASKED_KINDS = (
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


_ASKED_UNIT = re.compile(r"몇\s*(명|건|회|번|개|곳|군데|점|%|원|일|개월|년|㎡|m|톤)")
_UNIT_FAMILY = {"번": "회", "곳": "개소", "개월": "월"}
_AGG_WORDS = ("합계", "총계", "소계", "평균", "최대", "최고", "최저", "최소")


def unit_fits(asked: str, c: Cell) -> bool:
    """ "몇 명" is not answered by a 천원 cell, "몇 세대" not by a ㎡ one: an asked unit or
    counter must agree with the cell's own."""
    if not asked:
        return True
    unit = c.unit or ""
    if not unit:
        return True  # the column states none: the question's unit may be the table's
    names = counter_names(_UNIT_FAMILY.get(asked, asked))  # (the counter itself among them)
    return any(unit.endswith(n) or n.endswith(unit) or n in c.value for n in names)


def asked_unit(question: str) -> str:
    """The unit a figure is asked in: "몇 명", "몇 %", or any counter after 몇 ("몇 세대")."""
    m = _ASKED_UNIT.search(question)
    if m:
        return m.group(1)
    # (without 몇, asked_counter reads 시 off a service's hours: no unit of a figure asked;
    # "개/단지" names two ways to count, which no one cell unit is)
    counter = asked_counter(question) if "몇" in question else None
    return counter if counter and "/" not in counter else ""


def unit_conflict(asked: str) -> bool:
    return asked not in ("", "%")


def names_aggregate(question: str, label: str) -> bool:
    """A total asked ("합계") and the cell's own label says that total."""
    q, lab = question.replace(" ", ""), label.replace(" ", "")
    return any(w in q and w in lab for w in _AGG_WORDS)


def wants_aggregate(question: str) -> bool:
    return any(r.search(question) for r in (MAX_RE, MIN_RE, SUM_RE, COUNT_RE, AVG_RE))


def states_value(question: str, c: Cell) -> bool:
    """The question itself gives the cell's figure with its unit ("2건은 각각 어디서")."""
    if c.number is None or not c.unit:
        return False
    value = re.sub(r"[\s,]", "", c.value)
    if value.endswith(c.unit):
        value = value[: -len(c.unit)]
    flat = re.sub(r"[\s,]", "", question)
    return bool(re.search(rf"(?<![\d.]){re.escape(value)}{re.escape(c.unit)}", flat))
