"""Follow-up questions: resolve an elliptical turn against the earlier turns of a conversation.

Stateless: the client sends the earlier turns (oldest first) with each question. The turns are
replayed in order, each updating a small context — the subject (the project, team or indicator
the turn was about, as the user or the answer named it), the request (budget, target, contact …)
and the year. A turn then is

- a correction ("아니 시설지원팀 말고 경영기획팀", "아니 경영관리요"): the named part of the
  subject is replaced and the earlier request asked again;
- elliptical ("그럼 예산은?", "작년엔?", "거기 담당은?", "그 중 인건비는?"): an anaphoric word,
  or a short turn with no subject noun of its own that the index knows; the subject carries over
  and the turn supplies the request;
- self-contained: it names its own subject and inherits nothing.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from retrieval import intent, listing, smalltalk
from retrieval.answer import READ_AS_NOTE
from retrieval.answer_needs import NEED_TOPIC
from retrieval.answer_terms import HELP_ASKED
from retrieval.asked import COUNT_NOUNS, asked_counter, asks_cost, cost_item
from retrieval.facts.query import (
    ADDED_RE,
    HIGHEST_RE,
    LOWEST_RE,
    SUM_RE,
    parse,
    rank_asked,
    rank_said,
)
from retrieval.intent import bounded, reduce
from retrieval.listing import count_word
from retrieval.profiles import asks
from sosa.errors import InvalidQuestion
from sosa.korean import abbreviations
from sosa.korean.analysis import morphemes, normalize_query
from sosa.korean.analysis import tokens as kiwi_tokens
from sosa.korean.kin import kin_words, spelled
from sosa.korean.text import (
    ORDINAL_PLACE,
    josa,
    ordinal_said,
    place_number,
    region_of,
    regions_in,
    without_approximators,
)
from sosa.models import Answer, Chunk

logger = logging.getLogger(__name__)

MAX_TURNS = 10
MAX_TURN_CHARS = 1000

# Words that point back to an earlier turn (demonstratives, discourse conjunctions).
# (the discourse conjunctions among them go on from the earlier turn: _GOING_ON)
_CONJUNCTIONS = r"그럼|그러면|그렇다면|그리고|그럼요|또"
_ANAPHORA = re.compile(
    rf"^(?:{_CONJUNCTIONS}|그 ?중(?:에서?)?|그 ?다음|거기(?:에서|서|선)?|그곳|그건|그거|그것|"
    r"그게|그 ?사업|그 ?팀|그 ?지표|그 ?기관|그 ?사람|그분|이건|이거|저건|해당|같은|그런|이런)"
    r"(?=\s|$|[은는의에도,?])"
)
# The discourse conjunctions among them: they go on from the earlier turn without pointing at
# its subject ("그럼 사회적책임은?" names a subject of its own, as "사회적책임은?" does).
_GOING_ON = re.compile(rf"^(?:{_CONJUNCTIONS})(?:\s+|,\s*)(?=\S)")
_THAT_PART = re.compile(r"^(?:그|이|거기|해당)\s*(?:팀|부서|센터)")
_CORRECTION = re.compile(r"^(?:아니(?:요|오|고|야)?|아뇨|그게 아니라|말고)[\s,.]*")
# (what is corrected is a short phrase: "…못 나오시게 됐어요. 잠깐 대신 와서 일해 줄 분 …" is
# a story, whose 대신 is someone's stead, not a correction)
_NOT_THIS = re.compile(r"([^.?!\n]{1,24}?)\s*(?:말고|아니고|아니라|대신(?:에)?)\s*(.+)")
# "작년보다", "전년 대비": the year before is compared with, not asked about instead.
_COMPARED = re.compile(
    r"(?:작년|전년|지난\s*해)도?\s*(?:보다|대비|에\s*비해|(?:과|와|이랑|랑|하고)\s*(?:비교|차이))"
)
_RELATIVE_YEAR = {
    "작년": -1,
    "전년": -1,
    "지난해": -1,
    "재작년": -2,
    "올해": 0,
    "금년": 0,
    "내년": 1,
}
_YEAR = re.compile(r"(20\d{2})\s*년")
# The relative year with the particle written onto it ("작년엔", "올해는"): no stray 엔 asked
# (the longest first: 재작년 is not 재 + 작년).
_RELATIVE_WORD = re.compile(
    "(?:"
    + "|".join(sorted(_RELATIVE_YEAR, key=len, reverse=True))
    + ")(?:에는|에도|엔|에|은|는|도|의)?"
)
_EXAMPLE = re.compile(r"\(예:[^()]*\)")
_QUOTED = re.compile(r"[‘'「]([^’'」]{2,120})[’'」]")
# A fact answer names the project it is of: "2023년 사업계획서 기준으로 '…' 사업에서 …".
_PROJECT_OF_ANSWER = re.compile(
    # (a contact answer names the project first: "'…' 사업의 담당자는 …")
    r"^(?:[^‘']{0,40}기준으로 )?[‘']([^’']{2,120})[’'] 사업(?:에서|의|은|는)"
)
# The year an answer leads with: the document it is from ("2023년 사업계획서 기준으로",
# "…의 2024년 경영평가 총점은").
_ANSWER_YEAR = re.compile(r"^[^.\d]{0,30}?(20\d{2})년\s*(?:사업계획서|경영평가|성과계약)")
_CELL_YEAR = re.compile(r"^[^“”.\d]{0,60}?(20\d{2})년(?:은|는|의)\s")
_PRESENTED = re.compile(r"^\(앞의 질문에 이어 ‘[^’]*’에 대해 답합니다\.\)\s*")
_WHICH = re.compile(r"(?<![가-힣])(?:어느|무슨|어떤|몇)\s*$")
# Not-found answers: their suggested topics (‘…’) and examples are not what the turn was about.
_NOT_FOUND = re.compile(
    r"^(?:죄송합니다\.\s*)?(?:[^.]{0,40}찾지 못했|문서의 ‘[^’]*’ 부분에는 [^.]*따로 나와 있지 않습니다"
    # (a year the documents lack: "문서에는 비교할 이전 연도의 자료가 없습니다")
    r"|문서에는 [^.]{0,30}자료가 없습니다"
    # (a turn asked to name its subject: the example it is given is no topic)
    r"|[^.]{0,40}무엇에 대한 질문인지 알 수 없습니다"
    # (a turn that only told the asker's situation: answer_replies.TOLD)
    r"|말씀하신 상황에서 궁금한 점을)"
)
# A year the documents lack, answered with the year they have (retrieval.facts.router); not
# a comparison with a year they lack ("비교할 이전 연도의"): what it asked is not carried on.
_OTHER_YEAR = re.compile(
    r"^죄송합니다\.\s*문서에는 그 연도의 자료가 없습니다\.\s*"
    r"문서에 있는 것은 다음과 같습니다:\s*"
)
_PARTICLE = re.compile(r"^(?:은|는|이|가|을|를|도|의)(?=\s|$)")
_TRAILING = re.compile(r"(?:이요|요|은|는|엔|에는|도|만|이야|야|인가요|는요|은요)?[\s?.!]*$")

# A bare title: whose holder is asked, of the subject before ("누가 위원장이야?").
_TITLE = re.compile(r"위원장|이사장|원장|센터장|팀장|본부장|관장|회장|의장|대표|부위원장|간사")
# Two subjects taken together: "둘 중 어느 게 더 높아?", "합치면?", "두 개 차이는?".
_BOTH = re.compile(
    r"둘\s*(?:중|다|을|의|이)|두\s*(?:개|가지|곳|영역|분야)|합치|합쳐|더하면|어느\s*(?:게|쪽)"
)
# Three or four subjects added up: "세 사업 합치면?", "셋 다 더하면?". (Not "셋 중 제일 높은
# 건?": the facts compare two parts only, and a passage would answer it with anything.)
_SEVERAL = re.compile(r"(셋|넷)\s*(?:중|다|을|의|이)|(세|네)\s*(?:개|가지|곳|영역|분야|사업)")
_HOW_MANY = {"셋": 3, "세": 3, "넷": 4, "네": 4}
# "차이는 몇 점이야?" after two subjects' figures: the two compared (not a year: "작년이랑 차이는?").
_DIFFERENCE = re.compile(r"^(?:그럼\s*)?(?:둘의?\s*)?차이(?:는|가)?(?:\s|\?|$)")
# Whether an item the earlier answer's project also says ("간담회는?" after its 교육 target)
# is asked of that project rather than read as another subject.
SIBLING_ITEMS = True
# Whether a new subject takes the place of the earlier subject phrase that is a heading beside
# its own (`Vocabulary.siblings`) before the one it merely shares a word with.
SIBLING_SLOT = True
# A count asked of a word the project's part says ("인력은 몇 명이야?" after 농촌형 돌봄's
# budget) is asked of that project.
SIBLING_FIGURES = True
# Whether a cost item asked after an answer quoting one project's part, whose part lists that
# item, is asked of that project (as after an answer naming it).
COST_OF_QUOTED = True
# Whether "그 사업 …" after an answer about one project asks of the project itself.
THAT_PROJECT = True
# (the words pointing back at one thing named before: "그", "이", "해당")
_POINTING = r"^(?:그|이|해당)\s*"
_THAT_PROJECT = re.compile(rf"{_POINTING}사업(?:은|는|의|에|에서|에는|도)?(?=\s|$|[?？])")
# Whether "해당 지표", "그 항목" after a list of one item (the parts short of full marks) is
# that item.
ONE_LISTED_POINTED = True
# The one item pointed at: "해당 지표에 대한 …", "그 항목 개선 의견은".
_ONE_POINTED = re.compile(
    rf"{_POINTING}(?:지표|항목|영역|분야|사업|과제)"
    r"(?:은|는|이|가|의|에|에서|에는|에\s*대한|에\s*대해서?|에\s*관한|(?=\s))"
)
# A list of the parts that got, or fell short of, full marks (evaluation_report.breakdown).
_MARKS_LISTED = re.compile(
    r"만점을 받(?:지 못한|은) (?:영역|지표|분야)(?:은|는|이|가)? 다음과 같습니다"
)
# Whether an anaphoric turn (그건, 그거) points at the part the last answer quoted.
QUOTED_PART_POINTED = True
# Whether a follow-up naming only what the project's part writes as a line's label ("감찰범위는?"
# after its "상시감찰반 구성 : 2명", its part also writing "감찰범위 : 직무태만, …") asks that
# line of the project, not the earlier request (몇 명) of another subject.
LABEL_ASKED = True
# Whether a found answer's quoted part is the topic of a turn that named none the resolver keeps.
QUOTED_WHEN_UNNAMED = True
# How much detail is asked ("세부 지표별로 보여줘", "세부 내용 알려줘"): said by no answer.
# ("자세히 설명해 주세요": an explanation of it, asked as the detail is)
# (내용: "개선하라는 내용 있어?" asks the findings themselves, whatever they are about)
_DETAIL = {"세부", "상세", "구체", "설명", "내용"}
# The words of telling ("어디에 얘기해야 돼요?", "말해줘"): how the asker would speak, no
# thing asked about.
_SAYING = {"말", "얘기", "이야기"}
# The words of how a thing is asked to be told ("좀 더 구체적으로 말해줘").
_HOW_ASKED = _DETAIL | _SAYING | {"적", "자세"}
# Whether the words asking the way a thing is done ("점수 산출 방식", "신청 방법은?") are no
# noun a follow-up's answer must say: the line giving the way ("조사산출 : 서비스요소별
# 만족도(70%)+전반적만족도(30%)") seldom names it so.
MANNER_ASKED = True
_MANNER = {"방식", "방법"}
# The words that call a line a number ("긴급돌봄 대표번호", "상담 전화").
_NUMBER_WORDS = re.compile(r"\s*(?:대표\s*)?(?:전화\s*)?번호|\s*전화(?=·|$)")
# A measure asked of a subject, never one itself ("목표 대비 달성률은?" after a score).
_MEASURES = {"달성률", "달성도", "득점률"}
# Nouns that ask for an attribute of a subject rather than name one; together with the
# subsection names the documents repeat under every project (사업목표, 추진계획 …), which
# `Vocabulary` reads from the index.
_REQUEST_NOUNS = {
    "예산", "금액", "비용", "돈", "산출", "내역", "목표", "목표치", "실적", "담당", "담당자", "부서", "연락처", "번호", "문의",
    "전화", "내선", "일정", "기간", "시기", "대상", "인원", "점수", "득점", "배점", "만점", "등급", "이유",
    "사유", "까닭", "원인", "근거", "내용", "방법", "신청", "결과", "계획", "성과", "문제", "평가", "의견", "종류",
    "규모", "건수", "횟수", "비율", "기준", "기준치", "장소", "위치", "사람", "누구", "몇", "얼마",
    "무엇", "뭐", "언제", "어디", "작년", "올해", "전년", "내년", "재작년", "지난해", "중",
    # containers asked for ("가장 많이 깎인 지표는?"), and a comparison's "대비"
    "지표", "항목", "영역", "분야", "대비",
    # how a thing is done or had, asked of any subject ("대체인력 파견 절차는?" after another
    # subject's 대상 asks the new one's 절차, not its 대상)
    "절차", "과정", "방식", "자격", "조건", "요건", "효과", "현황", "범위", "단가", "특징",
    "장점", "단점", "취지", "시간", "요일", "주기", "주소",
    # a result's sum ("대전시사회서비스원 경영평가 총점은?" asks 대전's, of its own), and a
    # budget's ("예산 총액은?")
    "총점", "소계", "합계", "총액",
    # the help asked of it ("도움 받을 수 있어요?", as 지원 and 신청 are)
    *HELP_ASKED,
    # a measure asked of it ("목표 대비 달성률은?" after a score)
    *_MEASURES,
    # the detail asked of it ("세부 지표별로 보여줘")
    *_DETAIL,
    # those who judged, for what they said (each kind's: retrieval.profiles.asks)
    *asks.JUDGES,
}  # fmt: skip
# Request nouns a plan's part writes as such when it has them (a 실적 line, a 신청 방법):
# their absence under the project's heading says the part does not give them.
_NAMED_ITEMS = {
    "실적", "성과", "결과", "목표", "목표치", "신청", "방법", "대상", "의견", "평가", "기준",
    "기준치", "계획", "문제", "지표", "항목", "등급", "일정",
}  # fmt: skip
# A count asked and nothing else ("몇 개야?", "총 몇 가지?").
_COUNT_ONLY = re.compile(
    r"(?:(?:총|전부|모두|다)\s*)?(?:몇\s*(?:개|가지)|개수)\s*(?:야|예요|에요|인가요|이에요|임|지)?"
)
_QUESTION_NOUNS = {"몇", "며칠", "얼마", "무엇", "뭐", "언제", "어디", "누구", "중"}
_NOUN_TAGS = ("NNG", "NNP", "SL", "SH", "XR")


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str = ""


@dataclass
class Resolved:
    """The query to retrieve with, and what was understood when the history was used."""

    query: str
    understood: str | None = None
    used_history: bool = False
    # A follow-up that names no subject, after turns that set none ("어느 지역이에요?" after
    # an unanswered turn): nothing to answer about; the user is asked to name it.
    no_subject: bool = False
    # The project an earlier answer quoted that the rewritten question is about, if any.
    project: str | None = None
    # "그 중에 돌봄 관련된 거는?" after a list: the listed items saying the word, and the word;
    # the list is asked again and its answer kept to them (`narrowed_list`).
    narrowed: tuple[str, ...] = ()
    narrowed_by: str = ""
    # "나머지는?" after a list: how many of its items were shown; the list is asked again and
    # shown from there on.
    shown_before: int = 0
    # The one document the turn asks of: another region's agency's, which the conversation was
    # about and the turn names no region (REGION_CARRIES); the query holds no region's name.
    document: str | None = None


@dataclass
class _Context:
    subject: list[str] = field(default_factory=list)  # noun phrases, surface forms
    project: str | None = None  # a quoted name from the earlier answer
    request: str = ""
    year: int | None = None
    # The documents' words for the turn's everyday ones (시골 -> 농촌, `sosa.korean.kin`).
    kin: list[str] = field(default_factory=list)
    # The phone line the last answer gave ("돌봄종합정보상담 콜센터"): "몇 시까지 받아요?" next
    # asks that line's hours, not the project's.
    line: str | None = None
    # The items a list answer gave, in its order: "두 번째 사업 예산은?" asks of the second.
    items: tuple[str, ...] = ()
    # How many of that list's items came before the ones it showed (a rest shown after
    # "나머지는?").
    shown_before: int = 0
    # The part an answer quoted, whose quotes say the turn's subject though its name does not
    # (‘…운영능력 제고’ for "컨설팅 몇 건?": “단계별 컨설팅 40건”): "그건 누가 담당해?" points at it.
    quoted: str | None = None


# A word in at least this share of an index's passages is no subject (사업, 서비스, 운영:
# 39, 31, 29 % of the agency's passages; the projects' own words are under 10 %).
GENERIC_SHARE = 0.15
GENERIC_MIN_PASSAGES = 30


# A line's bracketed label: "- (목적) …", "(사업기간) 2023. 1 ~ 12월".
_LABEL = re.compile(r"(?m)^\s*[-•·▪○◆]?\s*\(([가-힣][가-힣 ·]{1,12})\)")


class Vocabulary:
    """What the index knows: its terms, and the attribute words its sections repeat."""

    def __init__(
        self,
        known: Iterable[str],
        attributes: Iterable[str] = (),
        sections: Mapping[str, str] | None = None,
        related: Mapping[str, set[str]] | None = None,
        above: Mapping[str, set[str]] | None = None,
        home: str | None = None,
        text: str | None = None,
        regional: Mapping[str, tuple[str, str]] | None = None,
    ) -> None:
        self.known = set(known)
        self.home = home  # the region of the agency whose documents these are ("전북")
        # (and the parts of a result a kind's readers ask of it, "가점은 받았어?": no subject
        # of a follow-up, though a first turn may ask them alone, "가점 받은 지표 있어?")
        self.attributes = set(attributes) | _REQUEST_NOUNS | asks.ATTRIBUTES
        # Each heading below a document's title (spaces removed) -> the text under it, and the
        # headings on the same paths (its ancestors and descendants).
        self.sections = dict(sections or {})
        self.related = dict(related or {})
        self.above = dict(above or {})  # each heading -> the headings on its paths above it
        # Every passage's text once, spaces removed (`written`); of the sections when not given.
        self._flat_text = text
        # Each region another agency's document is about (its title names that region alone)
        # -> that document and its text, spaces removed (`said_of`).
        self.regional = dict(regional or {})
        # Each short form a reader may write for a compound of the documents (경평 -> 경영평가).
        self.abbreviations: dict[str, str] = {}

    @classmethod
    def from_chunks(
        cls, chunks: Sequence[Chunk], known: Iterable[str], home: str | None = None
    ) -> Vocabulary:
        # A subsection name found under several different parents (사업목표, 쟁점 및 대책) is
        # an attribute heading, not a subject. Read once at load time.
        parents: dict[str, set[str]] = defaultdict(set)
        texts: dict[str, list[str]] = defaultdict(list)
        related: dict[str, set[str]] = defaultdict(set)
        above: dict[str, set[str]] = defaultdict(set)
        for c in chunks:
            parts = c.section.split(" › ")
            for i in range(2, len(parts)):
                parents[parts[i]].add(parts[i - 1])
            path = [_flat(p) for p in parts[1:]]
            for i, part in enumerate(path):
                texts[part].append(_flat(c.text))
                related[part].update(path)
                above[part].update(path[:i])
        attributes: set[str] = set()
        for name, ps in parents.items():
            if len(ps) >= 3:
                attributes.update(morphemes(name))
        # So is a line's bracketed label found under several sections ("(목적) …", "(소요예산)
        # …" of every project): what every project is said to have, asked of one.
        labelled: dict[str, set[str]] = defaultdict(set)
        for c in chunks:
            for m in _LABEL.finditer(c.text):
                labelled[_flat(m.group(1))].add(c.section)
        for label, where in labelled.items():
            if len(where) >= 3:
                attributes.update(morphemes(label))
        if GENERIC_SHARE and chunks:
            # A word in a large share of all passages (사업, 서비스, 운영) names no one subject:
            # "사업 기간은?" after an answer about 웹기안기 asks that project's period.
            counts: Counter[str] = Counter()
            for c in chunks:
                counts.update(set(morphemes(c.text)))
            # (a small index has too few passages to tell a common word from its topic)
            floor = max(GENERIC_SHARE * len(chunks), GENERIC_MIN_PASSAGES)
            attributes.update(w for w, n in counts.items() if n >= floor and len(w) > 1)
        sections = {part: " ".join(t) for part, t in texts.items()}
        flats = [_flat(c.text) for c in chunks]
        text = "\n".join(flats)
        regional: dict[str, list[str]] = defaultdict(list)
        documents: dict[str, set[str]] = defaultdict(set)
        own_region = region_of(home or "")
        for c, flat in zip(chunks, flats, strict=True):
            named = regions_in(c.section.split(" › ")[0])
            if len(named) == 1 and named[0] != own_region:
                regional[named[0]].append(flat)
                documents[named[0]].add(c.document)
        # (a region of one document only: which one a turn asks of is then known)
        by_region = {
            r: (next(iter(documents[r])), "\n".join(t))
            for r, t in regional.items()
            if len(documents[r]) == 1
        }
        vocab = cls(known, attributes, sections, related, above, home, text, by_region)
        # (the short forms of its compounds, 경평 for 경영평가: read once, with the rest)
        vocab.abbreviations = abbreviations.learn([c.text for c in chunks]) if chunks else {}
        return vocab

    def item_of(self, project: str, phrase: str) -> bool:
        """Whether `phrase` is an item written under the project's heading (돌봄제공인력 under
        its 사업목표) that no other heading of the documents names. The project's own name
        ("대체인력 파견" of '인력 공백에 대한 대체인력 파견') is no item: a turn that says it
        names its subject itself."""
        key, flat = _flat(project), _flat(phrase)
        text = self.sections.get(key)
        if not text or not flat or flat not in text or flat in key:
            return False
        related = self.related.get(key, set())
        return not any(flat in h for h in self.sections if h not in related)

    def encloses(self, part: str, project: str) -> bool:
        """Whether `part` names a heading above the project's (its team's or area's part)."""
        flat, key = _flat(part), _flat(project)
        if not flat or flat in key:
            return False
        return flat in self.above.get(key, ())

    def part_of(self, project: str) -> str | None:
        """The heading right above the project's (its team's part, 종합재가센터), if any."""
        heads = self.above.get(_flat(project), set())
        nearest = [h for h in heads if heads - {h} <= self.above.get(h, set())]
        return nearest[0] if len(nearest) == 1 else None

    def said_under(self, project: str, phrase: str, after: str = "") -> bool:
        """Whether the project's part says `phrase` (spaces aside), not as its own name;
        `after`: followed by that (":", a line's label)."""
        key, flat = _flat(project), _flat(phrase)
        return bool(flat) and flat not in key and flat + after in self.sections.get(key, "")

    def said_of(self, region: str, phrase: str) -> bool:
        """Whether a document about another region's agency says `phrase` (spaces aside)."""
        flat = _flat(phrase)
        return bool(flat) and flat in self.regional.get(region, ("", ""))[1]

    def siblings(self, a: str, b: str) -> bool:
        """Whether two phrases are headings with the same headings above them (two areas of an
        evaluation, 리더십 and 경영시스템; two teams of a plan)."""
        fa, fb = _flat(a), _flat(b)
        return (
            fa != fb
            and fa in self.sections
            and fb in self.sections
            and self.above.get(fa, set()) == self.above.get(fb, set())
        )

    def written(self, words: str) -> bool:
        """Whether the documents write `words` (spaces aside) anywhere."""
        if self._flat_text is None:
            self._flat_text = "\n".join(self.sections.values())
        return bool(words) and _flat(words) in self._flat_text

    def is_subject(self, morpheme: str) -> bool:
        if morpheme in self.attributes:
            return False
        # (a compound written without its spaces, "복지자원플랫폼", which Kiwi reads as one
        # noun the index never holds whole: its parts are the index's words)
        return morpheme in self.known or self._joined(morpheme)

    def _joined(self, word: str, depth: int = 0) -> bool:
        """Whether a word is two or three of the index's words of two letters or more, none
        of them a word naming a kind of answer (전화번호 is 전화 and 번호: what is asked)."""
        if depth > 1 or len(word) < 4:
            return False
        return any(
            self._part(word[:i]) and (self._part(word[i:]) or self._joined(word[i:], depth + 1))
            for i in range(2, len(word) - 1)
        )

    def _part(self, word: str) -> bool:
        return word in self.known and not intent.kind_word(word) and word not in _NO_SUBJECT


