"""Arabic news event extraction: who met whom, where, when, and about what.

    >>> from extractors import get_pipeline
    >>> result = get_pipeline().extract(text, published_at="2020-12-27")
    >>> result["events"]

No Flask here: the HTTP service, the CLI and the benchmarks all call this library.
"""
from __future__ import annotations

import threading

__version__ = "0.1.0"

_default = None
_default_lock = threading.Lock()


def get_pipeline():
    """The process-wide pipeline, built on first use (the Farasa model loads once)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                from .pipeline import Pipeline

                _default = Pipeline()
    return _default


def extract(text: str, title=None, published_at=None, url=None) -> dict:
    return get_pipeline().extract(text, title=title, published_at=published_at, url=url)


__all__ = ["extract", "get_pipeline", "__version__"]
