"""Outlets write the same sentence in different ways: full or partial diacritics, tatweel,
bidi marks between words, Latin commas, Egyptian final ى, Persian keyboard letters. Each way
gives the same events as the plain sentence (sentences written for this test)."""
import re

import pytest

from extractors.normalize import normalize

PLAIN = ("التقى وزير الخارجية الأردني أيمن الصفدي في عمان اليوم نظيره الإيطالي أنطونيو تاياني، "
         "وبحث الجانبان التطورات على الساحة الإقليمية، وسبل تعزيز التعاون الثنائي.")
DIACRITISED = ("التقَى وزيرُ الخارجيةِ الأردنيُّ أيمنُ الصفديُّ في عمّانَ اليومَ نظيرَهُ الإيطاليَّ أنطونيو تاياني، "
               "وبحثَ الجانبانِ التطوراتِ علَى الساحةِ الإقليميةِ، وسُبُلَ تعزيزِ التعاونِ الثنائيِّ.")
EGYPTIAN = ("التقى وزير الخارجية الأردنى أيمن الصفدى فى عمان اليوم نظيره الإيطالى أنطونيو تاياني، "
            "وبحث الجانبان التطورات على الساحة الإقليمية، وسبل تعزيز التعاون الثنائى.")
SIGNING = ("وقع وزير الكهرباء المصري محمد شاكر، والسفير الإسباني في القاهرة، مذكرة تفاهم في مجال "
           "الطاقة المتجددة، وذلك بحضور رئيس الوزراء.")
SIGNING_EGYPTIAN = ("وقع وزير الكهرباء المصرى محمد شاكر، والسفير الإسبانى فى القاهرة، مذكرة تفاهم فى مجال "
                    "الطاقة المتجددة، وذلك بحضور رئيس الوزراء.")
VARIANTS = {
    "diacritics": DIACRITISED,
    "tatweel": PLAIN.replace("الخارجية", "الخـارجية").replace("التطورات", "التطـورات"),
    "bidi marks": PLAIN.replace(" ", "\u200f "),
    "latin commas": PLAIN.replace("،", ","),
    "egyptian final ya": EGYPTIAN,
    "persian letters": PLAIN.replace("ي", "\u06cc").replace("ك", "\u06a9"),
    "hamza dropped": re.sub("[أإآ]", "ا", PLAIN),
}


def summary(pipeline, text):
    events = pipeline.extract(text, published_at="2024-03-10")["events"]
    return [(e["type"], sorted(normalize(p["name"]) for p in e["participants"]),
             normalize((e["location"] or {}).get("name")), e["time"] and e["time"]["date"],
             [normalize(a["text"]) for a in e["agenda"]]) for e in events]


def test_the_plain_sentence_is_one_meeting(pipeline):
    [(etype, people, place, date, agenda)] = summary(pipeline, PLAIN)
    assert (etype, people, place, date) == ("meeting", ["انطونيو تاياني", "ايمن الصفدي"], "عمان", "2024-03-10")
    assert any("الساحه الاقليميه" in item for item in agenda)


@pytest.mark.parametrize("way", sorted(VARIANTS))
def test_each_way_of_writing_gives_the_plain_sentences_events(pipeline, way):
    assert summary(pipeline, VARIANTS[way]) == summary(pipeline, PLAIN)


@pytest.mark.parametrize("way", sorted(VARIANTS))
def test_every_span_still_quotes_the_text_as_written(pipeline, way):
    text = VARIANTS[way]
    for event in pipeline.extract(text, published_at="2024-03-10")["events"]:
        spans = [event["trigger"], *[m for p in event["participants"] for m in p["mentions"]], *event["agenda"]]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"]


def test_a_preposition_with_a_diacritic_is_not_read_as_a_name(pipeline):
    doc = pipeline(DIACRITISED, published_at="2024-03-10")
    assert not [e.name for e in doc.entities if e.kind == "person" and re.match("عل", e.name)]


