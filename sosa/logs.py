"""Logging setup for entry points only, with secrets scrubbed from every record."""

from __future__ import annotations

import contextlib
import logging
import re
import sys
from typing import TextIO

from sosa.settings import Settings

# Telegram bot tokens look like 123456:ABC-…; httpx logs request URLs that carry them. No \b in
# front: in a URL path the token follows "bot" directly ("/bot123456:AA…").
_TOKEN_RE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


def scrub(text: str, secrets: list[str]) -> str:
    """`text` with each secret (in any letter case: Telegram lower-cases error descriptions)
    and anything shaped like a bot token replaced by ***."""
    for secret in secrets:
        if secret:
            text = re.sub(re.escape(secret), "***", text, flags=re.IGNORECASE)
    return _TOKEN_RE.sub("***", text)


_FORMATTER = logging.Formatter()


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def _scrub(self, text: str) -> str:
        return scrub(text, self.secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        clean = self._scrub(msg)
        if clean != msg:
            record.msg, record.args = clean, None
        # Tracebacks carry request URLs (and so the bot token) too: render and scrub them here.
        if record.exc_info:
            record.exc_text = self._scrub(_FORMATTER.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self._scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self._scrub(record.stack_info)
        return True


def _secrets(settings: Settings) -> list[str]:
    out: list[str] = []
    for field in ("telegram_token", "llm_api_key", "telegram_webhook_secret"):
        v = getattr(settings, field)
        if v is not None:
            out.append(v.get_secret_value())
    with contextlib.suppress(ValueError):
        out.extend(settings.parsed_api_keys())
    return out


class CurrentStderr(logging.StreamHandler):
    """Writes each record to sys.stderr as it is when the record is logged, not as it was when
    logging was set up: a thread still running after its caller replaced and closed stderr (a
    test's captured stream) must not fail with "I/O operation on closed file"."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass  # (always the current sys.stderr)


def configure_logging(settings: Settings, level: str | None = None) -> None:
    handler = CurrentStderr()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(_secrets(settings)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel((level or settings.log_level).upper())
    # Request URLs of the Bot API contain the token; keep these quiet on top of redaction.
    for noisy in ("httpx", "httpcore", "telegram.ext", "urllib3", "bm25s", "faiss"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
