"""The extractor version names the rules, data and models that produced a result."""
import shutil
from pathlib import Path

import extractors
from extractors import content_hash


def test_version_carries_the_content_hash():
    assert extractors.__version__ == f"{extractors.RELEASE}+{content_hash()}"


def test_a_data_change_changes_the_hash(tmp_path):
    root = tmp_path / "extractors"
    shutil.copytree(Path(extractors.__file__).parent, root,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = content_hash(root)
    with open(root / "data" / "first_names.txt", "a", encoding="utf-8") as fh:
        fh.write("مرتضى\n")
    assert content_hash(root) != before


def test_training_code_does_not_change_the_hash(tmp_path):
    root = tmp_path / "extractors"
    shutil.copytree(Path(extractors.__file__).parent, root,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = content_hash(root)
    (root / "training" / "notes.py").write_text("# how the models were built\n", encoding="utf-8")
    assert content_hash(root) == before
