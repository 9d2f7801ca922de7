"""Vietnamese syllable structure: onset + rhyme + tone, under the spelling rules.

A written syllable is an optional onset (initial consonant, "ngh", "qu", ...),
a rhyme (medial, nucleus vowel, optional coda) and one of six tones written as
a mark on the nucleus. The spelling rules decide which combinations are
possible: "nghiệp" is, "ngiệp" is not (``ngh`` before i/e/ê, ``ng`` elsewhere);
a rhyme ending in a stop (-p, -t, -c, -ch) takes only the sắc or nặng tone.

The rhyme inventory is data (``data/syllables.tsv`` is derived from attested
words, see ``build_data.py``); the rules here decide validity. Its rhymes ship
ready in ``data/rhymes.txt``, made from that very file (parsing its 7,700
syllables costs 40 ms, most of telling a clean document from a damaged one).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from functools import cache

from extract.resources import data_file
from extract.text import split_tone_marks

RHYMES = data_file("extract.repair", "rhymes.txt")
_RHYMES_HEADER = "# rhymes of syllables.tsv, sha256 "

# Combining marks of the five written tones, in NFD.
TONE_MARKS = {
    "\u0300": "huyen",
    "\u0301": "sac",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}

# Longest first, so that "ngh" wins over "ng" and "n".
ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)
STOP_CODAS = ("ch", "p", "t", "c")
CODAS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
FRONT_VOWELS = ("i", "e", "ê", "y")
VOWELS = frozenset("aăâeêioôơuưy")


def split_tone(syllable: str) -> tuple[str, str]:
    """Return the syllable without its tone mark, and the tone name ('ngang' if none)."""
    base, marks = split_tone_marks(syllable)
    return base, TONE_MARKS[marks[-1]] if marks else "ngang"


def split_onset(base: str) -> tuple[str, str]:
    """Split a toneless lowercase syllable into onset and rhyme.

    "gi" counts as the onset only when a vowel follows ("gìn" is gi + in,
    "gi" alone is g + i); "qu" always takes the u as part of the onset.
    """
    for onset in ONSETS:
        if base.startswith(onset):
            rest = base[len(onset) :]
            if onset == "gi" and (not rest or rest[0] not in VOWELS):
                return "g", base[1:]
            return onset, rest
    return "", base


@cache
def parse(syllable: str) -> tuple[str, str, str] | None:
    """Parse a lowercase syllable into (onset, rhyme, tone), or None when malformed.

    Only structure and spelling rules are checked here; whether the rhyme exists
    in Vietnamese is :func:`is_valid`'s question.
    """
    if not syllable or any(char.isupper() for char in syllable):
        return None
    base, tone = split_tone(syllable)
    if not base or len(base) > 7:
        return None
    if not base.isalpha():
        return None
    onset, rhyme = split_onset(base)
    if not _rhyme_shape_ok(rhyme):
        return None
    if not _spelling_allows(onset, rhyme, tone):
        return None
    return onset, rhyme, tone


def _rhyme_shape_ok(rhyme: str) -> bool:
    """A rhyme is one to three vowels and an optional coda from the closed list."""
    vowels = len(rhyme) - len(rhyme.lstrip("".join(VOWELS)))
    coda = rhyme[vowels:]
    return 1 <= vowels <= 3 and coda in CODAS


def _spelling_allows(onset: str, rhyme: str, tone: str) -> bool:
    """Apply the onset spelling rules (c/k/q, g/gh, ng/ngh) and the stop-tone rule."""
    front = rhyme[0] in FRONT_VOWELS
    if onset in ("k", "gh", "ngh") and not front:
        return False
    if onset in ("c", "ng") and front:
        return False
    if onset == "g" and rhyme[0] in ("e", "ê"):
        return False
    if rhyme.endswith(STOP_CODAS) and tone not in ("sac", "nang"):
        return False
    return True


# Rhymes whose tone mark the two conventions place differently: "hòa"/"hoà",
# "khỏe"/"khoẻ", "thủy"/"thuỷ" (with a coda, "hoàng", both put it on the nucleus).
MOVABLE_RHYMES = frozenset(("oa", "oe", "uy"))
MARK_OF_TONE = {name: mark for mark, name in TONE_MARKS.items()}


@cache
def canonical_placement(token: str) -> str:
    """A syllable with its tone mark where the older convention puts it ("hoà" -> "hòa").

    Documents use both conventions; the language model counts both as one
    word. Anything else comes back as it is.
    """
    parsed = parse(token)
    if parsed is None or parsed[2] == "ngang" or parsed[1] not in MOVABLE_RHYMES:
        return token
    onset, rhyme, tone = parsed
    return unicodedata.normalize("NFC", onset + rhyme[0] + MARK_OF_TONE[tone] + rhyme[1:])


def rhymes_of(syllables: Iterable[str]) -> frozenset[str]:
    """The rhymes of the well-formed syllables among ``syllables``."""
    return frozenset(parsed[1] for syllable in syllables if (parsed := parse(syllable)))


def rhymes_file_text(syllables_tsv: bytes) -> str:
    """``data/rhymes.txt`` for a syllable file: its fingerprint, then its rhymes one a line."""
    syllables = (row.split("\t")[0] for row in syllables_tsv.decode("utf-8").splitlines())
    rhymes = sorted(rhymes_of(syllable for syllable in syllables if syllable))
    return f"{_RHYMES_HEADER}{hashlib.sha256(syllables_tsv).hexdigest()}\n" + "".join(
        f"{rhyme}\n" for rhyme in rhymes
    )


def shipped_rhymes(syllables_tsv: bytes) -> frozenset[str] | None:
    """The rhymes shipped for this very syllable file, or None when they were made from another.

    A syllable file changed without ``build_data`` run again gets its rhymes
    parsed anew (slower, never wrong).
    """
    try:
        header, *rhymes = RHYMES.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None
    if header != _RHYMES_HEADER + hashlib.sha256(syllables_tsv).hexdigest():
        return None
    return frozenset(rhymes)


class SyllableRules:
    """Validity of syllables against a rhyme inventory."""

    def __init__(self, rhymes: frozenset[str] | None = None) -> None:
        """Keep the known rhymes (toneless, e.g. 'ương', 'iêp')."""
        self._rhymes = rhymes
        self._syllables: Iterable[str] = ()

    @classmethod
    def of_syllables(cls, syllables: Iterable[str]) -> SyllableRules:
        """Rules whose rhymes are those of ``syllables``, parsed when a rule is first asked.

        A clean document's words are nearly all in the inventory and never reach
        the rules; parsing every syllable for its rhyme (7,700 of them) is then saved.
        """
        rules = cls()
        rules._syllables = syllables
        return rules

    @property
    def rhymes(self) -> frozenset[str]:
        """The known rhymes."""
        if self._rhymes is None:
            self._rhymes = rhymes_of(self._syllables)
            self._syllables = ()
        return self._rhymes

    def is_valid(self, syllable: str) -> bool:
        """True when the lowercase syllable follows the rules and its rhyme is known."""
        parsed = parse(syllable)
        return parsed is not None and parsed[1] in self.rhymes
