"""A stand-in for RetrievalService with canned answers, and constants the bot tests share."""

from __future__ import annotations

from sosa.errors import InvalidQuestion, NotFound
from sosa.models import Answer, Chunk, Citation, FactRef, Viewer

# Shaped like a real token so the log scrubbers' pattern applies to it too.
TOKEN = "123456789:AAHfakeTokenForTests_0123456789abcdef"
STAFF_ID = 111
OTHER_ID = 222

PLAN_TITLE = "2023년 전라북도사회서비스원 연간수정사업계획서"
EVAL_TITLE = "2024년 시·도 사회서비스원 경영평가 결과 — 전북특별자치도사회서비스원"


class FakeService:
    """The RetrievalService contract with canned answers, for transport tests only."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Viewer]] = []
        self.feedback: list[tuple[str, bool, str | None, str]] = []
        self._n = 0

    def _answer(self, question: str, text: str, citations: list[Citation] | None = None) -> Answer:
        self._n += 1
        return Answer(
            id=f"ans-{self._n:04d}-0123456789abcdef0123456789abcdef",  # long, like a uuid
            question=question,
            answer=text,
            found=bool(citations),
            citations=citations or [],
        )

    def ask(self, question: str, viewer: Viewer = "public") -> Answer:
        self.calls.append(("ask", question, viewer))
        if question == "boom":
            raise RuntimeError(f"일부러 낸 오류 (token {TOKEN})")
        if question == "invalid":
            raise InvalidQuestion("질문을 이해하지 못했습니다. 조금 더 구체적으로 물어봐 주세요.")
        if question == "html":
            return self._answer(
                question,
                '태그 <script>alert(1)</script> & 기호 "따옴표"',
                [
                    Citation(
                        document="x.pdf",
                        title="<제목> & 문서",
                        section="a<b",
                        page=3,
                        quote="q",
                        chunk_id="c-html",
                    )
                ],
            )
        if question == "long":
            return self._answer(
                question,
                "\n".join(f"{i}번째 줄: 긴 답변을 나누어 보내는지 확인합니다." for i in range(600)),
                [
                    Citation(
                        document="p.pdf",
                        title=PLAN_TITLE,
                        section="긴 절",
                        page=1,
                        quote="q",
                        chunk_id="c-long",
                    )
                ],
            )
        if question == "missing":
            return self._answer(question, "문서에서 답을 찾지 못했습니다.")
        if "대체인력" in question:
            return self._answer(
                question,
                "대체인력 파견 목표는 1,500건입니다.",
                [
                    Citation(
                        document="jb-2023-annual-business-plan.pdf",
                        title=PLAN_TITLE,
                        section="대체인력 지원사업",
                        page=42,
                        quote="대체인력 파견 1,500건",
                        chunk_id="c-plan-42",
                    ),
                    Citation(
                        document="jb-2023-annual-business-plan.pdf",
                        title=PLAN_TITLE,
                        section="성과목표",
                        page=43,
                        quote="1,500건",
                        chunk_id="c-internal",
                    ),
                ],
            )
        return self._answer(question, f"질문 “{question}”에 대한 답변입니다.", [])

    def ask_scores(self, query: str, viewer: Viewer = "public") -> Answer:
        self.calls.append(("score", query, viewer))
        ans = self._answer(
            query,
            "리더십 영역: 12.75 / 15점",
            [
                Citation(
                    document="e.pdf",
                    title=EVAL_TITLE,
                    section="리더십",
                    page=7,
                    quote="12.75",
                    chunk_id="c-eval",
                )
            ],
        )
        ans.facts = [FactRef(type="score", label="리더십", value="12.75", document="e.pdf", page=7)]
        return ans

    def ask_targets(self, query: str, viewer: Viewer = "public") -> Answer:
        self.calls.append(("target", query, viewer))
        return self._answer(query, f"{query} 목표: 56회")

    def ask_budgets(self, query: str, viewer: Viewer = "public") -> Answer:
        self.calls.append(("budget", query, viewer))
        return self._answer(query, f"{query} 예산: 503,000천원")

    def chunk(self, chunk_id: str, viewer: Viewer = "public") -> Chunk:
        self.calls.append(("chunk", chunk_id, viewer))
        if chunk_id == "c-internal" and viewer == "public":
            raise NotFound()
        return Chunk(
            id=chunk_id,
            document="jb-2023-annual-business-plan.pdf",
            title=PLAN_TITLE,
            section="대체인력 지원사업",
            page=42,
            ordinal=1,
            text=f"[{chunk_id}] 사회복지시설 종사자 대체인력 파견 1,500건 <목표> & 실적",
            audience="internal" if chunk_id == "c-internal" else "public",
        )

    def record_feedback(
        self, answer_id: str, helpful: bool, comment: str | None, channel: str
    ) -> int:
        self.feedback.append((answer_id, helpful, comment, channel))
        return len(self.feedback)
