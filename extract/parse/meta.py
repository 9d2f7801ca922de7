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
from extract.parse.meta_vocabulary import fold, meta_vocabulary, words_pattern
from extract.parse.numbers import same_number
from extract.parse.references import JoinedText, find_references, references_in
from extract.parse.signature import parse_signature

# The opening sentence stands before the first part heading, near the top.
OPENING_LINES = 60
_ROMAN_HEADING = re.compile(r"^\s*[IVXLC]+\s*[.\-–/)]\s*\S")
# A full stop or colon before a space ends a sentence; "10.10.2022" does not.
_SENTENCE_END = re.compile(r"[.:](?=\s|$)")


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
    sentence = _opening_sentence(lines, header)
    if sentence is None:
        return None
    joined, start, end = sentence
    cited = references_in(joined, start, end)
    if not cited:
        return None
    return Implements(
        reference=cited[0],
        is_de_an_13=any(is_de_an_13(reference) for reference in cited)
        or _relays_de_an_13(joined.search[start:end], cited[0]),
        raw=" ".join(joined.text[start:end].split()),
        line=joined.locate(start)[0],
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


def _opening_sentence(lines: list[Line], header: Header) -> tuple[JoinedText, int, int] | None:
    """The first sentence opening with "Thực hiện ..." that cites a document, else the title.

    The sentence starts a paragraph or follows ";" or "." in the preamble (between
    the title and part I: "Căn cứ ...; Thực hiện Kế hoạch số ..."). Returns the
    joined text and the start and end of the sentence in it.
    """
    opening = re.compile(rf"(?:{words_pattern(meta_vocabulary().implements_openings)})\s")
    preamble = JoinedText.of(_preamble(lines, header))
    for match in opening.finditer(preamble.search):
        if not _starts_sentence(preamble, match.start()):
            continue  # "... về triển khai thực hiện ..." inside a sentence
        end = _SENTENCE_END.search(preamble.text, match.end())
        stop = end.end() if end is not None else len(preamble.text)
        if references_in(preamble, match.start(), stop):
            return preamble, match.start(), stop
    title = JoinedText.of(line for line in lines if line.number in header.title_lines)
    in_title = opening.search(title.search)
    if in_title is not None:
        return title, in_title.start(), len(title.text)
    return None


def _starts_sentence(joined: JoinedText, offset: int) -> bool:
    """After ";", "." or ":", at the very start, or with a capital at the start of a line."""
    before = joined.text[:offset].rstrip()
    if not before or before[-1] in ";.:":
        return True
    column = joined.locate(offset)[1]
    at_line_start = not joined.text[offset - column : offset].strip()
    return at_line_start and joined.text[offset : offset + 1].isupper()


def _preamble(lines: list[Line], header: Header) -> list[Line]:
    """The non-blank lines after the title and before the first part heading."""
    after_title = max([header.doc_type_line or 0, *header.title_lines])
    preamble = []
    for line in lines[:OPENING_LINES]:
        if line.number <= after_title or not any(char.isalnum() for char in line.text):
            continue  # blank lines and the rule under the title
        if _ROMAN_HEADING.match(line.text):
            break
        preamble.append(line)
    return preamble
