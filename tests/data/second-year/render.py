"""Render an evaluation-report source text (tests/data/source-text format) to a PDF laid out
like corpus/jb-2024-management-evaluation.pdf: A4, Nanum Gothic, ruled tables with a grey
header row, a running head and "- n -" page numbers. Headless Chromium prints the HTML.

    python tests/data/second-year/render.py SOURCE.txt OUT.pdf "running head"

Used once to make jb-2025-management-evaluation.pdf; the tests read the PDF, not this script.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# Chromium's subset of NanumGothic maps its space glyph to U+0001, so a PDF text extractor
# loses every space; the space alone comes from DejaVu Sans, whose mapping is right.
CSS = """
@font-face { font-family: Body; src: local('NanumGothic'); }
@font-face { font-family: Body; font-weight: bold; src: local('NanumGothic Bold'); }
@font-face { font-family: Body; src: local('DejaVu Sans'); unicode-range: U+0020; }
@font-face { font-family: Body; font-weight: bold; src: local('DejaVu Sans Bold');
  unicode-range: U+0020; }
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
  @top-center { content: "%(head)s"; font: 8pt 'NanumMyeongjo', serif; color: #555; }
  @bottom-center { content: "- " counter(page) " -"; font: 8pt 'NanumGothic', sans-serif; } }
/* keep-all: Korean words are not broken mid-word ("등/급"); the wider word spacing makes the
   gaps between words wide enough for a PDF text extractor to see, as in the original. */
body { font-family: Body, sans-serif; font-size: 9pt; line-height: 1.55;
  word-break: keep-all; }
h1 { font-size: 15pt; margin: 10pt 0 8pt; }
h2 { font-size: 12pt; margin: 12pt 0 6pt; }
h3, h4 { font-size: 9.5pt; margin: 8pt 0 4pt; }
p { margin: 1pt 0; }
p.sub { margin-left: 0; }  /* the original does not indent nested lines */
table { border-collapse: collapse; width: 100%%; margin: 5pt 0; font-size: 8.5pt; line-height: 1.45; }
th, td { border: 0.6pt solid #888; padding: 2pt 3pt; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: normal; }
td, th { background-clip: padding-box; }
"""


def _cells(line: str) -> list[str]:
    return [html.escape(c.strip()) for c in line.strip().strip("|").split("|")]


def to_html(text: str, head: str) -> str:
    out: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if not table:
            return
        rows = [r for r in table if not set(r) <= set("|-: ")]
        out.append("<table>")
        for n, row in enumerate(rows):
            tag = "th" if n == 0 else "td"
            out.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in _cells(row)) + "</tr>")
        out.append("</table>")
        table.clear()

    for line in text.splitlines():
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        s = line.strip()
        if not s:
            continue
        esc = html.escape(s)
        if s.startswith("◆"):
            out.append(f"<h1>{html.escape(s[1:].strip())}</h1>")
        elif re.match(r"^\d{1,2}\)\s", s):
            out.append(f"<h2>{esc}</h2>")
        elif s.startswith("□"):
            out.append(f"<h3>{esc}</h3>")
        elif s.startswith("○"):
            out.append(f"<h4>{esc}</h4>")
        else:
            cls = ' class="sub"' if line.startswith(" ") else ""
            out.append(f"<p{cls}>{esc}</p>")
    flush()
    style = CSS % {"head": head.replace('"', "")}
    return f'<!doctype html><html lang="ko"><meta charset="utf-8"><style>{style}</style><body>{"".join(out)}</body></html>'


def main() -> None:
    source, target, head = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    print_pdf(to_html(source.read_text(encoding="utf-8"), head), target)


def print_pdf(page_html: str, target: Path) -> None:
    """Headless Chromium prints one HTML page to `target`."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(page_html, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


if __name__ == "__main__":
    main()
