from extractors.segmenter import BoundedMemo, load_engine


def test_bounded_memo_keeps_base_and_evicts_oldest_new_entries():
    memo = BoundedMemo({"كتاب": "كتاب"}, limit=2)
    memo["أ"] = "1"
    memo["ب"] = "2"
    memo["ج"] = "3"
    assert "كتاب" in memo
    assert "أ" not in memo and memo["ب"] == "2" and memo["ج"] == "3"
    assert len(memo.recent) == 2


def test_pyfarasa_splits_clitics():
    engine = load_engine({"FARASA_ENGINE": "pyfarasa"})
    parts = engine.segment_words(["وبطرابلس", "بالعاصمة", "فتحي"])
    assert parts[0] == ["و", "ب", "طرابلس"]
    assert parts[1][:2] == ["ب", "ال"]
    assert parts[2] == ["فتحي"]
