"""The evaluation's rewritten articles (``extractors/training/spellings.py``) differ from the
plain ones in spelling only: the shared scorer's normalisation makes them equal, so the gold
annotation still applies to them."""
import importlib.util
import json

import pytest

from extractors.training.spellings import SPELLINGS, rewritten


@pytest.fixture(scope="module")
def scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("shared_score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def articles(shared_dir):
    lines = (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:6]]


@pytest.mark.parametrize("way", sorted(SPELLINGS))
def test_a_rewritten_article_is_the_same_text_to_the_scorer(scorer, articles, way):
    for plain, written in zip(articles, rewritten(articles, way)):
        assert written["text"] != plain["text"]
        assert scorer.norm(written["text"]) == scorer.norm(plain["text"])
        assert written["id"] == plain["id"] and written["events"] == plain["events"]


def test_rewriting_is_the_same_every_run(articles):
    assert rewritten(articles, "diacritics") == rewritten(articles, "diacritics")


def test_the_tagger_is_trained_on_respelled_sentences_whose_entities_keep_their_offsets():
    from extractors.training.ner import RESPELLINGS, Example, respelled

    example = Example("استقبل الرئيس إيمانويل ماكرون في الإليزيه وزير الخارجية الأمريكي", [(14, 29, "PER"), (33, 41, "LOC")])
    for way in range(len(RESPELLINGS)):
        written = respelled(example, way)
        assert written.text != example.text and len(written.text) == len(example.text)
        assert written.spans == example.spans
        assert [written.text[a:b] for a, b, _ in written.spans] == \
            [RESPELLINGS[way](example.text[a:b], None) for a, b, _ in example.spans]
