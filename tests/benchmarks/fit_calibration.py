"""Fit the repair's confidence map again: ``python -m tests.benchmarks.fit_calibration``.

Garbles the honest bench's development documents with the loss profiles of the
given seeds (seed 1, 4 profiles by default: seeds 2 and 3 are left to check the
map on), repairs them with the decoder's raw confidence, and fits a monotone map
from that confidence to the share of spans right (``extract/repair/calibration.py``:
bins of at least ``MIN_BIN_SPANS`` spans, pooled by pool-adjacent-violators). It
writes ``extract/repair/data/confidence_calibration.yaml`` with how it was fitted.
Refit whenever the decoder's readings or confidences change; the held-out part is
never opened here.

``--check-seeds 2,3`` measures those seeds too and prints the new map's reliability on
them (before | after, Brier, ECE). ``--spans-to FILE`` keeps every span measured (JSON),
``--spans-from FILE`` fits on such a file instead of measuring again (it must have been
measured on this code).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from extract.repair import calibration
from tests.benchmarks.reliability import Span, print_summary, summary
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
    seeds = _seeds(options.seeds)
    checked = _seeds(options.check_seeds) if options.check_seeds else []
    spans, commit, documents = _spans(options, [*seeds, *checked])
    fitted = [(span.raw, span.right) for span in spans if span.seed in {f"s{s}" for s in seeds}]
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
    bins = [block.as_bin() for block in blocks]
    write(calibration.CalibrationFile(version=1, method="dropped-glyph", fit=fit, bins=bins))
    print(f"{len(fitted)} spans, {len(blocks)} pooled bins -> {calibration.DATA}")
    if checked:
        # The new map on seeds it was not fitted on: the figures to report.
        names = {f"s{seed}" for seed in checked}
        mapped = calibration.ConfidenceMap.from_bins(bins)
        print_summary(summary([span for span in spans if span.seed in names], mapped), seeds)
    return 0


def _spans(options: argparse.Namespace, seeds: list[int]) -> tuple[list[Span], str, int]:
    """The spans of these seeds, measured now (and kept with --spans-to) or read (--spans-from)."""
    if options.spans_from:
        stored = json.loads(Path(options.spans_from).read_text(encoding="utf-8"))
        return [Span(*row) for row in stored["spans"]], stored["code_commit"], stored["documents"]
    entries = [entry for entry in load_manifest().documents if entry.split == "dev"]
    commit = code_commit()
    spans = measure(entries, profile_garblers(tuple(seeds), options.profiles)).spans
    if options.spans_to:
        rows = [[span.profile, span.raw, span.right] for span in spans]
        stored = {"code_commit": commit, "documents": len(entries), "spans": rows}
        Path(options.spans_to).write_text(json.dumps(stored), encoding="utf-8")
    return spans, commit, len(entries)


def _seeds(text: str) -> list[int]:
    return [int(seed) for seed in text.split(",")]


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
    parser.add_argument("--check-seeds", help="seeds also measured, to check the map on (2,3)")
    parser.add_argument("--min-bin-spans", type=int, default=calibration.MIN_BIN_SPANS)
    parser.add_argument("--spans-to", help="keep every span measured in this JSON file")
    parser.add_argument("--spans-from", help="fit on spans kept earlier instead of measuring")
    return parser


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
