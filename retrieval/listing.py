"""List answers: the items a list question asks for, gathered from the document's structure.

A list question ("우수사례로 꼽힌 사업들이 뭐야?") is answered by the items under the heading it
matches: the headings of that section's subsections (in document order), or the bullet lines of
one section across all its passages. Subsection names that recur under many sections (사업목표,
추진계획, 쟁점 및 대책 …) are the document's template, not items, and are never listed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.passages import clean_quote, morpheme_set, passage_units
from sosa.models import Answer, Chunk, Citation

SEP = " › "
# A subsection name used under this many different sections is a template label.
TEMPLATE_PARENTS = 3
MAX_ITEMS = 8
_LIST_LINE = re.compile(r"^\s*(?:[-–·•▪■□○◆◇▶▷▣*◎●]|\d+[.)]|[①-⑳]|[가-하][.)])")
_COUNT = [
    "", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열",
    "열한", "열두", "열세", "열네", "열다섯", "열여섯", "열일곱", "열여덟", "열아홉", "스무",
]  # fmt: skip


def count_word(n: int) -> str:
    """ "세 가지": a count in words, so the answer adds no figure its quotes do not hold."""
    return f"{_COUNT[n]} 가지" if 0 < n < len(_COUNT) else "여러 가지"


@dataclass(frozen=True)
class Item:
    text: str
    chunk: Chunk


class Outline:
    """The section tree of an index's chunks: each section's direct subsections, in order."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.children: dict[tuple[str, str], list[Item]] = {}
        self.by_section: dict[tuple[str, str], list[Chunk]] = {}
        parents: dict[str, set[str]] = {}
        for c in chunks:
            self.by_section.setdefault((c.document, c.section), []).append(c)
            parts = c.section.split(SEP)
            for depth in range(1, len(parts)):
                parent, name = SEP.join(parts[:depth]), parts[depth]
                parents.setdefault(name, set()).add(parent)
                items = self.children.setdefault((c.document, parent), [])
                if all(i.text != name for i in items):
                    items.append(Item(name, c))
        self.template = {name for name, ps in parents.items() if len(ps) >= TEMPLATE_PARENTS}

    def subsections(self, document: str, section: str) -> list[Item]:
        items = self.children.get((document, section), [])
        return [i for i in items if i.text not in self.template]

    def bullets(self, document: str, section: str) -> list[Item]:
        """The bullet lines of every passage of one section, in document order."""
        out: list[Item] = []
        for chunk in self.by_section.get((document, section), []):
            if chunk.kind != "text":
                continue
            for unit in passage_units(chunk):
                for line in unit.split("\n"):
                    quote = clean_quote(line)
                    fresh = all(i.text != quote for i in out)
                    if _LIST_LINE.match(line) and len(quote) >= 4 and fresh:
                        out.append(Item(quote, chunk))
        return out


_OUTLINES: dict[int, tuple[Sequence[Chunk], Outline]] = {}


def outline(chunks: Sequence[Chunk]) -> Outline:
    """The outline of a chunk list, built once per list (one index, one viewer's view)."""
    cached = _OUTLINES.get(id(chunks))
    if cached is not None and cached[0] is chunks:
        return cached[1]
    if len(_OUTLINES) >= 8:  # a few views of one index; a reload replaces them
        _OUTLINES.clear()
    built = Outline(chunks)
    _OUTLINES[id(chunks)] = (chunks, built)
    return built


def heading_share(heading: str, terms: list[tuple[str, float]]) -> float:
    """Weighted share of the question's words the heading holds."""
    total = sum(w for _t, w in terms)
    if not total:
        return 0.0
    own = morpheme_set(heading)
    squashed = heading.replace(" ", "")
    got = sum(w for t, w in terms if t in own or (len(t) > 1 and t in squashed))
    return got / total


def items_under(
    chunk: Chunk, terms: list[tuple[str, float]], tree: Outline, min_share: float
) -> tuple[str, list[Item]] | None:
    """The subsections of the section (or its parent) whose heading the question names:
    (that heading, its items), when there are at least two."""
    parts = chunk.section.split(SEP)
    for depth in (len(parts), len(parts) - 1):
        if depth < 2:
            break
        section = SEP.join(parts[:depth])
        heading = parts[depth - 1]
        if heading in tree.template or heading_share(heading, terms) < min_share:
            continue
        items = tree.subsections(chunk.document, section)
        if len(items) >= 2:
            return heading, items[:MAX_ITEMS]
    return None


# Share of the question's weighted words a heading must hold for its subsections to answer a
# list question by themselves ("종합재가센터 사업 뭐뭐 있어?" -> the team's projects).
NAMED_HEADING_SHARE = 0.5
# The same for a question not worded as a list ("종합재가센터에서 하는 사업이 뭐예요?",
# "경영기획팀 사업은?"): the heading must be nearly all it names; "종합재가센터 목적은?" asks
# something of the section, not for its parts.
NAMED_ONLY_SHARE = 0.8


