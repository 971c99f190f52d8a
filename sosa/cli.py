"""The `sosa` command: ingest, chunks, ask, serve, bot, eval.

Domain errors become one Korean line on stderr and a non-zero exit code here, and only here.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from pathlib import Path

from sosa.errors import SosaError
from sosa.logs import configure_logging
from sosa.settings import Settings, get_settings


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.pipeline import run_ingest

    paths = [Path(p) for p in (args.paths or [str(settings.corpus_dir)])]
    report = run_ingest(paths, settings, progress=not args.quiet, force=args.force)
    _out(report.summary())
    for failure in report.failures:
        sys.stderr.write(f"오류: {failure.path}: {failure.reason}\n")
    return 1 if report.failures else 0


def cmd_chunks(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.store import open_current_store

    store = open_current_store(settings)
    for chunk in store.iter_chunks(document=args.document):
        row = {
            "id": chunk.id,
            "document": chunk.document,
            "title": chunk.title,
            "section": chunk.section,
            "page": chunk.page,
            "text": chunk.text,
        }
        if args.json:
            _out(json.dumps(row, ensure_ascii=False))
        else:
            _out(f"[{chunk.id}] {chunk.section} (p.{chunk.page})\n{chunk.text}\n")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.service import RetrievalService

    service = RetrievalService.load(settings, record=False)  # never into production feedback
    answer = service.ask(args.question, viewer=args.role)
    if args.json:
        _out(answer.model_dump_json(indent=2))
        return 0
    _out(answer.answer)
    for c in answer.citations:
        page = f" · {c.page}쪽" if c.page else ""
        _out(f"  - 출처: {c.title}{page} · {c.section}")
    return 0 if answer.found else 1


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from sosa.serve import serve

    serve(
        settings,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.workers,
    )
    return 0


def cmd_bot(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import run_polling

    run_polling(settings)
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.evaluate import evaluate_files

    report = evaluate_files([Path(f) for f in args.files], settings, viewer=args.role)
    if args.json:
        _out(json.dumps(report.as_dict(show_test=args.show_test), ensure_ascii=False, indent=2))
    else:
        _out(report.render(show_test=args.show_test))
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.feedback import FeedbackStore
    from retrieval.report import parse_since, summarize, write_report

    try:
        since = parse_since(args.since)
    except ValueError as exc:
        sys.stderr.write(f"오류: {exc}\n")
        return 2
    summary = summarize(FeedbackStore(settings.feedback_db), since)
    for path in write_report(summary, Path(args.out)):
        _out(str(path))
    _out(
        f"질문 {summary['questions']}건, 찾지 못함 {summary['not_found']}건, 👎 {summary['unhelpful']}건"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    # No prefix matching: "--show" must not silently become "--show-test" and print the
    # test half's misses.
    p = argparse.ArgumentParser(
        prog="sosa", description="전북특별자치도사회서비스원 문서 질의응답", allow_abbrev=False
    )
    p.add_argument("--data-dir", help="색인과 데이터베이스 폴더 (SOSA_DATA_DIR)")
    p.add_argument("--log-level", help="DEBUG, INFO, WARNING …")
    sub = p.add_subparsers(dest="command", required=True)
    command = partial(sub.add_parser, allow_abbrev=False)

    s = command("ingest", help="문서를 색인합니다")
    s.add_argument("paths", nargs="*", help="파일 또는 폴더 (기본: corpus/)")
    s.add_argument("--quiet", action="store_true", help="진행 표시줄 없이")
    s.add_argument("--force", action="store_true", help="바뀌지 않은 파일도 다시 처리")
    s.set_defaults(func=cmd_ingest)

    s = command("chunks", help="색인된 청크를 출력합니다")
    s.add_argument("--document", help="문서 경로 (예: jb-2023-annual-business-plan.pdf)")
    s.add_argument("--json", action="store_true", help="한 줄에 JSON 객체 하나")
    s.set_defaults(func=cmd_chunks)

    s = command("ask", help="질문에 답합니다")
    s.add_argument("question")
    s.add_argument("--json", action="store_true")
    s.add_argument("--role", choices=["public", "staff", "evaluator"], default="staff")
    s.set_defaults(func=cmd_ask)

    s = command("serve", help="API와 웹 위젯을 띄웁니다")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument(
        "--workers",
        type=int,
        help="답하는 프로세스 수 (SOSA_WORKERS; 2 이상이면 Redis 한도 저장소)",
    )
    s.set_defaults(func=cmd_serve)

    s = command("bot", help="텔레그램 봇을 실행합니다 (long polling)")
    s.set_defaults(func=cmd_bot)

    s = command("eval", help="질문 세트로 정확도와 지연을 측정합니다")
    s.add_argument("files", nargs="*", default=["eval/dev_qa.jsonl"], metavar="FILE")
    s.add_argument("--json", action="store_true")
    s.add_argument("--role", choices=["public", "staff", "evaluator"], help="모든 질문을 이 역할로")
    s.add_argument("--show-test", action="store_true", help="시험용 절반의 틀린 질문도 보입니다")
    s.set_defaults(func=cmd_eval)

    s = command("report", help="답하지 못한 질문 보고서(HTML·CSV)를 만듭니다")
    s.add_argument("--since", default="30d", help="기간: 30d, 12h, 2w 또는 2026-11-01")
    s.add_argument("--out", default="report", help="보고서를 쓸 폴더")
    s.set_defaults(func=cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = get_settings()
        if args.data_dir:
            settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    except ValueError as exc:  # pydantic ValidationError is a ValueError
        sys.stderr.write(f"설정 오류: {exc}\n")
        return 7
    configure_logging(settings, args.log_level)
    try:
        return int(args.func(args, settings) or 0)
    except SosaError as exc:
        sys.stderr.write(f"오류: {exc.message}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("중단했습니다.\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
