"""List answers from the section tree, and what a list question is."""

from __future__ import annotations

import pytest

from retrieval import intent, listing
from retrieval.numbers import check_numbers
from retrieval.service import RetrievalService
from sosa.models import Chunk

ROOT = "경영평가 결과 › 정책성과"


def _chunk(i: int, section: str, text: str) -> Chunk:
    return Chunk(
        id=f"doc.pdf#p{i}-0",
        document="doc.pdf",
        title="경영평가",
        section=section,
        page=i,
        ordinal=0,
        text=text,
    )


def _tree() -> list[Chunk]:
    chunks = [_chunk(1, f"{ROOT} › 우수사례", "□ 우수사례")]
    for i, name in enumerate(["고립 예방 대응체계 구축사업", "복지자원 플랫폼 구축"], start=2):
        chunks.append(_chunk(i, f"{ROOT} › 우수사례 › {name}", f"○ {name}\n- 성과가 있음"))
    # The plan's template: the same subsection names under many sections are not items.
    for i, project in enumerate(["사업 가", "사업 나", "사업 다"], start=10):
        for label in ("사업목표", "추진계획"):
            chunks.append(_chunk(i, f"{ROOT} › {project} › {label}", f"- {label} 내용"))
    return chunks


def test_items_under_a_named_heading_are_its_subsections() -> None:
    chunks = _tree()
    tree = listing.outline(chunks)
    terms = [("우수", 3.0), ("사례", 3.0), ("사업", 0.1)]
    found = listing.items_under(chunks[1], terms, tree, 0.3)
    assert found is not None
    heading, items = found
    assert heading == "우수사례"
    assert [i.text for i in items] == ["고립 예방 대응체계 구축사업", "복지자원 플랫폼 구축"]
    assert {i.chunk.id for i in items} == {"doc.pdf#p2-0", "doc.pdf#p3-0"}


def test_template_subsections_are_not_items() -> None:
    chunks = _tree()
    tree = listing.outline(chunks)
    assert {"사업목표", "추진계획"} <= tree.template
    project = next(c for c in chunks if c.section.endswith("사업 가 › 사업목표"))
    assert listing.items_under(project, [("사업", 1.0), ("가", 1.0)], tree, 0.3) is None


def test_the_projects_related_to_a_word_are_those_whose_name_says_it() -> None:
    chunks = _tree()
    tree = listing.outline(chunks)
    # 사업 가, 나, 다 have the template's parts (projects); 우수사례's items do not.
    found = listing.related_projects("사업 관련 사업 다 알려줘", tree)
    assert found is not None
    word, items = found
    assert word == "사업" and [i.text for i in items] == ["사업 가", "사업 나", "사업 다"]
    assert listing.related_projects("플랫폼 관련 사업 뭐 있어?", tree) is None  # not a project
    assert listing.related_projects("사업 가 예산은?", tree) is None  # no relation asked


def test_related_projects_of_the_plan(service: RetrievalService) -> None:
    answer = service.ask("ESG 관련 사업 뭐 있어?", "staff")
    assert answer.found and check_numbers(answer), answer.answer
    assert "‘ESG 관련 사업’에는 세 가지가 있습니다" in answer.answer
    assert "ESG 실무추진단 운영을 통한 환경 관련 실천 동기부여" in answer.answer
    # every word said: ESG 경영 is two of them
    both = service.ask("ESG 경영 관련 사업 다 알려줘", "staff")
    assert "두 가지" in both.answer and "실무추진단" not in both.answer, both.answer


def test_count_words_add_no_figures() -> None:
    assert listing.count_word(3) == "세 가지"
    assert listing.count_word(12) == "열두 가지"
    assert listing.count_word(25) == "여러 가지"


