"""`sosa bot` as a real subprocess against the stand-in Bot API server, over the real index.

The data dir is the session's ingested corpus (`settings_factory` from tests/conftest.py).

Asserts the token is used (the stub sees it in request paths) yet printed nowhere: not at
DEBUG, and not when Telegram rejects it (python-telegram-bot puts it in that exception's text).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from sosa.settings import Settings
from tests.bot.constants import OTHER_ID, PLAN_TITLE, STAFF_ID, TOKEN
from tests.bot.records import answers_since, mark
from tests.support.telegram_stub import TelegramStub

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SOSA = ROOT / ".venv" / "bin" / "sosa"


def _sosa_command() -> list[str]:
    # The console script once `pip install -e .` ran (make setup); the module otherwise.
    return [str(SOSA)] if SOSA.exists() else [sys.executable, "-m", "sosa.cli"]


def _env(stub: TelegramStub | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOSA_")}
    env.update({"PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)})
    if stub is not None:
        env.update(
            {
                "SOSA_TELEGRAM_TOKEN": TOKEN,
                "SOSA_TELEGRAM_API_URL": stub.base_url,
                "SOSA_TELEGRAM_ALLOWED_USERS": str(STAFF_ID),
            }
        )
    env.update(extra)
    return env


def _settings_env(settings: Settings) -> dict[str, str]:
    """SOSA_* variables reproducing `settings` (data dir, embedding model …) in a subprocess."""
    out: dict[str, str] = {}
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if value is None or name.startswith("telegram_"):  # the test sets the bot's own
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, Path):
            value = value.resolve()
        out[f"SOSA_{name.upper()}"] = str(value)
    return out


class Bot:
    """A `sosa bot` subprocess with its output in files (a pipe could fill up at DEBUG)."""

    def __init__(self, command: list[str], env: dict[str, str], tmp_path: Path) -> None:
        self.out_path = tmp_path / "bot.stdout"
        self.err_path = tmp_path / "bot.stderr"
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=err)

    def stop(self, timeout: float = 20) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
                pytest.fail(f"sosa bot did not stop on SIGTERM:\n{self.output()}")
        return self.proc.returncode

    def output(self) -> str:
        return self.out_path.read_text(errors="replace") + self.err_path.read_text(errors="replace")


def _assert_no_token(output: str) -> None:
    secret_part = TOKEN.split(":", 1)[1]
    assert TOKEN not in output
    assert secret_part not in output, "the secret half of the token was printed"


def _converse(stub: TelegramStub, bot: Bot, user_id: int, question: str, timeout: float) -> Any:
    since = stub.mark()
    stub.push_message(user_id, question)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            [reply] = stub.wait_for("sendMessage", since=since, timeout=0.5)
            return reply
        except TimeoutError:
            if bot.proc.poll() is not None:  # died (e.g. no index): no point waiting
                break
    pytest.fail(
        f"no reply from sosa bot (exit code {bot.proc.poll()}); its output:\n{bot.output()}"
    )


def test_missing_token_exits_with_a_korean_message(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*_sosa_command(), "bot"],
        env=_env(None, SOSA_DATA_DIR=str(tmp_path)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 7, proc.stderr
    assert "SOSA_TELEGRAM_TOKEN" in proc.stderr and "토큰" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_sosa_bot_answers_from_the_index_and_never_prints_the_token(
    settings_factory: Any, tmp_path: Path
) -> None:
    """The real `sosa bot` over the ingested corpus, logging at DEBUG."""
    settings = settings_factory()
    since_answers = mark(settings.feedback_db)
    with TelegramStub(valid_token=TOKEN) as stub:
        env = _env(stub, **_settings_env(settings))
        bot = Bot([*_sosa_command(), "--log-level", "DEBUG", "bot"], env, tmp_path)
        try:
            reply = _converse(stub, bot, STAFF_ID, "대체인력 파견 목표는 몇 건이야?", timeout=180)
            assert "1,500건" in reply.visible_text
            assert PLAN_TITLE in reply.visible_text
            polite = _converse(stub, bot, OTHER_ID, "가" * 5000, timeout=20)
            assert "1,000자" in polite.visible_text
            reply = _converse(stub, bot, OTHER_ID, "/score 리더십", timeout=20)
            assert "12.75점" in reply.visible_text
        finally:
            code = bot.stop()
        output = bot.output()
    assert code == 0, output
    assert stub.tokens_seen == {TOKEN}
    assert " DEBUG " in output
    _assert_no_token(output)
    rows = answers_since(settings.feedback_db, since_answers)
    assert [(r.question, r.channel) for r in rows] == [
        ("대체인력 파견 목표는 몇 건이야?", "telegram"),
        ("리더십", "telegram"),
    ]


def test_rejected_token_fails_cleanly_without_printing_it(
    settings_factory: Any, tmp_path: Path
) -> None:
    env_settings = _settings_env(settings_factory())
    with TelegramStub(valid_token="999999999:AAHsomeOtherTokenThatIsValid_xyz") as stub:
        proc = subprocess.run(
            [*_sosa_command(), "bot"],
            env=_env(stub, **env_settings),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
        )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 7, output
    assert "토큰을 거부했습니다" in proc.stderr
    assert stub.tokens_seen == {TOKEN}
    _assert_no_token(output)
