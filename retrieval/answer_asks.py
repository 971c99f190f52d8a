"""What a question asks: the kind of answer (a figure, a date, a person or a name), its asked
noun, slot, topic and predicate, and whether a sentence holds or adds an answer of that kind."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from retrieval import asked, intent
from retrieval.answer_terms import _NOUN_TAGS, _QWORDS, squash
from retrieval.asked import holds_counter
from sosa.korean.analysis import morphemes, proper_nouns
from sosa.korean.analysis import tokens as kiwi_tokens
from sosa.korean.text import regions_in
from sosa.models import Answer

_NUMERIC_Q = re.compile(
    r"몇|얼마|건수|횟수|목표치|기준치|비율|점수|득점|배점|예산|금액|번호|전화|내선|%"
)
_PHONE_Q = re.compile(r"번호|전화|연락처|내선")
_PHONE_NOUNS = {"번호", "전화", "전화번호", "연락처", "내선", "연락", "문의", "문의처"}


def question_kind(question: str) -> str:
    """intent's kind, except that a phone word modifying the noun asked for ("휴대전화 기기
    제조사는 어디인가?" asks the 제조사) asks for that noun, not a number to call."""
    kind = intent.classify(question)
    if kind == "phone":
        asked = _asked_topic(question)
        if asked is not None and asked not in _PHONE_NOUNS:
            return "other"
    return kind


# What a restating sentence lacks, by what the question asks for: a figure (몇, 얼마, 층수,
# 높이), a date (언제, 연도, 해), a person (누구, 사람, 인물) or else a name (이름, 무엇).
_NUMBER_NOUNS = {
    "수",
    "높이",
    "길이",
    "면적",
    "고도",
    "무게",
    "인구",
    "규모",
    "크기",
    "거리",
    "나이",
    "수량",
    "개수",
    "갯수",
    "인원",
    "가격",
    "기온",
    "온도",
    "속도",
    "깊이",
    "넓이",
}
_DATE_NOUNS = {"해", "연도", "년도", "시기", "날짜", "때", "시대", "시점", "일자", "연월일"}
_PERSON_NOUNS = {"사람", "인물", "주인공"}
# Nouns in -수(手), "one who does" (가수, 선수, 투수, 교수): people, though they end like the
# counts in -수(數) (층수, 평수, 점수) that ask a figure. KorQuAD tuning half (all 2,799): 29
# questions ask one of the first four, read as asking a figure until then; 2475 -> 2477
# answers holding the gold (+2, -0), the agency sets unchanged.
_PERSON_NOUNS |= {"가수", "선수", "교수", "투수", "포수", "기수", "목수", "조수", "궁수"}
_HANJA_GLOSS = re.compile(r"([가-힣]{2,6})\([\u3400-\u9fff]{1,10}\)")
# A year, month or day (1981년, 6월, 1933) — not a count (7단지).
_DATE_FIGURE = re.compile(r"(\d{1,4})\s*(?:년|월|일|세기)|(?<!\d)(\d{4})(?!\d)")
# A date in a sentence (1969년, 9월 13일, a bare year 1969 or 1969~1970): no count or measure.
# "사망한 주민 수", "최대 평수", "팔린 갯수" are answered by 30명, 62평, 900만 장, not by the
# year the sentence opens with; a duration (6개월, 3년간) stays a figure.
_DATE_SPAN = re.compile(
    r"\d{1,4}\s*(?:년|월|일)(?!\s*(?:간|동안|째))"
    r"|(?<![\d,.])(?:1\d|20)\d{2}(?![\d,.])(?!\s*(?:%|[명개원건장평층호대곳위회번점세]))"
)
# Counters after 몇 that ask a date or a time: then a date is the figure asked.
_DATE_COUNTERS = {"년", "월", "일", "시", "해", "세기", "분", "초", "년도"}


@functools.lru_cache(maxsize=256)
def _asks_date_counter(question: str) -> bool:
    return asked.asked_counter(question) in _DATE_COUNTERS


def _figures(text: str, question: str) -> list[str]:
    """The numbers of a sentence that may answer a question asking a figure: without its
    dates, unless the question asks one (몇 년, 몇 월)."""
    if _asks_date_counter(question):
        return re.findall(r"\d+", text)
    return re.findall(r"\d+", _DATE_SPAN.sub(" ", text))


_QUOTED = re.compile(r"[‘'“\"「『《][^’'”\"」』》]{2,30}[’'”\"」』》]")


