"""The one retrieval service the API and the bot share.

Loaded once per process: chunks, both indexes and the facts, all in memory. Every entry point
calls these methods and nothing lower. When a re-ingest swaps `data/current`, the next request
notices and a fresh state is loaded beside the old one, which keeps answering until the swap.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ingest.cells import Cell, read_cells
from ingest.embeddings import EmbeddingCache, SosaEmbeddings
from ingest.store import DB_NAME, ChunkStore, current_index_dir
from retrieval import answer as composer
from retrieval import asked, conversation, intent, listing, passages, smalltalk
from retrieval.answer_asks import (
    LOCATED_ASKED,
    asks_outcome,
    located_asked,
    other_years_only,
    place_asked,
    states_target_only,
)
from retrieval.answer_needs import need_answer
from retrieval.answer_reading import document_topics, generic_headings
from retrieval.columns import column_list
from retrieval.conversation import Turn, validate_history
from retrieval.facts.router import OTHER_YEAR
from retrieval.facts.store import FactStore
from retrieval.feedback import FeedbackStore
from retrieval.llm import build_chat_model, generate
from retrieval.numbers import check_numbers
from retrieval.policy import redact, redact_model, shows_nothing, trusted, visible
from retrieval.search import HybridSearcher, Scored
from retrieval.tables import TableIndex, asks_table, elliptical
from sosa.errors import InvalidQuestion, ModelMismatch, NotFound
from sosa.korean import abbreviations
from sosa.korean.analysis import morphemes, normalize_query
from sosa.korean.text import nospace, persons_counted, region_of
from sosa.models import (
    Answer,
    BudgetRow,
    Chunk,
    DocumentInfo,
    ScoreRow,
    SearchHit,
    TargetRow,
    Viewer,
)
from sosa.settings import Settings

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
_RELOAD_CHECK_SECONDS = 1.0


@dataclass
class _State:
    index_dir: Path
    chunks: list[Chunk]
    by_id: dict[str, Chunk]
    documents: list[DocumentInfo]
    doc_meta: dict[str, DocumentInfo]
    searcher: HybridSearcher
    facts: FactStore
    tables: TableIndex | None = None  # every table cell (ingest/cells.py)
    # Which chunks a (viewer, document, kind, year) may see, over `chunks`: built once per index.
    masks: dict[tuple, np.ndarray] = field(default_factory=dict)
    # The chunks each viewer may see, in index order (list answers read their section tree).
    visible: dict[str, list[Chunk]] = field(default_factory=dict)


def _says_clause(answer: Answer, clause: str, weights: composer.TermWeights) -> bool:
    """Whether an answer says the known words of a statement's last clause (what happened)."""
    words = [t for t, _w in composer.weighted_terms(clause, weights) if weights.known(t)]
    return bool(words) and asked.says(answer, words, weights.weight)


def _labelled(question: str, answer: Answer, other: str) -> bool:
    """Whether a fact answer's own labels name the thing its question asks of: the words it has
    and the other question lacks (not only a project name holding the word, 인권교육 of "…
    인권교육을 지원하여" for its 인권상담 target)."""
    only = set(morphemes(question)) - set(morphemes(other))
    labels = nospace(" ".join(f.label for f in answer.facts if f.type != "year"))
    return bool(only) and all(w in labels for w in only)


def _composed(
    state: _State,
    q: str,
    hits: list[Scored],
    seen: list[Chunk],
    weights: composer.TermWeights,
    own: Sequence[str],
    follow_up: bool,
    home_asked: bool = True,
) -> Answer:
    """The answer composed from the passages found, when it gives what the question asks for
    and says the follow-up's own nouns (`own`); else not found, with the nearest topics.
    `home_asked`: a question naming no region may be of this agency (not when asked of another's
    document)."""
    answer = composer.compose(
        q,
        hits,
        state.searcher.bm25,
        state.facts,
        follow_up=follow_up,
        chunks=seen,
        home_asked=home_asked,
    )
    if not asked.fits(q, answer) or not asked.says(answer, own, weights.weight):
        answer = composer.not_found(
            q, answer.id, composer.nearest_topics(hits, 2, generic_headings(seen))
        )
    return answer


def _fitting(
    question: str,
    answer: Answer | None,
    weights: composer.TermWeights,
    own: Sequence[str] = (),
    units_checked: bool = False,
) -> Answer | None:
    """The answer when it gives what the question asks for and says enough of its words (and
    of a follow-up's own nouns, `own`), else None (the next source). `units_checked`: the
    source matched the asked unit itself (a table cell knows its unit from its headers)."""
    if answer is None or not answer.found:
        return answer
    ok = (
        not asked.restates(question, answer)
        # (a number to call asked: an answer giving none, a criteria cell, is no answer)
        and (intent.classify(question) != "phone" or intent.holds("phone", answer.answer))
        and (units_checked or asked.fits(question, answer))
        and composer.gives_place(question, answer)
        and (not WHEN_WHO_GIVEN or composer.gives_when_who_where(question, answer))
        and composer.addresses(question, answer, weights)
        and asked.says(answer, own, weights.weight)
    )
    return answer if ok else None


def _other_year_fitting(
    question: str, answer: Answer | None, weights: composer.TermWeights, own: Sequence[str]
) -> Answer | None:
    """A fact answer of another year than the one asked, when that answer would fit the
    question were it of the year asked; else None (the next source). Otherwise a fact matched
    by a word or two of a long project name ("… 인권상담 실적") would be offered as what the
    documents have instead."""
    if answer is None or answer.found or not answer.answer.startswith(OTHER_YEAR):
        return answer
    inner = answer.model_copy(update={"found": True, "answer": answer.answer[len(OTHER_YEAR) :]})
    return answer if _fitting(question, inner, weights, own) is not None else None


