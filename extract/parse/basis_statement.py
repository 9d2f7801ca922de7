"""The basis a plan's preamble says the plan is issued to carry out.

Besides "Thực hiện Kế hoạch số ..., ..." (:mod:`extract.parse.meta`), a preamble may give
its bases and then say that the plan is issued to carry them out: "Căn cứ Kế hoạch số
141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy về công tác dân vận năm 2025, Ủy ban
nhân dân (UBND) tỉnh ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025 với
nội dung như sau:". The basis joined to that statement by a comma or a colon is the
document carried out; a basis of a list closed by ";" or "." before the statement is one
ground among others ("Căn cứ A; Căn cứ B; UBND tỉnh ban hành ..."), and the statement then
singles none out. The statement is the preamble's last, no ground follows it in its
sentence, and the words between the basis and its verb name who issues, so that "Quyết định
số 175/QĐ-UBND ... về việc ban hành Kế hoạch thực hiện ...;" inside a citation is not taken
for it (Nghị định 30/2020/NĐ-CP, Phụ lục I: the bases, then the text of the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.parse.references import JoinedText

# A full stop before a space ends a sentence ("10.10.2022" does not); a colon ends the
# statement's own sentence ("... như sau:") but may join a basis to it ("“...”: UBND tỉnh").
_SENTENCE_START = re.compile(r"\.\s+")
_SENTENCE_END = re.compile(r"[.:](?=\s|$)")


@dataclass(frozen=True)
class BasisStatement:
    """Where the basis clause and its sentence lie in the joined preamble."""

    clause_start: int
    clause_end: int
    sentence_start: int
    sentence_end: int


def basis_statement(preamble: JoinedText) -> BasisStatement | None:
    """The basis clause the preamble's closing statement says the plan carries out, if any.

    Args:
        preamble: The preamble's lines joined (between the title and part I).

    Returns:
        The clause of the last basis (from its "Căn cứ", or the ";" before it, to the
        comma before the statement's subject) and the whole sentence, else None.
    """
    statements = list(_statement_pattern().finditer(preamble.search))
    if not statements:
        return None
    statement = statements[-1]
    end = _SENTENCE_END.search(preamble.text, statement.end())
    sentence_end = end.end() if end is not None else len(preamble.text)
    if ";" in preamble.text[statement.end() : sentence_end]:
        return None  # more grounds follow: the statement does not close the bases
    starts = [
        found.end() for found in _SENTENCE_START.finditer(preamble.text, 0, statement.start())
    ]
    sentence_start = starts[-1] if starts else 0
    before = preamble.search[sentence_start : statement.start()]
    separator = max(before.rfind(","), before.rfind(":"))
    if separator < 0 or separator < before.rfind(";") or not _is_subject(before[separator + 1 :]):
        return None
    clause_start = sentence_start + before.rfind(";", 0, separator) + 1
    if _basis_opening().search(preamble.search, sentence_start, statement.start()) is None:
        return None
    return BasisStatement(
        clause_start=clause_start,
        clause_end=sentence_start + separator,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


def _is_subject(words: str) -> bool:
    """Whether the words before the verb name who issues: no citation's words ("về việc")."""
    return bool(words.strip()) and _not_in_subject().search(words) is None


@cache
def _not_in_subject() -> re.Pattern[str]:
    words = meta_vocabulary().issuing_statement.not_in_subject
    return re.compile(rf"(?<!\w)(?:{words_pattern(words)})(?!\w)|\d")


@cache
def _basis_opening() -> re.Pattern[str]:
    words = meta_vocabulary().issuing_statement.basis_openings
    return re.compile(rf"(?<!\w)(?:{words_pattern(words)})(?!\w)")


@cache
def _statement_pattern() -> re.Pattern[str]:
    """'ban hành Kế hoạch thực hiện', 'xây dựng Kế hoạch hành động triển khai'."""
    words = meta_vocabulary().issuing_statement
    kinds = words_pattern(meta_vocabulary().document_kinds)
    qualifiers = words_pattern(words.kind_words)
    return re.compile(
        rf"(?<!\w)(?:{words_pattern(words.verbs)})\s+(?:{kinds})(?:\s+(?:{qualifiers}))?"
        rf"\s+(?:{words_pattern(words.purposes)})(?!\w)"
    )
