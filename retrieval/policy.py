"""The one access policy: which documents a viewer sees and what personal data is withheld.

RetrievalService applies it to everything it returns (search hits, passages, answers,
citations, fact rows), so every route and channel — API, widget, bot — gets the same rules.

Public viewers see public documents only, and never staff contact data: a person's name next to
an extension ("담당자 이경준 4032 · 팀 장 김민지 4030", "담당자 김○○ 4045"), a name or an
extension in a labelled contact cell ("담당자 최수경", "팀 장 4040"), or a mobile number
(010-1234-5678). Public agency lines (1522-0365, 063-230-4030) stay visible: they are numbers
with hyphens, never a bare 3–4 digit extension. Staff, evaluators and admins see everything.
"""

from __future__ import annotations

import re
from typing import TypeVar

from pydantic import BaseModel

from sosa.models import TRUSTED_VIEWERS, Viewer, can_see

M = TypeVar("M", bound=BaseModel)

REDACTED = "[비공개]"

# Contact labels of staff tables: 담당자, 팀 장 (PDF spacing), 센터장, 주무관 …; 대표번호 is public.
_LABEL = (
    r"(?:담\s?당\s?자|담\s?당|팀\s?장|센\s?터\s?장|실\s?무\s?자|주\s?무\s?관|책\s?임\s?자|"
    r"부\s?서\s?장|과\s?장|계\s?장|연\s?락\s?처|내\s?선)"
)
# A person's name: 2–4 syllables, or masked (김○○, 김OO, 김**); not the word 부서, which
# "담당 부서" (a question about a project's team) puts after a label, nor a label itself
# ("담당 연락처" asks for a contact, it names none).
_NAME = rf"(?:[가-힣][○〇●◯OＯ*＊xX]{{1,3}}|(?!(?:부서|{_LABEL})(?![가-힣]))[가-힣]{{2,4}})"
# An extension: 3–4 bare digits, not part of a longer number, a figure or a date.
_EXT = r"(?<![\d\-.,])\(?\d{3,4}\)?(?![\d\-.,%]|\s?[가-힣%])"
_MOBILE = r"(?<!\d)01[016789][-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)"
_CELL_END = r"(?=\s*(?:[·,;|/]|$|\n))"

_MOBILE_RE = re.compile(_MOBILE)
# Name and extension side by side, labelled or masked-name or not: "이경준 4032", "김○○ 4045".
_NAME_EXT_RE = re.compile(rf"(?<![가-힣])(?P<name>{_NAME})\s?(?P<ext>{_EXT})", re.MULTILINE)
# A labelled contact cell holding a name, an extension or both: "담당자 최수경", "팀 장 4040".
_LABELLED_RE = re.compile(
    rf"(?<![가-힣])(?P<label>{_LABEL})\s*[:：]?\s*"
    rf"(?P<value>(?:{_NAME}\s?{_EXT}|{_NAME}|{_EXT}|{_MOBILE})){_CELL_END}",
    re.MULTILINE,
)
# A table row of contact cells only, its header row left on another page: "박지현 4054 · 전미란 4050".
_PAIR = rf"(?<![가-힣]){_NAME}\s?{_EXT}"
_CONTACT_ROW_RE = re.compile(rf"\s*{_PAIR}(?:\s*[·,|/]\s*{_PAIR})+\s*")
_MASKED_RE = re.compile(r"[가-힣][○〇●◯OＯ*＊xX]{1,3}")
_LABEL_RE = re.compile(_LABEL)

# Fields that identify rather than describe; never rewritten.
_KEEP_FIELDS = frozenset({"id", "chunk_id", "document", "kind", "audience", "level", "type"})


def trusted(viewer: Viewer) -> bool:
    """Staff, evaluators and admins: internal documents and contact data are theirs to see."""
    return viewer in TRUSTED_VIEWERS


def visible(viewer: Viewer, audience: str) -> bool:
    """Whether `viewer` may see a document (or row) of `audience`."""
    return can_see(viewer, audience)


def _redact_line(line: str) -> str:
    line = _LABELLED_RE.sub(lambda m: f"{m.group('label')} {REDACTED}", line)
    labelled = _LABEL_RE.search(line) is not None or _CONTACT_ROW_RE.fullmatch(line) is not None

    def pair(m: re.Match[str]) -> str:
        # A bare "word 1234" is often a figure ("금액 600"); a contact only beside a label or
        # with a masked name.
        if labelled or _MASKED_RE.fullmatch(m.group("name")):
            return REDACTED
        return m.group(0)

    return _NAME_EXT_RE.sub(pair, line)


def redact_text(text: str) -> str:
    """`text` with personal contact data replaced by [비공개] (for public viewers)."""
    if not text:
        return text
    text = _MOBILE_RE.sub(REDACTED, text)
    return "\n".join(_redact_line(line) for line in text.split("\n"))


def redact(text: str, viewer: Viewer) -> str:
    """What `viewer` may read of `text`: all of it for trusted viewers, else redacted."""
    return text if trusted(viewer) else redact_text(text)


# What is left of a staff table's line once its names and numbers are withheld.
_LABELS_ONLY = re.compile(r"담당자|팀\s*장|센터장|내선|번호|연락처|[\s·:,()/-]")


def shows_nothing(quote: str, viewer: Viewer) -> bool:
    """Whether `viewer` sees nothing of `quote` but contact labels ("담당자 [비공개] · 팀장
    [비공개]"): such a quote answers nothing for them."""
    if trusted(viewer):
        return False
    shown = redact_text(quote)
    return REDACTED in shown and not _LABELS_ONLY.sub("", shown.replace(REDACTED, ""))


def _redact_value(value: object) -> object:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, BaseModel):
        return _redact_model(value)
    if isinstance(value, list):
        return [_redact_value(v) for v in value]
    return value


def _redact_model(model: M) -> M:
    update: dict[str, object] = {}
    for name in type(model).model_fields:
        if name in _KEEP_FIELDS:
            continue
        old = getattr(model, name)
        new = _redact_value(old)
        if new != old:
            update[name] = new
    return model.model_copy(update=update) if update else model


def redact_model(model: M, viewer: Viewer) -> M:
    """A copy of `model` (hit, chunk, answer, row) with every text field redacted for
    `viewer`, nested models and lists included; the original is left untouched."""
    return model if trusted(viewer) else _redact_model(model)
