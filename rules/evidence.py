"""Helpers the document-level rules share: excerpts, confidence, finding construction.

A reviewer checks a finding against its evidence, so evidence is the sentence
that holds the defect, not the whole paragraph; and a finding read from text
that repair changed is less sure than one read from the text as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.model import Plan, Target, Task
from rules.base import Rule, RuleContext
from rules.findings import Evidence, Finding, Match, Severity

EXCERPT_WIDTH = 240
# A sentence ends at '.', ';', '!' or '?' followed by a space, but not inside a
# number or a date ("30/02/2023.", "0,4.")—the mark must follow a non-digit or
# close the line.
SENTENCE_END = re.compile(r"(?<=[^\d\s])[.;!?](?=\s)")


def sentence_around(text: str, start: int = 0, end: int | None = None) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, trimmed to a readable width.

    Args:
        text: One line of the plan.
        start: Offset where the interesting part begins.
        end: Offset where it ends; the end of the line when None.

    Returns:
        The sentence, stripped; cut with '…' around the span when longer than
        ``EXCERPT_WIDTH`` characters.
    """
    end = len(text) if end is None else end
    sentence_start = 0
    sentence_end = len(text)
    for mark in SENTENCE_END.finditer(text):
        if mark.end() <= start:
            sentence_start = mark.end()
        elif mark.start() >= end:
            sentence_end = mark.end()
            break
    sentence = text[sentence_start:sentence_end]
    if len(sentence) <= EXCERPT_WIDTH:
        return sentence.strip()
    middle = (start + end) // 2 - sentence_start
    left = max(0, middle - EXCERPT_WIDTH // 2)
    right = min(len(sentence), left + EXCERPT_WIDTH)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(sentence) else ""
    return f"{prefix}{sentence[left:right].strip()}{suffix}"


def line_excerpt(plan: Plan, line: int, start: int = 0, end: int | None = None) -> str:
    """The sentence around a span of one plan line; empty for a line the plan lacks."""
    if not 1 <= line <= len(plan.lines):
        return ""
    return sentence_around(plan.line(line).text, start, end)


def make_finding(
    rule: Rule,
    *,
    message: str,
    confidence: float,
    line: int | None,
    hint: str | None = None,
    child: str | None = None,
    parent: str | None = None,
    target: str | None = None,
    parent_target: str | None = None,
    parent_line: int | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding of ``rule`` with its code, name and (unless given) default severity."""
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=severity or rule.severity,
        confidence=max(0.0, min(1.0, confidence)),
        message=message,
        hint=hint,
        target=target,
        parent_target=parent_target,
        line=line,
        parent_line=parent_line,
        evidence=Evidence(child=child, parent=parent),
    )


def matched_items(
    context: RuleContext,
) -> Iterator[tuple[Match, Target | Task, Target | Task]]:
    """Each applicable (match, child item, parent item) pair, targets and tasks alike."""
    if context.parent is None:
        return
    for match in context.matches:
        if match.not_applicable_reason is not None:
            continue
        if match.child_id is None or match.parent_id is None:
            continue
        child = _find(context.child, match.kind, match.child_id)
        parent = _find(context.parent, match.kind, match.parent_id)
        if child is not None and parent is not None:
            yield match, child, parent


def _find(plan: Plan, kind: str, item_id: str) -> Target | Task | None:
    # Not rules.pairs.find_target: rules.pairs imports this module.
    items: list[Target | Task] = [*plan.targets] if kind == "target" else [*plan.tasks]
    return next((item for item in items if item.id == item_id), None)


def item_line(item: Target | Task) -> int:
    """The line an item starts on."""
    return item.span.line if item.span is not None else item.line


def item_text(item: Target | Task) -> str:
    """What an item says: a target's text or a task's title."""
    return item.text if isinstance(item, Target) else item.title
