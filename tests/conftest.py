import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def pipeline():
    from extractors import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def shared_dir():
    assert SHARED.is_dir(), f"shared data not found at {SHARED}"
    return SHARED
