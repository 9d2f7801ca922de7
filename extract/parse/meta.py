"""Document-level facts of a plan: header, title, period, citations, implements, signature.

``parse_meta(lines)`` is the one entry point; the parts live in
:mod:`~extract.parse.header`, :mod:`~extract.parse.references` and
:mod:`~extract.parse.signature`. "Implements" is the document the plan says it
carries out: the first citation of the opening sentence "Thực hiện ..." /
"Triển khai thực hiện ..." (the title when the body has no such sentence), else the
basis the preamble's closing statement issues the plan for ("Căn cứ Kế hoạch số ...,
UBND tỉnh ban hành Kế hoạch thực hiện ...": :mod:`~extract.parse.basis_statement`).
"""

from __future__ import annotations

import re

from extract.model import Implements, Line, Meta, Reference
from extract.parse.admin_units import resolve_unit
from extract.parse.basis_statement import basis_statement
from extract.parse.header import Header, parse_header, parse_period
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.parse.numbers import same_number
from extract.parse.references import JoinedText, find_references, references_in
from extract.parse.signature import parse_signature
from extract.text import comparable, search_form

# The opening sentence stands before the first part heading, near the top.
OPENING_LINES = 60
# "khóa XIII", "(khoá XVI)", "nhiệm kỳ 2020 - 2025" after a body's name.
_TERM = re.compile(
    r"\s*\(?\s*(?:kh[oó]á?|khóa|khoá|nhiệm kỳ)\s+(?:[IVXLC]+|\d{4}\s*[-–]\s*\d{4})\s*\)?\s*$",
    re.IGNORECASE,
)
# Without a header, a page's title and lead paragraph take its first few lines.
LEAD_LINES = 4
_ROMAN_HEADING = re.compile(r"^\s*[IVXLC]+\s*[.\-–/)]\s*\S")
# A full stop or colon before a space ends a sentence; "10.10.2022" does not.
_SENTENCE_END = re.compile(r"[.:](?=\s|$)")


def parse_meta(lines: list[Line]) -> Meta:
    """Read every document-level fact of a plan from its repaired lines."""
    header = parse_header(lines)
    lead, lead_kind = _lead(lines, header)
    if header.number is None and header.number_raw is None:
        read_up_to = _read_lead(lead, lead_kind, header)
        if header.start_line is None:
            # Without a header only the lines that named the document are the page's.
            lead = [line for line in lead if read_up_to is not None and line.number <= read_up_to]
    elif header.start_line is None:
        lead = []
    signer, recipients = parse_signature(lines)
    # Text before the header is the page's (a related-documents list, the page's
    # own title naming the document): not the document's citations.
    lead_numbers = {line.number for line in lead}
    references = [
        reference
        for reference in find_references(line for line in lines if line.number not in lead_numbers)
        if not same_number(reference.number, header.number)
    ]
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
        spans=header.spans,
        unit=resolve_unit(header.issuer, header.place, header.issue_date, header.issuer_parent),
        header_lines=header.looked_at,
    )


def _lead(lines: list[Line], header: Header) -> tuple[list[Line], str | None]:
    """The page's text before the header, and the kind of document the page is about.

    A web page often opens with its own title ("Kế hoạch số 1600-KH/BDVTW ngày
    28/02/2018 của Ban Dân vận Trung ương về ...", "Nghị quyết của Ban Chấp hành
    Đảng bộ tỉnh ...") and a lead paragraph ("LTS: Ngày 14-11-2016, Ban Chấp hành
    Đảng bộ tỉnh khóa XIII đã ban hành Nghị quyết số 10-NQ/TU ..."). Without any
    header, the lead is the first lines before the body, and only when the first
    line opens with a kind of document.
    """
    if header.start_line is not None and _read_any(header):
        return [line for line in lines if line.number < header.start_line], header.doc_type
    written = [line for line in lines if line.text.strip()][:LEAD_LINES]
    if not written:
        return [], None
    kind = _leading_kind(written[0].text)
    if kind is None or _sends_elsewhere(lines):
        return [], None
    lead = []
    for line in written:
        if _ROMAN_HEADING.match(line.text):
            break
        lead.append(line)
    return lead, kind


