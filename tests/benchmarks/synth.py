"""Generate realistic synthetic corpora of subordinate plans for benchmarks.

Plans are built from the real clean corpus documents (the ward plan and the
Ban Dân tộc plan): their structure and wording are kept, while the unit, the
figures, the deadlines, the number and date vary, and defects are injected at
known places. Each generated plan comes with the list of defects put into it,
so a benchmark can also measure how many the rules find.

Run ``python -m tests.benchmarks.synth OUT_DIR [COUNT]`` to write a corpus.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import PLANS

WARD_TEMPLATE = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
AGENCY_TEMPLATE = PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt"
TOWN_PARENT = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"

# Syllables for made-up place names; real-sounding, not real places.
_NAME_SYLLABLES = (
    "An Bình Hòa Phú Tân Thạnh Long Đông Tây Nam Bắc Hưng Lợi Sơn Hải Phước Thuận "
    "Mỹ Lộc Trung Nghĩa Đức Quang Minh Thành Vĩnh Xuân Hiệp Tịnh Hành Kỳ"
).split()
_AGENCIES = (
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Y tế", "Sở Giáo dục và Đào tạo",
    "Sở Tài nguyên và Môi trường", "Ban Quản lý các khu công nghiệp",
    "Sở Lao động - Thương binh và Xã hội",
)
_PERCENT = re.compile(r"(\d{1,3}(?:,\d+)?)%")
_TARGET_LINE = re.compile(r"^\((\d+)\)\s")
_DEADLINE_DATE = re.compile(r"(trước|Trước) (\d{1,2})/(\d{1,2})/(\d{4})")
_INVALID_DATES = ("30/02/2023", "31/4/2023", "29/02/2023", "31/6/2023", "32/01/2023")


@dataclass
class SyntheticPlan:
    """One generated plan and the defects deliberately put into it."""

    path: Path
    kind: str
    defects: list[str] = field(default_factory=list)


def generate_corpus(
    out_dir: Path, count: int = 1000, seed: int = 13, with_parent: bool = True
) -> list[SyntheticPlan]:
    """Write ``count`` synthetic plans (plus the real town plan as their parent) to ``out_dir``."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    if with_parent:
        shutil.copyfile(TOWN_PARENT, out_dir / TOWN_PARENT.name)
    ward = WARD_TEMPLATE.read_text(encoding="utf-8")
    agency = AGENCY_TEMPLATE.read_text(encoding="utf-8")
    plans = []
    for index in range(count):
        roll = rng.random()
        if roll < 0.6:
            plan = _ward_like(ward, rng, index, unit="phường")
        elif roll < 0.85:
            plan = _ward_like(ward, rng, index, unit="xã")
        else:
            plan = _agency_like(agency, rng, index)
        text, kind, defects = plan
        suffix = ".md" if kind == "agency" else ".txt"
        path = out_dir / f"synthetic-{index:05d}-{kind}{suffix}"
        path.write_text(text, encoding="utf-8")
        plans.append(SyntheticPlan(path=path, kind=kind, defects=defects))
    return plans


def _ward_like(
    template: str, rng: random.Random, index: int, unit: str
) -> tuple[str, str, list[str]]:
    defects: list[str] = []
    name = _place_name(rng)
    text = template
    if unit == "xã":
        text = text.replace("phường", "xã").replace("Phường", "Xã").replace("Tổ dân phố", "Thôn")
    number = f"{rng.randint(1, 120)}-KH/ĐU"
    text = text.replace("Số 48 -KH/ĐU", f"Số {number}", 1)
    if rng.random() < 0.1:
        text = text.replace(f"Số {number}", "Số      -KH/ĐU", 1)
        defects.append("M001")
    day, month = rng.randint(1, 28), rng.choice((12, 1, 2))
    year = 2022 if month == 12 else 2023
    text = text.replace(
        "\nKẾ HOẠCH\n",
        f"\n{name}, ngày {day:02d} tháng {month:02d} năm {year}\n\nKẾ HOẠCH\n",
        1,
    )
    text = text.replace("Đảng ủy phường xây dựng", f"Đảng ủy {unit} {name} xây dựng", 1)
    lines = [_vary_target_line(line, rng, defects) for line in text.split("\n")]
    lines = _maybe_drop_target(lines, rng, defects)
    text = "\n".join(lines)
    text = _maybe_break_deadline(text, rng, defects)
    return text, "ward" if unit == "phường" else "commune", defects


def _agency_like(template: str, rng: random.Random, index: int) -> tuple[str, str, list[str]]:
    agency = rng.choice(_AGENCIES)
    text = template.replace("**BAN DÂN TỘC**", f"**{agency.upper()}**", 1)
    text = text.replace("Ban Dân tộc tỉnh xây dựng", f"{agency} xây dựng", 1)
    defects = ["M001"]  # the template's number is blank, as in the real plan
    day = rng.randint(1, 28)
    text = text.replace("ngày 12 tháng 12 năm 2022", f"ngày {day:02d} tháng 12 năm 2022", 1)
    return _maybe_break_deadline(text, rng, defects), "agency", defects


def _vary_target_line(line: str, rng: random.Random, defects: list[str]) -> str:
    """Move each percentage of a numbered target up a little, or down (a defect)."""
    if not _TARGET_LINE.match(line):
        return line

    def vary(match: re.Match[str]) -> str:
        value = float(match.group(1).replace(",", "."))
        if value >= 100 or "," in match.group(1):
            return match.group(0)
        roll = rng.random()
        if roll < 0.08:
            defects.append(f"T001:{_TARGET_LINE.match(line).group(1)}")  # type: ignore[union-attr]
            value = max(1, value - rng.randint(10, 25))
        elif roll < 0.1:
            defects.append("T003")
            value = rng.randint(101, 130)
        elif roll < 0.5:
            value = min(100, value + rng.randint(0, 5))
        return f"{int(value)}%"

    return _PERCENT.sub(vary, line)


def _maybe_drop_target(lines: list[str], rng: random.Random, defects: list[str]) -> list[str]:
    """Drop one numbered target (leaving a gap in the numbering) now and then."""
    numbered = [i for i, line in enumerate(lines) if _TARGET_LINE.match(line)]
    if numbered and rng.random() < 0.15:
        victim = rng.choice(numbered[1:-1] or numbered)
        defects.append("S001")
        return lines[:victim] + lines[victim + 1 :]
    return lines


def _maybe_break_deadline(text: str, rng: random.Random, defects: list[str]) -> str:
    if rng.random() < 0.1 and _DEADLINE_DATE.search(text):
        defects.append("D001")
        return _DEADLINE_DATE.sub(lambda m: f"{m.group(1)} {rng.choice(_INVALID_DATES)}", text, 1)
    return text


def _place_name(rng: random.Random) -> str:
    return " ".join(rng.sample(_NAME_SYLLABLES, 2))


if __name__ == "__main__":
    target_dir = Path(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    generated = generate_corpus(target_dir, total)
    print(f"{len(generated)} plans written to {target_dir}")
