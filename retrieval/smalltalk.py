"""Greetings, thanks and goodbyes: a message that is nothing else gets a polite reply of its own,
not a search of the documents (which would quote whatever shares a syllable with "안녕하세요").

Only a whole message of small talk, short, is read so: "안녕하세요, 대체인력 예산 알려주세요" is a
question and is answered as one.
"""

from __future__ import annotations

import re

# ({home}: the agency whose documents the index holds, "전북특별자치도사회서비스원의 ")
GREETING = "안녕하세요. {home}문서에 나온 사업, 예산, 평가 결과, 연락처를 물어봐 주세요."
THANKS = "도움이 되었다니 다행입니다. 더 궁금한 점이 있으면 언제든 물어봐 주세요."
GOODBYE = "이용해 주셔서 감사합니다. 궁금한 점이 생기면 다시 찾아 주세요."

# Asking leave to ask ("궁금한 게 있는데요", "안녕하세요, 뭐 좀 물어봐도 돼요?"): no question yet.
ASK_AWAY = (
    "네, 무엇이 궁금하신가요? {home}문서에 나온 사업, 예산, 평가 결과, 연락처를 물어봐 주세요."
)

_END = r"[\s~!.?^;:)ㅎㅋㅠㅜ]*"
_GREETING = r"(?:안녕(?:하세요|하십니까|하세여)?|반갑습니다|반가워요|저기요|실례합니다)"
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        GREETING,
        re.compile(
            r"^(?:안녕(?:하세요|하십니까|하세여)?|반갑습니다|반가워요|처음\s*뵙겠습니다|"
            r"hi|hello|하이|헬로)" + _END + "$",
            re.IGNORECASE,
        ),
    ),
    (
        THANKS,
        re.compile(
            r"^(?:(?:네|예|아|오)[\s,]*)?(?:정말\s*|너무\s*|진짜\s*)?"
            r"(?:고맙습니다|고마워요?|감사합니다|감사해요|감사드립니다|땡큐|thanks?(?:\s*you)?|"
            r"알겠습니다|알겠어요|알았어요?|잘\s*알겠습니다|도움이\s*됐어요|도움이\s*되었어요)"
            + _END
            + "$",
            re.IGNORECASE,
        ),
    ),
    (
        GOODBYE,
        re.compile(
            r"^(?:안녕히\s*(?:계세요|가세요)|수고하세요|수고하셨습니다|잘\s*있어요?|bye|바이)"
            + _END
            + "$",
            re.IGNORECASE,
        ),
    ),
)
_KINDS += (
    (
        ASK_AWAY,
        re.compile(
            rf"^(?:{_GREETING}[\s,.!~]*)?(?:뭐\s*(?:좀|하나)?\s*)?"
            r"(?:궁금한\s*(?:게|것이|거|점이|것)|질문|물어볼\s*(?:게|것이|거)|여쭤볼\s*(?:게|것이|거)|"
            r"문의(?:드릴|할)\s*(?:게|것이|거)|물어봐도|여쭤봐도|질문해도|문의해도)\s*"
            r"(?:있(?:는데요?|어요|습니다|어서요|거든요)|하나\s*있(?:는데요?|어요)|돼요|될까요|되나요|"
            r"괜찮(?:아요|을까요|나요))" + _END + "$",
            re.IGNORECASE,
        ),
    ),
)
# Longer than this it is not small talk alone.
MAX_CHARS = 30


def reply(message: str, home: str = "") -> str | None:
    """The polite reply to a message that is only a greeting, thanks or a goodbye; else None.
    `home`: the agency the documents are of, named in the greeting."""
    text = message.strip()
    if len(text) > MAX_CHARS:
        return None
    for answer, pattern in _KINDS:
        if pattern.match(text):
            return answer.format(home=f"{home}의 " if home else "")
    return None
