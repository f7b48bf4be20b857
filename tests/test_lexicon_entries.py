"""Every entry of the language data matches its own text in a sentence."""
import json

import pytest

from extractors.entities import phrase_keys_of
from extractors.lexicon import DATA_DIR

COUNTRIES = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
ORGANISATIONS = [line.strip() for line in (DATA_DIR / "organizations.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
TRIGGERS = json.loads((DATA_DIR / "triggers.json").read_text(encoding="utf-8"))


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
    assert not missed, missed[:20]


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
