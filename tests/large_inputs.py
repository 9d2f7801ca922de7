"""Large but valid plans, and a way to measure what checking one costs.

The files are real plan text (a corpus plan repeated) in the shapes that cost
the most per byte: a .docx whose every word is a run with its own formatting
(much XML per character), a .txt of many lines, a .pdf of many pages. They
stay under the zip-bomb rules, so only the work limits can stop them.

``measure`` runs the whole check (load, repair, parse, rules, report) in a
fresh child process, which reports its own CPU time and peak memory from the
kernel's accounting (``getrusage``): unlike wall-clock time these do not grow
when other work shares the machine.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from fpdf import FPDF

from tests.render import DEJAVU_SANS, corpus_lines, docx_parts

ROOT = Path(__file__).resolve().parents[1]
PLAN_TEXT = ROOT / "corpus" / "plans" / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
PARENT = ROOT / "corpus" / "plans" / "ban-dan-toc-quang-ngai-de-an-13.txt"
GARBLED = ROOT / "corpus" / "plans" / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"

# One word as Word writes it after much editing: a run with fonts, size, bold and
# a revision id, so that each character of text costs some 25 bytes of XML.
_RUN = (
    '<w:r w:rsidRPr="{rsid:08X}"><w:rPr><w:rFonts w:ascii="Times New Roman" '
    'w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:b w:val="0"/>'
    '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr>'
    '<w:t xml:space="preserve">{word} </w:t></w:r>'
)


def plan_lines(count: int, plan: Path = PLAN_TEXT) -> list[str]:
    """``count`` lines of a real plan, repeated from its start as often as needed."""
    source = [line for line in corpus_lines(plan) if line.strip()]
    return [source[index % len(source)] for index in range(count)]


def long_text(count: int, max_chars: int | None = None, plan: Path = PLAN_TEXT) -> bytes:
    """A UTF-8 plan of ``count`` lines, cut to at most ``max_chars`` characters of text."""
    lines = plan_lines(count, plan)
    if max_chars is not None:
        total = 0
        for index, line in enumerate(lines):
            total += len(line)
            if total > max_chars:
                lines = lines[:index]
                break
    return "\n".join(lines).encode("utf-8")


def heavy_docx(paragraphs: int) -> bytes:
    """A .docx of ``paragraphs`` plan paragraphs, one formatted run per word."""
    parts = docx_parts(["x"])
    # Revision ids differ from run to run as in an edited document; they also keep
    # the XML from compressing abnormally well, so the zip-bomb ratio never fires.
    rsids = iter(range(0x00A1B2C3 * 7919, 2**62, 0x9E3779B1))
    body = "".join(
        "<w:p>"
        + "".join(
            _RUN.format(word=escape(word), rsid=next(rsids) % 2**32) for word in line.split()
        )
        + "</w:p>"
        for line in plan_lines(paragraphs)
    )
    document = parts["word/document.xml"].decode("utf-8")
    start = document.index("<w:body>") + len("<w:body>")
    end = document.index("<w:sectPr")
    parts["word/document.xml"] = (document[:start] + body + document[end:]).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def long_pdf(pages: int, lines_per_page: int = 45) -> bytes:
    """A PDF of ``pages`` A4 pages of plan text in DejaVu Sans, a page number in the footer."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=10)
    pdf.set_auto_page_break(False)
    lines = plan_lines(pages * lines_per_page)
    for page in range(pages):
        pdf.add_page()
        for line in lines[page * lines_per_page : (page + 1) * lines_per_page]:
            pdf.cell(0, 5.6, line[:110], new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.cell(0, 10, str(page + 1), align="C")
    return bytes(pdf.output())


@dataclass(frozen=True)
class Cost:
    """What one check cost the child process that ran it."""

    outcome: str  # "checked" or the refusal reason
    cpu_seconds: float
    peak_mb: float
    lines: int


_CHILD = """
import json, resource, sys
from pathlib import Path
from extract import load_plan
from extract.errors import PlanInputError
from reports import build_report
from rules import check_plan
parent = load_plan(Path(sys.argv[2]))
try:
    child = load_plan(Path(sys.argv[1]))
except PlanInputError as error:
    outcome, lines = error.reason, 0
else:
    result = check_plan(child, parent)
    build_report(result, child, parent).model_dump_json()
    outcome, lines = "checked", len(child.lines)
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime
# VmHWM, not ru_maxrss: ru_maxrss survives exec and so counts the parent's memory too.
status = Path("/proc/self/status").read_text()
peak_kb = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({"outcome": outcome, "lines": lines, "cpu": cpu, "peak_kb": peak_kb}))
"""


def measure(path: Path, timeout: float = 600) -> Cost:
    """Check ``path`` against a corpus parent in a fresh process; return what it cost."""
    finished = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(PARENT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    report = json.loads(finished.stdout.strip().splitlines()[-1])
    return Cost(report["outcome"], report["cpu"], report["peak_kb"] / 1024, report["lines"])