def _without_word(text: str, word: str) -> str:
    """The text without the word where it stands alone ("대전 이용자 만족도" -> "이용자 만족도")."""
    return re.sub(rf"(?<!\S){re.escape(word)}(?!\S)\s*", "", text, count=1).strip() or text


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _span(text: str, phrases: Sequence[str]) -> str:
    """The stretch of `text` from its first subject phrase to its last ("돌봄사각지대 발굴")."""
    start, end = text.find(phrases[0]), text.rfind(phrases[-1])
    return text[start : end + len(phrases[-1])] if 0 <= start <= end else " ".join(phrases)


def _stem_left(request: str, phrase: str) -> bool:
    """Whether the one-syllable noun a request ends on is a verb's stem its stripped polite
    ending left ("어느 지역에서 해요?" -> "… 해", which Kiwi reads as the noun 해): with 요 back,
    Kiwi reads a verb there."""
    if len(phrase) != 1 or not request.rstrip().endswith(phrase):
        return False
    at = len(request.rstrip()) - 1
    return any(
        t.tag.startswith("V") and t.start == at for t in kiwi_tokens(request.rstrip() + "요")
    )


def _noun_phrases(text: str) -> list[tuple[str, list[str]]]:
    """Runs of adjacent nouns as written ("대체인력", "시설지원팀") with their morphemes."""
    tokens = kiwi_tokens(text)
    out: list[tuple[str, list[str]]] = []
    start = end = -1
    forms: list[str] = []
    for i, t in enumerate(tokens):
        suffix = t.tag == "XSN" and forms and t.start == end  # 활성+화, 사업+별
        if t.tag.startswith(_NOUN_TAGS) or suffix:
            if forms and t.start == end:
                end = t.start + t.len
                forms.append(t.form.lower())
                continue
            if forms:
                out.append((text[start:end], forms))
            start, end, forms = t.start, t.start + t.len, [t.form.lower()]
            prev = tokens[i - 1] if i else None
            if prev is not None and prev.tag == "SN" and prev.start + prev.len == t.start:
                # a count written onto its noun ("4인 가족", "2자녀"): the count is the point
                # (a year, 2023년, is a bound noun's and read apart)
                start, forms = prev.start, [prev.form, *forms]
            elif (
                PREFIX_KEPT
                and prev is not None
                and prev.tag == "XPN"
                and prev.start + prev.len == t.start
            ):
                # a prefix written onto its noun ("비대면", "미지급") is part of the word: read
                # alone, "대면 비대면" was 대면 twice
                start = prev.start
            elif i >= 2 and tokens[i - 1].start == tokens[i - 2].start == t.start - 1:
                # one syllable read as two morphemes right before the noun (내선 as 나+의 선):
                # the word is written whole
                start = t.start - 1
        elif forms:
            out.append((text[start:end], forms))
            forms = []
    if forms:
        out.append((text[start:end], forms))
    return out


# Whether the places of a story's circumstances are kept out of the subject it sets.
STORY_PLACES_APART = True
# Whether "X 말한 거야" (what the asker meant) corrects as "아니 X" does.
MEANT_CORRECTS = True
_MEANT = re.compile(
    r"^(?:(?:아니|아|어)(?![가-힣]))?[\s,.]*(\S.{0,23}?)\s*(?:을|를)?\s*(?:말한|말했던|얘기한|물어본|물은)\s*"
    r"(?:거|건데|건|거예요|거에요|거야|거라고|건데요)[\s?.!요]*$"
)
# What the asker meant, said so after it: "…얘기였어", "…물어본 거였어요", "…간담회였어요"
# (the corrected noun with its copula).
_SAID_SO = (
    r"(?:(?:을|를)?\s*(?:얘기|말)(?:였어요|였어|였는데요|였는데|이었어요|이었어)"
    r"|(?:을|를)?\s*(?:말한|얘기한|물어본|궁금했던)\s*"
    r"(?:거였어요|거였어|거였는데요|거였는데|거예요|거야|건데|거)"
    r"|(?<=[가-힣])(?:이었어요|이었어|였어요|였어|이에요|예요))"
)
_SAID_SO_END = re.compile(rf"\s*{_SAID_SO}[\s.!?~]*$")
# An interjection opening a correction ("아 잠깐,", "어,"): no part of what is corrected.
_INTERJECTION = re.compile(r"^(?:아|어|앗)(?![가-힣])(?:\s*잠깐(?:만)?(?:요)?)?[\s,.~]*")
# A correction said as a sentence of its own, then a request of the corrected subject: "아
# 이사회 말고 운영자문위원회 얘기였어. 그건 몇 번이야?", "외부 말고 내부 직원 사업 말한
# 거였어요. 그건 얼마?".
_CORRECTED_THEN_ASKED = re.compile(
    rf"^(?P<fix>[^.?!]*?(?:말고|아니고|아니라)\s*[^.?!]+?)\s*{_SAID_SO}?"
    r"\s*[.!]\s*(?P<ask>\S.*)$"
)
# Whether a correction's own request, said after it, replaces the earlier one.
THEN_ASKED = True
# The corrected subject marked as a topic, then a request in the same sentence: "정기감사 말고
# 상시감사는 얼마나 자주 하는 거였지?".
_TOPIC_THEN_ASKED = re.compile(r"^(?P<fix>\S.*?)(?:은|는)\s+(?P<ask>\S.*)$")
TOPIC_THEN_ASKED = True


