"""A small bounded memo for per-word work that repeats across articles."""
from __future__ import annotations

DEFAULT_WORD_CACHE = 20_000


class WordCache(dict):
    """A dict that empties itself when full: the words of the next articles refill it.

    Cheaper than an LRU on the hot path (a plain dict look-up), and its size never
    passes ``limit``, whatever text is sent.
    """

    def __init__(self, limit: int = DEFAULT_WORD_CACHE):
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
