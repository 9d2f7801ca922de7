"""What the date rules share: the issue date (dates in messages: ``rules.de_an``).

The issue date of a state or Party document is printed in the header as
"<địa danh>, ngày ... tháng ... năm ..." (Nghị định 30/2020/NĐ-CP, Phụ lục I;
Hướng dẫn 36-HD/VPTW, mục 3.4). Extraction records the line as printed
(``Meta.date_line``, blank parts included) besides the date it read
(``Meta.issue_date``); the rules only read those facts.
"""

from __future__ import annotations

import datetime as dt

from extract.model import Plan


def issue_date(plan: Plan) -> dt.date | None:
    """The issue date: the header's place-and-date line when complete, else the metadata.

    The printed header line is the document's own statement of its date; a
    metadata date that disagrees with it was read from somewhere else.
    """
    printed = plan.meta.date_line
    if printed is not None and printed.date is not None:
        return printed.date
    return plan.meta.issue_date
