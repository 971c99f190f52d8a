"""Measurement answers: the report's small tables (기준치, 실적, 이행률) and figures stated in
news text (만족도)."""

from __future__ import annotations

import re

from retrieval.facts.compose import Composer
from retrieval.facts.repository import Fact
from sosa.korean.text import josa
from sosa.models import Answer, MeasurementRow


def measurement(c: Composer, f: Fact) -> Answer | None:
    row: MeasurementRow = f.row
    who = f"{f.agency}의 " if f.origin == "prose" and f.agency else ""
    parts = row.field.split(" › ")
    field_name = f"{parts[-1]} {parts[0]}" if re.fullmatch(r"\d{4}년", parts[-1]) else parts[-1]
    subject = f"{who}{row.indicator}" + (f"의 {field_name}" if field_name != "점수" else "")
    text = josa(subject, "은", "는") + f" {row.value}입니다."
    return c.answer(text, [f], [c.ref(f, f"{row.indicator} {row.field}", row.value)])
