"""The word classes the rules' scans start from, found once per written word.

Most words of an article are in none of the classes a rule starts from (a title head, a given
name, a trigger, a place name…). Rather than test every token against several sets in every
scan, each written word's classes are found once, with its Farasa analysis
(``pipeline.Segment``), and kept as the bits of ``Token.classes``: a scan tests one bit per
token. A token the rules cut again (``entities.resegment``) has its classes found again.
"""
from __future__ import annotations

from .doc import Token
from .lexicon import load_word_classes

WORD_CLASSES = load_word_classes()
MEMBERSHIP_CUES = WORD_CLASSES["membership_cues"]
PLACE_PARTICLES = WORD_CLASSES["place_particles"]
RECEPTION_NOUNS = WORD_CLASSES["reception_nouns"]
GENERIC_PERSON_NOUNS = WORD_CLASSES["generic_person_nouns"]
COUNTERPART_HEADS = tuple(WORD_CLASSES["counterpart_heads"])
# the words a clause's participants are read by (events.fill_participants), bare or as written
PARTY_ZONE_WORDS = WORD_CLASSES["party_boundaries"] | WORD_CLASSES["attendance_cues"]
# the proclitics a phrase's first word may carry (entities.phrase_keys_of)
PROCLITIC_LETTERS = frozenset("وفبلك")
PROCLITIC_STARTS = tuple(PROCLITIC_LETTERS)   # for str.startswith: no slice of the word is made
ORG_NAME_HEADS = WORD_CLASSES["organisation_name_heads"]
QUOTES_OPEN = set("“«\"'《‹„")

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
        nouns = {w for spec in lexicons.triggers.values() for w in spec["nouns"]}
        with_partner = {w for spec in lexicons.triggers.values() for w in spec["requires_with"]}
        self.event_triggers = frozenset(
            {*lexicons.multiword_triggers, *RECEPTION_NOUNS, *verbs, *nouns, *with_partner}
            | {w[:-1] + "ت" for w in nouns if w.endswith("ه")}
            | {w[:-1] + "ي" for w in nouns if w.endswith("ء")}
            | {w[:-1] + "ا" for w in verbs if w.endswith("ي")})
        # the phrase matchers whose starts are classes (a lexicon made for a test may lack them)
        self.phrase_classes = [(matcher, bit) for matcher, bit in ((lexicons.person_phrases, PERSON_PHRASE),
                                                                   (lexicons.places_and_bodies, BODY_PHRASE))
                               if matcher is not None]

    def of(self, t: Token) -> int:
        return self.of_word(t.text, t.norm, t.bare, t.stem, t.is_arabic, t.has_article, t.clitic_len, t.suffix_len)

    def of_word(self, text: str, norm: str, bare: str, stem: str, is_arabic: bool, has_article: bool,
                clitic_len: int, suffix_len: int) -> int:
        """The classes of a token with these fields (a new word's, before its tokens are made)."""
        lx = self.lx
        heads = lx.title_heads
        classes = 0
        if stem in heads or bare in self.title_cues_bare or norm in self.title_cues_as_written:
            classes |= TITLE_CUE
        if bare in self.name_triggers or stem in self.name_triggers:
            classes |= NAME_TRIGGER
        if norm in lx.first_names:
            classes |= GIVEN_NAME
        if bare in lx.first_names:
            classes |= GIVEN_NAME_BARE
        if is_arabic and (stem in lx.delegation_nouns or bare in lx.delegation_nouns):
            classes |= DELEGATION
        if has_article and (stem in heads or stem[-2:] in ("ين", "ان") and stem[:-2] in heads):
            classes |= ROLE_HEAD
        if norm in PLACE_PARTICLES:
            classes |= PLACE_PARTICLE
        if is_arabic and clitic_len and text[0] in "بل":
            classes |= BA_OR_LAM
        if bare in self.event_triggers or stem in self.event_triggers:
            classes |= EVENT_TRIGGER
        if bare in MEMBERSHIP_CUES or norm in MEMBERSHIP_CUES:
            classes |= MEMBERSHIP
        if stem in lx.venue_heads:
            classes |= VENUE_HEAD
        if bare in lx.place_names or stem in lx.country_names:
            classes |= PLACE_NAME
        if has_article and stem in GENERIC_PERSON_NOUNS or suffix_len and stem.startswith(COUNTERPART_HEADS):
            classes |= PERSON_REFERENCE
        if not has_article and stem in heads:
            classes |= INDEFINITE_HEAD
        if bare in PARTY_ZONE_WORDS or norm in PARTY_ZONE_WORDS or stem in RECEPTION_NOUNS:
            classes |= PARTY_ZONE
        if is_arabic and (bare != norm or norm.startswith(PROCLITIC_STARTS)):
            classes |= CLITIC_KEY
        if text in QUOTES_OPEN:
            classes |= QUOTE_OPEN
        if stem in ORG_NAME_HEADS:
            classes |= ORG_NAME_HEAD
        if text in "،,":
            classes |= COMMA
        for matcher, bit in self.phrase_classes:
            if matcher.begins(bare):
                classes |= bit
        return classes
