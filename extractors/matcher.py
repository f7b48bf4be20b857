"""One phrase matcher: a trie over normalised token sequences.

Entries are phrases of one or more words, each stored under its ``normalize_word`` keys
(so hamza/alef forms, alef maqsura, ta marbuta and diacritics never matter). ``match``
scans a list of token keys left to right and returns, at each position, the longest entry
that starts there; the scan resumes after it, so spans never overlap.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from .doc import TOKEN_RE
from .normalize import normalize_word

# trie key holding the (label, payload) pairs of the phrase ending at a node: not a string, so no
# word key reaches it (a token of bidi marks alone normalises to "")
_END = None


class Match(NamedTuple):
    first: int      # index of the first token
    last: int       # one past the last token (tokens[first:last])
    label: str
    payload: object


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The normalised keys of a phrase's tokens, cut as the pipeline's tokeniser cuts text
    (لجنة 5+5 → لجنه، 5، +، 5), so an entry matches the tokens of its own text."""
    return tuple(normalize_word(m.group()) for m in TOKEN_RE.finditer(phrase))


class PhraseMatcher:
    def __init__(self):
        self._root: dict = {}
        self.longest = 0
        self.size = 0

    def add(self, phrase, label: str, payload=None) -> None:
        """Add a phrase (a string, or a sequence of word keys already normalised)."""
        keys = phrase_keys(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not keys:
            return
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        entries = node.setdefault(_END, [])
        if not any(lab == label for lab, _ in entries):
            entries.append((label, payload))
            self.size += 1
        self.longest = max(self.longest, len(keys))

    def add_all(self, phrases: Iterable[str], label: str, payload=None) -> None:
        for phrase in phrases:
            self.add(phrase, label, payload)

    def lookup(self, phrase) -> list[tuple[str, object]]:
        """The (label, payload) pairs stored for exactly this phrase."""
        keys = phrase_keys(phrase) if isinstance(phrase, str) else tuple(phrase)
        node = self._root
        for key in keys:
            node = node.get(key)
            if node is None:
                return []
        return list(node.get(_END, ()))

    def begins(self, key: str) -> bool:
        """Whether some phrase begins with this word key."""
        return key in self._root

    def __contains__(self, phrase) -> bool:
        return bool(self.lookup(phrase))

    def longest_at(self, keys: list[str], first: int, first_keys: list[str] | None = None) -> tuple[int, list]:
        """(end, entries) of the longest phrase starting at ``keys[first]``; end == first if none.

        ``first_keys``: another key for each word when it begins a phrase (the word without its
        proclitics, بطرابلس → طرابلس, while inner words keep theirs)."""
        node, best_end, best = self._root, first, []
        k = first
        while k < len(keys):
            node = node.get(first_keys[k] if first_keys is not None and k == first else keys[k])
            if node is None:
                break
            k += 1
            entries = node.get(_END)
            if entries:
                best_end, best = k, entries
        return best_end, best

    def match(self, keys: list[str], first_keys: list[str] | None = None) -> list[Match]:
        """Non-overlapping matches over ``keys``, longest first at each position.

        A phrase stored under several labels gives one ``Match`` per label (same span)."""
        found, k = [], 0
        while k < len(keys):
            end, entries = self.longest_at(keys, k, first_keys)
            if end > k:
                found.extend(Match(k, end, label, payload) for label, payload in entries)
                k = end
            else:
                k += 1
        return found
