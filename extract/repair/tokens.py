"""Turn text into the tokens the syllable language model counts.

Tokens are lowercase syllables, punctuation marks, and two classes for what
is neither: ``<num>`` (anything with a digit) and ``<x>`` (acronyms, foreign
words). Case is not part of the token: it is decided separately.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from extract.repair.syllables import canonical_placement

NUMBER = "<num>"
OTHER = "<x>"
START = "<s>"
# Stands for a lost glyph in patterns; neither a letter nor punctuation.
BLANK = "_"

# Punctuation that stands as its own token; the rest of a run is the core.
PUNCTUATION = frozenset(".,;:!?()[]\"'“”‘’«»…-–—/%*")
_PUNCTUATION_CHARS = "".join(sorted(PUNCTUATION))  # for str.strip, which takes a string
_WORD_CHARS = re.compile(r"^[^\W\d_]+$")


def split_run(run: str) -> tuple[str, str, str]:
    """Split a run of non-space characters into leading punctuation, core, trailing punctuation."""
    start = len(run) - len(run.lstrip(_PUNCTUATION_CHARS))
    end = max(start, len(run.rstrip(_PUNCTUATION_CHARS)))
    return run[:start], run[start:end], run[end:]


def core_token(core: str, is_syllable: object) -> str:
    """The model token of a core: the lowercase syllable, ``<num>`` or ``<x>``.

    A syllable's tone mark is placed one way for all documents ("hoà" -> "hòa"),
    so that the model counts both spellings as one word.

    Args:
        core: A run without surrounding punctuation.
        is_syllable: Callable telling whether a lowercase string is a valid syllable.

    """
    if any(char.isdigit() for char in core):
        return NUMBER
    lower = core.lower()
    if _WORD_CHARS.match(core) and _case_is_plain(core) and is_syllable(lower):  # type: ignore[operator]
        return canonical_placement(lower)
    return OTHER


def _case_is_plain(core: str) -> bool:
    """Lowercase, Capitalised or UPPER: the shapes a Vietnamese syllable is written in."""
    return core.islower() or core.isupper() or (core[0].isupper() and core[1:].islower())


def tokenize(text: str, is_syllable: object, keep_case: bool = False) -> list[str]:
    """Tokens of one line of text, in order.

    Args:
        text: One line.
        is_syllable: Callable telling whether a lowercase string is a valid syllable.
        keep_case: Keep syllables as written (for learning capitalisation).

    """
    tokens: list[str] = []
    for run in unicodedata.normalize("NFC", text).split():
        tokens.extend(_run_tokens(run, is_syllable, keep_case))
    return tokens


# A document repeats its words, and repair tokenizes each line several times (the
# case model, the lines worth decoding, each pass's context and evidence).
@functools.lru_cache(maxsize=1 << 15)
def _run_tokens(run: str, is_syllable: object, keep_case: bool) -> tuple[str, ...]:
    """The tokens of one run of non-space characters (see :func:`tokenize`)."""
    lead, core, trail = split_run(run)
    if not core:
        return (*lead, *trail)
    token = core_token(core, is_syllable)
    return (*lead, core if keep_case and token not in (NUMBER, OTHER) else token, *trail)


def is_fragment(core: str, is_syllable: object) -> bool:
    """Whether a core of letters cannot be a word: no syllable, no acronym ("HĐND").

    In a garbled document such a core ("Th", "qu", "dâ") is what a lost glyph leaves.
    """
    if not core or not _WORD_CHARS.match(core):
        return False
    if len(core) >= 2 and core.isupper():
        return False
    return not _case_is_plain(core) or not is_syllable(core.lower())  # type: ignore[operator]
