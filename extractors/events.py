"""Event templates: triggers → clauses → participants, roles, time, location, agenda → merge.

A sentence is cut into clauses at trigger verbs; each clause with a trigger yields a
report. Reports of one interaction (the statement, the tweet, the quote) are merged
into one event when their participants overlap and nothing contradicts.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from operator import attrgetter

from types import SimpleNamespace

from . import model
from .doc import Doc, Span, Token, covered_tokens, headline_line
from .entities import COMMON_BODIES, DATELINE_REACH, QUOTES_CLOSE, QUOTES_OPEN, _without_article
from .lexicon import load_word_classes, word_class_phrases
from .normalize import normalize, text_key, written_form
from .participants import PARTY_KINDS, Candidate, candidate_features, merge_features
from .wordclasses import (AGENDA_START, COMMA, EVENT_TRIGGER, FUTURE_PREFIX, FUTURE_VERB, MEMBER_NOUNS, MEMBERSHIP,
                          PARTY_CUE, PARTY_ZONE, PLACE_NAME, SEVERAL_EVENTS, SIDE_NOUNS, VENUE_HEAD, WordClasses)

TYPE_PRIORITY = {"call": 0, "agreement": 1, "meeting": 2, "visit": 3}
_BARE, _NORM = attrgetter("bare"), attrgetter("norm")
WORD_CLASSES = load_word_classes()
RELATIVE_PRONOUNS = WORD_CLASSES["relative_pronouns"]
ACCOMPANYING_VERBS = WORD_CLASSES["accompanying_verbs"]
ATTENDANCE_CUES = WORD_CLASSES["attendance_cues"]
ORG_HEADS = WORD_CLASSES["organisation_heads"]
ORG_NAME_HEADS = WORD_CLASSES["organisation_name_heads"]
MEMBERSHIP_CUES = WORD_CLASSES["membership_cues"]
BOUNDARY_WORDS = WORD_CLASSES["agenda_boundaries"]
BOUNDARY_PHRASES = word_class_phrases("agenda_boundaries")
SEPARATE_MEETING_PHRASES = word_class_phrases("separate_meeting_cues")
SIGNED_PARTICIPLES = WORD_CLASSES["signed_participles"]
SUM_WORDS = WORD_CLASSES["sum_words"]
ON_BEHALF_PARTICLES = WORD_CLASSES["on_behalf_particles"]
SIGNED_FOR_REACH = 6   # words from عن to the signer named after the side he signs for
ANOTHER_OCCASION_CUES = WORD_CLASSES["another_occasion_cues"]
ANOTHER_OCCASION_PHRASES = word_class_phrases("another_occasion_cues")
AGENDA_SKIP = WORD_CLASSES["agenda_skip"]
AGENDA_SKIP_TIMES = WORD_CLASSES["agenda_skip_times"]
TOPIC_NOUNS = WORD_CLASSES["topic_nouns"]
LIST_CONTINUATIONS = WORD_CLASSES["agenda_continuations"]
LIST_CONTINUATION_PHRASES = word_class_phrases("agenda_continuations")
# Words that refer back to an event's parties in the sentences after it.
SIDES = WORD_CLASSES["sides"]
EVENT_REFERENCES = WORD_CLASSES["event_references"]
EARLIER_REFERENCES = word_class_phrases("earlier_references")
RELATED_LINK_CUES = word_class_phrases("related_link_cues")
MAX_RELATED_HEADLINES = 8   # headlines a page lists after اقرأ أيضا
RELATED_LINKS = "related_link_sentences"   # the document's derived value: the sentences of links
SORTED_TRIGGERS = "trigger tokens in order"   # (``agenda_context``; sorted again when a trigger is added)
DOCUMENT_NOUNS = WORD_CLASSES["document_nouns"]
# Circumstantial participles and speech verbs close the part of a clause that names its parties.
PARTY_BOUNDARY = WORD_CLASSES["party_boundaries"]
SUBORDINATORS = WORD_CLASSES["subordinators"]
SIGNING_CLAUSE_LINKS = WORD_CLASSES["signing_clause_links"]
WITNESS_VERBS = WORD_CLASSES["witness_verbs"]
BETWEEN_PARTICLES = WORD_CLASSES["between_particles"]
DENIAL_VERBS = WORD_CLASSES["denial_verbs"]
SINGULAR_PRONOUN_SUFFIXES = ("ه", "ها")
WITH_WORDS = WORD_CLASSES["partner_particles"]
RECEPTION_VERBS = WORD_CLASSES["reception_verbs"]
CURRENT_VISIT_VERBS = WORD_CLASSES["current_visit_verbs"]
DESTINATION_PARTICLES = WORD_CLASSES["destination_particles"]
PLACE_PARTICLES = WORD_CLASSES["place_particles"]
VENUE_PARTICLES = WORD_CLASSES["venue_particles"]
WITH_PARTICLES = WORD_CLASSES["with_particles"]
IN_PARTICLES = WORD_CLASSES["in_particles"]
RECEPTION_NOUNS = WORD_CLASSES["reception_nouns"]
SEQUENCE_PREPOSITIONS = WORD_CLASSES["sequence_prepositions"]
TRIP_NOUNS = WORD_CLASSES["trip_nouns"]
DURING_WITH_PRONOUN = WORD_CLASSES["during_with_pronoun"]
CALL_VERBS = WORD_CLASSES["call_verbs"]
KIN_NOUNS = WORD_CLASSES["kin_nouns"]
DECREE_NOUNS = WORD_CLASSES["decree_nouns"]
DELEGATING_VERBS = WORD_CLASSES["delegating_verbs"]
SEVERAL_DOCUMENTS = WORD_CLASSES["several_documents"]
HANDOVER_VERBS = WORD_CLASSES["handover_verbs"]
APPOSED_KIN = WORD_CLASSES["apposed_kin"]
MESSAGE_NOUNS = WORD_CLASSES["message_nouns"]
INTERVAL_NOUNS = WORD_CLASSES["interval_nouns"]
OCCASION_NOUNS = WORD_CLASSES["occasion_nouns"]
EACH_WORDS = WORD_CLASSES["each_words"]
ANOTHER_WORDS = WORD_CLASSES["another_words"]
THEN_WORDS = WORD_CLASSES["then_words"]
WHERE_LINKS = WORD_CLASSES["where_links"]
EARLIER_ADJECTIVES = WORD_CLASSES["earlier_adjectives"]
CONTRAST_LINKS = WORD_CLASSES["contrast_links"]
STAND_IN_CUES = WORD_CLASSES["stand_in_cues"]
AGENDA_CUES_BEFORE_IN = WORD_CLASSES["agenda_cues_before_in"]
SAID_THAT = WORD_CLASSES["said_that"]
FROM_PARTICLES = WORD_CLASSES["from_particles"]
PAST_PERIOD_MARKERS = WORD_CLASSES["past_period_markers"]
EXCHANGE_VERBS = WORD_CLASSES["exchange_verbs"]
EXCHANGED_DOCUMENTS = WORD_CLASSES["exchanged_documents"]
EXCHANGE_REACH = 14   # words from تبادل to the documents exchanged, past a subject of two titled names
HABITUAL_ADJECTIVES = WORD_CLASSES["habitual_adjectives"]
NAMED_AFTER_PEOPLE = WORD_CLASSES["venues_named_after_people"]
GUEST_AFTER_RECEPTION = 4   # words from في استقبال to the guest it names (its title first)
HONORIFIC_SUBJECT_REACH = 3   # words from a call's noun to the honorific pronoun that made it (اتصال هاتفي أجراه سموه)
TRAVELLER_AFTER_NOUN = 3   # words from a trip's noun to the ل that names its traveller (زيارة رسمية للرئيس)
PARTYS_PLACE_SENTENCES = 2   # sentences from a report with a place to a later one of a party of it without one
TRIP_NOUN_REACH = 6   # words from a trip's noun to the relative clause telling what it did (زيارته الرسمية إلى الصين، التي)
ABSENT_PRINCIPAL_CUES = WORD_CLASSES["absent_principal_cues"]
AFFILIATION_WORDS = WORD_CLASSES["affiliation_words"]
DAMMA = "\u064f"
WHERE_REACH = 5     # words before حيث where the place it points back to is named
HEAD_CUE_REACH = 3  # words from a body's name to برئاسة/يضم naming its head or members
BACKGROUND_TRIP_REACH = 5  # words before a party's title where قبل/عقب زيارة (قام بها) place it in another trip
FUTURE_REACH_AFTER = 8     # words after a present-tense verb where غدا، المقبل make it planned
NOUN_FUTURE_REACH = 2      # words after an event's noun where مرتقب، المقبلة make it planned
AGENDA_MAX_TOKENS = 14
LIGHT_VERB_REACH = 40
SIDES_REACH = 2           # words after a signing verb where الجانبان names its subject
DESTINATION_BEFORE_REACH = 8   # words before في زيارة where the trip's destination may be named
REFERENCE_REACH = 3       # words from a noun naming the event to the signing it saw (شهد اللقاء التوقيع)
ASIDE_TIME_REACH = 8      # words after a relative trip verb where its day may be named (الذي وصل إلى الخرطوم اليوم)
SIGNING_BETWEEN_REACH = 5  # words from a signing noun to the بين that names its signers (توقيع مذكرة تفاهم للتعاون بين)
PRINCIPAL_REACH = 6       # words from a message noun to its sender's name (رسالة خطية من الرئيس X)
SUBJECT_REACH = 8          # words after a verb where a second subject may follow the first (X ونظيره)
MESSAGE_REACH = 12          # words before a handing-over verb its message's noun may stand
CALL_VERB_REACH = 3        # words before a call's noun its verb may stand (أجرى لاحقا اتصالا)
SIGNED_DOCUMENT_REACH = 10  # words before a contract (عقدا) its signing verb may stand (وقع الوزير X اليوم عقدا)
FOLLOW_UP_SENTENCES = 2
ATTENDED_ALL_SENTENCES = 3  # sentences after an event where "حضر اللقاءين" may still speak of it
SHARED_AGENDA_SENTENCES = 1
MERGE_WINDOW_SENTENCES = 6


@dataclass
class Report:
    type: str
    trigger: Token
    trigger_end: int          # char offset
    sentence: int
    first: int                # clause token range
    last: int
    verb: bool
    party_first: int = 0      # where the clause starts naming its parties (after الذي/أن/:)
    roles: dict = field(default_factory=dict)       # entity id → role
    order: list = field(default_factory=list)       # entity ids in order of appearance
    time: object = None
    location: dict | None = None
    agenda: list = field(default_factory=list)
    split_from: int | None = None   # one of the meetings a report of several told one by one
    looks_back: bool = False        # عقب اللقاء: the clause speaks of an interaction already told
    on_its_own: bool = False        # اجتمع أيضا بشكل منفرد مع X: apart from the interaction told before
    another_occasion: bool = False  # كما التقى، وعلى هامش القمة التقى: the sentence tells another occasion


@dataclass
class EventDraft:
    """An event while it is assembled from its reports; ``to_event`` gives the public model."""
    type: str
    trigger: Span
    reports: list
    roles: dict
    order: list
    time: object
    location: dict | None
    agenda: list
    evidence: list
    confidence: float
    entities: dict

    def to_event(self) -> model.Event:
        participants = []
        for eid in self.order:
            entity = self.entities[eid]
            if entity.kind == "delegation" and entity.members:
                continue  # represented by its named members
            participants.append(model.Participant(
                entity.name, entity.kind, self.roles[eid], entity.title, entity.organization, entity.country,
                [model.TextSpan(m.text, m.start, m.end) for m in entity.mentions]))
        return model.Event(
            type=self.type,
            trigger=_text_span(self.trigger),
            participants=participants,
            location=_place(self.location),
            time=None if self.time is None else model.Time(
                self.time.date.isoformat() if self.time.date else None, self.time.precision,
                model.TextSpan(self.time.text, self.time.start, self.time.end)),
            agenda=[model.AgendaItem(a.text, a.start, a.end) for a in self.agenda],
            evidence=[_text_span(e) for e in self.evidence],
            confidence=round(self.confidence, 2),
        )


def _text_span(span: Span) -> model.TextSpan:
    return model.TextSpan(span.text, span.start, span.end)


def _place(location: dict | None) -> model.Place | None:
    if location is None:
        return None
    span = model.TextSpan(location["text"], location["start"], location["end"]) if "start" in location else None
    return model.Place(location.get("name"), location.get("venue"), location.get("country"),
                       location.get("country_name"), span)


class EventBuilder:
    """Reports from triggers, their templates filled, merged into events.

    ``participant_model``: the trained decision over candidate participants (``None`` keeps
    the rules' choice); ``collect``: record every candidate on ``doc.candidates`` (training).
    ``disabled``: names of rule families switched off (ablation)."""

    def __init__(self, lexicons, participant_model=None, collect=False, disabled=frozenset(), merge_model=None,
                 agenda_model=None, word_classes=None):
        self.lx = lexicons
        self.agenda_model = None if "agenda_model" in disabled else agenda_model
        self.participant_model = participant_model
        self.merge_model = None if "merge_model" in disabled else merge_model
        self.collect = collect
        self.disabled = frozenset(disabled)
        # (the words of any of them are a word class, PARTY_CUE, that the features read)
        self.cues = SimpleNamespace(with_words=WITH_WORDS, party_boundary=PARTY_BOUNDARY,
                                    attendance=ATTENDANCE_CUES, subordinators=SUBORDINATORS)
        self.verb_types, self.noun_types, self.with_types = {}, {}, {}
        for etype, spec in lexicons.triggers.items():
            for w in spec["verbs"]:
                self.verb_types.setdefault(w, etype)
            for w in spec["nouns"]:
                self.noun_types.setdefault(w, etype)
            for w in spec["requires_with"]:
                self.with_types.setdefault(w, etype)
        # every word trigger_of can start from (as bare or stem): most words are none, and one
        # test says so (``Token.classes``: EVENT_TRIGGER)
        self.trigger_words = (word_classes or WordClasses(lexicons)).event_triggers

    def __call__(self, doc: Doc) -> Doc:
        entities = {e.id: e for e in doc.entities}
        doc.time_tokens = covered_tokens(doc, doc.times)
        doc.candidates = []
        doc.merge_candidates = []
        doc.trigger_tokens = set()
        doc.agenda_by_sentence = {}
        doc.agenda_by_range = {}
        self.assign_delegation_members(doc)
        reports = []
        # most words start no trigger rule, and most sentences hold none: one test passes them over
        starts = doc.with_class(EVENT_TRIGGER)
        linked = doc.derived[RELATED_LINKS] = related_link_sentences(doc) if "related_links" not in self.disabled else set()
        for s_index in sorted({doc.tokens[k].sentence for k in starts} - linked):
            reports += self.sentence_reports(doc, s_index, doc.sentences[s_index], starts)
        # every report's sentence is tagged for its agenda at once, then the reports are filled
        self.tag_agenda(doc, {r.sentence for r in reports})
        previous = signing = None
        for report in reports:
            self.fill(doc, report, previous)
            if previous is not None and "talks_told_on" not in self.disabled and self.tells_on(doc, report, previous):
                # وبحث معه … بحضور X: the talks' parties, and who attended them
                attendees = [e for e in report.order if report.roles[e] == "attendee" and e not in previous.roles]
                report.roles = {**previous.roles, **{e: "attendee" for e in attendees}}
                report.order = list(previous.order) + attendees
            elif previous is not None and "signing_sides" not in self.disabled and self.other_side_signs(doc, report, previous):
                # وقع عن الجانب الجزائري X، فيما وقع عن الجانب التونسي Y: one signing, both sides
                self.take_previous_parties(doc, report, previous)
            elif signing is not None and "signers_told_on" not in self.disabled and self.signs_the_told(doc, report, signing):
                # شهد X توقيع مذكرة بين الوزارة والشركة. ووقع المذكرة Y وZ: one signing, its
                # witnesses and signers; the bodies stand no more for those who signed for them
                if self.names_two_people(doc, report):
                    _drop_parties(signing, [e for e in signing.order if doc.entities[e].kind != "person"])
                self.take_previous_parties(doc, report, signing)
            if report.type == "agreement" and report.verb and "bodies_signed_for" not in self.disabled:
                # ووقعها عن الجامعة رئيسها X: the university stands no more for the one who signed for it
                signed_for = self.bodies_signed_for(doc, report)
                holders = [r for r in reports if r.type == "agreement" and report.sentence - r.sentence in (0, 1)]
                # a signing keeps two sides: its bodies stay when fewer than two others would be left
                sentence = doc.sentences[report.sentence]
                signers = {doc.mention_index[k][0].id for k in range(sentence.first, sentence.last)
                           if k in doc.mention_index and doc.mention_index[k][0].kind == "person"}
                if signed_for and len(({e for r in holders for e in r.roles} | signers) - set(signed_for)) >= 2:
                    for holder in holders:
                        _drop_parties(holder, [e for e in signed_for if e in holder.roles])
            if not self.tells_on_unnamed(doc, report):
                previous = report
            signing = report if report.type == "agreement" else signing
        if "past_periods" not in self.disabled:
            # وكان X قد التقى Y في يناير الماضي: a meeting of a month gone by is background
            reports = [r for r in reports if not told_of_a_past_period(doc, r)]
        if "earlier_ones" not in self.disabled:
            # مشيرا إلى اتفاقيات سابقة وقعت مع تركيا: earlier ones, mentioned as background
            reports = [r for r in reports if not named_as_earlier(doc, r, "signed_before" not in self.disabled)]
        if "met_not_travelled" not in self.disabled:
            drop_the_met_from_trips(doc, reports)
        if "visited_country" not in self.disabled:
            share_trip_place(reports)
        if "travellers_destination" not in self.disabled:
            place_at_destination(reports)
        if "subjects_place" not in self.disabled:
            place_of_a_partys_latest_report(reports)
        if "separate_meetings" not in self.disabled:
            reports = [one for report in reports for one in self.separate_meetings(doc, report)]
        events = merge_reports(doc, reports, entities, self.merge_model,
                               doc.merge_candidates if self.collect else None)
        if "represented_countries" not in self.disabled:
            for event in events:
                drop_represented_parties(event)
                drop_bodies_of_the_headline(doc, event)
        if "remote_meetings" not in self.disabled:
            events = meetings_held_as_calls(doc, events, entities)
            if "placeless_calls" not in self.disabled:
                for event in events:
                    if event.type == "call":
                        event.location = None  # a meeting held as a call drops its place too
        if "sides_of_a_reception" not in self.disabled:
            add_sides_of_a_reception(doc, events, entities)
        if "signings_at_events" not in self.disabled:
            add_parties_of_referred_events(doc, events, entities)
        if "witnessed_signings" not in self.disabled:
            add_witnesses_to_signings(doc, events)
        if "bodies_of_the_named" not in self.disabled:
            for event in events:
                drop_bodies_of_the_named(event, doc.derived.get(COMMON_BODIES, ()))
        doc.events = [e for e in events if self.keep(e)]
        if "dateline_place" not in self.disabled:
            add_dateline_place(doc, self.lx, doc.events)
        if "city_of_country" not in self.disabled:
            add_city_of_country(doc, self.lx, doc.events)
        # a sentence whose reports were all dropped (planned, background) reports nothing of its own
        reporting = {r.sentence for e in doc.events for r in e.reports}
        if "follow_up_attendees" not in self.disabled:
            add_follow_up_attendees(doc, self.lx, doc.events, reporting, self.disabled)
        if "follow_up_agenda" not in self.disabled:
            add_follow_up_agenda(doc, self.agenda_in, doc.events, {r.sentence for r in reports}, self.tag_agenda,
                                 self.lx.agenda_cues)
        if "sentence_agenda" not in self.disabled:
            add_sentence_agenda(doc, self.agenda_in, doc.events)
        if "earlier_agenda" not in self.disabled:
            add_earlier_agenda(doc, self.agenda_in, doc.events)
        apart = set() if "other_occasions" in self.disabled else told_as_another_occasion(doc, doc.events)
        if "shared_agenda" not in self.disabled:
            add_shared_agenda(doc.events, calls_apart="calls_apart" not in self.disabled, apart=apart)
        if "follow_up_agenda" not in self.disabled:
            # still none: read on past sentences whose reports were all dropped (وعقد الرئيس جلسة
            # مباحثات … تناولت …, where the title alone names a party)
            add_follow_up_agenda(doc, self.agenda_in, [e for e in doc.events if not e.agenda], reporting,
                                 cues=self.lx.agenda_cues)
        if "preceding_agenda" not in self.disabled:
            # a call comes after what the text said of another occasion: that is not its topic
            add_preceding_agenda(doc, self.agenda_in, [e for e in doc.events if not e.agenda and id(e) not in apart and not (
                e.type == "call" and "calls_apart" not in self.disabled)], reporting,
                                  told_of_before="agenda_of_the_told" not in self.disabled)
        if "separate_meetings" not in self.disabled:
            share_occasion_of_separate_meetings(doc.events)
        for event in doc.events:
            event.agenda = [a for a in event.agenda if self.is_topic(doc, a)]
        date_undated_events(doc, self.lx.weekdays, future_days_apart="future_days_apart" not in self.disabled)
        return doc

    # ---- triggers and clauses ------------------------------------------------
    def trigger_of(self, toks: list[Token], k: int) -> tuple[str, bool] | None:
        tok = toks[k]
        if not tok.is_arabic or tok.bare not in self.trigger_words and tok.stem not in self.trigger_words:
            return None
        words = self.lx.multiword_triggers.get(tok.bare) or self.lx.multiword_triggers.get(tok.stem)
        if words:
            for phrase, (etype, kind) in words:
                got = tuple([phrase[0]] + [t.norm for t in toks[k + 1:k + len(phrase)]])
                if got == phrase:
                    after = toks[k + len(phrase)] if k + len(phrase) < len(toks) else None
                    if etype == "meeting" and after is not None and phrase[-1] in self.lx.function_words \
                            and (after.bare in self.lx.country_names or after.bare in self.lx.cities):
                        return "visit", True  # حل ضيفا على المغرب: the guest of a country visited it
                    return etype, kind == "verbs"
        key = tok.bare
        if key in EXCHANGE_VERBS and "exchanged_documents" not in self.disabled:
            # تبادل وزيرا خارجية البلدين X وY وثائق الاتفاقيات: the documents after the subject
            for t in toks[k + 1:k + EXCHANGE_REACH]:
                if t.bare in EXCHANGED_DOCUMENTS or t.norm in EXCHANGED_DOCUMENTS:
                    return "agreement", True
                if t.text in ".؟!" or t.bare in PARTY_BOUNDARY:
                    break
        if tok.stem in RECEPTION_NOUNS and k and toks[k - 1].norm in IN_PARTICLES:
            return "visit", True  # كان في استقبال الضيف لدى وصوله: the arrival is reported
        if key in HANDOVER_VERBS:
            # تسلم X رسالة خطية من Y، سلمها له Z: who handed the message over met X
            return ("meeting", True) if tok.suffix_len and self.message_before(toks, k) else None
        if key in self.verb_types:
            if self.verb_types[key] == "agreement" and self.signs_a_decree(toks, k):
                return None
            return self.verb_types[key], True
        if tok.suffix_len and key.endswith("ا") and key[:-1] + "ي" in self.verb_types:
            return self.verb_types[key[:-1] + "ي"], True  # التقاه: a final ى is written ا before a pronoun
        if key in self.noun_types or tok.stem in self.noun_types:
            etype = self.noun_types.get(key) or self.noun_types[tok.stem]
            if etype == "visit" and self.call_on_someone(toks, k):
                return "meeting", True
            return etype, False
        if tok.suffix_len and key.endswith("ت") and key[:-1] + "ه" in self.noun_types:
            return self.noun_types[key[:-1] + "ه"], False  # زيارتها: ة is written ت before a pronoun
        if tok.suffix_len and key.endswith("ي") and key[:-1] + "ء" in self.noun_types:
            return self.noun_types[key[:-1] + "ء"], False  # لقائه: a final hamza sits on ي before a pronoun
        if key in self.with_types:
            if (key in DOCUMENT_NOUNS or tok.stem in DOCUMENT_NOUNS) and self.signed_before(toks, k) \
                    and "signed_contracts" not in self.disabled:
                return None  # وقع الوزير اليوم عقدا مع شركة …: the contract signed, not talks held
            if key.endswith("ان") and key[:1] in "يت":
                return self.with_types[key], True  # السيسي وماكرون يبحثان …: a dual subject met
            # بحث/ناقش/عقد… mean a meeting only with a partner (بحث مع، عقد لقاء), which may
            # come after the time and the place (بحث …، صباح اليوم، في مقر الحكومة …، مع …)
            for reach, t in enumerate(toks[k + 1:k + LIGHT_VERB_REACH]):
                if t.norm in WITH_PARTICLES or t.bare in WITH_PARTICLES:
                    return self.with_types[key], True
                if t.clitic_len and t.text[0] == "ب" and t.stem in self.lx.title_heads:
                    return self.with_types[key], True  # بحث … بوزير الخارجية الإيطالي
                if reach < SUBJECT_REACH and t.clitic_len and t.text[0] == "و" and t.stem in self.lx.title_heads:
                    return self.with_types[key], True  # بحث رئيس الوزراء ونظيره …: two subjects met
                if t.text in ".؟!" or t.bare in PARTY_BOUNDARY or t.bare in self.verb_types:
                    break  # the partner is named before the clause moves on (مؤكدا، وقال، another verb)
        return None

    def call_on_someone(self, toks: list[Token], k: int) -> bool:
        """قام السفير X بزيارة مجاملة لوزير الخارجية Y: a visit paid to an official (ل and his
        title, an adjective or two between) is a meeting with him."""
        if not (toks[k].clitic_len and toks[k].text[0] == "ب") or "calls_on_officials" in self.disabled:
            return False
        for t in toks[k + 1:k + 1 + TRAVELLER_AFTER_NOUN]:
            if t.clitic_len and t.text[0] == "ل":
                return t.stem in self.lx.title_heads or t.bare in self.lx.honorifics
            if t.clitic_len or not t.is_arabic:
                return False
        return False

    @staticmethod
    def second_call_verbs(toks: list[Token], found: list) -> list[int]:
        """تلقى X اتصالا من Y، فيما أجرى لاحقا اتصالا بـ Z: a later call noun its own verb
        makes or takes is another call; its clause starts at that verb."""
        calls = [k for k, etype, verb in found if etype == "call" and not verb]

        def call_verb(t: Token) -> bool:
            return t.bare in CALL_VERBS

        verbs = [v for k in calls[1:]
                 if (v := _nearest_before(toks, k, min(CALL_VERB_REACH, k - calls[0] - 1), call_verb)) is not None]
        if not verbs:
            return []
        # the first call's clause, from its own verb (أجرى X اتصالا), ends where the second's begins
        first = _nearest_before(toks, calls[0], SUBJECT_REACH, call_verb)  # its subject between: أجرى الأمير X اتصالا
        return [calls[0] if first is None else first, *verbs]

    def message_before(self, toks: list[Token], k: int) -> bool:
        """A message's noun earlier in the sentence (تسلم X رسالة خطية من Y، سلمها له Z)."""
        return "handed_messages" not in self.disabled and _nearest_before(
            toks, k, MESSAGE_REACH, lambda t: t.bare in MESSAGE_NOUNS or t.stem in MESSAGE_NOUNS, ".؟!") is not None

    def signs_a_decree(self, toks: list[Token], k: int) -> bool:
        """وقع الرئيس مرسوم تشكيل الحكومة: the first document after a signing verb is a decree."""
        if "signed_decrees" in self.disabled:
            return False
        for t in toks[k + 1:k + SIGNED_DOCUMENT_REACH]:
            if t.text in "،,.:؛" or t.bare in DOCUMENT_NOUNS or t.stem in DOCUMENT_NOUNS:
                return False
            if t.bare in DECREE_NOUNS or t.stem in DECREE_NOUNS:
                return True
        return False

    def signed_before(self, toks: list[Token], k: int) -> bool:
        """A signing verb (وقع، أبرم) earlier in the clause, no comma or full stop between."""
        return _nearest_before(toks, k, SIGNED_DOCUMENT_REACH,
                               lambda t: self.verb_types.get(t.bare) == "agreement", "،,.؟!:؛") is not None

    def sentence_reports(self, doc: Doc, s_index: int, sentence, starts: list[int]) -> list[Report]:
        """The reports of a sentence's clauses, their templates not yet filled (``fill``);
        ``starts``: the document's tokens that may start a trigger."""
        toks = doc.tokens
        found, planned = [], []
        for k in doc.positions_in(starts, sentence.first, sentence.last):
            trig = self.trigger_of(toks, k)
            if trig and toks[k].stem in RECEPTION_NOUNS and trig[0] == "visit" and not toks[k].suffix_len \
                    and not self.names_guest(doc, k + 1):
                continue  # في استقبال رسمي: the manner of a meeting, not someone's arrival (في استقباله is)
            if trig:
                doc.trigger_tokens.add(k)
            if trig and not self.is_background(toks, k, sentence.first, doc):
                found.append((k, trig[0], trig[1]))
            elif trig and trig[1] and self.planned_during_trip(toks, k):
                planned.append(k)   # its clause reports nothing, but ends the trip's
        if found and "future_prefix" not in self.disabled:
            # وستلتقي خلال زيارتها …: a verb Farasa left whole with its future prefix ends the clause before it
            planned += doc.positions_in(doc.with_class(FUTURE_VERB), sentence.first, sentence.last)
        if not found:
            return []
        reports = []
        # X، الذي يزور بيروت حاليا، التقى …: the aside is a trip of its own, and the main clause
        # runs on past it
        asides = {k for k, _, verb in found if verb and (self.after_relative(toks, k, sentence.first)
                                                          or self.trip_of_these_days(doc, k, sentence.first))}
        for k in sorted(asides):
            end = next((j for j in range(k + 1, sentence.last) if toks[j].text in "،,"), sentence.last)
            reports.append(Report("visit", toks[k], toks[k].end, s_index, k, end, True))
        found = [f for f in found if f[0] not in asides]
        if not found:
            return reports
        # clause boundaries at trigger verbs; a noun trigger joins its clause
        cuts = [k for k, _, verb in found if verb] or [found[0][0]]
        if "second_calls" not in self.disabled:
            cuts = sorted({*cuts, *self.second_call_verbs(toks, found)})
        for c, cut in enumerate(cuts):
            first = sentence.first if c == 0 else cut
            last = cuts[c + 1] if c + 1 < len(cuts) else sentence.last
            # زيارته تستغرق يومين، يلتقي خلالها X: whom the trip is to meet did not travel
            last = next((k for k in planned if first < k < last), last)
            in_clause = [(k, t, v) for k, t, v in found if first <= k < last]
            in_clause = [f for f in in_clause if f[2] or f[1] != "visit" or self.has_destination(doc, f[0], last, first)]
            if not in_clause:
                continue
            # a noun after قبل/عقب names another event than the clause's verb (استعرض … قبيل التوقيع)
            later = next((f[0] for f in in_clause if not f[2] and self.after_sequence_word(toks, f[0], first)), None)
            main = [f for f in in_clause if later is None or f[2] or f[0] < later] or in_clause
            k, etype, verb = min(main, key=lambda f: (TYPE_PRIORITY[f[1]] if not (f[2] and f[1] == "visit") else 2.5, f[0]))
            reports.append(Report(etype, toks[k], toks[k].end, s_index, first, last, verb))
            # a trip reported with its own verb beside a meeting is its own fact (وصل… والتقى…),
            # and so are talks beside a signing (عقب مباحثات… وقّع…): one report per other type
            if "types_per_clause" not in self.disabled:
                for other in sorted({t for _, t, _ in in_clause} - {etype}, key=TYPE_PRIORITY.get):
                    # أجرى اتصالا هاتفيا: the light verb is the call, not a meeting; but in عقد
                    # محادثات … وجرى في ختامها توقيع the talks' own noun still names the meeting
                    options = [f for f in in_clause if f[1] == other and not self.is_light_verb(toks[f[0]])]
                    if not options:
                        continue
                    o = min(options, key=lambda f: (not f[2], f[0]))
                    # أنهى زيارته إلى قطر بعد أن التقى الأمير، اختتم زيارته بلقاء الرئيس: whom the
                    # verb or noun after a trip names was met, not a traveller
                    trip_end = k if other == "visit" and not o[2] and o[0] < k else last
                    reports.append(Report(other, toks[o[0]], toks[o[0]].end, s_index, first, trip_end, o[2]))
            else:
                visits = [f for f in in_clause if f[1] == "visit" and f[2] and f[0] != k]
                if visits:
                    v = visits[0]
                    reports.append(Report("visit", toks[v[0]], toks[v[0]].end, s_index, first, last, True))
        return reports

    def is_light_verb(self, tok: Token) -> bool:
        """أجرى، عقد، بحث: a verb that names a meeting only through its partner (مع)."""
        return tok.bare in self.with_types and not self.verb_types.get(tok.bare)

    @staticmethod
    def separate_meetings(doc: Doc, report: Report) -> list[Report]:
        """التقى X كلا على حدة A و B: one meeting of the host with each guest; أجرى X اتصالين
        هاتفيين مع A وB: one call with each."""
        if report.type not in ("meeting", "call") or not report.order:
            return [report]
        host = report.order[0]
        guests = [e for e in report.order[1:] if report.roles[e] != "attendee"]
        if len(guests) < 2:
            return [report]   # (most reports: the cues below are not read)
        k = report.trigger.i
        # اتصالين هاتفيين مع A وB، اتصالا بكل من A وB، اتصالا من A وآخر من B: one call with each
        toks = doc.tokens
        several_calls = report.type == "call" and (
            report.trigger.bare.endswith(("ين", "ات")) or k + 1 < report.last and toks[k + 1].bare in EACH_WORDS
            or any(t.clitic_len and t.text[0] == "و" and t.bare in ANOTHER_WORDS for t in toks[k + 1:report.last]))
        # the cue may open the sentence before (شكلت … محورا في اللقاءات الثنائية التي أجراها … حيث التقى …)
        before = doc.sentences[report.sentence - 1].first if report.sentence else report.first
        # التقى X اليوم بري، ثم سلام: one verb, one meeting after another
        one_after_another = report.type == "meeting" and any(t.bare in THEN_WORDS for t in toks[k + 1:report.last])
        if not (several_calls or one_after_another
                or report.type == "meeting" and _says_separately(doc, before, report.last)):
            return [report]
        return [replace(report, roles={e: report.roles[e] for e in (host, guest)}, order=[host, guest],
                        split_from=id(report)) for guest in guests]

    @staticmethod
    def after_sequence_word(toks, k, first) -> bool:
        """استعرض X مع Y … قبيل التوقيع: a noun after قبل/عقب names an event of its own."""
        return any(t.bare in SEQUENCE_PREPOSITIONS for t in toks[max(first, k - 2):k])

    def looks_back(self, doc: Doc, report: Report) -> bool:
        """وقال X في تصريح عقب اللقاء: a definite event noun after عقب/بعد, with no partner
        after it, is the interaction already told, not one of its own; and so is the subject of
        what someone says of it (وأكدت X أن توقيع المذكرتين يعكس …، أن اللقاء جاء …)."""
        toks, k = doc.tokens, report.trigger.i
        tok = toks[k]
        if report.verb or k + 1 < len(toks) and (toks[k + 1].norm in WITH_PARTICLES or toks[k + 1].bare in WITH_PARTICLES):
            return False
        if tok.bare in EVENT_REFERENCES and self.after_sequence_word(toks, k, report.first):
            return True
        definite = tok.has_article or k + 1 < len(toks) and toks[k + 1].has_article and not toks[k + 1].clitic_len
        return definite and k > report.first and toks[k - 1].bare in SAID_THAT and "said_of_it" not in self.disabled

    @staticmethod
    def after_relative(toks, k, sentence_first) -> bool:
        """A verb of a current trip right after a relative pronoun (الذي يزور)."""
        return k > sentence_first and toks[k - 1].bare in RELATIVE_PRONOUNS and toks[k].bare in CURRENT_VISIT_VERBS

    def trip_of_these_days(self, doc: Doc, k: int, sentence_first: int) -> bool:
        """X، الذي وصل إلى الخرطوم اليوم في زيارة: a trip verb after a relative pronoun, dated by
        a day relative to the article (اليوم، أمس، الأحد) before the aside's comma, is reported;
        الذي زار القاهرة الشهر الماضي stays background."""
        toks = doc.tokens
        if "dated_asides" in self.disabled or k <= sentence_first or toks[k - 1].bare not in RELATIVE_PRONOUNS \
                or self.verb_types.get(toks[k].bare) != "visit":
            return False
        end = next((j for j in range(k + 1, min(len(toks), k + 1 + ASIDE_TIME_REACH)) if toks[j].text in "،,."),
                   min(len(toks), k + 1 + ASIDE_TIME_REACH))
        start, stop = toks[k].end, toks[end - 1].end
        return any(t.kind == "relative" and t.precision == "day" and start <= t.start < stop for t in doc.times)

    def names_guest(self, doc: Doc, k: int) -> bool:
        if k >= len(doc.tokens):
            return False
        tok = doc.tokens[k]
        return k in doc.mention_index or tok.stem in self.lx.title_heads or tok.bare in self.lx.honorifics \
            or self.honorific_pronoun(tok)

    def honorific_pronoun(self, tok: Token) -> bool:
        """فخامته، معاليه: an honorific with a pronoun (its ة written ت) for the person named before."""
        if not tok.suffix_len:  # سموه, which Farasa leaves whole
            honorific = tok.bare[-1:] == "ه" and tok.bare in self.lx.honorifics
        else:
            honorific = tok.bare in self.lx.honorifics or tok.bare[-1:] == "ت" and tok.bare[:-1] + "ه" in self.lx.honorifics
        # زيارة دولة: written without a pronoun, a state visit
        return honorific and written_form(tok.text).endswith(("ه", "ها"))

    def has_destination(self, doc: Doc, k, last, first) -> bool:
        """A trip named by a noun is a fact of its own only with where it went (زيارة … إلى ليبيا،
        حط رحاله بالرباط، زيارة رسمية للمملكة العربية السعودية), also before it when the clause
        says the trip is under way (غادر X بغداد متوجها إلى الرياض في زيارة رسمية)."""
        toks = doc.tokens
        # في زيارة رسمية، في أول زيارة خارجية له: one word (an ordinal) may stand between
        under_way = k > first and (toks[k - 1].norm in IN_PARTICLES or k - 1 > first and toks[k - 2].norm in IN_PARTICLES
                                   and not toks[k - 1].clitic_len and toks[k - 1].bare not in self.lx.function_words)
        before = range(max(first, k - DESTINATION_BEFORE_REACH), k) if under_way else range(0)
        for j in [*range(k + 1, min(last, k + 6)), *before]:
            t = toks[j]
            named = doc.mention_index.get(j)
            to_place = t.bare in self.lx.cities or t.bare in self.lx.country_names or t.stem in self.lx.country_names \
                or t.stem in self.lx.region_words or j < k and t.bare in self.lx.region_words \
                or named is not None and named[0].kind in ("country", "city")
            if to_place and (t.text[0] in "بل" and t.clitic_len or toks[j - 1].norm in DESTINATION_PARTICLES):
                return True
        return False

    @staticmethod
    def denied(toks, k, sentence_first) -> bool:
        """نفى المكتب أن يكون الرئيس قد التقى …: the clause a denial verb introduces with أن."""
        denial = next((j for j in range(k - 1, sentence_first - 1, -1) if toks[j].bare in DENIAL_VERBS), None)
        return denial is not None and any(toks[j].bare in SUBORDINATORS for j in range(denial + 1, k))

    def is_background(self, toks, k, sentence_first, doc: Doc | None = None) -> bool:
        """Relative clauses (الذي زار…) and planned or denied interactions are not reports."""
        for j in range(max(sentence_first, k - 3), k):
            t = toks[j]
            if t.bare in RELATIVE_PRONOUNS and toks[k].bare in self.verb_types \
                    and toks[k].bare not in CURRENT_VISIT_VERBS \
                    and not (doc is not None and self.trip_of_these_days(doc, k, sentence_first)) \
                    and not self.during_the_trip_told(toks, j, k, sentence_first):
                return True
            if t.bare in self.lx.negations:
                return True
        if self.denied(toks, k, sentence_first):
            return True
        if toks[k].clitic_len and FUTURE_PREFIX in toks[k].text[:toks[k].clitic_len] and toks[k].bare in self.verb_types \
                and "future_prefix" not in self.disabled:
            return True  # ستلتقي، وسيزور: the future's prefix plans the interaction
        # يلتقي الرئيس … غدا: after a present-tense verb, a future word shortly after plans it
        present = toks[k].bare in self.verb_types and toks[k].bare[:1] in "يت"
        if present and self.planned_during_trip(toks, k):
            return True
        # يلتقي الرئيس … غدا; لقاء مرتقب، الزيارة المقبلة: a future word just after a noun plans it too
        after = FUTURE_REACH_AFTER if present else 0 if toks[k].bare in self.verb_types else NOUN_FUTURE_REACH
        for j in range(max(sentence_first, k - 12), min(len(toks), k + 1 + after)):
            t = toks[j]
            if t.norm in self.lx.future_words or t.bare in self.lx.future_words:
                return True
            if t.clitic_len and FUTURE_PREFIX in t.text[:t.clitic_len] and j < k and "future_prefix" not in self.disabled:
                return True  # وسيعقد مباحثات …: a verb with the future's prefix plans what follows it
        # اللقاءات المتكررة بين الرئيسين: a habit, not one interaction
        return toks[k].bare not in self.verb_types and "habits" not in self.disabled \
            and any(t.bare in HABITUAL_ADJECTIVES for t in toks[k + 1:k + 1 + NOUN_FUTURE_REACH])

    def planned_during_trip(self, toks, k: int) -> bool:
        """زيارة تستغرق يومين، يلتقي خلالها …: a present-tense verb done "during it" tells what
        the trip is to hold, not what it held."""
        if "planned_during_trip" in self.disabled or k + 1 >= len(toks) or toks[k + 1].stem not in DURING_WITH_PRONOUN:
            return False
        # وستلتقي خلال زيارتها …: "during" the trip's own noun with its pronoun
        return bool(toks[k + 1].suffix_len) or k + 2 < len(toks) and bool(toks[k + 2].suffix_len) \
            and self.trigger_of(toks, k + 2) == ("visit", False)

    def during_the_trip_told(self, toks, relative: int, k: int, sentence_first: int) -> bool:
        """اختتم زيارته إلى الصين التي التقى خلالها الرئيس: a relative clause whose verb is
        done "during it", after a trip's noun, tells what the trip reported did."""
        if "during_the_trip" in self.disabled or k + 1 >= len(toks):
            return False
        during = toks[k + 1]
        return during.stem in DURING_WITH_PRONOUN and bool(during.suffix_len) \
            and any(self.trigger_of(toks, j) == ("visit", False)
                    for j in range(max(sentence_first, relative - TRIP_NOUN_REACH), relative))

    # ---- template filling ---------------------------------------------------------
    def fill(self, doc: Doc, report: Report, previous: Report | None = None) -> Report:
        self.fill_participants(doc, report, previous)
        report.looks_back = "looking_back" not in self.disabled and self.looks_back(doc, report)
        report.another_occasion = report.verb and "other_occasions" not in self.disabled and opens_another_occasion(doc, report)
        report.on_its_own = "separate_meetings" not in self.disabled and report.type == "meeting" \
            and _says_separately(doc, report.first, report.last) \
            or report.type == "agreement" and report.another_occasion  # كما وقع الصندوق اتفاقية مع النيجر: another signing
        self.keep_one_traveller(doc, report)
        self.traveller_named_with_lam(doc, report)
        self.aside_traveller(doc, report)
        if "visited_person" not in self.disabled:
            self.meeting_with_the_visited(doc, report)
        report.time = self.find_time(doc, report)
        report.agenda = self.agenda_in(doc, report.first, report.last)
        if report.type == "call" and "placeless_calls" not in self.disabled:
            # a call joins two places and is placed at neither: a country or city near it (تلقى أمير
            # الكويت اتصالا، مصادر في الرئاسة التركية) is a title's or a source's
            report.location = None
            return report
        # تطورات الأوضاع في ليبيا: a place inside a topic is what was discussed, not where
        topics = covered_tokens(doc, report.agenda) | _body_name_tokens(doc)
        titled = "places_outside_titles" in self.disabled
        if report.type == "visit" and topics:
            # جولة شملت مسقط والدوحة: where a trip went is no topic, whatever the agenda tagger read
            topics = {k for k in topics if not (k and doc.tokens[k - 1].norm in DESTINATION_PARTICLES)}
        report.location = find_location(doc, self.lx, report.first, report.last, report.sentence, topics, titled=titled)
        if report.location is None and report.type == "visit" and report.verb and "visited_country" not in self.disabled:
            # زار روبيو إسرائيل: a visit verb's object is where it went, with no particle before it
            report.location = find_location(doc, self.lx, report.trigger.i + 1, report.last, report.sentence, topics,
                                            anywhere=True, titled=True)  # زار محافظة الكرك: a region word read as a title
        if report.location is None and report.type != "call" and "place_before_where" not in self.disabled \
                and any(t.bare in WHERE_LINKS for t in doc.tokens[max(0, report.first - 1):report.first + 1]):
            # ثم انتقل إلى عين التينة حيث التقى X: the place named right before حيث
            start = max(doc.sentences[report.sentence].first, report.first - WHERE_REACH)
            report.location = find_location(doc, self.lx, start, report.first, report.sentence, topics, titled=titled)
        if report.location is None and report.type != "call" and "sentence_place" not in self.disabled:
            # the place of another clause of the sentence (استقبل … بباريس … الذي يزور العاصمة حاليا)
            sentence = doc.sentences[report.sentence]
            report.location = find_location(doc, self.lx, sentence.first, sentence.last, report.sentence, topics, titled=titled)
        return report

    # ---- agenda -------------------------------------------------------------------
    def agenda_in(self, doc: Doc, first: int, last: int) -> list[Span]:
        """Agenda phrases inside tokens[first:last]: the rules' and those the trained tagger adds
        (cross-validation prefers the union to either alone)."""
        if self.agenda_model is None:
            return self.rule_agenda(doc, first, last)
        toks = doc.tokens
        spans = self.rule_agenda(doc, first, last)
        for s_index in range(toks[first].sentence, toks[last - 1].sentence + 1):
            for a, b in self.tagged_agenda(doc, s_index):
                topic = topic_span(doc, self.lx, a, b) if first <= a and b <= last else None
                if topic is not None:
                    spans.append(topic)
        return _dedupe(spans)

    def is_topic(self, doc: Doc, span: Span) -> bool:
        """A topic names at least two words of content: one word alone (العاصمة، وعد، تتعلق) is
        a stray piece of a sentence far more often than a topic."""
        toks = doc.tokens
        words = sorted(covered_tokens(doc, [span]))
        if words and toks[words[0]].norm in DESTINATION_PARTICLES:
            return False  # شملت مسقط والدوحة: where a trip went, not what was discussed
        content, function_words = 0, self.lx.function_words
        for k in words:   # (a loop that stops at the second word of content: no generator summed)
            if toks[k].is_arabic and toks[k].norm not in function_words:
                content += 1
                if content == 2:
                    return True
        return False

    def rule_agenda(self, doc: Doc, first: int, last: int) -> list[Span]:
        """The rules' agenda phrases in tokens[first:last] (a clause is often its whole
        sentence, which the agenda tagger reads too: each range is scanned once)."""
        found = doc.agenda_by_range.get((first, last))
        if found is None:
            found = doc.agenda_by_range[first, last] = find_agenda(doc, self.lx, first, last)
        return list(found)

    def tagged_agenda(self, doc: Doc, s_index: int) -> list[tuple[int, int]]:
        if s_index not in doc.agenda_by_sentence:
            self.tag_agenda(doc, {s_index})
        return doc.agenda_by_sentence[s_index]

    def tag_agenda(self, doc: Doc, sentences: set[int]) -> None:
        """Tag the agenda phrases of these sentences (indices) not tagged yet, all at once."""
        todo = sorted(sentences - doc.agenda_by_sentence.keys()) if self.agenda_model is not None else ()
        if todo:
            found = self.agenda_model.spans(doc, [self.agenda_context(doc, k) for k in todo], self.lx.agenda_cues)
            doc.agenda_by_sentence.update(zip(todo, found))

    def agenda_context(self, doc: Doc, s_index: int):
        """A sentence and its trigger tokens: what the agenda tagger reads beside the words."""
        sentence = doc.sentences[s_index]
        in_order = doc.derived.get(SORTED_TRIGGERS)
        if in_order is None or len(in_order) != len(doc.trigger_tokens):
            in_order = doc.derived[SORTED_TRIGGERS] = sorted(doc.trigger_tokens)
        return sentence, set(doc.positions_in(in_order, sentence.first, sentence.last))

    def agenda_features(self, doc: Doc, s_index: int) -> list[list[str]]:
        """The agenda tagger's features of a sentence (for training)."""
        from .agenda import sentence_features

        return sentence_features(doc, *self.agenda_context(doc, s_index), self.lx.agenda_cues)

    def fill_participants(self, doc: Doc, report: Report, previous: Report | None = None) -> None:
        toks = doc.tokens
        attendance = aside_attendance = False
        trigger_i = report.trigger.i
        first = report.first
        aside = (0, 0)
        for k in range(report.first, trigger_i):
            if toks[k].bare in SUBORDINATORS or toks[k].text in ":؛":
                end = self.relative_aside_end(toks, k, trigger_i) if "relative_asides" not in self.disabled else 0
                if end:
                    aside = (k, end)   # X، الذي يرافق Y، خلال اجتماع …: X goes on being the subject
                    continue
                first = k + 1
        report.party_first = first
        accompanied = aside[1] and toks[aside[0] + 1].bare in ACCOMPANYING_VERBS
        reception = False
        guest_named = True
        officials = []
        relative_end = 0
        closed = False
        mentions_at = doc.mentions_at
        # most words name no one and change no role: those that may are visited, and commas
        for k in doc.positions_in(_party_zone(doc), first, report.last):
            tok = toks[k]
            if aside_attendance and tok.text in "،," and k + 1 < report.last \
                    and not (toks[k + 1].clitic_len and toks[k + 1].text[0] == "و"):
                attendance = aside_attendance = False
            if k not in mentions_at and not tok.classes & PARTY_ZONE:
                continue   # a comma ends an attendance set off by commas, and does no more
            if aside[0] < k < aside[1] and not (accompanied and k in mentions_at):
                continue   # an aside names no party, save the one its subject accompanies
            if k < relative_end:
                continue  # نظيره X، الذي جدد دعم بلاده للرئيس Y، …: whom the aside names did not take part
            if k > trigger_i and self.relative_clause_after_parties(toks, k):
                relative_end = next((j for j in range(k + 1, report.last) if toks[j].text in "،,"), report.last)
                continue
            if k > trigger_i and not closed and (tok.bare in PARTY_BOUNDARY or tok.norm in PARTY_BOUNDARY) \
                    and not self.names_signers_after(doc, report, k):
                if "fronted_subject" not in self.disabled:
                    self.add_fronted_subject(doc, report, k)
                if "attendance_after_close" in self.disabled:
                    break
                # وبحث معه …، بحضور X: past the parties, only an attendance names anyone more
                closed, attendance, aside_attendance = True, False, False
                continue
            if says_attended(tok, self.lx):
                attendance = True
                # استقبل الملك، بحضور ولي العهد، الوزير X: an attendance set off by commas ends at its
                # closing comma, and the guest is named after it
                aside_attendance = k > trigger_i and toks[k - 1].text in "،," and "attendance_asides" not in self.disabled \
                    and not closed
            if closed and not attendance:
                continue

            if tok.stem in RECEPTION_NOUNS and report.type == "visit":
                reception = True
                # كان في استقباله: the guest is the one the pronoun points back to
                guest_named = guest_named and not tok.suffix_len \
                    and not (k + 1 < report.last and self.honorific_pronoun(toks[k + 1]))  # في استقبال فخامته
            # one word may stand for several people: الوزيران after two ministers were named
            for entity, mention in doc.mentions_at.get(k, ()):
                if mention.first != k or entity.speaker_only or entity.id in report.roles:
                    continue
                if entity.kind in ("city",) or self.in_background_phrase(toks, title_start(doc, k)):
                    continue
                if self.absent_principal(doc, k):
                    continue
                if entity.kind in ("country", "org") and not self.is_party(toks, mention, report):
                    continue
                role = "attendee" if attendance else self.role_for(report, reception, len(report.order))
                report.roles[entity.id] = role
                report.order.append(entity.id)
                if mention.kind == "official":
                    officials.append(entity.id)
        self.drop_officials_of_the_named(doc, report, officials)
        self.front_object_is_guest(doc, report)
        if "headed_bodies" not in self.disabled:
            self.drop_headed_bodies(doc, report)
        if reception and guest_named and "named_arrivals" not in self.disabled:
            self.guest_named_after_reception(doc, report)
        if report.verb and not any(doc.entities[e].kind in ("person", "delegation") and report.roles[e] != "attendee"
                                   for e in report.order) \
                and "subject_countries" not in self.disabled:
            self.add_subject_countries(doc, report)
        elif self.signing_witnessed(doc, report) and "witnessed_signings" not in self.disabled \
                or report.type == "agreement" and not report.verb and "signings_between_bodies" not in self.disabled:
            self.add_signing_bodies(doc, report)
        if (not guest_named or self.lacks_subject(doc, report)) and "inherited_subject" not in self.disabled \
                and not self.unnamed_subject_before(doc, report) and not self.sides_as_subject(doc, report):
            for subject in self.inherited_subjects(doc, report, previous):
                if subject.id not in report.roles:
                    role = self.inherited_role(report)
                    if role == "host":  # ثم استقبل Z: whom the verb names is then its guest
                        report.roles.update({e: "guest" for e, r in report.roles.items() if r == "host"})
                    report.roles[subject.id] = role
                    report.order.insert(0, subject.id)
        if self.collect or (self.participant_model is not None and "participant_model" not in self.disabled):
            self.decide_participants(doc, report)

    @staticmethod
    def drop_officials_of_the_named(doc: Doc, report: Report, officials: list) -> None:
        """أطلع أردوغان المستشارة الألمانية …: a country stands for an unnamed official only
        while the report lacks a second person; with two, the official is one of them."""
        if not officials:
            return
        people = [e for e, r in report.roles.items() if doc.entities[e].kind == "person" and r != "attendee"]
        if len(people) >= 2:
            _drop_parties(report, officials)

    def relative_clause_after_parties(self, toks, k: int) -> bool:
        """نظيره X، الذي جدد دعم بلاده للرئيس Y: a relative clause set off by a comma after the
        parties says something of them; whom it names, up to its closing comma, did not take
        part (unless it says who attended or accompanied: الذي يضم، الذي يرافقه)."""
        if toks[k].bare not in RELATIVE_PRONOUNS or toks[k - 1].text not in "،," or "relative_clauses" in self.disabled:
            return False
        return not any(t.bare in ATTENDANCE_CUES or t.norm in ATTENDANCE_CUES or t.norm in MEMBERSHIP_CUES
                       for t in toks[k + 1:k + 3])

    def sides_as_subject(self, doc: Doc, report: Report) -> bool:
        """وعقد الجانبان جلسة مباحثات: the two sides are the subject, named by the reports
        before (``add_sides_of_a_reception``), not the last person named."""
        k = report.trigger.i
        return "sides_of_a_reception" not in self.disabled and not report.order and any(
            t.bare in SIDES for t in doc.tokens[max(report.first, k - SIDES_REACH):min(report.last, k + SIDES_REACH)])

    @staticmethod
    def drop_headed_bodies(doc: Doc, report: Report) -> None:
        """وفدا من صندوق النقد الدولي برئاسة X: a body whose head or members are named after it
        takes part through them, as a country does through its people."""
        toks, index = doc.tokens, doc.mention_index
        for eid in [e for e in report.order if doc.entities[e].kind in ("org", "country", "delegation")]:
            for m in doc.entities[eid].mentions:
                if not report.first <= m.first < report.last:
                    continue
                cue = next((j for j in range(m.last, min(report.last, m.last + HEAD_CUE_REACH))
                            if toks[j].norm in MEMBERSHIP_CUES or toks[j].bare in MEMBERSHIP_CUES), None)
                head = None if cue is None else next(
                    (index[j][0] for j in range(cue + 1, min(report.last, cue + 1 + SUBJECT_REACH))
                     if j in index and index[j][0].kind == "person"), None)
                if head is not None and head.id in report.roles:
                    _drop_parties(report, [eid])
                    break

    @staticmethod
    def relative_aside_end(toks, k: int, trigger_i: int) -> int:
        """X، الذي يرافق Y، خلال اجتماع …: where the relative clause set off by commas after a
        name ends (its closing comma, before the trigger), else 0."""
        if toks[k].bare not in RELATIVE_PRONOUNS or k < 1 or toks[k - 1].text not in "،,":
            return 0
        return next((j for j in range(k + 2, trigger_i) if toks[j].text in "،,"), 0)

    def names_signers_after(self, doc: Doc, report: Report, k: int) -> bool:
        """…، حيث وقعها عن الجانب المصري X: after حيث a signing names who signed it; and واصل
        الوفد مباحثاته، حيث التقى X: a verb of the same event right after حيث goes on naming its
        parties."""
        toks = doc.tokens
        if "signers_after_link" in self.disabled or toks[k].norm not in SIGNING_CLAUSE_LINKS:
            return False
        following = self.trigger_of(toks, k + 1) if k + 1 < len(toks) else None
        return report.type == "agreement" or following == (report.type, True)

    @staticmethod
    def add_fronted_subject(doc: Doc, report: Report, k: int) -> None:
        """وخلال لقائه مع X، أكد Y …: after a phrase that opens the sentence with the event's
        noun and its pronoun, the subject of the main verb is the one the pronoun stands for."""
        toks = doc.tokens
        opening = report.first == doc.sentences[report.sentence].first and report.trigger.i - report.first <= 2
        # وفي اتصال هاتفي، أكد X لنظيره Y: a call told without a pronoun names both ends after it
        both_ends = report.type == "call" and not report.trigger.suffix_len
        # لدى استقباله X، …: the phrase the data keeps as a verb is the noun with its pronoun
        if report.verb and not report.trigger.suffix_len or not opening or not (report.trigger.suffix_len or both_ends) \
                or not (k and toks[k - 1].text in "،,"):
            return
        subject, subject_end = None, None
        for j in range(k + 1, min(report.last, k + 2 * SUBJECT_REACH)):
            hit = doc.mention_index.get(j)
            if hit is None or hit[0].kind != "person" or hit[0].id in report.roles or hit[1].first != j:
                continue
            if subject is None:
                subject, subject_end = hit[0], hit[1].last
                report.roles[subject.id] = "host" if report.type == "meeting" else "party"
                report.order.insert(0, subject.id)
                if not both_ends:
                    return
                continue
            start = title_start(doc, j)
            # لنظيره X، مع X، or the object right after the subject (أطلع X الرئيس Y على …)
            if toks[start].clitic_len and toks[start].text[0] == "ل" or start and toks[start - 1].norm in WITH_PARTICLES \
                    or start == subject_end and not toks[start].clitic_len:
                report.roles[hit[0].id] = "party"
                report.order.append(hit[0].id)
            return

    @staticmethod
    def guest_named_after_reception(doc: Doc, report: Report) -> None:
        """كان X في استقبال Y لدى وصوله: when the reception's noun names its guest (no pronoun
        points back to him), the one named right after it arrived; everyone else received him."""
        at = next((k for k in range(report.first, report.last) if doc.tokens[k].stem in RECEPTION_NOUNS), None)
        if at is None:
            return
        people = [e for e in report.order if doc.entities[e].kind in ("person", "delegation")
                  and report.roles[e] != "attendee"]
        guest = next((e for e in people if any(at < m.first <= at + GUEST_AFTER_RECEPTION
                                                for m in doc.entities[e].mentions)), None)
        if guest is None:
            return
        for e in people:
            report.roles[e] = "visitor" if e == guest else "host"

    @staticmethod
    def front_object_is_guest(doc: Doc, report: Report) -> None:
        """واستقبل الوزيرين الضيفين الرئيس X: an object named by a dual role word may come
        before the subject; the first person named in full is then the host."""
        if not report.roles or report.trigger.bare not in RECEPTION_VERBS:
            return
        first = doc.entities[report.order[0]]
        mention = next((m for m in first.mentions if m.first > report.trigger.i), None)
        if mention is None or mention.kind != "role" or not doc.tokens[mention.first].stem.endswith("ين"):
            return
        host = next((e for e in report.order if report.roles[e] == "guest"
                     and any(m.kind == "name" and m.first > mention.first for m in doc.entities[e].mentions)), None)
        if host is None:
            return
        for eid in report.order:
            if report.roles[eid] == "host":
                report.roles[eid] = "guest"
        report.roles[host] = "host"
        report.order.remove(host)
        report.order.insert(0, host)

    def candidates(self, doc: Doc, report: Report, only_chosen: bool = False) -> list[Candidate]:
        """Every party named in the report's sentence or the one before, nearest mention first
        (``only_chosen``: those the rules chose, when the model can only drop)."""
        first = doc.sentences[max(0, report.sentence - 1)].first
        last = doc.sentences[report.sentence].last
        trig = report.trigger.i
        starts, mentions = _party_mentions(doc)
        # per entity, its mention nearest the trigger (of equal distances, its first listed)
        nearest: dict[int, tuple] = {}
        for _, order, rank, entity, m in mentions[bisect_left(starts, first):bisect_left(starts, last)]:
            if m.first <= trig < m.last or only_chosen and entity.id not in report.roles:
                continue
            option = (abs(m.first - trig), rank, order, m)
            if entity.id not in nearest or option < nearest[entity.id]:
                nearest[entity.id] = option
        out = []
        # by where that mention starts; of equal starts, in the order of the entities' list
        for eid, (_, _, _, mention) in sorted(nearest.items(), key=lambda item: (item[1][3].first, item[1][2])):
            entity = doc.entities[eid]
            chosen = eid in report.roles
            out.append(Candidate(entity, mention, chosen,
                                 candidate_features(doc, report, entity, mention, chosen, self.cues)))
        return out

    def decide_participants(self, doc: Doc, report: Report) -> None:
        found = self.candidates(doc, report, only_chosen=not self.collect and self.participant_model.threshold > 1)
        if self.collect:
            doc.candidates.append((report, found))
            return
        roles, order = {}, []
        for c in found:
            # countries, bodies and delegations (the gold names their people instead) are too
            # rare as parties for the model to learn: the rules keep that decision
            if c.entity.kind != "person":
                if not c.chosen_by_rules:
                    continue
            elif not self.participant_model.accepts(c.features, c.chosen_by_rules):
                continue
            eid = c.entity.id
            roles[eid] = report.roles.get(eid) or self.role_for(report, False, len(order))
            order.append(eid)
        honoured = self.honorific_subject(doc, report)
        if honoured or "unnamed_tellings" not in self.disabled:
            # the lead's subject, or one carried over a sentence that named no one, comes from
            # beyond the sentences the model reads and has no mention there to be judged by: he stays the rules'
            seen = {c.entity.id for c in found}
            window = range(doc.sentences[max(0, report.sentence - 1)].first, doc.sentences[report.sentence].last)
            for eid in report.order:
                if eid not in seen and (honoured or not any(m.first in window for m in doc.entities[eid].mentions)):
                    roles[eid] = report.roles[eid]
                    order.append(eid)
        # the rules' order (subject first) is kept for those they chose
        order.sort(key=lambda eid: (report.order.index(eid) if eid in report.order else len(report.order)))
        report.roles, report.order = roles, order

    def add_subject_countries(self, doc: Doc, report: Report, k: int | None = None) -> None:
        """وقعت مصر والسعودية اتفاقية، وقعت وزارة الصحة المصرية وشركة توتال الفرنسية: with no
        person named, the countries and bodies right after the verb (or from ``k``) are the parties."""
        index, toks = doc.mention_index, doc.tokens
        k = report.trigger.i + 1 if k is None else k
        start = k
        while k < report.last and k - start < 8:
            tok = toks[k]
            if k in index:
                entity, mention = index[k]
                if entity.kind not in ("country", "org"):
                    break
                if entity.id not in report.roles:
                    report.roles[entity.id] = "party"
                    report.order.append(entity.id)
                k = mention.last
                if k < report.last and toks[k].text in "،,":
                    k += 1
                continue
            if tok.has_article and self.lx.demonyms.get(tok.stem):
                k += 1  # وزارة الصحة المصرية
                continue
            if k + 1 in index and (tok.stem in ORG_HEADS or index[k + 1][0].kind == "country" and not tok.has_article) \
                    and (not tok.clitic_len or tok.segments[:1] == ("و",)) and tok.norm not in self.lx.function_words:
                k += 1  # (و)شركة توتال، وجمهورية موريتانيا: the head word before a body's or state's name
                continue
            if k - start < 2 and not report.roles and not tok.has_article and not tok.clitic_len and tok.is_arabic \
                    and any(j in index and index[j][0].kind == "country" for j in (k + 1, k + 2)) \
                    and "officials_of_countries" not in self.disabled:
                k += 1  # اجتمع وزراء خارجية الأردن ومصر: unnamed officials, their countries the parties
                continue
            break

    def aside_traveller(self, doc: Doc, report: Report) -> None:
        """X، الذي زار اليوم ضريح محمد الخامس: the trip of an aside is made by the person it
        is set after; whom the aside names after its verb is where he went."""
        if report.type != "visit" or not report.verb or report.first == 0 \
                or doc.tokens[report.first - 1].bare not in RELATIVE_PRONOUNS or "dated_asides" in self.disabled:
            return
        antecedent = self.inherited_subjects(doc, report)
        if antecedent:
            report.roles, report.order = {antecedent[0].id: "visitor"}, [antecedent[0].id]

    def meeting_with_the_visited(self, doc: Doc, report: Report) -> None:
        """زار سفير X الرئيس Y في مكتبه: a visit verb whose object is a person names a call on
        him, a meeting where he is host and the visitor his guest, not a trip of both."""
        if report.type != "visit" or not report.verb or report.trigger.suffix_len or len(report.order) < 2:
            return
        visitor, visited = (doc.entities[e] for e in report.order[:2])
        if visitor.kind != "person" or visited.kind != "person":
            return
        after = report.trigger.i
        visitor_end = next((m.last for m in visitor.mentions if m.first > after and m.last <= report.last), None)
        visited_at = next((m.first for m in visited.mentions if m.first > after and m.last <= report.last), None)
        if visitor_end is None or visited_at is None:
            return
        start = title_start(doc, visited_at)
        # the object follows the subject at once, with no و or particle between (يرافقه، مع); a
        # time set off by commas may stand between (زار X، اليوم، الرئيس Y)
        between = visitor_end
        while between < start and (between in doc.time_tokens or not doc.tokens[between].is_arabic
                                   or doc.tokens[between].suffix_len and doc.tokens[between].bare in KIN_NOUNS
                                   and "visited_kin" not in self.disabled):
            between += 1  # زار X أخاه الأمير Y: his brother is whom he called on
        if between != start or doc.tokens[start].clitic_len:
            return
        report.type = "meeting"
        report.roles = {e: "host" if e == visited.id else "guest" if r == "visitor" else r
                        for e, r in report.roles.items()}
        report.order.remove(visited.id)
        report.order.insert(0, visited.id)

    def traveller_named_with_lam(self, doc: Doc, report: Report) -> None:
        """في أول زيارة للشرع إلى موسكو، زيارة رسمية لرئيس الوزراء X: a trip's noun names its
        traveller with ل right after it (an adjective or two between); the others received him."""
        if report.type != "visit" or report.verb or "traveller_after_lam" in self.disabled:
            return
        toks, k = doc.tokens, report.trigger.i
        for j in range(k + 1, min(report.last, k + 1 + TRAVELLER_AFTER_NOUN)):
            tok = toks[j]
            if tok.clitic_len and tok.text[0] == "ل":
                hit = next((doc.mention_index.get(m) for m in range(j, min(report.last, j + SUBJECT_REACH))
                            if doc.mention_index.get(m) and doc.mention_index[m][0].kind == "person"), None)
                if hit is not None and title_start(doc, hit[1].first) == j and hit[0].id in report.roles:
                    traveller = hit[0].id
                    _drop_parties(report, [e for e in report.order if e != traveller and report.roles[e] == "visitor"])
                    report.roles[traveller] = "visitor"
                return
            if tok.clitic_len or not tok.is_arabic:
                return

    def keep_one_traveller(self, doc: Doc, report: Report) -> None:
        """عقد X جلسة مع Y على هامش زيارته إلى بودابست: a trip named by a noun with a singular
        pronoun was made by one traveller: the clause's first, not whom he met; after a verb of
        receiving (استقبل X Y خلال زيارته), the one received."""
        trig = report.trigger
        if report.type != "visit" or report.verb or "single_traveller" in self.disabled \
                or not (self.has_singular_pronoun(trig) or self.followed_by_singular_pronoun(doc, trig)):
            return
        travellers = [eid for eid in report.order if report.roles[eid] == "visitor"]
        people = [eid for eid in travellers if doc.entities[eid].kind == "person"]
        received = any(t.bare in RECEPTION_VERBS for t in doc.tokens[report.first:trig.i])
        # a person before a body
        kept = (people[-1] if received else people[0]) if people else travellers[0] if travellers else None
        _drop_parties(report, [eid for eid in travellers if eid != kept])

    @staticmethod
    def has_singular_pronoun(tok: Token) -> bool:
        """زيارته، زيارتها: a noun with the pronoun of one person."""
        return bool(tok.suffix_len) and written_form(tok.text[-tok.suffix_len:]) in SINGULAR_PRONOUN_SUFFIXES

    @staticmethod
    def followed_by_singular_pronoun(doc: Doc, tok: Token) -> bool:
        """في أول زيارة له: a noun whose owner is one person, told by ل and his pronoun after it."""
        k = tok.i + 1
        after = doc.tokens[k] if k < len(doc.tokens) else None
        return after is not None and after.clitic_len == 1 and after.text[0] == "ل" \
            and after.bare in SINGULAR_PRONOUN_SUFFIXES

    @staticmethod
    def other_side_signs(doc: Doc, report: Report, previous: Report) -> bool:
        """فيما وقع عن الجانب التونسي Y: a signing verb after فيما/بينما, naming its side, right
        after another signing of the same sentence tells the other side of that signing."""
        toks, k = doc.tokens, report.trigger.i
        return report.type == previous.type == "agreement" and report.verb and report.sentence == previous.sentence \
            and k > 0 and toks[k - 1].bare in CONTRAST_LINKS \
            and any(t.bare in SIDE_NOUNS for t in toks[k + 1:min(report.last, k + 1 + SIDES_REACH + 1)])

    def bodies_signed_for(self, doc: Doc, report: Report) -> list[int]:
        """The bodies a named signer of the clause signs for (عن الجامعة رئيسها X، عن الجانب
        الموريتاني وزير الاقتصاد Y): the words after عن name the body itself, a word of its name
        that is no head word (عن ألبا), its head word when one body has it (عن الجامعة), or its
        country by a demonym."""
        toks, index, found = doc.tokens, doc.mention_index, []
        bodies = [e for e in doc.entities if e.kind in ("org", "country")]
        for k in range(report.trigger.i + 1, report.last):
            if toks[k].bare not in ON_BEHALF_PARTICLES:
                continue
            j = k + 1
            while j < report.last and j - k <= SIGNED_FOR_REACH and not (j in index and index[j][0].kind == "person"):
                j += 1
            if j >= report.last or j - k > SIGNED_FOR_REACH:
                continue
            found += self.body_named_by(doc, toks[k + 1:j], range(k + 1, j), bodies)
        return list(dict.fromkeys(found))

    def body_named_by(self, doc: Doc, words: list[Token], span: range, bodies: list) -> list[int]:
        index = doc.mention_index
        named = [b.id for b in bodies if any(k in index and index[k][0] is b for k in span)]
        if named:
            return named
        countries = {self.lx.demonyms.get(t.stem) for t in words} - {None}
        keys = {t.stem for t in words if t.is_arabic} | {t.bare for t in words if t.is_arabic}
        heads = {w for w in keys if w in ORG_HEADS}
        distinctive = {w for w in keys - heads if w not in self.lx.function_words and not self.lx.demonyms.get(w)
                       and w not in SIDE_NOUNS}

        def name_words(body):
            words_ = set(text_key(body.name).split())
            return words_ | {_without_article(w) for w in words_}
        by_word = [b.id for b in bodies if distinctive & (name_words(b) - ORG_HEADS)]
        if by_word:
            return by_word
        by_state = [b.id for b in bodies if ({b.country} | {self.lx.country_names.get(w) for w in name_words(b)}) & countries]
        if by_state:
            return by_state
        by_head = [b.id for b in bodies if heads & {normalize(b.name.split()[0])}]
        return by_head if len(by_head) == 1 else []

    @staticmethod
    def take_previous_parties(doc: Doc, report: Report, previous: Report) -> None:
        for eid in reversed(previous.order):
            if eid not in report.roles:
                report.roles[eid] = previous.roles[eid]
                report.order.insert(0, eid)

    @staticmethod
    def names_two_people(doc: Doc, report: Report) -> bool:
        return sum(doc.entities[e].kind == "person" and r != "attendee" for e, r in report.roles.items()) >= 2

    @staticmethod
    def signs_the_told(doc: Doc, report: Report, previous: Report) -> bool:
        """ووقع المذكرة X وY، ووقعها عن الجانب …: a signing verb whose document is the one just
        told (its pronoun, or the document noun with the article) tells who signed it."""
        if not (report.type == previous.type == "agreement" and report.verb
                and report.sentence - previous.sentence in (0, 1)):
            return False
        toks, k = doc.tokens, report.trigger.i
        if any(t.bare in SEVERAL_DOCUMENTS or t.norm in SEVERAL_DOCUMENTS
               for t in toks[previous.trigger.i:min(previous.last, previous.trigger.i + SIDES_REACH + 2)]):
            return False  # توقيع ثلاث اتفاقيات: each signer signs one of them
        if toks[k].suffix_len:
            return True
        for t in toks[k + 1:min(report.last, k + 1 + SIDES_REACH)]:
            if t.has_article and (t.stem in DOCUMENT_NOUNS or t.bare[2:] in DOCUMENT_NOUNS):
                return True
            if t.is_arabic and not t.has_article:
                return False
        return False

    @staticmethod
    def tells_on(doc: Doc, report: Report, previous: Report) -> bool:
        """استقبل الرئيس المبعوث، وبحث معه …: a verb whose partner is a pronoun goes on telling
        the talks just reported; who the rest of its clause names is what was discussed."""
        k = report.trigger.i + 1
        tok = doc.tokens[k] if k < report.last else None
        return report.verb and previous.type == report.type and report.sentence - previous.sentence in (0, 1) \
            and tok is not None and tok.suffix_len > 0 and tok.bare in WITH_PARTICLES

    @staticmethod
    def signing_witnessed(doc: Doc, report: Report) -> bool:
        """شهد الوزير توقيع اتفاقية: a signing named by its noun after a verb of witnessing."""
        return report.type == "agreement" and not report.verb \
            and any(t.bare in WITNESS_VERBS for t in doc.tokens[report.party_first:report.trigger.i])

    def add_signing_bodies(self, doc: Doc, report: Report) -> None:
        """شهد الوزير توقيع اتفاقية بين الهيئة العامة للاستثمار وشركة سيمنس: when no person of
        theirs is named, the bodies between which the witnessed document is signed sign it."""
        index, toks = doc.mention_index, doc.tokens
        after = range(report.trigger.i + 1, report.last)
        if any(k in index and index[k][0].kind in ("person", "delegation") for k in after):
            return
        between = next((k for k in after[:SIGNING_BETWEEN_REACH] if toks[k].bare in BETWEEN_PARTICLES), None)
        if between is not None:
            self.add_subject_countries(doc, report, between + 1)

    def lacks_subject(self, doc: Doc, report: Report) -> bool:
        """True when the clause names its partner (مع X) but not who met X (واجتمع أمس مع X),
        or a meeting verb names one party only: the subject is the previous sentence's
        (وصل المبعوث … إلى …. والتقى رئيس الوزراء …)."""
        index, toks = doc.mention_index, doc.tokens
        trig = report.trigger.i
        mentioned = _mentioned_tokens(doc)   # (the words some mention covers: most words are not read)
        if any(index[k][0].kind in ("person", "delegation") for k in doc.positions_in(mentioned, report.party_first, trig)):
            return False
        if "honoured_subject" not in self.disabled and self.honorific_subject(doc, report):
            return True  # التقى دولته وفدا …، وكان جلالته قد التقى …: the pronoun is the subject, named before
        # whom the clause names after it moves on (…، حيث أشاد X) is not the subject it lacks
        last = next((k for k in range(trig + 1, report.last) if (toks[k].bare in PARTY_BOUNDARY or toks[k].norm in PARTY_BOUNDARY)
                     and not self.names_signers_after(doc, report, k)), report.last)
        if report.verb and trig > report.first and toks[trig - 1].bare in RELATIVE_PRONOUNS \
                and self.during_the_trip_told(toks, trig - 1, trig, report.first):
            return True  # زيارته التي التقى خلالها X وY: the traveller met them
        with_at = next((k for k in range(trig + 1, last) if toks[k].norm in WITH_PARTICLES or toks[k].bare in WITH_PARTICLES), None)
        if with_at is None:
            # استقبل الرئيس عون وفدا من مجلس الكنائس: a body a delegation comes from is the second party
            parties = {index[k][0].id for k in doc.positions_in(mentioned, trig + 1, last)
                       if index[k][0].kind in ("person", "delegation")
                       or index[k][0].kind == "org" and self.is_party(toks, index[k][1], report)
                       or index[k][1].kind == "official" and "officials_as_objects" not in self.disabled}
            if report.verb and report.type == "meeting" and len(parties) == 1 and "carried_subject" not in self.disabled:
                return True
            if report.verb and report.type == "meeting" and len(parties) >= 2 and self.told_on_with_objects(doc, report, last) \
                    and "objects_told_on" not in self.disabled:
                return True  # وصل X إلى دمشق، والتقى الرئيس Y ووزير الخارجية Z: X met both
            if report.type == "call" and len(parties) == 1 and "carried_subject" not in self.disabled:
                return True  # اتصال هاتفي أجراه سموه برئيس الاتحاد X: a call has two ends
            if report.type == "visit":
                return not parties  # يزور السلطنة: a place after the verb is where, not who
            return not doc.positions_in(mentioned, trig + 1, last)
        return not any(index[k][0].kind in ("person", "delegation") for k in doc.positions_in(mentioned, trig + 1, with_at))

    @staticmethod
    def told_on_with_objects(doc: Doc, report: Report, last: int) -> bool:
        """والتقى Y وZ after a comma: a verb told on with و names its objects, joined by و,
        when the sentence named a person before it (its subject goes on)."""
        toks, index, k = doc.tokens, doc.mention_index, report.trigger.i
        if not (toks[k].clitic_len and toks[k].text[0] == "و") or k == 0 or toks[k - 1].text not in "،,":
            return False
        sentence = doc.sentences[report.sentence]
        if not any(j in index and index[j][0].kind == "person" for j in range(sentence.first, k)):
            return False
        firsts = [j for j in range(k + 1, last) if j in index and index[j][1].first == j
                  and index[j][0].kind == "person"]
        return len(firsts) >= 2 and all(toks[title_start(doc, j)].text[0] == "و" for j in firsts[1:])

    def unnamed_subject_before(self, doc: Doc, report: Report) -> bool:
        """إن بلاسخارات وصلت: between أن and the verb stands its subject, a name no rule knew
        (a word without the article that is no one's mention): no one else is carried over."""
        k = report.trigger.i
        if not report.verb or k < 2:
            return False
        subject = doc.tokens[k - 1]
        return doc.tokens[k - 2].bare in SUBORDINATORS and subject.is_arabic and not subject.has_article \
            and not subject.clitic_len and k - 1 not in doc.mentions_at and subject.norm not in self.lx.function_words \
            and "unnamed_subjects" not in self.disabled

    @staticmethod
    def in_background_phrase(toks, k) -> bool:
        """قبل زيارة الوفد المصري، عقب زيارة قام بها مدير المخابرات X: a party of an earlier or
        later trip, not of this event (``k``: where the party's title begins)."""
        window = toks[max(0, k - BACKGROUND_TRIP_REACH):k]
        bare = {t.bare for t in window}
        if SEQUENCE_PREPOSITIONS.isdisjoint(bare):
            return False
        # بعد يوم من لقائها الرئيس X: an event noun with its pronoun a span of time away is another occasion
        return not TRIP_NOUNS.isdisjoint(bare) or not INTERVAL_NOUNS.isdisjoint(bare) \
            and any(t.suffix_len and t.classes & EVENT_TRIGGER for t in window)

    def is_party(self, toks, mention, report) -> bool:
        """A country or organisation takes part when it is the partner (مع قطر، مع شركة "توتال")
        or the signer; an official of it no name follows (سفير اليابان) speaks for it."""
        if mention.kind == "official":
            return True
        k = mention.first - 1
        while k > 0 and (toks[k].text in QUOTES_OPEN or toks[k].stem in ORG_HEADS and not toks[k].clitic_len):
            k -= 1  # the body's head word (شركة، منظمة) and the quotes around its name
        prev = toks[k] if k >= 0 else None
        if prev is not None and (prev.norm in WITH_PARTICLES or prev.bare in WITH_PARTICLES):
            return True
        if prev is not None and "bodies_of_delegations" not in self.disabled:
            # استقبل X وفدا من شركة سيمنز، التقى وفد صندوق النقد الدولي: the body a delegation is from
            # وفدا عن شركة هواوي: a delegation on behalf of a body is from it
            head = toks[k - 1] if (prev.norm in FROM_PARTICLES or prev.bare in ON_BEHALF_PARTICLES) and k >= 1 else prev
            if head.stem in self.lx.delegation_nouns or head.bare in self.lx.delegation_nouns:
                return True
            if head.bare in MEMBER_NOUNS and "bodies_of_members" not in self.disabled:
                return True  # اجتمع X مع أعضاء من مجلس النواب: members met for their body
        tok = toks[mention.first]
        return tok.clitic_len > 0 and tok.text.startswith(tuple(WITH_PARTICLES))

    def absent_principal(self, doc: Doc, k: int) -> bool:
        if "absent_principals" in self.disabled:
            return False
        start = title_start(doc, k)
        if names_absent_principal(doc.tokens, start, self.lx.honorifics):
            return True
        # تنفيذا لتوجيهات الملك X وولي العهد Y، التوجيهات السامية للرئيس X وأخيه الرئيس Y: who is
        # named with the sender (after و, or a word with و) gave the instruction too
        before = _coordinated_before(doc, start)
        return before is not None and before != k and self.absent_principal(doc, before)

    @staticmethod
    def inherited_role(report: Report) -> str:
        """The role of a party carried over from before the clause: the subject, unless the
        verb's pronoun points back to it (استقبله الرئيس: he was received)."""
        if report.type == "visit":
            return "visitor"
        if report.type != "meeting":
            return "party"
        if report.verb and report.trigger.suffix_len:
            return "guest" if report.trigger.bare in RECEPTION_VERBS else "party"
        return "host"

    @staticmethod
    def role_for(report: Report, after_reception: bool, position: int) -> str:
        if report.type == "visit":
            return "host" if after_reception else "visitor"
        if report.type == "meeting" and report.trigger.bare in RECEPTION_VERBS:
            return "host" if position == 0 else "guest"
        return "party"

    def inherited_subjects(self, doc: Doc, report: Report, previous: Report | None = None) -> list:
        """The last person named before the clause (same sentence, else the previous one); the
        last two when the verb is dual (وصلت X يرافقها Y، والتقيا الرئيس: both met him)."""
        subject = self.subject_of_previous_clause(doc, report, previous)
        if subject is not None:
            return [subject]
        if self.honorific_subject(doc, report) and "honoured_subject" not in self.disabled:
            # his Highness is the one the article is about, its lead's subject
            lead = [e for e in doc.entities if e.kind == "person" and not e.speaker_only and e.mentions]
            if lead:
                return [min(lead, key=lambda e: e.mentions[0].first)]
        index = doc.mention_index
        wanted = 2 if "dual_subjects" not in self.disabled and self.is_dual_verb(report) else 1
        start_limit = doc.sentences[max(0, report.sentence - 1)].first
        found = []
        for k in range(report.trigger.i - 1, start_limit - 1, -1):
            if k in index:
                entity, mention = index[k]
                if entity.kind == "person" and not entity.speaker_only and entity not in found \
                        and not self.absent_principal(doc, mention.first):
                    found.append(entity)
                    if len(found) == wanted:
                        break
        if not found and self.honorific_subject(doc, report):
            # his Excellency is the one the article is about, its lead's subject
            lead = [e for e in doc.entities if e.kind == "person" and not e.speaker_only and e.mentions]
            found = [min(lead, key=lambda e: e.mentions[0].first)] if lead else []
        return found

    def honorific_subject(self, doc: Doc, report: Report) -> bool:
        """كما اجتمع سعادته مع …، في اتصال هاتفي أجراه سموه بـ …: an honorific pronoun right
        after the verb, or after the call's noun and the verb that made it, is its subject."""
        k = report.trigger.i + 1
        if report.verb and any(self.honorific_pronoun(t) for t in doc.tokens[max(report.first, k - 1 - HONORIFIC_SUBJECT_REACH):k - 1]):
            return True  # وكان جلالته قد التقى: the honorific fronted before the verb
        for j in range(k, min(report.last, k + HONORIFIC_SUBJECT_REACH)):
            if self.honorific_pronoun(doc.tokens[j]):
                return True
            if report.verb:
                return False
            if j in doc.mention_index:
                break  # تلقى سمو ولي العهد اتصالا من الرئيس X: the caller; who took it is told before
        if not report.verb and "honoured_receiver" not in self.disabled:
            # كما تلقى سموه اتصالا، كما تلقى سمو ولي العهد اتصالا: the honorific or the title alone
            # between the verb and the call's noun made or took it
            toks, k = doc.tokens, report.trigger.i
            verb = next((v for v in range(k - 1, max(report.first, k - 1 - HONORIFIC_SUBJECT_REACH) - 1, -1)
                         if toks[v].bare in CALL_VERBS), None)
            between = range(verb + 1, k) if verb is not None else range(0)
            return bool(between) and not any(v in doc.mention_index for v in between) \
                and any(self.honorific_pronoun(toks[v]) or toks[v].bare in self.lx.honorifics
                        or toks[v].stem in self.lx.title_heads for v in between)
        return False

    def subject_of_previous_clause(self, doc: Doc, report: Report, previous: Report | None):
        """استقبل X الوزير Y، ثم استقبل Z: a verb told on after another of the same sentence
        or the one before keeps that verb's subject, not the last person named (its object)."""
        if previous is None or "previous_subject" in self.disabled \
                or not self.told_by_a_verb(doc, report) or not self.told_by_a_verb(doc, previous) \
                or self.is_dual_verb(report) or not previous.order or previous.trigger.i >= report.trigger.i \
                or not self.next_clause_of(doc, previous, report) or previous.type == "agreement":
            return None
        first = previous.order[0]
        entity = doc.entities[first]
        if entity.kind != "person" or previous.roles[first] not in ("host", "party", "visitor"):
            return None
        return entity

    def next_clause_of(self, doc: Doc, previous: Report, report: Report) -> bool:
        """The same sentence or the next, or the one after a sentence that tells on the first
        and names no one (التقى X Y. وتناول اللقاء …. كما التقى Z)."""
        gap = report.sentence - previous.sentence
        if gap in (0, 1):
            return True
        if gap != 2 or "unnamed_tellings" in self.disabled:
            return False
        between = doc.sentences[previous.sentence + 1]
        return not any(k in doc.mention_index for k in range(between.first, between.last))

    def tells_on_unnamed(self, doc: Doc, report: Report) -> bool:
        """وتناول اللقاء سير العمل: a noun that tells on what came before and names no one is
        not the clause whose subject the next verb keeps (كما التقى Y: the first host met Y)."""
        return not self.told_by_a_verb(doc, report) and "unnamed_tellings" not in self.disabled \
            and not any(k in doc.mention_index for k in range(report.first, report.last))

    def told_by_a_verb(self, doc: Doc, report: Report) -> bool:
        return report.verb or "previous_calls" not in self.disabled and self.made_by_a_verb(doc, report)

    @staticmethod
    def made_by_a_verb(doc: Doc, report: Report) -> bool:
        """أجرى X اتصالا هاتفيا بـ Y، تلقى X اتصالا من Y: a call's noun whose verb names its
        subject first, as a verb's report does (``previous_calls`` switches it off)."""
        toks = doc.tokens
        return report.type == "call" and any(toks[v].bare in CALL_VERBS for v in range(report.first, report.trigger.i))

    def is_dual_verb(self, report: Report) -> bool:
        tok = report.trigger
        if not report.verb or tok.suffix_len:
            return False
        # وقعا، التقيا; present يوقعان، يبحثان
        stem = tok.bare[:-1] if tok.bare.endswith("ا") else tok.bare[:-2] if tok.bare.endswith("ان") else None
        return stem is not None and (stem in self.verb_types or stem in self.with_types)

    def find_time(self, doc: Doc, report: Report):
        clause_start = doc.tokens[report.first].start
        clause_end = doc.tokens[report.last - 1].end
        in_clause = [t for t in doc.times if clause_start <= t.start < clause_end and t.date is not None]
        if not in_clause:
            sent = doc.sentences[report.sentence]
            in_clause = [t for t in doc.times if sent.start <= t.start < sent.end and t.date is not None]
        if not in_clause:
            return None
        trig = report.trigger.start
        return min(in_clause, key=lambda t: abs(t.start - trig))

    def assign_delegation_members(self, doc: Doc) -> None:
        """"ضم الوفد المصري … أيمن بديع … محمد أبوبكر": the delegation's members are its people."""
        index, toks = doc.mention_index, doc.tokens
        # the first cue of each sentence with one (most have none)
        cues: dict[int, int] = {}
        for k in doc.with_class(MEMBERSHIP):
            cues.setdefault(toks[k].sentence, k)
        for s_index, cue in cues.items():
            sentence = doc.sentences[s_index]
            delegation = next((index[k][0] for k in range(sentence.first, sentence.last)
                               if k in index and index[k][0].kind == "delegation"), None)
            if delegation is None:
                continue
            for k in range(cue, sentence.last):
                if k in index and index[k][0].kind == "person" and index[k][1].first == k:
                    person = index[k][0]
                    if person not in delegation.members:
                        delegation.members.append(person)

    def keep(self, event: EventDraft) -> bool:
        people = [e for e in event.order if event.entities[e].kind != "city"]
        if event.type == "visit":
            return len(people) >= 1
        return len(people) >= 2


def _drop_parties(holder, eids) -> None:
    """Take ``eids`` out of a report's or an event's parties (its roles and their order)."""
    for eid in list(eids):
        del holder.roles[eid]
        holder.order.remove(eid)


def _nearest_before(toks: list[Token], k: int, reach: int, wanted, stops: str = "،,.:؛") -> int | None:
    """The nearest of the ``reach`` words before ``k`` that ``wanted`` accepts, with none of
    ``stops`` (marks as written) between."""
    for j in range(k - 1, max(-1, k - reach - 1), -1):
        if toks[j].text in stops:
            return None
        if wanted(toks[j]):
            return j
    return None


def title_start(doc: Doc, k: int) -> int:
    """Where the title and honorifics before the name at ``k`` begin (k itself if none)."""
    while k > 0 and k - 1 in doc.title_tokens:
        k -= 1
    return k


def _coordinated_before(doc: Doc, start: int) -> int | None:
    """Where the person named right before the و that starts tokens[start:] (its title
    included, or one word such as وأخيه) begins, if one is."""
    toks = doc.tokens
    if start == 0:
        return None
    prev = start - 1
    if toks[start].segments[:1] != ("و",):
        if toks[prev].segments[:1] != ("و",) or prev in doc.mentions_at or prev == 0:
            return None
        prev -= 1
    named = [m for e, m in doc.mentions_at.get(prev, ()) if e.kind == "person"]
    return named[0].first if named else None


def names_absent_principal(toks, k, honorifics=frozenset()) -> bool:
    """نقل إليه رسالة من الرئيس X، تنفيذا لتوجيهات الملك X: the one who sent a message or
    gave the instruction is named, not present. A destination (رسالة من A إلى B) ends the
    look back, so the addressee keeps his part."""
    j = k - 1
    while j > 0 and toks[j].bare in honorifics:
        j -= 1
    if j >= 0 and toks[j].bare in DELEGATING_VERBS:
        return True  # أناب جلالة السلطان X وليَّ العهد لاستقبال …: who sent another in his place
    for j in range(k - 1, max(-1, k - 1 - PRINCIPAL_REACH), -1):
        tok = toks[j]
        if tok.text in "،,.:" or tok.bare in DESTINATION_PARTICLES:
            return False
        if tok.stem in ABSENT_PRINCIPAL_CUES or tok.bare in ABSENT_PRINCIPAL_CUES:
            # تسلم الرسالة الشيخ X: after the message told before, who took it, not who sent it
            return not tok.has_article or any(t.norm in FROM_PARTICLES or t.clitic_len and t.text[0] == "ل"
                                              for t in toks[j + 1:k + 1])  # التوجيهات السامية لرئيس …
        if (tok.stem in APPOSED_KIN or tok.bare in APPOSED_KIN) and j > 0 and toks[j - 1].text in "،,":
            return True  # تيمور جنبلاط، نجل الزعيم وليد جنبلاط: the relative named after the kin
        if (tok.stem in STAND_IN_CUES or tok.bare in STAND_IN_CUES) \
                and (j + 2 == k or j + 3 == k and toks[j + 2].bare in honorifics):
            return True  # نيابة عن رئيس الحكومة X، مندوبا عن جلالة الملك: the one stood in for, right after عن
    return False


def _mentioned_tokens(doc: Doc) -> list[int]:
    """The positions of the tokens some mention covers, in order (once per document)."""
    return doc.derive("mentioned tokens", lambda: sorted(doc.mention_index))


def _party_zone(doc: Doc) -> list[int]:
    """The positions a clause's parties are read at (``fill_participants``): mentions, the
    words of class PARTY_ZONE and commas, in order (once per document)."""
    return doc.derive("party zone", lambda: sorted({*doc.mentions_at, *doc.with_class(PARTY_ZONE),
                                                    *doc.with_class(COMMA)}))


def _party_mentions(doc: Doc) -> tuple[list[int], list[tuple]]:
    """The mentions of the entities that can be parties, by where they start (worked out
    once per document): their starts, and (start, entity's place in the list, mention's place
    in its entity's list, entity, mention)."""
    found = doc.derived.get("party_mentions")
    if found is None:
        mentions = sorted((m.first, order, rank, entity, m) for order, entity in enumerate(doc.entities)
                          if entity.kind in PARTY_KINDS for rank, m in enumerate(entity.mentions))
        found = doc.derived["party_mentions"] = ([m[0] for m in mentions], mentions)
    return found


# ---- location -------------------------------------------------------------------
def _body_name_tokens(doc: Doc) -> frozenset:
    """جامعة الخرطوم، بنك قطر: the place in a body's name is not where anything happened."""
    return doc.derive("body_name_tokens", lambda: frozenset(
        k for e in doc.entities if e.kind == "org" for m in e.mentions for k in range(m.first, m.last)))


def find_location(doc: Doc, lx, first: int, last: int, sentence: int, topics: set[int] = frozenset(),
                  anywhere: bool = False, titled: bool = False) -> dict | None:
    """Where tokens[first:last] say it happened: a venue (فندق كورنثيا، مقر الوزارة) and its city,
    else a city, else a country after في/إلى/ب/ل. A place in a title (محافظ الإسكندرية، المبعوث
    إلى اليمن) says where its holder serves, not where he met anyone: it is taken only when
    ``titled`` (and for a venue's city, before the venue)."""
    toks = doc.tokens
    venue = None
    # the tokens that may head a venue (قصر، مقر): the ranges read (a clause, then its sentence) visit those only
    for k in doc.positions_in(doc.with_class(VENUE_HEAD), first, last):
        tok = toks[k]
        at = tok.clitic_len and tok.text[0] == "ب" or k > 0 and toks[k - 1].norm in VENUE_PARTICLES
        named = doc.mention_index.get(k + 1)
        if at and not (named and named[0].kind == "person") and tok.norm not in MEMBERSHIP_CUES:  # برئاسة مسعد: led by
            # قصر بسترس السفيرة الأمريكية ليزا جونسون: a person's title ends the venue
            end = _venue_end(toks, lx, k, last, doc.time_tokens | doc.title_tokens)
            if end > k + 1 or tok.has_article and tok.bare in lx.venue_heads:  # في الكرملين: a venue by its own name
                venue = (k, end)
                break
    city = _place_in(doc, lx, venue[0] if venue else first, venue[1] if venue else last, anywhere=anywhere, skip=topics,
                     titled=titled)
    if venue is not None and city is None:
        # مقر المجلس الرئاسي بالعاصمة: the city is named elsewhere in the sentence
        s = doc.sentences[sentence]
        city = _place_in(doc, lx, s.first, s.last, cities_only=True, titles_before=venue[0])
    if venue is None and city is None:
        return None
    result = {"name": None, "venue": None, "country": None, "country_name": None}
    if venue:
        # the venue keeps its last word whole (مقر إقامته، مكتب سموه): its suffix is part of the name
        v = doc.span(toks[venue[0]].core_start, toks[venue[1] - 1].end)
        result.update(venue=v.text, text=v.text, start=v.start, end=v.end)
    if city:
        c_tok, iso, kind = city
        named = doc.mention_index.get(c_tok)
        c_end = named[1].last if named is not None and named[1].first == c_tok else c_tok + 1
        result["name"] = doc.written_name(c_tok, c_end)
        result["country"] = iso
        result["country_name"] = lx.countries[iso].name if iso in lx.countries else None
        result["kind"] = kind
        if not venue:
            span = doc.token_span(c_tok, c_end)
            result.update(text=span.text, start=span.start, end=span.end)
    return result


def share_trip_place(reports: list[Report]) -> None:
    """زار روبيو إسرائيل حيث التقى نتنياهو: what the trip's sentence did happened where it went."""
    trips = {r.sentence: r.location for r in reports if r.type == "visit" and r.verb and r.location}
    for r in reports:
        if r.location is None and r.type != "call" and r.sentence in trips:
            r.location = trips[r.sentence]


def place_at_destination(reports: list[Report]) -> None:
    """وصل X إلى أبوظبي في زيارة دولة. وعقد X محادثات مع …: what a traveller did, with no place
    of its own, he did where his trip took him (his latest trip told before it, else his first
    told after it: the talks are often told before the arrival)."""
    trips = [(i, r, {eid for eid in r.order if r.roles[eid] == "visitor"}) for i, r in enumerate(reports)
             if r.type == "visit" and r.location and r.location.get("name")]
    if not trips:
        return
    for i, r in enumerate(reports):
        if r.type == "call" or r.location is not None:
            continue
        parties = set(r.order)
        his = [(j, trip) for j, trip, travellers in trips if j != i and travellers & parties]
        before = [trip for j, trip in his if j < i]
        trip = before[-1] if before else next((trip for j, trip in his if j > i), None)
        if trip is not None:
            r.location = dict(trip.location)


def related_link_sentences(doc: Doc) -> set[int]:
    """اقرأ أيضا: السيسي يستقبل …: the headlines a web page lists after such a cue link to
    other articles, and what they report did not happen in this one."""
    toks, sentences, found = doc.tokens, doc.sentences, set()
    i = 0
    while i < len(sentences):
        s = sentences[i]
        if not RELATED_LINK_CUES.begins(toks[s.first].norm) or RELATED_LINK_CUES.longest_at(
                [t.norm for t in toks[s.first:min(s.last, s.first + 4)]], 0)[0] == 0:
            i += 1
            continue
        found.add(i)
        i += 1
        for _ in range(MAX_RELATED_HEADLINES):
            if i >= len(sentences) or not headline_line(doc, sentences[i]):
                break
            found.add(i)
            i += 1
    return found


def place_of_a_partys_latest_report(reports: list[Report]) -> None:
    """فقد التقت X في نيويورك Y …. والتقت X مع Z: a meeting told soon after another with one
    of its parties, with no place of its own, took place where that one did."""
    for i, r in enumerate(reports):
        if r.location is not None or r.type == "call" or not r.order:
            continue
        parties = set(r.order)
        for before in reversed(reports[:i]):
            if r.sentence - before.sentence > PARTYS_PLACE_SENTENCES:
                break
            if _dated_apart(r, before):
                continue
            if before.location and before.location.get("name") and before.type != "call" and parties & set(before.order):
                r.location = dict(before.location)
                break


def drop_the_met_from_trips(doc: Doc, reports: list[Report]) -> None:
    """زار X بيروت في زيارة استهلها بلقاء الرئيس Y: whom a trip's traveller met, named after
    the meeting's word of the same sentence, did not travel."""
    for trip in (r for r in reports if r.type == "visit" and r.verb and len(r.order) > 1):
        for talk in (r for r in reports if r.type == "meeting" and r.sentence == trip.sentence
                     and r.trigger.i > trip.trigger.i):
            for eid in trip.order[1:]:
                if any(talk.trigger.i < m.first < talk.last for m in doc.entities[eid].mentions) \
                        and not any(trip.first <= m.first < trip.trigger.i for m in doc.entities[eid].mentions):
                    _drop_parties(trip, [eid])


def named_as_earlier(doc: Doc, report: Report, signed_before: bool = True) -> bool:
    """اتفاقيات سابقة وقعت مع …، زيارته السابقة: an earlier one next to the trigger; a
    document named as signed with no day of it (مذكرة التفاهم البحرية الموقعة بين البلدين عام 2019)."""
    toks, k = doc.tokens, report.trigger.i
    if any(t.bare in EARLIER_ADJECTIVES for t in toks[max(report.first, k - 2):min(report.last, k + 3)]):
        return True
    if not signed_before or report.type != "agreement" or report.verb:
        return False
    signed = next((j for j in range(k + 1, min(report.last, k + SIGNED_PARTICIPLE_REACH)) if toks[j].bare in SIGNED_PARTICIPLES), None)
    start, end = toks[report.first].start, toks[report.last - 1].end
    return signed is not None and not any(t.precision == "day" and start <= t.start < end for t in doc.times)


SIGNED_PARTICIPLE_REACH = 5   # words from a document's noun to the participle that says it was signed before


def _dated_apart(report: Report, other: Report) -> bool:
    """Both reports are dated, by different days (وكان X قد استقبل … أمس after a report of
    today): they tell of two occasions."""
    return report.time is not None and other.time is not None and report.time.date is not None \
        and other.time.date is not None and report.time.date != other.time.date


def told_of_a_past_period(doc: Doc, report: Report) -> bool:
    """The clause dates its interaction by a month or a year gone by (في يناير الماضي، العام
    المنصرم), not by a day."""
    toks = doc.tokens
    # التقى X الوزير Y، الذي زار القاهرة الشهر الماضي: a relative aside dates its own verb
    aside = next((j for j in range(report.trigger.i + 1, report.last) if toks[j].bare in RELATIVE_PRONOUNS), report.last)
    start, end = toks[report.first].start, toks[aside - 1].end
    in_clause = [t for t in doc.times if start <= t.start < end]
    if not in_clause or any(t.date is not None for t in in_clause):
        return False
    return any(t.precision in ("month", "year") and any(w in PAST_PERIOD_MARKERS for w in text_key(t.text).split())
               for t in in_clause)


def dateline_place(doc: Doc, lx) -> dict | None:
    """The place of a dispatch's dateline ("دمشق - سانا:"، "الرباط (رويترز)"), or None."""
    toks = doc.tokens
    for k in range(min(DATELINE_REACH, len(toks))):
        # a dateline opens the text or a line (the headline often comes first)
        gap = doc.text[toks[k - 1].end:toks[k].start] if k else "\n"
        if "\n" not in gap and "  " not in gap:
            continue
        place = _place_in(doc, lx, k, k + 1, anywhere=True)
        if place is not None and any(t.text in "-–—:(|" for t in toks[k + 1:k + 3]):
            c_tok, iso, _ = place
            span = doc.token_span(c_tok, c_tok + 1)
            return {"name": doc.written_name(c_tok, c_tok + 1), "venue": None, "country": iso,
                    "country_name": lx.countries[iso].name if iso in lx.countries else None,
                    "text": span.text, "start": span.start, "end": span.end}
    return None


def add_dateline_place(doc: Doc, lx, events: list) -> None:
    """An event whose text names no place happened, most often, where the dispatch was filed;
    one at a landmark of another city (البيت الأبيض، الكرملين) happened in that city."""
    place = None
    for event in events:
        if event.type == "call" or event.location is not None and event.location.get("name"):
            continue
        landmark = normalize(event.location.get("venue") or "") if event.location else ""
        if landmark in lx.landmark_cities:
            # البيت الأبيض under a dateline of عمّان: a landmark stands in its own city
            event.location = {**event.location, "name": lx.landmark_cities[landmark]}
            continue
        place = place or dateline_place(doc, lx)
        if place is None:
            return
        if event.location is None:
            event.location = dict(place)
        else:  # a venue without its city: the dateline's city
            event.location = {**event.location, "name": place["name"], "country": place["country"],
                              "country_name": place["country_name"]}


def add_city_of_country(doc: Doc, lx, events: list) -> None:
    """An event placed in a country (في العراق) names the city of that country the article
    names nearest its reports (بغداد), the country kept beside it; a venue without its city
    (قصر الضيافة) takes the city named in or next to its reports."""
    # الأوضاع في قطاع غزة: what any event discussed, not where one happened
    topics = covered_tokens(doc, [a for event in events for a in event.agenda])
    for event in events:
        place = event.location
        if not place or place.get("name") and place.get("kind") != "country":
            continue
        sentences = {r.sentence for r in event.reports}
        if place.get("venue"):
            city = _nearest_city(doc, None, sentences, reach=1, skip=topics)
        else:
            city = _nearest_city(doc, place["country"], sentences, reach=len(doc.sentences), skip=topics)
        if city is not None:
            entity, mention = city
            country = place.get("country") or entity.country
            event.location = {**place, "name": doc.written_name(mention.first, mention.last), "kind": "city", "country": country,
                              "country_name": lx.countries[country].name if country in lx.countries else None}


def _nearest_city(doc: Doc, iso: str | None, sentences: set[int], reach: int, skip: set[int] = frozenset()):
    """The first mention of a city (of ``iso`` if given) in ``sentences``, else in the sentences
    next to them, else up to ``reach`` sentences away, outside titles and ``skip``; None when there is none."""
    mentions = sorted(((e, m, doc.tokens[m.first].sentence) for e in doc.entities
                       if e.kind == "city" and (iso is None or e.country == iso) for m in e.mentions
                       if m.first not in doc.title_tokens and m.first not in skip),
                      key=lambda ems: ems[1].first)
    for near in sorted({0, 1, reach}):
        for entity, mention, s_index in mentions:
            if any(abs(s_index - s) <= near for s in sentences):
                return entity, mention
    return None


def _follow_up_sentences(doc: Doc, after: int, report_sentences: set[int]):
    """The sentences right after sentence ``after`` that report no interaction of their own
    (the headlines of links to other articles between them are passed over)."""
    linked = doc.derived.get(RELATED_LINKS, ())
    s_index, told = after + 1, 0
    while s_index < len(doc.sentences) and told < FOLLOW_UP_SENTENCES:
        if s_index in report_sentences:
            return
        if s_index not in linked:
            yield doc.sentences[s_index]
            told += 1
        s_index += 1


def says_attended(tok: Token, lx) -> bool:
    """بحضور، حضره: named people after it attended. حضرة صاحب السمو is an honorific that
    normalises like حضره: its written ة tells them apart."""
    if tok.bare not in ATTENDANCE_CUES and tok.norm not in ATTENDANCE_CUES:
        return False
    return not (written_form(tok.text).endswith("ة") and tok.norm in lx.honorifics)


def _attended_all(doc: Doc, event, disabled=frozenset()) -> list:
    """حضر اللقاءين X: a sentence after the event, within a few, that says its people attended
    the interactions told before (a dual or plural event noun) speaks of this one too."""
    if event.type == "visit" or "attended_all" in disabled:
        return []
    last = max(r.sentence for r in event.reports)
    nouns = doc.with_class(SEVERAL_EVENTS)   # (its words as written or bare)
    return [s for s in doc.sentences[last + 1:last + 1 + ATTENDED_ALL_SENTENCES]
            if doc.positions_in(nouns, s.first, s.last)]


def add_follow_up_attendees(doc: Doc, lx, events: list, report_sentences: set[int], disabled=frozenset()) -> None:
    """حضر اللقاء …، وبحضور …: the people of a sentence after a report that says who attended,
    without reporting an interaction of its own, attended that event."""
    index = doc.mention_index
    talks_told_last = {max(r.sentence for r in e.reports) for e in events if e.type != "visit"}
    for event in events:
        last = max(r.sentence for r in event.reports)
        if event.type == "visit" and last in talks_told_last:
            continue  # استقبل X Y الذي يقوم بزيارة … وجرى الاستقبال بحضور …: they attended the talks, not the trip
        for sentence in [*_follow_up_sentences(doc, last, report_sentences), *_attended_all(doc, event, disabled)]:
            # (an attendance cue, as written or bare, is a participant cue)
            cues = doc.positions_in(doc.with_class(PARTY_CUE), sentence.first, sentence.last)
            if not any(says_attended(doc.tokens[k], lx) for k in cues):
                continue
            for k in range(sentence.first, sentence.last):
                hit = index.get(k)
                if hit and hit[1].first == k and hit[0].kind == "person" and not hit[0].speaker_only \
                        and hit[0].id not in event.roles:
                    event.roles[hit[0].id] = "attendee"
                    event.order.append(hit[0].id)


def add_follow_up_agenda(doc: Doc, agenda_in, events: list, report_sentences: set[int], tag_agenda=None,
                         cues=frozenset()) -> None:
    """The sentences right after a report that refer to its parties (الجانبان بحثا…، مستعرضا…)
    or to the talks, or that name what was discussed (an agenda cue: وتناول الحديث…، وتم
    التطرق إلى…), without reporting a new interaction, often say what was discussed.
    (``tag_agenda`` tags those sentences' agenda at once first.)"""
    referring = []
    referring_words = SIDES | EVENT_REFERENCES | cues   # (as a word's bare form; cues also as written)
    mentioned = _mentioned_tokens(doc)
    for event in events:
        parties = set(event.order)
        for report in event.reports:
            for sentence in _follow_up_sentences(doc, report.sentence, report_sentences):
                toks = doc.tokens[sentence.first:sentence.last]
                refers = not referring_words.isdisjoint(map(_BARE, toks)) or not cues.isdisjoint(map(_NORM, toks)) or any(
                    doc.mention_index[k][0].id in parties for k in doc.positions_in(mentioned, sentence.first, sentence.last))
                if refers:
                    referring.append((event, sentence))
    if tag_agenda is not None:
        tag_agenda(doc, {doc.tokens[sentence.first].sentence for _, sentence in referring})
    for event, sentence in referring:
        event.agenda = _dedupe(event.agenda + agenda_in(doc, sentence.first, sentence.last))


def add_sentence_agenda(doc: Doc, agenda_in, events: list) -> None:
    """An event whose own clauses name no topic takes those of the other clauses of its
    sentences (استعرض … مع ضيفه، الذي يزور البلاد حاليا، العلاقات …: the topic sits in the
    relative clause that a visit verb starts)."""
    for event in events:
        if event.agenda:
            continue
        for s_index in sorted({r.sentence for r in event.reports}):
            sentence = doc.sentences[s_index]
            event.agenda = _dedupe(event.agenda + agenda_in(doc, sentence.first, sentence.last))


def add_earlier_agenda(doc: Doc, agenda_in, events: list) -> None:
    """"جاء ذلك خلال لقائه …": a report that opens by referring back says the sentence before it
    was said at that event, and that sentence's topics are the event's."""
    for event in events:
        for s_index in sorted({r.sentence for r in event.reports}):
            if s_index == 0:
                continue
            sentence = doc.sentences[s_index]
            toks = doc.tokens[sentence.first:min(sentence.last, sentence.first + EARLIER_REFERENCES.longest)]
            if EARLIER_REFERENCES.longest_at([t.norm for t in toks], 0)[0]:
                before = doc.sentences[s_index - 1]
                event.agenda = _dedupe(event.agenda + agenda_in(doc, before.first, before.last))


def drop_bodies_of_the_named(event: EventDraft, common_bodies=()) -> None:
    """A body takes part only when none of its people is named: وزارة الخزانة beside وزير
    الخزانة X, who signed for it (a word of the body's name in one of the sides' titles); a
    body named by common words (``common_bodies``) only when no two people are sides."""
    entities = event.entities
    people = [entities[e] for e in event.order if entities[e].kind == "person" and event.roles[e] != "attendee"]
    if len(people) < 2:
        return
    held = {w for p in people for w in text_key(" ".join(filter(None, (p.title, p.organization)))).split()
            if w.startswith("ال")}
    _drop_parties(event, [e for e in event.order if entities[e].kind == "org"
                          and (e in common_bodies or held & set(text_key(entities[e].name).split()))])


def add_shared_agenda(events: list, reach: int = SHARED_AGENDA_SENTENCES, calls_apart: bool = True,
                      apart: set = frozenset()) -> None:
    """An event that still has no topic takes those of another event of the same parties told
    in the same or the next sentences (وصل … إلى باريس للتباحث في …، واستقبله الرئيس …): one
    visit, talks and signing are one occasion, discussed once. An event told ``apart`` (كما
    التقى Z) is another occasion than one of its type with another guest."""
    found = [(event, list(event.agenda), set(event.order), {r.sentence for r in event.reports})
             for event in events]   # what each event found itself: a borrowed topic is not lent on
    for event, own, parties, sentences in found:
        if own:
            continue
        for other, other_own, other_parties, other_sentences in found:
            # a call is an occasion of its own: its topics are not a meeting's, nor theirs its
            if (event.type == "call") != (other.type == "call") and calls_apart:
                continue
            if id(event) in apart and other.type == event.type and parties - other_parties:
                continue
            if other_own and parties & other_parties \
                    and min(abs(a - b) for a in sentences for b in other_sentences) <= reach:
                event.agenda = _dedupe(event.agenda + other_own)


def add_preceding_agenda(doc: Doc, agenda_in, events: list, report_sentences: set[int],
                         told_of_before: bool = True) -> None:
    """An event still without a topic takes those of the sentence right before its first report,
    when that sentence reports no interaction of its own: a dispatch often says what is at stake
    before it says who met (ملف الهجرة في صدارة الملفات. واستقبل الوزير …)."""
    for event in events:
        first = min(r.sentence for r in event.reports)
        if first > 0 and first - 1 not in report_sentences:
            before = doc.sentences[first - 1]
            if told_of_before and any(t.bare in EVENT_REFERENCES for t in doc.tokens[before.first:before.last]):
                continue  # وتناول اللقاء …: what the interaction told before it discussed, not this one
            event.agenda = _dedupe(event.agenda + agenda_in(doc, before.first, before.last))


def date_undated_events(doc: Doc, weekdays: dict, future_days_apart: bool = True) -> None:
    """An article whose only dated reference is one day reports its events on that day
    (a dispatch dated 28 May that says "ظهر اليوم الخميس"). With two or more dates
    the day of an undated event is unknown, and it stays null."""
    # a day after the dispatch's own (ومن المقرر أن يلتقي غدا) is a plan, no day anything was told on
    told = [t for t in doc.times if t.date is not None and t.precision == "day"
            and (doc.published_at is None or t.date <= doc.published_at or not future_days_apart)]
    if len({t.date for t in told}) != 1:
        return
    the_day = told[0]
    if _names_other_weekday(doc, weekdays, the_day.date.weekday()):
        return
    vague = [t for t in doc.times if t.date is None and t.precision is None]
    for event in doc.events:
        if event.time is None and not _told_with_a_vague_time(doc, event, vague):
            event.time = the_day


def _told_with_a_vague_time(doc: Doc, event, vague: list) -> bool:
    """بحث X الأسبوع الماضي مع Y: a report that names its time too loosely for a day is not
    on the article's one day."""
    toks = doc.tokens
    return any(toks[r.first].start <= t.start < toks[r.last - 1].end for r in event.reports for t in vague)


def _names_other_weekday(doc: Doc, weekdays: dict, weekday: int) -> bool:
    """The text says another weekday than the lone date's (a page header dated Tuesday above
    "اليوم الإثنين"): that date is not the day the article reports."""
    for t in doc.times:
        if t.date is None:
            for word in normalize(t.text).split():
                day = weekdays.get(word)
                if day is not None and day != weekday:
                    return True
    return False


def _venue_end(toks, lx, k, last, stop=frozenset()) -> int:
    j = k + 1
    while j < last and j - k < 9 and j not in stop:
        t = toks[j]
        if not t.is_arabic or (j > k + 1 or toks[k].has_article) and t.has_article and not t.clitic_len \
                and t.stem in lx.title_heads and toks[j - 1].has_article:
            break  # قصر البركة العامر الرئيس …: the guest's title ends the venue
        if t.norm in AFFILIATION_WORDS or t.has_article and not t.clitic_len:
            j += 1
            continue
        if t.clitic_len and t.bare and (t.has_article or t.bare in lx.cities) and t.text[0] in "بلف":
            j += 1
            continue
        if (toks[j - 1].stem in lx.region_words or toks[j - 1].bare in lx.region_words) \
                and (t.bare in lx.cities or t.bare in lx.country_names):
            j += 1  # بالعاصمة طرابلس
            continue
        if t.norm in lx.function_words:
            break
        if j == k + 1 and not t.has_article and not toks[k].has_article:
            j += 1  # a proper name right after the head (فندق كورنثيا), not after a name (الكرملين)
            continue
        if j == k + 2 and not t.has_article and not t.norm.startswith("و") and toks[k].stem in NAMED_AFTER_PEOPLE \
                and not toks[j - 1].has_article and t.norm not in lx.function_words:
            j += 1  # مطار هواري بومدين: a place named after a person takes his family name too
            continue
        break
    return j


def _place_in(doc: Doc, lx, first: int, last: int, anywhere: bool = False, cities_only: bool = False,
              skip: set[int] = frozenset(), titles_before: int | None = None, titled: bool = True):
    """The most specific city (else country) named in tokens[first:last]; a country only
    after في/إلى or ب/ل (not و: وقعت السعودية وعمان names parties) unless ``anywhere``.
    A place inside a title (حاكم إقليم دارفور، سفير … لدى العراق) says where its holder
    serves: it is taken only when ``titled`` and the text names no other, and only before
    ``titles_before`` (the host's title before his palace, not the guest's after it: رئيس وزراء سنغافورة)."""
    # one pass: the first city outside titles wins at once; the first country outside titles,
    # then the first city, then the first country inside one, are kept for the end
    toks, titles = doc.tokens, doc.title_tokens
    country, title_city, title_country, bare_city, named_country = None, None, None, None, None
    for k in doc.positions_in(_place_words(doc), first, last):
        if k in skip or titles_before is not None and k >= titles_before and k in titles:
            continue
        tok = toks[k]
        named = doc.mention_index.get(k)
        if named is not None and named[0].kind in ("person", "delegation"):
            continue  # تالين كورانشيليان: a word of a name is no place
        if named is not None and _quoted_whole(toks, named[1].first, named[1].last) \
                and not (named[1].first > 1 and _introduced_place(toks, lx, named[1].first - 1)):
            continue  # لـ"الشرق الأوسط"، صحيفة "القدس": a paper or a forum named after a place (not العاصمة "كوالالمبور")
        if named is not None and named[0].kind == "city" and named[1].first == k:
            city = k, named[0].country, "city"  # multi-word cities too (تل أبيب، عين التينة)
        elif (k in titles or written_as_country(tok) or _country_in_this_text(doc, lx, tok.bare)) \
                and tok.bare in lx.cities and tok.bare in lx.country_names:
            # in a title a country's name is the country (سلطان عمان، أمير الكويت), not its capital
            place = k, lx.country_names[tok.bare], "country"
            if k in titles:
                title_country = title_country or place
            elif anywhere or _introduced_place(toks, lx, k):
                named_country = named_country or place  # في عمان; not وقعت تونس والصين, which names parties
            continue
        elif tok.bare in lx.cities and not (named is not None and named[0].kind == "country" and not anywhere
                                            and not _introduced_place(toks, lx, k) and not _opens_a_line(doc, k)):
            city = k, lx.cities[tok.bare], "city"  # but وقعت تونس والصين: a state named as a party (not a dateline's)
        else:
            city = None
        if city is not None and any(t.bare in BETWEEN_PARTICLES for t in toks[max(first, k - 2):k]):
            continue  # أنبوب النفط بين البصرة والعقبة: the ends of a route, not where anyone met
        if city is not None and k > 0 and (toks[k - 1].bare in SAID_THAT or toks[k - 1].norm in SAID_THAT) \
                and not tok.clitic_len:
            continue  # وأكد أن باريس ستنظم …: a capital that speaks for its state, the subject of what was said
        if city is not None:
            if k in titles:
                title_city = title_city or city
            elif _introduced_place(toks, lx, k):
                return city
            else:
                bare_city = bare_city or city  # منتدى دافوس في البحر الميت: a place after في wins
            continue
        if cities_only or (country if k not in titles else title_country) is not None:
            continue
        iso = lx.country_names.get(tok.bare) or lx.country_names.get(tok.stem)
        # إلى دولة الإمارات، بجمهورية مصر: the particle stands before the state's head word
        at = named[1].first if named is not None and named[0].kind == "country" else k
        if iso and (anywhere or tok.clitic_len and tok.text[0] in "بل" or at > 0 and toks[at - 1].norm in PLACE_PARTICLES):
            if k in titles:
                title_country = k, iso, "country"
            else:
                country = k, iso, "country"
    return bare_city or country or (title_city or title_country if titled else None) or named_country


def _opens_a_line(doc: Doc, k: int) -> bool:
    return k == 0 or "\n" in doc.text[doc.tokens[k - 1].end:doc.tokens[k].start]


def _quoted_whole(toks, first: int, last: int) -> bool:
    """A name set alone between quotation marks ("الشرق الأوسط"، «الأهرام»)."""
    return first > 0 and last < len(toks) and toks[first - 1].text in QUOTES_OPEN and toks[last].text in QUOTES_CLOSE


def _introduced_place(toks, lx, k) -> bool:
    """في بغداد، بالرياض، العاصمة تونس: a particle or a region word says a place follows."""
    tok = toks[k]
    if tok.clitic_len and tok.text[0] in "بل" or k == 0:
        return bool(tok.clitic_len)
    prev = toks[k - 1]
    return prev.norm in PLACE_PARTICLES or prev.norm in VENUE_PARTICLES or prev.stem in lx.region_words \
        or prev.bare in lx.region_words \
        or prev.stem in lx.venue_heads or prev.has_article and prev.stem in lx.demonyms


def _country_in_this_text(doc: Doc, lx, word: str) -> bool:
    """عمان names a capital (Amman) and a country (Oman): the text's other words decide. It is
    the country when the text speaks of that country (العماني، مسقط) and never of the
    capital's (الأردني، الأردن)."""
    city_of, country = lx.cities.get(word), lx.country_names.get(word)
    if city_of is None or country is None or city_of == country:
        return False

    def decide() -> bool:
        seen = {lx.demonyms.get(t.stem) for t in doc.tokens} | {lx.country_names.get(t.bare) for t in doc.tokens if t.bare != word}
        capital = lx.countries[country].capital if country in lx.countries else None
        return (country in seen or any(t.bare == capital for t in doc.tokens)) and city_of not in seen

    return doc.derive("country_named:" + word, decide)


def written_as_country(tok: Token) -> bool:
    """عُمان with its damma written is the sultanate, not the Jordanian capital (عمّان)."""
    return DAMMA in tok.text[:2]


def _place_words(doc: Doc) -> list[int]:
    """The tokens that may name a place for ``_place_in`` (a mention of a city, a city, a
    country), found once per document: ``_place_in`` passes over every other token."""
    def find() -> list[int]:
        named = {k for k, (entity, _) in doc.mention_index.items() if entity.kind == "city"}
        named.update(doc.with_class(PLACE_NAME))
        return sorted(named)

    return doc.derive("place_words", find)


# ---- agenda -----------------------------------------------------------------------
def find_agenda(doc: Doc, lx, first: int, last: int) -> list[Span]:
    toks = doc.tokens
    index = doc.mention_index
    skip = None
    phrases = []
    k = first
    # only a cue or a document noun starts a topic (``AGENDA_START``): the other words are passed over
    for cue in doc.positions_in(doc.with_class(AGENDA_START), first, last):
        if cue < k:
            continue
        tok = toks[cue]
        if tok.bare in lx.agenda_cues or tok.norm in lx.agenda_cues:
            start = cue if (tok.bare in lx.agenda_inclusive) else cue + 1
        elif tok.bare in AGENDA_CUES_BEFORE_IN:
            # جرى البحث في المشاريع …
            start = cue + 2 if cue + 1 < last and toks[cue + 1].norm in IN_PARTICLES else None
        else:
            start = _document_subject(toks, cue, last, lx.agenda_cues)
        if start is None:
            continue
        if skip is None:   # most ranges have no cue
            skip = doc.title_tokens | doc.time_tokens
        start = _skip_to_topic(toks, index, start, last, skip)
        k = cue + 1
        while start < last:
            end = _topic_end(toks, start, last, doc.time_tokens | _person_tokens(doc, start, last))
            if end <= start:
                break
            topic = topic_span(doc, lx, start, end)
            if topic is not None:
                phrases.append(topic)
            k = end
            start = _coordinated_topic(toks, end, last)
    return _dedupe(phrases)


DOCUMENT_SUBJECT_REACH = 5


def _document_subject(toks, k, last, cues) -> int | None:
    """Where the subject of the document named at token ``k`` starts: the first word with ل or ب
    within a few words (مذكرة تفاهم تقضي بتأسيس …، عقد لاستكشاف …، مذكرة تفاهم أمنية تتعلق
    بالتنسيق …), or None when a punctuation mark, an agenda cue (مذكرة تفاهم حول …: the cue
    opens the topic itself) or none comes first."""
    in_sum, words = False, 0
    for j in range(k + 1, min(last, k + 1 + DOCUMENT_SUBJECT_REACH + SUBJECT_SKIP_REACH)):
        t = toks[j]
        if t.norm in SUM_WORDS or t.bare in SUM_WORDS:
            in_sum = True  # اتفاقية بقيمة 500 مليون دولار لدعم …: the sum comes before what it is for
            continue
        if t.text in QUOTES_OPEN or t.text in QUOTES_CLOSE or t.text.isascii() and t.text.isalpha() \
                or in_sum and (t.text.replace(".", "").replace(",", "").isdigit() or not t.clitic_len):
            continue  # مع شركة "مايكروسوفت" Microsoft لتدريب …: a quoted name and its Latin brand
        if not t.is_arabic or t.bare in cues or t.norm in cues:
            return None
        if t.clitic_len and ("ل" in t.text[:t.clitic_len] or "ب" in t.text[:t.clitic_len]):
            return j
        words += 1
        if words >= DOCUMENT_SUBJECT_REACH:
            return None
    return None


SUBJECT_SKIP_REACH = 5   # more words a sum, quote marks or a Latin brand may take before a document's subject


def topic_span(doc: Doc, lx, first: int, last: int) -> Span | None:
    """The agenda phrase over tokens[first:last] without the names, titles and honorifics it
    starts with (أوغلو الأزمة السورية → الأزمة السورية), or None when what is left is no topic:
    a title or a name (وزير الخارجية المصري، سموه). It starts after the cue or the time it may
    begin with (بحث، بخصوص، الخميس), and ends before a title or a name it runs on into."""
    toks = doc.tokens
    index = doc.mention_index
    while first < last and (first in doc.title_tokens or toks[first].bare in lx.honorifics
                            or toks[first].bare in AGENDA_SKIP or toks[first].norm in AGENDA_SKIP
                            or toks[first].bare in SIDES or first in doc.time_tokens or _introduces_topic(toks[first], lx)
                            or first in index and index[first][0].kind in ("person", "delegation")):
        first += 1  # الجانبان، خلال، اليوم، بحث: the words before a topic, not part of it
    for k in range(first + 1, last):
        if k in doc.title_tokens or k in index and index[k][0].kind == "person" \
                or toks[k].bare in lx.honorifics and k + 1 < len(toks) and (
                    k + 1 in index and index[k + 1][0].kind == "person" or k + 1 in doc.title_tokens):
            last = k   # والسفير القمري …، في مجال الطاقة معالي X: a phrase that runs on into a person ends before them
            break
    while last - 1 > first and (not any(c.isalnum() for c in toks[last - 1].text)
                                or toks[last - 1].norm in lx.function_words):
        last -= 1   # nor on a particle or a quote mark (بمشاركة كل من، شركة ")
    content = [k for k in range(first, last) if toks[k].is_arabic and toks[k].norm not in lx.function_words]
    if len(content) < 1 or _names_people(doc, first, last) or toks[first].stem in lx.title_heads:
        return None  # رئيس جنوب إفريقيا: a title, named or not, is a person
    if toks[first].bare in OCCASION_NOUNS or first and toks[first - 1].bare in OCCASION_NOUNS:
        return None  # على هامش (أعمال) منتدى دافوس: the occasion, not a topic
    if _names_only_a_place(doc, lx, content):
        return None  # العاصمة العمانية مسقط: where, not what
    if toks[first].clitic_len and toks[first].text[0] == "ل" and _after_a_title(toks, lx, first):
        return None  # المدير القطري لبرنامج الأغذية العالمي: the body a title serves, not a topic
    return doc.span(_agenda_lead(toks[first]), toks[last - 1].end)


def _after_a_title(toks, lx, k: int) -> bool:
    """A title head ends right before token ``k``, its demonym or modifier between (المدير القطري)."""
    j = k - 1
    while j >= 0 and k - j <= 2 and toks[j].has_article and (toks[j].stem in lx.demonyms or toks[j].bare in lx.title_modifiers):
        j -= 1
    return j >= 0 and toks[j].stem in lx.title_heads


def _names_only_a_place(doc: Doc, lx, content: list[int]) -> bool:
    toks, index = doc.tokens, doc.mention_index
    places = set()
    for k in content:
        if k in index and index[k][0].kind in ("city", "country"):
            places.update(range(k, index[k][1].last))
    # في مكتبه بمدينة بورتسودان: a venue in a named city is where, too
    return bool(places) and all(k in places or toks[k].stem in lx.region_words or toks[k].bare in lx.region_words
                                or toks[k].stem in lx.demonyms or toks[k].stem in lx.venue_heads for k in content)


def _introduces_topic(tok: Token, lx) -> bool:
    """A cue that introduces a topic without being part of it (بحث، استعراض، بخصوص; not سبل)."""
    return (tok.bare in lx.agenda_cues or tok.norm in lx.agenda_cues) \
        and tok.bare not in lx.agenda_inclusive and tok.norm not in lx.agenda_inclusive


def _names_people(doc: Doc, first: int, last: int) -> bool:
    """A phrase that is mostly a title or a name (وزير الخارجية المصري) is no topic."""
    people = sum(1 for k in range(first, last) if k in doc.title_tokens
                 or k in doc.mention_index and doc.mention_index[k][0].kind == "person")
    return people * 2 >= last - first


def _agenda_lead(tok: Token) -> int:
    """Where an agenda phrase starts: للأوضاع keeps its لل (the article's alef is not
    written), other clitics go."""
    return tok.start if tok.segments[:2] == ("ل", "ال") else tok.core_start


def _person_tokens(doc: Doc, first: int, last: int) -> set[int]:
    return {k for k in range(first, last) if k in doc.mention_index and doc.mention_index[k][0].kind == "person"}


def _coordinated_topic(toks, k, last) -> int:
    """Where the next listed topic starts after a phrase that ends at token ``k`` (``last``
    when none does): "تناولت مستجدات الأوضاع، وعدد من ملفات التعاون" (a comma then و + a noun),
    or "… إضافة إلى القضايا …"، "… وخاصة الوضع في …" (words that go on listing)."""
    if k + 1 < last and toks[k].text in "،," and toks[k + 1].text.startswith("و") and toks[k + 1].clitic_len:
        nxt = toks[k + 1]
        if (nxt.has_article or nxt.bare in TOPIC_NOUNS) and nxt.bare not in BOUNDARY_WORDS:
            return k + 1
    j = k + 1 if k < last and toks[k].text in "،," else k
    if j >= last:
        return last
    if toks[j].norm in LIST_CONTINUATIONS or toks[j].bare in LIST_CONTINUATIONS:
        j += 1
    else:
        end = LIST_CONTINUATION_PHRASES.longest_at(
            [w.norm for w in toks[j:min(last, j + LIST_CONTINUATION_PHRASES.longest)]], 0)[0]
        if not end:
            return last
        j += end
    while j < last and (toks[j].bare in AGENDA_SKIP or toks[j].norm in AGENDA_SKIP):
        j += 1  # وخاصة في …
    return j


def _skip_to_topic(toks, index, k, last, skip=frozenset()) -> int:
    while k < last:
        t = toks[k]
        if t.text in "،,:\"“”«»" or k in index or k in skip or t.bare in AGENDA_SKIP or t.norm in AGENDA_SKIP:
            k += 1
            continue
        if t.norm in AGENDA_SKIP_TIMES:
            k += 1
            continue
        break
    return k


def _topic_end(toks, k, last, stop=frozenset()) -> int:
    j = k
    while j < last and j - k < AGENDA_MAX_TOKENS and j not in stop:
        t = toks[j]
        if t.text in ".،,:;؛!؟?()\"“”«»" or t.bare in BOUNDARY_WORDS or t.norm in BOUNDARY_WORDS:
            break
        if BOUNDARY_PHRASES.begins(t.norm) and \
                BOUNDARY_PHRASES.longest_at([w.norm for w in toks[j:min(last, j + BOUNDARY_PHRASES.longest)]], 0)[0]:
            break  # من أجل، من خلال
        j += 1
    return j


def share_occasion_of_separate_meetings(events: list) -> None:
    """التقى X كلا على حدة A وB: the meetings told one by one took place at one occasion. Where
    another report of the occasion joined one of them (في اللقاءات الثنائية التي أجراها ببغداد),
    what it told of place, day and topics holds for the others, which only their split report told."""
    occasions: dict[int, list] = {}
    for event in events:
        for key in {r.split_from for r in event.reports if r.split_from is not None}:
            occasions.setdefault(key, []).append(event)
    for siblings in occasions.values():
        told_more = max(siblings, key=lambda e: (len(e.reports), e.location is not None))
        if len(told_more.reports) == 1:
            continue
        for event in siblings:
            alone = len(event.reports) == 1
            if alone or event.location is None:
                event.location = told_more.location or event.location
            if alone or event.time is None:
                event.time = told_more.time if told_more.time is not None else event.time
            if alone or not event.agenda:
                event.agenda = _dedupe(told_more.agenda + event.agenda)


def told_as_another_occasion(doc: Doc, events: list) -> set[int]:
    """The events (by ``id``) whose first report opens its sentence with a cue of another
    occasion (كما استقبل، وفي سياق آخر، التقى …)."""
    return {id(event) for event in events if opens_another_occasion(doc, min(event.reports, key=lambda r: r.trigger.i))}


def opens_another_occasion(doc: Doc, report: Report) -> bool:
    """The report's sentence opens with a cue of another occasion (كما وقع، وفي سياق آخر)."""
    opening = doc.tokens[doc.sentences[report.sentence].first:report.trigger.i][:OCCASION_CUE_REACH]
    return any(t.norm in ANOTHER_OCCASION_CUES for t in opening[:1]) \
        or bool(ANOTHER_OCCASION_PHRASES.match([t.norm for t in opening]))


OCCASION_CUE_REACH = 4   # words before a sentence's verb where its opening cue stands


def _says_separately(doc: Doc, first: int, last: int) -> bool:
    """A phrase of separate meetings (كلا على حدة) within tokens[first:last] (the document's
    phrases are found once, for every report asked about)."""
    keys, starts = doc.derive("separate_meeting_phrases", lambda: _keys_and_starts(doc, SEPARATE_MEETING_PHRASES))
    return any(SEPARATE_MEETING_PHRASES.longest_at(keys, k, last=last)[0] > k
               for k in doc.positions_in(starts, first, last))


def _keys_and_starts(doc: Doc, matcher) -> tuple[list[str], list[int]]:
    """The document's word keys, and where a phrase of ``matcher`` may begin."""
    keys = [t.norm for t in doc.tokens]
    return keys, matcher.starts(keys)


def _dedupe(spans: list[Span]) -> list[Span]:
    """Spans without those inside another, overlapping ones joined into one, and without a
    second quote of the same words (a headline and its body often repeat a phrase)."""
    if len(spans) < 2:
        return list(spans)   # (most lists: a clause's agenda is one phrase or none)
    # (loops, not generators: this runs for every agenda merged, again and again)
    out = []
    for s in spans:
        inside = False
        for o in out:
            if o.start <= s.start and s.end <= o.end:
                inside = True
                break
        if inside:
            continue
        out = [o for o in out if not (s.start <= o.start and o.end <= s.end)]
        for i, o in enumerate(out):
            if o.start < s.end and s.start < o.end:   # the tagger's phrase runs on past the rules'
                out[i] = _joined(o, s)
                break
        else:
            out.append(s)
    if len(out) < 2:
        return out
    keys = [f" {text_key(s.text)} " for s in out]   # padded: a quote is of whole words
    kept = []
    for i, s in enumerate(out):
        key = keys[i]
        for j, other in enumerate(keys):
            if j != i and key in other and (len(other) > len(key) or j < i):
                break
        else:
            kept.append(s)
    return kept


def _joined(a: Span, b: Span) -> Span:
    first, second = (a, b) if a.start <= b.start else (b, a)
    if second.end <= first.end:
        return first
    return Span(first.start, second.end, first.text + second.text[first.end - second.start:], first.label)


# ---- merging reports into events ----------------------------------------------------
def _people(report_or_event, entities) -> set[int]:
    ids = set()
    for e in report_or_event.order:
        entity = entities[e]
        if entity.kind == "delegation" and entity.members:
            ids.update(m.id for m in entity.members)
        ids.add(e)
    return ids


def merge_reports(doc: Doc, reports: list[Report], entities: dict, model=None, collect=None) -> list[EventDraft]:
    """Reports of one interaction become one event: the rules propose a target event, and a
    trained model (when given) weighs every event of the same type, the rules' choice included.
    ``collect`` receives (report, [(event reports so far, features)]) for training."""
    events: list[EventDraft] = []
    headlines = {r.sentence for r in reports if headline_line(doc, doc.sentences[r.sentence])}
    for r in reports:
        compatible = [e for e in events if _compatible(r, e, entities, headlines)]
        target = _merge_target(compatible, r, entities)
        if model is not None or collect is not None:
            # the identity rules stay hard constraints: the model never joins rival principals
            # or two dates; it chooses among the events the rules allow
            allowed = sorted(compatible, key=lambda e: -e.reports[-1].sentence)
            options = [(e, _merge_option(r, e, entities, e is target, recency))
                       for recency, e in enumerate(allowed)]
            if collect is not None:
                collect.append((r, [(list(e.reports), f) for e, f in options]))
            if model is not None:
                # the model decides whether the report joins an event; the rules' choice of
                # which one stands when the model accepts it, else the model's likeliest
                scored = [(model.probability(f), e) for e, f in options]
                accepted = [(probability, e) for probability, e in scored if model.admits(probability)]
                if not any(e is target for _, e in accepted):
                    target = max(accepted, key=lambda pe: pe[0])[1] if accepted else None
        if target is None and r.looks_back and any(e.type == r.type for e in events):
            continue  # وفي ختام المباحثات، شهد … توقيع: the talks told before, not talks of those it names
        if target is None:
            events.append(_new_event(doc, r, entities))
        else:
            _absorb(doc, target, r, entities)
    events = _absorb_fragments(doc, events, entities)
    for e in events:
        _expand_members(e, entities)
    return events


def meetings_held_as_calls(doc: Doc, events: list[EventDraft], entities) -> list[EventDraft]:
    """اللقاء … الذي تم إجراؤه بتقنية التخاطب المرئي: a meeting between the parties of a call of
    the same article is that call, told as a meeting."""
    calls = [e for e in events if e.type == "call"]
    kept = []
    for e in events:
        target = None
        if e.type == "meeting" and calls:
            people = _people(e, entities)
            target = next((c for c in calls if people and people <= _people(c, entities)), None)
        if target is None:
            kept.append(e)
            continue
        for r in e.reports:
            _absorb(doc, target, r, entities)
    return kept


def add_parties_of_referred_events(doc: Doc, events: list[EventDraft], entities) -> None:
    """وشهد اللقاء التوقيع على …، وجرى خلال الزيارة توقيع …: a signing that refers to the
    interaction just reported, and names no one beside it, was signed by that one's parties."""
    for i, e in enumerate(events):
        # شهد الزعيمان توقيع …، وقعها X وY: the sides witnessed what their ministers signed
        witnessed = [r for r in e.reports if _witnessed_by_the_sides(doc, r)] if e.type == "agreement" else []
        referring = [r for r in e.reports if _refers_to_event(doc, r)] if e.type == "agreement" else []
        if not witnessed and not referring:
            continue
        # وفي ختام المباحثات، وقع X وY …: signers named of their own take the talks' place and day only
        signers_named = not witnessed and len(_people(e, entities)) >= 2
        referring = referring or witnessed
        sentence = referring[0].sentence
        earlier = [k for k in events if k is not e and k.type != "agreement" and len(_people(k, entities)) >= 2
                   and any(0 <= sentence - r.sentence <= 1 for r in k.reports)]
        if not earlier:
            continue
        seen = earlier[-1]
        if not signers_named:
            principals = [eid for eid in seen.order if seen.roles[eid] != "attendee"]
            if len(principals) < 2:
                principals = list(seen.order)  # استقبال X لوفد يضم A وB: the delegation's people signed with him
            for eid in principals:
                e.roles.setdefault(eid, "party")
            # who the signing's clause carried over from before is one of those (or its attendee)
            e.order = principals + [eid for eid in e.order if eid not in seen.roles]
            e.roles = {eid: e.roles[eid] for eid in e.order}
        # it was signed where and when that interaction took place
        e.location = e.location or seen.location
        e.time = e.time or seen.time


def add_sides_of_a_reception(doc: Doc, events: list[EventDraft], entities) -> None:
    """وصل X إلى بغداد، وكان في استقباله Y. وعقد الجانبان جلسة مباحثات: talks that name no one
    but the two sides, right after a visit with its host, are held by the visitor and the host."""
    for e in events:
        if e.type != "meeting" or _people(e, entities):
            continue
        first = e.reports[0]
        if not any(t.bare in SIDES for t in doc.tokens[first.first:min(first.last, first.trigger.i + SIDES_REACH)]):
            continue
        visits = [k for k in events if k.type == "visit" and "host" in k.roles.values()
                  and any(0 < first.sentence - r.sentence <= 1 for r in k.reports)]
        if not visits:
            continue
        seen = visits[-1]
        sides = [eid for eid in seen.order if seen.roles[eid] in ("visitor", "host")]
        e.roles = {eid: "guest" if seen.roles[eid] == "visitor" else "host" for eid in sides}
        e.order = sorted(sides, key=lambda eid: seen.roles[eid] != "host")
        if e.location is None or not e.location.get("name") and seen.location and seen.location.get("name"):
            # في القصر الحكومي: a venue of the city the visit went to
            e.location = {**(seen.location or {}), **{k: v for k, v in (e.location or {}).items() if v is not None}}
        e.time = e.time or seen.time


def add_witnesses_to_signings(doc: Doc, events: list[EventDraft]) -> None:
    """شهد رئيسا الوزراء توقيع 8 وثائق. … ووقعها من الجانب المصري X …: the witnesses of the
    signings take part in each signing reported after them."""
    for i, e in enumerate(events):
        if not _witnessed(doc, e):
            continue
        sentence = e.reports[0].sentence
        for signing in events[i + 1:]:
            if signing.type != "agreement" or _witnessed(doc, signing) \
                    or not 0 < signing.reports[0].sentence - sentence <= MERGE_WINDOW_SENTENCES:
                continue
            for eid in e.order:
                if eid not in signing.roles:
                    signing.roles[eid] = "attendee"
                    signing.order.append(eid)
            signing.location = signing.location or e.location
            signing.time = signing.time or e.time


def _witnessed(doc: Doc, e: EventDraft) -> bool:
    first = e.reports[0]
    return e.type == "agreement" and not first.verb \
        and any(t.bare in WITNESS_VERBS for t in doc.tokens[first.first:first.trigger.i])


def _witnessed_by_the_sides(doc: Doc, report: Report) -> bool:
    """شهد الزعيمان توقيع …، وقعها X: the sides are the subject of a verb of witnessing in the
    signing's clause."""
    toks = doc.tokens
    return any(toks[j].bare in WITNESS_VERBS and toks[j + 1].bare in SIDES for j in range(report.first, report.trigger.i))


def _refers_to_event(doc: Doc, report: Report) -> bool:
    """The clause names the interaction before its signing (شهد اللقاء، خلال الزيارة، عقب
    المباحثات) or its parties (ووقع الجانبان)."""
    toks, k = doc.tokens, report.trigger.i
    if report.verb and any(t.bare in SIDES for t in toks[k + 1:min(report.last, k + 1 + SIDES_REACH)]):
        return True
    if not report.verb and any(t.bare in SIDES for t in toks[max(report.first, k - SIDES_REACH):k]):
        return True  # ترأس الجانبان توقيع …: the sides oversaw the signing
    for tok in toks[max(report.first, k - REFERENCE_REACH):k]:
        if tok.bare in EVENT_REFERENCES or tok.stem in TRIP_NOUNS and (tok.has_article or tok.suffix_len):
            return True
    return False


def drop_represented_parties(event: EventDraft) -> None:
    """A country is a party only when none of its people is named: it goes when a person of
    it takes part (مصر beside its prime minister), or when two or more people do (the sides
    are then named by their people, whatever their countries). So does a body one of the
    people heads or serves."""
    entities = event.entities
    people = [entities[e] for e in event.order if entities[e].kind == "person"]
    represented = {p.country for p in people if p.country}
    dropped = [e for e in event.order if entities[e].kind == "country"
               and (len(people) >= 2 or entities[e].country in represented)
               or entities[e].kind == "delegation" and not entities[e].members and entities[e].country in represented
               or entities[e].kind == "org" and _body_of(entities[e], people)]
    _drop_parties(event, dropped)


def drop_bodies_of_the_headline(doc: Doc, event: EventDraft) -> None:
    """البرهان يستقبل وفدا أمريكيا، then the body: وفد … برئاسة المبعوث X: the body only the
    headline names is there through the people the body of the article names."""
    entities = event.entities
    told = {eid for r in event.reports if not headline_line(doc, doc.sentences[r.sentence]) for eid in r.order}
    if len([e for e in told if entities[e].kind == "person" and event.roles.get(e) != "attendee"]) < 2:
        return
    _drop_parties(event, [e for e in event.order if e not in told and entities[e].kind in ("org", "delegation", "country")])


def _body_of(body, people) -> bool:
    """A company or body one of the people heads or serves (جوزيف كايزر، الرئيس التنفيذي لشركة
    سيمنز): it is represented by that person, as a country is by its people."""
    name = f" {normalize(body.name)} "
    return any(name in _with_proclitics_off(p.organization) or name in _with_proclitics_off(p.title)
               for p in people if p.organization or p.title)


def _with_proclitics_off(text: str | None) -> str:
    """The words of ``text`` as written and, after them, with a leading ل or ب taken off
    (الرئيس التنفيذي لشركة توتال names شركة توتال)."""
    words = normalize(text or "").split()
    bare = [w[1:] if w[:1] in "بل" and len(w) > 3 else w for w in words]
    return f" {' '.join(words)} | {' '.join(bare)} "


def _absorb_fragments(doc: Doc, events: list[EventDraft], entities) -> list[EventDraft]:
    """A report naming one party (لقائه مع وزير الدفاع التركي) joins the nearest event of its
    type with that party, before or after it; a signing told with a pronoun for the document
    (ووقعها عن الجانب السوداني …) joins the agreement before it, whoever it names."""
    kept = []
    for e in events:
        people = _people(e, entities)
        if e.type == "visit" or len(people) >= 2:
            kept.append(e)
    for e in events:
        if e in kept:
            continue
        people = _people(e, entities)
        sentence = e.reports[0].sentence
        signed_it = _signs_it(e)
        candidates = [k for k in kept if k.type == e.type
                      and (people & _people(k, entities) or not people or signed_it and k.reports[0].sentence <= sentence)
                      and abs(k.reports[0].sentence - sentence) <= MERGE_WINDOW_SENTENCES
                      and not (k.time and e.time and k.time.date != e.time.date)]
        if not candidates:
            kept.append(e)
            continue
        target = min(candidates, key=lambda k: min(abs(r.sentence - sentence) for r in k.reports))
        for r in e.reports:
            _absorb(doc, target, r, entities)
    return sorted(kept, key=lambda ev: ev.reports[0].trigger.start)


def _signs_it(e: EventDraft) -> bool:
    first = e.reports[0]
    return e.type == "agreement" and first.verb and first.trigger.suffix_len > 0


def _compatible(r: Report, e: EventDraft, entities, headlines: set[int] = frozenset()) -> bool:
    """Nothing forbids report ``r`` from being another account of event ``e`` (``headlines``:
    the sentences that are headline lines)."""
    if e.type != r.type:
        return False
    if e.time is not None and r.time is not None and e.time.date != r.time.date:
        return False
    # each side has someone the other lacks: two meetings with a common guest (the rule the
    # service applies across articles, ``identity.rival_principals``, here with the article's
    # own coreference as identity: the same entity)
    mine, theirs = _people(r, entities), _people(e, entities)
    shared = mine & theirs
    if r.looks_back and shared:
        return True  # وقال X عقب اللقاء إن المبعوث …: the one told before, whoever speaks of it
    if r.on_its_own and theirs - mine:
        return False  # اجتمع أيضا بشكل منفرد مع X: not the meeting of the others told before
    if r.on_its_own and r.type == "agreement" and set(r.roles) and set(e.roles) - set(r.roles):
        return False  # كما وقع الصندوق اتفاقية مع النيجر: not the signing with Chad told before
    if r.another_occasion and (any(e.roles.get(p) == "attendee" and r.roles.get(p) != "attendee" for p in mine)
                               or len(theirs) >= 3 and 2 <= len(mine) and mine < theirs):
        # وفي وقت لاحق، استقبل ولي العهد الضيف; وعلى هامش القمة، التقى X Y: one who attended, or
        # two of a summit's parties, met on their own
        return False
    if r.verb and r.trigger.bare in RECEPTION_VERBS and not headlines & ({r.sentence} | {x.sentence for x in e.reports}):
        # استقبل عون السفيرة …. واستقبل عون وفدا من مجلس الكنائس: two receptions, whatever the guests
        # are; a headline tells the reception its body tells (البرهان يستقبل وفدا من الاتحاد الأفريقي)
        guests = {i for i, role in r.roles.items() if role == "guest"}
        theirs_guests = {i for i, role in e.roles.items() if role == "guest"}
        if guests and theirs_guests and not guests & theirs_guests and not guests & theirs:
            return False
    return not (_names_principal(mine - shared, r.roles, entities) and _names_principal(theirs - shared, e.roles, entities))


def _names_principal(ids, roles: dict, entities) -> bool:
    """Some person of ``ids`` takes part other than as an attendee (``identity.lacks_a_principal``)."""
    for i in ids:   # (a loop, not a generator: asked for every pair of report and event merged)
        if entities[i].kind == "person" and roles.get(i) != "attendee":
            return True
    return False


def _merge_target(compatible: list[EventDraft], r: Report, entities) -> EventDraft | None:
    """The event report ``r`` joins by the rules, among the events it is ``_compatible`` with."""
    mine = _people(r, entities)
    best = None
    for e in reversed(compatible):
        if r.sentence - e.reports[-1].sentence > MERGE_WINDOW_SENTENCES and len(mine) < 2:
            continue
        theirs = _people(e, entities)
        shared = mine & theirs
        if len(mine) >= 2 and len(shared) >= 2:
            return e
        if len(mine) >= 2 and len(theirs) >= 2 and len(shared) >= 1 and not (mine - theirs - _attendees(r)):
            return e
        if len(mine) < 2 and (shared or not mine) and best is None:
            best = e
    return best


def _merge_option(r: Report, e: EventDraft, entities, chosen_by_rules: bool, recency: int) -> dict:
    mine, theirs = _people(r, entities), _people(e, entities)
    return merge_features(r, e, len(mine & theirs), len(mine), len(theirs), chosen_by_rules, recency)


def _attendees(r: Report) -> set[int]:
    return {e for e, role in r.roles.items() if role == "attendee"}


def _new_event(doc: Doc, r: Report, entities) -> EventDraft:
    trig = doc.token_span(r.trigger.i, r.trigger.i + 1)
    sentence = doc.sentences[r.sentence]
    return EventDraft(r.type, trig, [r], dict(r.roles), list(r.order), r.time, r.location, list(r.agenda),
                 [doc.span(sentence.start, sentence.end)], 0.0, entities)


def _absorb(doc: Doc, e: EventDraft, r: Report, entities) -> None:
    e.reports.append(r)
    for eid in r.order:
        if eid not in e.roles:
            # who speaks of the interaction afterwards was there, but not as one of its sides
            e.roles[eid] = "attendee" if r.looks_back and r.roles[eid] != "attendee" and e.reports[0].verb else r.roles[eid]
            e.order.append(eid)
    if e.time is None:
        e.time = r.time
    if _place_rank(r.location) > _place_rank(e.location):
        e.location = r.location
    e.agenda = _dedupe(e.agenda + r.agenda)
    sentence = doc.sentences[r.sentence]
    if all(ev.start != sentence.start for ev in e.evidence):
        e.evidence.append(doc.span(sentence.start, sentence.end))
    if not e.reports[0].verb and r.verb:
        e.trigger = doc.token_span(r.trigger.i, r.trigger.i + 1)


def _place_rank(location: dict | None) -> int:
    """How specific a place is: a venue in a named city, a venue, a city, a country."""
    if not location:
        return 0
    return 1 + bool(location.get("name")) + 2 * bool(location.get("venue"))


def _expand_members(e: EventDraft, entities) -> None:
    """A delegation whose members are named is represented by them."""
    for eid in list(e.order):
        entity = entities[eid]
        if entity.kind == "delegation" and entity.members:
            for m in entity.members:
                if m.id not in e.roles:
                    e.roles[m.id] = e.roles[eid]
                    e.order.append(m.id)
    verbs = sum(1 for r in e.reports if r.verb)
    e.confidence = min(0.95, 0.45 + 0.1 * min(3, len(e.order)) + (0.1 if verbs else 0) + (0.05 if e.time else 0)
                       + 0.05 * min(2, len(e.reports) - 1))
