"""The one retrieval service the API and the bot share.

Loaded once per process (indexes, models, facts); every entry point calls these methods and
nothing lower. Methods are synchronous and thread-safe for reads.
"""

from __future__ import annotations

import logging

from sosa.models import Answer, Chunk, DocumentInfo, SearchHit, Viewer
from sosa.settings import Settings

logger = logging.getLogger(__name__)


class RetrievalService:
    """Facade over the current index. Construct with `RetrievalService.load(settings)`."""

    @classmethod
    def load(cls, settings: Settings) -> RetrievalService:
        raise NotImplementedError  # filled in by the retrieval issue

    def ask(self, question: str, viewer: Viewer = "public") -> Answer:
        raise NotImplementedError

    def search(
        self,
        q: str,
        k: int = 5,
        viewer: Viewer = "public",
        document: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> list[SearchHit]:
        raise NotImplementedError

    def chunk(self, chunk_id: str, viewer: Viewer = "public") -> Chunk:
        raise NotImplementedError

    def documents(self, viewer: Viewer = "public") -> list[DocumentInfo]:
        raise NotImplementedError

    def record_feedback(
        self, answer_id: str, helpful: bool, comment: str | None, channel: str
    ) -> int:
        raise NotImplementedError

    # Structured facts (issue: facts). Each returns rows with document/page/section.
    def scores(
        self,
        agency: str | None = None,
        year: int | None = None,
        area: str | None = None,
        indicator: str | None = None,
        q: str | None = None,
    ) -> list:  # list[ScoreRow]
        raise NotImplementedError

    def targets(self, q: str, viewer: Viewer = "public") -> list:  # list[TargetRow]
        raise NotImplementedError

    def budgets(self, q: str, viewer: Viewer = "public") -> list:  # list[BudgetRow]
        raise NotImplementedError

    # Answers to the bot's /score, /target and /budget commands, composed from facts.
    def ask_scores(self, query: str, viewer: Viewer = "public") -> Answer:
        raise NotImplementedError

    def ask_targets(self, query: str, viewer: Viewer = "public") -> Answer:
        raise NotImplementedError

    def ask_budgets(self, query: str, viewer: Viewer = "public") -> Answer:
        raise NotImplementedError
