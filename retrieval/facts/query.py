"""Question parsing: what a question asks for, and the words that name its subject.

A question is split into its intent (a score, target, budget, contact or measurement is asked
for), the agencies and years that filter the facts, whether it compares years, and the subject
words that retrieval.facts.ranker matches against each fact's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.asked import COUNT_NOUNS, WHOLE_NAMED, asks_price
from retrieval.intent import INQUIRY_WHERE, TEAM, WHERE_TO, WHY, asked_clause, kind_word
from sosa.korean.analysis import INTERROGATIVES, content_words, morphemes
from sosa.korean.text import ORDINAL_PLACE, REGIONS, place_number, regions_in, spaced_few

# Question vocabulary per fact type: (pattern, strength). Strong words name the fact type;
# weak ones ("얼마") only help when the subject also matches.
# 담당 alone names the person in charge ("거기 담당은?"); "담당 팀", "담당하는 부서" ask the team
# (retrieval/profiles/business_plan/contacts.py team_of).
IN_CHARGE = rf"담당(?!\s*(?:{TEAM}|하|한|해|사업|업무|과제))"
# Whom to ask: "누구한테 물어보면 돼요?", "어디에 여쭤보면 되나요?" (a contact, its words no subject).
_ASK_A_PERSON = "물어|여쭤|여쭈"
_WHOM_TO_ASK = rf"(?:누구|어디)(?:한테|에게|께|로|에|에서|서)?\s*(?:{_ASK_A_PERSON}|문의|연락)"
# (the phrase is dropped from the subject; "어디로 연락해요?" was already read without it)
_WHOM_PHRASE = re.compile(
    rf"(?:누구(?:한테|에게|께)?\s*(?:{_ASK_A_PERSON}|문의|연락)|"
    rf"{WHERE_TO}(?:{_ASK_A_PERSON}))"
    r"[가-힣]*(?:\s+(?:하면|되|돼|봐|보면|드리면)[가-힣]*)*"
)
INTENTS: dict[str, list[tuple[str, float]]] = {
    # "경영평가 결과는?": the evaluation's result is its total and grade.
    "score": [
        (
            r"점수|득점|배점|몇\s*점|총점|등급|소계|점을\s*받|점\s*받았|만점|가점|감점|"
            r"평가\s*결과|종합\s*결과"
            # how the evaluation went, asked ("경영평가 잘 받았어요?", "평가 어땠어?")
            r"|평가\s*(?:를|가|는|은)?\s*(?:잘|좋게|어떻게)\s*(?:받|나왔|나오)"
            r"|평가\s*(?:는|은|가)?\s*어땠",
            1.0,
        )
    ],
    "measurement": [
        (r"기준치|최고\s*목표|최저\s*목표|목표\s*달성도|이행률|지적\s*건수|이행\s*건수", 1.0),
        (r"만족도|실적|안전사고", 0.6),
    ],
    "target": [
        (r"목표치|목표|몇\s*(?:회|번|건|명|개소|곳|군데|개|퍼센트|%)|횟수|계획인가|할\s*계획", 1.0),
        (r"비율|몇\s*명", 0.6),
        (r"얼마", 0.5),  # "급량비는 1인당 얼마": an amount set as a goal
    ],
    # "예산 편성 기준" is not a question about an amount: 예산 must be what is asked for.
    "budget": [
        (
            # (or compared: "예산 작년보다 늘었어?")
            r"(?<![·가-힣])(?:소요\s*)?예산(?:은|는|이|가|액|을|\?|$|\s*(?:좀\s*)?(?:얼마|알려))"
            r"|(?<![·가-힣])예산\s*(?:(?:이|은|는)\s*)?(?:작년|전년|지난\s*해)|사업비|금액"
            # (its whole, named after it: "그 사업 예산 총액", "예산 규모는?")
            rf"|(?<![·가-힣])예산\s*{WHOLE_NAMED}"
            # (a service's 비용 is what its user pays, which no budget fact says)
            r"|(?<!서비스)(?<!서비스 )(?<!이용)(?<!이용 )비용"
            # whether there is one, or how much was set ("예산 있어?", "예산 잡혀있지?")
            r"|(?<![·가-힣])예산\s*(?:(?:이|은|는|도)\s*)?(?:있|없|잡혀|잡힌|책정|배정)",
            1.0,
        ),
        (r"얼마", 0.5),
    ],
    "contact": [
        (rf"내선|연락처|전화|번호|콜센터|문의처|{WHERE_TO}(?:연락|문의)|{INQUIRY_WHERE}", 1.0),
        # whom to ask: "누구한테 물어보면 돼요?", "어디에 여쭤보면 되나요?"
        (_WHOM_TO_ASK, 1.0),
        # (or who does it: "누가 담당해?", "누가 맡고 있어?")
        (rf"담당자|{IN_CHARGE}|팀장|센터장|누가\s*(?:담당|맡)", 0.7),
    ],
}
# A duration or a frequency asked with 얼마 ("얼마나 오래", "얼마 동안", "얼마나 자주"), or
# of a span named ("이용 시간은 얼마나 돼요?": 72시간, not a budget).
_HOW_LONG = re.compile(
    r"얼마\s*(?:나\s*)?(?:오래|자주|길게|동안|걸려|걸리)|(?:시간|기간)(?:은|는|이|가)?\s*얼마"
)
# A change asked with 얼마나 ("목표 전년도 대비 얼마나 늘었어?"): of whatever was counted, an
# amount only when money is named.
_HOW_MUCH_CHANGED = re.compile(r"얼마나\s*(?:더\s*)?(?:늘|줄|올랐|오르|떨어|증가|감소|높아|낮아)")
_MONEY_NAMED = re.compile(r"예산|사업비|금액|비용|원(?![가-힣])")
# A rate named as what is asked (비율, 비중, 집행률, 이행율, %; 법률 names a law).
_RATE_NAMED = re.compile(
    r"비율|비중|[가-힣](?<!법)[률율](?:은|는|이|가|을|를|의|도)?(?![가-힣])|%|퍼센트"
)
# Words that ask rather than name the subject; dropped before matching.
_ASKING = re.compile(
    rf"(?<![가-힣])(?:(?:소요\s*)?예산\s*{WHOLE_NAMED}|(?:전체|총)\s*(?:소요\s*)?예산|"
    r"소요\s*예산|예산|목표치|목표|득점|점수|배점|"
    r"내선\s*번호|내선|전화\s*번호|"
    rf"대표\s*(?:전화\s*)?번호|대표\s*전화|연락처|번호|전화|담당자|{IN_CHARGE}|지표|"
    r"금액|사업비|비용|얼마|몇)"
    r"(?:은|는|이|가|을|를|의|와|과|에서|이랑)?(?![가-힣])"
    # who is asked, "담당 누구야?": the question word names no project
    r"|(?<![가-힣])(?:누구(?:야|예요|에요|인가요|인지|니|죠|지|세요|십니까|신가요)?|누가)(?![가-힣])"
)
_REGION_NAMES = "|".join(n for names in REGIONS.values() for n in names)
# Agencies select the rows (by region), they are not words to match against the rows.
_AGENCY_WORDS = re.compile(
    rf"\S*사회\s*서비스\s*원\S*|(?<![가-힣])(?:{_REGION_NAMES})(?:과|와|은|는|의|이|가)?(?![가-힣])"
)
# This year, asked ("긴급돌봄 올해 목표 인원"): the latest plan's, no word of the subject.
_THIS_YEAR = re.compile(r"(?<![가-힣])(?:올해|금년)(?:은|는|에|에는|의|도)?(?![가-힣])")
# The question's own verb ("개최하나요", "운영할 계획인가요") says nothing about the subject.
_PREDICATE = re.compile(
    r"[가-힣]+(?:하나요|하나|합니까|하는지|할|했나요|했어요|하였나요|해요|하려|되나요|됐나요)(?=\s|\?|$)"
)
# The evaluation itself and the overall result: not the subject of a score question.
# "2024년 경영평가 총점은?" names no area or indicator, so it asks for the total.
_EVALUATION = re.compile(
    r"(?<![가-힣])(?:경영\s*평가|평가\s*결과|종합\s*결과|최종\s*결과|전체\s*결과|평가|결과|"
    r"종합|전체|최종|총점|총\s*득점|등급|점수|득점|성적|우리\s*기관|저희\s*기관|우리|저희|"
    r"기관|이번|올해)(?:은|는|이|가|을|를|의|도|에서는|에서|으로|로|과|와|이랑|이야|이에요|예요|"
    r"인가요|입니까|이었나요|이었어요|이었니|이니|이지)?(?![가-힣])"
)
_FILLER = re.compile(
    r"(?<![가-힣])(?:받(?:았|은|는|을)[가-힣]*|어떻게\s*(?:되|돼|됐|나오|나왔|나와)[가-힣]*|뭐[가-힣]*|무엇[가-힣]*|"
    # (how it went: "잘 받았어요?", "잘 나왔어요?", "어땠어?")
    r"잘|좋게|좋았[가-힣]*|(?:나왔|나와)[가-힣]*|어땠[가-힣]*|"
    # (a request as evaluators write it: "… 득점 확인 부탁드립니다", "확인해 주십시오")
    r"(?:확인\s*(?:좀\s*)?)?(?:부탁|요청)\s*(?:드립니다|드려요|합니다|해요|드립니당)|"
    r"확인\s*(?:좀\s*)?(?:해\s*주[가-힣]*|바랍니다)|"
    # (점 with the copula in any of its endings: "몇 점인데요?", "몇 점이래요", "몇 점이었죠")
    r"알려\s*[가-힣]*|궁금[가-힣]*|점(?:(?:이|인|입|였)[가-힣]*|을|은|으로)?|좀|요)(?![가-힣])"
)
# Open questions (how, why, what the evaluators said, rankings, changes over time) are for the
# passage answerer: a single figure would not answer them. (Every word asking why, intent's:
# "감점 사유는?" had been given the score it asks the reason for.)
_OPEN = re.compile(
    rf"어떻게(?!\s*(?:되|돼|됐|나오|나왔|나와))|{WHY}|방법|절차|기준(?!치)|무엇을|뭘\s|뭐라고|"
    r"의견|가장|제일|"
    r"올랐|떨어졌|늘었|줄었|증가|감소|작년|전년|비교"
)
# "예산과 목표는?": two kinds of fact asked at once; one of them alone would not answer.
_ASKED_WORDS = {
    "budget": "예산|사업비",
    "target": "목표",
    "score": "점수|득점|배점|등급|총점",
    "contact": "연락처|번호|담당자|내선",
}
_ANY_ASKED = "|".join(_ASKED_WORDS.values())
_PAIR = re.compile(
    rf"({_ANY_ASKED})(?:은|는|이|가)?\s*(?:과|와|및|이랑|랑|하고|,)\s*(?:\S+\s+)?({_ANY_ASKED})"
)


def _kind_of(word: str) -> str:
    return next(k for k, pat in _ASKED_WORDS.items() if re.fullmatch(pat, word))


# A citizen asking where to call: the public numbers answer it, whoever asks.
CALL_WHERE = re.compile(
    rf"{WHERE_TO}(?:전화|연락|문의|{_ASK_A_PERSON})|{INQUIRY_WHERE}"
    r"|(?:전화|연락|문의)\S*\s*(?:할\s*)?(?:곳|데)\s*(?:가|이|는|은)?\s*어디"
)
STAFF_LINE = re.compile(rf"내선|담당자|{IN_CHARGE}|팀장|센터장")
PUBLIC_LINE = re.compile(r"대표\s*(?:전화|번호)|콜\s*센터|상담\s*전화")
SUM_RE = re.compile(r"합하|합계|합은|합이|합을|더하|총합|모두\s*더")
# Adding up said as a verb ("합치면?", "더해 줘").
ADDED_RE = re.compile(r"합치|합쳐|더하면|더해")
# The highest or the lowest asked ("가장 점수가 낮은 영역", "제일 큰 사업"): one word may stand
# between the adverb and the adjective.
# (the adjectives that say which end: read again after a place, "두 번째로 큰", with 커 of
# "두 번째로 커")
_HIGH = "높|크|큰|많|잘"
_LOW = "낮|적|작|못"
HIGHEST_RE = re.compile(rf"(?:가장|제일)\s*(?:\S+\s+)?(?:{_HIGH})|최고|최대")
LOWEST_RE = re.compile(rf"(?:가장|제일)\s*(?:\S+\s+)?(?:{_LOW})|최저|최소")
# A place in a ranking past the first: "두 번째로 큰 사업", "세 번째로 점수가 낮은 영역",
# "예산 2위 사업", "뒤에서 두 번째". A place counts in a ranking only with the adjective that
# says which end it counts from, or as 위 (from the top): "두 번째 사업은?" is a list's item.
_RANK_PLACE = re.compile(
    rf"(?:{ORDINAL_PLACE})(?:\s*(?:로|으로))?"
    r"|(?<![\d.,])(\d{1,2})\s*위(?=\s|$|[?？.!]|(?:는|가|인|의|를|야|예요|에요|로)(?![가-힣]))"
)
_RANK_HIGH = re.compile(rf"\s*(?:\S+\s+)?(?:{_HIGH}|커)")
_RANK_LOW = re.compile(rf"\s*(?:\S+\s+)?(?:{_LOW})")
_FROM_BOTTOM = re.compile(r"(?:뒤|밑|아래)\s*(?:에서|부터)\s*$|하위\s*$")


def rank_asked(text: str) -> tuple[int, bool] | None:
    """The place a ranking question asks past the first, and whether it counts from the top:
    (2, True) for "두 번째로 큰 사업은?", (3, False) for "세 번째로 낮은 영역은?"."""
    said = rank_said(text)
    return (said[1], said[2]) if said else None


def rank_said(text: str) -> tuple[re.Match[str], int, bool] | None:
    """`rank_asked` with the words that say the place (to say another place instead)."""
    for m in _RANK_PLACE.finditer(text):
        word = m.group(1) or m.group(2) or m.group(3)
        n = place_number(word)
        if n < 2:
            continue
        after, before = text[m.end() :], text[: m.start()]
        if _FROM_BOTTOM.search(before):
            return m, n, False
        high, low = _RANK_HIGH.match(after), _RANK_LOW.match(after)
        if high or low:
            # the nearer adjective: "두 번째로 높은 … 중 낮은" counts from the top
            return m, n, high is not None and (low is None or high.end() <= low.end())
        if m.group(3):
            return m, n, True  # "예산 2위": from the top
    return None


DIFF_RE = re.compile(r"차이|몇\s*점\s*(?:더|높|낮)|얼마나\s*(?:더|높|낮)")
_UNIT_ASKED = re.compile(
    r"몇\s*(회|번|건|명|개소|곳|군데|개|%|퍼센트)|목표\s*(점수|인원|횟수|건수|비율)"
)
# (the everyday counters: 몇 번 is 회, 몇 군데 is 곳)
_UNIT_ALIASES = {"번": "회", "군데": "곳", "퍼센트": "%", **COUNT_NOUNS}
_YEAR_RE = re.compile(r"(20\d{2})\s*년")
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
# "'24년 플랫폼 이용자" and "'25년 플랫폼 이용자" are one target over several years.
YEAR_PREFIX = re.compile(r"^\s*'?\d{2,4}년\s*")
# Two years compared: "전년 대비", "작년보다", "지난해와", "2년 연속". Answered with both figures
# when the index holds both years; otherwise it is an open question for the passages.
_COMPARE_YEARS = re.compile(r"전년|작년|지난\s*해|\d\s*년\s*연속|연속으로|연속\s")
# A comparison asked in so many words; without one, "작년 예산은?" names a year, not a change.
COMPARATIVE = re.compile(
    r"보다|대비|비해|비하면|비교|이?랑|차이|연속|올랐|오른|떨어|내렸|늘었|늘어|줄었|줄어|높아|낮아"
    r"|달라|변했|변화"
)
_COMPARE_WORDS = re.compile(
    r"(?:전년|작년|지난\s*해)도?\s*(?:대비|보다|와|과|에\s*비해|에\s*비하면)?|\d\s*년\s*연속(?:으로)?|"
    r"연속(?:으로)?|(?:올랐|떨어졌|늘었|줄었|높아졌|낮아졌|달라졌|변했)[가-힣]*|얼마나|비교[가-힣]*"
)


# Whether 몇 written together with its counter ("경영평가 몇점이야?") is read as "몇 점": joined,
# the counter was left in the question's subject, and no fact was found for it.
FEW_SPACED = True


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# A topic longer than this is settled by the question's own analysis when it can be: a long
# question is analysed once (Kiwi costs ~10 µs a character), not again as its topic.
_LONG_TOPIC = 60


def _contentless(text: str, question: str = "") -> bool:
    """No content morpheme left: "2024년 ?" or "" (Hangul bigrams alone do not count), nor one
    that names no subject: a question word ("어디로 연락해요?") or the kind of answer asked
    ("연락처는요?")."""
    if len(text) > _LONG_TOPIC and question:
        # A word the topic keeps whole that holds a content morpheme in the question.
        kept = set(text.split())
        if any(w in kept and not m.replace(".", "").isdigit() for m, w in content_words(question)):
            return False
    return not any(
        not m.replace(".", "").isdigit() and m not in INTERROGATIVES and not kind_word(m)
        for m in morphemes(text)
    )


@dataclass
class Query:
    """One question, parsed once: intents, filters and the words that name its subject."""

    text: str
    subject: str  # the words that name what is asked about
    topic: str  # the subject without the evaluation's own words: scores are matched on it
    regions: list[str]
    years: list[int]
    unit: str | None
    money: bool  # "얼마" with no other unit: an amount in 원
    numbers: set[str]
    intents: dict[str, float]
    open: bool
    two_kinds: bool  # "예산과 목표는?"
    call: bool  # "어디로 전화하나요": a citizen's question, for the public numbers
    staff_line: bool  # names a staff member's line: 내선, 담당자, 팀장, 센터장
    public_line: bool  # names a public line: 대표번호, 콜센터
    compare_years: bool = False  # "전년 대비", "2년 연속": a year against the one before


# "청렴 관련 사업": the words relating the subject to what is asked name nothing themselves
# (관련 would match a line saying "사업 관련 의견수렴" of another project).
_RELATING = re.compile(r"(?<![가-힣])(?:관련(?:된|한|있는)?|에\s*관한|에\s*대한)(?![가-힣])")
# Whether the asker's reason for asking (_FRAMING) is dropped before the question is read: its
# words (비교) would make it a comparison asked, or stay in the subject.
FRAMING_APART = True
# Why the asker asks ("비교를 위해 …", "참고로 …", "확인차"): no word of what is asked.
_FRAMING = re.compile(
    r"(?<![가-힣])(?:(?:비교|참고|확인)(?:를|하기)?\s*위해(?:서)?|비교하자면|참고로|확인차)(?![가-힣])"
)


def parse(question: str) -> Query:
    q = _squash(spaced_few(question or "") if FEW_SPACED else question or "")
    if FRAMING_APART:
        # ("비교를 위해 … 경영관리 득점도": a reason for asking, no comparison asked)
        q = _squash(_FRAMING.sub(" ", q))
    subject = _AGENCY_WORDS.sub(" ", _ASKING.sub(" ", _RELATING.sub(" ", _WHOM_PHRASE.sub(" ", q))))
    subject = _PREDICATE.sub(" ", _THIS_YEAR.sub(" ", subject))
    unit = _UNIT_ASKED.search(q)
    asked = (unit.group(1) or unit.group(2)) if unit else None
    if unit and unit.group(2):  # "목표 횟수": the unit asked for, not a word of the subject
        subject = re.sub(rf"(?<![가-힣]){unit.group(2)}(?:은|는|이|가|을|를)?", " ", subject)
    compare = _COMPARE_YEARS.search(q) is not None
    if compare:  # the comparison's own words name no fact, nor does the grade it asks about
        subject = _COMPARE_WORDS.sub(" ", subject)
        subject = re.sub(r"(?<![A-Za-z])[SABCD](?=\s*등급)", " ", subject)
    subject = _squash(re.sub(r"[?？!！]+|\.$", " ", subject))
    topic = _squash(_FILLER.sub(" ", _EVALUATION.sub(" ", subject)))
    # (how long or how often, "얼마나 오래 와 줘요?", asks no amount, target or budget)
    plain = _HOW_LONG.sub(" ", asked_clause(q))
    intents = {
        kind: max((s for pat, s in pats if re.search(pat, plain)), default=0.0)
        for kind, pats in INTENTS.items()
    }
    if asks_price(q):
        # "서비스 비용 얼마에요?": what the user pays, which no budget fact says
        intents["budget"] = 0.0
    if _RATE_NAMED.search(plain) and not _MONEY_NAMED.search(plain):
        # "조달계약비율은 얼마야?", "집행률 얼마야?": 얼마 of a rate asks the rate, no amount
        intents["budget"] = 0.0
    return Query(
        text=q,
        subject=subject,
        topic="" if _contentless(topic, q) else topic,
        regions=regions_in(q),
        years=[int(y) for y in _YEAR_RE.findall(q)],
        unit=_UNIT_ALIASES.get(asked, asked) if asked else None,
        money=asked is None
        and "얼마" in plain
        and not (_HOW_MUCH_CHANGED.search(q) and not _MONEY_NAMED.search(q)),
        numbers=set(NUMBER_RE.findall(q)),
        intents=intents,
        open=_OPEN.search(q) is not None,
        two_kinds=any(_kind_of(m.group(1)) != _kind_of(m.group(2)) for m in _PAIR.finditer(q)),
        call=CALL_WHERE.search(q) is not None,
        staff_line=STAFF_LINE.search(q) is not None,
        public_line=PUBLIC_LINE.search(q) is not None,
        compare_years=compare,
    )