# Whether a follow-up about a project also reads that project's passages that say the turn's
# own nouns (PROJECT_PASSAGES_READ at most), right after the best hit: the query carries the
# project's long name, whose words rank its background above the line asked ("운영비는
# 얼마야?" after 긴급돌봄: its 일반운영비 rows).
PROJECT_PASSAGES = True
PROJECT_PASSAGES_READ = 2
# Whether a turn naming no subject right after an unanswered question is asked again joined
# to it (`conversation.joined_after_unanswered`) before the asker is asked to name a subject.
JOIN_UNANSWERED = True
# Whether a turn that only tells the asker's situation (intent.situation) is read as such:
# who the asker is gets the nearest topics; what happened, an answer only when it says what
# the statement's last clause says.
TOLD_SITUATION = True
# Whether a fact or cell answer to 언제, 누가 or 어디서 must give a date, a doer or where to go
# (else the next source).
WHEN_WHO_GIVEN = True
# Whether a turn asking what was achieved ("실제 수행 건수는 최종적으로 몇 건이었습니까?") and
# answered by targets only (a plan's 목표치 70건) is told the documents give the target, not
# found: a plan's target passed off as its outcome is a wrong confident answer.
TARGET_NOT_OUTCOME = True
# Whether a figure asked of a year ("2023년 말 기준 … 비율은?") and answered by a line whose
# figures are all of other years ('17년, '21년) is told so, not found.
OTHER_YEARS_TOLD = True
# Whether a yes/no question told after its circumstances ("…싶은데 채용하나요?") is answered
# only by what says its last clause's known words.
ASKED_CLAUSE_SAID = True
# Whether a turn asking only another year needs the nouns of the follow-up it repeats.
YEAR_REPEATS_OWN = True
# Whether a lack told before a bare request for help ("…사람이 없는데 도움 받을 수 있어요?")
# is answered first as the need it states (answer_needs), before the request's words are
# searched for.
HELP_FOR_NEED = True
# Whether a turn asking for another one ("다른 목표는?", "그 외에는?") is told the documents
# say nothing more when its answer only repeats the answer before.
OTHER_NOT_REPEATED = True


def _repeats(answer: Answer, before: str) -> bool:
    """Whether an answer says nothing the earlier answer did not: its text, or every quote it
    cites, is in that answer."""
    if answer.answer.strip() and answer.answer.strip() in before:
        return True
    return bool(answer.citations) and all(c.quote in before for c in answer.citations)


# Whether a follow-up asked of another region's document (its agency the turns were about) is
# answered by that document's lines though it names no region: a head asked by title there
# ("원장님 성함이 뭐예요?" after 대전's result) is that agency's, not this one's.
OTHER_BODYS_HEAD = True
# Whether "다른 사업은?" after a project lists the other projects of its heading.
OTHER_PROJECTS = True
# Whether a story-like first turn left unanswered ("…보내주는 사업이 있다던데 1년에 몇 건 해요?")
# has its request asked of the one topic the search found nearest, as a follow-up of it is.
STORY_ASKED_OF_NEAREST = True
_ASKED_OF_NEAREST = ("figure", "target", "date", "person", "phone")
# Whether that topic is the nearest passage's only (not the first topic found among the
# passages nearest).
NEAREST_FIRST = True
# Whether a place asked ("…들었는데 어느 지역에서 하는거에요?") is asked of it so too.
PLACE_OF_NEAREST = True


# Whether a short form of a compound the documents write (경평 for 경영평가, 특감 for 특별감사:
# sosa.korean.abbreviations) is read as the compound.
ABBREVIATIONS = True
# Whether 몇 분 counting people ("몇 분 정도 받을 수 있어요?") is read as 몇 명.
PERSONS_COUNTED = True


# Whether a first turn left unanswered that reports what the asker heard ("…다니는데요 의무교육을
# 온라인으로 들을 수 있게 해준다던데 맞아요?") has the claim asked alone, without the story.
HEARD_CLAIM_ASKED = True
# Whether such a turn whose ask points back at the claim ("…했다는 뉴스 봤어요. 그거 언제
# 한거에요?") is asked of the claim, the pointer left out (intent.pointed_claim).
POINTED_CLAIM_ASKED = True
# ... after other turns too ("…만들었다던데 그게 뭐에요?" on another topic than theirs).
POINTED_AFTER_TURNS = True
# Whether a correction left unanswered within the earlier turns' project is asked without it
# (conversation.unbound).
CORRECTION_UNBOUND = True
# Whether a question asking two counts ("몇 회 몇 명") is answered with the fact in each counter
# (intent.two_counts).
TWO_COUNTS = True
# Whether the same question asked of two things joined ("정기감사랑 특별감사는 각각 몇 번?") is
# answered with each one's fact (intent.two_asked).
TWO_ASKED = True
# Whether a follow-up asking only where the budget's money comes from ("국비야 도비야?") is
# asked as the budget, whose line says it, and answered only when it does. (Also for a first
# turn naming its subject, "복지자원 플랫폼 도비로 해?", it lowered the real documents' test
# half, 62 -> 59 of 80: their questions name funds as subjects.)
FUNDING_AS_BUDGET = True

# Whether "X은 왜 해요?" is asked as "X 목적은?" (intent.purpose_asked).
PURPOSE_ASKED = True
# Whether a follow-up naming its own item of the project before ("그 중 여비는?") asks the
# project's facts for that item alone when the rewritten question's fact lacks it.
NARROWED_FACT = True


