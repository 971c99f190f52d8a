"""What a document-kind profile is: heading rules, an outline hook, a fact extractor.

Nothing here knows any kind; each kind's folder builds its own `Profile`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.blocks import Block
from ingest.profiles.records import FactRecord
from sosa.models import DocumentInfo

_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")


def clean(text: str) -> str:
    return _BOLD_RE.sub(r"\1", text).strip()


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    rank: int
    group: int = 1


def heading(text: str, rules: tuple[Rule, ...]) -> tuple[int, str] | None:
    """(rank, name) when the line is a heading by these rules; sentences never are."""
    text = clean(text)
    if len(text) > 60 or text.endswith(("다.", "함", "음", "임")) and len(text) > 30:
        return None
    for rule in rules:
        m = rule.pattern.match(text)
        if m:
            return rule.rank, m.group(rule.group).strip()
    return None


@dataclass
class Outline:
    """What a kind knows about its structure beyond heading marks.

    anchors: block index -> the breadcrumb below the root from that block on (a plan's team
    heading, a project whose title line is missing); plain: lines that are never headings.
    """

    anchors: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    plain: set[int] = field(default_factory=set)


Extractor = Callable[[DocumentInfo, list[Block], list[str], dict], list[FactRecord]]


def _no_outline(_blocks: list[Block]) -> Outline:
    return Outline()


def _no_context(_section: str) -> tuple[str | None, str | None]:
    return None, None


@dataclass(frozen=True)
class Profile:
    kind: str
    rules: tuple[Rule, ...]
    extract: Extractor
    outline: Callable[[list[Block]], Outline] = _no_outline
    # (team, project) a breadcrumb names: where a public phone number belongs.
    context: Callable[[str], tuple[str | None, str | None]] = _no_context
