"""Tagging in numpy with a crfsuite model's weights gives crfsuite's own labels and marginals."""
import random

import numpy as np
import pycrfsuite
import pytest

from extractors.agenda import MODEL_PATH as AGENDA_PATH
from extractors.crf import CrfModel, KeyRows, WordVectors
from extractors.tagger import MODEL_PATH as ENTITY_PATH

SENTENCES = (
    "استقبل وزير الخارجية عادل الكبيسي في مكتبه بالعاصمة عمّان أمس وفدا من غرفة تجارة دبي.",
    "وبحث الجانبان سبل تعزيز التعاون في مجالات الطاقة المتجددة والنقل البحري، وفق بيان للوزارة.",
    "وتلقى الرئيس اتصالا هاتفيا من نظيره الكيني وليام روتو تناول العلاقات الثنائية 2024/5/3.",
    "وصل المبعوث الأممي إلى الخرطوم في جولة إقليمية. والتقى رئيس الوزراء لبحث مستجدات الأوضاع.",
)


def open_model(path):
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def crfsuite_marginals(tagger, features, labels):
    tagger.set(features)
    return np.array([[tagger.marginal(label, k) for label in labels] for k in range(len(features))])


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    """A crfsuite model trained on random sequences: four labels, forty features."""
    rng = random.Random(7)
    labels = ["A", "B", "C", "D"]
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(60):
        n = rng.randint(1, 12)
        trainer.append([[f"f{rng.randrange(40)}" for _ in range(rng.randint(0, 4))] for _ in range(n)],
                       [rng.choice(labels) for _ in range(n)])
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    path = tmp_path_factory.mktemp("crf") / "small.crfsuite"
    trainer.train(str(path))
    return path


def random_sequences(seed, count=40):
    rng = random.Random(seed)
    # unknown features (f40…) weigh nothing; a feature twice counts twice, as in crfsuite
    return [[[f"f{rng.randrange(45)}" for _ in range(rng.randint(0, 5))] for _ in range(rng.randint(1, 15))]
            for _ in range(count)]


@pytest.mark.parametrize("path", [ENTITY_PATH, AGENDA_PATH])
def test_the_weights_read_are_the_models_own(path):
    model, info = CrfModel.load(path), open_model(path).info()
    assert set(model.labels) == set(info.labels)
    assert len(model.index) == len(info.attributes)
    for (attribute, label), weight in info.state_features.items():
        assert model.state[model.row(attribute), model.labels.index(label)] == pytest.approx(weight, abs=1e-6)
    for (before, after), weight in info.transitions.items():
        assert model.transitions[model.labels.index(before), model.labels.index(after)] == pytest.approx(weight, abs=1e-6)


def test_viterbi_and_marginals_are_crfsuites_on_a_small_model(small_model):
    model, tagger = CrfModel.load(small_model), open_model(small_model)
    sequences = random_sequences(1)
    emissions = [np.vstack([model.sums([features]) for features in sequence]) for sequence in sequences]
    # all sentences at once, of every length from 1 to 15
    assert model.viterbi(emissions) == [tagger.tag(sequence) for sequence in sequences]
    for got, sequence in zip(model.marginals(emissions), sequences):
        assert np.allclose(got, crfsuite_marginals(tagger, sequence, model.labels), rtol=0, atol=1e-12)


def test_sums_weigh_each_feature_as_often_as_it_is_given(small_model):
    model = CrfModel.load(small_model)
    once, twice, nothing = model.sums([["f1"], ["f1", "f1"], ["no such feature"]])
    assert np.allclose(twice, 2 * once) and not nothing.any()


def test_entity_tagger_labels_are_crfsuites_for_every_feature(pipeline):
    tagger, crfsuite = pipeline.entity_tagger, open_model(ENTITY_PATH)
    tagged = []
    for text in SENTENCES:
        doc = pipeline.make_doc(text)
        expected = crfsuite.tag(tagger.features.sentence_features(doc.tokens))
        assert tagger.tag_tokens(doc.tokens) == expected
        tagged += expected
    assert {"O", "B-PER", "I-PER", "B-LOC"} <= set(tagged)
    # a whole document's sentences are tagged together
    doc = pipeline.make_doc(" ".join(SENTENCES))
    expected = [crfsuite.tag(tagger.features.sentence_features(doc.tokens[s.first:s.last])) for s in doc.sentences]
    assert tagger.tag(doc) == [span for s, labels in zip(doc.sentences, expected)
                               for span in _spans(labels, s.first)]


