"""Which headings and leads announce targets: "Các chỉ tiêu chủ yếu", "... như sau:".

Words come from the items vocabulary (``sections``); a general goal ("Mục tiêu
chung") is prose, a heading a PDF wrote without its marked vowels is read again.
Used by ``extract.parse.targets`` to find where targets are listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.parse.vocabulary import items
from extract.text import normalise

# "a) ", "b. ", "đ) " before a heading's words; markup around them.
LETTER_LABEL = re.compile(r"^\s*[a-zđ][).]\s+")
MARKUP = " \t*#_"
# "I. ", "II- ", "2.1. " before a heading's words.
_NUMBER_LABEL = re.compile(r"^(?:[ivx]+|\d+(?:\.\d+)*)[.\-–)]\s*")
# A heading line is short; a line that long is a sentence about targets.
HEADING_WORDS = 16
# A sentence announces targets when these last words before its colon name them.
INTRO_WORDS = 9
# "... Cụ thể như sau" closing a lead without a colon: a list follows.
_AS_FOLLOWS = re.compile(r"(?:^|\s)(?:[Cc]ụ thể\s+)?như sau\s*$")
# Vowels with any mark, lower case (titles are compared folded to lower case).
_VOWEL = re.compile(r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
# "Mục tiêu 1: ...": a goal's own number, then its statement after the colon.
_NUMBERED_GOAL = re.compile(r"^\d{1,2}(?:\s*[:.]|$)")
# "* Về kinh tế:": a star, a space, then the group's words.
_STAR = re.compile(r"^\s*\*\s+(?=\S)")
# How many characters before a number are read to tell "Điều 1." from an item "1.".
_CITING_WINDOW = 24
# "1. " or "(1) " inside a line: the first item of a list run on after its lead.
_FIRST_INLINE_ITEM = re.compile(r"(?:^|\s)\(?1[.)]\s")
# "I. Về kinh tế", "II- Về xã hội": a group inside a line of targets.
INLINE_PART = re.compile(r"(?:^|\s)[IVX]{1,4}\s?[.\-–]\s+(?=[^\W\d_])")


def is_target_title(title: str) -> bool:
    """Whether a heading's words speak of targets ("Các chỉ tiêu chủ yếu", "Mục tiêu cụ thể")."""
    words = _title_words()
    folded = _folded_title(title)
    folded = _undamaged(folded)
    if not any(head in folded for head in (*words.target_heads, *words.goal_heads)):
        return False
    if reports_results(folded):
        return False  # "Các chỉ tiêu đã đạt được năm 2023" reports on the targets
    for quantifier in words.quantifiers:
        if folded.startswith(f"{quantifier} "):
            folded = folded[len(quantifier) + 1 :]
            break
    if any(_opens(folded, head) for head in words.target_heads):
        return True
    for head in words.goal_heads:
        if _opens(folded, head):
            rest = folded[len(head) :].strip()
            if any(target in rest for target in words.target_heads):
                return True  # "MỤC TIÊU VÀ CHỈ TIÊU"
            if _NUMBERED_GOAL.match(rest):
                return False  # "Mục tiêu 1: Tiếp tục cải thiện ...": one goal, stated
            return bool(rest) and not any(_opens(rest, word) for word in words.general)
    return False


def reports_results(text: str) -> bool:
    """Whether words of a heading or lead report results instead of setting levels.

    "Các chỉ tiêu đã đạt được", "Kết quả thực hiện các chỉ tiêu", "Tình hình thực hiện
    ..." report; "Mục tiêu, chỉ tiêu cần đạt được năm 2018" sets what is to be reached:
    a result word after a word of intent (data ``intent_words``: "cần", "phấn đấu") is none.
    """
    folded = normalise(text)
    words = items().sections
    intents = {normalise(word) for word in words.intent_words}
    for word in words.result_words:
        result = normalise(word)
        if result not in folded:
            continue  # most headings hold no result word: no pattern to run (issue 18)
        for found in re.finditer(rf"(?<!\w){re.escape(result)}(?!\w)", folded):
            before = folded[: found.start()].rstrip()
            if not any(before == i or before.endswith(f" {i}") for i in intents):
                return True
    return False


def _undamaged(folded: str) -> str:
    """The heading a PDF wrote without its marked vowels ("mc tiêu c thể"), else as it is.

    Only a title with a word left without any vowel is compared: every Vietnamese
    syllable has one, so such a word lost glyphs.
    """
    words = folded.split()
    if not words or all(_VOWEL.search(word) for word in words):
        return folded
    for pattern, phrase in _damaged_heads():
        if pattern.fullmatch(folded):
            return phrase
    return folded


