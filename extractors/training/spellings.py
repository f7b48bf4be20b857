"""The development articles as other outlets would write them, for ``make eval``.

Outlets differ in orthography more than in wording: some vowel words partly, stretch them with
tatweel, leave bidi marks between words, type Latin commas, write every final ي as ى (Egypt),
drop the hamza of an initial alif, or use a Persian keyboard. Each way below rewrites an
article's text and title alike (the gold annotation is compared after the scorer's own
normalisation, which ignores all of these), so the score of a rewritten set against the plain
one says how much the engine depends on one outlet's spelling.
"""
from __future__ import annotations

import random
import re

_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_SHORT_VOWELS = "\u064e\u064f\u0650\u0652\u0651"   # fatha, damma, kasra, sukun, shadda
_LONG_VOWELS = "\u0627\u0648\u064a\u0649"
_TANWEEN_FATH = "\u064b"
_ARTICLE = "\u0627\u0644"


def diacritics(text: str, rng: random.Random) -> str:
    """Two words in five partly vowelled, an indefinite accusative in ا with its tanween."""
    def vowel(match):
        word = match.group(0)
        if rng.random() > 0.4:
            return word
        letters = [ch + (rng.choice(_SHORT_VOWELS) if ch not in _LONG_VOWELS and rng.random() < 0.5 else "")
                   for ch in word]
        ending = _TANWEEN_FATH if word.endswith("\u0627") and _ARTICLE not in word[:3] and rng.random() < 0.5 else ""
        return "".join(letters) + ending
    return _ARABIC_WORD.sub(vowel, text)


def tatweel(text: str, rng: random.Random) -> str:
    return _ARABIC_WORD.sub(lambda m: m.group(0) if len(m.group(0)) < 4 or rng.random() > 0.15
                            else m.group(0)[:2] + "\u0640" + m.group(0)[2:], text)


def bidi_marks(text: str, rng: random.Random) -> str:
    return re.sub(" ", lambda m: "\u200f " if rng.random() < 0.05 else " ", text)


def latin_commas(text: str, rng: random.Random) -> str:
    return text.replace("\u060c", ",")


def egyptian_final_ya(text: str, rng: random.Random) -> str:
    return re.sub("\u064a\\b", "\u0649", text)


def hamza_dropped(text: str, rng: random.Random) -> str:
    return re.sub("[\u0623\u0625\u0622]", "\u0627", text)


def persian_letters(text: str, rng: random.Random) -> str:
    return text.replace("\u0643", "\u06a9").replace("\u064a", "\u06cc")


SPELLINGS = {"diacritics": diacritics, "tatweel": tatweel, "bidi marks": bidi_marks,
             "Latin commas": latin_commas, "Egyptian final ya": egyptian_final_ya,
             "hamza dropped": hamza_dropped, "Persian letters": persian_letters}


def rewritten(articles: list[dict], way: str) -> list[dict]:
    """``articles`` with text and title written ``way`` (the same random choices every run)."""
    spell = SPELLINGS[way]
    return [dict(a, text=spell(a["text"], random.Random(a["id"])),
                 title=spell(a["title"], random.Random(a["id"])) if a.get("title") else a.get("title"))
            for a in articles]