def _answer_kind(question: str) -> str:
    """'number', 'date', 'person' or 'name': the kind of content an answer adds to the
    question's own words (층수 and 평수 ask a figure in 층, 평)."""
    kind = question_kind(question)
    asked = _asked_topic(question) or ""
    if kind == "date" or asked in _DATE_NOUNS:
        return "date"
    if kind == "person" or asked in _PERSON_NOUNS or "누구" in question:
        return "person"
    numeric = kind in ("figure", "phone") or bool(_NUMERIC_Q.search(question))
    # X수 (층수, 평수) and X량 (판매량, 생산량) are figures too.
    measure = (len(asked) == 2 and asked.endswith("수")) or (
        len(asked) in (2, 3) and asked.endswith("량")
    )
    if numeric or asked in _NUMBER_NOUNS or measure:
        return "number"
    return "name"


def _adds(answer_kind: str, text: str, question: str) -> bool:
    """Whether a sentence holds content of the asked kind that the question does not already
    say: a figure or a year it does not state, a name it does not give. A sentence that only
    restates the question's facts ("1930년, 한 공동주택이 회현동에 세워졌다.") does not."""
    asked = question.replace(" ", "")
    given = set(re.findall(r"\d+", question))
    if answer_kind == "date":
        return any((a or b) not in given for a, b in _DATE_FIGURE.findall(text))
    if answer_kind == "number":
        return any(n not in given for n in _figures(text, question))
    if answer_kind == "hours":
        # a time of day, as "몇 시까지" is answered (9:00~18:00, 18시; not 72시간)
        return holds_counter(text, "시")
    names = [n for n in proper_nouns(text) if len(n) > 1 and n.replace(" ", "") not in asked]
    # A word glossed in Hanja (조충지(祖沖之)) is a name, unless the question gave it.
    names += [m.group(1) for m in _HANJA_GLOSS.finditer(text) if m.group(1) not in asked]
    if names:
        return True
    if answer_kind == "person":
        # A title (관장, 감독) the question does not name; its own glossed words are no name.
        own = _HANJA_GLOSS.sub(lambda m: "" if m.group(1) in asked else m.group(0), text)
        return intent.holds("person", own) and not intent.holds("person", question)
    return any(m.group(0).replace(" ", "") not in asked for m in _QUOTED.finditer(text))


_PREDICATE_TAGS = ("VV", "VA")
_VERBAL_SUFFIX = ("XSV", "XSA")


def _predicate(question: str) -> str | None:
    """The question's last predicate: a verb or adjective stem ("이루고 있는" -> 이루, "높은"
    -> 높), or the noun a 하다/되다 suffix makes one of ("임명하는" -> 임명); light verbs
    (하, 되, 있, 받) name nothing. None when the question also uses it as a noun ("지적사항
    지적건수 … 지적된 거야"): then it names the topic, not what is asked of it."""
    tokens = kiwi_tokens(question)
    found = None
    for prev, t in zip([None, *tokens], tokens, strict=False):
        if t.tag in _PREDICATE_TAGS and t.form not in _QWORDS:
            found = t.form.lower()
        elif (
            t.tag in _VERBAL_SUFFIX
            and prev is not None
            and prev.tag in ("NNG", "XR")
            and prev.form not in _QWORDS
        ):
            found = prev.form.lower()
    if found is not None and sum(t.form.lower() == found for t in tokens) > 1:
        return None
    return found


def _asked_noun(question: str) -> str | None:
    """The last content noun of the question ("개포주공아파트의 시공사는?" -> 시공사): the thing
    asked for, which the answer names in its own words, not a condition on the answer."""
    tokens = kiwi_tokens(question)
    nouns = [
        t.form.lower() for t in tokens if t.tag in ("NNG", "NNP") and t.form.lower() not in _QWORDS
    ]
    return nouns[-1] if nouns else None


_INTERROGATIVE = {"몇", "얼마", "무엇", "어디", "누구", "언제", "뭐"}
# A noun naming the answer itself ("절의 이름은", "노래 제목은"): the slot is the noun it names.
_NAME_NOUNS = {"이름", "명칭", "제목"}


# Verbs asking to be told a thing: "일정 알려줘", "예산 좀 보여 줘", "번호를 가르쳐 주세요".
_TELLING = {"알리", "보이", "보여주", "가르치", "말하"}


