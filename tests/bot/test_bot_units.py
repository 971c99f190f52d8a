"""Pure unit tests: formatting, access, state and the start-up guards (no servers)."""

from __future__ import annotations

import io
import logging

import pytest

from bot.access import AccessPolicy, RateLimiter
from bot.app import build_application, file_url_for, run_polling
from bot.formatting import (
    PART_LIMIT,
    TELEGRAM_LIMIT,
    compose_answer,
    compose_evidence,
    escape,
    source_line,
    split_html,
    visible_length,
)
from bot.state import AnswerCache, AnswerRecord, callback_data, parse_callback_data
from sosa.errors import ConfigError
from sosa.logs import RedactSecrets, scrub
from sosa.models import Answer, Chunk, Citation, FactRef
from sosa.settings import Settings
from tests.bot.constants import EVAL_TITLE, PLAN_TITLE, TOKEN
from tests.support.telegram_stub import BadRequest, html_visible_text, utf16_len

# --- formatting --------------------------------------------------------------------------------


def test_escape_covers_html_specials() -> None:
    assert escape("<b>a & \"b\" 'c'</b>") == "&lt;b&gt;a &amp; \"b\" 'c'&lt;/b&gt;"


def test_source_line_title_page_section() -> None:
    assert source_line(PLAN_TITLE, 42, "대체인력 지원") == f"{PLAN_TITLE} · 42쪽 · 대체인력 지원"
    assert source_line("문서", None, "") == "문서"
    assert source_line("A&B", 1, "<절>") == "A&amp;B · 1쪽 · &lt;절&gt;"


def _answer(**kw: object) -> Answer:
    base: dict[str, object] = {
        "id": "a1",
        "question": "q",
        "answer": "1,500건입니다.",
        "found": True,
    }
    base.update(kw)
    return Answer(**base)  # type: ignore[arg-type]


def test_compose_answer_keeps_the_figure_and_lists_deduplicated_sources() -> None:
    cite = Citation(document="p.pdf", title=PLAN_TITLE, section="대체인력", page=42, quote="q")
    text = compose_answer(_answer(citations=[cite, cite]))
    visible = html_visible_text(text)
    assert "1,500건입니다." in visible
    assert visible.count(f"{PLAN_TITLE} · 42쪽 · 대체인력") == 1
    assert "<b>출처</b>" in text


def test_compose_answer_falls_back_to_fact_sources() -> None:
    fact = FactRef(
        type="score", label="리더십", value="12.75", document="e.pdf", page=7, section="리더십"
    )
    text = compose_answer(_answer(answer="12.75점", facts=[fact]))
    assert "e.pdf · 7쪽 · 리더십" in html_visible_text(text)


def test_compose_answer_without_sources_when_not_found() -> None:
    cite = Citation(document="p.pdf", title=EVAL_TITLE, section="s", page=1, quote="q")
    text = compose_answer(_answer(answer="찾지 못했습니다.", found=False, citations=[cite]))
    assert text == "찾지 못했습니다."


def test_compose_answer_escapes_service_text() -> None:
    text = compose_answer(_answer(answer="<script>x</script> & y"))
    assert html_visible_text(text) == "<script>x</script> & y"


def test_compose_answer_escapes_sources() -> None:
    cite = Citation(document="x.pdf", title="<제목> & 문서", section="a<b", page=3, quote="q")
    answer = _answer(answer='태그 <script>alert(1)</script> & 기호 "따옴표"', citations=[cite])
    text = compose_answer(answer)
    visible = html_visible_text(text)  # raises like Telegram on anything left unescaped
    assert visible.startswith('태그 <script>alert(1)</script> & 기호 "따옴표"')
    assert visible.endswith("출처\n• <제목> & 문서 · 3쪽 · a<b")
    assert "&lt;제목&gt; &amp; 문서 · 3쪽 · a&lt;b" in text


