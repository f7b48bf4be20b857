"""A small bounded memo for per-word work that repeats across articles."""
from __future__ import annotations

import weakref

DEFAULT_WORD_CACHE = 20_000

# every per-word memo in use (weakly held: a memo that goes drops out), for ``forget_every_word``
_MEMOS: list[weakref.ref] = []


def remembered(memo):
    """Register ``memo`` (anything with ``clear()``) as a per-word memo; returns it."""
    _MEMOS.append(weakref.ref(memo, _MEMOS.remove))
    return memo


def forget_every_word() -> int:
    """Empty every per-word memo in use (what the pipeline learned of the words it saw), so
    that the next text is met as a service meets words it has never seen; the number emptied.
    The segmenter's memo is the engine's own (``bench.inprocess.clear_memo``)."""
    memos = [memo for memo in [ref() for ref in list(_MEMOS)] if memo is not None]
    for memo in memos:
        memo.clear()
    return len(memos)


class WordCache(dict):
    """A dict that empties itself when full: the words of the next articles refill it.

    Cheaper than an LRU on the hot path (a plain dict look-up), and its size never
    passes ``limit``, whatever text is sent.
    """

    def __init__(self, limit: int = DEFAULT_WORD_CACHE):
        super().__init__()
        self.limit = limit
        remembered(self)

    def put(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