def test_a_plural_ask_is_a_list_even_with_a_figure_word() -> None:
    assert intent.classify("사상구에서 목표예산을 바꾼 사업들은 뭐야?") == "list"
    assert intent.classify("사업들 예산은 각각 얼마야?") == "figure"
    assert intent.holds("list", "탄력근무제, 가족돌봄휴가, 가족의 날 등 제도 운영")
    assert not intent.holds("list", "가족 친화 제도에 대한 홍보 및 교육")


def test_a_name_answers_who_only_with_the_names_the_question_gives() -> None:
    from retrieval.answer import _holds

    q = "1970년 당시 서울 시장은 누구인가?"
    assert _holds("person", "1970년 4월 당시 서울시장이었던 김현옥 시장이 물러났다.", q)
    assert not _holds(
        "person", "1970년 4월 부산에서 큰 사고가 났다.", "경상남도는 누구를 지원했나?"
    )


def test_a_list_cut_across_passages_is_gathered_from_its_section() -> None:
    from retrieval.answer import compose
    from retrieval.search import Scored

    section = "연간계획 › 가족친화 직장문화 조성 › 실행방안"
    first = _chunk(1, section, "□ 실행방안\n- 가족돌봄휴가 제도 운영\n- 탄력근무제 제도 도입")
    # The same section's list goes on in the next passage; another section's is not it.
    rest = _chunk(2, section, "- 가족의 날 제도 운영\n- 직원 동호회 지원")
    other = _chunk(3, "연간계획 › 다른 사업 › 실행방안", "- 가족사랑 제도 운영 회의")
    chunks = [first, rest, other]
    a = compose(
        "가족친화 직장문화를 위해 운영하는 제도들은 뭐야?",
        [Scored(first, 1.0, 1.0, 0.9)],
        chunks=chunks,
    )
    assert a.found
    quotes = [c.quote for c in a.citations]
    assert "가족의 날 제도 운영" in quotes
    assert next(c for c in a.citations if c.quote == "가족의 날 제도 운영").page == 2
    assert "직원 동호회 지원" not in quotes  # says nothing the question asks
    assert "가족사랑 제도 운영 회의" not in quotes


def test_a_list_of_the_section_the_question_names(service: RetrievalService) -> None:
    """ "종합재가센터 사업 뭐뭐 있어?": the team's projects, its section's subsections, each
    cited; a list longer than shown says so."""
    team = service.ask("종합재가센터 사업 뭐뭐 있어?", "staff")
    assert team.found and team.answer.startswith("‘종합재가센터’에는 여섯 가지가 있습니다")
    assert "지역간 격차 해소를 위한 농촌형 돌봄 강화" in team.answer
    assert all("종합재가센터" in c.section for c in team.citations)
    longer = service.ask("시설지원팀 사업들은 뭐야?", "staff")
    assert longer.found and "여덟 가지보다 많은 항목" in longer.answer
    assert len(longer.citations) == 8


def test_a_question_naming_only_a_section_gets_its_list(service: RetrievalService) -> None:
    """ "종합재가센터에서 하는 사업이 뭐예요?" is not worded as a list, but names nothing besides
    the section: its projects answer. "종합재가센터 목적은?" asks something of it: no list."""
    team = service.ask("종합재가센터에서 하는 사업이 뭐예요?", "staff")
    assert team.found and team.answer.startswith("‘종합재가센터’에는 여섯 가지가 있습니다")
    purpose = service.ask("종합재가센터 센터장은 누구야?", "staff")
    assert "여섯 가지" not in purpose.answer