def _without_abbreviation(request: str, subject: str) -> str:
    """`request` without a word abbreviating `subject` as Korean abbreviates, by the first
    syllables of its parts in order (특감 of 특별감사 in "특감은 언제 해?"): the subject said
    again, not something asked of it."""
    flat = subject.replace(" ", "")

    def abbreviates(word: str) -> bool:
        if not 2 <= len(word) < len(flat) or word in flat or word[0] != flat[0]:
            return False
        rest = iter(flat)
        return all(ch in rest for ch in word)  # (in order: each found after the one before)

    kept = [w for w in request.split() if not abbreviates(_TRAILING.sub("", w))]
    return " ".join(kept) or request


# Whether a correction from one attribute to another ("예산 말고 목표") corrects the request.
ATTRIBUTE_CORRECTED = True
# Whether "X만" after a subject narrows it to X (the subject kept, X added).
ONLY_NARROWS = True
# Whether a subject written together with what is asked of it ("대체인력예산",
# "긴급돌봄담당자") is read as the subject alone, as when written apart.
RUN_SPLIT = True


def _run_split(phrase: str, forms: list[str], vocab: Vocabulary) -> tuple[str, list[str]]:
    """The phrase without the words asking an attribute it ends in, when the documents never
    write it whole ("대체인력예산" -> 대체인력; 성과지표, written so, stays)."""
    if " " in phrase or vocab.written(phrase):
        return phrase, forms
    while len(forms) > 1 and (forms[-1] in _REQUEST_NOUNS or intent.kind_word(forms[-1])):
        if not phrase.endswith(forms[-1]):
            break
        phrase, forms = phrase[: -len(forms[-1])], forms[:-1]
    return phrase, forms


def subject_phrases(text: str, vocab: Vocabulary, follow_up: bool = True) -> list[str]:
    """The noun phrases of a question that name a subject the index knows. A noun after an
    interrogative ("어느 지역", "무슨 사업") is what is asked for, not a subject; so, after
    earlier turns (`follow_up`), are a year compared, a part of the year, a kind of answer
    and a bare title, which ask of the subject before."""
    out: list[str] = []
    for phrase, forms in _inner_common_joined(text, _noun_phrases(text), vocab):
        at = text.find(phrase) + len(phrase)
        if (
            len(forms) > 1
            and text[at : at + 1] == "과"
            and text[at + 1 : at + 2] in ("", " ")
            and forms[-1] + "과" in vocab.known
        ):
            # "정책성과 영역": Kiwi may read -성 and the conjunction 과 where the index has the
            # noun 성과 (정책성과, 경영성과); the phrase is written whole
            phrase, forms = phrase + "과", [*forms[:-1], forms[-1] + "과"]
        if RUN_SPLIT:
            phrase, forms = _run_split(phrase, forms, vocab)
        if not any(vocab.is_subject(f) for f in forms) or len(phrase) < 2:
            continue
        if follow_up and (_asks_of_earlier(phrase, forms) or _is_predicate(text, phrase)):
            continue
        before = text[: text.find(phrase)]
        if not _WHICH.search(before):
            out.append(phrase)
    if len(out) > 1 and (last := out[-1]) and _ASKED_OF.match(text[text.rfind(last) + len(last) :]):
        # "오픈소스 개발자대회 상금 얼마야?": the noun an amount is asked of is the measure
        # asked (as 예산 is), not one more subject for the turns after to carry. (Not one asked
        # when or where: "응원콘서트 언제야?" asks of the concert.)
        out.pop()
    return out


_ASKED_OF = re.compile(r"(?:은|는|이|가)?\s*(?:얼마|몇)")


def _inner_common_joined(
    text: str, phrases: list[tuple[str, list[str]]], vocab: Vocabulary
) -> list[tuple[str, list[str]]]:
    """A word common to the documents (교육) said between two subject nouns is part of one
    name when the documents write it with the noun after ("교육 프로그램"): "직원 교육
    프로그램" is a programme of training, which a later turn ("그거 언제 해요?") asks of. Not
    one that ends the name before ("소진예방 사업 응원콘서트": no "사업 응원콘서트" is written)."""
    out = list(phrases)
    i = 1
    while i + 1 < len(out):
        (a, fa), (g, fg), (b, fb) = out[i - 1], out[i], out[i + 1]
        spaced = re.search(r"\s+".join(map(re.escape, (a, g, b))), text)
        if (
            spaced
            and all(f in vocab.attributes and f not in _REQUEST_NOUNS for f in fg)
            and not any(intent.kind_word(f) for f in fg)
            and any(vocab.is_subject(f) for f in fa)
            and any(vocab.is_subject(f) for f in fb)
            and vocab.written(g + b)
        ):
            out[i - 1 : i + 2] = [(spaced.group(0), [*fa, *fg, *fb])]
            continue
        i += 1
    return out


def _is_predicate(text: str, phrase: str) -> bool:
    """Whether a one-word phrase is the turn's closing verb, a verbal noun with 하다 or 되다
    and nothing after but endings ("목표는 달성했어?" -> 달성): it says what is asked of the
    subject before, not a new one."""
    if " " in phrase.strip():
        return False
    at = text.find(phrase) + len(phrase)
    rest = [t for t in kiwi_tokens(text) if t.start >= at]
    return (
        bool(rest)
        and rest[0].start == at
        and rest[0].tag in ("XSV", "XSA")
        and all(t.tag.startswith(("E", "S", "VX")) for t in rest[1:])
    )


def _asks_of_earlier(phrase: str, forms: Sequence[str]) -> bool:
    """Whether a noun phrase of a later turn asks something of the subject before it rather
    than naming one: a year compared ("전년도 대비"), a part of the year ("상반기에는"), a kind
    of answer ("담당팀은?": 담당 of a 팀), a bare title ("누가 위원장이야?")."""
    if all(f in _NO_SUBJECT for f in forms):
        return True
    if _flat(phrase) in _MEASURES:
        return True  # "목표 대비 달성률은?": the earlier subject's rate
    if intent.kind_word(_flat(phrase)) and all(f in _REQUEST_NOUNS or len(f) < 2 for f in forms):
        return True
    return bool(_TITLE.fullmatch(_flat(phrase)))


def _strip_anaphora(text: str) -> str:
    prev = None
    while prev != text:
        prev = text
        text = _ANAPHORA.sub("", text).strip(" ,")
    return text


def _years(text: str) -> tuple[int | None, int | None]:
    """(absolute year named, relative offset named)."""
    m = _YEAR.search(text)
    if _COMPARED.search(text):
        return (int(m.group(1)) if m else None), None  # "작년보다 올랐어?": a comparison
    rel = next((off for word, off in _RELATIVE_YEAR.items() if word in text), None)
    return (int(m.group(1)) if m else None), rel


def _bigram_sim(a: str, b: str) -> float:
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    gb = {b[i : i + 2] for i in range(len(b) - 1)}
    return len(ga & gb) / max(1, min(len(ga), len(gb)))


def _replace(
    subject: list[str],
    old: str | None,
    new: str,
    siblings: Callable[[str, str], bool] | None = None,
) -> list[str]:
    """Swap the subject phrase the correction names (or the one most like the new one)."""
    if not subject:
        return [new]
    if regions_in(new):  # "대전은?" after a question about 전북: the region slot
        kept = [s for s in subject if not regions_in(s)]
        # (no region said before: the topic stays, now in that region — "전북에도 있어요?")
        return [new, *kept]
    if old:
        flat = old.replace(" ", "")
        for i, s in enumerate(subject):
            if flat in s.replace(" ", "") or s.replace(" ", "") in flat:
                return [*subject[:i], new, *subject[i + 1 :]]
    if siblings is not None and SIBLING_SLOT:
        # "경영시스템은?" after "경영평가 리더십 점수는?": the heading beside 리더십 takes its
        # place, though 경영평가 shares its first word
        same = [i for i, s in enumerate(subject) if siblings(s, new)]
        if len(same) == 1:
            i = same[0]
            return [*subject[:i], new, *subject[i + 1 :]]
    # Same last syllable (…팀/…팀, …관리/…성과 share none) or shared bigrams: the same slot.
    scored = [
        (_bigram_sim(s, new) + (0.5 if s[-1:] == new[-1:] else 0.0), i)
        for i, s in enumerate(subject)
    ]
    best, i = max(scored)
    if best > 0:
        return [*subject[:i], new, *subject[i + 1 :]]
    return [new]


_JOSA = r"(?:은|는|이|가|을|를|의|에서|에게|에|으로|로|와|과|도|만|이랑|랑)"


def _request_part(text: str, vocab: Vocabulary) -> str:
    """The turn without its subject phrases and year: what it asks about the subject."""
    out = _YEAR.sub(" ", text)
    for phrase in subject_phrases(text, vocab):
        # with the particle written onto it ("사회서비스원은", "서비스로"): no stray 은, 로
        out = re.sub(rf"{re.escape(phrase)}{_JOSA}?(?![가-힣])", " ", out)
        out = out.replace(phrase, " ")
    return _TRAILING.sub("", re.sub(r"\s+", " ", out)).strip(" ,")


def _same_measure(earlier: str, request: str) -> bool:
    """Whether a request naming no noun asks, by its counter, the measure the earlier request
    named ("몇 점이었어?" after 총점 or 점수; not "몇 명이야?" after 예산)."""
    if any(not _QUESTION_NOUNS & set(forms) for _p, forms in _noun_phrases(request)):
        return False
    counter = asked_counter(request)
    if counter is None:
        return False
    measured = {
        COUNT_NOUNS.get(n) or (n[-1] if n[-1] in _MEASURE_COUNTERS else None)
        for n in earlier.split()
    }
    return counter in measured


# Counters a measure noun may end in (총점, 득점 in 점; 인원 is COUNT_NOUNS').
_MEASURE_COUNTERS = {"점"}


def _attribute_nouns(text: str, vocab: Vocabulary) -> str:
    """The attribute nouns of an earlier request ("예산 얼마야?" -> "예산")."""
    return " ".join(
        phrase
        for phrase, forms in _noun_phrases(text)
        if all(f in vocab.attributes for f in forms) and not _QUESTION_NOUNS & set(forms)
    )


# A particle said after 우리, as the region's name takes it ("우리랑" -> "전북이랑").
_PAIRED = {"랑": ("이랑", "랑"), "와": ("과", "와"), "이": ("이", "가"), "가": ("이", "가"),
           "은": ("은", "는"), "는": ("은", "는")}  # fmt: skip


def _home_said(home: str, particle: str) -> str:
    pair = _PAIRED.get(particle)
    return josa(home, *pair) if pair else f"{home}{particle}"


def _compared_attribute(text: str, vocab: Vocabulary) -> str:
    """What an earlier request asked, to compare: its attribute nouns, or the noun its counter
    names ("몇 점 받았어?" -> 점수: asked.COUNT_NOUNS read backwards)."""
    nouns = _attribute_nouns(text, vocab)
    counter = asked_counter(text)
    if nouns or counter is None:
        return nouns
    return next((n for n, c in COUNT_NOUNS.items() if c == counter), "")


# A predicate of being there or being done: "전북에도 있어요?", "대전에서도 해요?".
_THERE = {"있", "없", "하", "되"}


def _region_also(text: str) -> bool:
    """Whether the turn is a region with only whether the earlier topic is there ("전북에도
    있어요?", "대전은 없어요?"): its particles and a verb of being or doing, nothing else."""
    toks = [t for t in kiwi_tokens(text) if not t.tag.startswith("S")]
    if not toks or not toks[0].tag.startswith("NNP") or not regions_in(toks[0].form):
        return False
    return all(
        t.tag.startswith(("J", "E")) or (t.tag.startswith("V") and t.form in _THERE)
        for t in toks[1:]
    )


# The words of a comparison: "대전이랑 차이는?", "전년도 대비"; they name no subject.
_COMPARING = {"차이", "비교", "대비", "증감"}
# A grade named as a value ("S등급 받은 데는?"): what was asked of one agency, not an attribute.
_GRADE_VALUE = re.compile(r"(?<![A-Za-z])[SABCD](?=\s*등급)")
# What a region is set against the one before by ("전북보다 높아요?").
_COMPARED_BY = {"높", "낮", "많", "적", "크", "작", "잘하", "잘", "못하"}


def _region_compared(text: str) -> str | None:
    """The region of a turn that compares it with the one before and says nothing else
    ("대전이랑 차이는?", "경남과 비교하면?"), else None."""
    toks = [t for t in kiwi_tokens(text) if not t.tag.startswith("S")]
    if len(toks) < 3 or not toks[0].tag.startswith("NNP") or not regions_in(toks[0].form):
        return None
    if not toks[1].tag.startswith("J"):
        return None
    rest = toks[2:]
    if toks[1].form == "보다":
        # "전북보다 높아요?" (우리보다 …, read as the home region): set against the one before
        said = [t for t in rest if not (t.tag == "MAG" and t.form == "더")]
        if said and said[0].form in _COMPARED_BY and all(t.tag.startswith("E") for t in said[1:]):
            return toks[0].form
        return None
    compares = any(t.form in _COMPARING for t in rest) and all(
        t.form in _COMPARING
        or t.tag.startswith(("J", "E", "XSV", "VCP"))
        or (t.tag.startswith("V") and t.form in {"주", "어떻", "되", "나"})
        # ("우리랑 몇 점 차이야?", "얼마나 차이나?": by how much, in the measure's counter)
        or t.form in ("몇", "얼마", "얼마나")
        or t.tag == "NNB"
        for t in rest
    )
    return toks[0].form if compares else None


