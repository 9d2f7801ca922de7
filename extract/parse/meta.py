"""Document-level facts of a plan: header, title, period, citations, implements, signature.

``parse_meta(lines)`` is the one entry point; the parts live in
:mod:`~extract.parse.header`, :mod:`~extract.parse.references` and
:mod:`~extract.parse.signature`. "Implements" is the document the plan says it
carries out: the first citation of the opening sentence "Thực hiện ..." /
"Triển khai thực hiện ..." (the title when the body has no such sentence).
"""

from __future__ import annotations

import re

from extract.model import Implements, Line, Meta, Reference
from extract.parse.header import Header, parse_header, parse_period
from extract.parse.meta_vocabulary import fold, meta_vocabulary, search_form, words_pattern
from extract.parse.numbers import same_number
from extract.parse.references import JoinedText, find_references, references_in
from extract.parse.signature import parse_signature

# The opening sentence stands before the first part heading, near the top.
OPENING_LINES = 60
SENTENCE_LINES = 14
_ROMAN_HEADING = re.compile(r"^\s*[IVXLC]+\s*[.\-–/)]\s*\S")
_SENTENCE_END = re.compile(r"[.:]\s*$")


def parse_meta(lines: list[Line]) -> Meta:
    """Read every document-level fact of a plan from its repaired lines."""
    header = parse_header(lines)
    signer, recipients = parse_signature(lines)
    references = find_references(lines)
    return Meta(
        doc_type=header.doc_type,
        number=header.number,
        number_raw=header.number_raw,
        issuer=header.issuer,
        issuer_parent=header.issuer_parent,
        place=header.place,
        issue_date=header.issue_date,
        issue_date_raw=header.issue_date_raw,
        title=header.title,
        period=parse_period(header.title),
        signer=signer,
        recipients=recipients,
        references=references,
        implements=find_implements(lines, header),
    )


def find_implements(lines: list[Line], header: Header) -> Implements | None:
    """The document the plan carries out, and whether it is (or relays) Đề án 13."""
    found = _opening_sentence(lines, header)
    if found is None:
        return None
    sentence, joined, start = found
    cited = references_in(joined, start, len(joined.text))
    if not cited:
        return None
    return Implements(
        reference=cited[0],
        is_de_an_13=any(is_de_an_13(reference) for reference in cited)
        or _relays_de_an_13(joined.search[start:], cited[0]),
        raw=" ".join(joined.text.split()),
        line=sentence[0].number,
    )


def is_de_an_13(reference: Reference) -> bool:
    """Whether a citation names Đề án số 13-ĐA/TU ngày 10/10/2022 của (BTV) Tỉnh ủy.

    The number is compared ignoring spacing, case and look-alike Đ; the date must
    be 10/10/2022 when written, and the issuer a Tỉnh ủy body when written.
    """
    known = meta_vocabulary().de_an_13
    if not same_number(reference.number, known.number):
        return False
    if reference.date is not None and reference.date != known.date:
        return False
    if reference.date is None and reference.issuer is None:
        return False  # "13-ĐA/TU" alone could be another province's Đề án 13
    if reference.issuer is None:
        return True
    # A last syllable lost in a damaged line ("Ban Thường vụ Tỉnh") still names the
    # Tỉnh ủy; a different committee ("Ban Thường vụ Huyện ủy") does not.
    issuer = fold(reference.issuer)
    known_issuers = [fold(name) for name in known.issuers]
    return issuer in known_issuers or any(
        name.startswith(f"{issuer} ") and len(issuer.split()) >= 2 for name in known_issuers
    )


def _relays_de_an_13(sentence: str, carried_out: Reference) -> bool:
    """A plan of a Tỉnh ủy body "về triển khai thực hiện Đề án 13", named without its number."""
    known = meta_vocabulary().de_an_13
    named = re.search(rf"(?:{words_pattern(known.short_names)})(?![\d\s]*[-/\d])", sentence)
    issuer = fold(carried_out.issuer or "")
    return named is not None and fold(known.relaying_issuer_word) in issuer


def _opening_sentence(
    lines: list[Line], header: Header
) -> tuple[list[Line], JoinedText, int] | None:
    """The first sentence opening with "Thực hiện ..." before part I, else the title.

    Returns the sentence's lines, their joined text and where the opening phrase starts.
    """
    opening = re.compile(rf"(?:{words_pattern(meta_vocabulary().implements_openings)})\s")
    after_title = max([header.doc_type_line or 0, *header.title_lines])
    candidates = [
        line for line in lines[:OPENING_LINES] if line.number > after_title and line.text.strip()
    ]
    for index, line in enumerate(candidates):
        if _ROMAN_HEADING.match(line.text):
            break
        if opening.match(search_form(line.text.lstrip())) and line.text.lstrip()[:1].isupper():
            sentence = _sentence_from(candidates[index:])
            return sentence, JoinedText.of(sentence), 0
    title_lines = [line for line in lines if line.number in header.title_lines]
    joined = JoinedText.of(title_lines)
    in_title = opening.search(joined.search)
    if in_title is not None:
        return title_lines, joined, in_title.start()
    return None


def _sentence_from(lines: list[Line]) -> list[Line]:
    sentence: list[Line] = []
    for line in lines[:SENTENCE_LINES]:
        if sentence and _ROMAN_HEADING.match(line.text):
            break
        sentence.append(line)
        if _SENTENCE_END.search(line.text):
            break
    return sentence
