"""Optional generative mode: a LangChain chat model writes the answer from retrieved passages only.

Off by default. On when SOSA_LLM_BASE_URL and SOSA_LLM_MODEL name an OpenAI-compatible endpoint
(a local vLLM or Ollama). The caller checks the numbers and falls back to the extractive answer.
"""

from __future__ import annotations

import logging

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import SecretStr

from sosa.models import Citation
from sosa.settings import Settings

logger = logging.getLogger(__name__)

SYSTEM = (
    "당신은 전북특별자치도사회서비스원 문서 안내 도우미입니다. 아래 [자료]에 있는 내용만으로 "
    "한두 문장의 공손한 한국어로 답하세요. 숫자와 단위는 자료에 쓰인 그대로 옮기고, 자료에 없는 "
    "숫자는 절대 쓰지 마세요. 자료에 답이 없으면 '문서에서 찾지 못했습니다'라고만 답하세요."
)


def build_chat_model(settings: Settings) -> BaseChatModel | None:
    if not settings.llm_enabled:
        return None
    from langchain_openai import ChatOpenAI

    key = settings.llm_api_key or SecretStr("not-needed")
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model or "",
        api_key=key,
        temperature=0,
        timeout=settings.llm_timeout_seconds,
        max_retries=0,
    )


def generate(model: BaseChatModel, question: str, passages: list[Citation]) -> str | None:
    context = "\n\n".join(
        f"[자료 {i + 1}] {p.title} · {p.section}\n{p.quote}" for i, p in enumerate(passages)
    )
    messages = [SystemMessage(SYSTEM), HumanMessage(f"[자료]\n{context}\n\n[질문]\n{question}")]
    try:
        reply = model.invoke(messages)
    except Exception as exc:  # any endpoint failure falls back to the extractive answer
        logger.warning("LLM 호출 실패, 추출형 답변으로 대체합니다: %s", type(exc).__name__)
        return None
    text = reply.content if isinstance(reply.content, str) else str(reply.content)
    return text.strip() or None
