"""Optional LLM mode, with LangChain's fake chat model standing in for the outside endpoint."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from retrieval.llm import build_chat_model
from retrieval.service import RetrievalService
from sosa.settings import Settings

# A question answered from passages (facts questions never reach the LLM).
Q = "종합재가센터 운영활성화를 위해 어떤 노력을 했다고 평가받았나요?"


def test_off_by_default(settings_factory: Callable[..., Settings]) -> None:
    assert build_chat_model(settings_factory()) is None
    on = settings_factory(llm_base_url="http://127.0.0.1:9/v1", llm_model="local")
    assert build_chat_model(on) is not None  # constructed only; never called here


def test_llm_answer_is_used_when_its_numbers_are_quoted(
    settings_factory: Callable[..., Settings],
) -> None:
    fake = FakeListChatModel(
        responses=["돌봄단을 구성해 틈새욕구에 대응하려 한 점이 평가되었어요."]
    )
    service = RetrievalService(settings_factory(), chat_model=fake)
    a = service.ask(Q)
    assert a.mode == "llm" and a.answer.startswith("돌봄단을 구성해")
    assert a.citations  # the passages it was given stay as its citations


def test_llm_answer_with_an_invented_number_falls_back(
    settings_factory: Callable[..., Settings],
) -> None:
    fake = FakeListChatModel(responses=["타 기관 3곳을 방문하고 돌봄단 12개를 꾸렸습니다."])
    service = RetrievalService(settings_factory(), chat_model=fake)
    a = service.ask(Q)
    assert a.mode == "extractive"
    assert "12" not in a.answer and "돌봄단" in a.answer


class _Down(FakeListChatModel):
    def _call(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("endpoint down")


def test_llm_failure_falls_back(settings_factory: Callable[..., Settings]) -> None:
    service = RetrievalService(settings_factory(), chat_model=_Down(responses=["x"]))
    a = service.ask(Q)
    assert a.found and a.mode == "extractive"
