"""What a kind's profile says of its labelled lines (retrieval/profiles/lines.py reads them),
and of how its readers ask about it (retrieval/profiles/asks.py reads that)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    """Regular-expression alternatives for each role a labelled line can play."""

    defining: tuple[str, ...] = ()  # a line saying what a thing is (at its start)
    overview: tuple[str, ...] = ()  # the same label anywhere in a passage
    target: tuple[str, ...] = ()  # a line stating who a service is for
    receiving: tuple[str, ...] = ()  # besides target lines: what recipients get
    background: tuple[str, ...] = ()  # a section name: why it is done
    issues: tuple[str, ...] = ()  # a section name: its problems and remedies
    staff_row: tuple[str, ...] = ()  # a contact row: names and extensions only


@dataclass(frozen=True)
class Asks:
    """Regular-expression alternatives for the ways a kind's readers ask about it."""

    # a finding asked whole, before any shorter reason word ("지적사항은?": not 지적 + 사항)
    findings: tuple[str, ...] = ()
    reason: tuple[str, ...] = ()  # what was found lacking, asked ("왜 깎였어", "아쉬운 점")
    praise: tuple[str, ...] = ()  # what was praised, asked ("강점은?", "좋게 본 점")
    # a result of the kind that is a success, asked why of ("왜 S등급 받았어?"): its reason is
    # what was praised, not what was found lacking
    success: tuple[str, ...] = ()
    # nouns naming those whose words are asked for ("평가위원 의견은?"): no subject
    judges: tuple[str, ...] = ()
    # nouns asking a part of the subject before's result ("가점은 받았어?"): no subject
    attributes: tuple[str, ...] = ()