def test_an_egyptian_nisba_is_split_from_its_article_as_in_standard_spelling(pipeline):
    egyptian = pipeline(SIGNING_EGYPTIAN, published_at="2024-03-10")
    standard = pipeline(SIGNING, published_at="2024-03-10")
    assert [(normalize(e.name), e.kind) for e in egyptian.entities] == \
        [(normalize(e.name), e.kind) for e in standard.entities]
    assert summary(pipeline, SIGNING_EGYPTIAN) == summary(pipeline, SIGNING)


def test_words_written_without_hamza_are_not_read_as_rare_name_words(pipeline):
    text = "واستقبلت المستشارة الألمانية أنجيلا ميركل أعضاء الوفد الإماراتي في برلين."
    without_hamza = re.sub("[أإآ]", "ا", text)
    people = [e.name for e in pipeline(without_hamza).entities if e.kind == "person"]
    assert people == ["انجيلا ميركل"]
    assert summary(pipeline, without_hamza)[0][:3] == ("meeting", ["الوفد الاماراتي", "انجيلا ميركل"], "برلين")


@pytest.mark.parametrize("text", [
    "وقع رئيس مجلس إدارة هيئة وكالة الأنباء السعودية الدكتور فهد الشمري ونظيره المغربي مذكرة تفاهم.",
    # the preposition أمام (before) is no imam's title when its hamza is dropped
    "أقيمت مراسم الاستقبال أمام قصر تشانكايا، ثم عقد الرئيس التونسي قيس سعيد محادثات مع الرئيس التركي رجب طيب أردوغان.",
])
def test_a_sentence_without_hamza_names_the_people_it_names_with_it(pipeline, text):
    without_hamza = re.sub("[أإآ]", "ا", text)
    people = [normalize(e.name) for e in pipeline(text).entities if e.kind == "person"]
    assert [normalize(e.name) for e in pipeline(without_hamza).entities if e.kind == "person"] == people
    assert summary(pipeline, without_hamza) == summary(pipeline, text)


def test_farasa_is_given_a_hamza_spelling_it_knows_much_better(pipeline):
    # Farasa leaves the article on الانباء as written, and splits الأنباء
    doc = pipeline("نقلت وكالة الانباء الرسمية الخبر.")
    word = next(t for t in doc.tokens if t.text == "الانباء")
    assert word.has_article and word.stem == "انباء"
    # a word whose bare alif is standard (الاتحاد) keeps its own spelling
    assert next(t for t in pipeline("وفد الاتحاد الأوروبي").tokens if t.text == "الاتحاد").has_article


def test_a_title_typed_on_a_persian_keyboard_is_no_name_word(pipeline):
    text = "واستقبل الرئيس عون رئيس حزب الكتائب النائب سامي الجميل وعرض معه الأوضاع العامة."
    persian = text.replace("ي", "\u06cc").replace("ك", "\u06a9")
    assert [normalize(e.name) for e in pipeline(persian).entities if e.kind == "person"] == \
        [normalize(e.name) for e in pipeline(text).entities if e.kind == "person"]
    assert summary(pipeline, persian) == summary(pipeline, text)


@pytest.mark.parametrize("word", ["الانباء", "الاتحاد", "الإيطالى", "ر\u06ccيس", "وزارة", "الرئيس", "اسمرا"])
def test_a_word_known_to_carry_no_marks_is_given_to_farasa_as_any_other(pipeline, word):
    """``farasa_form`` skips the written form's table for a word without marks: the same form,
    Persian letters included."""
    from extractors.normalize import normalize_word
    from extractors.pipeline import farasa_form

    counts = pipeline.engine.word_counts
    assert len(normalize_word(word)) == len(word)
    assert farasa_form(word, counts, unmarked=True) == farasa_form(word, counts)
    assert farasa_form("ر\u06cc\u064eيس", counts) == farasa_form("ر\u06ccيس", counts, unmarked=True)
