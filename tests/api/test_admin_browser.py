"""The staff page /admin in real Chromium: key once, upload with progress, retire, the report."""

from __future__ import annotations

import uuid

import pytest

from tests.api.api_helpers import ADMIN_KEY, ARTIFACTS, STAFF_KEY

pytestmark = pytest.mark.slow


def _watch(page) -> list[str]:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            # The refused staff key's 403 is expected; anything else is a fault.
            if m.type == "error" and "status of 403" not in m.text
            else None
        ),
    )
    return problems


def test_admin_page_uploads_and_retires(chromium, library_server, library_env, tmp_path) -> None:
    token = uuid.uuid4().hex[:8]
    doc = tmp_path / "헬스장 안내.txt"
    doc.write_text(
        f"헬스장 이용 안내 {token}\n\n헬스장은 평일 오전 7시부터 오후 9시까지 운영합니다.\n"
        "<b>굵게</b> 같은 표시는 글자 그대로 보여야 합니다.\n",
        encoding="utf-8",
    )
    context = chromium.new_context(locale="ko-KR")
    page = context.new_page()
    problems = _watch(page)
    response = page.goto(library_server.url + "/admin")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]

    # A staff key is refused and forgotten.
    page.get_by_label("관리자 키", exact=True).fill(STAFF_KEY)
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="권한").wait_for()
    assert page.evaluate("sessionStorage.getItem('sosa-admin-key')") is None

    page.get_by_label("관리자 키", exact=True).fill(ADMIN_KEY)
    page.keyboard.press("Enter")
    rows = page.locator("#docs tbody tr")
    rows.filter(has_text="notice.txt").wait_for()
    assert ADMIN_KEY not in page.url
    assert page.evaluate("sessionStorage.getItem('sosa-admin-key')") == ADMIN_KEY

    page.get_by_label("파일", exact=True).set_input_files(str(doc))
    page.get_by_label("제목 (선택)", exact=True).fill(f"<i>헬스장</i> 안내 {token}")
    page.get_by_label("공개 범위", exact=True).select_option("internal")
    page.get_by_label("제목 (선택)", exact=True).press("Enter")  # submit from the keyboard
    page.locator("#job-status").filter(has_text="완료").wait_for(timeout=60_000)
    assert page.locator("#upload-progress").get_attribute("value") == "100"
    new_row = rows.filter(has_text="헬스장 안내.txt")
    new_row.wait_for()
    # Text, not markup: the title's tags show as typed.
    assert f"<i>헬스장</i> 안내 {token}" in new_row.inner_text()
    assert new_row.locator("i").count() == 0
    assert "내부" in new_row.inner_text() and "사용 중" in new_row.inner_text()
    assert (library_env.corpus / "헬스장 안내.txt").exists()
    page.screenshot(path=str(ARTIFACTS / "admin.png"), full_page=True)

    new_row.get_by_role("button", name=f"보관: <i>헬스장</i> 안내 {token}").click()
    page.locator("#job-status").filter(has_text="완료").wait_for(timeout=60_000)
    rows.filter(has_text="헬스장 안내.txt").filter(has_text="보관됨").wait_for()
    assert (library_env.corpus / ".archive" / "헬스장 안내.txt").exists()

    page.get_by_role("button", name="보기").click()
    page.locator("#report").filter(has_text="찾지 못한 질문").wait_for()

    context.close()
    assert problems == []