@cache
def _damaged_heads() -> tuple[tuple[re.Pattern[str], str], ...]:
    heads = []
    for head in items().sections.damaged_heads:
        phrase = normalise(head)
        written = "".join(
            f"{re.escape(char)}?" if _VOWEL.match(char) else re.escape(char) for char in phrase
        )
        heads.append((re.compile(written), phrase))
    return tuple(heads)


def lists_goals(title: str) -> bool:
    """Whether a heading lists goals among other parts: "PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ".

    One of its parts opens on a goal or target head not qualified as broad ("Mục
    tiêu chung"). Such a heading holds targets or prose; ``extract.parse.targets``
    decides by what its items set.
    """
    words = _title_words()
    folded = _NUMBER_LABEL.sub("", _folded_title(title))
    if not any(head in folded for head in (*words.target_heads, *words.goal_heads)):
        return False
    if reports_results(folded):
        return False  # "TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU NĂM 2024" reports
    for part in _parts_pattern().split(folded):
        part = part.strip()
        for head in (*words.target_heads, *words.goal_heads):
            if _opens(part, head):
                rest = part[len(head) :].strip()
                if not any(_opens(rest, word) for word in words.broad):
                    return True
    return False


@cache
def _parts_pattern() -> re.Pattern[str]:
    separators = sorted(items().sections.part_separators, key=len, reverse=True)
    return re.compile("|".join(re.escape(separator) for separator in separators))


def is_general_goal(title: str) -> bool:
    """'Mục tiêu chung', 'Mục tiêu tổng quát': prose goals, even inside a part of targets."""
    words = _title_words()
    folded = _folded_title(title)
    for head in words.goal_heads:
        if _opens(folded, head):
            rest = folded[len(head) :].strip()
            return any(_opens(rest, word) for word in words.general)
    return False


def is_bare_heading(title: str) -> bool:
    """A heading of only a goal or target head: "1. Mục tiêu", "Chỉ tiêu:", "CÁC MỤC TIÊU".

    It names the part and states nothing itself: what follows it on the next lines is
    the part's text (a paragraph of goals, or a list), never the heading's own target.
    """
    words = _title_words()
    folded = _strip_quantifier(_NUMBER_LABEL.sub("", _folded_title(title)))
    return folded in (*words.target_heads, *words.goal_heads)


def _strip_quantifier(folded: str) -> str:
    for quantifier in _title_words().quantifiers:
        if folded.startswith(f"{quantifier} "):
            return folded[len(quantifier) + 1 :]
    return folded


@dataclass(frozen=True)
class _TitleWords:
    target_heads: tuple[str, ...]
    goal_heads: tuple[str, ...]
    general: tuple[str, ...]
    quantifiers: tuple[str, ...]
    broad: tuple[str, ...]


@cache
def _title_words() -> _TitleWords:
    words = items().sections
    return _TitleWords(
        tuple(normalise(word) for word in words.target_heads),
        tuple(normalise(word) for word in words.goal_heads),
        tuple(normalise(word) for word in words.general_goals),
        tuple(sorted((normalise(word) for word in words.title_quantifiers), key=len, reverse=True)),
        tuple(normalise(word) for word in words.broad_goals),
    )


def _folded_title(title: str) -> str:
    return normalise(LETTER_LABEL.sub("", title.strip(MARKUP))).rstrip(" :.")


def is_heading_line(text: str) -> bool:
    """A line that opens with a target heading, or whose last words announce the list.

    The heading is short or carries its list on the line ("CÁC CHỈ TIÊU CHỦ YẾU ... 1.
    ..."); an announcing sentence ends "... đã đưa ra 12 chỉ tiêu chủ yếu sau:".
    """
    words = heading_words(text)
    if words and is_target_title(words):
        if len(words.split()) <= HEADING_WORDS or _bare_title(text, words):
            return True
    return introduces_targets(text)


def titles_alone(text: str) -> bool:
    """A title of targets alone on its line, opening on a capital: no colon, no stop.

    After an unfinished line (a page's category "Văn hoá – Xã hội", an image caption)
    it still stands on its own: a sentence wrapped onto the next line goes on in lower case.
    """
    words = heading_words(text)
    return (
        bool(words) and words[:1].isupper() and is_target_title(words) and _bare_title(text, words)
    )


def _bare_title(text: str, words: str) -> bool:
    """A long title alone on its line: no colon, no list, no punctuation of a sentence.

    "Một số Chỉ tiêu chủ yếu về việc phát triển sự nghiệp giáo dục và đào tạo tỉnh Thừa
    Thiên Huế" names its subject at length; a sentence about targets has commas or a stop.
    """
    return words == text.strip(MARKUP) and not re.search(r"[,;.!?]", words)