def test_long_answer_splits_into_valid_parts_with_sources_last() -> None:
    lines = [f"{i}번째 줄: <긴 답변> & 나누어 보내기 😀" for i in range(600)]
    cite = Citation(document="p.pdf", title=PLAN_TITLE, section="<절>", page=1, quote="q")
    parts = split_html(compose_answer(_answer(answer="\n".join(lines), citations=[cite])))
    assert len(parts) >= 3
    visible = [html_visible_text(p) for p in parts]
    assert all(utf16_len(v) <= PART_LIMIT for v in visible)
    assert "\n".join(visible).split("\n")[:600] == lines  # every line, whole and in order
    assert visible[-1].endswith(f"출처\n• {PLAN_TITLE} · 1쪽 · <절>")


def test_compose_evidence_quotes_the_passage() -> None:
    chunk = Chunk(
        id="c1",
        document="p.pdf",
        title=PLAN_TITLE,
        section="절",
        page=3,
        ordinal=0,
        text="<표> & 값",
    )
    text = compose_evidence(chunk)
    assert "<blockquote>&lt;표&gt; &amp; 값</blockquote>" in text
    assert html_visible_text(text).startswith(f"근거 {PLAN_TITLE} · 3쪽 · 절")


def test_split_keeps_short_text_whole() -> None:
    assert split_html("<b>짧은</b> 답") == ["<b>짧은</b> 답"]


def test_split_long_html_stays_valid_and_under_the_limit() -> None:
    body = escape("가나다 & <표> 라마바 " * 900)
    emoji = "😀 " * 2500  # two UTF-16 units each: Telegram counts those
    text = f"<b>제목</b>\n<blockquote>{body}</blockquote>\n{emoji}\n끝"
    parts = split_html(text)
    assert len(parts) > 3
    for part in parts:
        visible = html_visible_text(part)  # raises like Telegram on broken tags/entities
        assert utf16_len(visible) <= PART_LIMIT < TELEGRAM_LIMIT
        assert visible_length(part) == utf16_len(visible)
    squeeze = "\n".join(html_visible_text(p) for p in parts).split()
    assert squeeze == html_visible_text(text).split()


def test_split_prefers_line_breaks() -> None:
    lines = [f"{i:04d} " + "가" * 50 for i in range(200)]
    parts = split_html("\n".join(lines), limit=1000)
    for part in parts:
        assert part.split("\n")[0][:4].isdigit()  # every part starts at a line start


def test_split_without_breaks_cuts_hard_but_never_inside_an_entity() -> None:
    parts = split_html("&amp;" * 5000, limit=999)
    assert all(p.replace("&amp;", "") == "" for p in parts)
    assert sum(visible_length(p) for p in parts) == 5000


def test_stub_html_check_rejects_what_telegram_rejects() -> None:
    for bad in ("a < b", "<b>open", "x & y", "<script>x</script>", "<b><i>x</b></i>"):
        with pytest.raises(BadRequest):
            html_visible_text(bad)


# --- access ------------------------------------------------------------------------------------


def test_viewer_resolution() -> None:
    policy = AccessPolicy(frozenset({1, 2}), public=True)
    assert policy.viewer_for(1) == "staff"
    assert policy.viewer_for(3) == "public"
    assert policy.viewer_for(None) == "public"
    closed = AccessPolicy(frozenset({1}), public=False)
    assert closed.viewer_for(1) == "staff"
    assert closed.viewer_for(3) is None


def test_policy_from_settings() -> None:
    s = Settings(telegram_allowed_users="10, 20", telegram_public=False)
    policy = AccessPolicy.from_settings(s)
    assert policy.staff_ids == {10, 20} and not policy.public


def test_rate_limiter_per_user_window() -> None:
    limiter = RateLimiter(2)
    assert limiter.check(1) == 0
    assert limiter.check(1) == 0
    wait = limiter.check(1)
    assert 1 <= wait <= 60
    assert limiter.check(2) == 0  # per user
    assert limiter.check(1) > 0  # still inside the minute


def test_rate_limiter_zero_is_off() -> None:
    limiter = RateLimiter(0)
    assert all(limiter.check(1) == 0 for _ in range(100))


# --- state -------------------------------------------------------------------------------------


def test_answer_cache_is_an_lru() -> None:
    cache = AnswerCache(capacity=2)
    k1 = cache.put(AnswerRecord("a1", []))
    k2 = cache.put(AnswerRecord("a2", []))
    assert cache.get(k1) is not None  # k1 becomes most recent
    k3 = cache.put(AnswerRecord("a3", []))
    assert cache.get(k2) is None
    assert cache.get(k1) is not None and cache.get(k3) is not None
    assert len(cache) == 2