# Whether a turn's nouns that name no kind of answer ("인사위는?", 이사회 of "이사회 수당은?")
# are asked with the earlier request rather than as a request of their own.
BARE_NOUNS_KEEP_REQUEST = True


def _bare_nouns(text: str) -> bool:
    """Whether `text` is nouns and particles alone, none of which asks (no kind of answer, no
    question word, no verb): "인사위", "이사회"; not "예산", "몇 명", "언제 해"."""
    toks = [t for t in kiwi_tokens(text) if not t.tag.startswith("S")]
    nouns = [t.form for t in toks if t.tag in _NOUN_TAGS]
    return (
        bool(nouns)
        and all(t.tag in _NOUN_TAGS or t.tag.startswith(("J", "XSN")) for t in toks)
        and not any(
            n in _REQUEST_NOUNS or n in _QUESTION_NOUNS or intent.kind_word(n) for n in nouns
        )
    )


def _predicated(text: str) -> str | None:
    """The noun a turn says of its subject with a copula and nothing else ("무료예요?" ->
    무료, "예약제인가요?" -> 예약제): what is asked of the earlier subject, not a new subject
    ("무료는?" names one). None for any other turn."""
    # (a count is kept: "4인 가족이면요?" says 4인 가족)
    toks = [t for t in kiwi_tokens(text) if not t.tag.startswith("S") or t.tag == "SN"]
    at = next((i for i, t in enumerate(toks) if t.tag == "VCP"), None)
    if not at or not all(t.tag.startswith(("E",)) for t in toks[at + 1 :]):
        return None
    head = toks[:at]
    if not all(t.tag.startswith(("NN", "XSN", "XR", "SN")) for t in head):
        return None
    if any(t.form in _QUESTION_NOUNS or regions_in(t.form) for t in head):
        return None  # "뭐예요?", "어디예요?" ask; "전북이에요?" names a place
    return text[head[0].start : head[-1].start + head[-1].len]


def _asks_a_fact(words: str) -> bool:
    """Words that ask for a kind of fact (목표, 예산, 연락처), not a heading (사업, 추진)."""
    return bool(words) and any(parse(words).intents.values())


def _without_phrases(text: str, phrases: str) -> str:
    """`text` without the given space-separated phrases ("대체인력 파견 실적 목표" less
    "실적 목표" is "대체인력 파견")."""
    for phrase in phrases.split():
        text = re.sub(rf"{re.escape(phrase)}\S*", " ", text)
    return re.sub(r"\s+", " ", text).strip(" ,·")


def _with_year(text: str, year: int | None) -> str:
    return f"{year}년 {text}" if year and not _YEAR.search(text) else text