def _marked(tokens: Sequence[Any], i: int) -> bool:
    """Whether the noun at `i` is what is asked: marked by 은/는/이/가 or followed by 이다
    ("일정은?"), or the object of a verb of telling ("일정 알려줘", "일정을 좀 알려 주세요")."""
    after = tokens[i + 1 : i + 4]
    if after and after[0].tag in ("JX", "JKS", "VCP"):
        return True
    rest = [t for t in after if t.tag not in ("JKO", "MAG")]
    return bool(rest) and rest[0].tag == "VV" and rest[0].form in _TELLING


def _slot_noun(question: str) -> str | None:
    """The common noun the question asks an instance of, when it ends the question ("세금은?",
    "법률은?", "나라는 어디인가?", "절의 이름은?"): a common noun (NNG), not a name (NNP,
    "장두노미는 무엇인가?" asks about 장두노미), marked by 은/는/이/가 or followed by 이다."""
    tokens = kiwi_tokens(question)
    idx = [
        i
        for i, t in enumerate(tokens[:-1])
        if t.tag in ("NNG", "NNP", "NNB", "SL") and t.form not in _INTERROGATIVE
    ]
    if not idx:
        return None
    i = idx[-1]
    if not _marked(tokens, i):
        return None
    if tokens[i].form in _NAME_NOUNS and i >= 1:
        # "절의 이름은", "당 이름은": 절, 당
        i -= 2 if tokens[i - 1].tag == "JKG" and i >= 2 else 1
    if i == 0:
        return None  # "장두노미는 무엇인가?": nothing narrows it, it is what is asked about
    last = tokens[i]
    form = last.form.lower()
    prev = tokens[i - 1]
    if prev.tag.startswith(_NOUN_TAGS) and prev.start + prev.len == last.start:
        return None  # the end of a written-together noun (부채비율, 최고목표): its own concept
    return form if last.tag == "NNG" and form not in _QWORDS else None


def _asked_topic(question: str) -> str | None:
    """The noun the question asks about ("티베트 고원의 면적은?" -> 면적, "층수는 얼마인가" ->
    층수): its last content noun, marked by 은/는/이/가 or followed by
    이다, when it is the question's last noun. None when that noun is not so marked ("어떤
    노력을 했다고 평가받았나요?") or names the kind of answer only ("이유는", "것은")."""
    tokens = kiwi_tokens(question)
    nouns = [
        i
        for i, t in enumerate(tokens[:-1])
        if t.tag in ("NNG", "NNP", "NNB") and t.form not in _INTERROGATIVE
    ]
    if not nouns:
        return None
    last = tokens[nouns[-1]]  # the question's last noun, "이유는", "것은" included
    form = last.form.lower()
    marked = _marked(tokens, nouns[-1])
    return form if marked and last.tag != "NNB" and form not in _QWORDS else None


def _holds(kind: str, text: str, question: str, passage: str = "") -> bool:
    """Whether a quote holds the kind of answer asked; a person asked ("누구") is also held by
    a name the question does not already say (Kiwi's proper nouns: 고금성, 김현옥). Only the few
    candidates of a person question are analysed, through the bounded analysis cache."""
    if intent.holds(kind, text):
        return True
    if kind != "person":
        return False
    # The names the question gives must be there too: "경상남도 … 누구를" is not answered by
    # a sentence about 전라남도. Said in the quote's passage is enough (a passage names its
    # subject once, 푸시캣 돌스, and its sentences say who did what for it) unless the quote
    # names another region: a press release on all the agencies says each one's deed in turn.
    if set(regions_in(text)) - set(regions_in(question)):
        passage = ""
    squashed = squash(f"{passage} {text}")
    if any(len(n) > 1 and n.replace(" ", "") not in squashed for n in proper_nouns(question)):
        return False
    asked = question.replace(" ", "")
    return any(len(n) > 1 and n not in asked for n in proper_nouns(text))


# The particle after 누구 -> the particles the answering noun carries in the sentence: 누가 /
# 누구인가 a subject, 누구를 (위해, 통해) an object, 누구에게 (고소를 당했나) its source too.
_SUBJECT = frozenset({"이", "가", "은", "는"})
_WHO_MARKS = {
    "JKO": frozenset({"을", "를"}),
    "에게": frozenset({"에게", "에게서", "로부터", "한테", "께"}),
    "와": frozenset({"와", "과", "랑"}),
}


