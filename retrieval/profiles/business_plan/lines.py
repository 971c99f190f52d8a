"""The labelled lines and section names of a business plan that say what a project is.

A Korean public plan labels its overview lines ("(목적) …", "(사업내용) …", "대상자 기준 : …")
and names the sections that give its reasons (추진배경, 현황, 필요성, 쟁점 및 대책). The generic
answer path reads these through retrieval.profiles.lines, never from here.
"""

from __future__ import annotations

from retrieval.profiles.labels import Labels

LABELS = Labels(
    # what a project is: its purpose, content, overview or definition line
    defining=(
        r"^\((?:사업\s*)?(?:목\s*적|내\s*용|개\s*요|정\s*의)\)",
        r"^(?:사업|제공|서비스)?\s*내용\s*:",
    ),
    # the same labels inside a passage (the overview passage holds them mid-text)
    overview=(r"\((?:사업\s*)?(?:목\s*적|내\s*용|정\s*의)\)",),
    # who it is for, stated under a label ("대상자 기준 : …", "(사업대상) …")
    target=(r"대상[가-힣 ]{0,6}[:)]",),
    # whom it goes to: besides its target lines, a line labelled as its target or content
    receiving=(r"^\((?:사업\s*)?(?:대\s*상|내\s*용)\)",),
    # why it is done (the province's figures, its problems), not what is offered
    background=(r"배경", r"현황", r"필요성"),
    issues=(r"쟁점",),
    # a contact row: who to call and nothing else ("담당자 양은영 2911 · 센터장 …")
    staff_row=(r"^담당자\s+[가-힣]{2,4}\s+\d{3,4}(?!\d)",),
)
