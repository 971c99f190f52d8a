"""How evaluators ask about an evaluation report: the findings, shortcomings and praise its
comments give, and those who gave them. The generic intent and conversation modules read these
through retrieval.profiles.asks, never from here.
"""

from __future__ import annotations

from retrieval.profiles.labels import Asks

ASKS = Asks(
    # (a finding asked whole, "지적사항은?": 사항 names no subject)
    # (or the recommendation named: "개선 권고 내용은?", "보완 권고는?")
    findings=(
        # (a concern or finding said as done to the subject: "지적된 우려 사항"; not "개선된
        # 사항", what was improved)
        r"(?:(?:(?:지적|우려)(?:\s*(?:된|한|되는))?|개선|보완|권고)\s*)+사항",
        r"권고\s*내용|(?:개선|보완)\s*권고",
    ),
    reason=(
        # points lost, and what the evaluators said is lacking ("더 필요하다고 한 건", "아쉬운 점")
        r"감점|깎|지적|부족한 점|개선할 점|요구한|문제점",
        r"필요하다고|부족하다고|아쉬운|아쉽다고|보완할|(?:개선|보완|강화)하라(?:고|는)",
        # what would remedy it ("개선하려면 뭘 해야 돼?"): the findings say what is lacking
        r"(?:개선|보완)하(?:려면|기\s*위해(?:서)?)",
        # (or the remedy named: "개선 방안은 뭐라고 했어?", "보완 방향은?"; or the comments
        # that name one: "보완 의견은?", "개선점은?")
        r"(?:개선|보완)\s*(?:방안|방향|의견|점)",
        # (or the concerns they raised: "우려 사항은?", "우려되는 점은?")
        r"우려(?:되는|된|한|하는|스러운)?\s*(?:점|사항|부분)",
    ),
    praise=(
        r"좋다고|좋았|좋게|좋은\s*점|잘한|잘했|잘 한|강점|장점|우수하다고|우수한 점|칭찬|높이 평가|긍정적",
    ),
    # (the grades that are a success: "강원은 왜 S등급이야?")
    success=(r"[SA]\s*등급", r"최우수"),
    # (for what they said: "평가위원 의견은?" after a score)
    judges=("평가위원", "위원", "심사위원", "총평", "코멘트"),
    # (a score's bonus and deduction lines: "서비스의 질" then "가점은 받았어?")
    attributes=("가점", "감점"),
)