def _sends_elsewhere(lines: list[Line]) -> bool:
    """Whether the page points to the document elsewhere ("Xem chi tiết tại ...").

    Such a page reports on the document its headline and lead name; it does not
    carry it, so they are not its own header (tests/realdocs/README.md, doc_type).
    """
    markers = re.compile(rf"(?<!\w)(?:{words_pattern(meta_vocabulary().elsewhere_markers)})(?!\w)")
    return any(markers.search(search_form(line.text)) for line in lines[:OPENING_LINES])


def _read_any(header: Header) -> bool:
    """Whether the header reader found a field where it placed a header.

    A page's title ("Nghị quyết về kế hoạch ...") may look like a header's first line;
    when no field follows, the page has no header and its lead speaks for it.
    """
    fields = (header.number, header.number_raw, header.issue_date, header.issue_date_raw)
    names = (header.issuer, header.place, header.doc_type)
    return any(field is not None for field in (*fields, *names))


def _leading_kind(text: str) -> str | None:
    folded = comparable(text.strip(" *#_"))
    for kind in sorted(meta_vocabulary().document_kinds, key=len, reverse=True):
        if folded == comparable(kind) or folded.startswith(f"{comparable(kind)} "):
            return kind
    return None


def _read_lead(lead: list[Line], kind: str | None, header: Header) -> int | None:
    """Number, date, issuer and kind from the page's lead, when it names this document.

    It does when the cited document is of the page's kind (the header's kind
    line, or the kind the page's title opens with) and carries its date.
    """
    for reference in find_references(lead):
        if reference.date is None or reference.number is None:
            continue
        if kind is not None and reference.kind != kind:
            continue
        header.number, header.number_raw = reference.number, reference.number
        header.issue_date, header.issue_date_raw = reference.date, reference.date_raw
        if header.issuer is None and reference.issuer is not None:
            # "Ban Chấp hành Đảng bộ tỉnh khóa XIII": the term is not the body's name.
            header.issuer = _TERM.sub("", reference.issuer).strip() or None
        header.doc_type = header.doc_type or reference.kind
        if reference.span is not None:
            for name in ("number", "issue_date", "issuer", "doc_type"):
                header.spans.setdefault(name, reference.span)
        return reference.span.end_line if reference.span is not None else reference.line
    return None


def find_implements(lines: list[Line], header: Header) -> Implements | None:
    """The document the plan carries out, and whether it is (or relays) Đề án 13.

    The opening "Thực hiện ..." sentence (or the title) says so; failing that, a basis
    the preamble's closing statement issues the plan for ("Căn cứ Kế hoạch số ..., UBND
    tỉnh ban hành Kế hoạch thực hiện ...": :mod:`extract.parse.basis_statement`).
    """
    sentence = _opening_sentence(lines, header)
    if sentence is not None:
        joined, start, end = sentence
        found = _implements_in(joined, start, end, (start, end))
        if found is not None:
            return found
    preamble = JoinedText.of(_preamble(lines, header))
    statement = basis_statement(preamble)
    if statement is None:
        return None
    whole = (statement.sentence_start, statement.sentence_end)
    return _implements_in(preamble, statement.clause_start, statement.clause_end, whole)


def _implements_in(
    joined: JoinedText, start: int, end: int, sentence: tuple[int, int]
) -> Implements | None:
    """The first document cited between ``start`` and ``end``, with the sentence saying so."""
    cited = references_in(joined, start, end)
    if not cited:
        return None
    said = slice(*sentence)
    return Implements(
        reference=cited[0],
        is_de_an_13=any(is_de_an_13(reference) for reference in cited)
        or _relays_de_an_13(joined.search[said], cited[0]),
        raw=" ".join(joined.text[said].split()),
        line=joined.locate(sentence[0])[0],
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
    issuer = comparable(reference.issuer)
    known_issuers = [comparable(name) for name in known.issuers]
    return issuer in known_issuers or any(
        name.startswith(f"{issuer} ") and len(issuer.split()) >= 2 for name in known_issuers
    )


def _relays_de_an_13(sentence: str, carried_out: Reference) -> bool:
    """A plan of a Tỉnh ủy body "về triển khai thực hiện Đề án 13", named without its number."""
    known = meta_vocabulary().de_an_13
    named = re.search(rf"(?:{words_pattern(known.short_names)})(?![\d\s]*[-/\d])", sentence)
    issuer = comparable(carried_out.issuer or "")
    return named is not None and comparable(known.relaying_issuer_word) in issuer


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
