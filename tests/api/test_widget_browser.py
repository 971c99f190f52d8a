"""The chat widget in a real browser: headless Chromium against the real server and service."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.api_helpers import ARTIFACTS

pytestmark = pytest.mark.slow

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "대체인력 파견 목표는 몇 건인가요?"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not path:
        # A skipped browser test would hide a broken widget: `make test` installs Chromium.
        pytest.fail("Chromium is not installed at /usr/bin/chromium (make test installs it)")
    with playwright_sync.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, timeout=60_000)
        yield b
        b.close()


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    return problems


def _active_id(page) -> str | None:
    return page.evaluate(
        "() => { const h = document.getElementById('sosa-chat-widget');"
        " const a = h && h.shadowRoot && h.shadowRoot.activeElement; return a ? (a.id || a.className) : null; }"
    )


def test_widget_answers_with_citation(browser, live_server) -> None:
    expect = playwright_sync.expect
    ARTIFACTS.mkdir(exist_ok=True)
    with live_server(rate_limit_per_minute=30) as srv:
        context = browser.new_context(viewport={"width": 1280, "height": 820}, locale="ko-KR")
        context.set_default_timeout(30_000)
        page = context.new_page()
        problems = _watch(page)
        response = page.goto(srv.url + "/")
        assert response is not None and response.ok
        assert "script-src 'self'" in response.headers["content-security-policy"]

        launcher = page.get_by_role("button", name="문서 도우미 열기")
        expect(launcher).to_be_visible()
        launcher.click()
        dialog = page.get_by_role("dialog", name="사회서비스원 문서 도우미")
        expect(dialog).to_be_visible()
        assert _active_id(page) == "sosa-input"  # focus moved into the panel
        for suggestion in ("긴급돌봄은 어디로 전화하나요?", "2024년 경영평가 총점은?"):
            expect(dialog.get_by_role("button", name=suggestion)).to_be_visible()

        box = dialog.get_by_label("질문 입력")
        box.fill(QUESTION)
        box.press("Enter")
        answer = dialog.locator(".msg.bot .answer").filter(has_text="1,500")
        expect(answer).to_be_visible()
        cite = dialog.locator("button.cite").filter(has_text="연간수정사업계획서").first
        expect(cite).to_be_visible()
        expect(dialog.locator(".msg.user").last).to_contain_text(QUESTION)
        page.screenshot(path=str(ARTIFACTS / "widget.png"))

        # The citation opens the cited passage inside the panel; Esc goes back, then closes.
        cite.click()
        passage = dialog.locator("section.passage")
        expect(passage).to_be_visible()
        expect(passage.locator("h3")).to_contain_text("연간수정사업계획서")
        expect(passage.locator(".text")).not_to_contain_text("불러오고 있어요")
        page.screenshot(path=str(ARTIFACTS / "widget-passage.png"))
        page.keyboard.press("Escape")
        expect(passage).to_be_hidden()
        assert "cite" in (_active_id(page) or "")  # focus back on the citation

        dialog.get_by_role("button", name="도움이 됐어요").first.click()
        expect(dialog.get_by_text("의견 감사합니다!")).to_be_visible()

        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert _active_id(page) and "launcher" in _active_id(page)
        assert not problems, problems
        context.close()


def test_widget_at_phone_width(browser, live_server) -> None:
    expect = playwright_sync.expect
    ARTIFACTS.mkdir(exist_ok=True)
    with live_server(rate_limit_per_minute=30) as srv:
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        )
        context.set_default_timeout(30_000)
        page = context.new_page()
        problems = _watch(page)
        page.goto(srv.url + "/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
        launcher = page.get_by_role("button", name="문서 도우미 열기")
        box = launcher.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44  # a thumb-sized target
        launcher.click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        panel = dialog.bounding_box()
        assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= 360.5
        dialog.get_by_role("button", name=QUESTION).click()
        expect(dialog.locator(".msg.bot .answer").filter(has_text="1,500")).to_be_visible()
        cite = dialog.locator("button.cite").first
        expect(cite).to_be_visible()
        cite_box = cite.bounding_box()
        assert cite_box and cite_box["x"] + cite_box["width"] <= 360.5
        page.screenshot(path=str(ARTIFACTS / "widget-phone.png"))
        assert not problems, problems
        context.close()


def test_widget_keeps_the_conversation_until_new_conversation(browser, live_server) -> None:
    expect = playwright_sync.expect
    ARTIFACTS.mkdir(exist_ok=True)
    with live_server(rate_limit_per_minute=0) as srv:
        context = browser.new_context(viewport={"width": 1280, "height": 820}, locale="ko-KR")
        context.set_default_timeout(30_000)
        page = context.new_page()
        problems = _watch(page)
        sent: list[dict] = []
        page.on(
            "request",
            lambda r: sent.append(r.post_data_json) if r.url.endswith("/v1/ask") else None,
        )
        page.goto(srv.url + "/")
        page.get_by_role("button", name="문서 도우미 열기").click()
        dialog = page.get_by_role("dialog", name="사회서비스원 문서 도우미")
        box = dialog.get_by_label("질문 입력")
        answers = dialog.locator(".msg.bot .answer")

        turns = ["대체인력 예산 얼마야?", "그 중 인건비는?", "아니 대체인력 말고 긴급돌봄"]
        for n, question in enumerate(turns, start=1):
            box.fill(question)
            box.press("Enter")
            expect(answers).to_have_count(n)
            expect(dialog.locator(".typing")).to_have_count(0)
        assert "history" not in sent[0]
        assert [t["question"] for t in sent[2]["history"]] == turns[:2]
        assert all(len(t["answer"]) <= 1000 for t in sent[2]["history"])
        expect(answers.nth(1)).to_contain_text("앞의 질문에 이어")
        expect(answers.nth(2)).to_contain_text("긴급돌봄")
        page.screenshot(path=str(ARTIFACTS / "widget-conversation.png"))

        # "새 대화" forgets the turns: the next question goes without history.
        dialog.get_by_role("button", name="새 대화 시작 (앞의 대화를 잊습니다)").click()
        expect(answers).to_have_count(0)
        box.fill("인사위원회는 몇 회 운영하나요?")
        box.press("Enter")
        expect(answers).to_have_count(1)
        assert "history" not in sent[-1]
        expect(answers.first).not_to_contain_text("앞의 질문에 이어")
        assert not problems, problems
        context.close()
