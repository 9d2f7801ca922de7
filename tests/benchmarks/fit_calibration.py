"""Fit the repair's confidence map again: ``python -m tests.benchmarks.fit_calibration``.

Garbles the honest bench's development documents with the loss profiles of the
given seeds (seed 1, 4 profiles by default: seeds 2 and 3 are left to check the
map on), repairs them with the decoder's raw confidence, and fits a monotone map
from that confidence to the share of spans right (``extract/repair/calibration.py``:
bins of at least ``MIN_BIN_SPANS`` spans, pooled by pool-adjacent-violators). It
writes ``extract/repair/data/confidence_calibration.yaml`` with how it was fitted.
Refit whenever the decoder's readings or confidences change; the held-out part is
never opened here.

``--spans-to FILE`` keeps every span measured (JSON), ``--spans-from FILE`` fits on
such a file instead of measuring again (it must have been measured on this code).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from extract.repair import calibration
from tests.benchmarks.reliability import Span
from tests.benchmarks.repair_honest_bench import DEFAULT_PROFILES, measure, profile_garblers
from tests.realdocs.gold import load_manifest

COMMAND = "python -m tests.benchmarks.fit_calibration"
HEADER = """\
# How often a span the dropped-glyph repair fills is right, by the decoder's confidence
# (issue 19, item 8). Written by the command below on the honest bench's development
# documents (never the held-out ones); read and checked by extract/repair/calibration.py.
# Each bin: the spans whose raw confidence lies in [raw_from, raw_to] after pooling
# (pool-adjacent-violators), how many, how many right; the map runs through
# (mean_raw, share_right) of each bin. Refit when the decoder changes.
"""


def main(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    seeds = [int(seed) for seed in options.seeds.split(",")]
    entries = [entry for entry in load_manifest().documents if entry.split == "dev"]
    spans: list[Span]
    if options.spans_from:
        stored = json.loads(Path(options.spans_from).read_text(encoding="utf-8"))
        spans = [Span(*row) for row in stored["spans"]]
        commit, documents = stored["code_commit"], stored["documents"]
    else:
        commit, documents = code_commit(), len(entries)
        spans = measure(entries, profile_garblers(tuple(seeds), options.profiles)).spans
        if options.spans_to:
            rows = [[span.profile, span.raw, span.right] for span in spans]
            stored = {"code_commit": commit, "documents": len(entries), "spans": rows}
            Path(options.spans_to).write_text(json.dumps(stored), encoding="utf-8")
    chosen = {f"s{seed}" for seed in seeds}
    fitted = [(span.raw, span.right) for span in spans if span.seed in chosen]
    blocks = calibration.fit(fitted, options.min_bin_spans)
    fit = calibration.CalibrationFit(
        command=f"{COMMAND} --seeds {options.seeds} --profiles {options.profiles}"
        f" --min-bin-spans {options.min_bin_spans}",
        code_commit=commit,
        split="dev",
        seeds=seeds,
        profiles_per_seed=options.profiles,
        documents=documents,
        min_bin_spans=options.min_bin_spans,
    )
    write(
        calibration.CalibrationFile(
            version=1, method="dropped-glyph", fit=fit, bins=[block.as_bin() for block in blocks]
        )
    )
    print(f"{len(fitted)} spans, {len(blocks)} pooled bins -> {calibration.DATA}")
    return 0


def write(data: calibration.CalibrationFile, path: Path = calibration.DATA) -> None:
    """Write the file once it passes the loader's checks."""
    import yaml

    body = yaml.safe_dump(
        data.model_dump(), sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )
    text = HEADER + body
    calibration.validated(yaml.safe_load(text), path)
    path.write_text(text, encoding="utf-8")


def code_commit() -> str:
    """The commit measured, marked "-dirty" when the tree has changes not committed."""
    described = subprocess.run(
        ["git", "describe", "--always", "--dirty", "--abbrev=12"],
        capture_output=True,
        text=True,
        check=True,
    )
    return described.stdout.strip()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=COMMAND)
    parser.add_argument("--seeds", default="1", help="seeds of the profiles fitted on")
    parser.add_argument("--profiles", type=int, default=DEFAULT_PROFILES)
    parser.add_argument("--min-bin-spans", type=int, default=calibration.MIN_BIN_SPANS)
    parser.add_argument("--spans-to", help="keep every span measured in this JSON file")
    parser.add_argument("--spans-from", help="fit on spans kept earlier instead of measuring")
    return parser


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