def _heading_depth(section: str, key: str) -> int:
    """Where the heading `key` (spaces removed) is on a passage's path: 1 right under the
    document's title (a team, an area: a part of many projects), 2 or more a project's own
    heading; -1 when it is not on the path."""
    parts = [p.replace(" ", "") for p in section.split(" › ")]
    return parts.index(key) if key in parts else -1


def located(question: str) -> str:
    """The words to search with: where a thing is, asked in so many words ("종합재가센터 어디
    있어요?"), is said by the documents with 위치 (…가 위치한 전주), which the search is given."""
    if LOCATED_SEARCH and LOCATED_ASKED.search(question) and not _LOCATION_WORD.search(question):
        return f"{question} 위치"
    return question


LOCATED_SEARCH = True
_LOCATION_WORD = re.compile(r"위치|소재|주소")


def _with_project_passages(
    hits: list[Scored], chunks: Sequence[Chunk], project: str, own: Sequence[str]
) -> list[Scored]:
    key = project.replace(" ", "")
    have = {h.chunk.id for h in hits[:5]}
    under = [
        c
        for c in chunks
        # (the nouns first: most passages lack them, and the path is split only for the rest)
        if any(n in c.text.replace(" ", "") for n in own)
        and c.id not in have
        and _heading_depth(c.section, key) >= 2
    ][:PROJECT_PASSAGES_READ]
    if not under or not hits:
        return hits
    # (after the best hit, as a project's overview is read: a team's own first passage — its
    # strategy table naming 농촌형 돌봄 — is not put above the project the turn narrows to)
    top = hits[0].score
    return [hits[0], *(Scored(c, top, 0.0, 0.0) for c in under), *hits[1:]]


def validate_question(question: str) -> str:
    if not isinstance(question, str):
        raise InvalidQuestion("질문은 문자열이어야 합니다.")
    q = normalize_query(question)
    if not q:
        raise InvalidQuestion("질문이 비어 있습니다. 궁금한 내용을 적어 주세요.")
    if len(q) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"질문이 너무 깁니다. {MAX_QUESTION_CHARS:,}자 이내로 줄여 주세요.")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in question):
        raise InvalidQuestion("질문에 제어 문자가 들어 있습니다. 일반 텍스트로 입력해 주세요.")
    return q


# A document's topic words count as its tables' context (retrieval/table_match.py).
TABLE_TOPICS = True


