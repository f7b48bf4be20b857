"""The word classes the rules' scans start from, found once per written word.

Most words of an article are in none of the classes a rule starts from (a title head, a given
name, a trigger, a place name…). Rather than test every token against several sets in every
scan, each written word's classes are found once, with its Farasa analysis
(``pipeline.Segment``), and kept as the bits of ``Token.classes``: a scan tests one bit per
token. A token the rules cut again (``entities.resegment``) has its classes found again.
"""
from __future__ import annotations

from .doc import Token
from .lexicon import load_word_classes, word_class_phrases

WORD_CLASSES = load_word_classes()
MEMBERSHIP_CUES = WORD_CLASSES["membership_cues"]
PLACE_PARTICLES = WORD_CLASSES["place_particles"]
RECEPTION_NOUNS = WORD_CLASSES["reception_nouns"]
GENERIC_PERSON_NOUNS = WORD_CLASSES["generic_person_nouns"]
COUNTERPART_HEADS = tuple(WORD_CLASSES["counterpart_heads"])
# the words a clause's participants are read by (events.fill_participants), bare or as written
PARTY_ZONE_WORDS = WORD_CLASSES["party_boundaries"] | WORD_CLASSES["attendance_cues"] | WORD_CLASSES["relative_pronouns"]
# the words between a party and its trigger the participant model reads (bare or as written; with
# the colons, found by their text)
PARTY_CUES_BARE = WORD_CLASSES["partner_particles"] | WORD_CLASSES["party_boundaries"] \
    | WORD_CLASSES["attendance_cues"] | WORD_CLASSES["subordinators"]
PARTY_CUES_AS_WRITTEN = WORD_CLASSES["partner_particles"] | WORD_CLASSES["party_boundaries"] | WORD_CLASSES["attendance_cues"]
SEVERAL_EVENTS_NOUNS = WORD_CLASSES["several_events_nouns"]
# the proclitics a phrase's first word may carry (entities.phrase_keys_of)
PROCLITIC_LETTERS = frozenset("وفبلك")
PROCLITIC_STARTS = tuple(PROCLITIC_LETTERS)   # for str.startswith: no slice of the word is made
ORG_NAME_HEADS = WORD_CLASSES["organisation_name_heads"]
ORG_HEADS = WORD_CLASSES["organisation_heads"]
DOCUMENT_NOUNS = WORD_CLASSES["document_nouns"]
AGENDA_CUES_BEFORE_IN = WORD_CLASSES["agenda_cues_before_in"]
MEMBER_NOUNS = WORD_CLASSES["member_nouns"]   # أعضاء، ممثلي: some of a body's people
SIDE_NOUNS = WORD_CLASSES["side_nouns"]       # الجانب، الطرف: one side of a bilateral act
QUOTES_OPEN = set("“«\"'《‹„")
# نصره الله، حفظه الله: the blessings after a ruler's name (entities.blessings)
BLESSINGS = word_class_phrases("blessings")
FUTURE_PREFIX = "س"   # the proclitic of the future tense (سيلتقي)

TITLE_CUE = 1            # a title, a plural title or a delegation's head may start at it (find_titled_people)
NAME_TRIGGER = 1 << 1    # a single-word trigger of any type, as the name rules know them
GIVEN_NAME = 1 << 2      # a given name as written
GIVEN_NAME_BARE = 1 << 3  # a given name once its clitics are off
DELEGATION = 1 << 4      # a delegation noun (وفد)
ROLE_HEAD = 1 << 5       # a definite title head, or its dual or plural (الوزير، الوزيرين)
PLACE_PARTICLE = 1 << 6  # في، إلى…: a place may follow
BA_OR_LAM = 1 << 7       # an Arabic word whose proclitic starts with ب or ل
EVENT_TRIGGER = 1 << 8   # a word some trigger rule of the event builder starts from
MEMBERSHIP = 1 << 9      # برئاسة، ضم…: a delegation's people follow
VENUE_HEAD = 1 << 10     # قصر، مقر…
PLACE_NAME = 1 << 11     # a city or a country
PERSON_REFERENCE = 1 << 12  # المسؤول، الضيف، نظيره: may refer back to a person (link_generic_mentions)
INDEFINITE_HEAD = 1 << 13   # وزير، رئيس: a title head without the article (link_title_phrases)
PARTY_ZONE = 1 << 14        # a word a clause's parties are read by, or a reception noun (fill_participants)
CLITIC_KEY = 1 << 15        # an Arabic word that may still carry a proclitic (entities.word_keys)
QUOTE_OPEN = 1 << 16        # an opening quote mark: a quoted name may follow
ORG_NAME_HEAD = 1 << 17     # شركة، جامعة: a body's proper name may follow
COMMA = 1 << 18             # an Arabic or Latin comma (an apposition's edge)
PERSON_PHRASE = 1 << 19     # its clitics off, it begins a title, honorific or given name of the lexicon (person_phrases)
BODY_PHRASE = 1 << 20       # its clitics off, it begins a place or body of the lexicon (places_and_bodies)
AGENDA_START = 1 << 21      # an agenda cue (بحث، لبحث) or a document noun (مذكرة): a topic may follow (events.find_agenda)
BODY_HEAD = 1 << 22         # وزارة، غرفة، نقابة: a body named by common words may follow (entities.common_bodies)
BLESSING_START = 1 << 23    # as written, the first word of a blessing (نصره الله: entities.blessings)
FUTURE_VERB = 1 << 24       # a trigger verb Farasa left whole with its future prefix (وستلتقي: events.sentence_reports)
PARTY_CUE = 1 << 25         # مع، بحضور، الذي، a colon…: a word between a party and its trigger that sets a flag
                            # of the participant model (participants.candidate_features)