_RELATING = {"담당", "맡"}


def named_section(
    terms: list[tuple[str, float]], tree: Outline, min_share: float = NAMED_HEADING_SHARE
) -> tuple[str, list[Item]] | None:
    """The one section whose own heading the question names, with its subsections (at least
    two, template labels aside); None when no heading holds `min_share` of the
    question's words or two different headings hold it alike."""
    # (담당, 맡다 relate a team to its work, naming neither: "경영기획팀 담당 사업은?")
    terms = [(t, w) for t, w in terms if t not in _RELATING]
    best: list[tuple[float, str, list[Item]]] = []
    for (_document, parent), _items in tree.children.items():
        parts = parent.split(SEP)
        if len(parts) < 2 or parts[-1] in tree.template:
            continue  # a document's title names the whole document, not a list
        items = tree.subsections(_document, parent)
        if len(items) < 2:
            continue
        share = heading_share(parts[-1], terms)
        if share >= min_share:
            best.append((share, parts[-1], items))
    if not best:
        return None
    best.sort(key=lambda b: -b[0])
    top = [b for b in best if b[0] >= best[0][0] - 1e-9]
    if len({b[1] for b in top}) > 1 or len(top) > 1:
        return None  # two headings (or one heading in two places) fit alike
    _share, heading, items = top[0]
    return heading, items


# Words that ask for the main items rather than name one ("주요 사업").
_OVERVIEW_WORDS = {"주요", "대표", "주된", "전체", "모든"}
_ASKS_WHAT = re.compile(r"무슨|어떤|뭐|무엇|뭘")
# The words a body's work is asked with, naming no work: 일 of "무슨 일", 곳 of "뭐 하는 곳".
_WORK_WORDS = {"일", "곳", "데", "기관", "거", "것"}
# What a body does, asked with no word for it: "뭐 하는 곳이에요?", "무슨 일 해요?".
# (or what kind of body it is: "어떤 곳이에요?", "무슨 기관이야?")
_DOES_WHAT = re.compile(
    r"(?:뭐|뭘|무엇을?|무슨\s*일을?|어떤\s*일을?)\s*(?:하는|해요|하나요|합니까|하세요|해)"
    r"|(?:어떤|무슨)\s*(?:곳|기관|데)(?:이|인|예|야)"
)


def document_overview(
    question: str, terms: list[tuple[str, float]], tree: Outline, agency: str = ""
) -> tuple[str, list[Item]] | None:
    """ "사회서비스원에서 어떤 사업들 해요?": nothing named but the agency and what its document's
    title says (사업 of 사업계획서): that document's parts that hold items of their own (the
    plan's teams), to be asked about by name. None when no title, or two, fit alike."""
    if not _ASKS_WHAT.search(question):
        return None
    rest = [(t, w) for t, w in terms if t not in agency and t not in _OVERVIEW_WORDS]
    if _DOES_WHAT.search(question):
        # "사회서비스원은 뭐 하는 곳이에요?", "무슨 일 해요?": the work a body does is its 사업
        # (the word Korean names an organisation's undertakings with), as if asked so.
        rest = [(t, w) for t, w in rest if t not in _WORK_WORDS] or [("사업", 1.0)]
    if not rest:
        return None
    found: list[tuple[str, list[Item]]] = []
    for (document, parent), _items in tree.children.items():
        if SEP in parent or heading_share(parent, rest) < 0.99:
            continue
        parts = [
            i
            for i in tree.subsections(document, parent)
            if len(tree.subsections(document, f"{parent}{SEP}{i.text}")) >= 2
        ]
        if len(parts) >= 2:
            found.append((parent, parts))
    return found[0] if len(found) == 1 else None


# "ESG 관련 사업 다 알려줘", "돌봄 관련 사업 뭐 있어?": the projects whose name says the word.
_RELATED = re.compile(
    r"(\S+(?:\s+\S+)?)\s*관련(?:된|한|있는)?\s*(?:사업|과제)(?:은|는|이|가|을|들)?\s*"
    r"(?:다|모두|전부|뭐|무엇|목록|알려|있|어떤|좀)"
)


def related_projects(question: str, tree: Outline) -> tuple[str, list[Item]] | None:
    """(the word, every project whose heading says it) when the question asks the projects
    related to a word and more than one heading says it; a project is a section whose parts
    are the document's template (사업개요, 사업목표 …)."""
    m = _RELATED.search(question)
    if m is None:
        return None
    words = [w for w in re.sub(r"(?:은|는|이|가|을|를|의|에|와|과)$", "", m.group(1)).split() if w]
    if not words:
        return None
    found: list[Item] = []
    for (_document, parent), items in tree.children.items():
        parts = parent.split(SEP)
        heading = parts[-1].replace(" ", "")
        labels = [i for i in items if i.text in tree.template]
        if len(parts) < 2 or len(labels) < 2 or len(labels) * 2 < len(items):
            continue  # not a project: its parts are not the document's template
        says = all(w.replace(" ", "") in heading for w in words)
        if says and all(f.text != parts[-1] for f in found):
            found.append(Item(parts[-1], labels[0].chunk))
    return (" ".join(words), found) if len(found) >= 2 else None