def test_callback_data_is_compact_and_parsed_strictly() -> None:
    key = AnswerCache().put(AnswerRecord("x" * 200, ["c"] * 50))
    for action in ("e", "u", "d"):
        data = callback_data(action, key)
        assert len(data.encode()) <= 64
        assert parse_callback_data(data) == (action, key)
    for bad in (None, "", "e", "e:", "z:abc", "nocolon"):
        assert parse_callback_data(bad) is None


# --- app ---------------------------------------------------------------------------------------


def test_file_url_follows_the_api_url() -> None:
    assert file_url_for("http://127.0.0.1:9/bot") == "http://127.0.0.1:9/file/bot"
    assert file_url_for("http://127.0.0.1:9/bot/") == "http://127.0.0.1:9/file/bot"


def test_missing_token_is_a_korean_config_error() -> None:
    s = Settings(telegram_token=None)
    with pytest.raises(ConfigError) as err:
        run_polling(s)
    assert "SOSA_TELEGRAM_TOKEN" in err.value.message
    with pytest.raises(ConfigError):
        build_application(s, None)


def test_build_application_uses_base_url() -> None:
    # No service: webhook mode takes the API app's (test_bot_transport checks the sharing).
    s = Settings(telegram_token=TOKEN, telegram_api_url="http://127.0.0.1:9/bot")
    app = build_application(s, None)
    assert app.bot.base_url == f"http://127.0.0.1:9/bot{TOKEN}"
    assert app.bot.base_file_url == f"http://127.0.0.1:9/file/bot{TOKEN}"
    assert app.bot_data["service"] is None


def test_tracebacks_are_scrubbed_in_logs() -> None:
    """python-telegram-bot logs InvalidToken (whose text has the token) with exc_info."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactSecrets([TOKEN]))
    handler.addFilter(RedactSecrets([TOKEN]))
    log = logging.getLogger("test.scrub")
    log.addHandler(handler)
    log.propagate = False
    try:
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
        except RuntimeError:
            log.exception("url http://127.0.0.1/bot%s/getMe failed", TOKEN)
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    assert "was rejected" in out and "***" in out
    assert TOKEN not in out and TOKEN.split(":")[1] not in out


def test_scrub_finds_the_token_in_urls_and_in_any_case() -> None:
    secret = TOKEN.split(":", 1)[1]
    for text in (
        f"POST http://127.0.0.1:9/bot{TOKEN}/sendMessage failed",  # no word boundary before it
        f"Chat not found in post /bot{TOKEN.lower()}/sendmessage",  # Bad Request: … lower-cased
        f"token `{TOKEN}` was rejected",
    ):
        out = scrub(text, [TOKEN])
        assert "***" in out and secret.lower() not in out.lower()
    assert scrub("another 987654321:AAHsomeOtherTokenThatIsValid_xyz here", [TOKEN]) == (
        "another *** here"
    )
    assert scrub("12:30 회의, 1522-0365", [TOKEN]) == "12:30 회의, 1522-0365"


def test_chat_history_is_kept_per_chat_and_forgotten_when_idle() -> None:
    from bot.state import CONVERSATION_IDLE_SECONDS, MAX_TURNS, chat_history, remember_turn

    chat: dict = {}
    assert chat_history(chat, now=0.0) == []
    for n in range(MAX_TURNS + 2):
        remember_turn(chat, f"질문 {n}", "답" * 2000, now=float(n))
    turns = chat_history(chat, now=float(MAX_TURNS + 2))
    assert len(turns) == MAX_TURNS and turns[-1]["question"] == f"질문 {MAX_TURNS + 1}"
    assert all(len(t["answer"]) <= 1000 for t in turns)
    idle = MAX_TURNS + 2 + CONVERSATION_IDLE_SECONDS + 1
    assert chat_history(chat, now=idle) == []  # 30 minutes idle: a new conversation
    remember_turn(chat, "새 질문", "답", now=idle)
    assert [t["question"] for t in chat_history(chat, now=idle)] == ["새 질문"]
