"""Render a business-plan source text (tests/data/source-text format: tab-separated table rows)
to a PDF laid out like corpus/jb-2023-annual-business-plan.pdf: A4, Nanum Gothic, every line a
paragraph, "□ …" and "< 사업목표 >" in bold, ruled tables with a grey first row, the plan's
title as running head and "- n -" page numbers. Headless Chromium prints the HTML.

    python tests/data/second-year/render_plan.py SOURCE.txt OUT.pdf "running head"

Used once to make jb-2024-annual-business-plan.pdf from jb-2024-annual-business-plan.txt (an
excerpt of the 2023 plan's source text with figures changed); the tests read the PDF.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from render import CSS, print_pdf  # the evaluation report's page, fonts and table style

# The plan prints its bold headings at body size, and indents its "- …" lines (16pt: no line
# then ends flush right just before a project number, which the loader would read as wrapped).
PLAN_CSS = """
h3 { font-size: 10pt; margin: 8pt 0 3pt; }
p.dash { margin-left: 16pt; }
"""


def _cells(line: str) -> list[str]:
    return [html.escape(c.strip()) for c in line.split("\t")]


def to_html(text: str, head: str) -> str:
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if not table:
            return
        width = max(len(r) for r in table)
        out.append("<table>")
        for n, cells in enumerate(table):
            tag = "th" if n == 0 else "td"
            cells = cells + [""] * (width - len(cells))
            out.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
        out.append("</table>")
        table.clear()

    for line in text.splitlines():
        line = line.replace("**", "")
        if "\t" in line:
            table.append(_cells(line))
            continue
        flush()
        s = line.strip()
        if not s or set(s) <= set("-"):
            continue
        esc = html.escape(s)
        if s.startswith("□") or re.match(r"^<\s*\S.*>$", s):
            out.append(f"<h3>{esc}</h3>")
        elif s.startswith("-"):
            out.append(f'<p class="dash">{esc}</p>')
        else:
            out.append(f"<p>{esc}</p>")
    flush()
    style = CSS % {"head": head.replace('"', "")} + PLAN_CSS
    return (
        '<!doctype html><html lang="ko"><meta charset="utf-8">'
        f"<style>{style}</style><body>{''.join(out)}</body></html>"
    )


def main() -> None:
    source, target, head = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    print_pdf(to_html(source.read_text(encoding="utf-8"), head), target)


if __name__ == "__main__":
    main()
