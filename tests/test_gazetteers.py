"""The compiled gazetteers (built by ``make model`` from CLDR, GeoNames, NERAr and name lists)."""
import pytest

from extractors.gazetteers import CITY, COUNTRY, GAZETTEER_DIR, ORG, PERSON, load_gazetteers
from extractors.normalize import normalize, normalize_word


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteers()


def test_countries_carry_iso_codes(gaz):
    assert gaz.country_code("مصر") == "EGY"
    assert gaz.country_code("ليبيا") == "LBY"
    assert gaz.country_code("السعودية") == "SAU"
    assert gaz.country_code("المملكة العربية السعودية") == "SAU"
    assert gaz.country_code("الولايات المتحدة") == "USA"


def test_cities_include_multiword_names_with_their_country(gaz):
    # cities carry the same ISO alpha-3 codes as countries and the lexicon
    assert gaz.city_country("تل أبيب") == "ISR"
    assert gaz.city_country("شرم الشيخ") == "EGY"
    assert gaz.city_country("القاهرة") == "EGY"
    assert gaz.city_country("بنغازي") == "LBY"
    assert gaz.city_country("طرابلس") == "LBY"      # the capital wins over Lebanon's Tripoli
    assert gaz.city_country("عين التينة") == "LBN"


def test_a_place_in_a_country_outside_the_lexicon_names_its_country(pipeline):
    from extractors.lexicon import load_lexicons

    text = "وصل وزير الخارجية المصري محمود سالم إلى أولان باتور في زيارة رسمية تستغرق يومين."
    location = pipeline.extract(text, published_at="2024-03-10")["events"][0]["location"]
    assert location["name"] == "أولان باتور"
    assert (location["country"], location["country_name"]) == ("MNG", load_lexicons().countries["MNG"].name)
    assert location["country_name"] == "منغوليا"


def test_cities_hold_no_persian_or_urdu_letters():
    text = (GAZETTEER_DIR / "cities.tsv").read_text(encoding="utf-8")
    assert not set(text) & set("پچژگکیۀہھٹڈڑںے")


def test_person_names_from_buckwalter_are_arabic(gaz):
    assert normalize("محمد") in gaz.given_names
    assert normalize("فاطمة") in gaz.given_names
    assert "رجب طيب اردوغان" in gaz.phrases
    assert (PERSON, None) in gaz.phrases.lookup("رجب طيب اردوغان")
    # the Buckwalter letters must not leak into the compiled files
    text = (GAZETTEER_DIR / "person_names.txt").read_text(encoding="utf-8")
    assert not any("a" <= ch <= "z" or "A" <= ch <= "Z" for ch in text.split("\n", 1)[1])


def test_organisations_are_matched_as_phrases(gaz):
    assert (ORG, None) in gaz.phrases.lookup("حلف شمال الاطلسي")
    assert (ORG, None) in gaz.phrases.lookup("الاتحاد الأوروبي")


def test_common_words_are_left_out(gaz):
    for word in ("كان", "صور", "في", "وزير"):
        assert not gaz.phrases.lookup(word), word
        assert normalize(word) not in gaz.given_names


def test_multiword_gazetteer_entries_match_in_a_sentence(gaz):
    words = "التقى الوزيران في شرم الشيخ قبل سفرهما إلى تل أبيب".split()
    found = {(m.first, m.last, m.label) for m in gaz.phrases.match([normalize_word(w) for w in words])}
    assert (3, 5, CITY) in found
    assert (8, 10, CITY) in found
    assert (COUNTRY, "EGY") in gaz.phrases.lookup("مصر")


def test_compiled_files_stay_compact():
    total = sum(p.stat().st_size for p in GAZETTEER_DIR.iterdir())
    assert total < 5_000_000
