"""Responsible bodies, as in "- Cơ quan tham mưu: Ban Dân vận Thị ủy; UBND thị xã".

A label line names one or two roles (lead, advisory, implementing, coordinating:
see Bodies in extract/model.py for the Party and government conventions); its value is
a list split on ";" and ",". A comma piece that does not start like a body
("phường" in "Đảng ủy các xã, phường") belongs to the body before it, and a name
with " - " ("chính trị - xã hội") is never split. Each body gets its canonical
name from the registry in corpus/reference/bodies.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.model import Bodies, Body, Span
from extract.parse.vocabulary import Role, body_registry, items, sort_longest
from extract.text import fold, normalise, plain, spaced

LABEL_LINE = re.compile(r"^\s*(?:[-+•–*]\s*)?(?P<label>[^\W\d_][^:]{2,60}?)\s*:\s*(?P<value>.*)$")
TRAILING = re.compile(r"[\s.;,]+$")
NOTE = re.compile(r"\((?:b/c|để b/c|để biết|phối hợp)\)", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    """A label line: which roles it names (with the words that name each), or a deadline."""

    roles: tuple[Role, ...]
    is_deadline: bool
    value_start: int
    words: tuple[str, ...] = ()


# Pure given the vocabulary; the item, block and target readers each ask it of the
# same lines (three to four times a line), and the answer is immutable.
@lru_cache(maxsize=1 << 14)
def read_label(text: str) -> Label | None:
    """The label on a line ("Cơ quan lãnh đạo: ...", "Thời gian thực hiện: ..."), or None."""
    match = LABEL_LINE.match(text)
    if match is None:
        return None
    label = normalise(match["label"])
    words = items().labels
    if any(label.startswith(head) for head in sort_longest(words.deadline_heads)):
        return Label((), True, match.start("value"))
    # "Cơ quan chủ trì: ...", or the role alone: "Chủ trì: ...", "Phối hợp: ...".
    bare_role = any(label in phrases for phrases in words.roles.values())
    if not bare_role and not any(label.startswith(h) for h in sort_longest(words.body_heads)):
        return None
    named = roles_named(label)
    if not named:
        return None
    roles = tuple(role for role, _ in named)
    return Label(roles, False, match.start("value"), tuple(phrase for _, phrase in named))


def roles_named(label: str) -> list[tuple[Role, str]]:
    """The roles a label or a column header names, each with its words, in role order.

    The longest role phrase wins and is used up, so "chủ trì thực hiện" names the
    lead only and "phối hợp thực hiện" the coordinating bodies only, while "tham
    mưu, thực hiện" names two roles.
    """
    rest = normalise(label)
    found: dict[Role, str] = {}
    for phrase, role, pattern in _role_patterns():
        if pattern.search(rest) is None:
            continue
        found.setdefault(role, phrase)
        rest = pattern.sub("|", rest)
    return [(role, found[role]) for role in items().labels.roles if role in found]


@cache
def _role_patterns() -> list[tuple[str, Role, re.Pattern[str]]]:
    """Each role phrase (longest first) with its whole-word pattern, compiled once."""
    return [
        (phrase, role, re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)"))
        for phrase, role in _role_phrases()
    ]


@cache
def _role_phrases() -> list[tuple[str, Role]]:
    """(normalised phrase, role), longest phrase first."""
    pairs = [
        (normalise(phrase), role)
        for role, phrases in items().labels.roles.items()
        for phrase in phrases
    ]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def parse_bodies(value: str, line: int | None = None, offset: int = 0) -> list[Body]:
    """The bodies of one label's value, in order, each with raw text and canonical name."""
    bodies: list[Body] = []
    for piece in split_bodies(NOTE.sub("", value)):
        for part in _split_joined(piece):
            start = value.find(part)
            span = None
            if line is not None and start >= 0:
                span = Span(line=line, start=offset + start, end=offset + start + len(part))
            name = canonical_name(part)
            bodies.append(
                Body(raw=part, name=name or "", registered=name is not None, span=span)
            )
    return bodies


