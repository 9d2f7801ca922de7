"""A plan's annotated spans as spaCy documents, for annotation tools.

``plancheck spans`` writes what extraction found (header fields, targets, tasks,
deadlines, responsible bodies) as a spaCy ``DocBin``: one ``Doc`` per plan over its
repaired text, the spans in the span group ``"plancheck"`` (they overlap: a body sits
inside its target), and the non-overlapping fine spans (header fields, deadlines,
bodies) also as ``doc.ents``. Annotation tools that read spaCy's binary format
(Prodigy, spacy-annotator, a training corpus for ``spacy train``) can then correct the
extraction instead of annotating from nothing, and the corrections can be compared
with the parsers' output span by span.

spaCy is imported here only, and this module only by the ``spans`` command, so a
``plancheck check`` does not pay for its import (0.7 s; see README "spaCy"). The
tokeniser is spaCy's blank multi-language one (``xx``), built in and offline: it
splits on spaces and punctuation, which for Vietnamese gives syllables, while the
blank ``vi`` pipeline would need pyvi (not installed, and a download).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from extract.model import Bodies, Plan, Span, Target, Task

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SPAN_GROUP = "plancheck"
ROLES = ("lead", "advisory", "implementing", "coordinating")
# Header fields (Meta.spans keys) and their labels; a target, a task, a deadline and a
# body of each role have their own.
HEADER_LABELS = {
    "doc_type": "DOC_TYPE",
    "number": "NUMBER",
    "issue_date": "ISSUE_DATE",
    "place": "PLACE",
    "issuer": "ISSUER",
    "title": "TITLE",
}
FINE_LABELS = frozenset(HEADER_LABELS.values()) | {"DEADLINE"} | {
    f"BODY_{role.upper()}" for role in ROLES
}


@dataclass(frozen=True)
class Annotation:
    """One span of the plan's text: character offsets in ``Plan.text``, a label, an id."""

    start: int
    end: int
    label: str
    item: str = ""


def plan_annotations(plan: Plan) -> list[Annotation]:
    """Every span extraction placed, with offsets in ``plan.text``, in text order.

    ``item`` is the stable id of what the span belongs to: the target or task id, and
    for a body its registry name after ``|`` ("2.1(5)|Ban Dân vận Thị ủy").
    """
    offsets = _line_offsets(plan)
    found: list[Annotation] = []

    def add(span: Span | None, label: str, item: str) -> None:
        if span is None:
            return
        annotation = _placed(plan, offsets, span, label, item)
        if annotation is not None:
            found.append(annotation)

    for field, label in HEADER_LABELS.items():
        add(plan.meta.spans.get(field), label, field)
    items: list[tuple[str, Target | Task]] = [
        *(("TARGET", target) for target in plan.targets),
        *(("TASK", task) for task in plan.tasks),
    ]
    for label, item in items:
        add(item.span, label, item.id)
        if item.deadline is not None:
            add(item.deadline.span, "DEADLINE", item.id)
        for role, body_span, name in _bodies(item.bodies):
            add(body_span, f"BODY_{role.upper()}", f"{item.id}|{name}")
    for deadline in plan.labelled_deadlines:
        add(deadline.span, "DEADLINE", "")
    unique = {(a.start, a.end, a.label): a for a in found}
    return sorted(unique.values(), key=lambda a: (a.start, -a.end, a.label))


def plan_doc(plan: Plan) -> Doc:
    """The plan's text as a spaCy ``Doc`` with its annotations (see the module's docstring)."""
    from spacy.util import filter_spans

    doc = _pipeline().make_doc(plan.text)
    spans = []
    for annotation in plan_annotations(plan):
        span = doc.char_span(
            annotation.start,
            annotation.end,
            label=annotation.label,
            kb_id=annotation.item,
            alignment_mode="expand",
        )
        if span is not None:
            spans.append(span)
    doc.spans[SPAN_GROUP] = spans
    doc.ents = filter_spans([span for span in spans if span.label_ in FINE_LABELS])
    doc.user_data["plancheck"] = {
        "schema_version": plan.schema_version,
        "source": plan.source.path,
    }
    return doc


def plans_docbin(plans: Iterable[Plan]) -> bytes:
    """The plans' documents as the bytes of one spaCy ``DocBin`` (user data kept)."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    for plan in plans:
        docbin.add(plan_doc(plan))
    return docbin.to_bytes()


def read_docbin(data: bytes) -> list[Doc]:
    """The documents of a ``DocBin`` written by :func:`plans_docbin`."""
    from spacy.tokens import DocBin

    return list(DocBin().from_bytes(data).get_docs(_pipeline().vocab))


@cache
def _pipeline() -> Language:
    import spacy

    return spacy.blank("xx")


def _bodies(bodies: Bodies) -> Iterator[tuple[str, Span | None, str]]:
    for role in ROLES:
        for body in getattr(bodies, role):
            yield role, body.span, body.name


def _line_offsets(plan: Plan) -> list[int]:
    """Offset in ``plan.text`` where each line starts (index 0 is line 1)."""
    offsets, position = [], 0
    for line in plan.lines:
        offsets.append(position)
        position += len(line.text) + 1
    return offsets


def _placed(
    plan: Plan, offsets: list[int], span: Span, label: str, item: str
) -> Annotation | None:
    """The span in text offsets; None when it points outside the plan's lines."""
    last = span.end_line if span.end_line is not None else span.line
    if not (1 <= span.line <= last <= len(plan.lines)):
        return None
    end = span.end if span.end is not None else len(plan.line(last).text)
    start, stop = offsets[span.line - 1] + span.start, offsets[last - 1] + end
    if not 0 <= start < stop <= offsets[last - 1] + len(plan.line(last).text):
        return None
    return Annotation(start, stop, label, item)
