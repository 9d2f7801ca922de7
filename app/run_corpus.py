"""``make run``: extract every plan in a folder and write the models to an output folder.

Until the rules and reports land this is the main job; a bad file is reported
and the batch goes on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extract import PlanInputError, load_plan
from extract.loaders import SUPPORTED_SUFFIXES


def run(corpus: Path, out: Path) -> int:
    """Extract every plan under ``corpus`` into ``out``; return the number of failures."""
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path in sorted(corpus.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            plan = load_plan(path)
        except PlanInputError as error:
            failures += 1
            print(f"Lỗi / Error: {error.message}", file=sys.stderr)
            continue
        target = out / f"{path.stem}.json"
        target.write_text(plan.model_dump_json(indent=2), encoding="utf-8")
        print(f"{path} -> {target}")
    return failures


if __name__ == "__main__":
    corpus_dir, out_dir = (Path(arg) for arg in sys.argv[1:3])
    sys.exit(1 if run(corpus_dir, out_dir) else 0)
