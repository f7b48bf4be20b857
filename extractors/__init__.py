"""Arabic news event extraction: who met whom, where, when, and about what.

    >>> from extractors import get_pipeline
    >>> result = get_pipeline().extract(text, published_at="2020-12-27")
    >>> result["events"]

No Flask here: the HTTP service, the CLI and the benchmarks all call this library.
"""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path

RELEASE = "0.2.0"
# What the extractor's answers depend on: its code, its language data and its trained models.
_CONTENT_SUFFIXES = {".py", ".json", ".txt", ".tsv", ".crfsuite", ".bin"}
# Tools around the extractor that never change an answer.
_NOT_CONTENT = {"training", "backfill.py", "archive.py", "__main__.py", "__pycache__"}


def content_hash(root: Path = Path(__file__).parent) -> str:
    """A short hash of every file that decides what the extractor returns (training code excluded)."""
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.suffix not in _CONTENT_SUFFIXES or _NOT_CONTENT & set(relative.parts) or not path.is_file():
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Stored with every result: a change of rules, data or model is a new version.
__version__ = f"{RELEASE}+{content_hash()}"

_default = None
_default_lock = threading.Lock()


def get_pipeline():
    """The process-wide pipeline, built on first use (the Farasa model loads once).

    What it loaded lives as long as the process, so it is then moved out of the garbage
    collector's way (``gc.freeze``): full collections no longer walk the models and word tables
    (about a twentieth of the extraction time), and workers forked after it (gunicorn's
    ``preload_app``) do not copy their pages by touching them."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                import gc

                from .pipeline import Pipeline

                _default = Pipeline()
                gc.freeze()
    return _default


def extract(text: str, title=None, published_at=None, url=None) -> dict:
    return get_pipeline().extract(text, title=title, published_at=published_at, url=url)


__all__ = ["extract", "get_pipeline", "__version__"]