SEVERAL_EVENTS = 1 << 26    # اللقاءين، المباحثات: a dual or plural event noun (events._attended_all)
# what a form's sets say beside the classes, for the classes that also ask for more (``of_word``)
_HEAD = 1 << 28             # a title head (as stem)
_GENERIC = 1 << 29          # a generic person noun (as stem)
_DELEGATION_NOUN = 1 << 30  # a delegation noun (as bare or stem)
_CLASSES = (1 << 27) - 1
_NOT_IN_ANY = (0, 0, 0)


class WordClasses:
    """The sets behind each class, and ``of(token)``: the token's classes as bits."""

    def __init__(self, lexicons):
        self.lx = lexicons
        # the words a title or a delegation's head starts at, one set per form of the word
        # tested: a title head as written (نظيرته), bare or as its stem
        self.title_cues_as_written = frozenset(MEMBERSHIP_CUES | lexicons.title_heads)
        # plural titles too (سفراء): a list of holders may follow them (find_listed_envoys)
        self.title_cues_bare = frozenset(lexicons.title_heads | lexicons.definite_name_titles
                                         | frozenset(WORD_CLASSES["title_plurals"]))
        # every single-word trigger of every type, for the name test run on each token
        self.name_triggers = frozenset(w for spec in lexicons.triggers.values() for forms in spec.values() for w in forms)
        # every word the event builder's trigger rules start from (as bare or stem)
        verbs = {w for spec in lexicons.triggers.values() for w in spec["verbs"]}
        # a verb Farasa left whole with its future prefix (ستلتقي، وسيزور), as its bare form reads
        self.unsplit_future_verbs = frozenset(conjunction + FUTURE_PREFIX + verb for verb in verbs
                                              for conjunction in ("", "و"))
        nouns = {w for spec in lexicons.triggers.values() for w in spec["nouns"]}
        with_partner = {w for spec in lexicons.triggers.values() for w in spec["requires_with"]}
        self.event_triggers = frozenset(
            {*lexicons.multiword_triggers, *RECEPTION_NOUNS, *verbs, *nouns, *with_partner, *WORD_CLASSES["handover_verbs"]}
            | {w[:-1] + "ت" for w in nouns if w.endswith("ه")}
            | {w[:-1] + "ي" for w in nouns if w.endswith("ء")}
            | {w[:-1] + "ا" for w in verbs if w.endswith("ي")})
        # the phrase matchers whose starts are classes (a lexicon made for a test may lack them)
        self.phrase_classes = [(matcher, bit) for matcher, bit in ((lexicons.person_phrases, PERSON_PHRASE),
                                                                   (lexicons.places_and_bodies, BODY_PHRASE))
                               if matcher is not None]
        self.sets_of = self._sets_of_forms()

    def _sets_of_forms(self) -> dict[str, tuple[int, int, int]]:
        """Every word of the sets the classes test → what its being in them says, as a word's
        bare form, as its stem and as written (normalised): a new word's three forms are
        looked up once each, not once per set (a score of sets, cold in the memory caches
        after Farasa's work, for thousands of new words)."""
        lx, heads = self.lx, self.lx.title_heads
        as_bare = [(TITLE_CUE, self.title_cues_bare), (NAME_TRIGGER, self.name_triggers),
                   (GIVEN_NAME_BARE, lx.first_names), (_DELEGATION_NOUN, lx.delegation_nouns),
                   (EVENT_TRIGGER, self.event_triggers), (MEMBERSHIP, MEMBERSHIP_CUES),
                   (PLACE_NAME, lx.place_names), (PARTY_ZONE, PARTY_ZONE_WORDS), (VENUE_HEAD, lx.venue_heads),
                   (AGENDA_START, lx.agenda_cues | DOCUMENT_NOUNS | AGENDA_CUES_BEFORE_IN),
                   (FUTURE_VERB, self.unsplit_future_verbs), (PARTY_CUE, PARTY_CUES_BARE),
                   (SEVERAL_EVENTS, SEVERAL_EVENTS_NOUNS)]
        # the words that begin a phrase (single words: a phrase's prefixes are joined keys)
        as_bare += [(bit, matcher.first_words()) for matcher, bit in self.phrase_classes]
        as_stem = [(TITLE_CUE | _HEAD, heads), (NAME_TRIGGER, self.name_triggers),
                   (_DELEGATION_NOUN, lx.delegation_nouns), (EVENT_TRIGGER, self.event_triggers),
                   (VENUE_HEAD, lx.venue_heads), (PLACE_NAME, lx.country_names), (PARTY_ZONE, RECEPTION_NOUNS),
                   (ORG_NAME_HEAD, ORG_NAME_HEADS), (_GENERIC, GENERIC_PERSON_NOUNS), (AGENDA_START, DOCUMENT_NOUNS),
                   (BODY_HEAD, ORG_HEADS)]
        as_written = [(TITLE_CUE, self.title_cues_as_written), (GIVEN_NAME, lx.first_names),
                      (PLACE_PARTICLE, PLACE_PARTICLES), (MEMBERSHIP, MEMBERSHIP_CUES), (PARTY_ZONE, PARTY_ZONE_WORDS),
                      (AGENDA_START, lx.agenda_cues), (BLESSING_START, BLESSINGS.first_words()),
                      (PARTY_CUE, PARTY_CUES_AS_WRITTEN), (SEVERAL_EVENTS, SEVERAL_EVENTS_NOUNS)]
        found: dict[str, list[int]] = {}
        for role, sets in enumerate((as_bare, as_stem, as_written)):
            for bits, words in sets:
                for word in words:
                    found.setdefault(word, [0, 0, 0])[role] |= bits
        return {word: tuple(bits) for word, bits in found.items()}

    def of(self, t: Token) -> int:
        return self.of_word(t.text, t.norm, t.bare, t.stem, t.is_arabic, t.has_article, t.clitic_len, t.suffix_len)

    def of_word(self, text: str, norm: str, bare: str, stem: str, is_arabic: bool, has_article: bool,
                clitic_len: int, suffix_len: int) -> int:
        """The classes of a token with these fields (a new word's, before its tokens are made)."""
        sets_of = self.sets_of
        bare_in = sets_of.get(bare, _NOT_IN_ANY)
        found = bare_in[0] | (bare_in if stem == bare else sets_of.get(stem, _NOT_IN_ANY))[1] \
            | (bare_in if norm == bare else sets_of.get(norm, _NOT_IN_ANY))[2]
        classes = found & _CLASSES
        if is_arabic and found & _DELEGATION_NOUN:
            classes |= DELEGATION
        if has_article:
            if found & _HEAD or stem[-2:] in ("ين", "ان") and stem[:-2] in self.lx.title_heads:
                classes |= ROLE_HEAD
            if found & _GENERIC:
                classes |= PERSON_REFERENCE
        elif found & _HEAD:
            classes |= INDEFINITE_HEAD
        if suffix_len and stem.startswith(COUNTERPART_HEADS):
            classes |= PERSON_REFERENCE
        if is_arabic and clitic_len and text[0] in "بل":
            classes |= BA_OR_LAM
        if is_arabic and (bare != norm or norm.startswith(PROCLITIC_STARTS)):
            classes |= CLITIC_KEY
        if text in QUOTES_OPEN:
            classes |= QUOTE_OPEN
        if text in "،,":
            classes |= COMMA
        if text in "؛:":
            classes |= PARTY_CUE
        return classes