def cites_a_part(text: str, position: int) -> bool:
    """Whether the number at ``position`` follows a noun that cites a part: "Điều 1.".

    Such a "1." or "(2)" is a reference inside a sentence, no item of a list run on
    in the line (data ``reference_nouns``).
    """
    # A few words before the number are enough: the work stays linear in a long line.
    before = normalise(text[max(0, position - _CITING_WINDOW) : position]).rstrip()
    nouns = (normalise(noun) for noun in items().sections.reference_nouns)
    return any(before == noun or before.endswith(f" {noun}") for noun in nouns)


def introduces_targets(text: str) -> bool:
    """Whether a sentence ends by announcing targets, before a colon or an inline "1."."""
    written = text.strip(MARKUP).rstrip()
    follows = _AS_FOLLOWS.search(written)
    if follows is not None and not written.endswith(":"):
        return _assigns_targets(written[: follows.start()])
    if written.endswith(":"):
        return _names_targets(written[:-1])
    first_item = next(
        (
            item
            for item in _FIRST_INLINE_ITEM.finditer(written)
            if not cites_a_part(written, item.start() + len(item[0]) - len(item[0].lstrip()))
        ),
        None,
    )
    if first_item is None:
        return False
    # The lead is the heading part of the line ("CÁC CHỈ TIÊU ... I. Về kinh tế ... 1.")
    # or what stands just before the list's first number, whatever colons the paragraph
    # has earlier ("... nghe đồng chí: Nguyễn Văn A ... 12 chỉ tiêu chủ yếu đó là: (1) ...").
    before_first = written[: first_item.start()].rstrip(" :")
    return _names_targets(heading_words(written)) or _names_targets(before_first)


def _names_targets(intro: str) -> bool:
    """Whether a lead names targets it sets, not results it reports.

    Its last clause names them ("... 12 chỉ tiêu chủ yếu sau"), or its last sentence
    sets them with a verb before a linking clause ("..., trong đó thống nhất đưa ra 12
    chỉ tiêu chủ yếu cần phấn đấu trong năm 2020, bao gồm").
    """
    clause = re.split(r"[,;]\s|\.\s", intro)[-1]
    if reports_results(clause):
        return False  # "Kết quả thực hiện các chỉ tiêu như sau:" reports, sets nothing
    words = clause.split()[-INTRO_WORDS:]
    if any(is_target_title(" ".join(words[start:])) for start in range(len(words))):
        return True
    return _assigns_targets(re.split(r"\.\s", intro)[-1])


def _assigns_targets(text: str) -> bool:
    """'... ban hành Quyết định ... về việc giao chỉ tiêu ...': a verb that sets targets.

    A lead that ends "Cụ thể như sau" without a colon announces its list when the
    sentence before names targets after a verb that sets them (data ``target_verbs``).
    """
    if reports_results(text):
        return False
    return _assigning().search(normalise(text)) is not None


@cache
def _assigning() -> re.Pattern[str]:
    words = items().sections
    verbs = "|".join(re.escape(normalise(verb)) for verb in words.target_verbs)
    quantifiers = "|".join(re.escape(normalise(word)) for word in words.title_quantifiers)
    heads = "|".join(re.escape(normalise(head)) for head in words.target_heads)
    counted = rf"(?:(?:{quantifiers})\s+)?(?:\d+\s+)?"  # "đề ra 12 chỉ tiêu", "giao các chỉ tiêu"
    return re.compile(rf"(?<!\w)(?:{verbs})\s+{counted}(?:{heads})(?!\w)")


def star_group(text: str) -> bool:
    """A group line marked by a star in a list of targets: "* Về kinh tế:", "* Về xã hội".

    It ends the item above it; a star before other words (a footnote "* Theo đánh giá
    lại ...", emphasis "*Thời gian ...*") is no group.
    """
    star = _STAR.match(text)
    if star is None:
        return False
    rest = text[star.end() :].strip()
    folded = normalise(rest)
    openers = (normalise(word) for word in items().sections.group_openers)
    return rest.endswith(":") or any(folded.startswith(f"{word} ") for word in openers)


def heading_words(text: str) -> str:
    """The heading part of a line: up to a colon, a group "I. Về ...", or an inline "1."."""
    written = text.strip(MARKUP)
    cut = len(written)
    for pattern in (r":", r"(?:^|\s)\(?1[.)]\s", INLINE_PART.pattern):
        found = re.search(pattern, written)
        if found is not None and found.start() > 0:
            cut = min(cut, found.start())
    heading = written[:cut].strip()
    if cut == len(written) and heading.endswith((".", ";")):
        return ""  # a sentence that mentions targets, not a heading
    return heading


def _opens(folded: str, head: str) -> bool:
    return folded == head or folded.startswith((f"{head} ", f"{head},", f"{head}:"))
