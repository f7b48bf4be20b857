"""Arabic orthographic normalisation used for matching (never for output).

Output spans always quote the original text; these helpers only build keys for
lexicon look-ups and comparisons that must ignore diacritics, tatweel, hamza
and alef variants, alef maqsura and ta marbuta.
"""
from __future__ import annotations

import re

from .cache import WordCache

DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# the same marks one by one (for str.strip)
DIACRITIC_MARKS = "".join(map(chr, (*range(0x610, 0x61b), *range(0x64b, 0x660), 0x670, *range(0x6d6, 0x6ee), 0x640)))
# Bidi controls and zero-width characters a CMS may leave in text.
INVISIBLES_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Everything matching deletes: diacritics, Quranic marks, tatweel, invisibles.
DELETE_RE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+"
)
# One character in, one character out (offset maps rely on it): hamza and alef forms,
# alef maqsura, ta marbuta, Persian and presentation forms, Arabic-Indic and Persian digits.
LETTER_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه",
    "ﻫ": "ه", "ﻪ": "ه", "ﻬ": "ه", "ﻩ": "ه", "ؤ": "و", "ک": "ك", "گ": "ك",
    "ڤ": "ف", "پ": "ب", "چ": "ج",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "\u00a0": " ", "\u202f": " ", "\u2007": " ",
})
# The Latin comma, semicolon and question mark some outlets type for the Arabic ones (for
# features that read punctuation; dates written in English keep their comma).
ARABIC_PUNCTUATION = str.maketrans({",": "،", ";": "؛", "?": "؟"})


# Persian keyboards' kaf and yeh, which Farasa's model and our word lists do not hold
PERSIAN_KAF, PERSIAN_YEH = "\u06a9", "\u06cc"
PERSIAN_LETTERS = str.maketrans({PERSIAN_KAF: "\u0643", PERSIAN_YEH: "\u064a"})
# What ``DELETE_RE`` deletes beside the diacritic marks: bidi controls and zero-width characters.
INVISIBLE_MARKS = "".join(map(chr, (*range(0x200b, 0x2010), *range(0x202a, 0x202f), *range(0x2066, 0x206a), 0xfeff)))
# The deletions and the letters' table as one table (no character is both deleted and mapped):
# one pass over a word instead of a regular expression and then a table, for the thousands
# of words normalised in an article
_AS_KEY = {**dict.fromkeys(map(ord, DIACRITIC_MARKS + INVISIBLE_MARKS)), **LETTER_MAP}
_AS_WRITTEN = {**dict.fromkeys(map(ord, DIACRITIC_MARKS)), **PERSIAN_LETTERS}


def strip_diacritics(text: str) -> str:
    return DIACRITICS_RE.sub("", text)


def written_form(text: str) -> str:
    """A word as written, for checks that normalisation would blur (ى against ي, ة against ه,
    أمام against إمام): without diacritics, and in Arabic letters where a Persian keyboard typed it."""
    return text.translate(_AS_WRITTEN)


def normalize(text: str) -> str:
    """Matching key: no diacritics or tatweel, unified letter variants, single spaces."""
    return " ".join((text or "").translate(_AS_KEY).split())


# spans of a few dozen articles (under 1 MiB): most repeats are within one article
_TEXT_KEYS = WordCache(5_000)


def text_key(text: str) -> str:
    """``normalize(text)``, remembered: the pipeline asks again for the same spans (an agenda
    phrase each time a list of them is merged, a name each time it is mentioned)."""
    key = _TEXT_KEYS.get(text)
    return _TEXT_KEYS.put(text, normalize(text)) if key is None else key


def normalize_word(word: str) -> str:
    """Like normalize() for a single token (no whitespace handling): what ``DELETE_RE``
    matches deleted, then ``LETTER_MAP``."""
    return word.translate(_AS_KEY)