def _spans(labels, offset):
    from extractors.tagger import spans_from_bio

    return spans_from_bio(labels, offset)


def reference_agenda_spans(marginals, first, threshold):
    """Phrases from crfsuite's marginals, as the agenda tagger read them when it used crfsuite."""
    labels = []
    for begin, inside in marginals:
        if begin + inside < threshold:
            labels.append("O")
        else:
            labels.append("B" if begin > inside or not labels or labels[-1] == "O" else "I")
    out, start = [], None
    for k, label in enumerate(labels + ["O"]):
        if start is not None and label != "I":
            out.append((first + start, first + k))
            start = None
        if label == "B" or label == "I" and start is None:
            start = k
    return out


def test_agenda_phrases_are_those_of_crfsuites_marginals(pipeline):
    builder, tagger = pipeline._stages[-1], pipeline.agenda_model
    crfsuite = open_model(AGENDA_PATH)
    labels = tagger.model.labels
    found = 0
    for text in SENTENCES + (" ".join(SENTENCES),):
        doc = pipeline(text, published_at="2024-05-04")
        contexts = [builder.agenda_context(doc, k) for k in range(len(doc.sentences))]
        got = tagger.spans(doc, contexts, pipeline.lexicons.agenda_cues)
        for k, (s, spans) in enumerate(zip(doc.sentences, got)):
            p = crfsuite_marginals(crfsuite, builder.agenda_features(doc, k), labels)
            assert np.allclose(tagger.model.marginals([tagger._scores(doc, [contexts[k]], pipeline.lexicons.agenda_cues)[0]])[0],
                               p, rtol=0, atol=1e-12)
            begin, inside = p[:, labels.index("B")], p[:, labels.index("I")]
            assert spans == reference_agenda_spans(zip(begin, inside), s.first, tagger.threshold)
            found += len(spans)
    assert found


def test_word_vectors_stay_within_their_limit(small_model):
    model = CrfModel.load(small_model)
    words = WordVectors(model, width=2, reserved=1, limit=4)
    words.table[0] = 7.0   # the reserved row (a sentence edge) is never forgotten
    words.make_room(3)
    rows = [words.add(f"w{k}", [[f"f{k}"], [f"f{k}", "f9"]]) for k in range(3)]
    words.settle()
    assert rows == [1, 2, 3]
    assert np.array_equal(words.table[3], model.sums([["f2"], ["f2", "f9"]]))
    words.make_room(2)     # 3 + 2 > 4: the words are forgotten first
    assert not words.rows and words.add("x", [[], []]) == 1
    words.settle()
    words.make_room(9)     # a document with more words than the limit gets the room it needs
    assert [words.add(f"y{k}", [[], []]) for k in range(9)][-1] == 9
    words.settle()
    words.make_room(1)     # and gives it back at the next
    assert words.table.shape == (5, 2, 4) and (words.table[0] == 7.0).all() and not words.rows



@pytest.fixture(scope="module")
def keyed_model(tmp_path_factory):
    """A crfsuite model whose features name words: "b=<word>" for a word's own, "b[1]=<word>"
    for what it shows the next word, word pairs "bb=<word>|<word>", and others ("o<n>")."""
    rng = random.Random(11)
    words = [f"w{n}" for n in range(12)]
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(60):
        sentence = [rng.choice(words) for _ in range(rng.randint(1, 8))]
        trainer.append([["bias", f"b={w}", f"o{rng.randrange(9)}"] + ([f"b[1]={sentence[k - 1]}", f"bb={sentence[k - 1]}|{w}"] if k else [])
                        for k, w in enumerate(sentence)], [rng.choice("ABC") for _ in sentence])
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    path = tmp_path_factory.mktemp("crf") / "keyed.crfsuite"
    trainer.train(str(path))
    return path


