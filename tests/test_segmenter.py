import pytest

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


def test_both_pyfarasa_memos_stay_bounded_under_unseen_words():
    import random

    from farasa import fitTemplateClass, segmentation

    engine = load_engine({"FARASA_ENGINE": "pyfarasa"})
    memos = (engine.memo, engine.template_memo)
    assert segmentation.hmSeenBefore is engine.memo and fitTemplateClass.hmSeenBefore is engine.template_memo
    limits = [m.limit for m in memos]
    try:
        for m in memos:
            m.limit = 100
        rng = random.Random(7)
        letters = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
        words = ["".join(rng.choice(letters) for _ in range(7)) for _ in range(400)]
        engine.segment_words(words)
        assert all(len(m.recent) <= 100 for m in memos)
        assert len(engine.memo.recent) == 100  # it did learn, up to the bound
    finally:
        for m, limit in zip(memos, limits):
            m.limit = limit


def test_encoded_key_map_answers_like_the_dict_it_empties():
    from extractors.segmenter import EncodedKeyMap

    original = {"كتاب": -5.25, "مكتبة": -7.5, "قلم": -5.25, "x": 1}
    source = dict(original)
    compact = EncodedKeyMap.emptying(source, {}, batch=3)
    assert source == {} and len(compact) == len(original)
    for key in ("كتاب", "مكتبة", "قلم", "x", "كتب", "", "\ud800"):
        assert (key in compact) == (key in original)
        assert compact.get(key) == original.get(key)
        assert compact.get(key, -99.0) == original.get(key, -99.0)
    assert compact["قلم"] == -5.25 and compact["كتاب"] is compact["قلم"]   # equal values shared
    assert None not in compact and compact.get(None, 0) == 0 and "كتاب".encode() not in compact
    with pytest.raises(KeyError):
        compact["كتب"]


def test_pyfarasa_word_tables_are_compact_and_still_read():
    from farasa import segmentation

    from extractors.segmenter import COMPACT_TABLES, EncodedKeyMap

    engine = load_engine({"FARASA_ENGINE": "pyfarasa"})
    assert all(isinstance(getattr(segmentation, name), EncodedKeyMap) for name in COMPACT_TABLES)
    assert engine.segment_words(["والمكتبات"]) == [["و", "ال", "مكتب", "ات"]]
    assert segmentation.wordCount.get("مكتبة", -99.0) > -99.0
