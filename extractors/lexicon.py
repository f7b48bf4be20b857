"""Language data: lexicons kept as files under ``extractors/data``, loaded once."""
from __future__ import annotations


def load_lexicons():
    return {}