def test_word_vectors_found_by_key_sum_what_they_sum_by_name(keyed_model):
    """A word's features named by its key, found by the key and added in their places (None),
    weigh what they weigh by name, bit for bit (numpy's sums of floats depend on their order)."""
    model = CrfModel.load(keyed_model)
    by_key, others = model.keyed(("b=", "b[1]="), unread=("bb=",))
    assert KeyRows.unpacked(by_key["w3"]) == (model.row("b=w3"), model.row("b[1]=w3"))
    assert set(others) == {name for name in model.index if not name.startswith(("b=", "b[1]=", "bb="))} | {None}
    by_name = WordVectors(model, width=2, limit=20)
    found_by_key = WordVectors(model, width=2, limit=20, keyed=("b=", "b[1]="), unread=("bb=",))
    rng = random.Random(5)
    for k, word in enumerate(["w1", "w5", "unknown", "w9", "w3"]):
        others = [f"o{rng.randrange(12)}" for _ in range(rng.randint(0, 9))]
        by_name.add(f"t{k}", [["bias", "o1", f"b={word}", *others], [f"b[1]={word}", *others[::-1]]])
        found_by_key.add(f"t{k}", [["bias", "o1", None, *others], [None, *others[::-1]]], key=word)
    by_name.settle()
    found_by_key.settle()
    assert by_name.table.any() and np.array_equal(by_name.table, found_by_key.table)
    with pytest.raises(ValueError):
        model.keyed(("b",))


def test_key_only_groups_weigh_their_key_feature(keyed_model):
    """A group that is its key's feature alone is copied from the key's row, not summed: the
    same vectors, bit for bit, as the group named and summed, for known and unknown keys."""
    model = CrfModel.load(keyed_model)
    by_name = WordVectors(model, width=2, limit=20)
    key_only = WordVectors(model, width=2, limit=20, keyed=("b[1]=", "b="), unread=("bb=",), key_only=(1,))
    rng = random.Random(8)
    for k, word in enumerate(["w2", "unknown", "w7", "w0"]):
        others = [f"o{rng.randrange(12)}" for _ in range(rng.randint(0, 6))]
        by_name.add(f"t{k}", [["bias", f"b[1]={word}", *others], [f"b={word}"]])
        key_only.add(f"t{k}", [["bias", None, *others]], key=word)
    by_name.settle()
    key_only.settle()
    assert by_name.table[1:5, 1].any() and np.array_equal(by_name.table, key_only.table)
    with pytest.raises(ValueError):
        WordVectors(model, width=2, key_only=(1,))   # a group named by a key needs keyed prefixes


def test_both_taggers_word_vectors_are_the_sums_of_their_named_features(pipeline):
    """The taggers find a word's key features by its key: each word's vectors are, bit for bit,
    the sums of every feature it has by name, as the model was trained on them."""
    from extractors.agenda import describe

    entity, agenda = pipeline.entity_tagger, pipeline.agenda_model
    cues = pipeline.lexicons.agenda_cues
    doc = pipeline(" ".join(SENTENCES), published_at="2024-05-04")
    entity.tag(doc)
    agenda.spans(doc, [pipeline._stages[-1].agenda_context(doc, k) for k in range(len(doc.sentences))], cues)
    pair_names = [name for name in entity.model.index if name.startswith("bb=")]
    for tok in doc.tokens:
        word = entity.features.describe(tok)
        assert np.array_equal(entity.words.table[entity.words.rows[tok.text]],
                              entity.model.sums([word.own, *word.context]))
        # what its key tells: the word pairs it begins, whether a gazetteer phrase begins with it
        key, pairs, _, begins = entity.words.extra[entity.words.rows[tok.text]]
        assert {word.pair_head + second: row for second, row in (pairs or {}).items()} == {
            name: entity.model.row(name) for name in pair_names if name.startswith(word.pair_head)}
        assert key == word.key and begins == entity.features.gaz.phrases.begins(key)
        own, shown = describe(tok, cues)
        assert np.array_equal(agenda.words.table[agenda.words.rows[tok.text]],
                              agenda.model.sums([own, *([name] for name in shown)]))
