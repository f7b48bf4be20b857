"""One phrase matcher over normalised token sequences.

Entries are phrases of one or more words, each stored under its ``normalize_word`` keys
(so hamza/alef forms, alef maqsura, ta marbuta and diacritics never matter). ``match``
scans a list of token keys left to right and returns, at each position, the longest entry
that starts there; the scan resumes after it, so spans never overlap.

Stored flat, for memory: one dict from each phrase and each proper prefix of a phrase (its
keys joined by a separator no token contains) to ``(entries, continues)``, where
``entries`` are the phrase's (label, payload) pairs (empty for a mere prefix) and
``continues`` says whether a longer phrase begins with it. Equal values are one shared tuple,
so the gazetteers' tens of thousands of phrases cost a string and a slot each, not a
dict, a list and a tuple per word as in a nested trie.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from .cache import WordCache
from .doc import TOKEN_RE
from .normalize import normalize_word

# Joins the keys of a phrase: the tokeniser never puts whitespace (\x1f is whitespace) in a token.
_SEP = "\x1f"
_NOTHING = ((), False)
# words memoised per matcher by ``first_keys``: those of a few articles (three matchers, under 1 MiB in all)
FIRST_KEYS_LIMIT = 4_000


class Match(NamedTuple):
    first: int      # index of the first token
    last: int       # one past the last token (tokens[first:last])
    label: str
    payload: object


_new_match = tuple.__new__   # ``Match(…)`` without the Python constructor namedtuple writes


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The normalised keys of a phrase's tokens, cut as the pipeline's tokeniser cuts text
    (لجنة 5+5 → لجنه، 5، +، 5), so an entry matches the tokens of its own text."""
    return tuple(normalize_word(m.group()) for m in TOKEN_RE.finditer(phrase))


class PhraseMatcher:
    def __init__(self):
        self._index: dict[str, tuple[tuple, bool]] = {}
        self._shared: dict = {}     # one object per distinct value
        self.longest = 0
        self.size = 0
        # callers' memo of the key each word begins a phrase under (entities.phrase_keys_of); add() empties it
        self.first_keys = WordCache(FIRST_KEYS_LIMIT)

    def _share(self, value):
        return self._shared.setdefault(value, value)

    def add(self, phrase, label: str, payload=None) -> None:
        """Add a phrase (a string, or a sequence of word keys already normalised)."""
        keys = phrase_keys(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not keys:
            return
        self.first_keys.clear()
        index = self._index
        prefix = None
        for key in keys[:-1]:
            prefix = key if prefix is None else prefix + _SEP + key
            entries, continues = index.get(prefix, _NOTHING)
            if not continues:
                index[prefix] = self._share((entries, True))
        joined = _SEP.join(keys)
        entries, continues = index.get(joined, _NOTHING)
        if not any(lab == label for lab, _ in entries):
            index[joined] = self._share((self._share(entries + ((label, payload),)), continues))
            self.size += 1
        self.longest = max(self.longest, len(keys))

    def add_all(self, phrases: Iterable[str], label: str, payload=None) -> None:
        for phrase in phrases:
            self.add(phrase, label, payload)

    def lookup(self, phrase) -> list[tuple[str, object]]:
        """The (label, payload) pairs stored for exactly this phrase."""
        keys = phrase_keys(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not keys:
            return []
        return list(self._index.get(_SEP.join(keys), _NOTHING)[0])

    def begins(self, key: str) -> bool:
        """Whether some phrase begins with this word key."""
        return key in self._index

    def first_begun(self, keys) -> str:
        """The first of ``keys`` some phrase begins with, else "" (one call for a word's
        options: a new word's, cold)."""
        index = self._index
        for key in keys:
            if key in index:
                return key
        return ""

    def first_words(self) -> list[str]:
        """Every word key a phrase begins with."""
        return [key for key in self._index if _SEP not in key]

    def starts(self, keys: list[str]) -> list[int]:
        """The positions of the keys some phrase begins with."""
        index = self._index
        return [k for k, key in enumerate(keys) if key in index]

    def __contains__(self, phrase) -> bool:
        return bool(self.lookup(phrase))

    def longest_at(self, keys: list[str], first: int, first_keys: list[str] | None = None,
                   last: int | None = None) -> tuple[int, tuple]:
        """(end, entries) of the longest phrase starting at ``keys[first]``; end == first if none.

        ``first_keys``: another key for each word when it begins a phrase (the word without its
        proclitics, بطرابلس → طرابلس, while inner words keep theirs); ``last``: the phrase ends
        by ``keys[last]`` (as in ``keys[:last]``, without the slice)."""
        best_end, best = first, ()
        end = len(keys) if last is None else last
        if first >= end:
            return best_end, best
        index = self._index
        joined = first_keys[first] if first_keys is not None else keys[first]
        value = index.get(joined)
        k = first + 1
        while value is not None:
            entries, continues = value
            if entries:
                best_end, best = k, entries
            if not continues or k >= end:
                break
            joined = joined + _SEP + keys[k]
            value = index.get(joined)
            k += 1
        return best_end, best

    def match(self, keys: list[str], first_keys: list[str] | None = None, starts: list[int] | None = None) -> list[Match]:
        """Non-overlapping matches over ``keys``, longest first at each position.

        A phrase stored under several labels gives one ``Match`` per label (same span).
        ``starts``: the positions whose word begins a phrase (``begins``), when the caller knows."""
        index = self._index
        found, end = [], 0
        # most words begin no phrase: only those that do are tried
        if starts is None:
            starts = self.starts(keys if first_keys is None else first_keys)
        for k in starts:
            if k < end:
                continue
            stop, entries = self.longest_at(keys, k, first_keys)
            if stop > k:
                for label, payload in entries:   # (a loop: no generator per match; the tuple made in C)
                    found.append(_new_match(Match, (k, stop, label, payload)))
                end = stop
        return found
