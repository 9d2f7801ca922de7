"""What the metadata rules share: how document numbers compare.

The number line of the header as printed ("Số:     /KH-UBND" left blank, Nghị
định 30/2020/NĐ-CP, Phụ lục I mục 3; Hướng dẫn 36-HD/VPTW, mục 3.3) is a fact of
the model (``Meta.number_line``); the rules only read it. Đề án 13's identity, which the
date rules read too, is in ``rules.de_an``.
"""

from __future__ import annotations

from extract.text import fold_text


def fold_number(number: str) -> str:
    """'13-ĐA/TU', '13 - ĐA/TU' and '13/ĐA-TU' all fold to '13 da tu'."""
    return fold_text(number.replace("/", " ").replace("-", " "))
