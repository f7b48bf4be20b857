"""The CRF entity tagger (committed model) and how its training data is prepared."""
import pytest

from extractors.tagger import LABELS, MODEL_PATH, EntityTagger, spans_from_bio
from extractors.training.ner import (Example, coarse_tag, is_heldout, make_sequences, read_conll,
                                     rejoin, token_labels)


@pytest.fixture(scope="module")
def tagger():
    return EntityTagger.load()


def entities(pipeline, tagger, text):
    doc = pipeline.make_doc(text)
    return {(doc.token_span(first, last).text, label) for first, last, label in tagger.tag(doc)}


def test_the_committed_model_loads_and_tags(pipeline, tagger):
    assert MODEL_PATH.stat().st_size <= 30_000_000
    doc = pipeline.make_doc("زار الرئيس كمال المنصوري مدينة الإسكندرية. ثم عاد إلى العاصمة.")
    spans = tagger.tag(doc)
    assert spans
    for first, last, label in spans:
        assert 0 <= first < last <= len(doc.tokens) and label in LABELS
        # a span never crosses a sentence boundary
        assert doc.tokens[first].sentence == doc.tokens[last - 1].sentence


def test_a_politician_after_his_title(pipeline, tagger):
    found = entities(pipeline, tagger,
                     "واستقبل وزير الخارجية عادل الكبيسي في مكتبه أمس وفدا من رجال الأعمال.")
    assert ("عادل الكبيسي", "PER") in found


def test_multiword_cities(pipeline, tagger):
    found = entities(pipeline, tagger, "وصل الرئيس صباح اليوم إلى شرم الشيخ للمشاركة في القمة الاقتصادية.")
    assert ("شرم الشيخ", "LOC") in found
    found = entities(pipeline, tagger, "وتوجه الوفد بعد ذلك إلى تل أبيب لإجراء محادثات مع المسؤولين.")
    assert ("تل أبيب", "LOC") in found


def test_an_organisation(pipeline, tagger):
    found = entities(pipeline, tagger, "وأعلنت منظمة الصحة العالمية في بيان أن عدد الإصابات ارتفع.")
    assert ("منظمة الصحة العالمية", "ORG") in found


def test_empty_and_punctuation_only_documents(pipeline, tagger):
    assert tagger.tag(pipeline.make_doc("")) == []
    assert tagger.tag(pipeline.make_doc("... !")) == []


def test_spans_from_bio():
    assert spans_from_bio(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]
    assert spans_from_bio(["O", "B-ORG", "I-ORG"], offset=10) == [(11, 13, "ORG")]


# --- training data preparation ---------------------------------------------------------

def test_fine_tags_map_to_three_types():
    assert coarse_tag("B-Politician") == "B-PER"
    assert coarse_tag("I-Government") == "I-ORG"
    assert coarse_tag("B-Population-Center") == "B-LOC"
    assert coarse_tag("B-Group") == "O"          # العرب، المسلمين: not an entity here
    assert coarse_tag("B-MIS-1") == "O"          # malformed AQMAR tags
    assert coarse_tag("OO") == "O"


