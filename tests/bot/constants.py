"""Constants the bot tests share: the bot token, user ids and the corpus's document titles."""

from __future__ import annotations

# Shaped like a real token so the log scrubbers' pattern applies to it too.
TOKEN = "123456789:AAHfakeTokenForTests_0123456789abcdef"
STAFF_ID = 111
OTHER_ID = 222

# Titles from corpus/documents.toml, as the sources line of a reply shows them.
PLAN_TITLE = "2023년 전라북도사회서비스원 연간수정사업계획서"
EVAL_TITLE = "2024년 시·도 사회서비스원 경영평가 결과 — 전북특별자치도사회서비스원"
