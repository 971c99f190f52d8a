"""What a question asks for, and whether a sentence holds that kind of answer.

Kinds: figure (a number with its unit), phone, date (a date or period), person (a person or
team), reason (왜/이유/감점), list (무엇이 있나요/종류), yesno, comparison, other. The answer
composer prefers evidence sentences holding the kind asked for over merely overlapping ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.profiles import asks
from sosa.korean.analysis import Tok, kiwi, kiwi_lock, tokens
from sosa.korean.text import josa

# The words naming a team, which "담당 …", "맡은 …", "어느 …" ask for (the contacts profile and
# the fact query read them too).
TEAM = r"(?:팀|부서)"
# The heads of an agency or its centres, asked by title ("원장님 이름이 뭐예요?").
HEADS = r"(?:원장|이사장|센터장|본부장)"
# "어디" with the particle of where to turn ("어디로", "어디에", "어디서"), before a verb of
# calling or asking (the contacts' intents read it too: retrieval/facts/query.py).
WHERE_TO = r"어디(?:로|에|에서|서)?\s*"
# ... or the inquiry said first: "문의는 어디로 해?", "문의는 누구한테 하면 돼?"
INQUIRY_WHERE = r"문의(?:는|은|처는)?\s*(?:어디|누구)"
# The words that ask which, where, when, who, why, how or how much.
_QUESTION_WORDS = r"뭐|무엇|무슨|어떻게|어떤|어디|어느|언제|누가|누구|왜|몇|며칠|얼마"
# The words asking why (the reason kind's, and the fact router's open questions').
WHY = r"왜|어째서|이유|사유|까닭|원인"
# Head nouns naming a kind of offer, not which one ("…지원 서비스", "…교육 프로그램").
SERVICE_HEADS = ("사업", "서비스", "프로그램", "제도")
SERVICE_HEAD = "(?:" + "|".join(SERVICE_HEADS) + ")"
_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # (where to inquire: "어디에 문의하면 돼요?", "문의처는?", and a follow-up's request read
    # whole, "장애인 활동지원 문의"; not an inquiry told of, "누구에게 문의했는가?")
    (
        "phone",
        # (whom to inquire of, "누구한테 문의하면 돼?", asks the line to call as well)
        re.compile(
            rf"번호|전화|연락처|내선|연락|문의처|{WHERE_TO}문의|문의\s*$"
            r"|누구(?:한테|에게|께)\s*문의(?:하면|해야|할|드리|하나|하죠|해요)"
            rf"|{INQUIRY_WHERE}"
        ),
    ),
    (
        "reason",
        # (a kind's findings asked whole first, then why, then the kind's own words for what
        # was lacking: retrieval.profiles.asks)
        # ("뭐가 그렇게 좋아서 1등 했대요?": what it was that made it so, asked)
        re.compile(
            rf"{asks.FINDINGS}|{WHY}|{asks.REASON}"
            r"|뭐가\s*(?:그렇게|그리|그렇게나)?\s*[가-힣]+(?:아서|어서|해서|여서)"
        ),
    ),
    ("comparison", re.compile(r"비교|차이|보다|더 (?:높|낮|많|적)|어느 쪽")),
    ("date", re.compile(r"언제|기간|기한|일정|날짜|시기|몇 월|며칠|마감")),
    # Who may use a service ("누가 받을 수 있나요?", "누구나 신청할 수 있어요?"): its target
    # group and criteria (대상자 기준 : … 경우), not a person's name.
    (
        "target",
        # ("장애인도 긴급돌봄 받을 수 있어요?": whether a group is among them, asked)
        # (who received, took part or applied, "표창은 누가 받았어?", asks of an event past:
        # those named, not whom a service is for)
        re.compile(
            r"누가\s*(?:받(?!았)|이용(?!했)|신청(?!했)|참여(?!했)|쓸|할 수)|누구(?:나|를 대상)"
            # ("교육 대상은 누구야?", "누구 대상이야?": the target group by its own noun)
            r"|대상(?:은|이|자는|자가)?\s*누구|누구\s*대상"
            # (a group marked 도, not a time or place: "주말에도 받을 수 있어요?" asks when)
            r"|[가-힣](?<!에)(?<!에서)도\s+(?:[가-힣]+\s+){0,2}(?:받|이용|신청|참여)(?:을|할)?\s*수\s*있"
        ),
    ),
    # (부서 is a team by its general name: "담당 부서는?", "어느 부서에서 해요?")
    (
        "person",
        re.compile(
            rf"누구|담당자|담당(?:하는|한)? ?{TEAM}|맡(?:은|는) {TEAM}|어느 {TEAM}"
            r"|어디서 (?:담당|맡)|책임자|팀장"
            # a head asked by title and name ("원장님 이름이 뭐예요?", "이사장 성함은?")
            rf"|{HEADS}(?:님)?(?:의|은|는)?\s*(?:이름|성함)"
        ),
    ),
    (
        "figure",
        re.compile(
            r"몇|얼마|건수|횟수|개수|갯수|목표치|기준치|비율|점수|득점|배점|만점|예산|금액|총점|총액|%"
        ),
    ),
    (
        "list",
        re.compile(
            r"무엇이 있|뭐가 있|뭐 있|(?:어떤|무슨) (?:것|게|사업|서비스|프로그램|제도)|종류|목록|항목들|무엇무엇"
            # a plural asked for ("사업들이 뭐야", "뭐뭐야", "모두 알려줘", "각각"; not
            # 각각의, which qualifies the one noun asked: "각각의 선수가 받은 상의 이름은?")
            r"|[가-힣]들(?:이|은|을)? (?:뭐|무엇|어디)|뭐뭐|모두 알려|전부 알려|각각(?!의)|예로 든"
            # what a team or a body does ("무슨 일을 하나요?", "어떤 일 해요?"): its work, listed
            r"|(?:어떤|무슨)\s*일(?:들)?(?:을|이|은)?\s*(?:해|하)"
        ),
    ),
    (
        "yesno",
        re.compile(
            # (a service done for the asker: "안전점검도 해 주나요?", "와 주시나요?")
            r"(?:있|되|하|받|가능하|맞|주|주시)(?:나요|습니까|어요|을까요|ㄹ까요|니|나)\??$"
            # (not with a question word: "…한 기관은 어디인가요?", "어느 지역이 대상인가요?"
            # ask which)
            rf"|^(?!.*(?:{_QUESTION_WORDS})).*인가요\??$"
            # (said plainly, "농촌 돌봄 서비스 있어?", "상담 받을 수 있어?": whether it is,
            # when nothing in it asks which, where or how)
            rf"|^(?!.*(?:{_QUESTION_WORDS})).*(?:있|없)어\??$"
            # (a verb's contracted polite form, "활동지원도 해요?", "무료로 돼요?", "받아요?":
            # whether, when nothing in it asks what or how; not 줘요, "알려줘요" requests)
            rf"|^(?!.*(?:{_QUESTION_WORDS})).*(?:해|돼|받아|맞아)요\??$"
        ),
    ),
]

_LIST_ASK = next(p for k, p in _KIND_PATTERNS if k == "list")
# Whether a plural noun asked which ("어떤 매뉴얼들이 나와요?", "어떤 과정들이 있어요?") or a
# list asked for ("나열해 주십시오") asks a list too.
LIST_PLURAL = True
_PLURAL_ASK = re.compile(r"(?:어떤|무슨)\s*[가-힣]+들(?:이|은|을|도)?(?:\s|$)|나열")
# Whether so many things asked what they are ("우수사례로 뽑힌 사업 세 개가 뭐였죠?", "두 가지는
# 무엇인가요?") asks them listed: the count says there are several.
COUNTED_LIST = True
_COUNTED_ASK = re.compile(
    r"(?<![가-힣\d])(?:두|세|네|다섯|여섯|일곱|여덟|아홉|열|[2-9]|[1-9]\d)\s*(?:개|가지)"
    r"(?:가|는|은|를|을|의)?\s*(?:뭐|무엇|뭔|어떤|무슨)"
)
_UNIT_FIGURE = re.compile(
    r"\d[\d,.]*\s*(?:천원|백만원|억원|만원|원|건|회|명|개소|개|곳|점|%|시간|일|년|월|차|팀)"
)
# (four digits alone are an extension, "4055"; not a year, "2023년", "2023. 1 ~ 12월")
# A phone number as written with dashes (063-123-4567, 1522-0365); the other readers of phone
# numbers (retrieval.answer, retrieval.asked, retrieval.conversation) start from it.
PHONE_NUMBER = r"\d{2,4}-\d{3,4}(?:-\d{4})?"
_PHONE = re.compile(PHONE_NUMBER + r"|(?<!\d)\d{4}(?!\d|년|\.\s?\d)")
# (a range is a period when its ends are dates or times: "3.23 ~ 4.13", "9:00~18:00", "~ 12월";
# not "600~800km")
_DATE = re.compile(
    r"\d{1,2}\s*월|\d{4}\s*[.년]\s*\d{1,2}|분기|상반기|하반기|연중|매월|매년"
    r"|\d{1,2}[.:]\s?\d{1,2}\.?\s*[~∼]|[~∼]\s*[’']?\d{1,2}[.:]\s?\d{1,2}"
)
_PERSON = re.compile(
    r"[가-힣]+팀|담당자?|부서|팀장|센터장|원장|[가-힣]{2,3}\s*(?:주무관|팀장|선임|대리)|"
    r"[가-힣]*(?:국장|과장|실장|본부장|정책관|장관|차관|위원장|이사장|대표)"
    # a person by title outside the agency's own ranks, and a name glossed in Hanja
    # (고금성(古金星)): encyclopaedic text names people so (KorQuAD tuning half)
    r"|관장|사범|감독|회장|사장|의원|대통령|총리|교수|장군|황제|국왕"
    r"|[가-힣]{2,4}\([\u3400-\u9fff]{2,4}\)"
)
_REASON = re.compile(
    r"필요|미흡|부족|않|없|때문|위해|개선|요구|어려|한계|바람|권고|아쉬|노력해야|할 것|못하|미비"
)
_TARGET = re.compile(r"대상|자격|기준|경우|가구|계층")
_LIST_LINE = re.compile(r"^\s*(?:[-–·•▪■□○◆◇▶▷▣*◎●]|\d+[.)]|[①-⑳]|[가-하][.)])")
# An enumeration inside a sentence ("탄력근무제, 가족돌봄휴가, 가족의 날 등"): a list too.
_ENUMERATION = re.compile(r"[^,]{2,40},\s*[^,]{2,40},\s*[^,]{2,40}|[^,]{2,40},\s*[^,]{2,40}\s등")


_HOW_MANY = re.compile(r"몇|얼마")
_WHICH_MOST = re.compile(r"가장|제일|최대|최소")
# A reason asked in so many words ("왜 깎였어?", "감점 사유는?").
WHY_ASKED = re.compile(r"왜|어째서|이유|원인|까닭|사유")


# Whom a service goes to ("누구한테 보내주나요", "어디에 파견해요"): the plan's content or target
# line answers, not a person's name.
RECIPIENT_ASKED = re.compile(
    # (the benefactive 주 or 제공 marks a service given; "누구에게 보냈는가" asks a person)
    r"(?:누구|어디)(?:한테|에게|에|로)\s*(?:\S+\s+)?"
    r"(?:(?:보내|파견해|지원해|해|와)\s?(?:주|줘)|제공)"
)


_REASON_ASK = next(p for k, p in _KIND_PATTERNS if k == "reason")


_TARGET_ASK = next(p for k, p in _KIND_PATTERNS if k == "target")


def _without(pattern: re.Pattern[str], text: str) -> str:
    return re.sub(r"\s+", " ", pattern.sub(" ", text)).strip()


def without_reason_words(text: str) -> str:
    """`text` without the words that ask a reason ("개선하라고", "감점", "왜")."""
    return _without(_REASON_ASK, text)


# What was praised, asked ("강점은?", "좋게 본 점은?"): the comments answer it in their own
# words, as they do a reason asked (each kind's words: retrieval.profiles.asks).
PRAISE_ASKED = re.compile(asks.PRAISE)


def without_praise_words(text: str) -> str:
    """`text` without the words that ask what was praised ("강점", "좋게")."""
    return _without(PRAISE_ASKED, text)


def without_target_words(text: str) -> str:
    """`text` without the words that ask who may use a service ("누가 신청할 수 있어요?":
    신청 is how the asker would use it, which the target line answers without the word)."""
    return _without(_TARGET_ASK, text)


def classify(question: str) -> str:
    if RECIPIENT_ASKED.search(question):
        return "other"
    listed = (
        _LIST_ASK.search(question)
        or (LIST_PLURAL and _PLURAL_ASK.search(question))
        or (COUNTED_LIST and _COUNTED_ASK.search(question))
    )
    if listed and not _HOW_MANY.search(question):
        # "목표예산을 바꾼 사업들은 뭐야?": the plural asked decides, not a figure word (예산)
        # naming the topic; "각각 몇 점" still asks figures.
        for kind, pattern in _KIND_PATTERNS:
            if kind == "figure":
                return "list"
            if pattern.search(question):
                return kind
    for kind, pattern in _KIND_PATTERNS:
        if kind == "reason" and _WHICH_MOST.search(question) and not WHY_ASKED.search(question):
            continue  # "가장 많이 깎인 지표는?": which one, not why
        if pattern.search(question):
            return kind
    return "other"


# A success asked why of ("대전은 왜 1등 했어요?"): its reason is what was praised (…등에서 매우
# 우수한 평가를 받았다), not a shortfall or a plan's aim (_REASON).
# (and a kind's own successes, an evaluation's S등급: retrieval.profiles.asks)
_SUCCESS_ASKED = re.compile(
    r"(?:1|일)\s*등|1\s*위|우수|최고|잘\s*(?:했|한|된|하|받)|좋(?:은|았|아)"
    rf"|높(?:은|았|게)|수상|선정|{asks.SUCCESS}"
)
_SHORTFALL_ASKED = re.compile(r"깎|감점|낮|떨어|못|부족|미흡|안\s*좋")
_PRAISE = re.compile(r"우수한 평가|높은 평가|평가를 받|인정받|호평|강점|탁월|뛰어나|돋보|모범")


def praise_asked(question: str) -> bool:
    """Whether a why-question asks of a success (so what was praised is its reason)."""
    return bool(_SUCCESS_ASKED.search(question)) and not _SHORTFALL_ASKED.search(question)


def praises(sentence: str) -> bool:
    """Whether a sentence says what was praised."""
    return bool(_PRAISE.search(sentence))


def holds(kind: str, sentence: str) -> bool:
    """Whether a sentence holds the kind of answer asked for."""
    if kind == "figure":
        return bool(_UNIT_FIGURE.search(sentence))
    if kind == "phone":
        return bool(_PHONE.search(sentence))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "person":
        return bool(_PERSON.search(sentence))
    if kind == "reason":
        return bool(_REASON.search(sentence))
    if kind == "target":
        return bool(_TARGET.search(sentence))
    if kind == "list":
        return bool(_LIST_LINE.match(sentence) or _ENUMERATION.search(sentence))
    return False


_CLAUSE_END = re.compile(
    r"(?<=[가-힣])(?:는데|은데|는데요|어서|아서|해서|니까|으니|고 있는데|지만|는데도)\s+"
)


# A need stated, not asked ("…돌봐 줄 사람이 없어요", "…도움이 필요합니다"): a lack or a need
# closes the statement, and nothing in it asks (no question mark, no question word).
_NEED = re.compile(r"(?:없|필요)[가-힣]*(?:요|다)[.!~\s]*$")
_ASKING = re.compile(rf"\?|{_QUESTION_WORDS}|(?:까|나|니|냐)요?[.!\s]*$")


def asking(text: str) -> bool:
    """Whether a clause asks (a question mark, a question word, or an asking ending)."""
    return bool(_ASKING.search(text))


# The same need as a condition of what to do ("…돌봐 줄 사람이 없으면 어떻게 해요?", "…도움이
# 필요하면 어디로 연락해요?"): the lack is stated, what is asked is what to do about it.
_NEED_IF = re.compile(
    r"(?:없|필요하)(?:으면|면|을\s*때|는데)\s*(?:어떻게|어떡|어디|누구|뭘|무엇을|무얼)[가-힣\s]{0,12}[?？.!]*$"
)


# The same need as a question whether a service for it exists ("…갑자기 입원하게 되면 돌봐주는
# 서비스 있어요?"): what the service would do (the clause before the head noun) is the need.
_NEED_SERVICE = re.compile(
    r"(?<=[가-힣])\s*(?:서비스|프로그램|제도)(?:가|이|는|은|도)?\s*"
    r"(?:있|없)(?:어요|나요|습니까|을까요|는지요?|어|니|냐)?[?？.!\s]*$"
)
_ADNOMINAL = ("는", "은", "ㄴ", "ㄹ", "을")


# Another one asked for than what was given ("다른 목표는?", "그 외에 또 있어?", "그거 말고
# 다른 건?", "나머지는?").
_OTHER = re.compile(
    r"(?<![가-힣])(?:(?:다른|딴)(?![가-힣])|그\s*(?:외|밖)|나머지)|말고(?:는|요)?(?![가-힣])"
)


# A thing named before 말고 ("복지포인트 말고 다른 건?"): one item of what was given is set
# aside, the rest of it asked (not the words that point back: 그거, 그건, 이거, 저거).
_NAMED_BEFORE_BUT = re.compile(r"([가-힣A-Za-z]{2,})\s*말고")
_POINTING = {"그거", "그건", "이거", "이건", "저거", "저건", "그것", "그것은", "이것"}


def asks_other(text: str) -> bool:
    """Whether the text asks for another thing than what was given before (not the rest of
    it after setting one named item aside)."""
    named = _NAMED_BEFORE_BUT.search(text)
    if named and named.group(1) not in _POINTING:
        return False
    return bool(_OTHER.search(text))


def states_need(text: str) -> bool:
    """Whether the text states a lack or a need rather than asking a question."""
    return bool(_NEED.search(text)) and not _ASKING.search(text)


# A request or a wish, however it ends ("알려주세요", "상담받고 싶었어요", "궁금했어요").
_REQUESTING = re.compile(r"주세요|줘|알려|싶|궁금|부탁|보여|말해")
# Who tells of themselves or their own ("제가 요양보호사예요", "저희 기관이에요").
_SELF = re.compile(r"(?<![가-힣])(?:저|제가|저희|제|우리|나는|내가)(?![가-힣])")
# The past markers Kiwi reads (했어요, 다쳤어요, 입원하셨어요, 그만뒀어요: 었/았/였).
_PAST = ("었", "았", "였")


def situation(text: str, first: bool = True) -> str | None:
    """What the text tells, when it asks nothing, needs nothing and requests nothing: "who"
    for who the asker is ("장수에 있는 작은 복지기관이에요", a copula), "event" for what happened
    ("요양보호사인데 일하다가 다쳤어요", "인권침해 당했어요", a past tense); None for anything else.
    Who the asker is asks nothing of the documents; what happened asks what they offer for it,
    said by its last clause (`last_clause`: 다쳤어요, not 요양보호사). (The present tense is
    left alone: "서비스 있어요" is often asked without its question mark. So is a copula after
    a first turn, "무료예요", unless the asker tells of themselves: it is as often a question
    of the earlier subject.)"""
    t = text.strip()
    if _ASKING.search(t) or states_need(t) or _REQUESTING.search(t) or _NEED_IF.search(t):
        return None
    toks = [x for x in tokens(t) if not x.tag.startswith("S")]
    if len(toks) < 2 or toks[-1].tag != "EF":
        return None
    before = toks[-2]
    if before.tag == "EP" and before.form in _PAST:
        return "event"
    if before.tag == "VCP" and (first or bool(_SELF.search(t))):
        return "who"
    return None


# Why a body does a thing, asked of the thing: "대체인력 파견은 왜 해요?", "긴급돌봄은 왜 하는
# 거예요?" (the present of 하다 and its kin; not "왜 깎였어?", a result, nor a past deed).
_WHY_DONE = re.compile(
    r"^(?P<thing>.+?)(?:은|는|을|를)?\s*왜\s*(?:운영|추진|실시|시행)?\s*"
    r"(?:해요|하나요|하는\s*(?:거|건)(?:예요|에요|야|지|죠)?|합니까|해|하지|하죠|하는지)"
    r"[?？.!\s]*$"
)


def purpose_asked(question: str) -> str | None:
    """ "X은 왜 해요?" asked as "X 목적은?": why a body does a thing is the purpose its plan
    states for it ("(목적) …"), not the problems it names beside it."""
    m = _WHY_DONE.match(question.strip())
    if m is None or not m.group("thing").strip():
        return None
    return f"{m.group('thing').strip()} 목적은?"


# A lack or a need told as the circumstance of a bare request for help ("…돌봐드릴 사람이
# 없는데 도움 받을 수 있어요?", "…필요한데 도와주실 수 있나요?"): the request names no service,
# so the lack is what is asked about. The words a bare request for help is made of:
_HELP_WORDS = {
    "도움", "돕", "도와주", "도와드리", "지원", "받", "수", "있", "방법", "어떻", "어떡", "좀",
    "혹시", "주", "하", "되", "데", "곳", "서비스", "싶", "없", "어디", "무슨", "어떤",
}  # fmt: skip


def _adnominal_de(toks: Sequence[Tok], i: int) -> bool:
    """Whether token i is the bound noun 데 after an adnominal ending: how Kiwi may read the
    connective -ㄴ데 ("없는데" as 없 + 는 + 데, "있다던데" as 있 + 다던 + 데)."""
    return (
        0 < i < len(toks)
        and toks[i].form == "데"
        and toks[i].tag == "NNB"
        and (toks[i - 1].tag == "ETM")
    )


def help_for_need(text: str) -> str | None:
    """The lack told before a bare request for help, as a statement ("…사람이 없는데 도움 받을
    수 있어요?" -> "…사람이 없어요"); None when the text is not so made."""
    toks = tokens(text)
    for i in range(len(toks) - 2, 0, -1):
        t, lack = toks[i], toks[i - 1]
        # ("없는데" may be read as 없 + 는 + the bound noun 데, "필요한데" as 필요 + 하 + ㄴ데)
        end = i
        if _adnominal_de(toks, i + 1):
            end = i + 1
        elif t.tag != "EC" or t.form not in _CLAUSE_ENDINGS:
            continue
        if lack.form == "없":
            stem = text[: lack.start + lack.len] + "어요"
        elif lack.form == "하" and i >= 2 and toks[i - 2].form == "필요":
            stem = text[: toks[i - 2].start + toks[i - 2].len] + "해요"
        else:
            return None
        rest = [x for x in toks[end + 1 :] if x.tag[:2] in ("NN", "VV", "VA", "VX", "XR", "MA")]
        return stem if rest and all(x.form in _HELP_WORDS for x in rest) else None
    return None


def need_of(text: str) -> str | None:
    """The need the text states, or asks what to do about ("…없으면 어떻게 해요?" -> "…없어요"),
    as a statement; None when it states none."""
    if states_need(text):
        return text
    helped = help_for_need(text)
    if helped is not None:
        return helped
    m = _NEED_IF.search(text)
    if m is None:
        service = _NEED_SERVICE.search(text)
        if service is None:
            return None
        wanted = text[: service.start()].rstrip()
        toks = tokens(wanted)
        if not toks or toks[-1].tag != "ETM" or toks[-1].form not in _ADNOMINAL:
            return None  # (a service named, "돌봄 서비스 있어요?", not a need described)
        return wanted
    return text[: m.start()] + ("없어요" if m.group(0).startswith("없") else "필요해요")


# Connective endings that close a clause of circumstances ("다치셔서", "걸렸는데", "사시니까");
# not the -어 of an auxiliary verb ("돌봐 줄").
# (Kiwi spells the ㄴ of "요양보호사인데" as the final jamo ᆫ; "일하다가 다쳤어요": 다가)
_CLAUSE_ENDINGS = {
    "어서", "아서", "니까", "으니까", "는데", "은데", "ㄴ데", "ᆫ데", "지만", "으니", "니", "다가",
}  # fmt: skip


def last_clause(text: str) -> str:
    """The text after its last connective ending ("…다치셔서 어머니를 돌봐 줄 사람이 없어요" ->
    "어머니를 돌봐 줄 사람이 없어요"): the circumstances come first, what is meant last."""
    ends = [t.start + t.len for t in tokens(text) if t.tag == "EC" and t.form in _CLAUSE_ENDINGS]
    return text[ends[-1] :].strip() if ends else text


# The endings that close a clause of hearsay or circumstance before the ask ("…있다던데 몇 건
# 해요?", "…들었는데 어느 지역이에요?"). (Not 어서 or 니까: "대신 와서 일해 줄 분", "…에
# 대해서는 뭐라고 했나요?" go on asking.)
_TOLD_ENDINGS = {
    "는데", "은데", "ㄴ데", "ᆫ데", "던데", "다던데", "다는데", "ㄴ다는데", "ᆫ다는데", "지만",
    # (and said politely: "결과를 봤는데요, 목표 달성률이 얼마였어요?")
    "는데요", "은데요", "ㄴ데요", "ᆫ데요", "던데요", "다던데요", "다는데요",
}  # fmt: skip


def request_clause(text: str) -> str | None:
    """What a story-like question asks, without what it tells first ("…조리 일을 하는데요,
    … 사업이 있다던데 1년에 몇 건 하는 거예요?" -> "1년에 몇 건 하는 거예요?"): the last
    sentence that asks, after its last connective. None when nothing is told before it, or
    when what comes before asks too ("…나와 있나요? 얼마인가요?": one question, asked twice)."""
    toks = tokens(text)
    # sentences end at a final ending or a full stop with more text after it
    starts = [0] + [
        b.start
        for a, b in zip(toks, toks[1:], strict=False)
        if (a.tag == "SF" or a.tag == "EF") and b.tag not in ("SF", "EF")
    ]
    for start in reversed(starts):
        end = next((s for s in starts if s > start), len(text))
        if not _ASKING.search(text[start:end]):
            continue
        cuts = [
            t.start + t.len
            for i, t in enumerate(toks)
            if start <= t.start < end
            and (
                (t.tag == "EC" and t.form in _TOLD_ENDINGS)
                # (the connective read as a bound noun, unless a particle makes it the noun,
                # "와주는 데도")
                or (
                    _adnominal_de(toks, i)
                    and i + 1 < len(toks)
                    and not toks[i + 1].tag.startswith(("J", "VCP", "S"))
                )
            )
        ]
        at = cuts[-1] if cuts and _ASKING.search(text[cuts[-1] : end]) else start
        told = text[:at]
        if not told.strip() or _ASKING.search(told):
            return None
        return text[at:end].strip(" ,.~")
    return None


# The endings that report what the asker heard ("…봐준다던데", "…해준다고 들었는데", "…지원해
# 준다는 얘기"): the clause they end is a claim about the documents' subject.
_REPORTED = re.compile(r"^(?:ᆫ|는|ㄴ)?(?:다|라)(?:고|던데|던|는|는데|며|면서)$")
# Determiners and pronouns pointing back into the story ("이런 작은 시설", "그런 모임").
_BACK_INTO_STORY = {"이런", "그런", "저런", "이러한", "그러한", "이", "그", "저", "이것", "그것"}


def heard_claim(text: str) -> str | None:
    """The claim the asker heard, with what is asked of it, without the story told before it
    ("장기요양기관 다니는데요 의무교육을 온라인으로 들을 수 있게 해준다던데 맞아요?" ->
    "의무교육을 온라인으로 들을 수 있게 해준다던데 맞아요?"): who the asker is and what befell
    them are not what the documents must say. None when nothing is told before the claim, or
    when the claim points back into the story ("그런 모임"): without it, it names nothing."""
    toks = tokens(text)
    marker = next(
        (
            i
            for i, t in enumerate(toks)
            if t.tag in ("EC", "ETM", "EF") and _REPORTED.match(t.form) and i > 0
        ),
        None,
    )
    if marker is None or not _ASKING.search(text[toks[marker].start :]):
        return None
    ends = [
        i
        for i, t in enumerate(toks[:marker])
        if (t.tag == "EC" and t.form in _TOLD_ENDINGS)
        or t.tag in ("SF", "EF")
        or _adnominal_de(toks, i)
    ]
    if not ends:
        return None
    last = ends[-1]
    # (the polite 요 after the connective, "…운영하는데요", "…다니는데요" read as 데 + 이 + 요,
    # and the marks after a told sentence, "…못 쓰고 있어요ㅠ")
    while last + 1 < marker and (
        toks[last + 1].form in ("요", "이") or toks[last + 1].tag.startswith("S")
    ):
        last += 1
    start = toks[last].start + toks[last].len
    claim = text[start:].strip(" ,.~")
    if any(
        t.form in _BACK_INTO_STORY and t.tag in ("MM", "NP")
        for t in toks[:marker]
        if t.start >= start
    ):
        return None
    return claim or None


# What asks the same of each of two things ("각각 몇 번?", "몇 회씩?").
_EACH = re.compile(r"\s*각각|(?<=[회건명번원개점])씩")


_JOINING = {"와", "과", "랑", "이랑", "하고"}


def two_asked(text: str, shared: bool = True) -> tuple[str, str] | None:
    """The same question asked of two things joined by a conjunction ("정기감사랑 특별감사는 각각
    몇 번?" -> "정기감사는 몇 번?", "특별감사는 몇 번?"): each asked alone. None when nothing is
    joined so (a comitative 랑, "엄마랑 같이", is followed by no noun). `shared`: the words
    before the first thing are asked of the second too ("올해 정기감사랑 특별감사"); else they
    are the first thing's name ("대체인력 파견과 긴급돌봄")."""
    toks = tokens(text)
    at = next(
        (
            i
            for i, t in enumerate(toks)
            if 0 < i < len(toks) - 1
            # (Kiwi reads a joining 랑 as the comitative case now and then: a noun after it)
            and (t.tag == "JC" or (t.tag == "JKB" and t.form in _JOINING))
            and toks[i - 1].tag.startswith("NN")
            and toks[i + 1].tag.startswith("NN")
        ),
        None,
    )
    if at is None:
        return None
    # the first thing: the word the conjunction ends; the second: the next word's nouns
    first_start = text.rfind(" ", 0, toks[at].start) + 1
    first = text[first_start : toks[at].start].strip()
    j = at + 1
    while (
        j + 1 < len(toks)
        and toks[j + 1].tag.startswith("NN")
        and toks[j + 1].start == (toks[j].start + toks[j].len)
    ):
        j += 1  # (one word: "특별감사", not "특별감사 횟수")
    second_start, second_end = toks[at + 1].start, toks[j].start + toks[j].len
    second = text[second_start:second_end]
    if not first or not second or (j + 1 < len(toks) and toks[j + 1].tag in ("XSV", "XSA")):
        return None  # (a noun made a verb, "…과 협력해서": with whom, not two things)
    before, after = text[:first_start], text[second_end:]
    one = _EACH.sub("", f"{before}{first}{after}")
    other = _EACH.sub("", f"{before if shared else ''}{second}{after}")
    return one.strip(), other.strip()


def two_counts(text: str) -> tuple[str, str] | None:
    """The same question asked in two counters ("몇 회 몇 명 목표야?" -> "몇 회 목표야?",
    "몇 명 목표야?"): each count asked alone. None unless exactly two, of different counters."""
    toks = tokens(text)
    asked = [
        (t.start, nxt.start + nxt.len, nxt.form)
        for t, nxt in zip(toks, toks[1:], strict=False)
        if t.form == "몇"
        and t.tag in ("MM", "NR")
        and nxt.tag in ("NNB", "NNG")
        and len(nxt.form) <= 2
    ]
    if len(asked) != 2 or asked[0][2] == asked[1][2]:
        return None
    (a_start, a_end, _a), (b_start, b_end, _b) = asked

    def without(start: int, end: int) -> str:
        # (with the comma or space that joined the two: "몇 번, 몇 명")
        return re.sub(r"\s+", " ", f"{text[:start].rstrip(' ,')} {text[end:].lstrip(' ,')}").strip()

    return without(b_start, b_end), without(a_start, a_end)


# Case particles that place the clause somewhere ("집에 계신", "시골에서 사시는").
LOCATIVE = {"에", "에서"}


def places(text: str) -> set[str]:
    """Nouns the text places its clause at ("집에 계신 할머니" -> {"집"}): where a need arises
    is a circumstance of the asker, not part of the service asked for."""
    toks = tokens(text)
    return {
        a.form
        for a, b in zip(toks, toks[1:], strict=False)
        if a.tag.startswith("NN") and b.tag == "JKB" and b.form in LOCATIVE
    }


def circumstance_places(text: str) -> set[str]:
    """The places (their nouns, as `places` reads them) of the circumstances told before the
    question's last clause ("복지시설에서 일하는데 상사가 괴롭혀요" -> {"시설"}): where the asker
    is, not what is asked about ("종합재가센터에서 하는 사업은?", one clause, names its
    subject so)."""
    toks = tokens(text)
    # (the last connective ending; "일하는데" is often read as 는 and the bound noun 데)
    ends = [t.start + t.len for t in toks if t.tag == "EC" and t.form in _CLAUSE_ENDINGS] + [
        b.start + b.len
        for a, b in zip(toks, toks[1:], strict=False)
        if a.tag == "ETM"
        and b.tag == "NNB"
        and b.form == "데"
        and text[b.start + 1 : b.start + 2] == " "
    ]
    return places(text[: max(ends)]) if ends else set()


# What one question may make the answer path analyse (Kiwi, fact and cell matching): a
# 1,000-character question costs no more than this many characters of work.
MAX_WORK_CHARS = 200


def bounded(question: str, limit: int = MAX_WORK_CHARS) -> str:
    """The last `limit` characters of a question, cut at a space: Korean puts the request last
    ("… 비용은 얼마예요?"), so a long text keeps what it asks and drops the story before it."""
    if len(question) <= limit:
        return question
    tail = question[-limit:]
    cut = tail.find(" ")
    return tail[cut + 1 :] if 0 <= cut < limit // 2 else tail


def asked_clause(question: str) -> str:
    """The clause a question asks in, after its clauses of circumstances: "D등급 받았는데
    컨설팅 받을 수 있나요?" asks about 컨설팅; the grade is the asker's, not what is asked."""
    parts = _CLAUSE_END.split(question)
    return parts[-1] if len(parts) > 1 and parts[-1].strip() else question


# A topic opened rather than asked ("안녕하세요 긴급돌봄 서비스 문의드려요", "대체인력 파견
# 관련해서 질문 있어요", "정보공시 궁금해요"): what the asker wants to know is what it is, and
# the turns after ask of it.
_GREETING = re.compile(r"^(?:안녕하세요|안녕하십니까|수고하십니다|수고하세요)[\s,.!~]*")
_OPENED = re.compile(
    r"^(?P<topic>\S.{1,40}?)\s*(?:에\s*대해서?|에\s*관해서?|관련(?:해서|하여)?|건으로)?\s*(?:좀\s*)?"
    r"(?:(?:문의|질문|여쭤|여쭈)\s*(?:드려요|드립니다|드리려고요|드리려고\s*해요|드리고\s*싶어요"
    r"|드리고\s*싶은데요|드릴게요|하려고요|하려고\s*해요|하고\s*싶어요|하고\s*싶은데요|할게요"
    r"|있어요|있습니다|있는데요|이요|요)?"
    r"|궁금(?:해요|합니다|한데요|해서요|한\s*게\s*있어요))[\s.!~]*$"
)


def opened_topic(text: str) -> str | None:
    """A turn that opens a topic without asking ("긴급돌봄 서비스 문의드려요") as the question
    it stands for ("긴급돌봄 서비스가 뭐예요?"); None for anything else."""
    m = _OPENED.match(_GREETING.sub("", text.strip()))
    if m is None:
        return None
    topic = m.group("topic").strip()
    if _ASKING.search(topic) or not any(t.tag in ("NNG", "NNP", "SL") for t in tokens(topic)):
        return None  # ("뭐 좀 질문 있어요", "궁금해요": no topic named)
    return f"{josa(topic, '이', '가')} 뭐예요?"


def reduce(question: str, limit: int = 60) -> str:
    """A long, story-like question reduced to its request: the last clause kept whole (it holds
    the question words), the narrative clauses before it kept only as their nouns."""
    if len(question) <= limit:
        return question
    parts = _CLAUSE_END.split(question)
    if len(parts) < 2:
        return question
    nouns = [n for part in parts[:-1] for n in nouns_of(part)]
    return " ".join([*dict.fromkeys(nouns), parts[-1]])


def nouns_of(text: str) -> list[str]:
    """The nouns of a narrative clause, in order: what it is about, without how it is told."""
    with kiwi_lock():
        return [t.form for t in kiwi().tokenize(text) if t.tag in ("NNG", "NNP", "SL")]


# The others of a kind asked about ("다른 시도는 어땠어?", "나머지 기관은?"): every one but
# the agency's own.
OTHERS = re.compile(r"(?:다른|나머지|타)\s*(?:시\s*·?\s*도|지역|기관|곳|데|사회서비스원)")


def kind_word(word: str) -> bool:
    """Whether a word by itself names a kind of answer (예산, 담당, 연락처, 기간, 이유): the
    answer shows it by its kind (a figure, a name, a number), not by repeating the word."""
    if _PERSON.fullmatch(word):  # 담당, 팀장: a person's or team's name answers
        return True
    return any(
        pattern.search(word) for kind, pattern in _KIND_PATTERNS if kind not in ("list", "yesno")
    )


# What a request points back at, in the turn that told it ("…만든다던데 그게 뭐예요?", "…했다는
# 뉴스 봤어요. 그거 언제 한거에요?", "…나왔다던데 그 사업 이름이 뭐에요?").
_POINTERS = {"그것", "그거", "거기", "그곳", "이것", "이거"}


def pointed_claim(text: str) -> str | None:
    """A request pointing back at what the asker heard, asked of it: the claim up to its
    reporting ending, then the request without its pointer ("사회서비스원 성과대회 했다는 뉴스
    봤어요. 그거 언제 한거에요?" -> "사회서비스원 성과대회 했 언제 한거에요?"). None when the
    turn has no such pointer after a reported claim."""
    toks = tokens(text)
    at = next(
        (
            i
            for i, t in enumerate(toks)
            if i > 0
            and ((t.tag == "NP" and t.form in _POINTERS) or (t.tag == "MM" and t.form == "그"))
        ),
        None,
    )
    if at is None:
        return None
    reported = [
        i
        for i in range(at)
        if toks[i].tag in ("EC", "ETM")
        and (_REPORTED.match(toks[i].form) or toks[i].form == "던데")
    ]
    if not reported:
        return None
    # (the ending may start inside the verb's last syllable: "만든다던데" is 만들 + ᆫ다던데)
    before = toks[reported[-1] - 1] if reported[-1] > 0 else None
    end = toks[reported[-1]].start
    if before is not None:
        end = max(end, before.start + before.len)
    claim = text[:end].strip(" ,.~")
    nxt = at + 1
    # (the pointer's particle goes with it: 그게, 그건; 그 keeps its noun: 그 사업 이름)
    if toks[at].tag == "NP" and nxt < len(toks) and toks[nxt].tag.startswith("J"):
        nxt += 1
    rest = text[toks[nxt].start :].strip() if nxt < len(toks) else ""
    if not claim or not rest or not _ASKING.search(rest):
        return None
    return f"{claim} {rest}"