class RetrievalService:
    """Facade over the current index. Construct with `RetrievalService.load(settings)`."""

    def __init__(self, settings: Settings, chat_model=None, record: bool = True) -> None:  # type: ignore[no-untyped-def]
        """`record=False` (sosa eval, sosa ask): questions and votes go to a store in memory,
        never into the production feedback database."""
        self.settings = settings
        cache = EmbeddingCache(settings.cache_dir / "embeddings.sqlite")
        self.embedder = SosaEmbeddings(
            settings.embedding_model,
            cache,
            threads=1,
            query_encoder=settings.query_encoder,
        )
        self.feedback = FeedbackStore(
            settings.feedback_db if record else None,
            retention_days=settings.feedback_retention_days,
        )
        self.chat_model = chat_model if chat_model is not None else build_chat_model(settings)
        self._lock = threading.Lock()
        self._reloading = False
        self._last_check = 0.0
        self._vocabs: dict[Path, conversation.Vocabulary] = {}
        self._state = self._load_state(current_index_dir(settings))

    @classmethod
    def load(cls, settings: Settings, chat_model=None, record: bool = True) -> RetrievalService:  # type: ignore[no-untyped-def]
        service = cls(settings, chat_model=chat_model, record=record)
        service.search("서비스")  # warm Kiwi and the embedder so the first user waits no longer
        service._vocab(service.state)  # the follow-up vocabulary, read once per index
        return service

    # -- index state --
    def _load_state(self, index_dir: Path) -> _State:
        store = ChunkStore(index_dir / DB_NAME, readonly=True)
        try:
            model = store.meta("embedding_model")
            if model != self.settings.embedding_model:
                raise ModelMismatch(
                    f"색인은 임베딩 모델 '{model}'로 만들어졌는데 설정은 "
                    f"'{self.settings.embedding_model}'입니다. 같은 모델로 다시 색인해 주세요 "
                    "('sosa ingest corpus')."
                )
            chunks = store.all_chunks()
            documents = store.documents()
        finally:
            store.close()
        conn = sqlite3.connect(
            f"file:{index_dir / DB_NAME}?mode=ro", uri=True, check_same_thread=False
        )
        facts = FactStore(conn)
        titles = {d.document: d.title for d in documents}
        topics = document_topics(chunks, composer.DOC_TOPIC_SHARE) if TABLE_TOPICS else None
        tables = TableIndex(read_cells(conn), titles, topics)
        passages.prepare(chunks)  # analyse every passage once, in the background
        state = _State(
            index_dir=index_dir,
            chunks=chunks,
            by_id={c.id: c for c in chunks},
            documents=documents,
            doc_meta={d.document: d for d in documents},
            searcher=HybridSearcher(index_dir, chunks, self.embedder),
            facts=facts,
            tables=tables,
        )
        logger.info(
            "색인 %s 적재: 청크 %d개, 문서 %d개", index_dir.name, len(chunks), len(documents)
        )
        return state

    def _reload_in_background(self, target: Path, done: threading.Event) -> None:
        try:
            new = self._load_state(target)
            with self._lock:
                self._state = new
        except Exception:
            logger.exception("새 색인 %s 적재에 실패했습니다; 이전 색인으로 계속 답합니다", target)
        finally:
            self._reloading = False
            done.set()

    def poll_index(self) -> threading.Event:
        """Start loading the index the link now points to when it changed (an ingest swapped
        it), in the background: answers keep coming from the old one until the swap. The event
        is set once that load is over (at once when nothing changed or a load is running)."""
        done = threading.Event()
        try:
            target = Path(os.path.realpath(self.settings.index_link))
        except OSError:
            target = self._state.index_dir
        if self._reloading or target == self._state.index_dir or not target.exists():
            done.set()
            return done
        self._reloading = True
        threading.Thread(
            target=self._reload_in_background, args=(target, done), daemon=True
        ).start()
        return done

    @property
    def state(self) -> _State:
        now = time.monotonic()
        if now - self._last_check >= _RELOAD_CHECK_SECONDS and not self._reloading:
            self._last_check = now
            self.poll_index()
        return self._state

    @property
    def index_name(self) -> str:
        return self._state.index_dir.name

    def reload_now(self) -> None:
        """Load the current index synchronously (used after an ingest in the same process)."""
        self._state = self._load_state(current_index_dir(self.settings))

    # -- search --
    def _allow(
        self,
        state: _State,
        viewer: Viewer,
        document: str | None,
        kind: str | None,
        year: int | None,
    ) -> np.ndarray:
        """The chunks of `state` the viewer may see under these filters, as a mask computed once
        per index and filter (there are few), not once per chunk per request."""
        key = (viewer, document, kind, year)
        mask = state.masks.get(key)
        if mask is not None:
            return mask
        meta = state.doc_meta

        def allow(c: Chunk) -> bool:
            if not visible(viewer, c.audience):
                return False
            if document and c.document != document:
                return False
            d = meta.get(c.document)
            if kind and (d is None or d.kind != kind):
                return False
            return not (year and (d is None or d.year != year))

        mask = np.fromiter((allow(c) for c in state.chunks), dtype=bool, count=len(state.chunks))
        mask.flags.writeable = False  # shared by every request with this filter
        if len(state.masks) < 1024:  # filters come from requests: bound what is kept
            state.masks[key] = mask
        return mask

    def search(
        self,
        q: str,
        k: int = 5,
        viewer: Viewer = "public",
        document: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> list[SearchHit]:
        q = validate_question(q)
        k = max(1, min(int(k), 50))
        state = self.state
        hits = state.searcher.search(q, k, self._allow(state, viewer, document, kind, year))
        return [
            redact_model(
                SearchHit(
                    id=h.chunk.id,
                    document=h.chunk.document,
                    title=h.chunk.title,
                    section=h.chunk.section,
                    page=h.chunk.page,
                    text=h.chunk.text,
                    score=round(h.score, 4),
                ),
                viewer,
            )
            for h in hits
        ]

    # -- answers --
    def ask(
        self,
        question: str,
        viewer: Viewer = "public",
        channel: str = "api",
        history: Sequence[Turn | Mapping[str, str]] | None = None,
    ) -> Answer:
        written = validate_question(question)
        state = self.state
        # A follow-up is resolved against the earlier turns; a long question reduced to its ask.
        turns = validate_history(history)
        short = self._vocab(state).abbreviations if ABBREVIATIONS else None

        def read(text: str) -> str:
            # "우리 경평 총점": the short forms of the documents' compounds; "몇 분 정도 받을 수
            # 있어요?": people, counted in 명 as the documents count them
            if short is not None:
                text = abbreviations.expand(text, short)
            return persons_counted(text) if PERSONS_COUNTED else text

        # (the turns before are read so too: their request carries to the turn after)
        original = read(written)
        turns = [Turn(read(t.question), t.answer) for t in turns]
        said = smalltalk.reply(original, state.facts.repo.home or "")
        if said is not None:  # "안녕하세요", "감사합니다": no question to look up
            answer = Answer(
                id=composer.new_answer_id(),
                question=original,
                answer=said,
                found=False,
                mode="none",
            )
            query = original
        else:
            budget = FUNDING_AS_BUDGET and bool(turns) and asked.funding_as_budget(original)
            # (asked as the budget of the subject before, whose line says where its money
            # comes from: "(소요예산) 80,000천원(국비매칭사업)")
            asked_as = "예산은?" if budget else original
            resolved = conversation.resolve(asked_as, turns, self._vocab(state))
            answer = self._answer(state, asked_as, resolved, turns, viewer)
            if budget:
                if answer.found and not asked.gives_funding(answer):
                    # (a budget line that does not say where its money comes from does not
                    # answer that)
                    answer = composer.not_found(resolved.query, answer.id)
                answer = answer.model_copy(update={"question": original})
            if (
                CORRECTION_UNBOUND
                and not answer.found
                and turns
                and conversation.corrects(original)
                and (free := conversation.unbound(resolved)) is not None
            ):
                # "아니 모니터링 말고 매뉴얼 제작 예산" after 조직진단's 모니터링: the corrected
                # subject, not said under that project, is asked without it.
                again = self._answer(state, original, free, turns, viewer)
                if again.found:
                    answer, resolved = again, free
            query = resolved.query
            if HEARD_CLAIM_ASKED and not answer.found and not turns:
                answer = self._heard_claim(state, original, viewer) or answer
            if POINTED_CLAIM_ASKED and not answer.found and (POINTED_AFTER_TURNS or not turns):
                # (after other turns too: its pointer points into this turn, not at them)
                answer = self._heard_claim(state, original, viewer, pointed=True) or answer
            if STORY_ASKED_OF_NEAREST and not answer.found and not turns:
                answer = self._asked_of_nearest(state, original, resolved, viewer) or answer
        if answer.question == original != written:
            answer = answer.model_copy(update={"question": written})
        self.feedback.record_answer(answer.id, query, answer.answer, answer.found, channel)
        return answer

    def _answer(
        self,
        state: _State,
        original: str,
        resolved: conversation.Resolved,
        turns: list[Turn],
        viewer: Viewer,
    ) -> Answer:
        q = resolved.query
        if resolved.document is not None:
            return self._of_document(state, original, resolved, viewer)
        if PURPOSE_ASKED and (purpose := intent.purpose_asked(q)) is not None:
            q = purpose  # "대체인력 파견은 왜 해요?": its (목적) line
        told = intent.situation(original, first=not turns) if TOLD_SITUATION else None
        if told == "who":
            # "장수에 있는 작은 복지기관이에요": who the asker is, no question; a passage
            # sharing a word of it (장수) answers nothing.
            return self._told(state, original, viewer)
        agency = None
        if resolved.no_subject:  # a follow-up naming nothing, after turns that set no topic
            # "그럼 어디로 연락해요?": a number asked of no project is the agency's public
            # lines, as when asked alone; anything else needs its subject named.
            agency = state.facts.agency_lines(q, viewer)
            joined = (
                conversation.joined_after_unanswered(original, turns)
                if agency is None and JOIN_UNANSWERED
                else None
            )
            if joined is not None:
                # "엄마가 갑자기 입원하셨어요" unanswered, then "돌봐주는 서비스 있어요?": the
                # two turns are one question; asked so, it may be answered.
                again = self._answer(state, joined, conversation.Resolved(joined), [], viewer)
                offered = conversation.offered_topics(turns)
                # (about a topic the story's own words were found nearest: the joined words
                # may reach any project's fact, "그럼 예산은?" another project's 비예산)
                if again.found and any(
                    t in c.section.split(" › ") for c in again.citations for t in offered
                ):
                    understood = conversation.Resolved(
                        joined, understood=joined.rstrip("?？. "), used_history=True
                    )
                    return conversation.present(again, original, understood)
            if agency is None:
                unresolved = conversation.ask_for_subject(composer.not_found(q), turns)
                return conversation.present(unresolved, original, resolved)
        # Each source answers in turn; one whose answer lacks what the question asks for (a
        # time for "몇 시까지", a figure in 점 for "몇 점") passes to the next.
        weights = composer.TermWeights(state.searcher.bm25)
        # A follow-up's own nouns ("그 중 인건비는?"): the earlier turns' words it carries are
        # context; what it adds must be in its answer.
        own = conversation.own_nouns(original) if resolved.used_history else []
        if resolved.used_history and not own and YEAR_REPEATS_OWN:
            # "작년꺼는?" after "인건비는?": the same item, of another year
            own = conversation.carried_own_nouns(original, turns)
        kind = intent.classify(q)
        answer = agency
        seen = self._seen(state, viewer)
        if (
            answer is None
            and OTHER_PROJECTS
            and resolved.project
            and intent.asks_other(original)
            and set(own) <= set(intent.SERVICE_HEADS)
        ):
            # "다른 사업은?" after a project: the other projects under the same heading (its
            # own 목적 had been quoted).
            answer = listing.other_items(q, resolved.project, listing.outline(seen))
        if answer is None and listing.COUNT_ASKED.search(q):
            # "시설지원팀 사업 몇 개야?": the subsections of the heading named, counted (before a
            # fact of one of them that has a count of its own).
            named = listing.named_section(
                composer.weighted_terms(q, weights), listing.outline(seen)
            )
            if named is not None:
                answer = listing.listed_answer(q, *named, counted=True, start=resolved.shown_before)
        if answer is None and state.tables is not None and kind in ("list", "other"):
            # "15대 전략과제가 뭐야?", "5대 경영목표는?": a table column named whole and
            # nothing else is its texts in row order (before a fact that shares a word).
            answer = column_list(state.tables, q, self._cell_allow(viewer, None, None))
        if answer is None and TWO_ASKED and (pair := intent.two_asked(q)) is not None:
            # "정기감사랑 특별감사는 각각 몇 번?": each one's fact, not the better-matched one's
            answer = self._both_facts(state, pair, viewer, weights, own)
            if answer is None and (bare := intent.two_asked(q, shared=False)) not in (None, pair):
                answer = self._both_facts(state, bare, viewer, weights, own)
        if answer is None and TWO_COUNTS and (counts := intent.two_counts(q)) is not None:
            # "몇 회 몇 명 목표야?": the figure in each counter (the line's 50회 and 1,450명),
            # each checked by its counter, not by its label (the same line's)
            answer = self._both_facts(state, counts, viewer, weights, own, by_label=False)
        if answer is None:
            answer = _fitting(
                q, _other_year_fitting(q, state.facts.route(q, viewer), weights, own), weights, own
            )
        if answer is None and own and resolved.project and NARROWED_FACT:
            # "그 중 여비는?" after "민관협력 간담회 예산 얼마야?": the earlier request's words
            # (간담회) chose its line; the item the turn names, of the same project, is asked.
            narrowed = conversation.narrowed_item(q, resolved.project, own, self._vocab(state))
            fact = state.facts.route(narrowed, viewer)
            answer = _fitting(q, _other_year_fitting(q, fact, weights, own), weights, own)
        if answer is None:  # "왜 깎였어?": the evaluators' comments on the area named
            answer = _fitting(q, composer.reasons(q, state.facts, viewer), weights, own)
        if answer is None and state.tables is not None and asks_table(q):
            # A figure or a name asked and no agency fact for it: a table cell, when one fits.
            cells = state.tables.answer(q, self._cell_allow(viewer, None, None))
            answer = _fitting(q, cells, weights, own, units_checked=True)
        elif answer is None and state.tables is not None and elliptical(q):
            # "특별회계 지출은?": a short question naming a cell's row and column whole.
            cell = state.tables.named_cell(q, self._cell_allow(viewer, None, None))
            answer = _fitting(q, cell, weights, own, units_checked=True)
        # (where a thing is, asked, is no list of its parts: "종합재가센터 어디 있어요?")
        if answer is None and kind in ("list", "other", "yesno") and not located_asked(q):
            terms = composer.weighted_terms(q, weights)
            tree = listing.outline(seen)
            # "ESG 관련 사업 다 알려줘": the projects whose name says it, wherever they are.
            related = listing.related_projects(q, tree) if kind != "yesno" else None
            named = (f"{related[0]} 관련 사업", related[1]) if related else None
            if kind != "yesno" and named is None:
                # "종합재가센터 사업 뭐뭐 있어?": the subsections of the section the question
                # names; "경영기획팀 사업은?" asks the same when the heading is nearly all it names.
                share = listing.NAMED_HEADING_SHARE if kind == "list" else listing.NAMED_ONLY_SHARE
                named = listing.named_section(terms, tree, share)
            if named is None:
                # "어떤 사업들 해요?": the parts of the document its title says holds them.
                named = listing.document_overview(q, terms, tree, state.facts.repo.home or "")
            if named is not None:
                answer = listing.listed_answer(q, *named, start=resolved.shown_before)
        if answer is None and not turns and conversation.subjectless(q, self._vocab(state)):
            # "담당자가 누구야?", "예산은 얼마야?" with nothing before it and no fact of the agency
            # itself to give: whose is not said, and a quote about any one project would be a
            # guess.
            answer = conversation.ask_for_subject(composer.not_found(q), turns)
        if answer is None:
            hits = state.searcher.search(
                located(q), 8, self._allow(state, viewer, None, None, None)
            )
            if resolved.project and own and PROJECT_PASSAGES:
                hits = _with_project_passages(hits, seen, resolved.project, own)
            needed = None
            if HELP_FOR_NEED and not resolved.used_history and intent.help_for_need(q):
                # (the request's own words, 도움 and 받다, would find any line offering help)
                needed = need_answer(q, hits, weights, state.facts, seen)
            answer = needed or _composed(
                state, q, hits, seen, weights, own, follow_up=resolved.used_history
            )
            if not answer.found and not resolved.used_history:
                # "…어머니를 돌봐 줄 사람이 없어요": a need stated, not asked; a service whose
                # target the documents state is offered.
                answer = need_answer(q, hits, weights, state.facts, seen) or answer
            answer = composer.read_as(answer, q, weights)
            if answer.found and self.chat_model is not None:
                answer = self._with_llm(answer)
        if (
            ASKED_CLAUSE_SAID
            and answer.found
            and not resolved.used_history
            and intent.classify(q) == "yesno"
            and (clause := intent.last_clause(original)) != original.strip()
            # (a clause of no word the documents use, "물어볼 데가 있을까요?", asks the
            # circumstances' own topic)
            and any(
                len(t) > 1 and weights.known(t)
                for t, _w in composer.weighted_terms(clause, weights)
            )
            and not _says_clause(answer, clause, weights)
        ):
            # "요양보호사로 일하고 싶은데 채용하나요?": the circumstances first, the question
            # last; a line saying only the circumstances (요양보호사 4명) answers nothing.
            hits = state.searcher.search(
                located(q), 8, self._allow(state, viewer, None, None, None)
            )
            topics = composer.nearest_topics(hits, 2, generic_headings(seen))
            answer = composer.not_found(q, answer.id, topics)
        if told == "event" and (
            not answer.found or not _says_clause(answer, intent.last_clause(original), weights)
        ):
            # "요양보호사인데 일하다가 다쳤어요": what happened, answered only by what the
            # documents offer for it (its last clause: 다쳤어요); a line sharing a word of
            # the circumstances (요양보호사) is no answer.
            return self._told(state, original, viewer)
        answer = conversation.narrowed_list(answer, resolved)
        if (
            OTHER_NOT_REPEATED
            and answer.found
            and turns
            and intent.asks_other(original)
            and _repeats(answer, turns[-1].answer)
        ):
            # "다른 목표는?" after the project's one target: the same answer again is no
            # other one; the documents say nothing more.
            answer = composer.nothing_more(q, answer.id)
        self._titles(answer)
        if TARGET_NOT_OUTCOME and asks_outcome(original) and states_target_only(answer):
            answer = composer.target_only(answer)
        if OTHER_YEARS_TOLD and other_years_only(original, answer):
            answer = composer.other_years(answer)
        if not check_numbers(answer):
            # Never ship a figure we cannot point to; say so rather than guess.
            logger.error("근거 없는 숫자가 든 답변을 막았습니다: %s", answer.answer)
            answer = composer.not_found(q, answer.id)
        if answer.found and answer.citations and shows_nothing(answer.citations[0].quote, viewer):
            # The best quote is staff details the viewer may not see ("담당자 [비공개] · 팀장
            # [비공개]"): nothing was answered (a runner-up quoted beside it is no answer).
            answer = composer.not_found(q, answer.id)
        answer = conversation.not_itemised(answer, resolved, own, seen, original)
        answer = conversation.present(answer, original, resolved)
        return redact_model(answer, viewer)  # what is stored is what the viewer was shown

    def _asked_of_nearest(
        self, state: _State, original: str, resolved: conversation.Resolved, viewer: Viewer
    ) -> Answer | None:
        """A story told before its request, unanswered, whose words the search found nearest
        one project ("…대신 일할 사람 보내주는 사업이 있다던데 1년에 몇 건 해요?": 대체인력
        파견): the request alone, asked of that project as a follow-up of it would be. None
        when there is no such request or that project's parts do not answer it."""
        request = intent.request_clause(original)
        # (a figure, a date, a person or a number asked: what the project's parts must hold; a
        # yes/no or a list asked of a guessed project would be answered by any of its lines)
        if request is None or not (
            intent.classify(request) in _ASKED_OF_NEAREST
            # (and a place: the project's line naming one, "무주, 진안, 장수 내 …")
            or (PLACE_OF_NEAREST and place_asked(request))
        ):
            return None
        seen = self._seen(state, viewer)
        hits = state.searcher.search(
            located(resolved.query), 8, self._allow(state, viewer, None, None, None)
        )
        # (the nearest passage's own topic: when it has none, a news release's paragraph, the
        # story is about what it says, not about a topic found further down)
        topics = composer.nearest_topics(
            hits[:1] if NEAREST_FIRST else hits, 1, generic_headings(seen)
        )
        if not topics:
            return None
        topic = topics[0]
        # (the turn a user would have asked first: the project, answered)
        turns = [Turn(question=topic, answer=f"‘{topic}’에 대해 문서에 나와 있습니다.")]
        again = conversation.resolve(request, turns, self._vocab(state))
        if not again.used_history:
            return None  # the request names a subject of its own: asked alone, as it was
        answer = self._answer(state, request, again, turns, viewer)
        if not answer.found or not any(topic in c.section.split(" › ") for c in answer.citations):
            return None
        return conversation.present_nearest(answer, original, again)

    def _of_document(
        self, state: _State, original: str, resolved: conversation.Resolved, viewer: Viewer
    ) -> Answer:
        """A follow-up asked of one document (another region's agency's, which the turns
        before were about): its passages only; this agency's facts are of another body."""
        q = resolved.query
        seen = self._seen(state, viewer)
        weights = composer.TermWeights(state.searcher.bm25)
        allow = self._allow(state, viewer, resolved.document, None, None)
        hits = state.searcher.search(located(q), 8, allow)
        # (the other agency's own words: "원장님 성함이 뭐예요?" after 대전's result asks its 원장,
        # though a head asked by title is this agency's when no turn named another)
        answer = _composed(
            state, q, hits, seen, weights, (), follow_up=True, home_asked=not OTHER_BODYS_HEAD
        )
        if not check_numbers(answer):
            answer = composer.not_found(
                q, answer.id, composer.nearest_topics(hits, 2, generic_headings(seen))
            )
        answer = composer.read_as(answer, q, weights)
        self._titles(answer)
        answer = conversation.present(answer, original, resolved)
        return redact_model(answer, viewer)

    def _both_facts(
        self,
        state: _State,
        pair: tuple[str, str],
        viewer: Viewer,
        weights: composer.TermWeights,
        own: Sequence[str],
        by_label: bool = True,
    ) -> Answer | None:
        """Each of two questions' fact answers, one after the other; None unless both are
        found, differ, and each says the thing it was asked of (`by_label`: its fact's label
        names the thing; else the counter asked, which `_fitting` checks, tells them apart)."""
        answers = []
        for sub in pair:
            mine = [n for n in own if n in sub]
            fact = state.facts.route(sub, viewer)
            answer = _fitting(sub, _other_year_fitting(sub, fact, weights, mine), weights, mine)
            if answer is None or not answer.found:
                return None
            answers.append(answer)
        first, second = answers
        if first.answer == second.answer:
            return None
        if by_label and not (
            _labelled(pair[0], first, pair[1]) and _labelled(pair[1], second, pair[0])
        ):
            return None
        cited = [*first.citations, *(c for c in second.citations if c not in first.citations)]
        head = first.answer
        last = second.answer.rpartition(". ")[2]
        if head.endswith(" " + last):
            # Both end with the same sentence (the plan line both targets are read from, "…
            # 50회 1,450명", quoted as written): said once, after the second.
            head = head[: -len(last) - 1]
        return first.model_copy(
            update={
                "answer": f"{head}\n{second.answer}",
                "citations": cited,
                # (the document's year once, as each fact answer gives it)
                "facts": [*first.facts, *(f for f in second.facts if f not in first.facts)],
            }
        )

    def _heard_claim(
        self, state: _State, original: str, viewer: Viewer, pointed: bool = False
    ) -> Answer | None:
        """A story, then a claim the asker heard and what they ask of it, unanswered: the claim
        and its ask alone, as if asked so (intent.heard_claim); `pointed`, an ask pointing back
        at the claim ("…만든다던데 그게 뭐예요?"), asked of the claim (intent.pointed_claim).
        None when there is no such claim or it is not answered either."""
        claim = intent.pointed_claim(original) if pointed else intent.heard_claim(original)
        if claim is None:
            return None
        resolved = conversation.resolve(claim, [], self._vocab(state))
        answer = self._answer(state, claim, resolved, [], viewer)
        if not answer.found:
            return None
        return answer.model_copy(update={"question": original})

    def _told(self, state: _State, statement: str, viewer: Viewer) -> Answer:
        """The reply to a statement of the asker's situation: the nearest topics offered; the
        next turn is asked with its words (JOIN_UNANSWERED)."""
        hits = state.searcher.search(statement, 8, self._allow(state, viewer, None, None, None))
        topics = composer.nearest_topics(hits, 2, generic_headings(self._seen(state, viewer)))
        return redact_model(composer.told(statement, topics), viewer)

    def _seen(self, state: _State, viewer: Viewer) -> list[Chunk]:
        """The passages the viewer may see, listed once per viewer and index."""
        seen = state.visible.get(viewer)
        if seen is None:
            mask = self._allow(state, viewer, None, None, None)
            seen = state.visible[viewer] = [
                c for c, ok in zip(state.chunks, mask, strict=True) if ok
            ]
        return seen

    def _vocab(self, state: _State) -> conversation.Vocabulary:
        """The index's terms for follow-up detection, built once per loaded index."""
        vocab = self._vocabs.get(state.index_dir)
        if vocab is None:
            vocab = conversation.Vocabulary.from_chunks(
                state.chunks, state.searcher.bm25.vocab_dict, region_of(state.facts.repo.home)
            )
            self._vocabs = {state.index_dir: vocab}
        return vocab

    def _with_llm(self, extractive: Answer) -> Answer:
        if self.chat_model is None:
            return extractive
        text = generate(self.chat_model, extractive.question, extractive.citations)
        if not text:
            return extractive
        candidate = extractive.model_copy(update={"answer": text, "mode": "llm"})
        if not check_numbers(candidate):
            logger.warning("LLM 답변에 근거 없는 숫자가 있어 추출형 답변을 씁니다")
            return extractive
        return candidate

    def _titles(self, answer: Answer) -> None:
        meta = self.state.doc_meta
        for c in answer.citations:
            d = meta.get(c.document)
            if d is not None and not c.title:
                c.title = d.title

    def ask_scores(self, query: str, viewer: Viewer = "public", channel: str = "api") -> Answer:
        return self._fact_answer(self.state.facts.answer_scores, query, viewer, channel)

    def ask_targets(self, query: str, viewer: Viewer = "public", channel: str = "api") -> Answer:
        return self._fact_answer(self.state.facts.answer_targets, query, viewer, channel)

    def ask_budgets(self, query: str, viewer: Viewer = "public", channel: str = "api") -> Answer:
        return self._fact_answer(self.state.facts.answer_budgets, query, viewer, channel)

    def _fact_answer(self, fn, query: str, viewer: Viewer, channel: str) -> Answer:  # type: ignore[no-untyped-def]
        q = normalize_query(query or "")
        if len(q) > MAX_QUESTION_CHARS:
            raise InvalidQuestion(
                f"질문이 너무 깁니다. {MAX_QUESTION_CHARS:,}자 이내로 줄여 주세요."
            )
        answer = fn(q, viewer)
        self._titles(answer)
        if not check_numbers(answer):
            answer = composer.not_found(q, answer.id)
        answer = redact_model(answer, viewer)
        self.feedback.record_answer(answer.id, q, answer.answer, answer.found, channel)
        return answer

    # -- facts --
    def scores(
        self,
        agency: str | None = None,
        year: int | None = None,
        area: str | None = None,
        indicator: str | None = None,
        q: str | None = None,
        viewer: Viewer = "public",
    ) -> list[ScoreRow]:
        state = self.state
        rows = state.facts.scores(agency=agency, year=year, area=area, indicator=indicator, q=q)
        return [
            redact_model(r, viewer)
            for r in rows
            if self._document_visible(state, r.document, viewer)
        ]

    def targets(
        self, q: str, viewer: Viewer = "public", year: int | None = None
    ) -> list[TargetRow]:
        state = self.state
        return [
            redact_model(r, viewer)
            for r in state.facts.targets(q, viewer, year=year)
            if visible(viewer, r.audience) and self._document_visible(state, r.document, viewer)
        ]

    def _cell_allow(self, viewer: Viewer, document: str | None, year: int | None):  # type: ignore[no-untyped-def]
        state = self.state

        def allow(c: Cell) -> bool:
            if not visible(viewer, c.audience):
                return False
            if not self._document_visible(state, c.document, viewer):
                return False
            if document and c.document != document:
                return False
            return not (year and c.year != year)

        return allow

    def tables(
        self,
        q: str,
        viewer: Viewer = "public",
        document: str | None = None,
        year: int | None = None,
        k: int = 10,
    ) -> list[tuple[Cell, float]]:
        """Table cells whose row and column headers match `q`, best first (GET /v1/tables)."""
        q = validate_question(q)
        tables = self.state.tables
        if tables is None:
            return []
        k = max(1, min(int(k), 50))
        out = []
        for cell, score in tables.search(q, self._cell_allow(viewer, document, year), k):
            if not trusted(viewer):  # contact tables: names and extensions are staff-only
                cell = replace(
                    cell,
                    value=redact(cell.value, viewer),
                    row_path=[redact(p, viewer) for p in cell.row_path],
                    row_text=redact(cell.row_text, viewer),
                )
            out.append((cell, score))
        return out

    def budgets(
        self, q: str, viewer: Viewer = "public", year: int | None = None
    ) -> list[BudgetRow]:
        state = self.state
        return [
            redact_model(r, viewer)
            for r in state.facts.budgets(q, viewer, year=year)
            if visible(viewer, r.audience) and self._document_visible(state, r.document, viewer)
        ]

    @staticmethod
    def _document_visible(state: _State, document: str, viewer: Viewer) -> bool:
        meta = state.doc_meta.get(document)
        return visible(viewer, meta.audience if meta is not None else "internal")

    # -- documents and passages --
    def chunk(self, chunk_id: str, viewer: Viewer = "public") -> Chunk:
        c = self.state.by_id.get(chunk_id)
        if c is None or not visible(viewer, c.audience):
            raise NotFound("해당 근거 문단을 찾을 수 없습니다.")
        return redact_model(c, viewer)

    def documents(self, viewer: Viewer = "public") -> list[DocumentInfo]:
        return [d for d in self.state.documents if visible(viewer, d.audience)]

    def record_feedback(
        self,
        answer_id: str,
        helpful: bool,
        comment: str | None,
        channel: str,
        viewer: Viewer = "public",
    ) -> int:
        """A 👍/👎 on an answer the service gave; any viewer may vote, none sees others' votes."""
        if not self.feedback.known_answer(answer_id):
            raise NotFound("해당 답변을 찾을 수 없습니다.")
        return self.feedback.add(answer_id, helpful, comment, channel)
