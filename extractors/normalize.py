"""Arabic orthographic normalisation used for matching (never for output).

Output spans always quote the original text; these helpers only build keys for
lexicon look-ups and comparisons that must ignore diacritics, tatweel, hamza
and alef variants, alef maqsura and ta marbuta.
"""
from __future__ import annotations

import re

DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ڤ": "ف", "ک": "ك", "ی": "ي", "گ": "ك", "پ": "ب", "چ": "ج",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
})
# Bidi controls and zero-width characters a CMS may leave in text.
INVISIBLES_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_diacritics(text: str) -> str:
    return DIACRITICS_RE.sub("", text)


def normalize(text: str) -> str:
    """Matching key: no diacritics or tatweel, unified letter variants, single spaces."""
    text = INVISIBLES_RE.sub("", text or "")
    text = DIACRITICS_RE.sub("", text).translate(_LETTER_MAP)
    return " ".join(text.split())


def normalize_word(word: str) -> str:
    """Like normalize() for a single token (no whitespace handling)."""
    return DIACRITICS_RE.sub("", word).translate(_LETTER_MAP)