@pytest.mark.parametrize(
    "question",
    [
        "사회서비스원에서 어떤 사업들 해요?",
        "전북사회서비스원 주요 사업이 뭐예요?",
        # what it does, with no word for its work: the work of a body is its 사업 (they had
        # quoted a release's 성과대회 lines and the plan's 쟁점 on publicity)
        "사회서비스원이 뭐 하는 곳이에요?",
        "사회서비스원은 무슨 일 해요?",
    ],
)
def test_what_the_agency_does_is_the_parts_of_its_plan(
    service: RetrievalService, question: str
) -> None:
    # Nothing named but the agency and 사업 (the plan's title says 사업계획서): the plan's
    # parts that hold projects, each to be asked about by name.
    a = service.ask(question, viewer="public")
    assert a.found and a.answer.startswith("‘2023년 연간수정사업계획서’에는"), a.answer
    assert "종합재가센터" in a.answer and "경영기획팀" in a.answer
    assert check_numbers(a)
    # A question naming something the title does not say is not an overview.
    other = service.ask("사회서비스원 사업 기간은 어떻게 돼요?", viewer="public")
    assert not other.answer.startswith("‘2023년 연간수정사업계획서’에는"), other.answer
    # Nor is what a named part does: its own projects.
    part = service.ask("종합재가센터는 뭐 하는 곳이에요?", viewer="public")
    assert part.found and part.answer.startswith("‘종합재가센터’에는"), part.answer


def test_a_heading_with_a_year_lists_its_items_with_the_heading_quoted(
    service: RetrievalService,
) -> None:
    a = service.ask("2023년 성과계약 목표 뭐뭐 있어?", viewer="public")
    assert a.found and a.answer.startswith("‘2023년 성과계약 목표’에는"), a.answer
    assert check_numbers(a)  # 2023 is the heading's, quoted as written


def test_a_passages_heading_line_is_no_item_of_its_list(service: RetrievalService) -> None:
    # "□ 사업개요" heads the passage the list is read from; it names the list, it is none of it
    answer = service.ask("가족친화 제도 뭐 있어?", "public")
    assert answer.found and "탄력근무제" in answer.answer, answer.answer
    assert "“사업개요”" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "경영기획팀 담당 사업은 뭐가 있어?",
        "경영기획팀이 맡은 사업 뭐야?",
        "경영기획팀 담당 사업 알려줘",
    ],
)
def test_a_teams_projects_asked_with_담당_or_맡은(service: RetrievalService, question: str) -> None:
    # 담당 and 맡다 relate the team to its work: the team's projects, not its staff lines
    answer = service.ask(question, "staff")
    assert answer.found and answer.answer.startswith("‘경영기획팀’에는"), answer.answer
    assert "내선" not in answer.answer


@pytest.mark.parametrize(
    ("question", "team"),
    [
        ("종합재가센터는 어떤 일을 해요?", "종합재가센터"),
        ("경영기획팀은 무슨 일을 하나요?", "경영기획팀"),
        ("시설지원팀은 어떤 일 해?", "시설지원팀"),
    ],
)
def test_what_a_team_does_is_its_projects(
    service: RetrievalService, question: str, team: str
) -> None:
    # "무슨 일을 하나요?" asks what it does (no yes/no for its 하나요): its work, listed
    assert intent.classify(question) == "list"
    answer = service.ask(question, "public")
    assert answer.found and answer.answer.startswith(f"‘{team}’에는"), answer.answer


def test_how_many_of_a_sections_items_is_counted_in_words(service: RetrievalService) -> None:
    # "시설지원팀 사업 몇 개야?": its twelve project headings, counted (no project's own count
    # of 3개소), the first ones named.
    answer = service.ask("시설지원팀 사업 몇 개야?", viewer="staff")
    assert answer.found and "열두 가지" in answer.answer, answer.answer
    assert "3개소" not in answer.answer and check_numbers(answer)
    assert "앞의 여덟 가지" in answer.answer


def test_what_kind_of_place_a_body_is_asks_its_work(service: RetrievalService) -> None:
    """ "사회서비스원은 어떤 곳이에요?" quoted a press release's 성과대회 line: what kind of
    body it is, asked, is what it does (its plan's parts), as "뭐 하는 곳이에요?" is."""
    answer = service.ask("사회서비스원은 어떤 곳이에요?", "public")
    assert answer.found and "종합재가센터" in answer.answer, answer.answer
    assert "성과대회" not in answer.answer, answer.answer
