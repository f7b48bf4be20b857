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