class _Resolver:
    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.ctx = _Context()
        self.before = _Context()  # the context before the latest turn
        self.trail: list[list[str]] = []  # the subjects of the turns before, oldest first
        self.asked = ""  # the turn last stepped, as asked

    def _asks_attribute(self, words: str) -> bool:
        """Whether words name what is asked of a subject, a kind of answer or an attribute
        ("예산", "목표", "담당자"), not a subject ("아니 예산 말고 목표")."""
        flat = words.replace(" ", "")
        return intent.kind_word(flat) or (
            ATTRIBUTE_CORRECTED and _attribute_nouns(words, self.vocab).replace(" ", "") == flat
        )

    def _subject_text(self) -> str:
        parts = list(self.ctx.subject)
        if self.ctx.project and not any(
            p.replace(" ", "") in self.ctx.project.replace(" ", "") for p in parts
        ):
            parts.insert(0, self.ctx.project)
        elif self.ctx.project:
            parts = [self.ctx.project] + [
                p for p in parts if p.replace(" ", "") not in self.ctx.project.replace(" ", "")
            ]
        return " ".join(parts)

    def _asked_again(self, turn: str) -> Resolved:
        """The earlier request's attribute nouns (등급, 예산) asked with the turn's own words, of
        the subject just set ("다른 시도는?", "합치면?")."""
        asked = _attribute_nouns(self.ctx.request, self.vocab)
        self.ctx.request = f"{asked} {_TRAILING.sub('', turn)}".strip()
        return self._resolved()

    def _said_before(self, phrase: str) -> bool:
        """Whether a phrase is said within the project's name or an earlier subject phrase."""
        flat = _flat(phrase)
        return flat in _flat(self.ctx.project or "") or any(
            flat in _flat(s) for s in self.ctx.subject
        )

    def step(self, question: str) -> Resolved:
        q = question.strip()
        if self.ctx.subject or self.ctx.project:
            q = _GOING_ON.sub("", q)
            if OWN_SIDE_NAMED and (ours := _OUR_NAMED.match(q)) and regions_in(ours["named"]):
                q = q[ours.start("named") :]  # ("우리 전북은요?" names 전북, as "전북은요?" does)
        self.asked = q
        self.before = replace(self.ctx, subject=list(self.ctx.subject))
        ctx = self.ctx
        quoted, ctx.quoted = ctx.quoted, None  # (the last answer's only)
        if ctx.subject and (not self.trail or self.trail[-1] != ctx.subject):
            self.trail.append(list(ctx.subject))
        has_context = bool(ctx.subject or ctx.project)
        if has_context and self.vocab.home:
            # "우리는?" after another agency's result: this agency's, by its region's name.
            q = _OURS.sub(lambda m: _home_said(self.vocab.home or "", m.group(1) or ""), q)
        if ctx.project and (that := _THAT_PART.match(q)):
            # "그 팀 다른 사업은 뭐 있어?" after a project's contact: the team whose part holds
            # the project is the subject now.
            part = self.vocab.part_of(ctx.project)
            if part is not None:
                ctx.subject, ctx.project = [part], None
                ctx.request = _TRAILING.sub("", q[that.end() :]).strip()
                return self._resolved()
        if THAT_PROJECT and ctx.project and (that := _THAT_PROJECT.match(q)):
            # "그 사업 예산 총액" after "찾아가는 사서원 몇회 예정?" answered with its project:
            # the project itself, not the item the earlier turn named within it.
            rest = q[that.end() :]
            if not subject_phrases(rest, self.vocab):
                ctx.subject = []
                ctx.request = _TRAILING.sub("", rest).strip(" ,")
                ctx.year = _years(q)[0] or ctx.year
                return self._resolved()
        if (
            has_context
            and intent.OTHERS.search(q)
            and not subject_phrases(intent.OTHERS.sub(" ", q), self.vocab)
        ):
            # "다른 시도는?" after this agency's grade: the same request of every other one
            # (of the same part: "리더십 점수는?" then "다른 기관은?" asks others' 리더십).
            ctx.subject = [p for p in ctx.subject if not regions_in(p)]
            ctx.project = None
            return self._asked_again(q)
        both = _BOTH.search(q) or (_DIFFERENCE.search(q) and not _RELATIVE_WORD.search(q))
        added_up = SUM_RE.search(q) or ADDED_RE.search(q)
        several = _SEVERAL.search(q) if added_up else None
        count = _HOW_MANY[several.group(1) or several.group(2)] if several else 2
        if has_context and (both or several) and len(self.trail) >= count:
            # "둘 중 어느 게 더 높아?", "합치면?" after 사회적책임's score and 경영시스템's: the two
            # subjects asked last, with the earlier request ("세 사업 합치면?": the three).
            own = subject_phrases(_strip_anaphora(q), self.vocab)
            if not own:
                taken: list[str] = []
                for subject in self.trail[-count:]:
                    taken.extend(p for p in subject if p not in taken)
                ctx.subject = taken
                ctx.project = None
                return self._asked_again(q)
        year, rel = _years(q)
        if (
            has_context
            and MEANT_CORRECTS
            and (meant := _MEANT.match(q))
            # (not who said it: "평가위원이 말한 거야?")
            and not any(t.tag == "JKS" for t in kiwi_tokens(meant.group(1))[-1:])
        ):
            # "아 경영성과 말한 거야": what the asker meant, a correction as "아니 경영성과" is
            q = f"아니 {meant.group(1)}"
        then_asked = None
        if has_context and THEN_ASKED:
            q = _INTERJECTION.sub("", q) or q
            then_asked = _CORRECTED_THEN_ASKED.match(q)
            if then_asked:
                # "이사회 말고 운영자문위원회 얘기였어. 그건 몇 번이야?": the correction, then
                # what is asked of the corrected subject (몇 번, in place of the earlier request)
                q = then_asked.group("fix")
        correction = _CORRECTION.match(q)
        body = q[correction.end() :].strip() if correction else q
        not_this = _NOT_THIS.match(body)
        if has_context and (correction or not_this):
            old, new = (not_this.group(1), not_this.group(2)) if not_this else (None, body)
            asked_after = then_asked["ask"] if then_asked else None
            if THEN_ASKED:
                new = _SAID_SO_END.sub("", new)  # ("…사업 예산 물어본 거였어")
                topic = _TOPIC_THEN_ASKED.match(new) if asked_after is None else None
                if TOPIC_THEN_ASKED and topic and intent.asking(topic["ask"]):
                    # "정기감사 말고 상시감사는 얼마나 자주 하는 거였지?": the corrected subject,
                    # marked as the topic, and what is asked of it
                    new, asked_after = topic["fix"], topic["ask"]
            new = _TRAILING.sub("", new).strip()
            if old:
                old = _TRAILING.sub("", old).strip()
            asked = _attribute_nouns(new, self.vocab)
            if _asks_a_fact(asked) and (rest := _without_phrases(new, asked)):
                # "정보공시제 말고 대체인력 파견 실적 목표": the correction asks its own
                # request (실적 목표) about the new subject; the earlier one (예산) is dropped.
                new, ctx.request = rest, asked
            elif new and not intent.kind_word(new.replace(" ", "")) and not _COUNTED.search(new):
                # "아니 인권교육" after "인권상담 목표 몇 건이야?": the other subject's target,
                # in whatever it is counted (교육 in 회), not in the corrected one's 건.
                ctx.request = _COUNTED.sub(" ", ctx.request).strip() or ctx.request
            if asked_after is not None and new:
                # (what the asker meant is said whole, "운영자문위원회 얘기였어": the subject,
                # with the request asked after it)
                # (of the same project when its part says the new subject too: 특별감사 after
                # 정기감사 of 상시감찰반)
                same = bool(ctx.project) and self.vocab.said_under(ctx.project or "", new)
                ctx.subject, ctx.project = [new], ctx.project if same else None
                then = _request_part(_strip_anaphora(asked_after), self.vocab)
                ctx.request = _without_abbreviation(then, new)
                return self._resolved()
            if new and old is not None and not _strip_anaphora(old):
                # "아니 그거 말고 직능단체 교육": the demonstrative names the whole earlier subject.
                ctx.subject, ctx.project = [new], None
                return self._resolved()
            # the phrase corrected is one the earlier turns' subject said
            old_said = old is not None and any(
                old.replace(" ", "") in s.replace(" ", "") for s in ctx.subject
            )
            if new and old and ctx.project and self.vocab.encloses(old, ctx.project):
                # "아니 시설지원팀 말고 경영기획팀" after 대체인력 파견 (a project in
                # 시설지원팀's part): the part corrected takes its project with it.
                ctx.subject, ctx.project = [new], None
                return self._resolved()
            if (
                new
                and old
                and self._asks_attribute(old)
                and self._asks_attribute(new)
                and not old_said
            ):
                # "아니 팀장 말고 담당자": the kind of answer is corrected, not the subject (a
                # team named as the subject, "시설지원팀 말고 경영기획팀", is the subject)
                ctx.request = new
                return self._resolved()
            if new:
                project = (ctx.project or "").replace(" ", "")
                if project and old and old.replace(" ", "") in project:
                    # "아니 대체인력 말고 긴급돌봄": the project it named is replaced, with every
                    # phrase that named it (대체인력, 파견), not only the one said again; and
                    # the items its part says (급량비 of 복리후생's budget: "아니 복리후생 말고
                    # 위원회 운영 예산" asks no 급량비 of 위원회 운영).
                    corrected = ctx.project or ""
                    ctx.project = None
                    ctx.subject = [
                        s
                        for s in ctx.subject
                        if old.replace(" ", "") not in s
                        and s.replace(" ", "") not in project
                        and not (ITEMS_GO_WITH_PROJECT and self.vocab.said_under(corrected, s))
                    ]
                    ctx.subject.append(new)
                elif SIBLING_ITEMS and ctx.project and self.vocab.said_under(ctx.project, new):
                    # "아니 인권교육" after the project's 인권상담 target: another item the same
                    # project's part says; the project stays.
                    ctx.subject = [new]
                else:
                    ctx.subject = _replace(ctx.subject, old, new)
                    if ctx.project and (not old or old_said):
                        # the earlier answer's project was the wrong one: the one the corrected
                        # subject led to ("정보공시제 말고 …" after an answer naming the project
                        # 정보공시제 is part of, by another name)
                        ctx.project = None
                return self._resolved()
        if LIST_REST and ctx.items and _REST_ASKED.match(q.strip()):
            # "나머지는?", "더 있어?" after a list: the list asked again, shown from the first
            # item not shown (after a whole list, that there is no other).
            resolved = self._resolved()
            resolved.shown_before = ctx.shown_before + len(ctx.items)
            resolved.understood = f"{resolved.understood or ''} 나머지".strip()
            return resolved
        narrow = _NARROW.search(q) if ctx.items else None
        if narrow:
            word = re.sub(r"(?:와|과|이랑|랑|하고|에)$", "", narrow.group(1).strip())
            kept = tuple(i for i in ctx.items if len(_flat(word)) > 1 and _flat(word) in _flat(i))
            if kept:
                resolved = self._resolved()  # the list asked again, kept to the items
                resolved.narrowed, resolved.narrowed_by = kept, word
                # (the list's name once: "성과계약 목표", not "… 목표 목표")
                named = re.sub(r"(\S+)(?: \1)+(?!\S)", r"\1", resolved.understood or "")
                resolved.understood = f"{named} 중 {word} 관련".strip()
                if len(kept) == 1:  # "예산은?" next asks of that item
                    ctx.subject, ctx.project, ctx.request = [kept[0]], None, ""
                return resolved
        ordinal = _ORDINAL.search(q) if ctx.items else None
        if ordinal and (item := _nth(ctx.items, ordinal)):
            # "첫 번째 사업 목표는?" after a list: that item is the subject, the rest of the
            # turn its request ("두 번째는?" alone: the item itself).
            rest = _TRAILING.sub("", f"{q[: ordinal.start()]} {q[ordinal.end() :]}").strip()
            ctx.subject, ctx.project = [], item
            # (alone, of a list of scores, "세 번째는?" asks that part's score)
            scored = ctx.request if _BROKEN_DOWN_ASKED.fullmatch(ctx.request or "") else ""
            ctx.request = _request_part(_strip_anaphora(rest), self.vocab) or scored
            if year:
                ctx.year = year
            return self._resolved()
        pointed = _ONE_POINTED.match(q) if ONE_LISTED_POINTED and len(ctx.items) == 1 else None
        if pointed:
            # "해당 지표에 대한 개선 권고 내용은?" after a list of one ("만점을 받지 못한 지표는
            # 다음과 같습니다: 1. 소통 및 참여(5) — 지역사회 … 네트워크 구축 2.70점"): that item.
            ctx.subject, ctx.project = [], ctx.items[0]
            # (what is asked of it, whole: 개선 권고 names no subject of its own)
            ctx.request = _TRAILING.sub("", q[pointed.end() :]).strip(" ,")
            if year:
                ctx.year = year
            return self._resolved()
        stripped = _strip_anaphora(q)
        anaphoric = stripped != q
        # (the words of a reason asked name no subject: 개선 of "개선하라고 한 건 뭐야?")
        unreasoned = intent.without_reason_words(stripped)
        own_subject = subject_phrases(unreasoned, self.vocab)
        contents = [m for m in morphemes(stripped) if m not in _REQUEST_NOUNS]
        # "가장 많이 깎인 지표는?": adverbs and verbs make the request, no subject; a turn
        # naming no noun beyond what it asks for is elliptical however long its predicate.
        # (a word naming the kind of answer asks, whether listed or not: 감점 asks a reason)
        nouns = [
            f
            for _p, fs in _noun_phrases(unreasoned)
            for f in fs
            if f not in _REQUEST_NOUNS
            and not intent.kind_word(f)
            and f not in _NO_SUBJECT
            and len(f) > 1  # (건, 것 of "제일 낮은 건?": the thing asked for)
        ]
        short = not nouns
        rest = _request_part(stripped, self.vocab)
        # (one subject however many words: "농촌형 돌봄은?" is the phrases 농촌형 and 돌봄)
        whole = _span(stripped, own_subject) if own_subject else ""
        one = bool(own_subject) and bool(
            re.fullmatch(r"\s*".join(re.escape(p) for p in own_subject), whole)
        )
        if has_context and not anaphoric and (said := _predicated(stripped)):
            # "무료예요?", "예약제인가요?": a noun said of the earlier subject, not a new one.
            ctx.request = said
            return self._resolved()
        if (
            COST_OF_QUOTED
            and not ctx.project
            and quoted
            and own_subject
            and not anaphoric
            and all(cost_item(p) and self.vocab.said_under(quoted, p) for p in own_subject)
            and asks_cost(stripped)
        ):
            # "여비 얼마 잡았지" after "대면 비대면 나누면?" answered by the lines of one
            # project's part (‘소속시설 조직진단을 통한 경영혁신’에 대해 문서에는 “…”): that
            # project's 여비, when its part lists one, as after an answer naming the project.
            ctx.project = quoted
        if (
            ctx.project
            and own_subject
            and not anaphoric
            and all(cost_item(p) for p in own_subject)
            and asks_cost(stripped)
        ):
            # "인건비는 얼마 잡혀있어?", "교육훈련비는?": a cost item of the project answered
            # before (every plan itemises its budget in the same few words).
            ctx.subject = own_subject
            which = _PARTICLE.sub("", rest).strip()
            if BARE_NOUNS_KEEP_REQUEST and which and _bare_nouns(which) and asks_cost(ctx.request):
                # "이사회 수당은?" after "…예산 얼마": 이사회 says which 수당; the amount is
                # still what is asked
                ctx.subject = [which, *own_subject]
            else:
                ctx.request = which
            if year:
                ctx.year = year
            return self._resolved()
        if has_context and not anaphoric and (region := _region_compared(stripped)):
            # "대전이랑 차이는?" after 전북's total: both regions, the earlier request compared.
            home = region_of(self.vocab.home or "")
            if home and home != region and not any(regions_in(s) for s in ctx.subject):
                # ("경영평가 총점은?" then "대전이랑 얼마나 차이나?": the total before was
                # this agency's, unnamed)
                ctx.subject = [home, *ctx.subject]
            ctx.subject = [region, *ctx.subject]
            ctx.project = None
            ctx.request = f"{_compared_attribute(ctx.request, self.vocab)} 차이".strip()
            return self._resolved()
        if has_context and one and not anaphoric and (not rest or _region_also(stripped)):
            # "대전은?": only a subject, no request: the earlier request about another subject;
            # "전북에도 있어요?": a region and only whether it is there too.
            if (
                COST_NAMED_ASKED
                and cost_item(whole.split()[-1])
                and asks_cost(stripped)
                and not asks_cost(ctx.request or "")
            ):
                # "홈페이지 유지보수비는?" after "오프라인은?" of a 목표: the cost item names
                # what is asked, its amount, not the earlier request's count
                ctx.request = ""
            if (
                ONLY_NARROWS
                and not regions_in(whole)
                and re.match(rf"\s*{re.escape(whole)}\s*만(?![가-힣])", stripped)
            ):
                # "본부직원만" after "인권교육 몇 회": that part of the earlier subject (만, only),
                # not another subject (은/는, as for)
                ctx.subject = [*ctx.subject, whole]
                return self._resolved()
            where = ctx.project or quoted
            if (
                LABEL_ASKED
                and where
                and not regions_in(whole)
                # (written as a line's label: "감찰범위 : …")
                and self.vocab.said_under(where, whole, after=":")
            ):
                # "감찰범위는?": the line so labelled in the project's part answers
                ctx.project, ctx.subject, ctx.request = where, [whole], ""
                return self._resolved()
            if (
                SIBLING_ITEMS
                and ctx.project
                and not regions_in(whole)
                and self.vocab.said_under(ctx.project, whole)
            ):
                # "간담회는?" after the project's 교육 target: another item its part says.
                ctx.subject = [whole]
                return self._resolved()
            ctx.subject = _replace(ctx.subject, None, whole, self.vocab.siblings)
            ctx.project = None
            if regions_in(whole):
                # "우리는?" after "S등급 받은 데는 어디야?": the other agency's grade, not S
                ctx.request = _GRADE_VALUE.sub("", ctx.request or "").strip()
                ungraded = [_GRADE_VALUE.sub("", said).strip() for said in ctx.subject]
                ctx.subject = [said for said in ungraded if said]
            return self._resolved()
        if (
            ctx.project
            and own_subject
            and not anaphoric
            and not regions_in(stripped)
            and (
                self.vocab.item_of(ctx.project, _span(stripped, own_subject))
                or (
                    SIBLING_FIGURES
                    and one
                    and (
                        _COUNTED.search(stripped)
                        # ("이용자 만족도 목표는 몇 점?" after 운영내실화's budget: its part's
                        # 만족도 점수 80점 이상, not another document's 만족도 result)
                        or (SIBLING_SCORES and _SCORE_ASKED.search(stripped))
                    )
                    and self.vocab.said_under(ctx.project, whole)
                )
            )
            # (and every other noun of the turn is said there too: "요양보호사 자격증 따려면
            # …?" after 농촌형 돌봄, whose part alone names 요양보호사, asks of 자격증, a thing
            # the project never says: a question of its own)
            and all(
                self.vocab.said_under(ctx.project, n)
                for n in nouns
                if not any(n in _flat(p) for p in own_subject)
            )
        ):
            # "이용자 목표는 몇 명이야?" after an answer about one project: an item written under
            # that project's heading, named nowhere else: the project carries, the item replaces
            # the earlier one and the turn's own request is asked.
            before = ctx.subject
            ctx.subject = own_subject
            if SUBJECTS_ITEM and len(own_subject) == 1:
                # "참석수당은 얼마로 잡았지?" after 이사회's target: the project writes the
                # item of the earlier subject as one ("이사회 참석수당"), among others'
                # (인사위원회 참석수당 …): that subject's item is asked.
                whose = [
                    f"{s} {own_subject[0]}"
                    for s in before
                    if self.vocab.said_under(ctx.project or "", f"{s}{own_subject[0]}")
                ]
                if len(whose) == 1:
                    ctx.subject = whose
            if rest := _PARTICLE.sub("", rest).strip():
                if BARE_NOUNS_KEEP_REQUEST and ctx.request and _bare_nouns(rest):
                    # "이사회 수당은?" after a budget: 이사회 says which 수당, asking nothing
                    ctx.subject = [rest, *own_subject]
                else:
                    ctx.request = rest
            if year:
                ctx.year = year
            return self._resolved()
        if (
            (ctx.project or ctx.subject)
            and own_subject
            and not anaphoric
            and all(self._said_before(p) for p in own_subject)
            # (a turn saying the subject again as it was said is a question of its own; one
            # saying a part of it, 기업 of 공급기업, asks of it: "몇 개 기업 뽑아요?")
            and not all(any(_flat(p) == _flat(s) for s in ctx.subject) for p in own_subject)
        ):
            # "몇 명이나 파견해요?" after an answer about '…대체인력 파견': the turn names the
            # project it is already about; it asks its own request of it. So does a part of
            # the subject said before: "어떻게 상담받을 수 있어?" after 인권상담's target.
            ctx.subject = [
                s
                for s in ctx.subject
                if _flat(s) in _flat(ctx.project or "")
                or any(_flat(p) in _flat(s) for p in own_subject)
            ]
            part = _request_part(stripped, self.vocab) or stripped
            if BARE_NOUNS_KEEP_REQUEST and ctx.request and _bare_nouns(part):
                # ("이사회 수당은?" after the project's budget: which 수당, asking nothing)
                ctx.subject = [*ctx.subject, part]
            else:
                ctx.request = part
            if year:
                ctx.year = year
            return self._resolved()
        # "하루에 몇 시간이나 와 주세요?": nouns that name no topic of the documents (하루,
        # 시간) ask something of the earlier one.
        topical = any(self.vocab.is_subject(n) for n in nouns)
        # Two nouns or more the documents never use ("사상구청 민원실 운영시간 알려주세요",
        # "제주도 날씨 어때?") name a topic of the asker's own, not one left unsaid (one,
        # "주말에도 와 주세요?", may well be asked of the earlier subject).
        # (but "우리 동네 임실도 돼요?" asks whether the earlier subject is had there too)
        foreign = len({n for n in nouns if n not in self.vocab.known}) >= 2 and not _TOO.search(
            stripped
        )
        elliptical = has_context and (
            anaphoric
            or (
                not own_subject
                and not foreign
                and (len(contents) <= 2 or rel is not None or short or not topical)
            )
        )
        if elliptical and not anaphoric and ctx.project and _OVER_ALL.search(stripped):
            # "가장 예산 큰 사업은?", "비예산 사업은 몇 개야?" after an answer about one project:
            # one project holds no projects to rank or count; the plan's are asked ("그 중 …"
            # would ask within the earlier answer).
            elliptical = False
        if (
            REGION_CARRIES
            and not elliptical
            and has_context
            and own_subject
            and not regions_in(stripped)
            and (region := self._region_before()) is not None
            and all(self.vocab.said_of(region, m) for p in own_subject for m in morphemes(p))
        ):
            # "이용자 만족도도 높게 나왔어요?", "원장님 성함이 뭐예요?" after 대전's result: the
            # other agency the conversation is about, whose document says what is asked, is
            # what the turn asks of (not this agency's own 만족도).
            ctx.subject, ctx.project, ctx.line, ctx.items = [region, *own_subject], None, None, ()
            ctx.request = _request_part(q, self.vocab)
            ctx.year = year
            resolved = self._resolved()
            # (asked of its document, without the region's name: its sentences need not say it)
            resolved.query = _without_word(resolved.query, region)
            resolved.document = self.vocab.regional[region][0]
            return resolved
        if not elliptical:
            ctx.subject = own_subject
            if STORY_PLACES_APART and (told := intent.circumstance_places(q)):
                # "복지시설에서 일하는데 상사가 괴롭혀요": where the asker works is no topic; the
                # part the answer quotes is (QUOTED_WHEN_UNNAMED).
                ctx.subject = [
                    p
                    for p in own_subject
                    if regions_in(p) or not any(m in told for m in morphemes(p)[-1:])
                ]
            ctx.project = None
            ctx.line = None
            ctx.items = ()
            ctx.request = _request_part(q, self.vocab)
            ctx.year = year
            ctx.kin = list(kin_words(q, self.vocab.known).values())
            return Resolved(q)
        request = stripped or q
        if anaphoric and not ctx.project and quoted and QUOTED_PART_POINTED:
            # "그건 누가 담당해?": the part the last answer quoted is what "그건" points at.
            ctx.project = quoted
        if ctx.line and asked_counter(stripped) == "시":
            # "몇 시까지 받아요?" after an answer giving a phone line: that line's hours.
            # (named without its 번호: the hours of a line are asked, not another number)
            ctx.subject, ctx.project = [_NUMBER_WORDS.sub("", ctx.line).strip() or ctx.line], None
        if rel is not None and ctx.year:
            ctx.year = ctx.year + rel
            request = _RELATIVE_WORD.sub("", request).strip()
        elif year:
            ctx.year = year
        request = _TRAILING.sub("", request).strip()
        if rel is not None and request and not _TRAILING.sub("", _RELATIVE_WORD.sub("", request)):
            # "작년엔?" after an answer that said no year to count from: the same request,
            # of the year said as the asker said it (the facts read 작년 as they can).
            request = f"{ctx.request} {request}".strip()
        if not request:  # "작년엔?": the same request about another year
            request = ctx.request
        elif ctx.items and ctx.request and _COUNT_ONLY.fullmatch(request):
            # "몇 개야?" after "시설지원팀 사업 목록": the things listed, counted.
            request = f"{ctx.request} {request}"
        elif (earlier := _attribute_nouns(ctx.request, self.vocab)) and _same_measure(
            earlier, request
        ):
            # "작년엔 몇 점이었어?" after 총점: the same measure, asked by its counter only.
            request = f"{earlier} {request}"
        elif own_subject or _COMPARED.search(request):
            # "그 중 인건비는?": a narrower item of the earlier request; "작년보다 올랐어요?":
            # the earlier request (결과, 예산) compared with the year before; asked by its
            # counter only ("총점 몇 점이야?"), the noun the counter names (점수).
            request = f"{_compared_attribute(ctx.request, self.vocab)} {request}".strip()
        elif BARE_NOUNS_KEEP_REQUEST and ctx.request and _bare_nouns(request):
            # "인사위는?" after "이사회 수당은?": a noun alone asks the earlier request of it
            request = f"{request} {ctx.request}"
        elif _SUPERLATIVE.search(request) and short and not _RANKED & set(morphemes(request)):
            # "제일 높은 건?" after "지표별로 보여줘": the highest of what was asked (지표).
            ranked = [f for _p, fs in _noun_phrases(ctx.request) for f in fs if f in _RANKED]
            request = " ".join([*dict.fromkeys(ranked), request])
        ctx.request = _YEAR.sub(" ", request).strip()
        return self._resolved()

    def _region_before(self) -> str | None:
        """The one region the earlier turns' subject named, when it is another agency's."""
        named = {r for s in self.ctx.subject for r in regions_in(s)}
        if len(named) != 1:
            return None
        region = named.pop()
        return None if region == region_of(self.vocab.home or "") else region

    def _resolved(self) -> Resolved:
        ctx = self.ctx
        query = _with_year(f"{self._subject_text()} {ctx.request}".strip(), ctx.year)
        # Shown to the user: the subject and the nouns of the request, no question endings.
        phrases = _noun_phrases(ctx.request)
        if phrases and _stem_left(ctx.request, phrases[-1][0]):
            phrases = phrases[:-1]
        # (nor how it is asked: "구체적으로", "자세히 말해줘")
        asked = " ".join(
            phrase
            for phrase, forms in phrases
            if not _QUESTION_NOUNS & set(forms) and not set(forms) <= _HOW_ASKED
        )
        understood = _with_year(f"{self._subject_text()} {asked}".strip(), ctx.year)
        return Resolved(query, understood=understood, used_history=True, project=ctx.project)

    def absorb_answer(self, answer: str) -> None:
        """A quoted project name in the answer ('인력 공백에 대한 대체인력 파견') is what the
        turn turned out to be about; later turns refer to it."""
        # (neither the history note nor the note on the documents' words names a topic)
        text = READ_AS_NOTE.sub("", _PRESENTED.sub("", answer or ""))
        if offered := _OTHER_YEAR.match(text):
            # "작년 경영평가 결과는?" answered with the one year the documents have: the turn's
            # topic stands, in the year offered ("몇 점이야?" next asks that year's score).
            text = text[offered.end() :]
            self.ctx.year = None
        if _NOT_FOUND.search(text):
            # The documents did not cover what the turn asked: it set no topic to follow up on
            # (carrying its words would only rebuild the same unanswerable question). A
            # follow-up left unanswered ("그 중 인건비는?") keeps the subject earlier answers set.
            if text == (answer or ""):
                # A new question left unanswered: the topic before it still stands (an
                # unanswered first turn leaves none).
                self.ctx = self.before
                topics = list(dict.fromkeys(_QUOTED.findall(_EXAMPLE.sub("", text))))
                if (
                    ONE_TOPIC_OFFERED
                    and len(topics) == 1
                    and not (self.ctx.subject or self.ctx.project)
                ):
                    # "…문서에는 ‘농촌형 돌봄 강화’에 관한 내용이 나와 있습니다" after a first
                    # turn: the one topic offered is what "거기서 해주는 서비스는?" next asks
                    # of (of two offered, the asker is asked which).
                    self.ctx.project, self.ctx.request = topics[0].strip(), ""
            else:
                # ... nor does what it asked: the year ("작년 실적은?" unanswered: "담당자는?"
                # next is of the year the answers were of) or the narrower item ("그 중
                # 인건비는?" unanswered: "아니 대체인력 말고 긴급돌봄" asks 긴급돌봄's 예산).
                self.ctx.year = self.before.year
                self.ctx.request = self.before.request
            return
        self.ctx.line = _line_of(text)
        if _WHERE_ASKED.search(self.asked) and not regions_in(self.asked):
            # "전국 1등 한 데가 어디야?" answered by a passage naming one region (대전): that
            # region is what "거기는 몇 점?" asks about.
            # (the answer's first quote, where its answer is; later quotes add context)
            # (the quote itself: the heading named before it, "‘전북사회서비스원 본부 및 …
            # 운영’에 대해 문서에는 “…”", names the agency, not the place asked)
            first = text.find("“")
            quoted = text[first + 1 : text.find("”", first)] if first >= 0 and "”" in text else text
            regions = regions_in(quoted)
            if len(regions) == 1:
                self.ctx.subject, self.ctx.project, self.ctx.request = [regions[0]], None, ""
                return
        if each := _BROKEN_DOWN.search(text):
            # "…의 영역별 점수는 다음과 같습니다": what follows ("그 중에 가장 높은 건?") ranks
            # those parts, not the whole's level.
            self.ctx.request = f"{each.group(1)} 점수"
        if listed := _LISTED.search(text):
            self.ctx.items = tuple(i.strip() for i in _LISTED_ITEM.findall(listed.group(1)))
            self.ctx.shown_before = listing.shown_from(text)
        elif (
            ONE_LISTED_POINTED
            and (marks := _MARKS_LISTED.search(text))
            and (scored := _SCORED_ITEM.findall(text[marks.end() :]))
        ):
            # "…에서 만점을 받지 못한 지표는 다음과 같습니다: 1. … — A 2.70점(배점 3점)": its
            # parts, one or more ("해당 지표", "두 번째 지표")
            self.ctx.items = tuple(dict.fromkeys(n.strip() for n in scored))
        elif each and len(scored := _SCORED_ITEM.findall(text[each.end() :])) >= 2:
            # "…의 지표별 점수는 다음과 같습니다: 1. 민간지원(14) — A 5.50점(배점 6점), B …":
            # its parts in order, for "두 번째 지표 점수는?"
            self.ctx.items = tuple(dict.fromkeys(n.strip() for n in scored))
        # (or a table's year column the figure was read from: "안전사고 건수 2023년은 0건")
        dated = _ANSWER_YEAR.match(text) or _CELL_YEAR.match(text)
        if dated and self.ctx.year is None:
            # "2023년 사업계획서 기준으로 …": the year the answer is from; "작년에는?" counts back
            # from it.
            self.ctx.year = int(dated.group(1))
        m = _QUOTED.search(text)
        ranking = bool(_SUPERLATIVE.search(self.ctx.request) or rank_asked(self.ctx.request))
        if m and ranking:
            # "가장 점수가 낮은 영역은?" answered ‘주요사업’: what follows is about the winner
            # (or the part at the place asked: "두 번째로 낮은 영역은?").
            self.ctx.subject, self.ctx.project = [m.group(1).strip()], None
            self.ctx.request = ""
            return
        named = _PROJECT_OF_ANSWER.search(text) or NEED_TOPIC.search(text)
        if named and not ranking:
            # "… 기준으로 '…인권보호체계를 구축하여 …' 사업에서 온·오프라인 인권상담 목표는
            # 55건입니다": the answer says which project it is of, whatever words the turn
            # used for it; "담당자는?" next asks that project's.
            self.ctx.project = named.group(1).strip()
            return
        if m and (self.ctx.subject or not self.ctx.project):
            name = m.group(1).strip()
            flat_name = name.replace(" ", "")
            # Named by the turn's subject, or, for a turn narrowing the earlier one ("그 중에
            # 농촌 관련된 건?"), by a noun of its request (농촌형 돌봄 강화).
            narrowed = [
                f
                for _p, forms in _noun_phrases(self.ctx.request)
                for f in forms
                if len(f) > 1 and f not in _REQUEST_NOUNS and f not in _QUESTION_NOUNS
            ]
            declared = _DECLARED.match(text)
            if (
                declared
                and self.ctx.subject
                and all(_flat(p) in _flat(text[declared.end() :]) for p in self.ctx.subject)
            ):
                self.ctx.quoted = name
            if (
                any(s.replace(" ", "") in flat_name for s in self.ctx.subject)
                or any(f in flat_name for f in narrowed)
                or (declared and _WHICH_PROJECT.search(self.asked))
                # (or told what the asker heard of, after a story: what the answer declared is
                # what was heard of, "…의무교육을 온라인으로 … 해준다던데 맞아요?")
                or (declared and HEARD_TOPIC and intent.heard_claim(self.asked) is not None)
            ):
                # (or the turn asked whether there is such a project and the answer declared
                # one its topic, whatever words the turn used: "직원 복지 관련 사업 있어?"
                # answered "‘복리후생, 처우개선을 …’에 대해 문서에는 …")
                self.ctx.project = name
            elif any(k in flat_name for k in self.ctx.kin):
                # "시골에 혼자 사시는 할머니" answered with ‘…농촌형 돌봄 강화’: the project
                # named by the documents' word for the turn's is the topic; the turn's own
                # words were the everyday way of saying it.
                self.ctx.project = name
                self.ctx.subject = [s for s in self.ctx.subject if _flat(s) in _flat(name)]
            elif QUOTED_WHEN_UNNAMED and not self.ctx.subject and not self.ctx.project:
                # "서비스의 질 지표 점수 알려줘" names nothing the resolver keeps (서비스 is a
                # common word, 질 one syllable); the part its answer quoted, ‘서비스의 질’, is what
                # the next turn asks of.
                self.ctx.project = name


