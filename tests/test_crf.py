"""Tagging with only the features a model knows, written as bytes, gives the labels of all features."""
import pycrfsuite
import pytest

from extractors.agenda import MODEL_PATH as AGENDA_PATH
from extractors.crf import Vocabulary, model_attributes
from extractors.tagger import MODEL_PATH as ENTITY_PATH

SENTENCES = (
    "استقبل وزير الخارجية عادل الكبيسي في مكتبه بالعاصمة عمّان أمس وفدا من غرفة تجارة دبي.",
    "وبحث الجانبان سبل تعزيز التعاون في مجالات الطاقة المتجددة والنقل البحري، وفق بيان للوزارة.",
    "وتلقى الرئيس اتصالا هاتفيا من نظيره الكيني وليام روتو تناول العلاقات الثنائية 2024/5/3.",
)


def open_model(path):
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@pytest.mark.parametrize("path", [ENTITY_PATH, AGENDA_PATH])
def test_model_attributes_are_the_models_own(path):
    tagger = open_model(path)
    assert model_attributes(tagger) == {name.encode() for name, _ in tagger.info().state_features}


def test_a_vocabulary_writes_known_features_as_bytes_in_order():
    text, model = Vocabulary(), Vocabulary(frozenset({"w=قال".encode(), b"bias"}))
    features = ["bias", "w=قال", "w=unknown", "bias"]
    assert text.spell_all(features) == features
    assert model.spell_all(features) == [b"bias", "w=قال".encode(), b"bias"]
    assert model.optional("w=unknown") == () and model.optional("bias") == (b"bias",)
    assert model.write("x=1") == b"x=1" and text.write("x=1") == "x=1"


def test_entity_tagger_labels_are_those_of_every_feature(pipeline):
    tagger = pipeline.entity_tagger
    assert 0 < len(tagger.vocabulary.known) < 200_000
    for sentence in SENTENCES:
        doc = pipeline.make_doc(sentence)
        every = tagger.features.sentence_features(doc.tokens)
        written = tagger.features.sentence_features(doc.tokens, tagger.vocabulary)
        assert all(isinstance(f, bytes) for row in written for f in row)
        assert sum(map(len, written)) < sum(map(len, every))         # unknown features are left out
        assert tagger.tag_tokens(doc.tokens) == tagger._crf.tag(every)


def test_agenda_tagger_labels_are_those_of_every_feature(pipeline):
    builder = pipeline._stages[-1]
    model = pipeline.agenda_model
    for sentence in SENTENCES:
        doc = pipeline(sentence, published_at="2024-05-04")
        for index, s in enumerate(doc.sentences):
            every = builder.agenda_features(doc, index)
            written = builder.agenda_features(doc, index, model.vocabulary)
            assert [[f.decode() for f in row] for row in written] == [
                [f for f in row if f.encode() in model.vocabulary.known] for row in every]
            assert model.spans(written, s.first) == model.spans(every, s.first)