# "시설지원팀 사업은 몇 개야?": the things counted named right before 몇 개 (or 개수).
COUNT_ASKED = re.compile(
    r"(?:사업|과제|항목|지표|영역|분야|프로그램)\S*\s*(?:\S+\s+)?(?:총\s*)?"
    r"(?:몇\s*(?:개|가지)|개수)"
)


def listed_answer(
    question: str,
    heading: str,
    items: list[Item],
    answer_id: str | None = None,
    counted: bool = False,
    start: int = 0,
) -> Answer:
    """ "‘종합재가센터’에는 여섯 가지가 있습니다: “…”, …", each item cited; a longer list
    shows its first MAX_ITEMS and says so, or, `counted` (how many was asked), says how many
    there are in words (열두 가지: no figure its quotes do not hold) before the first ones.
    `start`: the items shown before ("나머지는?"); the list is shown from the next one."""
    if start:
        return _rest_answer(question, heading, items, start, answer_id)
    shown = items[:MAX_ITEMS]
    names = ", ".join(f"“{i.text}”" for i in shown)
    if counted and len(items) > len(shown):
        text = (
            f"‘{heading}’에는 {count_word(len(items))}가 있습니다. "
            f"앞의 {count_word(len(shown))}: {names}."
        )
    elif len(items) > len(shown):
        text = f"‘{heading}’에는 {count_word(len(shown))}보다 많은 항목이 있습니다. 앞의 것부터: {names}."
    else:
        text = f"‘{heading}’에는 {count_word(len(shown))}가 있습니다: {names}."
    citations = [Citation.of(i.chunk, i.text) for i in shown]
    if re.search(r"\d", heading) and shown:
        # "‘2023년 성과계약 목표’에는 …": the heading's own figures are quoted too, as written.
        citations.insert(0, Citation.of(shown[0].chunk, heading))
    return Answer(
        id=answer_id or uuid.uuid4().hex[:12],
        question=question,
        answer=text,
        found=True,
        citations=citations,
        mode="extractive",
    )


# The rest of a list shown in part, said from where it was left: "앞의 여덟 가지 다음으로".
REST_FROM = re.compile(r"앞의 ([가-힣]+) 가지 다음으로")


def shown_from(answer: str) -> int:
    """How many items came before the ones a list answer shows (0 for a list's first)."""
    m = REST_FROM.search(answer)
    return _COUNT.index(m.group(1)) if m and m.group(1) in _COUNT else 0


def _rest_answer(
    question: str, heading: str, items: list[Item], start: int, answer_id: str | None
) -> Answer:
    """The items of a list after the first `start`, MAX_ITEMS at most, each cited."""
    rest = items[start:]
    # (a place past the twentieth is not said in words, so not read back: no rest is shown)
    if not rest or start >= len(_COUNT):
        return Answer(
            id=answer_id or uuid.uuid4().hex[:12],
            question=question,
            answer=f"‘{heading}’에는 앞에서 말씀드린 것 외에 다른 항목이 없습니다.",
            found=False,
            mode="none",
        )
    shown = rest[:MAX_ITEMS]
    names = ", ".join(f"“{i.text}”" for i in shown)
    before = f"‘{heading}’에는 앞의 {count_word(start)} 다음으로"
    if len(rest) > len(shown):
        text = (
            f"{before} {count_word(len(shown))}보다 많은 항목이 더 있습니다. 앞의 것부터: {names}."
        )
    else:
        text = f"{before} {count_word(len(shown))}가 더 있습니다: {names}."
    return Answer(
        id=answer_id or uuid.uuid4().hex[:12],
        question=question,
        answer=text,
        found=True,
        citations=[Citation.of(i.chunk, i.text) for i in shown],
        mode="extractive",
    )


def other_items(question: str, name: str, tree: Outline) -> Answer | None:
    """ "다른 사업은?" after the project `name`: the other subsections of the heading it is
    under ("‘종합재가센터’에는 그 밖에 다섯 가지가 있습니다: …"), or None when `name` is no
    heading with siblings."""
    for (document, parent), items in tree.children.items():
        if not any(i.text == name for i in items):
            continue
        others = [i for i in tree.subsections(document, parent) if i.text != name]
        heading = parent.rsplit(SEP, 1)[-1]
        if not others or heading in tree.template:
            return None
        listed = listed_answer(question, heading, others)
        said = listed.answer.replace(f"‘{heading}’에는 ", f"‘{heading}’에는 그 밖에 ", 1)
        return listed.model_copy(update={"answer": said})
    return None
