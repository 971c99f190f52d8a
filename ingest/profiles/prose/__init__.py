"""Any other document (press release, news, report): generic heading marks, and the scores
and satisfaction figures stated in its sentences."""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.profiles.base import Profile, Rule
from ingest.profiles.prose.scores import prose_records
from ingest.profiles.records import FactRecord
from sosa.models import DocumentInfo

RULES = (
    # Ⅰ … Ⅻ head a public document's chapters ("Ⅵ 선정 절차 및 기준"), above its numbered items.
    Rule(re.compile(r"^[Ⅰ-Ⅻ]\s*\.?\s*(\S.*)$"), 0),
    Rule(re.compile(r"^\d{1,2}\.\s+(.+)$"), 1),
    Rule(re.compile(r"^\d{1,2}\)\s*(.+)$"), 2),
    Rule(re.compile(r"^□\s*(.+)$"), 2),
    Rule(re.compile(r"^○\s*(.+)$"), 3),
)


def extract(
    info: DocumentInfo, blocks: list[Block], sections: list[str], _meta: dict
) -> list[FactRecord]:
    return prose_records(info, blocks, sections)


PROFILE = Profile(kind="document", rules=RULES, extract=extract)
