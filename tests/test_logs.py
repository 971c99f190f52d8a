"""Logging set up by the CLI: records go to the stderr of the moment, secrets redacted."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from sosa.logs import configure_logging
from sosa.settings import Settings


@pytest.fixture
def root_restored():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)


def test_a_record_after_stderr_was_closed_goes_to_the_new_stderr(
    monkeypatch: pytest.MonkeyPatch, root_restored: logging.Logger
) -> None:
    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    configure_logging(Settings(), "INFO")
    logging.getLogger("sosa.test").info("첫 기록")
    assert "INFO sosa.test: 첫 기록" in first.getvalue()
    # a background thread logging after the stream it started with was closed
    first.close()
    second = io.StringIO()
    monkeypatch.setattr(sys, "stderr", second)
    logging.getLogger("sosa.test").info("다음 기록")
    assert "INFO sosa.test: 다음 기록" in second.getvalue()
    assert "Logging error" not in second.getvalue()


def test_secrets_are_redacted(
    monkeypatch: pytest.MonkeyPatch, root_restored: logging.Logger
) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stderr", out)
    secret = "abcdefghij0123456789-secret-key"
    configure_logging(Settings(api_keys=f"{secret}:staff"), "INFO")
    logging.getLogger("sosa.test").info("key=%s", secret)
    assert secret not in out.getvalue()