def _who_marks(question: str) -> frozenset[str]:
    """The particles the noun answering a 누구 question carries ("누구를 위해" -> 을/를)."""
    tokens = kiwi_tokens(question)
    for t, nxt in zip(tokens, tokens[1:], strict=False):
        if t.form != "누구":
            continue
        if nxt.tag == "JKO":
            return _WHO_MARKS["JKO"]
        if nxt.tag == "JKB" and nxt.form in ("에게", "한테", "께", "에게서"):
            return _WHO_MARKS["에게"]
        if nxt.tag == "JKB" and nxt.form in ("와", "과", "랑"):
            return _WHO_MARKS["와"]
        break
    return _SUBJECT


_ADDRESS = re.compile(r"[가-힣\d]+(?:로|길)\s?\d+")


# Where a thing is ("센터는 어디에 있어요?", "위치가 어디예요?"): said by a line that locates it
# (…가 위치한, 소재지, an address), not by one that only names its region (전북종합재가센터 …).
LOCATED_ASKED = re.compile(r"어디(?:에|쯤)?\s*(?:있|위치)|위치(?:가|는|한\s*곳은)?\s*어디")
# Whether an address asked ("주소 좀 알려주세요") asks where a thing is too.
ADDRESS_ASKED = True
_ADDRESS_ASKED = re.compile(r"(?<![가-힣])주소(?![가-힣])|주소(?:가|는|좀|를|요|도)")


def located_asked(question: str) -> bool:
    """Whether a question asks where a thing is (LOCATED_ASKED, or its address)."""
    return bool(
        LOCATED_ASKED.search(question) or (ADDRESS_ASKED and _ADDRESS_ASKED.search(question))
    )


LOCATING = re.compile(
    r"위치(?:한|하[고며는여]|해\s*있|함|\s*:)|소재(?:지|한|하)|주소|[가-힣]에\s*있(?:는|다|으며|음)"
    r"|자리(?:한|하고|잡)|" + _ADDRESS.pattern
)

# Words after 에 that make it no place: "서울시에 따르면", "법률에 따른", "목적에 부합한".
_NOT_LOCATIVE = {"따르", "관하", "대하", "의하", "비하", "부합", "맞", "이르", "달하", "걸치", "적합"}  # fmt: skip


def locates(text: str) -> bool:
    """Whether a line says where something is: a locating word (위치한, 소재지, an address) or a
    place's proper name in the locative (덕수궁에 마련한, 전주에서), not a 에 that relates
    ("서울시에 따르면"). (A common noun's 에 is as often whom a thing goes to: "기관에 제공".)"""
    if LOCATING.search(text):
        return True
    toks = kiwi_tokens(text)
    after = [t.form for t in toks[2:]] + [""]  # (the word after each 에, if any)
    return any(
        a.tag == "NNP" and b.tag == "JKB" and b.form in intent.LOCATIVE and c not in _NOT_LOCATIVE
        for a, b, c in zip(toks, toks[1:], after, strict=False)
    )


_PLACE_ASKED = re.compile(
    r"어느\s*(?:지역|도시|나라|국가|지방|시도|시군|장소)"
    r"|어디(?:에|에서|서)?\s*(?:세워|설립|건립|들어서|개최|열리|열렸)"
)


def place_asked(question: str) -> bool:
    """Whether a question asks in which place a thing is done ("어느 지역에서 하는거에요?",
    "어디서 열렸어요?"): a sentence answering it names a place."""
    return bool(_PLACE_ASKED.search(question))


# Where an event was held ("성과대회는 어디서 열렸어요?"): a place it was held in.
_VENUE_ASKED = re.compile(r"어디(?:에|에서|서)?\s*(?:개최|열리|열렸|열린|열려|열릴)")


def venue_asked(question: str) -> bool:
    """Whether a question asks where an event was held."""
    return bool(_VENUE_ASKED.search(question))


# Which one, asked of a kind of place or body ("C등급 받은 사회서비스원은 어디야?", "…한 곳은
# 어디인가?"): the answer names it, so a sentence naming no place or name the question lacks
# does not answer (not "어디에 있어요?", where it is: LOCATED_ASKED).
WHICH_PLACE_ASKED = re.compile(
    r"(?:데|기관|원|센터|단체)(?:가|는|은|이)\s*어디"
    # (asked in the past or to confirm too: "어디였죠?", "어디였습니까?")
    r"(?:야|예요|에요|인가요|인가|입니까|니|지|죠|일까요|였어요|였나요|였지|였죠|였어|였습니까)?"
    r"\s*[?？.]?\s*$"
)


