"""API keys: `Authorization: Bearer <key>` maps to a role; keys are compared in constant time."""

from __future__ import annotations

import hashlib
import hmac

from sosa.models import Viewer
from sosa.settings import Role


def _digest(value: str) -> bytes:
    # Equal-length digests keep compare_digest from leaking the key's length.
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest()


class KeyRing:
    """The configured keys, held as digests; the plain keys are not kept or logged."""

    def __init__(self, keys: dict[str, Role]) -> None:
        self._entries = [(_digest(k), role) for k, role in keys.items()]

    def __bool__(self) -> bool:
        return bool(self._entries)

    def role_for(self, presented: str) -> Viewer | None:
        """The role of `presented`, or None. Checks every key, so timing does not tell which
        key (or how much of one) matched."""
        probe = _digest(presented)
        found: Viewer | None = None
        for digest, role in self._entries:
            if hmac.compare_digest(probe, digest):
                found = role
        return found