_SUPERLATIVE = re.compile(r"가장|제일|최고|최저")
# An answer quoting one part of a document, which it names first as its topic.
_DECLARED = re.compile(r"‘[^’]{2,120}’에 대해 문서에는")
# A count asked in one counter ("몇 건이야"), which a corrected subject may not be counted in.
# (with the particle after it: "몇 명으로 구성해" leaves "구성해", not "으로 구성해")
_COUNTED = re.compile(
    r"몇\s*(?:건|명|회|번|개소|곳|개|가지)(?:으로|로|이나|이야|야|인가요|이에요|예요)?"
)
# A figure in 점 asked: of an item its project's part says, as a count is (SIBLING_FIGURES).
_SCORE_ASKED = re.compile(r"몇\s*점")
# Whether a figure in 점 asked of such an item keeps the project (as a count does).
SIBLING_SCORES = True
# Whether an item of the project asked after one of its subjects is that subject's item when
# the project writes them as one ("이사회 참석수당").
SUBJECTS_ITEM = True
# Whether a turn naming no region, after turns about another region's agency, asks of that
# agency when its document says the turn's words (Vocabulary.said_of).
REGION_CARRIES = True
# A score broken into its parts (retrieval.profiles.evaluation_report.breakdown).
_BROKEN_DOWN = re.compile(r"의 (영역|지표|분야)별 점수는 다음과 같습니다")
# The request such an answer leaves (absorb_answer): "지표 점수".
_BROKEN_DOWN_ASKED = re.compile(r"(?:영역|지표|분야) 점수")
# Whether a project or service of some description exists, asked ("… 관련 사업 있어?").
_WHICH_PROJECT = re.compile(rf"{intent.SERVICE_HEAD}(?:이|가|도|은|는)?\s*(?:있|없)")
# Whether a turn opening a topic ("긴급돌봄 서비스 문의드려요") is asked as what it is
# (intent.opened_topic).
OPENED_TOPIC = True
# Whether a heard claim's answer declaring a topic sets it (intent.heard_claim).
HEARD_TOPIC = True
# Whether "나머지는?" after a list shows the rest of it (`Resolved.shown_before`).
LIST_REST = True
# The rest of it asked, and nothing else: "나머지는?", "더 있어?", "계속", "그 외에는?", "다른
# 건?", "나머지도 알려줘".
_REST_ASKED = re.compile(
    r"^(?:그럼\s*|그\s*)?(?:나머지|그\s*외|그\s*밖|계속|더|또|다른\s*(?:건|거|것|게|사업|항목))"
    r"(?:에|엔|에는|은|는|도|요|들)?\s*"
    r"(?:(?:더\s*)?(?:있|알려|보여|말해|뭐|있나)[가-힣]*)?\s*[?？.!~]*$"
)
# "그 중에 돌봄 관련된 거는?", "이 중 종사자가 들어간 과제는?": the listed items saying a word.
_NARROW = re.compile(
    r"(?:그|이)\s*중(?:에서|에)?\s+(\S+(?:\s+\S+)?)\s*"
    r"(?:관련(?:된|한|있는|이\s*있는)?|관한|들어간|들어가는|포함된|포함한)\s*"
    r"(?:거|것|건|게|사업|과제|항목)"
)
# Which agency or region is asked ("1등 한 데가 어디야?", "어느 기관이 받았어?").
_WHERE_ASKED = re.compile(
    r"(?:데|곳|기관|지역|시도|시·도)(?:가|는|은|이)?\s*어디|어느\s*(?:곳|기관|지역|시도|시·도)"
)
# This agency by its staff's word for it, alone or before what a result is ("우리는?", "저희
# 기관 점수는?"); not "우리 어머니" or "우리 동네", which are the asker's own.
_OURS = re.compile(
    r"(?<![가-힣])(?:우리|저희)(?:\s*(?:기관|원|사회\s*서비스원))?(은|는|도|의|가|이|랑|하고|와|보다)?"
    r"(?=\s*(?:요\s*)?(?:[?？.!]|$|점수|등급|총점|순위|결과|득점|몇\s*(?:점|등|위)|차이|비교"
    # (set against this agency: "우리보다 높아요?")
    r"|(?:더\s*)?(?:높|낮|잘|못|많|적)))"
)
# Projects ranked or counted as a whole ("가장 … 사업", "사업은 몇 개").
_OVER_ALL = re.compile(
    r"(?:가장|제일|최고|최저)\s*(?:\S+\s+){0,2}\S*사업|사업\S*\s*(?:\S+\s+)?몇\s*(?:개|가지)"
)
# What a bare "제일 높은 건?" ranks, when the earlier request named it.
_RANKED = {"지표", "항목", "영역", "분야", "점수", "득점", "예산", "사업"}
# Whether the earlier subject is had, done or there too ("임실도 돼요?", "거기도 있어요?").
_TOO = re.compile(r"[가-힣]도\s*(?:돼|되|해|하|있|가능)[가-힣]*[?？.!\s]*$")
# A part of a broken-down score and its points ("— 사회서비스 … 적정성 5.50점(배점 6점)").
_SCORED_ITEM = re.compile(r"(?:— |, |: )([^,;—:]{2,120}?) (?:가점 )?\d+(?:\.\d+)?점\((?:배점|최대)")
# A list answer's items (retrieval.listing, retrieval.columns): "…가 있습니다: “A”, “B”." or
# "… 앞의 것부터: “A”, …".
_LISTED = re.compile(
    r"(?:가 (?:더 )?있습니다:|앞의 것부터:|앞의 [가-힣]+ 가지:)\s*((?:“[^”]{1,200}”(?:,\s*)?)+)"
)
_LISTED_ITEM = re.compile(r"“([^”]{1,200})”")
# An item of the list before, by its place: 첫 번째, 두번째, 셋째, 3번째, 2번, 마지막.
_ORDINAL = re.compile(
    rf"(?:{ORDINAL_PLACE}"
    r"|(?<![\d가-힣])(\d{1,2})\s*번(?![가-힣\d])"
    r"|(마지막|맨\s*(?:끝|뒤|아래)))"
    # with the noun it counts (사업, 과제, 것), which the item itself names
    r"(?:\s*(?:사업|과제|항목|지표|분야|영역|것|거|건|게|꺼))?"
    r"(?:은|는|이|가|을|를|의|도|에서|엔|에는)?"
)