# Whether "어디어디" (the places, plural: "B등급 받은 곳은 어디어디예요?") asks which ones
# too, whatever it is asked of: the sentence answering names them.
PLACES_LISTED = True
_PLACES_ASKED = re.compile(r"어디\s*어디")


# Whether the body a thing was done with or belongs to, asked ("업체 어디랑 계약했어", "어느
# 기관 소속이에요?"), asks which one too.
PARTNER_ASKED = True
_PARTNER_ASKED = re.compile(
    r"어디(?:랑|와|하고|이랑)\s*(?:[가-힣]+\s+)?(?:계약|협약|위탁|협력|제휴|연계|손잡)"
    r"|어느\s*(?:기관|업체|단체|회사|곳|법인)\s*(?:소속|에서\s*(?:일|근무))"
)


def which_places_asked(question: str) -> bool:
    """Whether a question asks which place or body (not where a thing is): the answer names it."""
    return bool(
        WHICH_PLACE_ASKED.search(question)
        or (PLACES_LISTED and _PLACES_ASKED.search(question))
        or (PARTNER_ASKED and _PARTNER_ASKED.search(question))
    )


# 언제, or the noun naming a when: "일정은?" (after "대체인력 파견 사업 있어?") asks the
# project's dates as "언제 해?" does, and is not answered by its content line. (Not 일정한,
# "a fixed …".)
_WHEN_ASKED = re.compile(
    r"언제|(?<![가-힣])(?:추진\s*)?(?:일정|날짜|일자)(?:은|는|이|가|을|를|도|표|과|에)?(?![가-힣])"
)
_WHO_SUBJECT = re.compile(r"(?<![가-힣])누가(?!\s*(?:받|이용|신청|참여|쓸|할 수))")


def gives_when_who_where(question: str, answer: Answer) -> bool:
    """False for a found fact or cell answer to "고객만족도 조사 언제 해?", "… 누가 해?" or
    "… 어디서 봐요?" that gives no date, no doer or nowhere to go: a figure of the thing (its
    만족도 결과 94.0) says none of them (a year labelling a figure dates the figure, not the
    thing asked about)."""
    if not answer.found:
        return True
    if WHICH_NO_FIGURE and _figures_only(answer) and _which_asked(question):
        # "만족도 조사 외주 업체 어디 썼어": which one, not how much; the survey's result
        # (만족도 결과 94.0) names no 업체.
        return False
    if _WHEN_ASKED.search(question) and intent.classify(question) == "date":
        return intent.holds("date", answer.answer)
    if _WHO_SUBJECT.search(question):
        return intent.holds("person", answer.answer)
    if WHERE_ASKED.search(question):
        # "평가 결과 어디서 봐요?": a score of the thing is no place to look
        return says_where(answer.answer, question)
    return True


# Whether a fact answer giving figures only (a score, a target, a budget, a measurement, a sum)
# answers no question asking which one or where (어디) that asks no figure.
WHICH_NO_FIGURE = True
_FIGURE_FACTS = frozenset({"score", "target", "budget", "measurement", "computed", "year"})


def _figures_only(answer: Answer) -> bool:
    return bool(answer.facts) and all(f.type in _FIGURE_FACTS for f in answer.facts)


def _which_asked(question: str) -> bool:
    """Whether a question asks which one or where (어디) and no figure nor comparison."""
    return (
        "어디" in question
        and question_kind(question) == "other"
        and _answer_kind(question) == "name"
    )


def says_where(text: str, question: str) -> bool:
    """Whether a sentence says where to go, call or look: a number, a team, a place, a site."""
    return (
        intent.holds("phone", text)
        or intent.holds("person", text)
        or bool(LOCATING.search(text) or _CHANNEL.search(text))
        or bool(set(regions_in(text)) - set(regions_in(question)))
    )


# Where to do a thing asked ("어디서 봐요?", "어디로 연락해요?", "어디에 신청해요?"); not
# what money or a thing is used for ("예산은 얼마고 어디에 써?").
WHERE_ASKED = re.compile(r"어디(?:에서|에|서|로)\s*(?!쓰|써|쓴|쓰이|사용|활용)[가-힣]")
# Where a thing is seen or asked for: a site, a board, a window.
_CHANNEL = re.compile(
    r"홈페이지|누리집|사이트|게시판|공시|창구|센터|번호|전화|핫라인|접수|채널|메신저|이메일|우편"
)


