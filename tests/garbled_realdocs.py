"""A real development document garbled as the honest repair bench garbles it, then repaired.

Repair tests on real text share this so that a test reads exactly the damage the bench
measures: the bench's own loss profiles ("s1p1": seed 1, profile 1) and its per-document seed.
"""

from __future__ import annotations

import random

from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import default_model
from tests.benchmarks.repair_honest_bench import profile_garblers
from tests.realdocs.gold import load_manifest


def garbled_and_repaired(document: str, profile: str) -> list[tuple[str, str, str]]:
    """(clean, garbled, repaired) for each line of the development document ``document``."""
    entry = next(e for e in load_manifest().documents if e.id == document)
    clean = entry.text_path.read_text(encoding="utf-8").split("\n")
    garble, seed = profile_garblers((int(profile[1]),), 2)[profile]
    garbled = garble(clean, random.Random(f"{seed}-{entry.id}"))
    repaired, _ = repair_dropped_glyphs(garbled, model=default_model())
    return list(zip(clean, garbled, repaired, strict=True))