def _nth(items: Sequence[str], m: re.Match[str]) -> str | None:
    """The item an ordinal names, or None when the list has no such place."""
    if m.group(4):
        return items[-1] if items else None
    word = m.group(1) or m.group(2) or m.group(3)
    n = place_number(word)
    return items[n - 1] if 1 <= n <= len(items) else None


# A phone number an answer gives, and the line's name written before it ("… 공개 번호는
# 돌봄종합정보상담 콜센터 1522-0365입니다", "긴급돌봄 대표번호는 1522-0365입니다").
_PHONE_GIVEN = re.compile(intent.PHONE_NUMBER)
_LINE_NAME = re.compile(r"([가-힣A-Za-z][가-힣A-Za-z·\s]{1,40}?)(?:은|는)?\s*$")
_LINE_LEAD = re.compile(r"^.*(?:공개\s*(?:전화)?\s*번호는|[’'] 사업의)\s*")


def _line_of(answer: str) -> str | None:
    """The name of the one phone line an answer gives, or None."""
    phones = set(_PHONE_GIVEN.findall(answer))
    if len(phones) != 1:
        return None
    before = _LINE_LEAD.sub("", answer[: answer.find(phones.pop())])
    # (lines sharing the number are named together: "긴급돌봄 대표번호와 돌봄종합정보상담 콜센터
    # 번호는 모두 …": one line; the last named is the one its passage describes)
    before = _ALL_LINES.sub("", before)
    m = _LINE_NAME.search(before)
    return _AND.split(m.group(1).strip())[-1] if m else None


_ALL_LINES = re.compile(r"(?:은|는)?\s*모두\s*$")
_AND = re.compile(r"(?<=[가-힣])(?:와|과)\s+")


# An earlier answer is read only for the project it quoted, which comes first.
MAX_ANSWER_CHARS_READ = 2000


# "그 다음은?", "다음으로 큰 건?" after a ranking ("예산이 가장 큰 사업은?"): the next place.
_NEXT_PLACE = re.compile(
    r"^(?:그\s*)?다음(?:으로|엔|에는|은|는|건|거|꺼|게|것은?)?\s*"
    r"(?:(?:큰|높은|낮은|작은|많은|적은)\s*(?:건|거|꺼|것|게|사업|지표|영역|분야)?\s*)?"
    r"(?:은|는|요|은요|는요|이야|야|예요|에요|뭐야|뭐예요|뭐에요|어디야)?\s*[?？.]?$"
)
# The superlative a ranking question says, replaced by the next place's ordinal.
_SUPERLATIVE_SAID = re.compile(r"(?:가장|제일)\s*")


# A place alone, after a ranking ("두 번째는?", "세 번째로 큰 건?", "3위는?").
_BARE_PLACE = re.compile(
    rf"^(?:그럼\s*)?(?:{ORDINAL_PLACE}|(\d{{1,2}})\s*위)(?:로)?\s*"
    r"(?:(?:큰|높은|낮은|작은|많은|적은)\s*)?(?:건|거|꺼|것|게|항목|사업|지표|영역|분야)?\s*"
    r"(?:은|는|요|은요|는요|이야|야|예요|에요|뭐야|뭐예요|어디야)?\s*[?？.]?$"
)
# Whether a place alone after a ranking asks the ranking at that place (`_next_place`).
BARE_PLACE_RANKED = True


def _bare_place(question: str) -> int | None:
    m = _BARE_PLACE.match(question.strip()) if BARE_PLACE_RANKED else None
    if m is None:
        return None
    word = m.group(1) or m.group(2) or m.group(3)
    n = place_number(word)
    return n if n >= 2 else None


def _next_place(question: str, history: Sequence[Turn]) -> str | None:
    """The ranking question of the turn before, asked of the next place, when `question` asks
    for the next one ("그 다음은?" after "예산이 가장 큰 사업은?": "예산이 두 번째로 큰
    사업은?"); a run of them counts on ("그 다음은?" again: 세 번째). A place alone ("세
    번째는?") asks the ranking at that place."""
    bare = _bare_place(question)
    if bare is None and not _NEXT_PLACE.match(question.strip()):
        return None
    ranking: str | None = None
    for turn in history:
        said = turn.question.strip()
        if _NEXT_PLACE.match(said):
            ranking = _placed_after(ranking) if ranking else None
        elif ranking and (place := _bare_place(said)) is not None:
            ranking = _placed_at(ranking, place)
        elif smalltalk.reply(said) is None and (_place_of(said) or not _names_nothing(said)):
            # (a turn naming nothing of its own, "얼마야?", asked of the place ranked: the
            # ranking still counts on after it)
            ranking = said if _place_of(said) else None
    if ranking and bare is not None:
        return _placed_at(ranking, bare)
    return _placed_after(ranking) if ranking else None


def _placed_at(question: str, n: int) -> str | None:
    """A ranking question asked of the `n`th place instead ("가장 큰 항목은?" -> "두 번째로 큰
    항목은?")."""
    place = _place_of(question)
    if place is None:
        return None
    if place == 1:
        return _SUPERLATIVE_SAID.sub(f"{ordinal_said(n)}로 ", question, count=1)
    ranked = rank_said(question)
    if ranked is None:
        return None
    m = ranked[0]
    ro = "로" if m.group(0).endswith("로") else ""
    said = f"{n}위" if m.group(3) else f"{ordinal_said(n)}{ro}"
    return question[: m.start()] + said + question[m.end() :]


def _names_nothing(question: str) -> bool:
    """Whether a turn names no noun beyond what it asks for ("얼마야?", "담당자는?")."""
    return all(
        f in _REQUEST_NOUNS or f in _QUESTION_NOUNS or len(f) < 2
        for _p, forms in _noun_phrases(question)
        for f in forms
    )


def _place_of(question: str) -> int | None:
    if (HIGHEST_RE.search(question) or LOWEST_RE.search(question)) and _SUPERLATIVE_SAID.search(
        question
    ):
        return 1
    asked = rank_asked(question)
    return asked[0] if asked else None


def _placed_after(question: str) -> str | None:
    place = _place_of(question)
    return _placed_at(question, place + 1) if place is not None else None


def resolve(question: str, history: Sequence[Turn] | None, vocab: Vocabulary) -> Resolved:
    """Rewrite `question` using the earlier turns, or return it unchanged."""
    if history:
        # ("1년에 몇 건 정도 해요?" after a project: the hedge is no request of it; a first
        # turn's terms weigh hedges as nothing already)
        question = without_approximators(question)
    if OPENED_TOPIC:
        # "긴급돌봄 서비스 문의드려요": asked as what it is, and the topic of what follows
        question = intent.opened_topic(question) or question
    if not history:
        return Resolved(bounded(reduce(question)))
    following = _next_place(question, list(history)[-MAX_TURNS:])
    if following is not None:
        return Resolved(
            bounded(following),
            understood=_TRAILING.sub("", following).strip(),
            used_history=True,
        )
    resolver = _Resolver(vocab)
    turns = list(history)[-MAX_TURNS:]
    for i, turn in enumerate(turns):
        if smalltalk.reply(turn.question) is not None:
            continue  # "안녕하세요", "감사합니다": no topic, no request
        # ("그 다음은?" was the ranking asked of the next place, and its answer is about that)
        said = without_approximators(turn.question)
        asked = _next_place(said, turns[:i]) or said
        if OPENED_TOPIC:
            asked = intent.opened_topic(asked) or asked
        # Earlier turns are bounded like the question: ten long turns cost what one does.
        resolver.step(bounded(asked))
        resolver.absorb_answer(turn.answer[:MAX_ANSWER_CHARS_READ])
    empty = not (resolver.ctx.subject or resolver.ctx.project)
    resolved = resolver.step(bounded(question))
    if empty and not resolved.used_history and subjectless(bounded(question), vocab):
        resolved.no_subject = True
    elif (
        empty
        and not resolved.used_history
        and _ANAPHORA.match(said := question.strip())
        and not _GOING_ON.match(said)
        and not _NOT_THIS.match(said)
        and not (OWN_BESIDE_ANAPHOR and _names_own_beside(said, vocab))
    ):
        # "그 중 여비는?", "그 사업 담당자는?" after turns that found nothing: it points at
        # what they would have named; its own noun is no subject (여비 of every project).
        # ("그거 말고 가사간병은요?" names its own subject.)
        resolved.no_subject = True
    elif empty and not resolved.used_history and _predicated(_strip_anaphora(bounded(question))):
        # "무료예요?" after turns that found nothing: a noun said of a subject never set,
        # not a question about that noun (no quote of "교육장 무료임대").
        resolved.no_subject = True
    if not resolved.used_history:
        resolved.query = bounded(reduce(resolved.query))
    if resolved.used_history:
        logger.debug("이어지는 질문 %r → %r", question, resolved.query)
    return resolved


# Whether "우리"/"저희" before the region a follow-up names ("우리 전북은요?") is left out of
# it: the asker's side, said of the region they name, is no word of its own.
OWN_SIDE_NAMED = True
_OUR_NAMED = re.compile(r"^(?:우리|저희)\s+(?P<named>\S+)")
# Whether a follow-up naming only a cost item ("홈페이지 유지보수비는?") asks its amount, not
# the earlier request (목표, 몇 건).
COST_NAMED_ASKED = True
# Whether a noun's prefix written onto it ("비대면") is read as part of a subject phrase.
PREFIX_KEPT = True
# Whether a correction replacing the project drops the items its part says with it.
ITEMS_GO_WITH_PROJECT = True
# Whether the one topic an unanswered first turn was offered is what the next turn is about.
ONE_TOPIC_OFFERED = True
# Whether a which-question's predicate noun (대상 of "어느 지역이 대상인가요?") is left out of
# the words its answer must say (_WHICH_IS).
WHICH_RELATION = True
# Whether a turn after unanswered ones that points back ("그런 경우도 …") and names a subject
# beside the noun it points with ("… 긴급돌봄 되나요?") is asked on its own.
OWN_BESIDE_ANAPHOR = True


def _names_own_beside(question: str, vocab: Vocabulary) -> bool:
    """Whether a turn opening with a pointing word names a subject other than the noun that
    word points with ("그런 경우도 긴급돌봄 되나요?": 긴급돌봄; not "그런 프로그램 있어요?",
    nor a cost item of every project, "그 중 여비는?")."""
    stripped = _strip_anaphora(question)
    phrases = subject_phrases(stripped, vocab)
    if phrases and stripped.startswith(phrases[0]):
        phrases = phrases[1:]  # (the noun the pointing word modifies: 그런 경우)
    return any(not cost_item(p) and len(_flat(p)) > 1 for p in phrases)


def subjectless(question: str, vocab: Vocabulary) -> bool:
    """A short turn with no subject phrase the index knows ("신청하면 비용은 얼마예요?")."""
    stripped = _strip_anaphora(question)
    said = morphemes(stripped)
    # (the closing verb, "몇 명으로 구성해요?" -> 구성, says what is asked of a subject, when
    # the turn has no other noun: "게티즈버그 전투는 언제 발발했는가?" names one)
    phrases = subject_phrases(stripped, vocab, follow_up=False)
    verbs = [p for p in phrases if _is_predicate(stripped, p)]
    nouns = {
        t.form
        for t in kiwi_tokens(stripped)
        if t.tag in ("NNG", "NNP") and t.form not in _REQUEST_NOUNS
    }
    if verbs and nouns <= set(verbs):
        phrases = [p for p in phrases if p not in verbs]
    if (
        phrases
        or regions_in(stripped)
        or _unknown_noun(stripped, vocab)
        # (a part of a result asked alone, "가점 받은 지표 있어?", is asked of every result)
        or asks.ATTRIBUTES.intersection(said)
    ):
        return False
    # (the 거 of an ending, "받을 수 있는 거예요?", is no word of the turn's)
    ending = _NOMINALISERS if ENDING_NO_WORD else frozenset()
    return len([m for m in said if m not in _REQUEST_NOUNS and m not in ending]) <= 2


# The bound nouns a turn ends on ("…하는 거예요?", "…한 것인가요?"): its ending, not a word.
_NOMINALISERS = frozenset({"거", "것"})
# Whether a turn's ending 거 or 것 is left out when counting how short a subjectless turn is.
ENDING_NO_WORD = True


def _unknown_noun(text: str, vocab: Vocabulary) -> bool:
    """A noun the index never uses ("어린이집도 운영해요?") names a subject all the same: one the
    documents do not cover, which a not-found answer says, rather than asking for a subject."""
    return any(
        t.tag in ("NNG", "NNP")
        and len(t.form) > 1
        and t.form not in _REQUEST_NOUNS
        and not intent.kind_word(t.form)
        and t.form not in _RELATIVE_YEARS
        and not spelled(t.form.lower(), vocab.known)
        for t in kiwi_tokens(text)
    )


_OWN_TAGS = ("NNG", "NNP", "SL")
# A part of the year ("상반기에는 뭐 해?"): when, of the earlier subject, not a subject.
_PERIODS = {"상반기", "하반기", "분기", "연초", "연말", "연중", "월말"}
# What one calls a number for; the line giving the number does not say it.
_CALLED_FOR = {"신청", "접수", "문의", "예약"}
PHONE_PURPOSE = True
# Years relative to the asker: the year slot carries them, the documents date absolutely.
_RELATIVE_YEARS = {"작년", "올해", "금년", "내년", "지난해", "전년", "재작년", "전년도", "작년도"}
# Words of a later turn that say when or against what, of the subject before: no subject.
_NO_SUBJECT = _RELATIVE_YEARS | _COMPARING | _PERIODS