def gives_place(question: str, answer: Answer) -> bool:
    """False for a found answer to "어느 지역에서 해요?" that names no place the question
    lacks: a fact or a table cell about the subject ("돌봄서비스는 가사 및 일상생활지원 …")
    does not say where, as a sentence naming none does not (retrieval.answer)."""
    if not answer.found or not _PLACE_ASKED.search(question):
        return True
    # (the quotes: the answer's own wording names its source, ‘…’ 항목, not a place)
    texts = [c.quote for c in answer.citations] or [answer.answer]
    return any(_names_place(t, question) for t in texts if t)


def _names_place(text: str, question: str) -> bool:
    """Whether a sentence names a place the question does not: a region, an address, or a
    name (Kiwi's proper nouns, a quoted name) it lacks."""
    if set(regions_in(text)) - set(regions_in(question)) or _ADDRESS.search(text):
        return True
    return _adds("name", text, question)


def _new_subject(text: str, question: str) -> bool:
    """Whether the noun in the place the question asks 누구 (its subject: marked 이/가/은/는,
    or the particle 누구 carries) is a word the question lacks."""
    asked = set(morphemes(question)) | set(proper_nouns(question))
    marks = _who_marks(question)
    tokens = kiwi_tokens(text)
    return any(
        t.tag in ("NNG", "NNP")
        and len(t.form) > 1
        and nxt.tag.startswith("J")
        and nxt.form in marks
        and t.form.lower() not in asked
        for t, nxt in zip(tokens, tokens[1:], strict=False)
    )


# What was done or came out ("실제 수행 건수는 최종적으로 몇 건이었습니까?", "만족도가 몇 점
# 나왔대요?", "몇 명이 받았어요?"), not what was planned: a plan's target (목표치 70건, 만족도
# 80점 이상) does not answer it. A question naming the target or plan asks that instead.
_OUTCOME_ASKED = re.compile(
    r"실제|실적|최종(?:적)?|나왔|나온(?!\s*(?:거|것|게|데))|달성(?:했|한|률|율)|받았"
)
_PLAN_ASKED = re.compile(r"목표|계획|예정|기준|잡")
# A line stating a target: its own words or its section's (사업목표, 성과계약 목표) say 목표;
# one saying what was achieved (실적, 달성, 결과) states an outcome too.
_TARGET = re.compile(r"목표")
_OUTCOME_SAID = re.compile(r"실적|달성|결과")


def asks_outcome(question: str) -> bool:
    """Whether a question asks what was achieved or came out, not the target set for it."""
    return bool(_OUTCOME_ASKED.search(question)) and not _PLAN_ASKED.search(question)


def states_target_only(answer: Answer) -> bool:
    """Whether every quote of a found answer states a target (the line, or its section below
    the document's title, says 목표; or the fact quoted is a target) and none an outcome."""
    if not answer.found or not answer.citations:
        return False
    kinds = {f.type for f in answer.facts} - {"year"}
    targets = kinds == {"target"}
    return all(
        not _OUTCOME_SAID.search(c.quote)
        and (targets or _TARGET.search(c.quote) or _TARGET.search(c.section.split(" › ", 1)[-1]))
        for c in answer.citations
    )


# A year the question names ("2023년 말 기준", "'23년"), and a figure a line dates by its year
# ("'17년 351천명(18.9%)", "2021년 기준 22.3%").
_YEAR_NAMED = re.compile(r"(?<![\d.])(20\d\d)\s*년|['’‘](\d\d)\s*년")
_YEAR_DATED_FIGURE = re.compile(
    r"(?:(?<![\d.])((?:19|20)\d\d)|['’‘](\d\d))\s*년\s*(?:도|말)?\s*(?:기준)?\s*[(:]?\s*\d"
)


def _years(pattern: re.Pattern[str], text: str) -> set[str]:
    return {full or f"20{short}" for full, short in pattern.findall(text)}


def other_years_only(question: str, answer: Answer) -> bool:
    """Whether a question asking a figure names a year and every quote of its found answer
    dates its figures by other years only ("2023년 말 기준 고령인구 비율" quoting "'17년 …
    '21년 397천명(22.3%)"): the figure of the year asked is not there."""
    if not answer.found or not answer.citations:
        return False
    asked_years = _years(_YEAR_NAMED, question)
    if not asked_years or _answer_kind(question) != "number":
        return False
    return all(
        (dated := _years(_YEAR_DATED_FIGURE, c.quote))
        and not dated & asked_years
        and not _years(_YEAR_NAMED, c.quote) & asked_years
        for c in answer.citations
    )
