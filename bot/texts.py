"""Fixed Korean replies (HTML-safe: no user text is interpolated without escaping)."""

from __future__ import annotations

from bot.formatting import MAX_QUESTION_CHARS, escape

AGENCY = "전북특별자치도사회서비스원"

EXAMPLES = (
    "대체인력 파견 목표는 몇 건이야?",
    "/score 리더십",
    "긴급돌봄 대표번호 알려줘",
    "/budget 긴급돌봄",
)


def greeting(first_name: str | None, staff: bool) -> str:
    hello = f"안녕하세요, {escape(first_name)}님!" if first_name else "안녕하세요!"
    scope = (
        "직원으로 확인되어 내부 문서까지 찾아봐요."
        if staff
        else "공개된 문서를 기준으로 답해 드려요."
    )
    examples = "\n".join(f"• {escape(q)}" for q in EXAMPLES)
    return (
        f"{hello} {AGENCY} 문서 도우미입니다.\n\n"
        "경영평가 결과와 연간 사업계획서 같은 기관 문서에서 답을 찾아, 숫자는 문서에 쓰인 "
        "그대로 출처(문서 · 쪽 · 항목)와 함께 알려 드려요. "
        f"{scope}\n\n"
        "<b>이런 것을 물어보실 수 있어요</b>\n"
        "• 경영평가 영역·지표별 점수(득점/배점)와 등급\n"
        "• 사업별 목표와 성과지표\n"
        "• 사업 예산\n"
        "• 담당 부서와 연락처\n\n"
        f"<b>예시 질문</b>\n{examples}\n\n"
        "명령어 안내는 /help 에서 보실 수 있어요."
    )


HELP = (
    "<b>사용법</b>\n"
    "/ask &lt;질문&gt; — 질문에 답해 드려요. 그냥 메시지로 보내셔도 돼요.\n"
    "/score [영역 또는 지표] — 경영평가 득점/배점과 등급을 알려 드려요.\n"
    "/target &lt;키워드&gt; — 사업 목표를 찾아 드려요.\n"
    "/budget &lt;키워드&gt; — 사업 예산을 찾아 드려요.\n"
    "/new — 지금까지의 대화를 잊고 새 대화를 시작해요.\n"
    "/help — 이 안내를 다시 보여 드려요.\n\n"
    "답변 아래의 <b>근거 보기</b>를 누르시면 인용한 문서 구절을 보내 드리고, "
    "👍/👎 로 답변이 도움이 되었는지 알려 주실 수 있어요.\n"
    f"질문은 {MAX_QUESTION_CHARS:,}자 이내로 보내 주세요."
)


def refusal(user_id: int | None, *, html: bool = True) -> str:
    """Polite refusal; the user id helps staff ask to be added to SOSA_TELEGRAM_ALLOWED_USERS."""
    uid = f"<code>{user_id}</code>" if html else str(user_id)
    who = f" 사용 권한이 필요하시면 담당자에게 사용자 번호 {uid}를 알려 주세요." if user_id else ""
    return f"죄송합니다. 이 봇은 {AGENCY} 직원만 사용할 수 있어요.{who}"


def too_long(chars: int) -> str:
    return (
        f"질문이 너무 길어요({chars:,}자). {MAX_QUESTION_CHARS:,}자 이내로 줄여서 다시 보내 주세요."
    )


def rate_limited(seconds: int) -> str:
    return f"질문이 잠깐 사이에 너무 많이 들어왔어요. {seconds}초 뒤에 다시 보내 주세요."


UNSUPPORTED = (
    "죄송해요, 스티커·사진·파일 같은 메시지는 읽을 수 없어요. 궁금하신 점을 글로 보내 주세요."
)
NEW_CONVERSATION = "새 대화를 시작할게요. 앞의 질문은 잊었어요. 궁금한 것을 물어봐 주세요."
UNKNOWN_COMMAND = "모르는 명령이에요. /help 로 사용법을 확인해 주세요."
USAGE_ASK = f"질문을 함께 보내 주세요. 예: /ask {escape(EXAMPLES[0])}"
USAGE_TARGET = "찾을 키워드를 함께 보내 주세요. 예: /target 대체인력"
USAGE_BUDGET = "찾을 키워드를 함께 보내 주세요. 예: /budget 긴급돌봄"
ERROR = "죄송합니다. 요청을 처리하는 중에 문제가 생겼어요. 잠시 후 다시 시도해 주세요."
EXPIRED = "시간이 지난 답변이라 처리할 수 없어요. 질문을 다시 보내 주세요."
NO_EVIDENCE = "이 답변에는 보여 드릴 근거 구절이 없어요."
EVIDENCE_UNAVAILABLE = "근거 구절을 찾지 못했어요. 문서가 다시 색인되었을 수 있어요."
FEEDBACK_THANKS = "의견 감사합니다! 답변을 개선하는 데 쓰겠습니다."
FEEDBACK_ALREADY = "이미 의견을 남겨 주셨어요. 감사합니다!"
