"""Cut the made-up 2024 plan's source text from the 2023 plan's (tests/data/source-text): its
title page, 성과계약 목표 table and five projects of 경영기획팀 and 시설지원팀, with a few figures
changed and every sum kept consistent. Then render_plan.py prints it.

    python tests/data/second-year/excerpt_plan.py

Used once to make jb-2024-annual-business-plan.txt; the tests read the rendered PDF.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

src = (
    Path(HERE.parent / "source-text" / "jb-2023-annual-business-plan.txt")
    .read_text(encoding="utf-8")
    .split("\n")
)


def lines(a, b):
    return src[a - 1 : b]


def titled(no, title, part):
    return [str(no), "", title, "", *part]


out = []
out += lines(1, 12)
out += [""] + lines(102, 122) + ["", ""]
out += lines(174, 209)
out += titled(5, "신뢰의 미래지향적 노사관계 정립", lines(528, 580))
out += titled(18, "안정적인 회의체계 마련", lines(1288, 1349))
out += lines(1412, 1531)
out += titled(11, "체계적인 업무지원을 통한 소속시설의 효율성 확보", lines(2252, 2318))
out += titled(12, "인력 공백에 대한 대체인력 파견", lines(2319, 2377))
text = "\n".join(out) + "\n"


def sub(old, new, count=1):
    global text
    n = text.count(old)
    assert n == count, (old, n)
    text = text.replace(old, new)


sub("2023년 전라북도사회서비스원 연간수정사업계획서", "2024년 전라북도사회서비스원 연간사업계획서")
sub("2023. 10.", "2024. 1.")
sub("2023년 성과계약 목표", "2024년 성과계약 목표")
sub("\t\t2023년\t비고", "\t\t2024년\t비고")
sub("2023년 경영계획", "2024년 경영계획")
sub("2023. 1 ~ 12월", "2024. 1 ~ 12월", 5)
sub("세부추진사항\t2023년도", "세부추진사항\t2024년도", 2)
sub("세부추진사항\t2023\t", "세부추진사항\t2024\t", 2)
sub("세부추진사항\t2022\t", "세부추진사항\t2024\t")
# 성과계약: three goals raised
sub(
    "수탁기관 운영 활성화 지원\t지원사업 횟수\t56회",
    "수탁기관 운영 활성화 지원\t지원사업 횟수\t60회",
)
sub("교육실시 횟수\t50회", "교육실시 횟수\t55회")
sub("운영 건수\t70건", "운영 건수\t75건")
sub("수탁건수\t3개소", "수탁건수\t2개소")  # one goal lowered
# 회의체계: one more 인사위원회 meeting (3,300 = 2,300 + 1,000; 13,600 = 12,600 + 1,000)
sub("인사위원회 운영(5회)", "인사위원회 운영(6회)")
sub("인사위원회 참석수당 100천원×5~6명×4회\t2,300", "인사위원회 참석수당 100천원×5~6명×5회\t3,300")
sub("(소요예산) 12,600천원", "(소요예산) 13,600천원")
# 조직진단: 28 = 18 대면 + 10 비대면
sub("'23년 24회 추진('23년 수탁", "'24년 28회 추진('24년 수탁")
sub("대면 모니터링 진행 16회 진행", "대면 모니터링 진행 18회 진행")
sub("비대면 모니터링 진행 8회 진행", "비대면 모니터링 진행 10회 진행")
sub("'23년 수정사업계획 및 '24년 사업계획", "'24년 수정사업계획 및 '25년 사업계획")
sub("(소요예산) 800천원", "(소요예산) 1,000천원")
sub(
    "소속시설 경영혁신 여비 25천원×8회×4명\t800천원",
    "소속시설 경영혁신 여비 25천원×10회×4명\t1,000천원",
)
# 대체인력: 1,600건; 540,000천원 = 510,000 + 30,000, now with its 세목 table
sub("대체인력 파견실적 총 1,500건", "대체인력 파견실적 총 1,600건")
sub(
    "- (소요예산) 503,000천원(특별회계)\n",
    "- (소요예산) 540,000천원(특별회계)\n\n(단위: 천원)\n\n세목\t항목\t산출내역\t금액\n"
    "인건비\t보수\t대체인력 인건비 2,500천원×12개월×17명\t510,000천원\n"
    "일반운영비\t사무관리비\t대체인력 교육 및 간담회 운영비 2,500천원×12회\t30,000천원\n\n",
)
assert "2023" not in text.replace("'23", ""), [s for s in text.split("\n") if "2023" in s]
(HERE / "jb-2024-annual-business-plan.txt").write_text(text, encoding="utf-8")