# The conditional endings ("신청하면", "이용하면").
_IF = {"면", "으면"}
# The predicate of a which-question ("어느 지역이 대상인가요?", "어느 팀이 담당이에요?"): what
# the answer's one relates to (대상, 담당); the line naming it (무주, 진안, 장수 내 지역 …)
# says which without the word.
_WHICH_IS = re.compile(
    r"(?:어느|어떤|무슨)\s*[가-힣]+(?:이|가)\s+([가-힣]{2,}?)"
    r"(?:인가요|이에요|예요|이야|야|입니까|인지|일까요|이죠|죠)"
)


def narrowed_item(query: str, project: str, own: Sequence[str], vocab: Vocabulary) -> str:
    """A follow-up naming its own item of the project before ("그 중 여비는?" after "민관협력
    간담회 예산 얼마야?"), asked alone: the year, the project, the item and what the earlier
    request asked of it (예산), without the earlier request's own item (간담회), which chose
    the line the turn narrows away from."""
    rest = query.replace(project, " ")
    asked = [
        f
        for _p, forms in _noun_phrases(_YEAR.sub(" ", rest))
        for f in forms
        if f in vocab.attributes and f not in own and f not in _QUESTION_NOUNS
    ]
    year = _YEAR.search(query)
    words = [year.group(0) if year else "", project, *own, *dict.fromkeys(asked)]
    return " ".join(w for w in words if w)


def carried_own_nouns(question: str, history: Sequence[Turn] | None) -> list[str]:
    """The nouns a turn asking only another year ("작년꺼는?") must have said by its answer:
    those of the follow-up it repeats ("인건비는?" after a budget: 인건비), whose answer was
    presented as one. (A first turn's words may be everyday ones no passage says.)"""
    if not history or own_nouns(question):
        return []
    bare = _TRAILING.sub("", _RELATIVE_WORD.sub("", _strip_anaphora(question.strip())))
    bare = re.sub(r"(?:꺼|거|것)$", "", bare.strip())
    if bare.strip() or not _RELATIVE_WORD.search(question):
        return []
    before = list(history)[-1]
    if not _PRESENTED.match(before.answer or ""):
        return []
    return own_nouns(before.question) or carried_own_nouns(before.question, list(history)[:-1])


def own_nouns(question: str) -> list[str]:
    """The nouns a follow-up turn itself asks about ("그 중 인건비는?" -> 인건비), after a
    correction's "말고" when there is one; not the words that name the kind of answer (예산,
    담당, 연락처 …: the answer's kind shows them), nor question words. An answer drawn with the
    earlier turns' words must still say these."""
    question = without_approximators(question)
    if _NEXT_PLACE.match(question.strip()):
        return []  # "다음으로 낮은 건?": the next place of the ranking before, nothing of its own
    m = _NOT_THIS.match(_CORRECTION.sub("", question))
    if m:
        question = m.group(2)
    # (an ordinal names a listed item, said by the item itself: "마지막 거 예산은?"; the words
    # asking a reason are said by the reasons given: 개선 of "개선하라고 한 건?")
    # (nor the words asking who may use a service: 신청 of "누가 신청할 수 있어요?")
    # (nor the words asking what was praised: 강점 is said as "좋게 평가한 점")
    if ONE_LISTED_POINTED:
        # (nor the words pointing at the one item listed before: "그 항목 개선 의견은?")
        question = _ONE_POINTED.sub(" ", question.strip())
    question = intent.without_target_words(
        intent.without_praise_words(intent.without_reason_words(_ORDINAL.sub(" ", question)))
    )
    relations = {m.group(1) for m in _WHICH_IS.finditer(question)} if WHICH_RELATION else set()
    tokens = kiwi_tokens(question)
    # (an act the asker would do first is a condition, not the ask: 신청 of "신청하면 며칠까지
    # 와줘요?" is said by the answer's "제공시간 : … 5일 내" no more than by any other line)
    conditions = {
        a.form.lower()
        for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)
        if a.tag.startswith("NN") and b.tag == "XSV" and c.tag == "EC" and c.form in _IF
    }
    out: list[str] = []
    for t in tokens:
        form = t.form.lower()
        if not t.tag.startswith(_OWN_TAGS) or len(form) < 2 or form in out or form in _HOW_ASKED:
            continue
        if MANNER_ASKED and form in _MANNER:
            continue
        if form in conditions or form in HELP_ASKED or form in relations:
            continue
        if PHONE_PURPOSE and form in _CALLED_FOR and intent.classify(question) == "phone":
            # (what the call is for: "신청은 어디로 전화하면 돼요?" is answered by the
            # project's number, a line that does not say 신청)
            continue
        if intent.kind_word(form) or form in _RELATIVE_YEARS or _SUPERLATIVE.fullmatch(form):
            # (a ranking says 가장 or 제일 its own way: "제일 큰 건?" -> "…가 가장 큰 사업은")
            continue
        out.append(form)
    return out


ASK_FOR_SUBJECT = (
    "앞의 대화에서 찾은 내용이 없어 무엇에 대한 질문인지 알 수 없습니다. "
    "사업명이나 지표명을 넣어 다시 물어봐 주세요."
)


ASK_FOR_SUBJECT_FIRST = (
    "무엇에 대한 질문인지 알 수 없습니다. 사업명이나 지표명을 넣어 다시 물어봐 주세요. "
    "(예: '대체인력 파견 사업 예산은 얼마인가요?')"
)

ASK_FOR_SUBJECT_NEAREST = (
    "앞의 질문에 대한 답을 문서에서 찾지 못해 무엇에 대한 질문인지 알 수 없습니다. "
    "{topics} 중 하나에 대한 질문이라면 그 이름을 넣어 다시 물어봐 주세요."
)


def offered_topics(history: Sequence[Turn] | None) -> list[str]:
    """The nearest topics the last turn's not-found answer named (at most three), if it went
    unanswered."""
    last = history[-1] if history else None
    if last is None or not _NOT_FOUND.search(_PRESENTED.sub("", last.answer)):
        return []
    # (the topics it offered, not the example of how to ask: "(예: '…')")
    read = _EXAMPLE.sub("", last.answer[:MAX_ANSWER_CHARS_READ])
    return list(dict.fromkeys(_QUOTED.findall(read)))[:3]


def joined_after_unanswered(question: str, history: Sequence[Turn] | None) -> str | None:
    """A turn naming no subject right after a question the documents did not answer, asked
    again with that question's nouns: "엄마가 갑자기 입원하셨어요" then "돌봐주는 서비스
    있어요?" asks for a service for her ("엄마 입원 돌봐주는 서비스 있어요?"). None when the
    turn before was answered, was itself a follow-up, or named nothing. (Its answer is kept
    only when it is about a topic the unanswered turn was found nearest: `offered_topics`.)"""
    last = history[-1] if history else None
    if last is None or not last.question.strip() or _PRESENTED.match(last.answer):
        return None
    if not _NOT_FOUND.search(last.answer) or smalltalk.reply(last.question) is not None:
        return None
    # (its nouns: its own request, "…사업 있어?", is not asked again beside this one's)
    said = " ".join(dict.fromkeys(intent.nouns_of(bounded(last.question))))
    return bounded(reduce(f"{said} {question.strip()}")) if said else None


def ask_for_subject(answer: Answer, history: Sequence[Turn] | None = None) -> Answer:
    """A not-found answer that says the question's subject is missing; when the last turn
    went unanswered with the nearest topics the documents cover, it names them again (the
    asker may mean one of them: "그럼 어디로 연락해요?" after a story about care)."""
    topics = offered_topics(history)
    if topics:
        text = ASK_FOR_SUBJECT_NEAREST.format(topics=", ".join(f"‘{t}’" for t in topics))
    else:
        text = ASK_FOR_SUBJECT if history else ASK_FOR_SUBJECT_FIRST
    return answer.model_copy(update={"answer": text, "found": False})


def _bad_chars(text: str) -> bool:
    return any((ord(ch) < 32 and ch not in "\t\n\r") or 0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def validate_history(history: Sequence[Turn | Mapping[str, str]] | None) -> list[Turn]:
    """Earlier turns, oldest first: at most 10, each question and answer at most 1,000 characters
    without control characters (answers are the service's own, possibly shortened)."""
    if not history:
        return []
    if len(history) > MAX_TURNS:
        raise InvalidQuestion(f"이전 대화는 최근 {MAX_TURNS}개까지만 보낼 수 있습니다.")
    turns: list[Turn] = []
    for item in history:
        if isinstance(item, Turn):
            question, answer = item.question, item.answer
        elif isinstance(item, Mapping):
            question, answer = str(item.get("question") or ""), str(item.get("answer") or "")
        else:
            raise InvalidQuestion("이전 대화의 형식이 올바르지 않습니다.")
        if not isinstance(question, str) or not isinstance(answer, str):
            raise InvalidQuestion("이전 대화의 질문과 답변은 문자열이어야 합니다.")
        if len(question) > MAX_TURN_CHARS or len(answer) > MAX_TURN_CHARS:
            raise InvalidQuestion(
                f"이전 대화의 질문과 답변은 각각 {MAX_TURN_CHARS:,}자 이내여야 합니다."
            )
        if _bad_chars(question) or _bad_chars(answer):
            raise InvalidQuestion("이전 대화에 사용할 수 없는 제어 문자가 들어 있습니다.")
        question = normalize_query(question)
        if question:
            turns.append(Turn(question, normalize_query(answer)))
    return turns


# "그 중 인건비는?" after a project's budget, when none of the project's passages says 인건비:
# the abstention says the item is not given for that project, not that nothing was found.
NOT_ITEMISED = (
    "죄송합니다. 문서의 ‘{project}’ 부분에는 {items}에 대한 내용이 따로 나와 있지 않습니다."
)


def narrowed_list(answer: Answer, resolved: Resolved) -> Answer:
    """The list asked again, kept to the items the turn narrowed it to, each as the list
    wrote it; its citations those that quote them (all, when none quotes one alone)."""
    if not resolved.narrowed or not answer.found:
        return answer
    if not all(f"“{i}”" in answer.answer for i in resolved.narrowed):
        return answer  # the list came back otherwise: shown whole
    kept = resolved.narrowed
    items = ", ".join(f"“{i}”" for i in kept)
    text = (
        f"앞의 목록 중 {resolved.narrowed_by} 관련 항목으로는 다음 {count_word(len(kept))}가 "
        f"있습니다: {items}."
    )
    cites = [c for c in answer.citations if any(i in c.quote for i in kept)]
    return answer.model_copy(update={"answer": text, "citations": cites or answer.citations})


def not_itemised(
    answer: Answer,
    resolved: Resolved,
    own: Sequence[str],
    chunks: Sequence[Chunk],
    question: str = "",
) -> Answer:
    """A not-found answer to a follow-up asking a narrower item of the project before, said
    precisely when none of that project's passages (its heading and those under it) holds
    any of the turn's own nouns; else `answer` as it is."""
    project = resolved.project
    # (an item a plan's part names by its own word — 실적, 목표, 신청 — not a word that asks
    # for a kind said in other words: 대비 of "작년 대비 늘었어?" compares, 비용 is said in 원)
    own = [n for n in own if n not in _REQUEST_NOUNS or n in _NAMED_ITEMS]
    if answer.found or not resolved.used_history or not own or not project:
        return answer
    key = _flat(project)
    # (each passage under the project's heading, its heading and text flattened once)
    under = [f"{s}|{_flat(c.text)}" for c in chunks if key in (s := _flat(c.section))]
    if not under:
        return answer
    if any(n in u for u in under for n in own):
        return answer  # said there, just not in a way that answered: the usual reply
    # (as the turn wrote them: 경영기획팀, not the morphemes 경영, 기획)
    m = _NOT_THIS.match(_CORRECTION.sub("", question))
    written = [
        p for p, forms in _noun_phrases(m.group(2) if m else question) if set(forms) & set(own)
    ]
    items = ", ".join(f"‘{n}’" for n in (written or own))
    lead = NOT_ITEMISED.format(project=project, items=items)
    text = re.sub(
        r"^죄송합니다\.\s*(?:물으신 연도의 자료는\s*)?문서에서 찾지 못했습니다\.",
        lead,
        answer.answer,
        count=1,
    )
    return answer.model_copy(update={"answer": text})


# The note before an answer that used the history, and before one asked of the nearest topic.
_FOLLOWING_NOTE = "(앞의 질문에 이어 ‘{}’에 대해 답합니다.) "
_NEAREST_NOTE = "(‘{}’에 대해 답합니다.) "


def corrects(question: str) -> bool:
    """Whether the turn corrects the one before ("아니 모니터링 말고 매뉴얼 제작 예산")."""
    q = question.strip()
    return bool(_CORRECTION.match(q)) or bool(_NOT_THIS.match(_CORRECTION.sub("", q)))


def unbound(resolved: Resolved) -> Resolved | None:
    """The corrected question without the project the earlier turns were about ("… 경영혁신
    매뉴얼 제작 예산" -> "매뉴얼 제작 예산"): the corrected subject may be another project's.
    None when the query holds no project's name."""
    project = resolved.project
    if not project or project not in resolved.query:
        return None
    query = re.sub(r"\s+", " ", resolved.query.replace(project, " ")).strip()
    said = re.sub(r"\s+", " ", (resolved.understood or "").replace(project, " ")).strip()
    return replace(resolved, query=query, understood=said or None, project=None)


def present_nearest(answer: Answer, question: str, resolved: Resolved) -> Answer:
    """The answer to a story's request, asked of the topic its words were found nearest: what
    was understood is said first, as a follow-up's is, without an earlier question to cite."""
    # (it was presented as a follow-up of the topic: that note is replaced)
    text = answer.answer.removeprefix(_FOLLOWING_NOTE.format(resolved.understood))
    update: dict[str, object] = {"question": question, "answer": text}
    if resolved.understood:
        update["understood"] = resolved.understood
        update["answer"] = _NEAREST_NOTE.format(resolved.understood) + text
    return answer.model_copy(update=update)


def present(answer: Answer, question: str, resolved: Resolved) -> Answer:
    """The answer to the question as asked, saying what was understood from the history."""
    update: dict[str, object] = {"question": question}
    if resolved.used_history and resolved.understood:
        update["understood"] = resolved.understood
        update["answer"] = _FOLLOWING_NOTE.format(resolved.understood) + answer.answer
    return answer.model_copy(update=update)