def test_corpus_files_lose_bom_marks_and_crlf(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_bytes("\ufeff\u200eزار\tO\r\n\u200eسمير\tB-Politician\r\n\r\n\u200eبيروت\tB-Population-Center\r\n"
                     .encode("utf-8"))
    assert read_conll(path, "\t") == [[("زار", "O"), ("سمير", "B-PER")], [("بيروت", "B-LOC")]]


def test_a_lone_conjunction_is_joined_to_its_word_again():
    example = rejoin([("التقى", "O"), ("سمير", "B-PER"), ("و", "O"), ("نبيل", "B-PER"),
                      ("خوري", "I-PER"), ("في", "O"), ("بيروت", "B-LOC")])
    assert example.text == "التقى سمير ونبيل خوري في بيروت"
    assert [example.text[s:e] for s, e, _ in example.spans] == ["سمير", "نبيل خوري", "بيروت"]
    assert [label for *_, label in example.spans] == ["PER", "PER", "LOC"]


def test_labels_move_onto_runtime_tokens_by_offsets(pipeline):
    examples = [Example("التقى سمير ونبيل خوري", [(6, 10, "PER"), (12, 21, "PER")]),
                Example("وصل إلى بيروت.", [(8, 13, "LOC")])]
    (tokens1, labels1), (tokens2, labels2) = make_sequences(pipeline, examples)
    assert [t.text for t in tokens1] == ["التقى", "سمير", "ونبيل", "خوري"]
    assert labels1 == ["O", "B-PER", "B-PER", "I-PER"]
    assert labels2 == ["O", "O", "B-LOC", "O"]
    assert token_labels(tokens2, [], base=tokens2[0].start) == ["O"] * 4


def test_the_heldout_split_is_a_fixed_tenth():
    held = [i for i in range(5000) if is_heldout(i)]
    assert 400 < len(held) < 600
    assert held == [i for i in range(5000) if is_heldout(i)]


def test_split_clitics_and_suffixes_are_written_onto_their_word():
    example = rejoin([("قال", "O"), ("مدرب", "O"), ("ه", "O"), ("ل", "O"), ("الصحفيين", "O"),
                      ("و", "O"), ("ب", "O"), ("القاهرة", "B-LOC"), ("ان", "O"), ("عبد", "B-PER"), ("ه", "I-PER"),
                      ("الحسين", "I-PER"), ("(", "O"), ("د", "B-ORG"), ("ب", "I-ORG"), ("ا", "I-ORG"), (")", "O")])
    assert example.text == "قال مدربه للصحفيين وبالقاهرة ان عبده الحسين ( د ب ا )"
    assert [(example.text[s:e], label) for s, e, label in example.spans] == [
        ("القاهرة", "LOC"), ("عبده الحسين", "PER"), ("د ب ا", "ORG")]


def test_a_words_flags_are_the_sets_its_forms_are_in(pipeline, tagger):
    """The flags found from each form's bits (``flag_bits``) are those the lexicon and gazetteer
    sets give form by form, in the order the model was trained on."""
    features = tagger.features
    lex, gaz = features.lex, features.gaz
    doc = pipeline.make_doc("وقال سمو الأمير والوزيرة الألمانية ووفد الشركة في مدينة بنغازي والقاهرة، "
                            "واستقبل الشيخ محمد الكبيسي والسفير الفرنسي في قصر الرئاسة مع 12 Delegates.")
    kinds = set()
    for tok in doc.tokens:
        bare, stem, norm = tok.bare or tok.norm, tok.stem or tok.norm, tok.norm
        expected = [flag for flag, present in (
            ("fn", bare in lex.function_words or norm in lex.function_words),
            ("title", bare in lex.title_heads or stem in lex.title_heads),
            ("hon", norm in lex.honorifics or bare in lex.honorifics),
            ("dtitle", bare in lex.definite_name_titles),
            ("inst", stem in lex.institutional_nouns or bare in lex.institutional_nouns),
            ("given", bare in lex.first_names or bare in gaz.given_names),
            ("family", bare in gaz.family_names or stem in gaz.family_names),
            ("country", stem in lex.country_names or bare in lex.country_names),
            ("demonym", stem in lex.demonyms),
            ("city", bare in lex.cities),
            ("place_head", bare in lex.region_words or bare in lex.venue_heads),
            ("delegation", bare in lex.delegation_nouns)) if present]
        own, flags, titled = features.own_features(tok)
        assert [own_feature[2:] for own_feature, _, _ in flags[:-1]] == expected
        assert [f for f in own if f.startswith("f=")] == [f"f={flag}" for flag in expected] + [flags[-1][0]]
        assert titled == ("title" in expected or "hon" in expected)
        kinds.update(expected)
    assert {"title", "hon", "given", "city", "delegation", "fn", "demonym"} <= kinds
