"""Contact answers: a project's staff lines, a team's, one person's, or the public lines.

Staff extensions (내선) are for staff viewers; a public viewer asking for one is told so
rather than handed to the passage answerer, which could quote the 담당자 table.
"""

from __future__ import annotations

import re
import secrets

from retrieval.facts.compose import Composer
from retrieval.facts.ranker import Hit
from retrieval.facts.repository import Fact
from retrieval.intent import TEAM
from sosa.korean.text import josa, nospace, token_set
from sosa.models import Answer, ContactRow


def withheld(c: Composer) -> Answer | None:
    """A public viewer asking for a staff member's line: say so rather than defer.

    Deferring would let the passage answerer quote the 담당자 table of a public document.
    """
    subject = c.query.subject
    if c.viewer != "public" or not subject:
        return None
    hits = c.ranker.rank("contact", subject, c.repo.facts_of("contact", "staff"))
    if not hits or not hits[0].good():
        return None
    return _withheld_answer(c, hits[0].fact.row.team, hits[0].fact.row.project, subject)


PUBLIC_LINES_SHOWN = 2


def _public_lines(c: Composer) -> list[Fact]:
    """The contact lines the documents give the public (대표번호, 콜센터), in document order."""
    return [f for f in c.repo.facts_of("contact", "public") if f.audience == "public"]


# Whether a citizen told a staff line is withheld is told the team in charge of the project.
TEAM_SAID = True
# Whether another team's public line offered instead must be named by a word of the question
# ("돌봄 서비스 신청 …": 긴급돌봄 대표번호), not merely share one with its project's name
# (안전점검's "체계적 안전관리" and the care line's "돌봄통합관리를 위한 … 돌봄체계").
NEAR_LINE_NAMED = True


def _names_line(matched: frozenset[str], line: Fact) -> bool:
    """Whether a word matched is a word of the public line's own name."""
    name = nospace(line.row.name or "")
    words = (m.lstrip("#") for m in matched)  # (# marks a bigram of a longer word)
    return any(len(w) > 1 and w in name for w in words)


def _withheld_answer(
    c: Composer,
    team: str | None = None,
    project: str | None = None,
    subject: str | None = None,
) -> Answer:
    """Staff lines withheld from a public viewer, with the public numbers the documents give
    for the same team instead (긴급돌봄's 담당자 -> the team's 콜센터): a citizen still learns
    where to call. Another team's care line is no number for, say, 경영기획팀; but when the
    project's team has none, the public lines sharing a word of the question's `subject`
    ("돌봄 서비스 신청 … 전화번호": 돌봄) are the citizen's way in."""
    withheld = "담당자 연락처(내선번호)는 직원용 정보라 여기서는 안내해 드리기 어려워요. "
    # (the team in charge is no staff detail: the citizen can ask for it at any public line)
    in_charge = (
        f"‘{project}’ 사업은 {team}에서 맡고 있어요. " if TEAM_SAID and team and project else ""
    )
    every = _public_lines(c)
    public = [f for f in every if team and f.row.team == team]
    if not public and subject:
        # (ranked only here: most withheld lines' teams have public lines of their own)
        near = [
            h.fact
            for h in c.ranker.rank("contact", subject, every)
            if h.matched and (not NEAR_LINE_NAMED or _names_line(h.matched, h.fact))
        ]
        if near:
            public, project, team = near, None, None
    lines = list({f.row.phone: f for f in reversed(public)}.values())[::-1]
    lines = lines[:PUBLIC_LINES_SHOWN]
    if not lines:
        return Answer(
            id=secrets.token_hex(6),
            question=c.query.text,
            found=False,
            mode="facts",
            answer=withheld + in_charge + "기관 대표 전화로 문의해 주세요.",
        )
    said = ", ".join(f"{f.row.name} {f.row.phone}" for f in lines)
    refs = [c.ref(f, f.row.name or f.row.role, f.row.phone) for f in lines]
    if not c.query.staff_line and team:
        # "그럼 어디로 연락해요?", "전화번호 알려 주세요" about a project: the citizen asked
        # where to call, not for a staff member's line; the team's public number answers.
        whose = f"‘{project}’ 사업을 맡은 {team}" if project else team
        return c.answer(f"문서에 나온 {whose}의 공개 번호는 {said}입니다.", lines, refs)
    text = f"{withheld}{in_charge}문서에 나온 공개 번호는 {said}입니다."
    return c.answer(text, lines, refs).model_copy(update={"found": False})


# Distinct public numbers an agency-wide "전화번호 알려주세요" is given at most.
AGENCY_LINES_SHOWN = 4


