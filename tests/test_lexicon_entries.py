"""Every entry of the language data matches its own text in a sentence."""
import json

import pytest

from extractors.entities import EntityRecognizer, phrase_keys_of
from extractors.lexicon import DATA_DIR
from extractors.pipeline import Pipeline

COUNTRIES = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
ORGANISATIONS = [line.strip() for line in (DATA_DIR / "organizations.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
TRIGGERS = json.loads((DATA_DIR / "triggers.json").read_text(encoding="utf-8"))
TITLES = json.loads((DATA_DIR / "titles.json").read_text(encoding="utf-8"))
FIRST_NAMES = [line.strip() for line in (DATA_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
PERSON_WORD_LABELS = {"heads": "head", "definite_name_titles": "definite_title", "honorifics": "honorific"}
SURNAME = "كوفاندي ترامبولا"   # a made-up name: only the title or given-name rules can find it


def place_entries():
    for row in COUNTRIES:
        for name in row["names"]:
            yield name, "country", row["iso3"]
        for city in ([row["capital"]] if row.get("capital") else []) + row.get("cities", []):
            yield city, "city", row["iso3"]
    for name in ORGANISATIONS:
        yield name, "org", None


def test_every_place_and_organisation_matches_in_a_sentence(pipeline):
    matcher = pipeline.lexicons.places_and_bodies
    missed = []
    for entry, label, _ in place_entries():
        for text, first in ((f"وصل الوفد إلى {entry} أمس", 3), (f"وصل الوفد ب{entry} أمس", 2)):
            doc = pipeline.make_doc(text)
            last = len(doc.tokens) - 1                     # before أمس
            spans = {(m.first, m.last, m.label) for m in matcher.match(*phrase_keys_of(doc.tokens, matcher))}
            if (first, last, label) not in spans:
                missed.append((text, label))
    assert not missed, missed


def test_every_multiword_trigger_reports_an_event(pipeline):
    builder = pipeline._stages[-1]
    missed = []
    for etype in ("meeting", "visit", "call", "agreement"):
        for kind in ("verbs", "nouns"):
            for phrase in (p for p in TRIGGERS[etype].get(kind, []) if " " in p):
                doc = pipeline.make_doc(f"وقال المصدر {phrase} مع الوفد")
                if builder.trigger_of(doc.tokens, 2) != (etype, kind == "verbs"):
                    missed.append(phrase)
    assert not missed, missed


@pytest.mark.parametrize("country", [c for c in COUNTRIES if c.get("demonyms")][:40], ids=lambda c: c["iso3"])
def test_demonyms_give_the_title_its_country(pipeline, country):
    demonym = country["demonyms"][0]
    text = f"استقبل الرئيس الفرنسي إيمانويل ماكرون اليوم وزير الخارجية ال{demonym} سعيد الكعبي."
    people = {e.name: e for e in pipeline(text).entities if e.kind == "person"}
    assert people["سعيد الكعبي"].country == country["iso3"]


def person_entries():
    for kind, label in PERSON_WORD_LABELS.items():
        for entry in TITLES[kind]:
            yield entry, label
    for name in FIRST_NAMES:
        yield name, "given"


def recognised_as_word(recognizer, tok, label) -> bool:
    """The single-word test the rules run for each class of entry."""
    lx = recognizer.lx
    return {"head": recognizer.is_title_head(tok), "honorific": recognizer.is_honorific(tok),
            "definite_title": tok.bare in lx.definite_name_titles, "given": tok.norm in lx.first_names}[label]


def test_every_title_and_given_name_matches_in_a_sentence(pipeline):
    """Single words by the rules' own token tests, multi-word entries (ولي العهد، آية الله، عبد الله)
    as one span of the phrase matcher: no entry of titles.json or first_names.txt is unmatchable."""
    recognizer = EntityRecognizer(pipeline.lexicons, pipeline.engine, tagger=None)
    matcher = pipeline.lexicons.person_phrases
    missed = []
    for entry, label in person_entries():
        doc = pipeline.make_doc(f"وصل {entry} أمس")
        last = len(doc.tokens) - 1                         # before أمس
        if last == 2:
            found = recognised_as_word(recognizer, doc.tokens[1], label)
        else:
            found = (1, last, label) in {(m.first, m.last, m.label)
                                         for m in matcher.match(*phrase_keys_of(doc.tokens, matcher))}
        if not found:
            missed.append((entry, label))
    assert not missed, missed


@pytest.fixture(scope="module")
def rules_pipeline(pipeline):
    """The rules alone: the entity tagger would find some of these names by itself."""
    return Pipeline(engine=pipeline.engine, lexicons=pipeline.lexicons, entity_tagger=None)


def people_in(pipeline, text) -> dict:
    return {e.name: e.title for e in pipeline(text).entities if e.kind == "person"}


@pytest.mark.parametrize("head", [h for h in TITLES["heads"] + TITLES["definite_name_titles"] if " " in h])
def test_a_multiword_title_head_introduces_the_name(rules_pipeline, head):
    people = people_in(rules_pipeline, f"وصل {head} {SURNAME} إلى القاهرة أمس")
    assert people.get(SURNAME, "").startswith(head), people


@pytest.mark.parametrize("honorific", [h for h in TITLES["honorifics"] if " " in h])
def test_a_multiword_honorific_stays_out_of_the_name(rules_pipeline, honorific):
    people = people_in(rules_pipeline, f"وصل الرئيس {honorific} {SURNAME} إلى القاهرة أمس")
    assert SURNAME in people, people


def test_every_multiword_given_name_starts_a_name(rules_pipeline):
    missed = []
    for given in (n for n in FIRST_NAMES if " " in n):
        name = f"{given} ترامبولا"
        if name not in people_in(rules_pipeline, f"وصل {name} إلى القاهرة أمس"):
            missed.append(given)
    assert not missed, missed


def test_the_longest_entry_decides_between_a_title_and_a_given_name(rules_pipeline):
    # ولي is a title head and الملك a title, but ولي الدين and عبد الملك are given names
    assert people_in(rules_pipeline, "وصل ولي الدين ترامبولا إلى القاهرة") == {"ولي الدين ترامبولا": None}
    assert people_in(rules_pipeline, "وصل عبد الملك ترامبولا إلى القاهرة") == {"عبد الملك ترامبولا": None}
    assert people_in(rules_pipeline, f"وصل ولي العهد الأمير {SURNAME} إلى القاهرة") == {SURNAME: "ولي العهد"}


def test_the_article_is_optional_on_a_multiword_head(rules_pipeline):
    people = people_in(rules_pipeline, f"وصل القائم بالأعمال {SURNAME} إلى القاهرة")
    assert people == {SURNAME: "القائم بالأعمال"}


def test_every_multiword_agenda_boundary_ends_a_topic(pipeline):
    from extractors.events import _topic_end

    word_classes = json.loads((DATA_DIR / "word_classes.json").read_text(encoding="utf-8"))
    phrases = [w for w in word_classes["agenda_boundaries"]["words"] if " " in w]
    assert phrases
    for phrase in phrases:
        toks = pipeline.make_doc(f"تعزيز التعاون الثنائي {phrase} التنمية").tokens
        assert _topic_end(toks, 0, len(toks)) == 3, phrase


def test_every_demonym_names_its_country_with_and_without_the_article(pipeline):
    recognizer = next(stage for stage in pipeline._stages if isinstance(stage, EntityRecognizer))
    countries_of = {}
    for row in COUNTRIES:
        for demonym in row.get("demonyms", []):
            countries_of.setdefault(demonym, set()).add(row["iso3"])
    missed = []
    for row in COUNTRIES:
        # one word (the test reads one token), of one country (كونغولي is of both Congos)
        for demonym in [d for d in row.get("demonyms", []) if " " not in d and len(countries_of[d]) == 1]:
            for written in (demonym, "ال" + demonym, demonym + "ة", "ال" + demonym + "ة"):
                token = pipeline.make_doc(f"التقى الوزير {written} أمس").tokens[2]
                if recognizer.demonym_of(token) != row["iso3"]:
                    missed.append((written, recognizer.demonym_of(token)))
    assert not missed, missed
