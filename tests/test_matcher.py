"""The phrase matcher: a trie over normalised word keys, longest match first."""
from extractors.matcher import Match, PhraseMatcher, phrase_keys
from extractors.normalize import normalize_word


def keys_of(sentence: str) -> list[str]:
    return [normalize_word(w) for w in sentence.split()]


def make_matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    m.add("تل أبيب", "city", "IL")
    m.add("شرم الشيخ", "city", "EG")
    m.add("الشيخ", "honorific")
    m.add("مجلس الأمن", "org")
    m.add("مجلس الأمن الدولي", "org")
    m.add("القاهرة", "city", "EG")
    return m


def test_multiword_entries_return_token_spans():
    sentence = "وصل الوفد إلى تل أبيب ثم توجه إلى شرم الشيخ مساء الأحد"
    found = make_matcher().match(keys_of(sentence))
    assert found == [Match(3, 5, "city", "IL"), Match(8, 10, "city", "EG")]
    words = sentence.split()
    assert [" ".join(words[m.first:m.last]) for m in found] == ["تل أبيب", "شرم الشيخ"]


def test_longest_entry_wins_and_spans_do_not_overlap():
    found = make_matcher().match(keys_of("ناقش مجلس الأمن الدولي الأزمة مع الشيخ"))
    assert found == [Match(1, 4, "org", None), Match(6, 7, "honorific", None)]


def test_a_prefix_of_an_entry_alone_does_not_match():
    assert make_matcher().match(keys_of("وصل إلى تل مرتفع")) == []


def test_matching_ignores_hamza_ta_marbuta_and_diacritics():
    m = PhraseMatcher()
    m.add("الأمم المتحدة", "org")
    assert m.match(keys_of("قالت الامم المتحده إن")) == [Match(1, 3, "org", None)]
    assert m.match(keys_of("قالت الأُمَم المتّحدة إن")) == [Match(1, 3, "org", None)]


def test_one_phrase_under_two_labels_gives_one_match_per_label():
    m = PhraseMatcher()
    m.add("الكويت", "country", "KWT")
    m.add("الكويت", "city", "KW")
    m.add("الكويت", "city", "KW")      # a repeat is stored once
    assert m.match(keys_of("زار الكويت")) == [Match(1, 2, "country", "KWT"), Match(1, 2, "city", "KW")]
    assert m.size == 2


def test_lookup_and_contains_take_phrases_or_keys():
    m = make_matcher()
    assert m.lookup("القاهره") == [("city", "EG")]
    assert phrase_keys("تل أبيب") in m
    assert "تل" not in m
    assert m.longest == 3


def test_an_empty_word_key_is_no_entry():
    # a token of bidi marks alone (\u200f) normalises to "": it neither matches nor breaks a match
    m = make_matcher()
    assert m.match(["القاهره", "", "تل", "ابيب"]) == [Match(0, 1, "city", "EG"), Match(2, 4, "city", "IL")]
    assert m.lookup([""]) == [] and m.lookup(["القاهره", ""]) == []


def test_the_first_word_key_a_phrase_begins_with():
    # a word's options, as written and without its proclitics: the first that begins a phrase
    m = make_matcher()
    assert m.first_begun(["وتل", "تل"]) == "تل"
    assert m.first_begun(["مجلس", "جلس"]) == "مجلس"
    assert m.first_begun(["ابيب", "بيب"]) == ""   # a phrase's second word begins none
    assert m.first_begun([]) == ""


def test_a_phrase_may_be_bounded_without_a_slice():
    keys = keys_of("ناقش مجلس الأمن الدولي في شرم الشيخ ثم غادر إلى تل")
    m = make_matcher()
    assert m.longest_at(keys, 1) == (4, (("org", None),))
    assert m.longest_at(keys, 1, last=3) == (3, (("org", None),))   # مجلس الأمن, not its longer entry
    assert m.longest_at(keys, 5, last=6) == (5, ())                  # شرم alone is no entry
    for first in range(len(keys) + 1):
        for last in range(first, len(keys) + 1):
            assert m.longest_at(keys, first, last=last) == m.longest_at(keys[:last], first), (first, last)