def agency_lines(c: Composer) -> Answer | None:
    """ "사회서비스원 전화번호 알려주세요", "연락처가 어떻게 돼요?": a number asked of the agency
    itself (no project named, no staff member's line): the public lines its documents give,
    each named, one entry a number with every line that shares it. Not "대표번호는?": that asks
    the agency's own main number, which a care line named as such is not."""
    q = c.query
    if q.topic or q.staff_line or q.public_line:
        return None
    by_phone: dict[str, list[Fact]] = {}
    for f in _public_lines(c):
        same = by_phone.setdefault(f.row.phone, [])
        if all(g.row.name != f.row.name for g in same):
            same.append(f)
    if not by_phone:
        return None
    groups = list(by_phone.items())[:AGENCY_LINES_SHOWN]
    said = ", ".join(
        "·".join(f.row.name or f.row.role for f in fs) + f" {phone}" for phone, fs in groups
    )
    shown = [f for _phone, fs in groups for f in fs]
    refs = [c.ref(f, f.row.name or f.row.role, f.row.phone) for f in shown]
    return c.answer(f"문서에 나온 공개 전화번호는 {said}입니다.", shown, refs)


# "담당 팀은?", "어느 팀에서 맡아?": the team a project belongs to, which is no staff detail.
TEAM_ASKED = re.compile(
    rf"담당(?:하는|한)?\s*{TEAM}|맡(?:은|는)\s*{TEAM}|어느\s*{TEAM}|무슨\s*팀"
    r"|어떤\s*팀|어디서\s*(?:담당|맡)|소관"
)


def team_of(c: Composer) -> Answer | None:
    """ "품질관리 컨설팅 담당 팀은?": the team whose part of the plan holds the project the
    question names, cited by the project's own heading."""
    if not TEAM_ASKED.search(c.query.text):
        return None
    subject = TEAM_ASKED.sub(" ", c.query.subject)
    weights = c.repo.weights["contact"]
    # (사업 is what every project is, written in few of their names)
    asked = frozenset(
        t for t in token_set(subject) if t in weights.df and not t.startswith("#") and t != "사업"
    )
    if not asked:
        return None
    # The project named by every word the question says of it ("경영평가" names no project,
    # though 경영 is in one's name): its own name, not its section's text, holds them.
    named = {
        (f.row.team, f.row.project): f
        for f in c.repo.facts_of("contact", "staff")
        if f.row.project and asked <= token_set(f.row.project)
    }
    if len(named) != 1:
        return None  # no project, or two, so named
    fact = next(iter(named.values()))
    row: ContactRow = fact.row
    if not row.team:
        # A project printed under no team's heading: the plan does not say the team; its
        # staff, whose lines it does print, are whom to ask (staff lines are for staff).
        if c.viewer == "public":
            return None
        people = [
            f
            for f in c.repo.facts_of("contact", "staff")
            if f.row.project == row.project and not f.row.team and f.audience == "internal"
        ]
        text = (
            f"문서에는 '{row.project}' 사업을 맡은 팀의 이름이 나와 있지 않습니다. "
            f"이 사업의 {', '.join(_lines(people))}입니다."
        )
        refs = [c.ref(p, f"{p.row.role} {p.row.name}", p.row.phone) for p in people]
        return c.answer(text, people, refs)
    project_section = row.section.split(" › ")
    cut = next((i for i, p in enumerate(project_section) if p == row.project), None)
    section = " › ".join(project_section[: cut + 1]) if cut is not None else row.section
    cite = {"quote": row.project, "page": row.page, "section": section}
    text = f"'{row.project}' 사업은 {josa(row.team or '', '이', '가')} 맡고 있습니다."
    ref = c.ref(fact, f"{row.project} 담당 팀", row.team or "")
    return c.answer(text, [fact], [ref], [c.repo.citation(fact, cite)])


def contact(c: Composer, hits: list[Hit]) -> Answer | None:
    """The best line: a public number, or the staff of the one project the question names."""
    q = c.query
    best = hits[0].fact
    if best.audience == "public" and q.staff_line and c.viewer != "public":
        # "긴급돌봄 담당자는?" from staff: the person, not the public line the subject's
        # words fit best (긴급돌봄 대표번호), when a project's staff line fits at all.
        best = next(
            (h.fact for h in hits if h.fact.audience == "internal" and h.matched & hits[0].matched),
            best,
        )
    row: ContactRow = best.row
    if best.audience == "public":
        # Lines the question fits equally that share the number: name them all.
        lines = [best] + [
            h.fact
            for h in hits[1:]
            if h.fact.audience == "public"
            and h.fact.row.phone == row.phone
            and h.matched == hits[0].matched
            and h.fact.row.name != row.name
        ]
        names = [f.row.name if f.row.name.endswith("번호") else f"{f.row.name} 번호" for f in lines]
        if len(names) > 1:
            said = "".join(josa(n, "과 ", "와 ") for n in names[:-1]) + names[-1]
            text = f"{josa(said, '은', '는')} 모두 {row.phone}입니다."
        else:
            text = f"{josa(names[0], '은', '는')} {row.phone}입니다."
        if c.viewer == "public" and q.staff_line:
            text = "담당자 내선번호는 직원용 정보라 안내해 드리기 어려워요. 대신 " + text
        refs = [c.ref(f, f.row.name or f.row.role, f.row.phone) for f in lines]
        return c.answer(text, lines, refs)
    people = [
        h.fact for h in hits if h.fact.row.project == row.project and h.fact.row.team == row.team
    ]
    text = f"'{row.project}' 사업의 " + ", ".join(_lines(people)) + "입니다."
    return c.answer(
        text, people, [c.ref(p, f"{p.row.role} {p.row.name}", p.row.phone) for p in people]
    )


