"""Wordings common in Arabic agency news, each on a sentence written for this test."""
import pytest

from extractors import identity


def events_of(pipeline, text, published_at="2024-03-10"):
    return pipeline.extract(text, published_at=published_at)["events"]


def names(event):
    return {p["name"] for p in event["participants"]}


def roles(event):
    return {p["name"]: p["role"] for p in event["participants"]}


def topics(event):
    return [a["text"] for a in event["agenda"]]


def one(events, etype):
    found = [e for e in events if e["type"] == etype]
    assert len(found) == 1, [(e["type"], names(e)) for e in events]
    return found[0]


def test_partner_named_after_time_and_place(pipeline):
    text = ("بحث رئيس الحكومة الأردنية جعفر حسان، صباح اليوم الأحد، في مقر رئاسة الوزراء بالعاصمة عمّان، "
            "مع سفير اليابان لدى الأردن كازويوشي تاناكا، سبل تعزيز التعاون الاقتصادي.")
    event = one(events_of(pipeline, text), "meeting")
    assert {"جعفر حسان", "كازويوشي تاناكا"} <= names(event)
    assert event["time"]["date"] == "2024-03-10"
    assert event["location"]["venue"].startswith("مقر رئاسة الوزراء")


def test_a_call_made_with_a_light_verb_is_one_call(pipeline):
    text = "أجرى وزير الخارجية المصري سامح شكري اتصالاً هاتفياً مع نظيره الأمريكى أنتوني بلينكن، تناول تطورات الأوضاع فى غزة."
    events = events_of(pipeline, text)
    assert [e["type"] for e in events] == ["call"]
    assert names(events[0]) == {"سامح شكري", "أنتوني بلينكن"}


def test_a_call_received_in_egyptian_spelling(pipeline):
    text = "خلال اتصال هاتفى تلقاه الرئيس التونسي قيس سعيد من الرئيس الفرنسي إيمانويل ماكرون، بحث الجانبان العلاقات الثنائية."
    event = one(events_of(pipeline, text), "call")
    assert names(event) == {"قيس سعيد", "إيمانويل ماكرون"}
    assert any("العلاقات الثنائية" in a["text"] for a in event["agenda"])


def test_subject_carried_from_the_previous_sentence(pipeline):
    text = ("وصل المبعوث الأممي هانس غروندبرغ إلى الرياض اليوم في جولة إقليمية. "
            "والتقى وزير الخارجية السعودي فيصل بن فرحان لبحث مسار السلام.")
    events = events_of(pipeline, text)
    visit = one(events, "visit")
    assert names(visit) == {"هانس غروندبرغ"}
    assert visit["location"]["name"] == "الرياض"
    meeting = one(events, "meeting")
    assert names(meeting) == {"هانس غروندبرغ", "فيصل بن فرحان"}


def test_two_heads_of_a_joint_committee_sign(pipeline):
    text = ("ترأس الجانب المصري في اللجنة المشتركة وزير التجارة أحمد سمير، وترأس الجانب الأردني وزير الصناعة "
            "يوسف الشمالي. ووقع الوزيران في ختام الاجتماع مذكرة تفاهم للتعاون الصناعي.")
    agreement = one(events_of(pipeline, text), "agreement")
    assert names(agreement) == {"أحمد سمير", "يوسف الشمالي"}


def test_trip_then_talks_then_signing(pipeline):
    text = ("بدأ رئيس الوزراء العراقي محمد شياع السوداني اليوم زيارة رسمية إلى برلين، وعقب مباحثات أجراها مع "
            "المستشار الألماني أولاف شولتس، وقّع الجانبان اتفاقية للطاقة.")
    events = events_of(pipeline, text)
    for etype in ("meeting", "agreement"):
        assert names(one(events, etype)) == {"محمد شياع السوداني", "أولاف شولتس"}


def test_host_named_after_a_fronted_guest(pipeline):
    text = ("وصل وزير الخارجية المصري سامح شكري ووزير الخارجية الأردني أيمن الصفدي إلى بيروت أمس. "
            "واستقبل الوزيرين الرئيس اللبناني ميشال عون في قصر بعبدا.")
    meeting = one(events_of(pipeline, text), "meeting")
    roles = {p["name"]: p["role"] for p in meeting["participants"]}
    assert roles["ميشال عون"] == "host"
    assert roles["سامح شكري"] == "guest"


@pytest.mark.parametrize("text, person", [
    ("استقبل صاحب السمو الشيخ حمد بن راشد أمس في الدوحة وزير الخارجية التركي هاكان فيدان.", "حمد بن راشد"),
    ("التقت رئيسة الوزراء الإيطالية جورجيا ميلوني في روما اليوم الرئيس الأوكراني فولوديمير زيلينسكي.", "جورجيا ميلوني"),
    # a given name that is also a common word, after an honorific
    ("التقى وزير الخارجية الشيخ صباح الخالد، امس، وزير الخارجية العماني بدر البوسعيدي.", "صباح الخالد"),
])
def test_honorifics_and_feminine_titles(pipeline, text, person):
    assert person in names(one(events_of(pipeline, text), "meeting"))


def test_dateline_place_when_the_text_names_none(pipeline):
    text = "خبر عاجل\n\nالقاهرة – استقبل وزير الخارجية المصري سامح شكري اليوم نظيره الأردني أيمن الصفدي."
    meeting = one(events_of(pipeline, text), "meeting")
    assert meeting["location"]["name"] == "القاهرة"


def test_venue_keeps_its_last_word_whole(pipeline):
    text = "استقبل الرئيس الأوغندي يوري موسيفيني في مقر إقامته بفندق النيل اليوم وزير الخارجية المصري سامح شكري."
    meeting = one(events_of(pipeline, text), "meeting")
    assert meeting["location"]["venue"] == "مقر إقامته"


def test_attendees_named_in_the_next_sentence(pipeline):
    text = ("استقبل الرئيس التونسي قيس سعيد اليوم في قصر قرطاج وزير الخارجية الجزائري أحمد عطاف. "
            "وحضر اللقاء وزير الشؤون الخارجية التونسي محمد علي النفطي.")
    meeting = one(events_of(pipeline, text), "meeting")
    roles = {p["name"]: p["role"] for p in meeting["participants"]}
    assert roles.get("محمد علي النفطي") == "attendee"
    assert {"قيس سعيد", "أحمد عطاف"} <= set(roles)


def _token_range(doc, words):
    """Token indices [first, last) of the first occurrence of ``words`` in ``doc``."""
    start = doc.text.index(words)
    first = next(t.i for t in doc.tokens if t.end > start)
    last = next(t.i for t in doc.tokens if t.end >= start + len(words)) + 1
    return first, last


def test_an_agenda_phrase_is_a_topic_not_a_title_or_a_name(pipeline):
    from extractors.events import topic_span

    text = ("استقبل وزير الخارجية المصري سامح شكري نظيره الفرنسي جان نويل بارو، وبحث شكري الأزمة السورية "
            "وملف الهجرة غير النظامية وزيارة رئيس الحكومة الفرنسية المرتقبة.")
    doc = pipeline(text, published_at="2024-03-10")
    lx = pipeline.lexicons
    assert topic_span(doc, lx, *_token_range(doc, "وزير الخارجية المصري سامح شكري")) is None
    assert topic_span(doc, lx, *_token_range(doc, "شكري الأزمة السورية")).text == "الأزمة السورية"
    assert topic_span(doc, lx, *_token_range(doc, "رئيس الحكومة الفرنسية")) is None
    topic = topic_span(doc, lx, *_token_range(doc, "ملف الهجرة غير النظامية"))
    assert doc.text[topic.start:topic.end] == "ملف الهجرة غير النظامية"


def test_names_keep_letters_that_look_like_clitics(pipeline):
    # س is a name's first letter before a non-verb; a final ه is part of the name, not a pronoun
    text = ("التقى وزير الخارجية سراج الدين حمدان مع رئيس الوزراء الهولندي ديرك فانته ووزير المالية "
            "محمد ولد سيديه في القاهرة، وسيبحث الجانبان التعاون.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"سراج الدين حمدان", "ديرك فانته", "محمد ولد سيديه"}


@pytest.mark.parametrize("text, people", [
    # a family name the gazetteer knows keeps its first letter even when it looks like ل+
    ("استقبل وزير الخارجية السعودي فيصل بن فرحان في الرياض وزير الخارجية البريطاني ديفيد لامي.",
     {"فيصل بن فرحان", "ديفيد لامي"}),
    # a given name that is also a common word (ثابت) before a family name with the article
    ("بحث وزير الدفاع العراقي ثابت العباسي مع قائد القيادة المركزية الأمريكية الجنرال مايكل كوريلا "
     "التعاون العسكري.", {"ثابت العباسي", "مايكل كوريلا"}),
    # a name ends before a common noun with the article (العلاقات) and before a venue (بقصر)
    ("بحث وزير الخارجية المغربي ناصر بوريطة مع نظيره الموريتاني محمد سالم ولد مرزوك العلاقات الثنائية.",
     {"ناصر بوريطة", "محمد سالم ولد مرزوك"}),
    ("عقد الرئيس التونسي قيس سعيد جلسة مباحثات مع رئيسة الوزراء الإيطالية جورجيا ميلوني بقصر قرطاج.",
     {"قيس سعيد", "جورجيا ميلوني"}),
    # a definite title takes the country its holder is accredited to (السفير … لدى العراق)
    ("استقبل رئيس مجلس الوزراء محمد شياع السوداني، اليوم الثلاثاء، السفير البريطاني لدى العراق عرفان صديق.",
     {"محمد شياع السوداني", "عرفان صديق"}),
    # a monarch's number is part of the name, though it is also a title modifier (النائب الثاني)
    ("أكد الملك عبدالله الثاني، لدى استقباله رئيس الوزراء البريطاني كير ستارمر في عمّان، أهمية وقف الحرب.",
     {"عبدالله الثاني", "كير ستارمر"}),
    # a multi-word given name ends the title before it; after a particle an honorific is a name word
    ("استقبل رئيس الجمهورية عبد المجيد تبون اليوم وزير الخارجية التركي هاكان فيدان.",
     {"عبد المجيد تبون", "هاكان فيدان"}),
    ("استقبل الرئيس محمد ولد الشيخ الغزواني اليوم السفير الفرنسي ألكسندر غارسيا.",
     {"محمد ولد الشيخ الغزواني", "ألكسندر غارسيا"}),
    # an unknown rare word and a family name end the body a title names (… الاتحاد أنمار الحائلي)
    ("التقى رئيس مجلس إدارة الاتحاد أنمار الحائلي مع وزير الرياضة السعودي عبد العزيز بن تركي الفيصل.",
     {"أنمار الحائلي", "عبد العزيز بن تركي الفيصل"}),
    # an honorific's twin is the given name (السيد السيد القصير)
    ("استقبل وزير الزراعة المصري السيد السيد القصير وزير الزراعة العراقي محمد كريم جاسم.",
     {"السيد القصير", "محمد كريم جاسم"}),
])
def test_family_names_the_word_lists_hide(pipeline, text, people):
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == people


def test_a_common_noun_after_a_given_name_is_no_family_name(pipeline):
    text = "استقبل الرئيس سامي العبيدي وزير الخارجية شكري حامد، وبحث شكري الأزمة الاقتصادية."
    doc = pipeline(text, published_at="2024-03-10")
    people = [e.name for e in doc.entities if e.kind == "person"]
    assert not any("الأزمة" in name for name in people), people


def test_an_event_placed_in_a_country_names_its_city(pipeline):
    text = ("التقى وزير الخارجية الأردني عمر الزيدي نظيره العراقي سالم الحسني في العراق أمس. "
            "وكان الزيدي قد وصل إلى بغداد في زيارة تستغرق يومين.")
    event = one(events_of(pipeline, text), "meeting")
    assert (event["location"]["name"], event["location"]["country_name"]) == ("بغداد", "العراق")


def test_a_venue_takes_the_city_named_beside_it(pipeline):
    text = ("استقبل رئيس الوزراء المغربي كريم الفاسي في قصر الضيافة وزير الخارجية الإسباني خوان مارتينيث. "
            "وكان مارتينيث قد وصل مساء أمس إلى الرباط في زيارة رسمية.")
    event = one(events_of(pipeline, text), "meeting")
    assert event["location"]["venue"] == "قصر الضيافة"
    assert (event["location"]["name"], event["location"]["country"]) == ("الرباط", "MAR")


def test_a_demonym_describing_a_capital_is_no_place(pipeline):
    text = ("عقدت القمة الثلاثية حول اليمن في العاصمة الإيرانية طهران بمشاركة الرئيس التركي رجب طيب أردوغان "
            "والرئيس الروسي فلاديمير بوتين.")
    doc = pipeline(text, published_at="2024-03-10")
    places = {e.name for e in doc.entities if e.kind in ("city", "country")}
    assert "طهران" in places and not places & {"الإيرانية", "العاصمة الإيرانية"}, places


def test_a_headline_with_a_dual_verb_reports_the_two_parties(pipeline):
    text = "وزيرا خارجية الأردن وتونس يوقعان اتفاقية للتعاون الثقافي\n\nوقع وزير الخارجية الأردني سالم العمري ونظيره التونسي منير الشابي اليوم اتفاقية للتعاون الثقافي."
    events = events_of(pipeline, text)
    assert [e["type"] for e in events] == ["agreement"]
    assert names(events[0]) == {"سالم العمري", "منير الشابي"}


def test_dual_and_plural_verbs_are_triggers():
    from extractors.lexicon import load_lexicons
    from extractors.normalize import normalize

    verbs = load_lexicons().triggers
    for word, etype in (("يبحثان", "meeting"), ("التقيا", "meeting"), ("التقوا", "meeting"),
                        ("يوقعان", "agreement"), ("وقعتا", "agreement")):
        assert any(normalize(word) in verbs[etype][kind] for kind in ("verbs", "requires_with")), word


def test_a_country_closing_a_title_is_not_a_given_name(pipeline):
    text = ("وقعت وزيرة الثقافة الأردنية هيفاء النجار ووزيرة التربية والتعليم في دولة قطر شيخة الخاطر "
            "مذكرة تفاهم للتعاون التربوي.")
    event = one(events_of(pipeline, text), "agreement")
    assert "شيخة الخاطر" in names(event)
    assert not any(name.startswith("قطر") for name in names(event))


def test_a_one_letter_abbreviation_does_not_end_the_sentence(pipeline):
    text = ("التقى وزير الخارجية المصري سامح عادل نظيره السوداني علي يوسف، بحضور د. منى الطيب وزيرة التعاون الدولي، "
            "حيث تناول اللقاء تطورات الأوضاع في السودان.")
    event = one(events_of(pipeline, text), "meeting")
    assert "منى الطيب" in names(event)
    assert any("تطورات الأوضاع في السودان" in a["text"] for a in event["agenda"])


def test_a_family_name_spelled_like_a_demonym(pipeline):
    # an adjective after a name would take the article: روسي without it is the family name
    text = "أجرى الرئيس التونسي قيس المهيري اتصالا هاتفيا برئيس الوزراء الإيطالي ماركو روسي بحثا خلاله ملف الهجرة."
    event = one(events_of(pipeline, text), "call")
    assert names(event) == {"قيس المهيري", "ماركو روسي"}


def test_a_meeting_noun_with_a_pronoun_and_its_hamza_seat(pipeline):
    text = "أكد وزير الخارجية الأردني أيمن حداد، خلال لقائه اليوم في عمان نظيره الفرنسي جان مارتان، أهمية التنسيق."
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"أيمن حداد", "جان مارتان"}


def test_a_delegation_led_by_a_named_person(pipeline):
    # برئاسة names the delegation's head; مسعد is also a town, but بن makes it a name
    text = "أشاد حاكم الإقليم صالح أبكر لدى لقائه اليوم بالخرطوم وفد المستثمرين برئاسة مسعد بن حمدان بعمق العلاقات."
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"صالح أبكر", "مسعد بن حمدان"}
    assert event["location"]["name"] == "الخرطوم" and event["location"]["venue"] is None


def test_a_european_name_with_a_common_word_inside(pipeline):
    text = "التقت رئيسة المفوضية الأوروبية أورسولا فون دير لاين اليوم في دمشق الرئيس السوري أحمد الحلبي."
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"أورسولا فون دير لاين", "أحمد الحلبي"}


def test_a_place_inside_a_title_is_not_where_the_event_happened(pipeline):
    text = "التقى والي ولاية كسلا آدم يوسف اليوم في الخرطوم سفير الاتحاد الأوروبي لدى السودان هانس ميلر."
    event = one(events_of(pipeline, text), "meeting")
    assert event["location"]["name"] == "الخرطوم"


def test_an_attendee_in_a_sentence_that_names_the_meeting_again(pipeline):
    # "حضر اللقاء" names the meeting again, with one person: no event of its own, an attendee of the first
    text = ("استقبل رئيس الوزراء اللبناني نواف عيسى اليوم في بيروت وزير الخارجية القبرصي أندرياس كوستا. "
            "وأشار البيان إلى أن وزير الطاقة اللبناني جو صدقي حضر اللقاء.")
    event = one(events_of(pipeline, text), "meeting")
    assert {"نواف عيسى", "أندرياس كوستا", "جو صدقي"} <= names(event)


def test_a_title_names_the_city_where_its_holder_serves(pipeline):
    text = 'استقبل وزير الخارجية المغربي ناصر العلوي وفدا من مصر يضم السفير المصري بالرباط "عمرو حسين".'
    event = one(events_of(pipeline, text), "meeting")
    ambassador = next(p for p in event["participants"] if p["name"] == "عمرو حسين")
    assert ambassador["title"] == "السفير المصري بالرباط"



def test_talks_held_by_phone_are_a_call_and_a_topic_place_is_no_location(pipeline):
    text = "بحث وزير الخارجية الجزائري أحمد بلقاسم، هاتفيا، مع نظيره التونسي نبيل عمار، تطورات الأوضاع في ليبيا."
    event = one(events_of(pipeline, text), "call")
    assert names(event) == {"أحمد بلقاسم", "نبيل عمار"}
    assert event["location"] is None
    assert any("تطورات الأوضاع في ليبيا" in a["text"] for a in event["agenda"])


def test_bodies_that_sign_with_no_person_named_are_the_parties(pipeline):
    text = "وقعت وزارة الصحة المصرية ومنظمة الصحة العالمية مذكرة تفاهم لدعم برامج التطعيم."
    event = one(events_of(pipeline, text), "agreement")
    assert names(event) == {"وزارة الصحة المصرية", "منظمة الصحة العالمية"}
    text = "وقعت شركة أرامكو السعودية وشركة توتال الفرنسية اتفاقية لإنشاء مصفاة جديدة."
    assert len(one(events_of(pipeline, text), "agreement")["participants"]) == 2


@pytest.mark.parametrize("text, people", [
    ("وقعت تونس وإيطاليا في روما اتفاقية للتعاون في مجال الطاقة، ووقعها وزير الخارجية التونسي نبيل عمار "
     "ونظيره الإيطالي أنطونيو تاياني.", {"نبيل عمار", "أنطونيو تاياني"}),
    ("بحث الرئيس المصري عبد الفتاح السيسي مع السودان سبل دعم الاستقرار، خلال لقائه رئيس مجلس السيادة "
     "السوداني عبد الفتاح البرهان في القاهرة.", {"عبد الفتاح السيسي", "عبد الفتاح البرهان"}),
])
def test_a_country_whose_people_are_named_is_no_party(pipeline, text, people):
    event = events_of(pipeline, text)[0]
    assert names(event) == people


def test_a_country_none_of_whose_people_is_named_stays_a_party(pipeline):
    text = "وقع وزير الخارجية التركي هاكان فيدان مع ليبيا مذكرة تفاهم للتعاون الأمني في أنقرة."
    event = one(events_of(pipeline, text), "agreement")
    assert names(event) == {"هاكان فيدان", "ليبيا"}