def split_bodies(value: str) -> list[str]:
    """Split a list of bodies on ';' and ',' without cutting a name in two."""
    pieces: list[str] = []
    for group in value.split(";"):
        current = ""
        for fragment in group.split(","):
            fragment = fragment.strip()
            if current and not starts_body(fragment):
                current = f"{current}, {fragment}" if fragment else current
                continue
            if current:
                pieces.append(current)
            current = fragment
        if current:
            pieces.append(current)
    cleaned = (TRAILING.sub("", piece).strip() for piece in pieces)
    return [piece for piece in cleaned if piece]


# Pure given the vocabulary (loaded once); a plan asks for the same few names ~180
# times (every list of bodies, every "A và B" split), ~110 µs each.
@lru_cache(maxsize=4096)
def canonical_name(raw: str) -> str | None:
    """The registry's name for a body as written, with its locality; None when unknown."""
    written = spaced(_expand(TRAILING.sub("", raw)))
    key = fold(written)
    for alias, name in _aliases():
        if key != alias and not key.startswith(alias + " "):
            continue
        tail = written[len(alias) :].strip()
        if not tail:
            return name
        locality = _locality(tail)
        if locality is not None:
            return f"{name} {locality}"
    return None


def _locality(tail: str) -> str | None:
    """'thị xã', 'trên địa bàn thị xã', 'trực thuộc Thị ủy' as the vocabulary spells it.

    Compared without diacritics, so that a slip of the pen ("UBND thi xã") still
    names the town's committee.
    """
    link = ""
    folded = normalise(tail)
    for candidate in sort_longest(items().bodies.locality_links):
        if folded.startswith(candidate + " "):
            link, tail = tail[: len(candidate)] + " ", tail[len(candidate) :].strip()
            break
    written = plain(tail)
    for locality, plain_locality in _localities():
        if written == plain_locality:
            return link + (tail if normalise(tail) == normalise(locality) else locality)
    return None


@cache
def _localities() -> list[tuple[str, str]]:
    return [(locality, plain(locality)) for locality in items().bodies.localities]


def merge(bodies: Bodies, role: Role, found: list[Body], words: str | None = None) -> Bodies:
    """Bodies with ``found`` added under ``role``, each marked with the ``words`` naming it."""
    if words is not None:
        found = [body.replaced(role=words) for body in found]
    current = getattr(bodies, role)
    return bodies.replaced(**{role: [*current, *found]})


def _split_joined(piece: str) -> list[str]:
    """'A và B' is two bodies when the registry knows both and not the whole."""
    if canonical_name(piece) is not None or " và " not in piece:
        return [piece]
    parts = [part.strip() for part in piece.split(" và ")]
    if all(canonical_name(part) is not None for part in parts):
        return parts
    return [piece]


def starts_body(fragment: str) -> bool:
    """Whether a piece of text opens a new body ("Phòng ...", "UBND ..."), not a name's tail."""
    folded = normalise(TRAILING.sub("", fragment))
    return any(
        folded == head or folded.startswith(head + " ")
        for head in sort_longest(items().bodies.heads)
    )


def _expand(raw: str) -> str:
    """Abbreviations written out: 'UBND thị xã' -> 'Ủy ban nhân dân thị xã'."""
    pattern, table = _abbreviations()
    return pattern.sub(lambda match: table[match.group(0)], raw)


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    table = body_registry().abbreviations
    shorts = sorted(table, key=len, reverse=True)
    alternatives = "|".join(re.escape(short) for short in shorts)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), table


@cache
def _aliases() -> list[tuple[str, str]]:
    """(normalised alias, canonical name), longest alias first."""
    pairs = [
        (normalise(alias), entry.name)
        for entry in body_registry().bodies
        for alias in entry.aliases
    ]
    return sorted(pairs, key=lambda pair: -len(pair[0]))