def _staff_asking(c: Composer) -> frozenset[str] | None:
    """The subject's known words when a staff member asks for staff lines; else None."""
    q = c.query
    if c.viewer == "public" or q.call or q.public_line:
        return None  # a citizen's question, or one naming a public line (대표번호, 콜센터)
    weights = c.repo.weights["contact"]
    known = frozenset(t for t in token_set(q.subject) if t in weights.df)
    return known or None


def team_asked(c: Composer, tie: list[Fact]) -> str | None:
    """The team whose lines are asked for: "종합재가센터 전화번호", "센터장 연락처".

    `tie` are the best lines the question cannot tell apart; when they all belong to one
    team and the question names none of their projects, the team is what was asked.
    """
    known = _staff_asking(c)
    if known is None:
        return None
    staff = [f for f in c.repo.facts_of("contact", c.viewer) if f.audience == "internal"]
    for team in sorted({f.row.team for f in staff if f.row.team}):
        if known <= token_set(team):
            return team
    teams = {f.row.team for f in tie}
    if len(teams) != 1 or any(f.audience != "internal" for f in tie):
        return None
    team = teams.pop()
    if not team or not known & token_set(team):
        return None
    if any((known & token_set(f.row.project or "")) - token_set(team) for f in tie):
        return None
    return team


def person_asked(c: Composer) -> Answer | None:
    """ "정성훈 연락처": one staff member named, whatever the projects they are listed for."""
    q = c.query
    if q.call or q.public_line:
        return None
    flat = nospace(q.subject)
    named = [
        f
        for f in c.repo.facts_of("contact", "staff")
        if f.audience == "internal"
        and len(nospace(f.row.name)) >= 2
        and nospace(f.row.name) in flat
    ]
    if len({(f.row.name, f.row.phone) for f in named}) != 1:
        return None
    if c.viewer == "public":
        return _withheld_answer(c, named[0].row.team)
    person = named[0]
    roles = "·".join(dict.fromkeys(f.row.role for f in named))
    team = f"{person.row.team} " if person.row.team else ""
    text = f"{team}{roles} {person.row.name}의 내선번호는 {person.row.phone}입니다."
    ref = c.ref(person, f"{roles} {person.row.name}", person.row.phone)
    return c.answer(text, [person], [ref])


def team_contacts(c: Composer, team: str) -> Answer | None:
    """A team's head and its staff, one line each, for staff viewers."""
    rows = [
        f
        for f in c.repo.facts_of("contact", c.viewer)
        if f.row.team == team and f.audience == "internal"
    ]
    leads = {(f.row.name, f.row.phone): f for f in rows if f.row.role != "담당자"}
    staff = {(f.row.name, f.row.phone): f for f in rows if f.row.role == "담당자"}
    if not rows:
        return None
    lead_role = next((f.row.role for f in rows if f.row.role != "담당자"), "팀장")
    lead = next(iter(leads.values()), None)
    text = f"{team}"
    if lead is not None:
        text += f" {josa(lead_role, '은', '는')} {lead.row.name}(내선 {lead.row.phone})이고,"
    text += " 사업별 담당자는 " + ", ".join(f"{n}({p})" for n, p in staff) + "입니다."
    facts = ([lead] if lead else []) + list(staff.values())
    return c.answer(
        text, facts, [c.ref(f, f"{f.row.role} {f.row.name}", f.row.phone) for f in facts]
    )


def _lines(people: list[Fact]) -> list[str]:
    """ "담당자는 권석주(내선 4055)", one entry a person: "담당자·센터장은 양은영(내선 2911)"."""
    roles: dict[tuple[str, str], list[str]] = {}
    for p in sorted(people, key=lambda p: p.row.role != "담당자"):
        roles.setdefault((p.row.name, p.row.phone), [])
        if p.row.role not in roles[(p.row.name, p.row.phone)]:
            roles[(p.row.name, p.row.phone)].append(p.row.role)
    return [
        f"{josa('·'.join(rs), '은', '는')} {name}(내선 {phone})"
        for (name, phone), rs in roles.items()
    ]