def test_each_guest_met_separately_is_a_meeting_of_its_own(pipeline):
    text = ("استقبل وزير الخارجية الكويتي عبدالله اليحيا كلا على حدة سفير اليابان ماساكي نودا "
            "وسفير البرازيل كارلوس ماتوس.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(meetings, key=sorted) == [{"عبدالله اليحيا", "كارلوس ماتوس"}, {"عبدالله اليحيا", "ماساكي نودا"}]


@pytest.mark.parametrize("text", [
    # the plural of bilateral meetings in the sentence before, with place and day, then the guests
    ("أجرى وزير الخارجية الجزائري أحمد عطاف، اليوم الأحد، لقاءات ثنائية على هامش القمة العربية في بغداد. "
     "حيث التقى عطاف مع كل من وزير الخارجية التونسي، محمد علي النفطي، ووزير الخارجية الموريتاني، "
     "محمد سالم ولد مرزوك، وبحث معهما تعزيز التنسيق العربي."),
    ("أجرى وزير الخارجية الجزائري أحمد عطاف، اليوم الأحد، لقاءات ثنائية على هامش القمة العربية في بغداد، "
     "تناولت تعزيز التنسيق العربي. حيث التقى عطاف مع كل من وزير الخارجية التونسي، محمد علي النفطي، "
     "ووزير الخارجية الموريتاني، محمد سالم ولد مرزوك."),
])
def test_bilateral_meetings_told_in_the_plural_are_one_meeting_each_at_one_occasion(pipeline, text):
    meetings = [e for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(map(names, meetings), key=sorted) == [
        {"أحمد عطاف", "محمد سالم ولد مرزوك"}, {"أحمد عطاف", "محمد علي النفطي"}]
    for meeting in meetings:
        assert meeting["location"]["name"] == "بغداد"
        assert meeting["time"]["date"] == "2024-03-10"
        assert topics(meeting) == ["تعزيز التنسيق العربي"]


def test_a_title_after_a_comma_and_wa_is_the_next_persons(pipeline):
    text = ("التقى وزير الخارجية المصري بدر عبد العاطي، ووزير التعاون الدولي والتنمية الاقتصادية لجمهورية "
            "جيبوتي، عبد القادر حسين عمر.")
    people = {e.name: e for e in pipeline(text).entities if e.kind == "person"}
    assert people["عبد القادر حسين عمر"].country == "DJI"
    assert people["بدر عبد العاطي"].title == "وزير الخارجية المصري"


def test_guests_received_together_are_one_meeting(pipeline):
    text = ("واستقبل الرئيس اللبناني جوزاف عون وزير الخارجية الفرنسي جان نويل بارو والمبعوث الفرنسي "
            "جان إيف لودريان في قصر بعبدا.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"جوزاف عون", "جان نويل بارو", "جان إيف لودريان"}


@pytest.mark.parametrize("text, people", [
    ("اتصل الرئيس الجزائري عبد المجيد تبون بالرئيس التونسي قيس سعيد للاطمئنان على صحته.",
     {"عبد المجيد تبون", "قيس سعيد"}),
    ("تلقى ملك البحرين حمد بن عيسى آل خليفة اتصالا من سلطان عمان هيثم بن طارق، تبادلا خلاله التهاني.",
     {"حمد بن عيسى آل خليفة", "هيثم بن طارق"}),
    ("جرت مكالمة بين وزير الخارجية المصري بدر عبد العاطي ونظيره القطري محمد بن عبدالرحمن آل ثاني.",
     {"بدر عبد العاطي", "محمد بن عبدالرحمن آل ثاني"}),
    ("بحث رئيس الوزراء الفلسطيني محمد مصطفى عبر الهاتف مع المبعوث الأمريكي ستيف ويتكوف الأوضاع في غزة.",
     {"محمد مصطفى", "ستيف ويتكوف"}),
    ("عقد الرئيس الأوكراني فولوديمير زيلينسكي اتصالا عبر الفيديو مع المستشار الألماني فريدريش ميرتس.",
     {"فولوديمير زيلينسكي", "فريدريش ميرتس"}),
    ("أجرى الرئيس عبد الفتاح السيسي اتصالاً تليفونياً مع الرئيس الفرنسي إيمانويل ماكرون.",
     {"عبد الفتاح السيسي", "إيمانويل ماكرون"}),
    ("عقد وزير الخارجية المصري بدر عبد العاطي اجتماعا افتراضيا مع نظيره الياباني تاكيشي إيوايا.",
     {"بدر عبد العاطي", "تاكيشي إيوايا"}),
])
def test_calls_in_other_wordings(pipeline, text, people):
    event = one(events_of(pipeline, text), "call")
    assert names(event) == people


def test_a_verb_of_relating_is_no_call(pipeline):
    text = "وفيما يتصل بالأوضاع الإقليمية، أكد وزير الخارجية الأردني أيمن الصفدي أهمية التهدئة."
    assert events_of(pipeline, text) == []


@pytest.mark.parametrize("text, people", [
    ("بحث رئيس الوزراء الأردني جعفر حسان ورئيس الوزراء اللبناني نواف سلام في عمّان سبل تعزيز التعاون.",
     {"جعفر حسان", "نواف سلام"}),
    ("حل وزير الخارجية الموريتاني محمد سالم ولد مرزوك ضيفا على نظيره المغربي ناصر بوريطة في الرباط.",
     {"محمد سالم ولد مرزوك", "ناصر بوريطة"}),
    # a delegation is represented by the head named after برئاسة
    ("استقبلت وزيرة الخارجية الليبية نجلاء المنقوش وفدا أمريكيا برئاسة مساعدة وزير الخارجية باربرا ليف.",
     {"نجلاء المنقوش", "باربرا ليف"}),
])
def test_meetings_in_other_wordings(pipeline, text, people):
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == people


def test_a_trip_told_as_setting_down_ones_luggage(pipeline):
    text = "حط وزير الخارجية الإسباني خوسيه مانويل ألباريس رحاله بالرباط في زيارة رسمية تستمر يومين."
    event = one(events_of(pipeline, text), "visit")
    assert names(event) == {"خوسيه مانويل ألباريس"}
    assert event["location"]["name"] == "الرباط"


def test_a_current_trip_in_an_aside_leaves_the_main_clause_whole(pipeline):
    text = "التقى وزير الخارجية الإيراني عباس عراقجي، الذي يزور بيروت حاليا، رئيس مجلس النواب نبيه بري."
    events = events_of(pipeline, text)
    meeting = one(events, "meeting")
    assert names(meeting) == {"عباس عراقجي", "نبيه بري"}
    assert meeting["location"]["name"] == "بيروت"
    assert names(one(events, "visit")) == {"عباس عراقجي"}


def test_a_pronoun_on_the_verb_points_back_to_the_last_visitor(pipeline):
    text = ("وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت في زيارة رسمية. "
            "والتقاه الرئيس اللبناني جوزاف عون في قصر بعبدا.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"إيمانويل ماكرون", "جوزاف عون"}
    text = ("وصل رئيس الوزراء الإثيوبي آبي أحمد إلى القاهرة اليوم. "
            "واستقبله الرئيس عبد الفتاح السيسي في قصر الاتحادية.")
    roles = {p["name"]: p["role"] for p in one(events_of(pipeline, text), "meeting")["participants"]}
    assert roles == {"آبي أحمد": "guest", "عبد الفتاح السيسي": "host"}


def test_the_one_received_on_arrival_is_the_visitor(pipeline):
    text = "وصل وزير الخارجية الأمريكي ماركو روبيو إلى الرياض. وكان في استقباله وزير الخارجية السعودي فيصل بن فرحان."
    visit = one(events_of(pipeline, text), "visit")
    assert {p["name"]: p["role"] for p in visit["participants"]} == {"ماركو روبيو": "visitor", "فيصل بن فرحان": "host"}


def test_a_topic_in_the_relative_clause_of_a_visit_is_the_meetings_too(pipeline):
    # the visit verb (الذي يزور) cuts the sentence: the topic after it belongs to the talks as well
    text = ("استعرض وزير الخارجية العماني بدر البوسعيدي مع نظيره الأردني أيمن الصفدي، الذي يزور مسقط حاليا، "
            "سبل تعزيز التعاون الاقتصادي بين البلدين.")
    event = one(events_of(pipeline, text), "meeting")
    assert topics(event) == ["سبل تعزيز التعاون الاقتصادي بين البلدين"]


def test_agenda_phrases_that_overlap_are_joined_and_repeated_words_dropped(pipeline):
    from extractors.events import _dedupe

    text = "بحث الجانبان تطورات الأوضاع في المنطقة وسبل تعزيز التعاون. وتناولا تطورات الأوضاع في المنطقة."
    doc = pipeline(text, published_at="2024-03-10")
    at = text.index
    rules = doc.span(at("تطورات"), at(" وسبل"))                       # تطورات الأوضاع في المنطقة
    tagged = doc.span(at("المنطقة"), at("."))                           # المنطقة وسبل تعزيز التعاون
    repeated = doc.span(text.rindex("تطورات"), len(text) - 1)           # the same words again
    kept = _dedupe([rules, tagged, repeated])
    assert [a.text for a in kept] == ["تطورات الأوضاع في المنطقة وسبل تعزيز التعاون"]
    assert (kept[0].start, kept[0].end) == (rules.start, tagged.end)


def test_a_single_word_is_no_topic(pipeline):
    text = "بحث الجانبان تطورات الأوضاع في العاصمة."
    doc = pipeline(text, published_at="2024-03-10")
    builder = pipeline._stages[-1]
    assert not builder.is_topic(doc, doc.span(text.index("العاصمة"), text.index(".")))
    assert not builder.is_topic(doc, doc.span(text.index("في"), text.index(".")))   # في العاصمة
    assert builder.is_topic(doc, doc.span(text.index("تطورات"), text.index(" في")))


def test_talks_take_the_topic_the_trip_was_made_for(pipeline):
    # the purpose of the visit is what the host and the guest discussed in the next sentence
    text = ("وصل رئيس حكومة الوحدة الوطنية الليبية عبد الحميد الدبيبة اليوم إلى باريس للتباحث في "
            "تطورات الأزمة الاقتصادية. واستقبل الرئيس الفرنسي إيمانويل ماكرون الدبيبة في قصر الإليزيه.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"إيمانويل ماكرون", "عبد الحميد الدبيبة"}
    assert topics(event) == ["تطورات الأزمة الاقتصادية"]


def test_an_event_takes_no_topic_of_other_parties(pipeline):
    text = ("وصل رئيس حكومة الوحدة الوطنية الليبية عبد الحميد الدبيبة اليوم إلى باريس للتباحث في "
            "تطورات الأزمة الاقتصادية. واستقبل الرئيس الفرنسي إيمانويل ماكرون وزير الخارجية الإيطالي أنطونيو تاياني.")
    event = one(events_of(pipeline, text), "meeting")
    assert "عبد الحميد الدبيبة" not in names(event)
    assert event["agenda"] == []


def test_talks_referred_back_to_say_what_was_discussed(pipeline):
    # the second sentence names no party by name (الرئيس، رئيس الوزراء) and its own report is
    # dropped, but "المباحثات" refers back to the reception
    text = ("استقبل الرئيس التونسي قيس سعيد، مساء الأحد، رئيس الوزراء الجزائري نذير العرباوي بقصر قرطاج. "
            "وعقد الرئيس جلسة عمل مع رئيس الوزراء الجزائري تناولت تطورات الأوضاع في منطقة الساحل، "
            "كما تطرقت المباحثات إلى مشاريع الربط الكهربائي.")
    event = one(events_of(pipeline, text), "meeting")
    assert topics(event) == ["تطورات الأوضاع في منطقة الساحل", "مشاريع الربط الكهربائي"]


def test_a_sentence_after_the_talks_that_names_a_topic_says_what_was_discussed(pipeline):
    # the second sentence names neither party nor the talks: its agenda cue (التطرق) says it is about them
    text = ("استقبل رئيس الحكومة المغربية عزيز أخنوش، اليوم الاثنين بالرباط، وزير الخارجية البرتغالي باولو "
            "رانجيل. وتم التطرق إلى ملف الهجرة غير النظامية والتعاون في قطاع الصيد البحري.")
    event = one(events_of(pipeline, text), "meeting")
    assert topics(event) == ["ملف الهجرة غير النظامية والتعاون في قطاع الصيد البحري"]


def test_talks_without_a_topic_take_those_the_sentence_before_them_names(pipeline):
    # the opening sentence reports no interaction: it says what the meeting after it is about
    text = ("مستجدات الأوضاع في منطقة الساحل وسبل مكافحة تهريب البشر على طاولة المسؤولين في الرباط اليوم. "
            "واستقبل وزير الخارجية المغربي ناصر بوريطة نظيره الموريتاني محمد سالم ولد مرزوك.")
    event = one(events_of(pipeline, text), "meeting")
    assert any(a["text"].startswith("مستجدات الأوضاع في منطقة الساحل وسبل مكافحة تهريب البشر")
               for a in event["agenda"])


def test_what_a_signed_document_is_for_is_the_agreements_topic(pipeline):
    text = ("وقع وزير الطاقة الأردني صالح الخرابشة ووزير الكهرباء العراقي زياد علي فاضل اليوم في عمّان "
            "مذكرة تفاهم تقضي بإنشاء خط لنقل الغاز بين البلدين.")
    event = one(events_of(pipeline, text), "agreement")
    assert topics(event) == ["إنشاء خط لنقل الغاز بين البلدين"]


@pytest.mark.parametrize("text, topics", [
    ("وقعت الحكومة الموريتانية وشركة بريتيش بتروليوم عقدا لاستكشاف الغاز في الحوض الساحلي.",
     ["استكشاف الغاز في الحوض الساحلي"]),
    ("وقع الجانبان مذكرة تفاهم أمنية مشتركة تتعلق بتأمين الحدود البرية.", ["تأمين الحدود البرية"]),
    # a comma before any ل or ب: what follows is no longer the document's subject
    ("وقع الجانبان الاتفاق، ليعلنا بعده موعد الانتخابات.", []),
    # too far from the document's name to be its subject
    ("وقع الجانبان اتفاقية جديدة مهمة في القاهرة اليوم بحضور الوزراء.", []),
])
def test_a_documents_subject_follows_it_with_a_particle(pipeline, text, topics):
    from extractors.events import find_agenda

    doc = pipeline(text, published_at="2024-03-10")
    assert [a.text for a in find_agenda(doc, pipeline.lexicons, 0, len(doc.tokens))] == topics


def test_what_the_parties_agreed_on_is_a_topic(pipeline):
    text = ("التقى رئيس الوزراء اللبناني نواف سلام في بيروت رئيس الوزراء السوري محمد البشير، واتفقا على "
            "تشكيل لجنة مشتركة لترسيم الحدود البرية.")
    event = one(events_of(pipeline, text), "meeting")
    assert topics(event) == ["تشكيل لجنة مشتركة لترسيم الحدود البرية"]


def test_words_that_go_on_listing_end_one_topic_and_start_the_next(pipeline):
    from extractors.events import find_agenda

    text = ("استقبل وزير الخارجية الجزائري أحمد عطاف نظيره السنغالي ياسين فال، وبحث الجانبان سبل تعزيز "
            "التعاون الثنائي وخاصة في قطاع الطاقة، إضافة إلى الأوضاع في منطقة الساحل.")
    doc = pipeline(text, published_at="2024-03-10")
    topics = [a.text for a in find_agenda(doc, pipeline.lexicons, 0, len(doc.tokens))]
    assert topics == ["سبل تعزيز التعاون الثنائي", "قطاع الطاقة", "الأوضاع في منطقة الساحل"]


def test_a_topic_starts_after_its_cue_and_its_time(pipeline):
    from extractors.events import topic_span

    text = "وتناول اللقاء الذي جرى الخميس بحث آفاق الاستثمار في قطاع السياحة."
    doc = pipeline(text, published_at="2024-03-10")
    first, last = _token_range(doc, "الخميس بحث آفاق الاستثمار في قطاع السياحة")
    assert topic_span(doc, pipeline.lexicons, first, last).text == "آفاق الاستثمار في قطاع السياحة"


def test_a_topic_starts_after_the_words_for_the_two_sides(pipeline):
    from extractors.events import topic_span

    text = "وناقش المسؤولان سبل تطوير النقل البحري بين الميناءين."
    doc = pipeline(text, published_at="2024-03-10")
    first, last = _token_range(doc, "المسؤولان سبل تطوير النقل البحري بين الميناءين")
    assert topic_span(doc, pipeline.lexicons, first, last).text == "سبل تطوير النقل البحري بين الميناءين"


def test_a_report_that_refers_back_takes_the_topics_of_the_sentence_before(pipeline):
    # "جاء ذلك خلال استقباله …": the letter about the grid was handed over at the reception
    text = ("تسلم رئيس الوزراء الأردني جعفر حسان رسالة خطية من نظيره العراقي محمد شياع السوداني تتعلق "
            "بسبل تطوير الربط الكهربائي بين البلدين. جاء ذلك خلال استقباله اليوم السفير العراقي لدى "
            "الأردن حيدر العذاري.")
    event = one(events_of(pipeline, text), "meeting")
    assert "حيدر العذاري" in names(event)
    assert topics(event) == ["سبل تطوير الربط الكهربائي بين البلدين"]


def test_a_topic_ends_before_a_title_or_a_name_it_runs_on_into(pipeline):
    from extractors.events import topic_span

    text = "وناقش وزير الطاقة الأردني صالح الخرابشة مشاريع الطاقة المتجددة مع الوزير السوري محمد البشير في عمّان."
    doc = pipeline(text, published_at="2024-03-10")
    first, last = _token_range(doc, "مشاريع الطاقة المتجددة مع الوزير السوري محمد البشير")
    # the title ends the phrase, and the particle left at its end goes too
    assert topic_span(doc, pipeline.lexicons, first, last).text == "مشاريع الطاقة المتجددة"


def test_each_side_signing_it_joins_the_agreement(pipeline):
    text = ("وقع الأردن والعراق اليوم في عمّان مذكرة تفاهم للربط الكهربائي. ووقعها عن الجانب الأردني وزير الطاقة "
            "صالح الخرابشة، فيما وقعها عن الجانب العراقي وزير الكهرباء زياد علي فاضل.")
    event = one(events_of(pipeline, text), "agreement")
    assert names(event) == {"صالح الخرابشة", "زياد علي فاضل"}


def test_a_delegation_is_never_a_persons_name(pipeline):
    doc = pipeline("استقبل وزير الصناعة المصري كامل الوزير وفدا من شركة سيمنز الألمانية.", published_at="2024-03-10")
    assert not [e.name for e in doc.entities if e.kind == "person" and e.name.startswith("وفد")]


def test_a_country_named_in_a_title_is_the_country_and_a_title_ends_a_venue(pipeline):
    text = "استقبل سلطان عمان هيثم بن طارق في قصر البركة العامر الرئيس الإيراني مسعود بزشكيان."
    event = one(events_of(pipeline, text), "meeting")
    assert event["location"]["venue"] == "قصر البركة العامر"
    assert event["location"]["country"] == "OMN"


def test_no_person_across_a_headline_and_its_dateline(pipeline):
    text = ("حاكم دارفور يلتقي وفد المستثمرين السعوديين\nالخرطوم اثيرنيوز\n"
            "امتدح حاكم إقليم دارفور مني اركو مناوي لدى لقائه اليوم بالخرطوم وفد المستثمرين السعوديين.")
    doc = pipeline(text, published_at="2024-03-10")
    people = {e.name for e in doc.entities if e.kind == "person"}
    assert people == {"مني اركو مناوي"}


def test_the_subject_after_a_fronted_meeting_phrase_is_its_host(pipeline):
    text = ("وخلال لقائه مع الرئيس التركي رجب طيب أردوغان في أنقرة، أكد رئيس الوزراء العراقي "
            "محمد شياع السوداني عمق العلاقات.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"محمد شياع السوداني", "رجب طيب أردوغان"}


def test_the_country_a_visit_verb_takes_is_where_the_trip_and_its_talks_were(pipeline):
    text = "زار وزير الخارجية الأمريكي ماركو روبيو إسرائيل حيث التقى رئيس الوزراء بنيامين نتنياهو."
    events = events_of(pipeline, text)
    assert one(events, "visit")["location"]["country"] == "ISR"
    assert one(events, "meeting")["location"]["country"] == "ISR"


def test_a_meeting_held_by_video_is_the_call(pipeline):
    text = ("عقد وزير الخارجية الجزائري أحمد عطاف ونظيره الإسباني خوسيه مانويل ألباريس لقاء تناول العلاقات "
            "الثنائية. وجرى اللقاء بين الوزيرين بتقنية التخاطب المرئي عن بعد.")
    events = events_of(pipeline, text)
    assert [e["type"] for e in events] == ["call"]


def test_the_sender_of_a_message_or_an_instruction_takes_no_part(pipeline):
    text = ("استقبل رئيس الجمهورية سليم الهادي، صباح اليوم، وزير الخارجية الكندي مارك جولي، الذي سلمه "
            "رسالة خطية من رئيس الوزراء جون كارني، بحضور السفير دانيال روي، تنفيذا لتوجيهات الأمير فهد العلي.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"سليم الهادي", "مارك جولي", "دانيال روي"}


def test_the_addressee_of_a_message_keeps_his_part(pipeline):
    text = ("نقل وزير الدولة خالد المري رسالة من الرئيس إلى الملك سلمان خلال لقائهما في الرياض، "
            "والتقى كذلك وزير الداخلية عمر الناصر.")
    people = {n for e in events_of(pipeline, text) for n in names(e)}
    assert "عمر الناصر" in people


def test_a_region_in_a_governors_title_is_not_where_he_met(pipeline):
    text = "التقى رئيس إقليم كردستان نيجيرفان بارزاني، في أربيل، السفير الياباني كينجي ناكامورا."
    event = one(events_of(pipeline, text), "meeting")
    assert event["location"]["name"] == "أربيل"


def test_a_spokesman_titled_after_his_name_takes_no_part(pipeline):
    text = ("أجرى الرئيس حسن الطيب اتصالا هاتفيا مع الرئيس الفرنسي إيمانويل ماكرون، وصرح السفير ماجد "
            "الشريف المتحدث الرسمي باسم الرئاسة بأن الاتصال تناول الأوضاع الإقليمية.")
    doc = pipeline(text, published_at="2024-03-10")
    assert {e.name for e in doc.entities if e.kind == "person"} == {"حسن الطيب", "إيمانويل ماكرون", "ماجد الشريف"}
    event = one(events_of(pipeline, text), "call")
    assert names(event) == {"حسن الطيب", "إيمانويل ماكرون"}


def test_states_named_with_their_head_word_sign_as_parties(pipeline):
    text = "وقعت المملكة الأردنية وجمهورية موريتانيا الإسلامية، أمس في نواكشوط، على اتفاقيتين للتعاون الزراعي."
    event = one(events_of(pipeline, text), "agreement")
    assert len(event["participants"]) == 2


def test_who_signs_on_behalf_of_a_side_takes_part(pipeline):
    text = ("وقعت مصر واليونان اتفاقية للربط الكهربائي، ووقعها نيابة عن الجانب المصري وزير الكهرباء "
            "محمود عصمت، ونيابة عن الجانب اليوناني وزير الطاقة ثيودوروس سكيلاكاكيس.")
    event = one(events_of(pipeline, text), "agreement")
    assert {"محمود عصمت", "ثيودوروس سكيلاكاكيس"} <= names(event)


def test_the_signers_named_after_haythu_sign(pipeline):
    text = ("وقعت وزارتا النقل في البلدين مذكرة تفاهم للنقل البحري، حيث وقعها من الجانب المصري؛ الوزير "
            "حسام الدين فؤاد، ومن الجانب الأردني، الوزير زياد الهباهبة.")
    event = one(events_of(pipeline, text), "agreement")
    assert names(event) >= {"حسام الدين فؤاد", "زياد الهباهبة"}


def test_a_signing_the_meeting_saw_is_signed_by_its_parties(pipeline):
    text = ("استقبل الرئيس الموريتاني محمد ولد الغزواني، اليوم في نواكشوط، رئيس الوزراء السنغالي عثمان "
            "سونكو. وشهد اللقاء التوقيع على مذكرتي تفاهم في مجال الصيد.")
    events = events_of(pipeline, text)
    signing = one(events, "agreement")
    assert names(signing) == names(one(events, "meeting")) == {"محمد ولد الغزواني", "عثمان سونكو"}
    assert signing["location"]["name"] == "نواكشوط"
    assert signing["time"]["date"] == "2024-03-10"


def test_the_witnesses_of_signings_take_part_in_each(pipeline):
    text = ("شهد رئيس الوزراء الأردني بشر الخصاونة ونظيره العراقي محمد العزاوي توقيع ثلاث اتفاقيات. "
            "ووقع الاتفاقية الأولى وزير المالية أيمن العلي ونظيره العراقي طه الراوي. "
            "كما وقع اتفاقية النقل وزير النقل ماهر حمدي ونظيره العراقي علي السعدي.")
    signings = [e for e in events_of(pipeline, text) if e["type"] == "agreement"]
    witnesses = {"بشر الخصاونة", "محمد العزاوي"}
    assert any(names(e) == witnesses | {"أيمن العلي", "طه الراوي"} for e in signings)
    assert any(names(e) == witnesses | {"ماهر حمدي", "علي السعدي"} for e in signings)


def test_a_witness_verb_after_a_title_is_no_name(pipeline):
    doc = pipeline("وزيرا خارجية البلدين يشهدان توقيع اتفاقية للتعاون الثقافي", published_at="2024-03-10")
    assert not [e for e in doc.entities if e.kind == "person"]


def test_a_city_with_a_proclitic_is_no_person_and_an_honorific_ends_a_family_name(pipeline):
    text = ("استقبل الرئيس الفلسطيني محمود عباس، في مقر الرئاسة برام الله، وزير الخارجية النرويجي إسبن "
            "إيدي. وشارك في اللقاء أمين سر اللجنة التنفيذية لمنظمة التحرير حسين الشيخ، ورئيس الوزراء محمد مصطفى.")
    doc = pipeline(text, published_at="2024-03-10")
    assert "حسين الشيخ" in {e.name for e in doc.entities if e.kind == "person"}
    event = one(events_of(pipeline, text), "meeting")
    assert event["location"]["name"] == "رام الله"
    assert names(event) == {"محمود عباس", "إسبن إيدي", "حسين الشيخ", "محمد مصطفى"}


def test_a_dual_verb_takes_both_people_named_before_it(pipeline):
    text = ("وصل رئيس الوزراء الهولندي ديك سخوف إلى عمان، يرافقه وزير الخارجية كاسبار فيلدكامب، "
            "والتقيا العاهل الأردني الملك عبدالله الثاني.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"ديك سخوف", "كاسبار فيلدكامب", "عبدالله الثاني"}


def test_a_trip_to_a_country_of_several_words_is_a_visit_and_the_inviter_no_traveller(pipeline):
    text = ("غادر رئيس الوزراء الكويتي الشيخ أحمد العبدالله أرض الوطن متوجها إلى الرياض في زيارة رسمية "
            "للمملكة العربية السعودية بدعوة من ولي العهد الأمير محمد بن سلمان.")
    visit = one(events_of(pipeline, text), "visit")
    assert names(visit) == {"أحمد العبدالله"}


def test_whom_a_traveller_met_after_his_trip_noun_is_no_traveller(pipeline):
    text = ("أنهى رئيس البرلمان العربي محمد اليماحي زيارته الرسمية إلى الأردن، بعد أن التقى رئيس "
            "مجلس الأعيان فيصل الفايز.")
    events = events_of(pipeline, text)
    assert names(one(events, "visit")) == {"محمد اليماحي"}
    assert names(one(events, "meeting")) == {"محمد اليماحي", "فيصل الفايز"}


def test_talks_by_telephone_are_a_call(pipeline):
    text = "أجرى الرئيس الكيني ويليام روتو محادثات هاتفية مع رئيس الوزراء الهندي ناريندرا مودي."
    assert [e["type"] for e in events_of(pipeline, text)] == ["call"]


def test_the_honorific_hadrat_is_no_attendance_cue(pipeline):
    text = ("استقبل حضرة صاحب الجلالة الملك حمد بن عيسى آل خليفة، في قصر الصخير اليوم، رئيس الوزراء "
            "البريطاني كير ستارمر، بحضور ولي العهد الأمير سلمان بن حمد آل خليفة.")
    event = one(events_of(pipeline, text), "meeting")
    roles = {p["name"]: p["role"] for p in event["participants"]}
    assert roles == {"حمد بن عيسى آل خليفة": "host", "كير ستارمر": "guest", "سلمان بن حمد آل خليفة": "attendee"}


def test_the_official_named_by_his_country_is_the_last_person_of_it(pipeline):
    text = ("وصل وزير الخارجية التركي هاكان فيدان إلى بغداد. وأكد رئيس الوزراء محمد شياع السوداني خلال "
            "اجتماعه مع المسؤول التركي أهمية ملف المياه.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"محمد شياع السوداني", "هاكان فيدان"}


def test_gulf_names_chain_their_forebears_and_a_written_damma_names_oman(pipeline):
    text = ("استقبل سمو الشيخ مشعل الأحمد الجابر الصباح أمير دولة الكويت، في قصر بيان اليوم، جلالة "
            "السلطان هيثم بن طارق سلطان عُمان.")
    doc = pipeline(text, published_at="2024-03-10")
    assert "مشعل الأحمد الجابر الصباح" in {e.name for e in doc.entities if e.kind == "person"}
    event = one(events_of(pipeline, text), "meeting")
    assert event["location"]["country"] != "JOR"


def test_a_present_tense_meeting_with_tomorrow_after_it_is_planned(pipeline):
    text = "يلتقي الرئيس البرازيلي لولا دا سيلفا غدا في برازيليا رئيس الوزراء الإسباني بيدرو سانشيز."
    assert events_of(pipeline, text) == []


def test_a_foreign_name_cut_after_its_first_letter_is_whole(pipeline):
    text = "بحث وزير الخارجية المغربي ناصر بوريطة مع نظيرته الكولومبية لاورا ساراباي سبل تعزيز التعاون."
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"ناصر بوريطة", "لاورا ساراباي"}


def test_a_rare_family_name_that_begins_with_waw_stays_in_the_name(pipeline):
    doc = pipeline("التقى الوزير ماركو روبيو، بحضور مستشار الأمن القومي مايك والتز، الرئيس علي حسن.",
                   published_at="2024-03-10")
    assert "مايك والتز" in {e.name for e in doc.entities if e.kind == "person"}


@pytest.mark.parametrize("text, person", [
    ("التقى وزير الخارجية العراقي فؤاد حسين نظيره الفنلندي إلينا فالتونن في بغداد.", "إلينا فالتونن"),
    ("استقبل الرئيس اللبناني جوزاف عون وزير الدولة البريطاني هاميش فالكونر، وبحث معه الأوضاع.", "هاميش فالكونر"),
])
def test_a_rare_family_name_that_farasa_reads_as_fa_and_the_article_stays_in_the_name(pipeline, text, person):
    assert person in names(one(events_of(pipeline, text), "meeting"))


def test_the_sender_named_after_a_long_title_is_no_subject_carried_over(pipeline):
    text = ("تسلم رئيس الوزراء أحمد الخالد رسالة خطية من نائب رئيس مجلس الوزراء وزير الخارجية القطري الشيخ "
            "محمد بن عبدالرحمن آل ثاني. جاء ذلك خلال استقباله لسفير قطر بندر العطية.")
    people = {n for e in events_of(pipeline, text) for n in names(e)}
    assert "محمد بن عبدالرحمن آل ثاني" not in people


def test_the_traveller_of_an_earlier_trip_told_with_qama_biha_takes_no_part(pipeline):
    text = ("وصل نائب رئيس مجلس السيادة مالك عقار إلى القاهرة، وتأتي الزيارة عقب زيارة قام بها مدير "
            "المخابرات المصرية حسن رشاد إلى بورتسودان.")
    people = {n for e in events_of(pipeline, text) for n in names(e)}
    assert "حسن رشاد" not in people and "مالك عقار" in people


def test_a_counterpart_named_again_by_his_country_and_a_quoted_company_are_parties(pipeline):
    text = ("أطلع وزير الداخلية عماد الطرابلسي، نظيره الإيطالي ماتيو بيانتيدوزي، على خطة عمل وزارته. "
            "والتقى الطرابلسي مع نظيره الإيطالي بمجمع قاعات غابة النصر بطرابلس.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"عماد الطرابلسي", "ماتيو بيانتيدوزي"}
    text = 'وقع وزير النفط العراقي حيان عبد الغني مذكرة تفاهم مع شركة "توتال" لإقامة مشروع للبتروكيماويات.'
    assert names(one(events_of(pipeline, text), "agreement")) == {"حيان عبد الغني", "شركة توتال"}


def test_an_unknown_name_set_off_by_commas_before_its_title_is_a_person(pipeline):
    text = "التقى رئيس مجلس الوزراء مصطفى مدبولي، اليوم، أجاي بانغا، رئيس مجموعة البنك الدولي."
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"مصطفى مدبولي", "أجاي بانغا"}


def test_chaired_by_is_no_venue_concluded_is_no_trip_and_the_sides_sign(pipeline):
    text = ("عقدت اللجنة العليا المشتركة اجتماعها برئاسة رئيسي وزراء البلدين مصطفى مدبولي وجعفر حسان في "
            "القاهرة، واختتمت أعمالها.")
    events = events_of(pipeline, text)
    assert [e["type"] for e in events] == ["meeting"]
    assert events[0]["location"]["name"] == "القاهرة"
    text = ("بحث وزير الخارجية السعودي فيصل بن فرحان مع نظيره العراقي فؤاد حسين في الرياض العلاقات "
            "الثنائية، ووقع الجانبان محضر اجتماع مجلس التنسيق.")
    signing = one(events_of(pipeline, text), "agreement")
    assert names(signing) == {"فيصل بن فرحان", "فؤاد حسين"}


def test_a_cancelled_trip_is_no_visit_and_a_common_word_before_an_event_word_is_no_name(pipeline):
    text = "أعلن مكتب الرئيس إلغاء زيارة الرئيس الفرنسي إيمانويل ماكرون إلى الجزائر."
    assert events_of(pipeline, text) == []
    doc = pipeline(text, published_at="2024-03-10")
    assert {e.name for e in doc.entities if e.kind == "person"} == {"إيمانويل ماكرون"}


def test_oman_or_amman_is_decided_by_the_rest_of_the_text_and_a_name_is_no_place(pipeline):
    text = "التقى وزير الخارجية العماني بدر البوسعيدي، اليوم في عمان، وزير الخارجية الإيراني عباس عراقجي."
    assert one(events_of(pipeline, text), "meeting")["location"]["country"] == "OMN"
    text = "التقى وزير الخارجية الأردني أيمن الصفدي، اليوم في عمان، وزير الخارجية الإيراني عباس عراقجي."
    assert one(events_of(pipeline, text), "meeting")["location"]["country"] == "JOR"
    text = "التقى محافظ البنك المركزي حسن عبد الله، بمقر البنك، مديرة الإدارة تالين كورانشيليان."
    assert (one(events_of(pipeline, text), "meeting")["location"] or {}).get("country") != "EST"


def test_who_a_speech_verb_recalls_meeting_before_takes_no_part(pipeline):
    text = ("التقى وزير الخارجية المصري بدر عبد العاطي نظيره الفرنسي جان نويل بارو في باريس، وأشار عبد العاطي "
            "إلى لقائه السابق مع الرئيس إيمانويل ماكرون في القاهرة.")
    meeting = next(e for e in events_of(pipeline, text) if "جان نويل بارو" in names(e))
    assert names(meeting) == {"بدر عبد العاطي", "جان نويل بارو"}


def test_a_definite_title_runs_on_through_a_chain_of_lam_and_the_country_it_serves_in(pipeline):
    text = ("التقى رئيس تيار الحكمة الوطني عمار الحكيم، اليوم، بالممثلة الخاصة للأمين العام للأمم المتحدة "
            "في العراق جينين هينيس بلاسخارت.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"عمار الحكيم", "جينين هينيس بلاسخارت"}


def test_calls_told_as_a_contact_with_or_between_parties(pipeline):
    for text in ("أجرى وزير الخارجية السعودي فيصل بن فرحان اتصالا بنظيره الإيراني عباس عراقجي.",
                 "جرى اتصال بين الرئيس الفلسطيني محمود عباس ورئيس الوزراء الإسباني بيدرو سانشيز.",
                 "بحث أمير الكويت مشعل الأحمد الجابر الصباح، في اتصال مع ملك البحرين حمد بن عيسى آل خليفة، "
                 "العلاقات الأخوية."):
        assert [e["type"] for e in events_of(pipeline, text)] == ["call"], text


def test_a_signing_at_the_end_of_a_visit_is_signed_by_the_principals_of_its_talks(pipeline):
    text = ("توقيع مذكرة تفاهم في مجال الهجرة\n"
            "اختتم رئيس وزراء مالطا روبرت أبيلا اليوم زيارة رسمية إلى ليبيا أجرى خلالها محادثات مع رئيس "
            "الحكومة عبد الحميد الدبيبة، بحضور وزير الخارجية إيان بورغ. وتم في ختام هذه الزيارة التوقيع على "
            "مذكرة تفاهم في مجال مكافحة الهجرة.")
    signing = one(events_of(pipeline, text), "agreement")
    assert names(signing) == {"روبرت أبيلا", "عبد الحميد الدبيبة"}


def test_a_whole_title_without_a_name_refers_to_its_holder_named_before(pipeline):
    text = ("وصل رئيس الوزراء الأردني جعفر حسان إلى القاهرة. وعقد رئيس مجلس الوزراء المصري مصطفى مدبولي "
            "اجتماعا مع رئيس الوزراء الأردني تناول التعاون الاقتصادي.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"جعفر حسان", "مصطفى مدبولي"}


def test_a_place_after_a_particle_wins_over_a_city_that_names_an_event(pipeline):
    text = ("التقى وزير الخارجية الأردني أيمن الصفدي، على هامش منتدى دافوس في البحر الميت، نظيره الألماني "
            "يوهان فاديفول.")
    assert one(events_of(pipeline, text), "meeting")["location"]["name"] == "البحر الميت"


def test_bodies_that_sign_before_an_attendee_are_the_parties(pipeline):
    text = ("وقعت وزارة الطاقة المصرية وشركة سيمنس للطاقة، اليوم، عقدا لتطوير محطات الكهرباء، بحضور "
            "رئيس الوزراء مصطفى مدبولي.")
    assert {"وزارة الطاقة المصرية", "مصطفى مدبولي"} <= names(one(events_of(pipeline, text), "agreement"))


def test_a_body_whose_head_takes_part_is_no_party_of_its_own(pipeline):
    text = ("بحث وزير النفط العراقي حيان عبد الغني مع شركة توتال، بحضور الرئيس التنفيذي لشركة توتال "
            "باتريك بويان، تطوير حقول الغاز.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"حيان عبد الغني", "باتريك بويان"}


def test_a_delegation_whose_people_take_part_is_no_party_of_its_own(pipeline):
    text = "التقى رئيس الوزراء المصري مصطفى مدبولي، اليوم، الوفد العراقي ووزير التخطيط العراقي محمد تميم."
    meeting = one(events_of(pipeline, text), "meeting")
    assert "الوفد العراقي" not in names(meeting)


def test_a_meeting_verb_right_after_haythu_goes_on_naming_the_parties(pipeline):
    text = ("وواصل الوفد العراقي مباحثاته في القاهرة، حيث التقى رئيس الوزراء المصري مصطفى مدبولي، وزير "
            "التخطيط العراقي محمد تميم.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"مصطفى مدبولي", "محمد تميم"}


def test_a_given_name_of_the_gazetteers_after_a_title_starts_a_name(pipeline):
    text = ("بحث النائب الأول لرئيس الوزراء الروسي دينيس مانتوروف مع وزير الصناعة السعودي بندر الخريف "
            "التعاون الصناعي.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"دينيس مانتوروف", "بندر الخريف"}


def test_an_accusative_noun_after_a_given_name_is_no_family_name(pipeline):
    text = ("استقبل وزير الخارجية الكويتي الشيخ عبدالله اليحيا، في الكويت، نظيره الألماني يوهان فاديفول. "
            "وفي المساء، أجرى الشيخ عبدالله اتصالا هاتفيا بوزير الخارجية العماني بدر البوسعيدي.")
    events = events_of(pipeline, text)
    call = one(events, "call")
    assert names(call) == {"عبدالله اليحيا", "بدر البوسعيدي"}
    meeting = one(events, "meeting")
    assert names(meeting) == {"عبدالله اليحيا", "يوهان فاديفول"}


def test_a_rare_family_name_that_is_also_a_city_stays_in_the_name(pipeline):
    text = "التقى الرئيس الغاني جون ماهاما في أكرا الرئيس النيجيري محمد بخاري وبحثا أمن المنطقة."
    assert names(one(events_of(pipeline, text), "meeting")) == {"جون ماهاما", "محمد بخاري"}


def test_a_title_modifier_after_an_honorific_is_no_name(pipeline):
    text = "استقبل الإمام الأكبر أحمد الطيب في القاهرة رئيس وزراء ماليزيا أنور إبراهيم."
    assert names(one(events_of(pipeline, text), "meeting")) == {"أحمد الطيب", "أنور إبراهيم"}


def test_the_bodies_between_which_a_witnessed_signing_is_made_sign_it(pipeline):
    text = ("شهد رئيس الوزراء الأردني جعفر حسان، اليوم، توقيع اتفاقية بين وزارة المياه الأردنية "
            "ومنظمة الأمم المتحدة للطفولة لتوسعة شبكات الصرف في المخيمات.")
    event = one(events_of(pipeline, text), "agreement")
    assert names(event) == {"جعفر حسان", "وزارة المياه الأردنية", "منظمة الأمم المتحدة للطفولة"}
    text = "شهد وزير الطاقة توقيع اتفاقية بين وزير النفط العراقي حيان عبد الغني ومدير شركة توتال باتريك بويانيه."
    assert names(one(events_of(pipeline, text), "agreement")) == {"حيان عبد الغني", "باتريك بويانيه"}


def test_who_is_named_in_what_a_guest_was_briefed_on_takes_no_part(pipeline):
    text = ("استقبل وزير الخارجية السوداني علي يوسف في بورتسودان المبعوث الأممي رمطان لعمامرة، وأطلعه على "
            "الانتهاكات التي ترتكبها القوات بقيادة محمد حمدان دقلو.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"علي يوسف", "رمطان لعمامرة"}


def test_a_regional_adjective_belongs_to_the_title(pipeline):
    text = "التقى رئيس الوزراء نواف سلام، المبعوث الأوروبي كريستيان بيرغر، وبحثا دعم الجيش."
    assert names(one(events_of(pipeline, text), "meeting")) == {"نواف سلام", "كريستيان بيرغر"}


def test_talks_told_on_with_a_pronoun_partner_are_the_same_meeting(pipeline):
    text = ("استقبل رئيس الحكومة عزيز أخنوش في الرباط الممثل الخاص ستافان دي ميستورا، وبحث معه "
            "المقترح الذي قدمه الوزير ناصر بوريطة.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"عزيز أخنوش", "ستافان دي ميستورا"}
    assert [p["role"] for p in event["participants"]] == ["host", "guest"]


def test_whom_a_trip_ends_by_meeting_is_met_not_a_traveller(pipeline):
    text = "اختتم رئيس الوزراء الماليزي أنور إبراهيم زيارته إلى القاهرة بلقاء شيخ الأزهر أحمد الطيب."
    events = events_of(pipeline, text)
    assert names(one(events, "visit")) == {"أنور إبراهيم"}
    assert names(one(events, "meeting")) == {"أنور إبراهيم", "أحمد الطيب"}


def test_a_place_alone_is_no_topic_and_stays_the_place(pipeline):
    text = "حل وزير الخارجية القطري محمد الخليفي ضيفا على العاصمة الأردنية عمّان، حيث التقى نظيره أيمن الصفدي."
    event = one(events_of(pipeline, text), "meeting")
    assert event["location"]["name"] == "عمّان"
    assert not any("العاصمة" in a["text"] for a in event["agenda"])


def test_companies_banks_and_universities_the_lexicons_lack_sign(pipeline):
    text = "وقعت شركة سوناطراك الجزائرية وشركة فيوليا الفرنسية، اليوم في الجزائر، اتفاقية لتحلية مياه البحر."
    event = one(events_of(pipeline, text), "agreement")
    assert names(event) == {"شركة سوناطراك الجزائرية", "شركة فيوليا الفرنسية"}
    assert event["location"]["name"] == "الجزائر"
    text = "وقعت جامعة بغداد وجامعة دمشق مذكرة تفاهم للتعاون العلمي."
    event = one(events_of(pipeline, text), "agreement")
    assert names(event) == {"جامعة بغداد", "جامعة دمشق"}
    assert event["location"] is None  # the cities name the universities, not where they signed


def test_a_meeting_a_denial_verb_introduces_is_no_report_but_a_denial_at_a_meeting_is(pipeline):
    text = "نفت الرئاسة الجزائرية أن يكون الرئيس عبد المجيد تبون قد استقبل المبعوث الفرنسي جان إيف لودريان."
    assert events_of(pipeline, text) == []
    text = "نفى وزير الخارجية التونسي محمد علي النفطي، خلال لقائه نظيره الليبي الطاهر الباعور في تونس، وجود أي توتر."
    assert names(one(events_of(pipeline, text), "meeting")) == {"محمد علي النفطي", "الطاهر الباعور"}


def test_common_womens_names_and_a_country_named_given_name_after_the_titles_country(pipeline):
    text = "استقبلت رئيسة المجلس الأعلى للمرأة وفاء بن حسين وفد البرلمان الأوروبي برئاسة روبرتا ميتسولا."
    assert {"وفاء بن حسين", "روبرتا ميتسولا"} <= names(one(events_of(pipeline, text), "meeting"))
    text = "التقى الرئيس السوري أحمد الشرع رئيسة وزراء إيطاليا جورجيا ميلوني في روما."
    assert names(one(events_of(pipeline, text), "meeting")) == {"أحمد الشرع", "جورجيا ميلوني"}


def test_an_honorific_without_the_article_inside_a_name_is_part_of_it(pipeline):
    text = "استقبل الرئيس الكيني وليام روتو في نيروبي الرئيس الصومالي حسن شيخ محمود."
    assert names(one(events_of(pipeline, text), "meeting")) == {"وليام روتو", "حسن شيخ محمود"}


def test_who_is_named_with_the_giver_of_an_instruction_gave_it_too(pipeline):
    text = ("استقبل وزير الداخلية الكويتي الشيخ فهد اليوسف نظيره البحريني الشيخ راشد بن عبدالله آل خليفة، "
            "تنفيذا لتوجيهات أمير البلاد الشيخ مشعل الأحمد وولي العهد الشيخ صباح الخالد، وبحثا التعاون الأمني.")
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"فهد اليوسف", "راشد بن عبدالله آل خليفة"}
    assert not any("توجيهات" in a["text"] for a in event["agenda"])


def test_who_accompanied_the_visitor_in_the_next_sentence_took_part(pipeline):
    text = ("وصل رئيس جمهورية جنوب السودان سلفاكير ميارديت إلى أديس أبابا في زيارة رسمية. "
            "ورافق الرئيس خلال زيارته كل من وزير الخارجية مناسي لومولي، والمستشار الرئاسي توت قلواك.")
    event = one(events_of(pipeline, text), "visit")
    assert names(event) == {"سلفاكير ميارديت", "مناسي لومولي", "توت قلواك"}


def test_a_word_before_a_fathers_given_name_after_a_title_is_a_given_name(pipeline):
    text = "وصل الوفد إلى جوبا. واستقبل وزير الخارجية رمضان عبد الله نظيره الكيني موساليا مودافادي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"رمضان عبد الله", "موساليا مودافادي"}


def test_chinese_family_names_first_a_high_title_modifier_and_an_unnamed_crown_prince(pipeline):
    text = "التقى وزير الخارجية العماني بدر البوسعيدي في مسقط وزير الخارجية الصيني وانغ يي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"بدر البوسعيدي", "وانغ يي"}
    text = "استقبل رئيس مجلس النواب العراقي محمود المشهداني المفوض السامي لشؤون اللاجئين فيليبو غراندي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"محمود المشهداني", "فيليبو غراندي"}
    text = "استقبل الرئيس الفرنسي إيمانويل ماكرون في الإليزيه ولي عهد البحرين."
    assert names(one(events_of(pipeline, text), "meeting")) == {"إيمانويل ماكرون", "البحرين"}


def test_a_city_after_al_asima_wins_over_a_word_the_tagger_took_for_a_place_before_it(pipeline):
    text = "منصةالأخبار اليوم: وصل رئيس وزراء اليونان كيرياكوس ميتسوتاكيس صباح اليوم إلى العاصمة عمّان."
    assert one(events_of(pipeline, text), "visit")["location"]["name"] == "عمّان"


def test_a_call_whose_maker_is_a_pronoun_takes_the_subject_named_before(pipeline):
    text = ("هنأ وزير الشباب والرياضة الأمير فهد بن جلوي نادي النصر بالفوز بالبطولة. "
            "جاء ذلك في اتصال هاتفي أجراه سموه برئيس النادي إبراهيم المهيدب.")
    assert names(one(events_of(pipeline, text), "call")) == {"فهد بن جلوي", "إبراهيم المهيدب"}


def test_talks_told_with_tahadatha_and_no_name_after_a_second_titles_comma(pipeline):
    text = "تحادث الرئيس اللبناني جوزاف عون، مساء اليوم بقصر بعبدا، مع رئيس الوزراء الأردني جعفر حسان."
    assert names(one(events_of(pipeline, text), "meeting")) == {"جوزاف عون", "جعفر حسان"}
    text = ("بحث رئيس الوزراء الكويتي الشيخ أحمد العبدالله، خلال اتصال هاتفي تلقاه من السيد إسحاق دار "
            "نائب رئيس الوزراء الباكستاني، مستجدات الأوضاع الإقليمية.")
    event = one(events_of(pipeline, text), "call")
    assert names(event) == {"أحمد العبدالله", "إسحاق دار"}


def test_a_title_after_a_name_an_honorific_opens_is_that_names(pipeline):
    # a body's title (no demonym to end it) right after an honoured foreign name, then a comma
    text = ("بحث سمو الشيخ عبدالله بن زايد آل نهيان وزير الخارجية، خلال اتصال هاتفي مع معالي كايا كالاس "
            "الممثلة العليا للاتحاد الأوروبي، مستجدات الأوضاع في المنطقة.")
    event = one(events_of(pipeline, text), "call")
    assert names(event) == {"عبدالله بن زايد آل نهيان", "كايا كالاس"}
    assert any(a["text"].startswith("مستجدات الأوضاع") for a in event["agenda"])


def test_a_title_set_off_by_commas_after_a_name_is_that_names(pipeline):
    text = ("استقبل طارق عامر، محافظ البنك المركزي، كريستالينا غورغييفا، المديرة العامة لصندوق النقد الدولي، "
            "وبحثا برنامج الإصلاح.")
    pipeline_doc = pipeline(text, published_at="2024-03-10")
    titles = {e.name: e.title for e in pipeline_doc.entities if e.kind == "person"}
    assert titles.get("كريستالينا غورغييفا") != "محافظ البنك المركزي", titles
    assert names(one(events_of(pipeline, text), "meeting")) == {"طارق عامر", "كريستالينا غورغييفا"}


def test_a_signing_the_talks_saw_is_signed_by_the_delegations_people_when_one_principal_is_named(pipeline):
    text = ("استقبل السفير أحمد فؤاد، مدير الوكالة الأردنية للتعاون، وفدا من جزر القمر يضم السفيرة "
            "سيتي حاجي والسفير القمري بعمان علي مبارك. وشهد اللقاء التوقيع على مذكرة تفاهم للتعاون الفني.")
    events = events_of(pipeline, text)
    meeting, signing = one(events, "meeting"), one(events, "agreement")
    assert names(signing) == names(meeting) == {"أحمد فؤاد", "سيتي حاجي", "علي مبارك"}


def test_a_companys_name_between_its_heads_title_and_a_comma_is_no_person(pipeline):
    text = "استقبل وزير النفط العراقي حيان عبد الغني الرئيس التنفيذي لشركة لوك أويل، فاغيت علي كبيروف، في بغداد."
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"حيان عبد الغني", "فاغيت علي كبيروف"}


def test_an_envoy_sent_to_a_country_named_after_a_comma_and_amam_is_no_title(pipeline):
    text = ("أكد رئيس الحكومة الليبية عبد الحميد الدبيبة خلال لقائه، اليوم في طرابلس، المبعوث الأمريكي إلى ليبيا "
            "مسعد بولس، دعم الحكومة للانتخابات.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"عبد الحميد الدبيبة", "مسعد بولس"}
    text = "وجرت مراسم استقبال الرئيس أردوغان، أمام قصر الشعب، قبل أن يلتقي الرئيس السوري أحمد الشرع."
    doc = pipeline(text, published_at="2024-03-10")
    assert not any(e.kind == "person" and e.name.startswith("قصر") for e in doc.entities)


def test_a_rare_name_after_an_honorific_before_a_title_is_a_person(pipeline):
    text = ("وقعت دولة الكويت وجمهورية الهند اليوم مذكرة تفاهم، وقعها من الجانب الكويتي معالي خليفة العجيل "
            "وزير التجارة، ومن الجانب الهندي معالي بيوش غويال وزير التجارة والصناعة.")
    assert names(one(events_of(pipeline, text), "agreement")) == {"خليفة العجيل", "بيوش غويال"}


def test_a_title_without_its_article_and_a_two_word_country_after_a_title(pipeline):
    text = ("التقت وزيرة دولة للشؤون الخارجية نورة الكعبي في نيويورك وزير خارجية فيجي. "
            "والتقت وزيرة الدولة للشؤون الخارجية أيضا مع معالي ديفيد ويلسون، وزير خارجية ترينيداد وتوباغو.")
    events = [e for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert any(names(e) == {"نورة الكعبي", "ديفيد ويلسون"} for e in events), [names(e) for e in events]


def test_a_trip_told_by_a_noun_with_a_singular_pronoun_has_one_traveller(pipeline):
    text = ("عقد وزير الخارجية الأردني أيمن الصفدي جلسة مباحثات مع رئيس الوزراء البولندي دونالد توسك، "
            "على هامش زيارته الرسمية إلى وارسو.")
    assert names(one(events_of(pipeline, text), "visit")) == {"أيمن الصفدي"}
    text = ("استقبل رئيس الوزراء الأردني جعفر حسان، المدير العام لمنظمة الصحة العالمية تيدروس أدهانوم، "
            "خلال زيارته الحالية إلى الأردن.")
    assert names(one(events_of(pipeline, text), "visit")) == {"تيدروس أدهانوم"}
    # the owner told by ل and his pronoun after the noun
    text = ("وأجرى رئيس الوزراء الإسباني بيدرو سانشيز محادثات مطولة مع الرئيس الصيني شي جين بينغ، "
            "وذلك في أول زيارة له إلى بكين منذ توليه منصبه.")
    assert names(one(events_of(pipeline, text), "visit")) == {"بيدرو سانشيز"}


def test_a_trip_told_in_an_aside_and_dated_today_is_the_antecedents_visit(pipeline):
    text = ("استقبل رئيس الجمهورية جوزاف عون وزيرة الخارجية الأسترالية بيني وونغ، التي وصلت إلى بيروت "
            "اليوم في زيارة رسمية.")
    assert names(one(events_of(pipeline, text), "visit")) == {"بيني وونغ"}
    text = "التقى الرئيس جوزاف عون وزير الخارجية المصري بدر عبد العاطي، الذي زار القاهرة الشهر الماضي."
    assert [e["type"] for e in events_of(pipeline, text)] == ["meeting"]
    text = "وكان رئيس الوزراء بيدرو سانشيز، الذي زار صباح اليوم ضريح محمد الخامس، قد التقى رئيس الحكومة."
    assert names(one(events_of(pipeline, text), "visit")) == {"بيدرو سانشيز"}


def test_kurdistan_spelled_with_waw_is_the_region_in_a_title(pipeline):
    text = "استقبل رئيس حكومة إقليم كوردستان مسرور بارزاني في أربيل السفير التركي أنيل بورا إنان."
    assert names(one(events_of(pipeline, text), "meeting")) == {"مسرور بارزاني", "أنيل بورا إنان"}


def test_a_foreign_given_name_cut_after_its_waw_is_whole(pipeline):
    text = "اجتمع وزير الخارجية العراقي فؤاد حسين مع سفير ألمانيا لدى العراق وولفغانغ شميت في بغداد."
    assert names(one(events_of(pipeline, text), "meeting")) == {"فؤاد حسين", "وولفغانغ شميت"}


def test_whom_an_honorific_pronoun_says_was_received_is_the_visitor(pipeline):
    text = ("وصل إلى الرياض، مساء اليوم، الرئيس الغابوني بريس أوليغي نغيما في زيارة رسمية. وكان في استقبال "
            "فخامته لدى وصوله مطار الملك خالد الدولي نائب أمير منطقة الرياض الأمير محمد بن عبدالرحمن.")
    event = one(events_of(pipeline, text), "visit")
    assert names(event) == {"بريس أوليغي نغيما", "محمد بن عبدالرحمن"}


def test_countries_the_lexicon_lacked_give_demonyms_and_a_venue_named_after_a_king_is_no_person(pipeline):
    text = "استقبل الرئيس الغابوني بريس أوليغي نغيما في ليبرفيل رئيس وزراء كوستاريكا رودريغو تشافيس."
    event = one(events_of(pipeline, text), "meeting")
    assert names(event) == {"بريس أوليغي نغيما", "رودريغو تشافيس"}
    assert event["location"]["country"] == "GAB"
    text = "وصل الوزير أحمد الصفدي إلى مطار الملك حسين الدولي في العقبة."
    doc = pipeline(text, published_at="2024-03-10")
    assert [e.name for e in doc.entities if e.kind == "person"] == ["أحمد الصفدي"]


def test_a_headline_with_a_dual_present_verb_reports_talks_and_a_signing(pipeline):
    text = ("تبون وميلوني يبحثان التعاون الطاقوي ويوقعان اتفاقيات\n"
            "روما - خلال مؤتمر صحفي مشترك مع رئيسة الوزراء الإيطالية جورجيا ميلوني، أكد الرئيس الجزائري "
            "عبد المجيد تبون متانة العلاقات.")
    events = events_of(pipeline, text)
    assert names(one(events, "meeting")) == names(one(events, "agreement")) == {"عبد المجيد تبون", "جورجيا ميلوني"}


def test_two_calls_told_with_a_dual_noun_and_a_fronted_call_without_a_pronoun(pipeline):
    text = ("أجرى وزير الخارجية القطري محمد بن عبدالرحمن آل ثاني اتصالين هاتفيين مع نظيريه التركي هاكان فيدان "
            "والمصري بدر عبد العاطي.")
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert sorted(map(sorted, calls)) == sorted(map(sorted, [{"محمد بن عبدالرحمن آل ثاني", "هاكان فيدان"},
                                                             {"محمد بن عبدالرحمن آل ثاني", "بدر عبد العاطي"}]))
    text = "وفي اتصال هاتفي، أكد وزير الخارجية الكويتي عبدالله اليحيا لنظيره الفرنسي جان نويل بارو أهمية التنسيق."
    assert names(one(events_of(pipeline, text), "call")) == {"عبدالله اليحيا", "جان نويل بارو"}


def test_a_verb_told_on_keeps_the_previous_verbs_subject_and_a_two_word_country_in_a_title(pipeline):
    text = ("استقبل الرئيس التونسي قيس سعيد بقصر قرطاج السفير الإيطالي أليساندرو برونزيني، ثم استقبل "
            "وزير الخارجية المالطي إيان بورغ، والتقى بعد الظهر رئيس البرلمان إبراهيم بودربالة.")
    events = [e for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert all("قيس سعيد" in names(e) for e in events), [names(e) for e in events]
    assert {"إيان بورغ", "إبراهيم بودربالة"} <= set().union(*map(names, events))
    assert not any({"أليساندرو برونزيني", "إيان بورغ"} <= names(e) for e in events)
    text = "كما التقى الوزير أحمد عطاف وزيرة خارجية جنوب أفريقيا ناليدي باندور في نيويورك."
    assert names(one(events_of(pipeline, text), "meeting")) == {"أحمد عطاف", "ناليدي باندور"}


def test_a_venue_named_after_a_person_is_a_place_in_its_city_not_a_participant(pipeline):
    text = ("وصل وزير الخارجية الفرنسي جان نويل بارو إلى بيروت اليوم، حيث حطت طائرته في مطار رفيق الحريري "
            "الدولي، والتقى رئيس الحكومة نجيب ميقاتي.")
    events = events_of(pipeline, text)
    assert names(one(events, "meeting")) == {"جان نويل بارو", "نجيب ميقاتي"}
    for event in events:
        assert event["location"]["name"] == "بيروت"
        assert event["location"]["venue"].startswith("مطار رفيق الحريري")
    text = "التقى الرئيس الإيراني مسعود بزشكيان في قصر سعد آباد بطهران رئيس الوزراء العراقي محمد شياع السوداني."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"مسعود بزشكيان", "محمد شياع السوداني"}
    assert meeting["location"]["name"] == "طهران"


def test_and_to_is_no_governor_and_a_venue_word_is_no_name(pipeline):
    text = ("وزينت الأعلام الطرق المؤدية من وإلى مطار القاهرة، حيث استقبل رئيس الوزراء مصطفى مدبولي "
            "الرئيس الكيني ويليام روتو.")
    doc = pipeline(text, published_at="2024-03-10")
    assert [e.name for e in doc.entities if e.kind == "person"] == ["مصطفى مدبولي", "ويليام روتو"]
    meeting = one(events_of(pipeline, text), "meeting")
    assert {p["name"]: p["role"] for p in meeting["participants"]} == {"مصطفى مدبولي": "host", "ويليام روتو": "guest"}


def test_a_title_word_that_is_a_given_name_before_bin_starts_the_name(pipeline):
    text = ("استقبل سمو الشيخ سلطان بن محمد القاسمي حاكم الشارقة سفير اليابان كازويوشي تاناكا، وحضر اللقاء "
            "سعادة السيد سلطان بن سعد المريخي.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert {p["name"]: p["role"] for p in meeting["participants"]} == {
        "سلطان بن محمد القاسمي": "host", "كازويوشي تاناكا": "guest", "سلطان بن سعد المريخي": "attendee"}
    text = "استقبل سلطان عمان هيثم بن طارق الرئيس الإيراني مسعود بزشكيان."
    assert names(one(events_of(pipeline, text), "meeting")) == {"هيثم بن طارق", "مسعود بزشكيان"}


def test_an_envoy_titled_mowfad_is_a_title_not_the_agenda(pipeline):
    text = ("بحث رئيس مجلس النواب نبيه بري مع الموفد الرئاسي الفرنسي جان إيف لودريان في عين التينة "
            "المستجدات السياسية.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"نبيه بري", "جان إيف لودريان"}
    assert topics(meeting) == ["المستجدات السياسية"]


def test_talks_of_the_two_sides_after_a_reception_are_held_by_visitor_and_host(pipeline):
    text = ("وصل رئيس الوزراء الأردني جعفر حسان، صباح اليوم، إلى العاصمة بغداد في زيارة رسمية. "
            "وكان في استقبال حسان لدى وصوله مطار بغداد الدولي رئيس مجلس الوزراء محمد شياع السوداني. "
            "وعقد الجانبان جلسة مباحثات موسعة في القصر الحكومي، بحثا خلالها مشروع أنبوب النفط بين البصرة والعقبة. "
            "وفي ختام المباحثات، ترأس الجانبان توقيع عدد من مذكرات التفاهم في مجالات الطاقة والنقل.")
    events = events_of(pipeline, text)
    assert names(one(events, "visit")) >= {"جعفر حسان"}
    meeting = one(events, "meeting")
    assert {p["name"]: p["role"] for p in meeting["participants"]} == {"محمد شياع السوداني": "host", "جعفر حسان": "guest"}
    assert (meeting["location"]["name"], meeting["location"]["venue"]) == ("بغداد", "القصر الحكومي")
    assert names(one(events, "agreement")) == {"محمد شياع السوداني", "جعفر حسان"}


def test_a_spokesman_whose_title_runs_into_another_is_no_party(pipeline):
    text = ("استقبل الرئيس عبد الفتاح السيسي، اليوم الأحد، بقصر الاتحادية، رئيس جمهورية كينيا ويليام روتو. "
            "وصرح المتحدث الرسمي باسم رئاسة الجمهورية السفير أحمد فهمي بأن مراسم استقبال رسمية أقيمت للرئيس الكيني.")
    doc = pipeline(text, published_at="2024-03-10")
    assert not [e.name for e in doc.entities if e.kind == "person" and e.name.startswith("باسم")]
    events = events_of(pipeline, text)
    assert [names(e) for e in events if e["type"] == "meeting"] == [{"عبد الفتاح السيسي", "ويليام روتو"}]


def test_an_agenda_phrase_ends_before_an_honorific_that_names_a_person(pipeline):
    text = ("وتبادل مذكرة التفاهم في مجال الطاقة معالي سهيل بن محمد المزروعي وزير الطاقة، ومعالي رافائيل "
            "لوتيلا وزير الطاقة الفلبيني.")
    agreement = one(events_of(pipeline, text), "agreement")
    assert names(agreement) == {"سهيل بن محمد المزروعي", "رافائيل لوتيلا"}
    assert topics(agreement) == ["مجال الطاقة"]


def test_a_trip_under_way_names_its_destination_before_the_noun(pipeline):
    text = "غادر الرئيس العراقي عبد اللطيف جمال رشيد بغداد اليوم متوجها إلى الرياض في زيارة رسمية تستغرق يومين."
    visit = one(events_of(pipeline, text), "visit")
    assert names(visit) == {"عبد اللطيف جمال رشيد"}
    assert visit["location"]["name"] == "الرياض"


def test_who_attended_a_reception_did_not_make_the_guests_trip_and_who_received_him_on_arrival_did(pipeline):
    text = ("استقبل رئيس الجمهورية، السيد عبد المجيد تبون، يوم الأحد بالجزائر العاصمة، رئيس المجلس الرئاسي الليبي، "
            "محمد يونس المنفي، الذي يقوم بزيارة عمل إلى الجزائر. وجرى الاستقبال بحضور وزير الشؤون الخارجية، السيد "
            "أحمد عطاف. وكان السيد المنفي قد حل بالجزائر في وقت سابق من اليوم، حيث كان في استقباله بمطار هواري "
            "بومدين الدولي، الوزير الأول، السيد نذير العرباوي.")
    events = events_of(pipeline, text)
    meeting = one(events, "meeting")
    assert {p["name"]: p["role"] for p in meeting["participants"]} == {
        "عبد المجيد تبون": "host", "محمد يونس المنفي": "guest", "أحمد عطاف": "attendee"}
    visit = one(events, "visit")
    assert {p["name"]: p["role"] for p in visit["participants"]} == {"محمد يونس المنفي": "visitor", "نذير العرباوي": "host"}
    assert visit["location"]["name"] == "الجزائر"


def test_a_counterpart_of_a_country_is_whoever_of_it_holds_the_same_title(pipeline):
    text = ("استقبل رئيس مجلس الوزراء محمد شياع السوداني، اليوم، وزير الخارجية الصيني وانغ يي. "
            "ونقل وانغ يي تحيات الرئيس الصيني شي جين بينغ إلى رئيس الوزراء. "
            "وفي وقت لاحق، التقى وزير الخارجية فؤاد حسين نظيره الصيني في مقر الوزارة.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert meetings == [{"محمد شياع السوداني", "وانغ يي"}, {"فؤاد حسين", "وانغ يي"}]


def test_his_excellency_after_a_verb_is_the_articles_subject(pipeline):
    text = ("التقى سعادة الدكتور محمد بن عبدالعزيز الخليفي وزير الدولة بوزارة الخارجية، اليوم، مع سعادة السيد "
            "أليكسي أوفرتشوك نائب رئيس وزراء روسيا الاتحادية. جرى خلال الاجتماع استعراض علاقات التعاون بين البلدين. "
            "كما اجتمع سعادته مع سعادة السيدة ليزا فاندرمير مبعوثة الاتحاد الأوروبي إلى منطقة الخليج.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert meetings == [{"محمد بن عبدالعزيز الخليفي", "أليكسي أوفرتشوك"}, {"محمد بن عبدالعزيز الخليفي", "ليزا فاندرمير"}]


@pytest.mark.parametrize("text", [
    "عقد رئيس الوزراء الكويتي أحمد العبدالله محادثات مع رئيس الوزراء الباكستاني شهباز شريف، جرى في ختامها توقيع ثلاث اتفاقيات للتعاون.",
    "أجرى وزير الخارجية التونسي محمد علي النفطي محادثات مع نظيره الليبي الطاهر الباعور، تلاها توقيع مذكرة تفاهم في مجال النقل.",
])
def test_talks_held_with_a_light_verb_then_a_signing_are_two_events(pipeline, text):
    events = events_of(pipeline, text)
    assert sorted(e["type"] for e in events) == ["agreement", "meeting"]
    assert names(one(events, "meeting")) == names(one(events, "agreement"))
    assert len(names(one(events, "meeting"))) == 2


@pytest.mark.parametrize("text, place", [
    ("وصل الرئيس الكيني وليام روتو إلى أبوظبي في زيارة دولة. وعقد الرئيس روتو محادثات مع الشيخ "
     "محمد بن زايد آل نهيان تناولت العلاقات الثنائية.", "أبوظبي"),
    ("بدأ رئيس الوزراء الماليزي أنور إبراهيم زيارة رسمية إلى تركيا. والتقى إبراهيم الرئيس التركي "
     "رجب طيب أردوغان وبحث معه التبادل التجاري.", "تركيا"),
    # the talks told before the arrival
    ("عقد الرئيس الكيني وليام روتو محادثات مع الشيخ محمد بن زايد آل نهيان تناولت العلاقات الثنائية. "
     "وكان روتو قد وصل إلى أبوظبي صباح اليوم في زيارة دولة.", "أبوظبي"),
])
def test_a_travellers_meeting_after_his_trip_is_placed_where_it_went(pipeline, text, place):
    meeting = one(events_of(pipeline, text), "meeting")
    assert meeting["location"]["name"] == place


def test_a_meeting_of_others_after_a_trip_is_not_placed_at_its_destination(pipeline):
    text = ("وصل الرئيس الكيني وليام روتو إلى أبوظبي في زيارة دولة. "
            "من جهة أخرى، التقى رئيس الوزراء الهندي ناريندرا مودي الرئيس الفرنسي إيمانويل ماكرون.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"ناريندرا مودي", "إيمانويل ماكرون"}
    assert meeting["location"] is None


def test_an_aside_after_the_subject_names_no_party_but_whom_he_accompanies(pipeline):
    text = ("وقال رئيس المجلس الأوروبي أنطونيو كوستا، الذي يرافق رئيسة المفوضية أورسولا فون دير لاين، "
            "خلال اجتماع مع الرئيس السوري أحمد الشرع في دمشق إن الاتحاد سيدعم إعادة الإعمار.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"أنطونيو كوستا", "أورسولا فون دير لاين", "أحمد الشرع"}
    assert "attendee" not in {p["role"] for p in meeting["participants"]}
    text = ("وشدد المبعوث الأمريكي توم باراك، الذي التقى أمس رئيس الوزراء اللبناني نواف سلام، خلال لقائه "
            "الرئيس جوزاف عون على أهمية الإصلاحات.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"توم باراك", "جوزاف عون"}


@pytest.mark.parametrize("text", [
    "واستقبل وزير الخارجية الكويتي عبدالله اليحيا كلا على حدة سفراء اليابان ماساكي نودا والبرازيل كارلوس ماتوس وجنوب أفريقيا سيبوسيسو ندلوفو.",
    "واستقبل وزير الخارجية الكويتي عبدالله اليحيا كلا على حدة سفراء كل من اليابان ماساكي نودا، والبرازيل كارلوس ماتوس، وجنوب أفريقيا سيبوسيسو ندلوفو.",
])
def test_envoys_listed_by_country_after_a_plural_title_are_each_named(pipeline, text):
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(meetings, key=sorted) == sorted(
        [{"عبدالله اليحيا", guest} for guest in ("ماساكي نودا", "كارلوس ماتوس", "سيبوسيسو ندلوفو")], key=sorted)
    people = {e.name: e for e in pipeline(text).entities if e.kind == "person"}
    assert (people["ماساكي نودا"].country, people["ماساكي نودا"].head) == ("JPN", "سفير")


def test_a_given_name_that_the_world_gazetteer_knows_as_a_city_starts_a_name_after_a_title(pipeline):
    text = "استقبل الرئيس السنغالي ماكي سال في داكار الرئيس الغامبي أداما بارو."
    assert names(one(events_of(pipeline, text), "meeting")) == {"ماكي سال", "أداما بارو"}


def test_a_family_name_written_without_its_article_is_the_same_person(pipeline):
    text = ("الرئيس غزواني يستقبل رئيس حكومة جزر الكناري\n"
            "استقبل الرئيس الموريتاني محمد ولد الشيخ الغزواني اليوم في نواكشوط رئيس حكومة جزر الكناري "
            "فرناندو كلافيخو. وقالت الرئاسة إن لقاء الرئيس غزواني بالضيف تناول تعزيز العلاقات الثنائية.")
    people = [e for e in pipeline(text).entities if e.kind == "person"]
    assert sorted(e.name for e in people) == ["فرناندو كلافيخو", "محمد ولد الشيخ الغزواني"]
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"محمد ولد الشيخ الغزواني", "فرناندو كلافيخو"}
    # a given name alone is no family name of one whose name ends in it with the article
    text = "التقى الشيخ صباح الخالد اليوم الوزير خالد في الكويت."
    assert len([e for e in pipeline(text).entities if e.kind == "person"]) == 2


def test_a_joint_press_conference_is_a_meeting(pipeline):
    text = ("وقال وزير الخارجية الأردني أيمن الصفدي، في مؤتمر صحفي مشترك مع نظيره الإسباني خوسيه مانويل "
            "ألباريس في عمان، إن الأردن يرحب بالموقف الإسباني.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"أيمن الصفدي", "خوسيه مانويل ألباريس"}
    assert meeting["location"]["name"] == "عمان"


def test_an_exchange_of_the_agreements_documents_is_a_signing(pipeline):
    text = ("وجرى تبادل وثائق الاتفاقية بين رئيس الوزراء الإثيوبي آبي أحمد والرئيس الصومالي حسن شيخ محمود "
            "في ختام القمة.")
    events = events_of(pipeline, text)
    assert names(one(events, "agreement")) == {"آبي أحمد", "حسن شيخ محمود"}


@pytest.mark.parametrize("text, people", [
    # an Amazigh family name after آيت, as after بن or آل
    ("أجرى وزير الصحة المغربي خالد آيت الطالب مباحثات مع نظيره الفرنسي فرانسوا براون.",
     {"خالد آيت الطالب", "فرانسوا براون"}),
    # a given name alone by the tagger, and a rare family name the rules took after it
    ("بحث مستشار الأمن الوطني العراقي قاسم الأعرجي مع قائد القيادة المركزية الأمريكية الجنرال مايكل كوريلا "
     "التعاون الأمني.", {"قاسم الأعرجي", "مايكل كوريلا"}),
    # a delegated minister (الوزير المنتدب) and a regional director: the modifier is no name
    ("التقى الوزير المنتدب المكلف بالميزانية فوزي لقجع المدير الإقليمي للبنك الدولي جيسكو هنتشل.",
     {"فوزي لقجع", "جيسكو هنتشل"}),
])
def test_names_and_titles_of_several_outlets(pipeline, text, people):
    assert names(one(events_of(pipeline, text), "meeting")) == people


def test_a_visit_to_a_person_is_a_meeting_he_hosts(pipeline):
    text = "زار سفير اليابان في لبنان ماسايوكي ماغوشي رئيس الحكومة نواف سلام في السراي الحكومي."
    events = events_of(pipeline, text)
    assert [e["type"] for e in events] == ["meeting"]
    assert roles(events[0]) == {"نواف سلام": "host", "ماسايوكي ماغوشي": "guest"}
    text = "زار الرئيس الفرنسي إيمانويل ماكرون يرافقه وزير الخارجية جان نويل بارو مدينة جدة."
    visit = one(events_of(pipeline, text), "visit")
    assert "host" not in {p["role"] for p in visit["participants"]}


@pytest.mark.parametrize("dateline", ["دمشق (سانا) - ", "عنوان الخبر\nدمشق (إرنا) - "])
def test_the_agency_in_a_datelines_brackets_is_no_party(pipeline, dateline):
    text = dateline + "بحث وزير الخارجية فؤاد حسين مع نظيره الأردني أيمن الصفدي، اليوم، تطورات المنطقة."
    doc = pipeline(text)
    assert not {"إرنا", "سانا"} & {e.name for e in doc.entities if e.kind == "person"}
    assert names(one(events_of(pipeline, text), "meeting")) == {"فؤاد حسين", "أيمن الصفدي"}


def test_the_region_an_envoy_is_sent_to_is_his_title_not_the_place(pipeline):
    text = ("نواكشوط (ومأ) - استقبل الوزير الأول المختار ولد اجاي، اليوم الثلاثاء، السيد هانز شميت "
            "المبعوث الخاص للاتحاد الأوروبي إلى منطقة الساحل، وبحث معه التعاون الأمني.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert meeting["location"]["name"] == "نواكشوط"


@pytest.mark.parametrize("text, guest", [
    ("استقبل وزير النفط حيان عبد الغني وفدا من شركة توتال الفرنسية برئاسة المدير التنفيذي للشركة "
     "باتريك بويانيه.", "باتريك بويانيه"),
    ("التقى وزير الاستثمار حسن الخطيب رئيس مجلس إدارة المجموعة هيرفي دوبوا في القاهرة.", "هيرفي دوبوا"),
])
def test_a_name_after_a_definite_body_in_a_title_is_the_holders(pipeline, text, guest):
    assert guest in names(one(events_of(pipeline, text), "meeting"))


def test_a_family_name_farasa_reads_as_a_noun_and_my(pipeline):
    text = "بحث رئيس المجلس السياسي الأعلى مهدي المشاط مع السفير الإيراني علي رضا عنايتي العلاقات الثنائية."
    assert "علي رضا عنايتي" in names(one(events_of(pipeline, text), "meeting"))


def test_a_given_name_with_the_article_before_bin_and_a_venue_without_a_city(pipeline):
    text = ("استقبل ولي العهد الأمير الحسين بن عبدالله الثاني في قصر الحسينية، اليوم، رئيس وزراء سنغافورة "
            "لورانس وونغ.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"الحسين بن عبدالله الثاني", "لورانس وونغ"}
    assert meeting["location"]["venue"] == "قصر الحسينية"
    assert meeting["location"]["name"] is None


def test_a_venue_known_by_its_own_name(pipeline):
    text = "استقبل الرئيس الروسي فلاديمير بوتين في الكرملين رئيس جمهورية الكونغو دينيس ساسو نغيسو."
    meeting = one(events_of(pipeline, text), "meeting")
    assert meeting["location"]["venue"] == "الكرملين"
    assert names(meeting) == {"فلاديمير بوتين", "دينيس ساسو نغيسو"}


def test_who_speaks_after_the_meeting_is_no_rival_host(pipeline):
    text = ("استقبل رئيس مجلس السيادة عبد الفتاح البرهان في بورتسودان المبعوث الأممي رمطان لعمامرة. "
            "وقال وزير الخارجية علي يوسف في تصريح صحفي عقب اللقاء إن المبعوث نقل رسالة من الأمين العام.")
    assert roles(one(events_of(pipeline, text), "meeting")) == {
        "عبد الفتاح البرهان": "host", "رمطان لعمامرة": "guest", "علي يوسف": "attendee"}


def test_a_meeting_told_in_a_relative_clause_of_the_trip(pipeline):
    text = ("اختتم رئيس وزراء باكستان شهباز شريف زيارته الرسمية إلى الصين، والتي التقى خلالها الرئيس الصيني "
            "شي جين بينغ ورئيس مجلس الدولة لي تشيانغ.")
    events = events_of(pipeline, text)
    assert names(one(events, "meeting")) == {"شهباز شريف", "شي جين بينغ", "لي تشيانغ"}
    assert names(one(events, "visit")) == {"شهباز شريف"}
    text = "التقى الرئيس جوزاف عون وزير الخارجية المصري بدر عبد العاطي، الذي التقى أمس رئيس الحكومة."
    assert [e["type"] for e in events_of(pipeline, text)] == ["meeting"]


def test_a_common_word_before_a_fathers_name_after_an_honorific_is_a_given_name(pipeline):
    text = "استقبل سمو ولي العهد الشيخ صباح خالد الحمد الصباح بقصر بيان وزير الخارجية التركي هاكان فيدان."
    assert names(one(events_of(pipeline, text), "meeting")) == {"صباح خالد الحمد الصباح", "هاكان فيدان"}
    text = "استقبل رئيس مجلس السيادة الفريق أول ركن عبد الفتاح البرهان وزير الدفاع الفريق أول أحمد مفضل."
    assert "أحمد مفضل" in names(one(events_of(pipeline, text), "meeting"))


@pytest.mark.parametrize("links", [
    "اقرأ أيضا:\nرئيس الوزراء يلتقي وزير المالية القطري علي بن أحمد الكواري\nوزير الخارجية يستقبل نظيره المغربي ناصر بوريطة\n",
    "اقرأ أيضاً: رئيس الوزراء يلتقي وزير المالية القطري علي بن أحمد الكواري\n",
])
def test_headlines_linking_to_other_articles_report_nothing_here(pipeline, links):
    text = ("استقبل الرئيس عبد الفتاح السيسي، اليوم، رئيس وزراء اليونان كيرياكوس ميتسوتاكيس بقصر الاتحادية.\n\n"
            + links + "\nوتناول اللقاء سبل تعزيز التعاون في مجال الطاقة.")
    events = events_of(pipeline, text)
    assert [names(e) for e in events] == [{"عبد الفتاح السيسي", "كيرياكوس ميتسوتاكيس"}]
    assert topics(events[0]) == ["سبل تعزيز التعاون في مجال الطاقة"]


def test_a_role_mention_with_its_titles_modifier_and_a_meeting_held_on_its_own(pipeline):
    text = ("استقبل الرئيس الفرنسي إيمانويل ماكرون في قصر الإليزيه القائد العام للجيش الليبي المشير "
            "خليفة حفتر. وكان القائد العام قد اجتمع أيضا بشكل منفرد مع وزير الخارجية جان نويل بارو.")
    meetings = [frozenset(names(e)) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(meetings, key=sorted) == sorted([frozenset({"إيمانويل ماكرون", "خليفة حفتر"}),
                                                   frozenset({"خليفة حفتر", "جان نويل بارو"})], key=sorted)


def test_a_verb_with_the_futures_prefix_plans_an_interaction(pipeline):
    text = "سيستقبل الرئيس التونسي قيس سعيد رئيسة الوزراء الإيطالية جورجيا ميلوني في قرطاج."
    assert events_of(pipeline, text) == []
    text = "استقبل الرئيس التونسي قيس سعيد رئيسة الوزراء الإيطالية جورجيا ميلوني في قرطاج."
    assert len(events_of(pipeline, text)) == 1


def test_who_is_stood_in_for_takes_no_part(pipeline):
    text = ("استقبل وزير الخارجية المغربي ناصر بوريطة، نيابة عن رئيس الحكومة عزيز أخنوش، الوزير الأول "
            "الجزائري نذير العرباوي.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"ناصر بوريطة", "نذير العرباوي"}


def test_the_guest_named_after_the_reception_noun_arrived(pipeline):
    text = ("كان الرئيس السوري أحمد الشرع في استقبال أمير قطر الشيخ تميم بن حمد آل ثاني لدى وصوله إلى "
            "مطار دمشق الدولي.")
    assert roles(one(events_of(pipeline, text), "visit")) == {"أحمد الشرع": "host", "تميم بن حمد آل ثاني": "visitor"}


def test_a_place_named_after_a_person_is_no_party(pipeline):
    text = ("استقبل الوزير الأول نذير العرباوي رئيسة الوزراء الإيطالية جورجيا ميلوني بمطار هواري بومدين "
            "الدولي.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"نذير العرباوي", "جورجيا ميلوني"}
    assert meeting["location"]["venue"].startswith("مطار هواري بومدين")


def test_two_bodies_of_one_name_told_apart_by_their_demonyms(pipeline):
    doc = pipeline("وقعت وزارة الطاقة الأردنية ووزارة الطاقة المصرية مذكرة تفاهم للربط الكهربائي.")
    assert {e.name for e in doc.entities if e.kind == "org"} == {"وزارة الطاقة الأردنية", "وزارة الطاقة المصرية"}


def test_a_subjects_next_meeting_without_a_place_took_place_where_the_last_did(pipeline):
    text = ("استقبل رئيس مجلس النواب نبيه بري في عين التينة سفير مصر علاء موسى. "
            "ثم استقبل بري النائب فريد هيكل الخازن وعرض معه الأوضاع العامة.")
    meetings = [e for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert [m["location"]["name"] for m in meetings] == ["عين التينة", "عين التينة"]


ARTICLE_OF_A_STATE_VISIT = (
    "استقبل الرئيس قيس سعيد، اليوم بقصر قرطاج، رئيس وزراء مالطا روبرت أبيلا.\n\n"
    "وأفاد بلاغ للرئاسة بأن الرئيس رحب بضيف تونس، مؤكدا عمق العلاقات بين البلدين.\n\n"
    "وتناول اللقاء سبل دعم التعاون في مجال الهجرة، فضلا عن الأوضاع في مدينة طرابلس الليبية.\n\n"
    "وفي ختام المباحثات، شهد الزعيمان توقيع مذكرتي تفاهم، وقعهما عن الجانب التونسي وزير الخارجية "
    "محمد علي النفطي، وعن الجانب المالطي وزير الخارجية إيان بورغ.\n\n"
    "وكان رئيس الوزراء المالطي قد وصل إلى تونس أمس في زيارة تستغرق يومين، يلتقي خلالها رئيس "
    "الحكومة كمال المدوري ورئيس البرلمان إبراهيم بودربالة.")


def test_a_state_visit_told_by_a_presidency(pipeline):
    events = events_of(pipeline, ARTICLE_OF_A_STATE_VISIT)
    doc = pipeline(ARTICLE_OF_A_STATE_VISIT)
    assert not {"رحب", "رحب بضيف"} & {e.name for e in doc.entities}   # الرئيس رحب: a verb, not a name
    meeting = one(events, "meeting")                                  # no talks of the signers, nor planned ones
    assert names(meeting) == {"قيس سعيد", "روبرت أبيلا"}
    assert meeting["location"]["name"] != "طرابلس"                    # a place discussed is not where
    signing = one(events, "agreement")                                # the leaders witnessed it
    assert {"قيس سعيد", "روبرت أبيلا", "محمد علي النفطي", "إيان بورغ"} <= names(signing)
    assert names(one(events, "visit")) == {"روبرت أبيلا"}


@pytest.mark.parametrize("text, topic", [
    ("استقبل رئيس مجلس النواب نبيه بري وفدا من البنك الدولي برئاسة المدير الإقليمي جان كريستوف كاريه، "
     "حيث جرى البحث في المشاريع الممولة من البنك.", "المشاريع الممولة من البنك"),
    ("تلقى رئيس مجلس النواب نبيه بري اتصالا هاتفيا من رئيس الحكومة نواف سلام، تم خلاله التداول في "
     "الشؤون الحكومية.", "الشؤون الحكومية"),
])
def test_topics_after_the_nouns_of_discussing_and_في(pipeline, text, topic):
    (event,) = events_of(pipeline, text)
    assert topics(event) == [topic]


@pytest.mark.parametrize("text", [
    "وأشار الوزير إلى أن اللقاءات المتكررة بين الرئيس قيس سعيد والرئيس عبد المجيد تبون عززت التنسيق.",
    "ورحب الوزير بلقاء مرتقب بين الرئيس قيس سعيد والرئيس عبد المجيد تبون في الجزائر.",
])
def test_a_habit_or_a_coming_meeting_is_no_interaction(pipeline, text):
    assert events_of(pipeline, text) == []


def test_a_word_starting_with_kaf_is_no_place_after_like(pipeline):
    doc = pipeline("أكد الوزير أن العلاقات بين البلدين تشهد تطورا كبيرا في مختلف المجالات.")
    assert [e.name for e in doc.entities if e.kind in ("city", "country")] == []


def test_a_headlines_verb_after_a_title_is_no_name_and_his_highness_made_the_call(pipeline):
    text = ("وزير الداخلية يُهنئ المنتخب بالفوز\n"
            "هنأ صاحب السمو الأمير عبدالعزيز بن سعود بن نايف وزير الداخلية لاعبي المنتخب بالفوز. "
            "جاء ذلك في اتصال هاتفي أجراه سموه برئيس الاتحاد ياسر المسحل، حيث أشاد الأمير عبدالعزيز بن سعود "
            "بأداء اللاعبين.")
    doc = pipeline(text)
    assert "يُهنئ" not in {e.name for e in doc.entities}
    assert names(one(events_of(pipeline, text), "call")) == {"عبدالعزيز بن سعود بن نايف", "ياسر المسحل"}


def test_members_of_a_delegation_told_next_and_a_given_name_with_the_article(pipeline):
    text = ("التقى وزير الخارجية الأردني أيمن الصفدي نظيره الألماني يوهان فاديفول. "
            "وضم الوفد الألماني السفير برتراند لورتولاري.")
    assert "برتراند لورتولاري" in names(one(events_of(pipeline, text), "meeting"))
    text = ("استقبل الرئيس التونسي قيس سعيد رئيس الوزراء الجزائري نذير العرباوي. ورافق الضيف في الزيارة "
            "وزير التجارة الطيب زيتوني.")
    assert "الطيب زيتوني" in names(one(events_of(pipeline, text), "meeting"))


def test_an_unknown_subject_after_an_is_not_replaced_by_the_last_person_named(pipeline):
    text = ("استقبل رئيس المجلس الرئاسي رشاد العليمي في عدن المبعوث الأممي هانس غروندبرغ. "
            "وأفادت مصادر محلية أن غروندبيرغ وصل مساء أمس إلى المدينة قادما من الرياض.")
    assert "visit" not in [e["type"] for e in events_of(pipeline, text)]


def test_what_is_said_of_a_signing_told_before_is_no_signing_of_its_own(pipeline):
    text = ("وقع وزير الصناعة الأردني يعرب الزعبي ونظيره العماني قيس اليوسف مذكرة تفاهم في مسقط. "
            "وأكد الزعبي أن توقيع المذكرة يعكس الرؤية المشتركة لقيادتي البلدين، جلالة الملك عبدالله الثاني "
            "وجلالة السلطان هيثم بن طارق.")
    events = events_of(pipeline, text)
    assert [e["type"] for e in events] == ["agreement"]
    assert names(events[0]) == {"يعرب الزعبي", "قيس اليوسف"}


@pytest.mark.parametrize("text, people", [
    ("تبادل الرئيسان السيسي وأردوغان هاتفيا التهاني بمناسبة عيد الفطر.", {"السيسي", "أردوغان"}),
    ("أعرب الرئيس اللبناني جوزاف عون خلال اتصال تلقاه من نظيره القبرصي نيكوس خريستودوليدس عن شكره.",
     {"جوزاف عون", "نيكوس خريستودوليدس"}),
    ("وخلال اتصال هاتفي، أطلع رئيس الوزراء العراقي محمد شياع السوداني الرئيس الإيراني مسعود بزشكيان "
     "على نتائج زيارته.", {"محمد شياع السوداني", "مسعود بزشكيان"}),
])
def test_calls_told_in_the_ways_of_several_agencies(pipeline, text, people):
    assert names(one(events_of(pipeline, text), "call")) == people


@pytest.mark.parametrize("text, traveller, place", [
    ("حل الرئيس الفرنسي إيمانويل ماكرون ضيفا على المغرب في زيارة دولة تستمر ثلاثة أيام.",
     "إيمانويل ماكرون", "المغرب"),
    ("غادر الرئيس اللبناني جوزاف عون بيروت متوجها إلى الرياض في أول زيارة خارجية له.", "جوزاف عون", "الرياض"),
    ("قام وزير الخارجية الإيراني عباس عراقجي بجولة خليجية شملت مسقط والدوحة.", "عباس عراقجي", "مسقط"),
])
def test_trips_told_in_the_ways_of_several_agencies(pipeline, text, traveller, place):
    visit = one(events_of(pipeline, text), "visit")
    assert names(visit) == {traveller}
    assert visit["location"]["name"] == place


def test_documents_exchanged_after_the_subject_are_a_signing(pipeline):
    text = "تبادل وزيرا خارجية البلدين فيصل المقداد وعباس عراقجي وثائق اتفاقيات التعاون في دمشق."
    assert names(one(events_of(pipeline, text), "agreement")) == {"فيصل المقداد", "عباس عراقجي"}
    text = "تبادل الرئيسان قيس سعيد وعبد المجيد تبون التهاني بمناسبة العيد."
    assert "agreement" not in [e["type"] for e in events_of(pipeline, text)]


def test_a_meeting_soon_after_another_of_one_of_its_parties_took_place_where_it_did(pipeline):
    text = ("استقبل الرئيس السوري أحمد الشرع في دمشق وزير الخارجية التركي هاكان فيدان. "
            "وظهر فيدان في صور أثناء لقائه الشرع. كما اجتمع فيدان مع نظيره أسعد الشيباني.")
    meetings = [e for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {m["location"]["name"] for m in meetings} == {"دمشق"}
    assert {"هاكان فيدان", "أسعد الشيباني"} in [names(m) for m in meetings]


def test_what_a_verb_with_the_futures_prefix_opens_is_planned(pipeline):
    text = ("وكشف المتحدث عن برنامج الزيارة، إذ يشمل لقاءات عديدة وسيعقد الوزير مباحثات مع نظيره "
            "السعودي فيصل بن فرحان ووزير التجارة ماجد القصبي.")
    assert events_of(pipeline, text) == []


def test_a_meeting_of_a_month_gone_by_is_background(pipeline):
    text = ("استقبل الرئيس الروسي فلاديمير بوتين الرئيس السوري أحمد الشرع في الكرملين. "
            "وكان الشرع قد التقى وزير الخارجية الروسي سيرغي لافروف في دمشق في يناير الماضي.")
    assert [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"] == [{"فلاديمير بوتين", "أحمد الشرع"}]


def test_a_trips_noun_names_its_traveller_with_lam(pipeline):
    text = ("استقبل الرئيس الروسي فلاديمير بوتين الرئيس السوري أحمد الشرع في الكرملين، في أول زيارة للشرع "
            "إلى موسكو.")
    assert names(one(events_of(pipeline, text), "visit")) == {"أحمد الشرع"}


def test_a_body_a_delegation_comes_from_is_a_party_and_two_receptions_are_two_meetings(pipeline):
    text = "استقبل وزير الطاقة الأردني صالح الخرابشة وفدا من شركة سيمنز الألمانية."
    assert names(one(events_of(pipeline, text), "meeting")) == {"صالح الخرابشة", "شركة سيمنز الألمانية"}
    text = ("استقبل الرئيس اللبناني جوزاف عون في بعبدا السفيرة الأمريكية ليزا جونسون. "
            "إلى ذلك، استقبل الرئيس عون وفدا من البنك الدولي.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(meetings, key=sorted) == sorted([{"جوزاف عون", "ليزا جونسون"}, {"جوزاف عون", "البنك الدولي"}], key=sorted)


def test_a_venue_in_a_named_city_is_where_not_what(pipeline):
    text = ("بحث وزير الخارجية الليبي طاهر الباعور، مساء أمس، مع السفير الإيطالي جانلوكا ألبيريني، في مكتبه "
            "بمدينة طرابلس، آفاق التعاون في مجال الطاقة.")
    event = one(events_of(pipeline, text), "meeting")
    assert event["agenda"] and not any("مكتب" in a["text"] or "طرابلس" in a["text"] for a in event["agenda"])
    assert event["location"]["name"] == "طرابلس"


def test_a_name_held_as_a_parent_name_is_another_person(pipeline):
    text = ("تلقى ملك البحرين حمد بن عيسى آل خليفة اتصالا هاتفيا من الملك سلمان بن عبدالعزيز آل سعود. "
            "كما تلقى جلالته اتصالا هاتفيا من ولي العهد السعودي محمد بن سلمان بن عبدالعزيز آل سعود.")
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert sorted(calls, key=sorted) == sorted([{"حمد بن عيسى آل خليفة", "سلمان بن عبدالعزيز آل سعود"},
                                                {"حمد بن عيسى آل خليفة", "محمد بن سلمان بن عبدالعزيز آل سعود"}],
                                               key=sorted)


def test_identity_rules_tell_a_parent_from_the_person():
    from extractors.identity import same_person
    assert not same_person("محمد بن سلمان بن عبدالعزيز", "سلمان بن عبدالعزيز")
    assert same_person("محمد بن سلمان بن عبدالعزيز", "محمد بن سلمان")
    assert same_person("هزاع بن زايد آل نهيان", "زايد آل نهيان") is False
    assert same_person("عبدالله بن زايد آل نهيان", "عبدالله بن زايد")


@pytest.mark.parametrize("text, person", [
    ("استقبل رئيس الوزراء أحمد الشرع وزيري خارجية البلدين، رامي كرم، وعادل بن حمد المالكي.", "عادل بن حمد المالكي"),
    ("اجتمعت الشيخة لولوة بنت راشد الخاطر مع وزيرة التضامن مايا مرسي.", "لولوة بنت راشد الخاطر"),
])
def test_a_patronymic_name_is_read_whole(pipeline, text, person):
    doc = pipeline(text, published_at="2024-03-10")
    people = [e.name for e in doc.entities if e.kind == "person"]
    assert person in people
    assert not any(p != person and p in person for p in people)


def test_a_call_has_no_place(pipeline):
    text = "تلقى أمير الكويت الشيخ مشعل الأحمد الجابر الصباح اتصالا هاتفيا اليوم من الرئيس الفرنسي إيمانويل ماكرون."
    assert one(events_of(pipeline, text), "call")["location"] is None


def test_members_of_a_body_met_for_it_unnamed_officials_do_not(pipeline):
    text = "اجتمعت المبعوثة الأممية سارة بيكر مع أعضاء من المجلس الأعلى للدولة في طرابلس."
    assert names(one(events_of(pipeline, text), "meeting")) == {"سارة بيكر", "المجلس الأعلى للدولة"}
    text = "التقى وزير الصناعة المغربي رياض مزور ممثلي البنك الدولي في الرباط."
    assert names(one(events_of(pipeline, text), "meeting")) == {"رياض مزور", "البنك الدولي"}
    text = "التقى وزير الصناعة المغربي رياض مزور مسؤولين من البنك الدولي في الرباط."
    assert events_of(pipeline, text) == []


def test_a_report_told_of_last_week_keeps_no_day(pipeline):
    text = ("أدانت وزارة الخارجية الأردنية اليوم الهجوم على القافلة الإنسانية. وأشارت الوزارة إلى أن الوزير "
            "أيمن الصفدي بحث الأسبوع الماضي مع المفوضة الأوروبية دوبرافكا شويتسا سبل إيصال المساعدات.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"أيمن الصفدي", "دوبرافكا شويتسا"}
    assert meeting["time"] is None
    text = "أدانت الوزارة اليوم الهجوم. وبحث الوزير أيمن الصفدي مع المفوضة الأوروبية دوبرافكا شويتسا سبل إيصال المساعدات."
    assert one(events_of(pipeline, text), "meeting")["time"]["date"] == "2024-03-10"


def test_a_cue_after_a_document_opens_its_topic_and_the_interview_is_no_topic(pipeline):
    text = ("وقع وزير الخارجية التونسي محمد علي النفطي ونظيره الليبي الطاهر الباعور مذكرة تفاهم حول إحداث "
            "لجنة للتعاون القنصلي بين البلدين.")
    agreement = one(events_of(pipeline, text), "agreement")
    assert topics(agreement) == ["إحداث لجنة للتعاون القنصلي بين البلدين"]
    text = ("استقبل رئيس الجمهورية الموريتاني محمد ولد الشيخ الغزواني سفير فرنسا باسكال فيغيير. "
            "وتناولت المقابلة علاقات التعاون الثنائي.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert topics(meeting) == ["علاقات التعاون الثنائي"]


def test_a_call_on_a_person_with_a_time_set_off_between(pipeline):
    text = "زار وزير الدفاع الأردني يوسف الحنيطي، اليوم، رئيس الوزراء العراقي محمد شياع السوداني في مكتبه ببغداد."
    meeting = one(events_of(pipeline, text), "meeting")
    assert roles(meeting) == {"محمد شياع السوداني": "host", "يوسف الحنيطي": "guest"}
    assert "visit" not in [e["type"] for e in events_of(pipeline, text)]


def test_a_report_of_another_day_does_not_take_a_partys_latest_place(pipeline):
    text = ("استقبل وزير الخارجية اللبناني يوسف رجي اليوم في قصر بسترس بمدينة بيروت السفيرة الأمريكية ليزا "
            "جونسون. وكان رجي قد التقى أمس السفير المصري علاء موسى.")
    meetings = {frozenset(names(e)): e for e in events_of(pipeline, text) if e["type"] == "meeting"}
    today = meetings[frozenset({"يوسف رجي", "ليزا جونسون"})]["location"]
    assert (today["name"], today["venue"]) == ("بيروت", "قصر بسترس")  # the guest's title ends the venue
    earlier = meetings[frozenset({"يوسف رجي", "علاء موسى"})]
    assert earlier["time"]["date"] == "2024-03-09"
    assert earlier["location"] is None


def test_an_honorific_family_name_stays_when_the_tagger_stops_before_it(pipeline):
    text = ("استقبل الرئيس المصري عبد الفتاح السيسي كلا من رئيس الوزراء الفلسطيني محمد مصطفى ونائب الرئيس "
            "حسين الشيخ في القاهرة.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"عبد الفتاح السيسي", "محمد مصطفى", "حسين الشيخ"}


def test_a_joint_call_is_a_call(pipeline):
    text = ("أجرى الرئيس الفرنسي إيمانويل ماكرون ورئيس الوزراء البريطاني كير ستارمر اتصالا مشتركا مع الرئيس "
            "الأوكراني فولوديمير زيلينسكي.")
    assert names(one(events_of(pipeline, text), "call")) == {"إيمانويل ماكرون", "كير ستارمر", "فولوديمير زيلينسكي"}


def test_people_of_another_occasion_or_of_the_topic_take_no_part(pipeline):
    text = ("التقى رئيس الوزراء اللبناني نواف سلام في السراي المبعوثة الأمريكية مورغان أورتاغوس، بحضور السفيرة "
            "ليزا جونسون، وذلك بعد يوم من لقائها الرئيس جوزاف عون.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"نواف سلام", "مورغان أورتاغوس", "ليزا جونسون"}
    text = ("اجتمع الأمين العام لحلف الناتو مارك روته مع وزير الدفاع التركي يشار غولر، وتناول الاجتماع نتائج "
            "القمة التي استضافها رئيس الوزراء الهولندي ديك شوف.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"مارك روته", "يشار غولر"}


def test_a_title_word_that_is_a_given_name_before_a_family_name_names_a_person(pipeline):
    text = "التقى وزير الصناعة الإماراتي سلطان الجابر في أبوظبي وزير الطاقة الأمريكي كريس رايت."
    assert names(one(events_of(pipeline, text), "meeting")) == {"سلطان الجابر", "كريس رايت"}


@pytest.mark.parametrize("text, person, not_person", [
    ("عرض الرئيس اللبناني جوزاف عون مع قائد الجيش العماد رودولف هيكل الأوضاع الأمنية في الجنوب.",
     "رودولف هيكل", "رودولف هيكل الأوضاع"),
    ("التقى الرئيس العراقي عبد اللطيف رشيد وزير الخارجية الإيراني عباس عراقجي. وفي لقاء منفصل، استقبل رشيد "
     "السفير التركي لدى بغداد أنيل بورا إينان.",
     "أنيل بورا إينان", "رشيد السفير التركي"),
])
def test_a_name_ends_before_a_common_noun_or_a_title(pipeline, text, person, not_person):
    doc = pipeline(text, published_at="2024-03-10")
    people = [e.name for e in doc.entities if e.kind == "person"]
    assert person in people and not_person not in people


def test_sayadatuh_after_a_call_verb_is_the_lead_who_took_the_call(pipeline):
    text = ("التقى الرئيس الفلسطيني محمود عباس في رام الله رئيس وزراء إسبانيا بيدرو سانشيز. "
            "كما تلقى سيادته اتصالا هاتفيا من رئيس الوزراء الإيرلندي مايكل مارتن.")
    assert names(one(events_of(pipeline, text), "call")) == {"محمود عباس", "مايكل مارتن"}


def test_a_video_call_is_a_call_and_a_sideline_is_no_topic(pipeline):
    text = "أجرى الرئيس التونسي قيس سعيد اتصالا بالفيديو مع الرئيس الإيطالي سيرجو ماتاريلا."
    assert names(one(events_of(pipeline, text), "call")) == {"قيس سعيد", "سيرجو ماتاريلا"}
    text = "تباحث وزير الخارجية المغربي ناصر بوريطة، على هامش منتدى دافوس، مع نظيره النرويجي إسبن بارث إيدي."
    assert topics(one(events_of(pipeline, text), "meeting")) == []
    text = "التقى وزير الخارجية العماني بدر البوسعيدي نظيره الإيراني عباس عراقجي على هامش أعمال منتدى الدوحة."
    meeting = one(events_of(pipeline, text), "meeting")
    assert topics(meeting) == [] and meeting["location"]["name"] == "الدوحة"


def test_a_body_whose_head_is_named_takes_part_through_him(pipeline):
    text = "استقبل رئيس الوزراء الأردني جعفر حسان وفدا من البنك الدولي برئاسة عثمان ديون."
    assert names(one(events_of(pipeline, text), "meeting")) == {"جعفر حسان", "عثمان ديون"}
    text = "استقبل رئيس الوزراء الأردني جعفر حسان وفدا من البنك الدولي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"جعفر حسان", "البنك الدولي"}
    text = "استقبل رئيس الحكومة الليبية عبد الحميد الدبيبة وفدا برلمانيا فرنسيا يقوده النائب جان لوي بورلانج."
    assert names(one(events_of(pipeline, text), "meeting")) == {"عبد الحميد الدبيبة", "جان لوي بورلانج"}


def test_talks_of_the_two_sides_after_an_arrival_and_its_reception(pipeline):
    text = ("وصل رئيس الوزراء الأردني جعفر حسان إلى بغداد اليوم، وكان في استقباله رئيس مجلس الوزراء محمد شياع "
            "السوداني. وعقد الجانبان جلسة مباحثات في القصر الحكومي تناولت ملف الطاقة.")
    found = events_of(pipeline, text)
    assert names(one(found, "meeting")) == {"جعفر حسان", "محمد شياع السوداني"}
    assert one(found, "visit")["location"]["name"] == "بغداد"
    text = text.replace("وعقد الجانبان", "ثم عقد رئيسا الوزراء")
    assert names(one(events_of(pipeline, text), "meeting")) == {"جعفر حسان", "محمد شياع السوداني"}


def test_an_attendance_set_off_by_commas_ends_before_the_guest(pipeline):
    text = ("استقبل الملك عبدالله الثاني اليوم رئيس وزراء اليونان كيرياكوس ميتسوتاكيس. وفي وقت لاحق، استقبل "
            "جلالة الملك، بحضور سمو ولي العهد، وزير الخارجية الأمريكي ماركو روبيو.")
    meetings = [roles(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"عبدالله الثاني": "host", "ماركو روبيو": "guest"} in meetings
    text = ("استقبل الملك عبدالله الثاني، بحضور رئيس الوزراء جعفر حسان، ومدير مكتبه علاء البطاينة، "
            "الرئيس الفرنسي إيمانويل ماكرون.")
    assert roles(one(events_of(pipeline, text), "meeting")) == {
        "عبدالله الثاني": "host", "جعفر حسان": "attendee", "علاء البطاينة": "attendee", "إيمانويل ماكرون": "guest"}


def test_credentials_handed_over_are_a_meeting(pipeline):
    text = "تسلم أمير قطر الشيخ تميم بن حمد آل ثاني اليوم أوراق اعتماد السفير البريطاني نيل كرومبتون."
    assert names(one(events_of(pipeline, text), "meeting")) == {"تميم بن حمد آل ثاني", "نيل كرومبتون"}


def test_an_honorific_inside_the_hosts_title_is_no_mention_of_the_guest(pipeline):
    text = ("استقبل سمو أمير البلاد الشيخ مشعل الأحمد الجابر الصباح اليوم سمو الشيخ ناصر المحمد الصباح. "
            "كما استقبل سموه وزير الخارجية عبدالله اليحيا.")
    meetings = [roles(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"مشعل الأحمد الجابر الصباح": "host", "ناصر المحمد الصباح": "guest"} in meetings
    assert {"مشعل الأحمد الجابر الصباح": "host", "عبدالله اليحيا": "guest"} in meetings


def test_the_other_side_of_a_signing_after_fima_signs_the_same_document(pipeline):
    text = ("ووقع الاتفاقية عن الجانب الليبي وزير الاقتصاد محمد الحويج، فيما وقع عن الجانب المصري وزير "
            "التجارة شريف فاروق.")
    assert names(one(events_of(pipeline, text), "agreement")) == {"محمد الحويج", "شريف فاروق"}


def test_a_joint_committee_session_chaired_by_two_heads_is_a_meeting(pipeline):
    text = ("ترأس الوزير الأول الجزائري نذير العرباوي ورئيس الحكومة التونسية كمال المدوري اليوم أشغال الدورة "
            "الثانية والعشرين للجنة المشتركة.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"نذير العرباوي", "كمال المدوري"}


def test_a_call_with_each_of_two_is_two_calls(pipeline):
    text = "أجرى رئيس الحكومة اللبنانية نواف سلام اتصالاً بكل من الرئيس جوزاف عون ورئيس مجلس النواب نبيه بري."
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert sorted(calls, key=sorted) == sorted([{"نواف سلام", "جوزاف عون"}, {"نواف سلام", "نبيه بري"}], key=sorted)
    text = "تلقى رئيس الإمارات محمد بن زايد اتصالا هاتفيا من أمير قطر تميم بن حمد، وآخر من العاهل الأردني عبدالله الثاني."
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert sorted(calls, key=sorted) == sorted([{"محمد بن زايد", "تميم بن حمد"}, {"محمد بن زايد", "عبدالله الثاني"}],
                                               key=sorted)


def test_earlier_agreements_mentioned_in_a_speech_are_background(pipeline):
    text = ("أكد رئيس الحكومة الليبية عبد الحميد الدبيبة، خلال كلمته في ملتقى الاستثمار اليوم، انفتاح ليبيا على "
            "الشراكات، مشيرا إلى اتفاقيات سابقة وقعت مع تركيا وإيطاليا.")
    assert events_of(pipeline, text) == []
    text = "وفي وقت سابق، وقع وزيرا خارجية البلدين محمد علي النفطي وأحمد عطاف مذكرة تفاهم في تونس."
    assert names(one(events_of(pipeline, text), "agreement")) == {"محمد علي النفطي", "أحمد عطاف"}


def test_a_call_taken_by_a_title_alone_is_the_leads(pipeline):
    text = ("تلقى الأمير محمد بن سلمان اتصالاً هاتفياً اليوم من الشيخ تميم بن حمد. كما تلقى سمو ولي العهد "
            "اتصالاً هاتفياً من الرئيس التركي رجب طيب أردوغان.")
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert {"محمد بن سلمان", "رجب طيب أردوغان"} in calls


def test_an_honorific_pronoun_as_subject_with_two_parties_after_it(pipeline):
    text = ("التقى رئيس الوزراء الأردني جعفر حسان اليوم السفير الأمريكي. وفي وقت لاحق، التقى دولته وفداً من "
            "البنك الدولي برئاسة عثمان ديون.")
    assert {"جعفر حسان", "عثمان ديون"} in [names(e) for e in events_of(pipeline, text)]
    text = ("استقبل الملك عبدالله الثاني اليوم الرئيس القبرصي. وكان جلالته قد التقى أمس في واشنطن وزير الخارجية "
            "الأمريكي ماركو روبيو، بحضور ولي العهد الأمير الحسين بن عبدالله الثاني.")
    assert {"عبدالله الثاني", "ماركو روبيو", "الحسين بن عبدالله الثاني"} in [names(e) for e in events_of(pipeline, text)]


def test_a_meeting_after_haythu_is_at_the_place_named_before_it(pipeline):
    text = ("التقى وزير الخارجية الإيراني عباس عراقجي أمس في بعبدا الرئيس جوزاف عون، ثم انتقل إلى عين التينة حيث "
            "التقى رئيس مجلس النواب نبيه بري.")
    places = {frozenset(names(e)): e["location"]["name"] for e in events_of(pipeline, text) if e["type"] == "meeting"}
    assert places == {frozenset({"عباس عراقجي", "جوزاف عون"}): "بعبدا", frozenset({"عباس عراقجي", "نبيه بري"}): "عين التينة"}


def test_a_landmark_abroad_stands_in_its_own_city_not_the_datelines(pipeline):
    text = "عمّان - بترا\nالتقى الملك عبدالله الثاني اليوم الرئيس الأمريكي دونالد ترامب في البيت الأبيض."
    location = one(events_of(pipeline, text), "meeting")["location"]
    assert (location["venue"], location["name"]) == ("البيت الأبيض", "واشنطن")


def test_a_military_rank_of_a_service_is_part_of_the_title(pipeline):
    text = "اجتمع وزير الداخلية السوداني الفريق شرطة خليل باشا سايرين اليوم بالمبعوث الأممي رمطان لعمامرة."
    people = names(one(events_of(pipeline, text), "meeting"))
    assert "رمطان لعمامرة" in people and any(p.startswith("خليل باشا") for p in people)


def test_whom_a_traveller_met_did_not_travel(pipeline):
    text = ("زار وزير الخارجية الإيراني عباس عراقجي بيروت أمس في زيارة رسمية، استهلها بلقاء رئيس الجمهورية "
            "جوزاف عون في بعبدا.")
    found = events_of(pipeline, text)
    assert names(one(found, "visit")) == {"عباس عراقجي"}
    assert names(one(found, "meeting")) == {"عباس عراقجي", "جوزاف عون"}


def test_an_indefinite_delegation_with_its_kind_and_country_is_a_party(pipeline):
    text = "استقبل رئيس الجمعية الوطنية الموريتانية محمد ولد مكت، اليوم، وفدا برلمانيا مغربيا."
    event = one(events_of(pipeline, text), "meeting")
    assert len(event["participants"]) == 2
    assert any(p["kind"] == "delegation" for p in event["participants"])


def test_unnamed_ministers_meet_for_their_countries(pipeline):
    text = "اجتمع وزراء خارجية الأردن ومصر والسعودية في عمّان اليوم."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"الأردن", "مصر", "السعودية"}
    assert meeting["location"]["name"] == "عمّان"


def test_a_follow_up_with_someone_is_a_meeting(pipeline):
    text = "تابع الرئيس اللبناني جوزاف عون مع وزير الداخلية أحمد الحجار الأوضاع الأمنية في الجنوب."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"جوزاف عون", "أحمد الحجار"}
    assert topics(meeting) == ["الأوضاع الأمنية في الجنوب"]


def test_a_headlines_topic_cue_is_no_name_and_a_long_titles_start_names_its_holder(pipeline):
    text = ("العليمي يبحث مع المبعوث الأممي مستجدات العملية السياسية\n\nالتقى رئيس مجلس القيادة الرئاسي رشاد "
            "العليمي اليوم في الرياض المبعوث الأممي هانس غروندبرغ. وكان رئيس مجلس القيادة قد استقبل أمس السفير "
            "الأمريكي ستيفن فاجن.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"رشاد العليمي", "هانس غروندبرغ"} in meetings and {"رشاد العليمي", "ستيفن فاجن"} in meetings
    assert not any("مستجدات" in name for people in meetings for name in people)


def test_the_body_a_title_serves_is_no_topic(pipeline):
    text = ("التقى عضو مجلس السيادة الفريق إبراهيم جابر، اليوم، المدير القطري لبرنامج الأغذية العالمي في السودان "
            "لوران بوكيرا، وبحث معه انسياب المساعدات الإنسانية.")
    assert topics(one(events_of(pipeline, text), "meeting")) == ["انسياب المساعدات الإنسانية"]


def test_a_headline_reception_of_a_delegation_is_the_one_the_body_tells(pipeline):
    text = ("البرهان يستقبل وفدا من الاتحاد الأفريقي\n\nاستقبل رئيس مجلس السيادة السوداني عبد الفتاح البرهان، "
            "اليوم ببورتسودان، وفد مجلس السلم والأمن الأفريقي برئاسة السفير محمد عارف.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"عبد الفتاح البرهان", "محمد عارف"}


def test_a_signing_at_the_end_of_talks_takes_their_place_and_day(pipeline):
    text = ("بحث الرئيس التركي رجب طيب أردوغان، الثلاثاء، مع الرئيس الليبي محمد المنفي في أنقرة العلاقات الثنائية. "
            "وفي ختام المباحثات، وقع وزير الطاقة التركي ألب أرسلان بيرقدار ووزير النفط الليبي خليفة عبد الصادق "
            "اتفاقية للطاقة. وكان المنفي قد وصل إلى أنقرة مساء الاثنين في زيارة رسمية.")
    agreement = one(events_of(pipeline, text, published_at="2026-12-02"), "agreement")
    assert names(agreement) == {"ألب أرسلان بيرقدار", "خليفة عبد الصادق"}
    assert (agreement["location"]["name"], agreement["time"]["date"]) == ("أنقرة", "2026-12-01")


def test_a_senator_heading_a_delegation_is_named(pipeline):
    text = "التقى الملك عبدالله الثاني اليوم في قصر الحسينية وفدا من الكونغرس الأمريكي برئاسة السيناتور جيم ريش."
    assert names(one(events_of(pipeline, text), "meeting")) == {"عبدالله الثاني", "جيم ريش"}


def test_a_state_visit_is_no_honorific_pronoun(pipeline):
    text = ("استقبل رئيس الإمارات محمد بن زايد أمس الرئيس الإندونيسي برابوو سوبيانتو، الذي يقوم بزيارة دولة "
            "إلى الإمارات.")
    assert names(one(events_of(pipeline, text), "visit")) == {"برابوو سوبيانتو"}


def test_a_family_name_alone_ends_before_a_common_word(pipeline):
    text = ("وصل وزير الخارجية الأردني أيمن الصفدي اليوم إلى بغداد.\n\nوالتقى الصفدي فور وصوله نظيره العراقي فؤاد "
            "حسين في مقر وزارة الخارجية.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"أيمن الصفدي", "فؤاد حسين"}


def test_one_verb_then_another_guest_is_two_meetings(pipeline):
    text = "التقى المبعوث الأمريكي توم براك اليوم رئيس مجلس النواب نبيه بري، ثم رئيس الحكومة نواف سلام."
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(meetings, key=sorted) == sorted([{"توم براك", "نبيه بري"}, {"توم براك", "نواف سلام"}], key=sorted)


def test_a_name_no_list_knows_after_the_side_it_signs_for(pipeline):
    text = ("شهد السلطان هيثم بن طارق ورئيس الوزراء الهندي ناريندرا مودي التوقيع على اتفاقية الشراكة، وقعها عن "
            "الجانب العماني قيس اليوسف وعن الجانب الهندي بيوش غويال.")
    assert {"قيس اليوسف", "بيوش غويال"} <= names(one(events_of(pipeline, text), "agreement"))


def test_a_role_mention_after_a_name_still_names_the_one_who_holds_it(pipeline):
    text = ("أجرى وزير الخارجية المغربي ناصر بوريطة، يوم الاثنين بالرباط، مباحثات مع نظيره الموريتاني محمد سالم "
            "ولد مرزوك. كما استقبلت وزيرة الانتقال الطاقي ليلى بنعلي الوزير الموريتاني في اليوم نفسه.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"ليلى بنعلي", "محمد سالم ولد مرزوك"} in meetings


def test_a_verb_after_a_call_keeps_the_calls_subject(pipeline):
    text = ("أجرى وزير الداخلية سعيد العامري اتصالا هاتفيا بنظيره الليبي عماد الطرابلسي، كما استقبل السفير "
            "الألماني يوهانس كلاين.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"سعيد العامري", "يوهانس كلاين"}


def test_an_envoy_no_name_follows_speaks_for_his_country(pipeline):
    text = "استقبل وزير الزراعة حمدي الراوي أمس سفير كوريا الجنوبية لدى الأردن في مكتبه."
    assert names(one(events_of(pipeline, text), "meeting")) == {"حمدي الراوي", "كوريا الجنوبية"}
    text = "بحث وزير النقل سالم الحمادي هاتفيا مع نظيره البرتغالي سبل التعاون في النقل البحري."
    assert names(one(events_of(pipeline, text), "call")) == {"سالم الحمادي", "البرتغال"}


def test_a_named_envoy_and_two_named_people_leave_the_country_out(pipeline):
    text = ("استقبل وزير الزراعة حمدي الراوي أمس سفير كوريا الجنوبية لدى الأردن كيم جي هون، بحضور المندوب "
            "الياباني.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert "كوريا الجنوبية" not in names(meeting) and "اليابان" not in names(meeting)


def test_a_bare_title_names_the_one_whose_title_is_plainest(pipeline):
    text = ("استقبل الرئيس نجيب الحلو رئيس الوزراء الماليزي أنور إبراهيم. كما تلقى الرئيس اتصالا هاتفيا من "
            "ملك إسبانيا فيليبي السادس.")
    assert names(one(events_of(pipeline, text), "call")) == {"نجيب الحلو", "فيليبي السادس"}
    text = ("التقى وزير الخارجية سمير الدباغ وزير الخارجية الكيني موسى كيبتو. وفي وقت لاحق، استقبل الوزير "
            "بمكتبه السفير الهندي راجيف كومار.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"سمير الدباغ", "راجيف كومار"} in meetings


def test_a_contract_signed_is_an_agreement_and_a_field_no_person(pipeline):
    text = "وقع وزير الإسكان ماجد الشمري اليوم عقدا مع شركة هيونداي لتطوير حقل مجنون."
    agreement = one(events_of(pipeline, text), "agreement")
    assert names(agreement) == {"ماجد الشمري", "شركة هيونداي"}
    assert not [e for e in events_of(pipeline, text) if e["type"] == "meeting"]


def test_those_praised_after_the_meeting_did_not_take_part(pipeline):
    text = ("استقبل رئيس الوزراء منير الخطيب اليوم السفير الكويتي بدر العنزي، وثمن دعم أمير الكويت الشيخ "
            "مشعل الأحمد الجابر الصباح.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"منير الخطيب", "بدر العنزي"}


def test_a_governors_city_and_a_chiefs_company_are_no_part_of_their_names(pipeline):
    text = "التقى وزير الداخلية خالد النعيمي اليوم محافظ البصرة أسعد العيداني."
    assert names(one(events_of(pipeline, text), "meeting")) == {"خالد النعيمي", "أسعد العيداني"}
    text = "استقبل وزير الصناعة علي عون اليوم الرئيس التنفيذي لسونلغاز مراد عجال."
    assert names(one(events_of(pipeline, text), "meeting")) == {"علي عون", "مراد عجال"}


def test_a_traveller_then_meeting_two_named_officials_met_both(pipeline):
    text = ("وصل وزير الخارجية الإسباني خوسيه مانويل ألباريس إلى بيروت اليوم، والتقى الرئيس جوزاف عون ووزير "
            "الخارجية يوسف رجي.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"خوسيه مانويل ألباريس", "جوزاف عون", "يوسف رجي"}


def test_calling_on_ones_brother_is_a_meeting(pipeline):
    text = "زار ولي العهد الأمير سلمان بن حمد اليوم أخاه الشيخ تميم بن حمد في قصر لوسيل."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"سلمان بن حمد", "تميم بن حمد"}


def test_a_trip_set_in_a_capital_named_with_its_region_word(pipeline):
    text = "حل وزير الدفاع مراد الحسني أمس بالعاصمة الكينية نيروبي في زيارة رسمية."
    visit = one(events_of(pipeline, text, published_at="2026-12-02"), "visit")
    assert names(visit) == {"مراد الحسني"} and visit["location"]["name"] == "نيروبي"


def test_a_later_call_with_its_own_verb_is_another_call(pipeline):
    text = ("تلقى وزير الخارجية حسن العبدالله اتصالا هاتفيا من نظيره الفرنسي جان نويل بارو، فيما أجرى لاحقا "
            "اتصالا بنظيره الهندي سوبراهمانيام جايشانكار.")
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert sorted(calls, key=sorted) == sorted([{"حسن العبدالله", "جان نويل بارو"},
                                                {"حسن العبدالله", "سوبراهمانيام جايشانكار"}], key=sorted)
    text = "أجرى الأمير فيصل بن سعود اتصالا مع ماكي سال، فيما أجرى لاحقا اتصالا مع ويليام روتو."
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert sorted(calls, key=sorted) == sorted([{"فيصل بن سعود", "ماكي سال"}, {"فيصل بن سعود", "ويليام روتو"}],
                                               key=sorted)


def test_two_guests_received_in_separate_meetings(pipeline):
    text = "استقبل الملك محمد السادس اليوم كلا من الرئيس السنغالي ماكي سال والرئيس الغاني جون ماهاما، في لقاءين منفصلين."
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(meetings, key=sorted) == sorted([{"محمد السادس", "ماكي سال"}, {"محمد السادس", "جون ماهاما"}], key=sorted)


def test_the_one_stood_in_for_with_an_honorific_did_not_take_part(pipeline):
    text = "مندوبا عن جلالة الملك محمد السادس، التقى مستشار الملك فؤاد عالي اليوم رئيس الحكومة عزيز أخنوش."
    assert names(one(events_of(pipeline, text), "meeting")) == {"فؤاد عالي", "عزيز أخنوش"}


def test_a_title_word_that_is_a_given_name_starts_the_name_after_a_title(pipeline):
    text = "استقبل وزير الخارجية هشام الخياط اليوم نائبة المدير العام للمنظمة أمينة خالد."
    assert names(one(events_of(pipeline, text), "meeting")) == {"هشام الخياط", "أمينة خالد"}
    text = "تلقى الرئيس فهد المقطري اتصالا هاتفيا من رئيس مجلس الشورى سلطان الحيدري، اطمأن خلاله على صحته."
    assert names(one(events_of(pipeline, text), "call")) == {"فهد المقطري", "سلطان الحيدري"}


def test_feminine_attendance_and_titles(pipeline):
    text = ("استقبل وزير الخارجية نزار العلي اليوم نظيره الهولندي ديفيد فان ويل. وحضرت اللقاء السفيرة "
            "الهولندية كارين بوفين.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"نزار العلي", "ديفيد فان ويل", "كارين بوفين"}
    text = "التقى وزير الصحة ناصر الكثيري اليوم المنسقة المقيمة للأمم المتحدة جوليا هاوزر."
    assert names(one(events_of(pipeline, text), "meeting")) == {"ناصر الكثيري", "جوليا هاوزر"}
    text = "التقى وزير الزراعة أحمد الزين اليوم المديرة الإقليمية لبرنامج الأغذية العالمي كورين فلايشر."
    assert names(one(events_of(pipeline, text), "meeting")) == {"أحمد الزين", "كورين فلايشر"}


def test_a_trip_to_a_state_named_with_its_head_word(pipeline):
    text = "قام رئيس الوزراء عمر الرزاز اليوم بزيارة إلى دولة الإمارات العربية المتحدة."
    visit = one(events_of(pipeline, text), "visit")
    assert visit["location"]["name"] == "الإمارات"


def test_a_visit_paid_to_an_official_is_a_meeting_with_him(pipeline):
    text = "قام السفير الألماني ماركوس شيفر اليوم بزيارة مجاملة لرئيس مجلس النواب سامي الحربي."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"ماركوس شيفر", "سامي الحربي"}


def test_a_delegation_of_a_body_named_after_its_head_word_is_a_party(pipeline):
    text = "استقبل وزير العدل كمال الشامي اليوم وفداً من منظمة أطباء بلا حدود."
    assert names(one(events_of(pipeline, text), "meeting")) == {"كمال الشامي", "أطباء بلا حدود"}


def test_a_decree_signed_is_no_agreement(pipeline):
    text = "وقع رئيس الجمهورية سليم الخوري اليوم مرسوم تعيين رئيس الحكومة ماهر الحسيني."
    assert not [e for e in events_of(pipeline, text) if e["type"] == "agreement"]


def test_a_surname_told_on_is_the_envoy_not_a_place(pipeline):
    text = ("استقبل رئيس الجمهورية سليم الخوري اليوم المبعوثة الأوروبية كريستينا أورتاغوس. وانتقلت أورتاغوس بعد ذلك "
            "إلى السراي حيث التقت رئيس الحكومة ماهر الحسيني.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"كريستينا أورتاغوس", "ماهر الحسيني"} in meetings


def test_a_kurdish_party_title_is_no_part_of_the_name(pipeline):
    text = "استقبل رئيس الحكومة شيروان رشيد اليوم رئيس الحزب الديمقراطي الكوردستاني هوشيار كاكائي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"شيروان رشيد", "هوشيار كاكائي"}


def test_a_presidents_bare_title_after_a_name_is_a_mention_of_him(pipeline):
    text = ("استقبل ولي العهد الشيخ سالم العبدالله اليوم الرئيس البرتغالي مارسيلو ريبيلو. وفي وقت لاحق، استقبل "
            "رئيس مجلس الوزراء الشيخ ناصر الفهد الرئيس البرتغالي.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"ناصر الفهد", "مارسيلو ريبيلو"} in meetings


def test_a_title_naming_a_body_of_the_text_is_a_mention_of_its_holder(pipeline):
    text = ("التقى رئيس مجلس الوزراء الدكتور كمال الصيرفي اليوم وزير الخارجية الهندي راجيف ميهتا. وتناول "
            "اللقاء التعاون الاقتصادي. كما استقبل رئيس مجلس الوزراء سفير كندا بالقاهرة توماس غرين.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"كمال الصيرفي", "توماس غرين"} in meetings


def test_a_title_set_after_a_name_names_him_when_used_alone_later(pipeline):
    text = ("استقبل الأمير سعود بن خالد ولي العهد، في جدة اليوم، رئيس وزراء ماليزيا أنور إبراهيم. حضر الاستقبال "
            "وزير المالية طارق السديس. وكان ولي العهد قد زار روما الشهر الماضي. من جهة أخرى، تلقى سمو ولي العهد "
            "اتصالا هاتفيا اليوم من الرئيس الفرنسي "
            "إيمانويل ماكرون.")
    assert names(one(events_of(pipeline, text), "call")) == {"سعود بن خالد", "إيمانويل ماكرون"}


def test_signers_told_after_a_witnessed_signing_join_it(pipeline):
    text = ("شهد رئيس الوزراء جمال الكيلاني اليوم توقيع مذكرة تفاهم بين وزارة النقل وشركة ألستوم الفرنسية. ووقع "
            "المذكرة وزير النقل سامر العبيدي، وهنري بوبار الرئيس التنفيذي لشركة ألستوم.")
    agreement = one(events_of(pipeline, text), "agreement")
    assert names(agreement) == {"جمال الكيلاني", "سامر العبيدي", "هنري بوبار"}


def test_upon_arrival_is_no_part_of_a_name(pipeline):
    text = ("وصل وزير الخارجية العراقي كريم حسين اليوم إلى أنقرة. وعقد حسين فور وصوله جلسة مباحثات مع "
            "وزير الخارجية التركي هاكان فيدان.")
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"كريم حسين", "هاكان فيدان"}


def test_a_meeting_told_as_held_apart_is_its_own(pipeline):
    text = ("بحث رئيس الحكومة سليم الورفلي مع السفير الإسباني خافيير لاراتشي أمس ملف الهجرة. وفي لقاء منفصل، "
            "استقبل الورفلي وفدا من وزارة الدفاع التركية، وناقش معه برامج التدريب.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert sorted(meetings, key=sorted) == sorted([{"سليم الورفلي", "خافيير لاراتشي"},
                                                   {"سليم الورفلي", "وزارة الدفاع التركية"}], key=sorted)


def test_whom_a_traveller_will_meet_did_not_travel(pipeline):
    text = ("وصلت المبعوثة الأممية هانا تيتيه إلى طرابلس مساء أمس، وستلتقي خلال زيارتها رئيس المجلس الرئاسي "
            "محمد المنفي.")
    assert names(one(events_of(pipeline, text), "visit")) == {"هانا تيتيه"}


def test_who_sent_another_in_his_place_did_not_take_part(pipeline):
    text = ("أناب جلالة الملك حمد بن عيسى سمو الشيخ ناصر بن حمد، لاستقبال رئيس وزراء اليونان كيرياكوس "
            "ميتسوتاكيس اليوم.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"ناصر بن حمد", "كيرياكوس ميتسوتاكيس"}


def test_a_call_takes_no_topic_of_a_meeting_told_before(pipeline):
    text = ("التقى وزير الخارجية سالم الحكيم اليوم نظيره البلجيكي ماكسيم بريفو. وتناول اللقاء ملف الهجرة غير "
            "النظامية. وفي وقت سابق اليوم، تلقى الوزير الحكيم اتصالا هاتفيا من وزيرة الخارجية الكندية ميلاني جولي.")
    call = one(events_of(pipeline, text), "call")
    assert names(call) == {"سالم الحكيم", "ميلاني جولي"} and call["agenda"] == []


def test_who_took_the_message_told_before_takes_part(pipeline):
    text = "تسلم الرسالة الشيخ جاسم بن فهد، خلال اجتماعه اليوم مع السفير نبيل الطحان."
    assert names(one(events_of(pipeline, text), "meeting")) == {"جاسم بن فهد", "نبيل الطحان"}


def test_who_sees_a_traveller_off_did_not_travel(pipeline):
    text = ("غادر الملك حمد بن عيسى المنامة اليوم متوجها إلى القاهرة في زيارة دولة، وكان في وداعه بالمطار "
            "الشيخ خالد بن عبدالله.")
    assert names(one(events_of(pipeline, text), "visit")) == {"حمد بن عيسى"}


def test_a_counterpart_is_of_the_same_portfolio(pipeline):
    text = ("وقع وزير الخارجية كريم السعدي ووزير الخارجية الغابوني مايكل موسى اليوم اتفاقية، بحضور الوزير الأول "
            "الغابوني ريمون ندونغ. وأجرى السعدي مباحثات ثنائية مع نظيره الغابوني.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert meetings == [{"كريم السعدي", "مايكل موسى"}]


def test_bodies_named_by_common_words_sign_when_no_one_of_them_is_named(pipeline):
    text = "وقعت غرفة تجارة وصناعة عمان وغرفة تجارة وصناعة الأردن اليوم مذكرة تفاهم."
    assert names(one(events_of(pipeline, text), "agreement")) == {"غرفة تجارة وصناعة عمان",
                                                                  "غرفة تجارة وصناعة الأردن"}
    text = ("وقعت وزارة الصناعة اليوم مذكرة تفاهم مع نقابة المهندسين، وقعها عن الوزارة الوزير حاتم الدباس وعن "
            "النقابة النقيب سمير الربضي.")
    assert names(one(events_of(pipeline, text), "agreement")) == {"حاتم الدباس", "سمير الربضي"}


def test_a_planned_day_after_the_dispatch_leaves_the_told_day_alone(pipeline):
    text = ("وصل وزير الخارجية سعد الحلبوسي اليوم إلى مدريد في زيارة رسمية. والتقى الحلبوسي وزير الخارجية "
            "الإسباني خوسيه ألباريس. ومن المقرر أن يلتقي الحلبوسي غدا رئيس الحكومة بيدرو سانشيز.")
    meeting = one(events_of(pipeline, text, published_at="2026-12-02"), "meeting")
    assert meeting["time"]["date"] == "2026-12-02"


def test_who_attended_both_meetings_attended_each(pipeline):
    text = ("استقبل الملك سلمان بن خالد اليوم وزير الخارجية الياباني تاكيشي إيوايا. كما استقبل في وقت لاحق "
            "المدير العام لمنظمة الصحة العالمية تيدروس أدهانوم. حضر اللقاءين وزير الخارجية صالح العنزي.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert all("صالح العنزي" in m for m in meetings) and len(meetings) == 2


def test_a_blessing_after_a_rulers_name_names_no_one(pipeline):
    text = "أجرى جلالة الملك حسن الثاني، نصره الله، اتصالا هاتفيا مع الرئيس السنغالي عبدو ضيوف."
    assert names(one(events_of(pipeline, text), "call")) == {"حسن الثاني", "عبدو ضيوف"}


def test_talks_by_video_link_in_maghreb_wording_are_a_call(pipeline):
    text = "أجرى وزير الخارجية عمر هلال اتصالا عبر تقنية التناظر المرئي مع نظيره البلجيكي ماكسيم بريفو."
    assert names(one(events_of(pipeline, text), "call")) == {"عمر هلال", "ماكسيم بريفو"}


def test_an_envoy_after_a_titled_name_is_whom_he_received(pipeline):
    text = "استقبل الوزير كمال الشامي سفير النرويج."
    assert names(one(events_of(pipeline, text), "meeting")) == {"كمال الشامي", "النرويج"}


def test_whom_the_topics_name_did_not_take_part(pipeline):
    text = ("التقى وزير الخارجية عادل الجبوري اليوم المبعوث الأممي كارلوس مونتيرو، وبحث الجانبان مبادرة الرئيس "
            "الفرنسي إيمانويل ماكرون.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"عادل الجبوري", "كارلوس مونتيرو"}
    text = ("تلقى رئيس الوزراء سعيد الكعبي اليوم اتصالا هاتفيا من الرئيس التركي جودت يلماز، نقل خلاله تعازي "
            "الرئيس رجب طيب أردوغان.")
    assert names(one(events_of(pipeline, text), "call")) == {"سعيد الكعبي", "جودت يلماز"}


def test_a_headlines_call_verb_is_no_part_of_the_name(pipeline):
    text = ("الرئيس سعيّد يجري مكالمة هاتفية مع الرئيس الليبي\n\nأجرى الرئيس منصف سعيّد اليوم مكالمة هاتفية مع "
            "رئيس المجلس الرئاسي الليبي محمد المنفي.")
    calls = [names(e) for e in events_of(pipeline, text) if e["type"] == "call"]
    assert calls == [{"منصف سعيّد", "محمد المنفي"}]


def test_whom_a_relative_clause_after_the_parties_names_did_not_take_part(pipeline):
    text = ("التقى وزير الخارجية فهد الراشد اليوم في الرباط نظيره المغربي كريم الطاهري، الذي جدد دعم بلاده "
            "للرئيس منصور الحسيني.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"فهد الراشد", "كريم الطاهري"}


def test_whose_plan_or_stance_is_praised_did_not_take_part(pipeline):
    text = ("استقبل الرئيس نبيل الخوري اليوم وزير الخارجية الهولندي ديفيد فان ويل. وأكد الخوري خلال اللقاء "
            "تقديره لمواقف الرئيس الفرنسي إيمانويل ماكرون.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert meetings == [{"نبيل الخوري", "ديفيد فان ويل"}]
    text = "التقى وزير الخارجية سامي العطار اليوم المبعوث الأممي هانس غروندبرغ، وبحثا خطة المبعوث الأمريكي ستيف ويتكوف."
    assert names(one(events_of(pipeline, text), "meeting")) == {"سامي العطار", "هانس غروندبرغ"}


def test_relatives_predecessors_and_the_dead_are_named_not_present(pipeline):
    text = "استقبل الرئيس سليم الخوري اليوم كريم حداد، نجل الزعيم الراحل فؤاد حداد."
    assert names(one(events_of(pipeline, text), "meeting")) == {"سليم الخوري", "كريم حداد"}
    text = "زار وزير الداخلية رشيد العلوي اليوم ضريح الملك الراحل محمد الخامس في الرباط."
    assert names(one(events_of(pipeline, text), "visit")) == {"رشيد العلوي"}
    text = "استقبل وزير الخارجية سالم الصباح اليوم السفير الكندي الجديد مارك توماس، خلفا للسفيرة آن لوي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"سالم الصباح", "مارك توماس"}


def test_the_principal_in_an_offices_title_is_no_ones_title(pipeline):
    text = ("التقى جلالة الملك حسن الثاني اليوم رئيس المجلس الأوروبي أنطونيو كوستا. وحضر اللقاء مدير مكتب جلالة "
            "الملك فيصل العمري.\n\nوفي وقت لاحق، أجرى جلالة الملك اتصالا هاتفيا مع أمير قطر الشيخ تميم بن حمد.")
    assert names(one(events_of(pipeline, text), "call")) == {"حسن الثاني", "تميم بن حمد"}


def test_what_the_interaction_told_before_discussed_is_not_the_next_ones(pipeline):
    text = ("أجرى وزير الخارجية كمال الدوري اتصالا هاتفيا اليوم مع نظيره الروسي سيرغي لافروف. وتناول الاتصال "
            "آخر التطورات في اليمن. كما اجتمع الوزير الدوري مع الممثل الأوروبي ميروسلاف لايتشاك.")
    assert one(events_of(pipeline, text), "meeting")["agenda"] == []


def test_a_fronted_reception_phrase_takes_the_main_verbs_subject(pipeline):
    text = "لدى استقباله السفير البريطاني جون هارت، أكد رئيس المجلس الرئاسي سالم الكوني دعم المصالحة الوطنية."
    assert names(one(events_of(pipeline, text), "meeting")) == {"سالم الكوني", "جون هارت"}


def test_who_handed_a_message_over_met_whom_it_was_for(pipeline):
    text = ("تسلم رئيس مجلس السيادة سامي الطاهر، اليوم، رسالة خطية من الرئيس الإثيوبي تاي أتسكي سيلاسي، سلمها له "
            "وزير الخارجية الإثيوبي جيديون تيموثيوس.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"سامي الطاهر", "جيديون تيموثيوس"}


def test_an_attendance_after_the_parties_ended_still_counts(pipeline):
    text = "استقبل الرئيس كمال العلي اليوم رئيس الوزراء سمير الحداد وبحث معه العلاقات بحضور وزير الخارجية نبيل الصافي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"كمال العلي", "سمير الحداد", "نبيل الصافي"}
    text = "استقبل الرئيس كمال العلي اليوم رئيس الوزراء سمير الحداد، مثمنا جهوده، وبحضور وزير الخارجية نبيل الصافي."
    assert names(one(events_of(pipeline, text), "meeting")) == {"كمال العلي", "سمير الحداد", "نبيل الصافي"}


def test_kin_before_a_title_and_a_name_is_the_named_guest(pipeline):
    text = "استقبل الرئيس كمال العلي اليوم قرينة الرئيس الفرنسي بريجيت ماكرون."
    assert names(one(events_of(pipeline, text), "meeting")) == {"كمال العلي", "بريجيت ماكرون"}
    text = "استقبل وزير الخارجية نبيل الصافي اليوم سفير الصين لدى القاهرة لياو ليتشيانغ."
    assert names(one(events_of(pipeline, text), "meeting")) == {"نبيل الصافي", "لياو ليتشيانغ"}


def test_a_king_named_alone_is_not_his_son_who_bears_his_name(pipeline):
    text = "استقبل الملك سلمان اليوم في جدة الرئيس الفرنسي إيمانويل ماكرون، بحضور الأمير محمد بن سلمان."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"سلمان", "إيمانويل ماكرون", "محمد بن سلمان"}
    assert identity.name_strength(identity.name_tokens("سلمان"), identity.name_tokens("محمد بن سلمان")) == 0


def test_a_title_with_a_demonym_or_alone_names_the_plainest_first_holder(pipeline):
    text = ("استقبل الملك حسن الثاني اليوم الرئيس الموريتاني معاوية الطايع ورئيس الوزراء الموريتاني يحيى "
            "الوقف. واستقبل الرئيس الموريتاني في مقر إقامته وزير الخارجية عمر هلال.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"معاوية الطايع", "عمر هلال"} in meetings
    text = ("استقبل الرئيس القبرصي نيكوس خريستودوليدس اليوم الرئيس الفرنسي إيمانويل ماكرون. وأكد الرئيس الفرنسي "
            "دعم بلاده. ثم التقى الرئيس رئيس مجلس النواب أنيتا ديميتريو.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"نيكوس خريستودوليدس", "أنيتا ديميتريو"} in meetings


def test_the_bodies_between_which_a_signing_is_made_sign_it_when_no_one_of_theirs_is_named(pipeline):
    text = "جرى اليوم توقيع اتفاقية تعاون علمي بين جامعة الخرطوم وجامعة القاهرة لتبادل الأساتذة."
    assert names(one(events_of(pipeline, text), "agreement")) == {"جامعة الخرطوم", "جامعة القاهرة"}
    text = "وتم التوقيع على اتفاقية قرض بين الصندوق السعودي للتنمية ووزارة المالية الأردنية بقيمة 40 مليون دولار."
    signing = one(events_of(pipeline, text), "agreement")
    assert names(signing) == {"الصندوق السعودي للتنمية", "وزارة المالية الأردنية"}
    assert topics(signing) == []                                       # a sum is not what was agreed


def test_a_delegation_met_is_no_topic_of_the_talks(pipeline):
    text = "بحث وزير التخطيط سامي الفارس مع وفد من بنك التنمية الأفريقي برئاسة جون أوكيلو تمويل مشروعات الطاقة."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"سامي الفارس", "جون أوكيلو"}
    assert topics(meeting) == ["تمويل مشروعات الطاقة"]


def test_a_place_after_the_preposition_lam_is_named_with_its_article(pipeline):
    text = "اختتم رئيس الوزراء الماليزي أنور إبراهيم زيارته للقاهرة التي استغرقت يومين."
    visit = one(events_of(pipeline, text), "visit")
    assert visit["location"]["name"] == "القاهرة"
    assert text[visit["location"]["start"]:visit["location"]["end"]] == visit["location"]["text"]
    doc = pipeline("وصل الوزير سمير الحداد إلى القاهرة، ثم غادر للقاهرة الجديدة قبل عودته للقاهرة.", published_at="2024-03-10")
    assert [e.name for e in doc.entities if e.kind == "city"].count("القاهرة") == 1


def test_the_situation_after_a_name_is_a_topic_not_a_family_name(pipeline):
    text = "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأردني أيمن الصفدي الوضع في جنوب سوريا."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"سيرغي لافروف", "أيمن الصفدي"}
    assert topics(meeting) == ["الوضع في جنوب سوريا"]


def test_a_host_keeps_his_next_reception_after_a_sentence_that_names_no_one(pipeline):
    text = ("استقبل الرئيس كمال العلي، أمس، رئيسة الوزراء ليلى الحداد. وتناول اللقاء سير العمل الحكومي. "
            "كما استقبل وزير الخارجية نبيل الصافي.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"كمال العلي", "نبيل الصافي"} in meetings
    assert {"كمال العلي", "ليلى الحداد"} in meetings


def test_an_unnamed_envoy_after_the_verb_is_its_object_not_a_sign_of_a_missing_subject(pipeline):
    text = "التقى الرئيس كمال العلي السفير المصري حسام نافع أمس. كما التقى رئيس الحكومة سمير الحداد السفير القطري."
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"سمير الحداد", "قطر"} in meetings
    assert not any("كمال العلي" in m and "سمير الحداد" in m for m in meetings)


def test_a_meeting_told_as_another_occasion_does_not_borrow_the_first_ones_topics(pipeline):
    text = ("استقبل رئيس المجلس نبيل الصافي السفير السعودي فهد العتيبي أمس، وبحث معه الاستحقاق الرئاسي. "
            "كما التقى الصافي النائب سمير الحداد.")
    meetings = {frozenset(names(e)): topics(e) for e in events_of(pipeline, text) if e["type"] == "meeting"}
    assert meetings[frozenset({"نبيل الصافي", "فهد العتيبي"})] == ["الاستحقاق الرئاسي"]
    assert meetings[frozenset({"نبيل الصافي", "سمير الحداد"})] == []
    text = ("استقبل الرئيس كمال العلي السفير البريطاني جون هارت.\n\nوبحث الجانبان ملف تشكيل الحكومة.\n\n"
            "وفي سياق آخر، التقى رئيس الوزراء سمير الحداد وفدا من البنك الدولي برئاسة جان كاريه.")
    meetings = {frozenset(names(e)): topics(e) for e in events_of(pipeline, text) if e["type"] == "meeting"}
    assert meetings[frozenset({"سمير الحداد", "جان كاريه"})] == []


@pytest.mark.parametrize("text", [
    "التقى المبعوث الأممي إلى ليبيا هانا تيتيه وزير الخارجية المصري بدر عبد العاطي أمس.",
    "استقبل محافظ البصرة أسعد العيداني، اليوم، السفير الياباني فوتوشي ماتسوموتو.",
    "وقعت تونس والصين اتفاقية لبناء مستشفى جامعي.",
])
def test_a_place_in_a_title_or_a_state_that_takes_part_is_not_where(pipeline, text):
    (event,) = events_of(pipeline, text)
    assert event["location"] is None


def test_a_country_named_like_its_capital_after_in_is_still_where(pipeline):
    text = "التقى وزير الخارجية العماني بدر البوسعيدي، اليوم في عمان، نظيره القطري محمد الخليفي."
    assert one(events_of(pipeline, text), "meeting")["location"]["country"] == "OMN"


def test_the_meeting_set_inside_talks_is_passed_over_to_their_topic(pipeline):
    text = "بحث وزير الخارجية نبيل الصافي مع نظيره الأردني أيمن الصفدي، خلال لقاء جمعهما في الرياض، الوضع في السودان."
    meeting = one(events_of(pipeline, text), "meeting")
    assert topics(meeting) == ["الوضع في السودان"]
    assert meeting["location"]["name"] == "الرياض"


@pytest.mark.parametrize("text", [
    "التقى وزير الخارجية الإيطالي أنطونيو تاياني الرئيس كمال العلي أمس، وأكد أن روما ستستضيف مؤتمرا للمانحين.",
    "وقال مصدر مطلع لـ\"الشرق الأوسط\" إن رئيس الحكومة سمير الحداد التقى السفير الأميركي جون هارت.",
])
def test_a_capital_that_speaks_for_its_state_or_a_paper_named_after_a_place_is_not_where(pipeline, text):
    assert one(events_of(pipeline, text), "meeting")["location"] is None


def test_a_city_quoted_after_the_word_capital_is_still_where(pipeline):
    text = "شهدت العاصمة الإندونيسية \"جاكرتا\" اليوم توقيع مذكرة تفاهم بين وزير التجارة سمير الحداد ونظيره الإندونيسي بودي سانتوسو."
    assert one(events_of(pipeline, text), "agreement")["location"]["name"] == "جاكرتا"


def test_a_body_whose_first_letter_reads_as_a_preposition_is_the_body(pipeline):
    text = "التقى الرئيس الصيني شي جين بينغ الرئيس البرازيلي لولا دا سيلفا على هامش قمة بريكس."
    meeting = one(events_of(pipeline, text), "meeting")
    assert names(meeting) == {"شي جين بينغ", "لولا دا سيلفا"}
    doc = pipeline(text, published_at="2024-03-10")
    assert ("بريكس", "org") in [(e.name, e.kind) for e in doc.entities]


def test_a_document_named_as_signed_before_is_no_signing(pipeline):
    text = ("استقبل وزير الخارجية سمير الحداد نظيره القبرصي كونستانتينوس كومبوس في نيقوسيا. وناقش الوزيران "
            "تنفيذ مذكرة التفاهم البحرية الموقعة بين البلدين عام 2007.")
    assert [e["type"] for e in events_of(pipeline, text)] == ["meeting"]
    text = "جرى اليوم التوقيع على مذكرة التفاهم الموقعة بين وزارة الصحة ووزارة التعليم العالي."
    assert [e["type"] for e in events_of(pipeline, text)] == ["agreement"]


def test_an_unnamed_head_of_a_state_office_stands_for_his_country(pipeline):
    text = "التقى وزير الخارجية التركي هاكان فيدان مع رئيس الوزراء الليبي في طرابلس."
    assert names(one(events_of(pipeline, text), "meeting")) == {"هاكان فيدان", "ليبيا"}
    text = ("التقى رئيس الوزراء الليبي عبد الحميد الدبيبة وزير الخارجية التركي هاكان فيدان. "
            "وقال رئيس الوزراء الليبي إن العلاقات متميزة.")
    assert names(one(events_of(pipeline, text), "meeting")) == {"عبد الحميد الدبيبة", "هاكان فيدان"}
    text = "استقبل وزير الرياضة سمير الحداد رئيس الاتحاد السعودي لكرة القدم."
    assert all("الاتحاد السعودي لكرة القدم" not in names(e) for e in events_of(pipeline, text))


def test_a_company_named_in_quotes_after_its_head_word_is_a_body(pipeline):
    text = 'وقعت شركة "بترومين" اتفاقية مع حكومة الأردن لتوريد زيوت المحركات.'
    assert names(one(events_of(pipeline, text), "agreement")) == {"شركة بترومين", "حكومة الأردن"}
    text = 'التقى وزير الاستثمار سمير الحداد الرئيس التنفيذي لشركة "أوراكل" Oracle لاري جونسون.'
    assert names(one(events_of(pipeline, text), "meeting")) == {"سمير الحداد", "لاري جونسون"}
    text = 'استقبل وزير الاتصالات نبيل الصافي وفدا من شركة "نوكيا" برئاسة بيكا لوندمارك.'
    assert names(one(events_of(pipeline, text), "meeting")) == {"نبيل الصافي", "بيكا لوندمارك"}


def test_a_bare_title_after_a_counterparts_sentence_names_the_lead_not_the_guest(pipeline):
    text = ("التقى وزير الخارجية نبيل الصافي نظيره البريطاني ديفيد لامي. وقال الوزير البريطاني إن بلاده تدعم الحل. "
            "ثم التقى وزير الخارجية نظيره الإسباني خوسيه مانويل ألباريس.")
    assert {"نبيل الصافي", "خوسيه مانويل ألباريس"} in [names(e) for e in events_of(pipeline, text)]
    text = ("التقى وزير الخارجية الأردني أيمن الصفدي نظيره الفرنسي جان نويل بارو. كما أجرى الوزير اتصالا هاتفيا "
            "مع نظيره المصري بدر عبد العاطي.")
    assert names(one(events_of(pipeline, text), "call")) == {"أيمن الصفدي", "بدر عبد العاطي"}
    text = ("التقى ولي العهد الأمير حسين بن علي الرئيس الأوكراني فولوديمير زيلينسكي. وأكد الرئيس الأوكراني تقديره. "
            "كما التقى ولي العهد الرئيس السوري أحمد الشرع.")
    assert {"حسين بن علي", "أحمد الشرع"} in [names(e) for e in events_of(pipeline, text)]


def test_a_title_inside_a_place_named_after_a_ruler_names_no_one(pipeline):
    text = ("وصل الرئيس كمال العلي إلى الرياض اليوم، وكان في استقباله لدى وصوله مطار الملك خالد الدولي "
            "الأمير سمير الحداد.\n\nوالتقى الرئيس العلي العاهل السعودي الملك سلمان بن عبد العزيز.")
    assert names(one(events_of(pipeline, text), "visit")) == {"كمال العلي", "سمير الحداد"}


def test_a_body_a_named_signer_signs_for_is_no_party(pipeline):
    text = ("وقعت جامعة الكويت ومجموعة بتلكو مذكرة تفاهم للتدريب. ووقع المذكرة عن الجامعة رئيسها يوسف الرومي، "
            "فيما وقعها عن بتلكو نواف الغربللي.")
    assert names(one(events_of(pipeline, text), "agreement")) == {"يوسف الرومي", "نواف الغربللي"}
    text = ("وقع الصندوق الكويتي للتنمية وحكومة جمهورية موريتانيا اليوم اتفاقية قرض لتمويل طريق. ووقعها عن الجانب "
            "الموريتاني وزير الاقتصاد أحمد ولد باه.")
    assert names(one(events_of(pipeline, text), "agreement")) == {"الصندوق الكويتي للتنمية", "أحمد ولد باه"}


def test_a_second_signing_told_as_another_by_the_body_named_again_is_its_own(pipeline):
    text = "وقع صندوق قطر للتنمية اتفاقية مع الصومال. كما وقع الصندوق اتفاقية مع جيبوتي."
    signings = sorted(sorted(names(e)) for e in events_of(pipeline, text) if e["type"] == "agreement")
    assert signings == [["الصومال", "صندوق قطر للتنمية"], ["جيبوتي", "صندوق قطر للتنمية"]]


def test_municipalities_and_delegations_on_behalf_of_a_body_take_part(pipeline):
    text = "وقعت بلدية الشارقة وشركة أرادة، اليوم، اتفاقية لتطوير الحدائق."
    assert names(one(events_of(pipeline, text), "agreement")) == {"بلدية الشارقة", "شركة أرادة"}
    text = "استقبل الوزير سمير الحداد، اليوم، وفدا عن شركة إريكسون."
    assert {n.split()[-1] for n in names(one(events_of(pipeline, text), "meeting"))} == {"الحداد", "إريكسون"}


def test_a_later_meeting_of_one_who_attended_or_of_two_of_a_summits_parties_is_its_own(pipeline):
    text = ("استقبل الملك حمد بن عيسى اليوم رئيس وزراء اليونان كيرياكوس ميتسوتاكيس، بحضور ولي العهد الأمير "
            "سلمان بن حمد.\n\nوفي وقت لاحق، استقبل ولي العهد رئيس وزراء اليونان.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"سلمان بن حمد", "كيرياكوس ميتسوتاكيس"} in meetings
    text = ("عقدت القمة الثلاثية في القاهرة اليوم بمشاركة الرئيس كمال العلي والملك حسن الثاني والرئيس سمير الحداد.\n\n"
            "وعلى هامش القمة، التقى الرئيس العلي الرئيس الحداد.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"كمال العلي", "سمير الحداد"} in meetings and len(meetings) == 2


def test_a_documents_subject_comes_after_its_sum_or_a_quoted_company(pipeline):
    text = "وقعت قطر وتركيا اليوم اتفاقية بقيمة مليار دولار لدعم الاستثمار."
    assert topics(one(events_of(pipeline, text), "agreement")) == ["دعم الاستثمار"]
    text = 'وقعت وزارة الاتصالات المصرية مذكرة تفاهم مع شركة "أوراكل" Oracle لتدريب الشباب على الحوسبة السحابية.'
    assert topics(one(events_of(pipeline, text), "agreement")) == ["تدريب الشباب على الحوسبة السحابية"]
    text = "وقع الصندوق السعودي للتنمية اليوم اتفاقية مع بنغلاديش."
    assert names(one(events_of(pipeline, text), "agreement")) == {"الصندوق السعودي للتنمية", "بنغلاديش"}


def test_here_in_a_dispatch_is_no_congratulation_and_hosting_a_guest_is_a_meeting(pipeline):
    text = "التقى الرئيس الصيني شي جين بينغ هنا اليوم مع وزير الخارجية الكويتي عبدالله اليحيا."
    assert names(one(events_of(pipeline, text), "meeting")) == {"شي جين بينغ", "عبدالله اليحيا"}
    text = "استضاف الرئيس الفرنسي إيمانويل ماكرون نظيره الكيني وليام روتو في قصر الإليزيه يوم الخميس."
    assert names(one(events_of(pipeline, text), "meeting")) == {"إيمانويل ماكرون", "وليام روتو"}
    text = "ناقش الرئيس كمال العلي ورئيس الوزراء سمير الحداد في مكالمة هاتفية يوم الأحد الوضع في أوكرانيا."
    assert topics(one(events_of(pipeline, text), "call")) == ["الوضع في أوكرانيا"]


def test_a_headlines_shorter_patronymic_name_is_the_bodys_full_name(pipeline):
    text = ("ماكرون يستقبل تميم بن حمد\nباريس (أ ف ب) - استقبل الرئيس الفرنسي إيمانويل ماكرون أمير قطر "
            "الشيخ تميم بن حمد آل ثاني في قصر الإليزيه مساء السبت.")
    (meeting,) = [e for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert names(meeting) == {"إيمانويل ماكرون", "تميم بن حمد آل ثاني"}


def test_the_subject_of_what_a_spokesman_said_is_no_spokesman(pipeline):
    text = "قال المتحدث باسم الخارجية إن الوزير نبيل الصافي التقى نظيره الإسباني خوسيه مانويل ألباريس في مدريد."
    assert names(one(events_of(pipeline, text), "meeting")) == {"نبيل الصافي", "خوسيه مانويل ألباريس"}


@pytest.mark.parametrize("text, leader", [
    ("التقى رئيس حركة أمل نبيه بري سفير مصر علاء موسى أمس.", "نبيه بري"),
    ("التقى رئيس تيار المردة سليمان فرنجية السفير الفرنسي هيرفيه ماغرو.", "سليمان فرنجية"),
])
def test_a_party_in_its_leaders_title_is_neither_his_name_nor_a_participant(pipeline, text, leader):
    meeting = one(events_of(pipeline, text), "meeting")
    assert leader in names(meeting) and len(names(meeting)) == 2


def test_signers_for_two_bodies_of_one_head_word_keep_the_signing(pipeline):
    text = ("وقعت وزارة الصحة ووزارة التعليم العالي اتفاقية، وقعها عن وزارة الصحة الوزير سمير الحداد "
            "وعن وزارة التعليم العالي الوزيرة ليلى الصافي.")
    assert names(one(events_of(pipeline, text), "agreement")) == {"سمير الحداد", "ليلى الصافي"}
    text = "وقعت وزارة الصحة ووزارة التعليم العالي اتفاقية، وقعها عن وزارة الصحة الوزير سمير الحداد."
    assert names(one(events_of(pipeline, text), "agreement")) == {"سمير الحداد", "وزارة التعليم العالي"}


def test_a_head_of_states_title_after_a_titled_name_is_that_names(pipeline):
    text = ("استقبل الملك حمد بن عيسى اليوم الشيخ تميم بن حمد. وفي وقت لاحق، استقبل جلالة الملك الشيخ "
            "محمد بن زايد آل نهيان رئيس دولة الإمارات.")
    meetings = [names(e) for e in events_of(pipeline, text) if e["type"] == "meeting"]
    assert {"حمد بن عيسى", "محمد بن زايد آل نهيان"} in meetings
    text = "أجرى معالي السيد نبيل الصافي وزير الخارجية اتصالين هاتفيين مع كل من الوزير سمير الحداد والوزير كمال العلي."
    assert all(len(names(e)) == 2 and "نبيل الصافي" in names(e) for e in events_of(pipeline, text))


def test_a_dateline_state_and_a_visited_governorate_are_still_where(pipeline):
    text = "الكويت - كونا - بحث وزير الخارجية عبدالله اليحيا مساء أمس مع نظيره البحريني عبداللطيف الزياني العلاقات."
    assert one(events_of(pipeline, text), "meeting")["location"]["name"] == "الكويت"
    text = "زار رئيس الوزراء سمير الحداد محافظة الكرك اليوم."
    assert one(events_of(pipeline, text), "visit")["location"]["name"] == "الكرك"
