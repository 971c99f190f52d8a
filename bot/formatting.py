"""Reply composition for Telegram's HTML parse mode: escaping, sources, splitting.

Everything that reaches Telegram as HTML is built here, so escaping happens in one place.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from sosa.models import Answer, Chunk, Citation, FactRef

# Telegram rejects texts longer than 4,096 characters (counted after entity parsing, in UTF-16
# code units). Parts are cut well below that so closing/reopened tags and emoji never push a
# part over the edge.
TELEGRAM_LIMIT = 4096
PART_LIMIT = 3900

MAX_QUESTION_CHARS = 1000
MAX_SOURCES = 5


def escape(text: str) -> str:
    """Escape user or document text for HTML parse mode.

    Only <, > and & matter in text; quotes stay as typed (they would need escaping only inside
    attribute values, which never hold user or document text here).
    """
    return html.escape(text, quote=False)


def _page(page: int | None) -> str:
    return f"{page}쪽" if page else ""


def source_line(title: str, page: int | None, section: str) -> str:
    """'문서 제목 · 12쪽 · 섹션', escaped; empty parts are left out."""
    parts = [p.strip() for p in (title, _page(page), section) if p and p.strip()]
    return escape(" · ".join(parts))


def _sources(citations: Iterable[Citation], facts: Iterable[FactRef]) -> list[str]:
    lines: list[str] = []
    for c in citations:
        line = source_line(c.title, c.page, c.section)
        if line and line not in lines:
            lines.append(line)
    if not lines:
        # Fact answers may come without passages; their rows still carry document/page/section.
        for f in facts:
            line = source_line(f.document, f.page, f.section)
            if line and line not in lines:
                lines.append(line)
    return lines[:MAX_SOURCES]


def compose_answer(answer: Answer) -> str:
    """The answer as written by the service, then its sources (title · page · section)."""
    body = escape(answer.answer.strip()) or escape("답변을 찾지 못했습니다.")
    sources = _sources(answer.citations, answer.facts) if answer.found else []
    if not sources:
        return body
    listed = "\n".join(f"• {line}" for line in sources)
    return f"{body}\n\n<b>출처</b>\n{listed}"


def compose_evidence(chunk: Chunk) -> str:
    """A cited passage for the '근거 보기' button."""
    head = source_line(chunk.title, chunk.page, chunk.section)
    return f"<b>근거</b> {head}\n<blockquote>{escape(chunk.text.strip())}</blockquote>"


# --- splitting ---------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"<[^>]*>|&#?\w+;|.", re.DOTALL)
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][\w-]*)")


def _width(token: str) -> int:
    """Visible length of one token in UTF-16 code units, as Telegram counts it."""
    if token.startswith("<"):
        return 0
    if token.startswith("&"):
        return 1
    return 2 if ord(token) > 0xFFFF else 1


def _tag_name(token: str) -> tuple[bool, str] | None:
    """(is_closing, name) for a tag token, None for text and entities."""
    m = _TAG_RE.match(token)
    return (bool(m.group(1)), m.group(2).lower()) if m else None


def split_html(text: str, limit: int = PART_LIMIT) -> list[str]:
    """Split HTML into parts of at most `limit` visible characters.

    Cuts prefer a line break, then a space, then anywhere; tags open at a cut are closed at the
    end of one part and reopened at the start of the next, and entities are never cut in half.
    """
    parts: list[str] = []
    buf: list[str] = []
    prefix = 0  # tags reopened at the start of buf; cutting before them would be empty
    width = 0
    stack: list[str] = []  # open tags as written, e.g. '<a href="…">'
    # Break points in buf: (index after the break, visible width there, open tags there).
    newline: tuple[int, int, list[str]] | None = None
    space: tuple[int, int, list[str]] | None = None

    def flush(cut: int, open_tags: list[str]) -> None:
        nonlocal buf, prefix, width, newline, space
        closing = [f"</{_tag_name(t)[1]}>" for t in reversed(open_tags)]  # type: ignore[index]
        part = "".join(buf[:cut] + closing).strip()
        if _visible(part):
            parts.append(part)
        buf = list(open_tags) + buf[cut:]
        prefix = len(open_tags)
        width = sum(_width(t) for t in buf)
        newline = space = None

    for tok in _TOKEN_RE.findall(text):
        w = _width(tok)
        if w and width + w > limit:
            # A line break in the second half of the part reads best; else the latest break.
            candidates = [c for c in (newline, space) if c is not None and c[0] > prefix]
            good = [c for c in candidates if c is newline and c[1] >= limit // 2]
            best = good[0] if good else max(candidates, key=lambda c: c[0], default=None)
            if best is not None:
                flush(best[0], best[2])
            else:
                flush(len(buf), list(stack))
        buf.append(tok)
        width += w
        tag = _tag_name(tok)
        if tag is None:
            if tok == "\n":
                newline = (len(buf), width, list(stack))
            elif tok.isspace():
                space = (len(buf), width, list(stack))
        elif tag[0]:
            for i in range(len(stack) - 1, -1, -1):
                if _tag_name(stack[i])[1] == tag[1]:  # type: ignore[index]
                    del stack[i]
                    break
        else:
            stack.append(tok)
    flush(len(buf), [])
    return parts or [""]


def _visible(part: str) -> str:
    return re.sub(r"<[^>]*>", "", part).strip()


def visible_length(part: str) -> int:
    """Length Telegram counts for an HTML text: tags removed, entities one character."""
    return sum(_width(t) for t in _TOKEN_RE.findall(part))


def plain(text: str) -> str:
    """A fixed Korean sentence, escaped, for replies that carry no markup."""
    return escape(text)
