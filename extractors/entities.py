"""Entities without a downloadable NER model.

People are found from titles (وزير الداخلية فتحي باشاغا), appositions (فتحي باشاغا، وزير
الداخلية), given-name lexicons, quotes («باشاغا») and "نظيره"; they are then linked
to their later mentions: surnames (باشاغا), role mentions (الوزير التركي، الوزيرين).
Countries, cities, organisations and delegations come from the lexicons.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from .cache import WordCache
from .doc import UNSEEN_WORD_LOGPROB, Doc, Token, covered_tokens, headline_line, original_length, other_spellings
from .gazetteers import CITY, PLACE, load_gazetteers
from .identity import names_a_parent
from .lexicon import load_word_classes
from .normalize import normalize_word, text_key, written_form
from .wordclasses import (BA_OR_LAM, BLESSING_START, BLESSINGS, BODY_HEAD, CLITIC_KEY, COMMA, DELEGATION, GIVEN_NAME,
                          GIVEN_NAME_BARE, INDEFINITE_HEAD, MEMBER_NOUNS, NAME_TRIGGER, ORG_NAME_HEAD, ORG_NAME_HEADS, PERSON_REFERENCE,
                          PLACE_PARTICLE, PROCLITIC_LETTERS, QUOTE_OPEN, QUOTES_OPEN, ROLE_HEAD, SIDE_NOUNS, TITLE_CUE, WordClasses)

WORD_CLASSES = load_word_classes()
MEMBERSHIP_CUES = WORD_CLASSES["membership_cues"]
SAID_THAT = WORD_CLASSES["said_that"]
COMPOUND_SECONDS = WORD_CLASSES["compound_name_seconds"]
ORG_HEADS = WORD_CLASSES["organisation_heads"]
TANWEEN = set("\u064b\u064c\u064d")
NAME_PARTICLES = WORD_CLASSES["name_particles"]
FILIAL_PARTICLES = WORD_CLASSES["filial_particles"]
SPOKESMAN_TITLE_REACH = 8   # words from a spokesman's head to the title before his name (المتحدث … السفير)
REGNAL_ORDINALS = WORD_CLASSES["regnal_ordinals"]
QUOTES_CLOSE = set("”»\"'》›“")
# (an entity's text is tested for any mark at once: one set of single characters, made once)
_QUOTE_MARKS = frozenset(QUOTES_OPEN | QUOTES_CLOSE)
_QUOTE_MARKS_AS_SPACES = {ord(c): " " for c in _QUOTE_MARKS}
# Hypotheses about a token's frequency come from Farasa's own word counts (log-probabilities):
# rarer than this, a word with the article is likely a family name (السراج), not a noun.
RARE_WORD_LOGPROB = -5.5
MAX_BODY_NAME_WORDS = 3   # words of a body's proper name after its head word (شركة أرامكو)
MAX_COMMON_BODY_WORDS = 4  # common words of a body's name after its head word (غرفة تجارة وصناعة الكويت)
COMMON_BODIES = "common_bodies"  # Doc.derived: the ids of the bodies ``common_bodies`` found
MAX_NAME_TOKENS = 4
TITLE_BASES = WORD_CLASSES["title_bases"]
DELEGATION_MODIFIERS = WORD_CLASSES["delegation_modifiers"]
ACCREDITED_TO = WORD_CLASSES["accredited_to"]
ENVOY_HEADS = WORD_CLASSES["envoy_heads"]
REPRESENTATIVE_HEADS = WORD_CLASSES["representative_heads"]
CALL_VERBS = WORD_CLASSES["call_verbs"]
UNNAMED_NAME_REACH = 12   # words after an official's title a name may still start at (a long title, ranks)
VENUES_NAMED_AFTER_PEOPLE = WORD_CLASSES["venues_named_after_people"]
DESTINATION_PARTICLES = WORD_CLASSES["destination_particles"]
IN_PARTICLES = WORD_CLASSES["in_particles"]
SPOKESMAN_LINKS = WORD_CLASSES["spokesman_links"]
COUNTERPART_HEADS = tuple(WORD_CLASSES["counterpart_heads"])
TITLE_PLURALS = WORD_CLASSES["title_plurals"]
LIST_OPENERS = WORD_CLASSES["list_openers"]
MAX_LISTED_ENVOYS = 8
DATELINE_REACH = 60    # words from the text's start a dateline may open a line at (a headline first)
DATELINE_WORDS = 6     # words of a dateline before the agency's bracket (الكويت - 12 - 3 (كونا) -)
DUAL_ENDINGS = ("ان", "ين")   # a dual title's ending (الرئيسان، الوزيرين)
PRESENT_PREFIX = "ي"   # the present tense's prefix (يستقبل، يهنئ)
SIMILE_PREFIX = "ك"   # the proclitic "like" (كرئيس)
SOURCE_WORDS = 4       # words of an agency's name in brackets (أ ش أ)
WITNESS_VERBS = WORD_CLASSES["witness_verbs"]


@dataclass
class Mention:
    first: int          # token index
    last: int           # one past the last token
    start: int
    end: int
    text: str
    kind: str = "name"  # name | surname | role | quote


@dataclass
class Entity:
    id: int
    kind: str                      # person | org | country | city | delegation
    name: str
    key: str
    title: str | None = None
    country: str | None = None
    organization: str | None = None
    head: str | None = None        # title head key (وزير، رئيس) for role mentions
    mentions: list[Mention] = field(default_factory=list)
    members: list["Entity"] = field(default_factory=list)
    speaker_only: bool = False     # spokespeople: quoted, not participants
    other_titles: list[str] = field(default_factory=list)  # titles set after the name (_title_key)

    @property
    def surname(self) -> str:
        return self.key.split()[-1]

    def as_participant(self) -> dict:
        return {"name": self.name, "title": self.title, "organization": self.organization,
                "country": self.country}


class EntityRecognizer:
    # Rule families, each a method run in this order; any can be switched off by name.
    FAMILIES = ("titled_people", "dual_titled_people", "listed_envoys", "given_name_people", "quoted_people", "tagged_people", "apposed_people",
                "places_and_orgs", "tagged_places_and_orgs", "gazetteer_places", "surnames", "role_mentions",
                "unnamed_officials")

    def __init__(self, lexicons, engine, disabled=frozenset(), tagger=None, word_classes=None):
        self.lx = lexicons
        self.disabled = frozenset(disabled)
        # the trained entity tagger (``extractors.tagger``): its spans are candidates the
        # rules then complete with titles, appositions and later mentions
        self.tagger = None if "entity_tagger" in self.disabled else tagger
        self.gazetteers = load_gazetteers()
        self.word_logprob = _word_logprob(engine)
        # the classes of words the scans start from (``Token.classes``), and of words re-cut
        self.word_classes = word_classes or WordClasses(lexicons)
        # every single-word trigger of every type, for the name test run on each token
        self.trigger_words = self.word_classes.name_triggers
        # the keys of the function words as written: a word whose key is none of them is none of
        # them as written either (its written form is then not made)
        self.function_surface_keys = frozenset(map(normalize_word, lexicons.function_surfaces))

    def sentences_to_tag(self, doc: Doc) -> set[int]:
        """Sentences whose people can take part in an event: those with a trigger word and the
        first (the headline names the parties). Elsewhere the rules alone find people (a
        subject carried over from the sentence before is most often titled)."""
        toks = doc.tokens
        return {0, *{toks[k].sentence for k in doc.with_class(NAME_TRIGGER)}}

    # ---- token classes -------------------------------------------------
    def is_title_head(self, tok: Token) -> bool:
        # the word as written too: Farasa cuts some heads off their entry (نظيرته → نظير+ت+ه, سفيري → س+فيري),
        # but not a function word after a proclitic (وإلى, and to, is written like والي, governor)
        # (the written form last: most words are no title head)
        if not (tok.stem in self.lx.title_heads or tok.bare in self.lx.title_heads
                or tok.norm in self.lx.title_heads and not (tok.clitic_len and tok.bare in self.lx.function_words)):
            return False
        keys, norm = self.function_surface_keys, tok.norm
        if norm not in keys and not (norm[:1] == "و" and norm[1:] in keys):
            return True
        written = written_form(tok.text)
        return written not in self.lx.function_surfaces \
            and not (written[:1] == "و" and written[1:] in self.lx.function_surfaces)
        # أمام (before) normalises like إمام; والى (and to, without its hamza) like والي (governor)

    def is_honorific(self, tok: Token) -> bool:
        return tok.bare in self.lx.honorifics or tok.norm in self.lx.honorifics

    def is_delegation_noun(self, tok: Token) -> bool:
        return tok.bare in self.lx.delegation_nouns or tok.norm in self.lx.delegation_nouns

    def names_country(self, tok: Token) -> bool:
        return tok.bare in self.lx.country_names or tok.stem in self.lx.country_names

    def is_function(self, tok: Token) -> bool:
        if tok.norm in self.lx.first_names:
            # normalisation merges على and the name علي: decide on the written form
            return tok.norm in self.function_surface_keys and written_form(tok.text) in self.lx.function_surfaces
        return tok.norm in self.lx.function_words or tok.bare in self.lx.function_words

    def is_trigger(self, tok: Token) -> bool:
        return tok.bare in self.trigger_words

    def present_verb_like(self, tok: Token) -> bool:
        """A word Farasa knows that opens with the present tense's ي and no name list holds."""
        return tok.norm[:1] == PRESENT_PREFIX and not tok.clitic_len and not self.unseen_word(tok) \
            and tok.norm not in self.lx.first_names and tok.norm not in self.gazetteers.given_names \
            and tok.norm not in self.gazetteers.family_names

    def unseen_word(self, tok: Token) -> bool:
        return self.word_logprob(tok.text) <= UNSEEN_WORD_LOGPROB

    def is_rare(self, tok: Token) -> bool:
        return self.word_logprob(tok.text) < RARE_WORD_LOGPROB

    def demonym_of(self, tok: Token) -> str | None:
        iso = self.lx.demonyms.get(tok.stem)
        if iso is None and tok.bare.startswith("ال"):
            iso = self.lx.demonyms.get(tok.bare[2:])  # Farasa leaves some ى-final forms unsplit
        if iso is None and tok.clitic_len:
            iso = self.lx.demonyms.get(tok.norm)  # بنمي، لاوسي: Farasa took the first letter for a clitic
        return iso

    def name_like(self, tok: Token, position: int) -> bool:
        if not tok.is_arabic or self.is_function(tok) or self.is_title_head(tok) or self.is_trigger(tok) \
                or tok.bare in WITNESS_VERBS or tok.bare in CALL_VERBS:
            return False  # تبون يجري مكالمة: a headline's verb after the name
        if not TANWEEN.isdisjoint(tok.text):
            return False  # an indefinite noun (مؤتمراً) is never part of a name
        if tok.bare in self.lx.agenda_cues and tok.norm not in self.lx.first_names:
            return False  # يبحث مع المبعوث الأممي مستجدات …: a topic's cue is no name
        if tok.norm in self.lx.first_names or tok.norm in NAME_PARTICLES:
            return True
        if len(tok.segments) > 1 and tok.segments[-1] == "ا" and not self.is_rare(tok) \
                and tok.norm not in self.gazetteers.family_names:
            return False  # اتصالا، وفدا: an indefinite noun whose tanween is not written
        if tok.clitic_len or tok.suffix_len:
            # Farasa splits some foreign names (سيالة → س+يال+ة); inside a name a rare
            # whole word is kept, but و always starts a new constituent.
            if tok.norm[:1] in ("و", "ف") and position > 0 and self.family_name_after_a_letter(tok):
                return True  # مايك والتز، إلينا فالتونن: a rare family name that begins with و or ف
            if position == 0 or tok.norm.startswith("و") or tok.stem in self.lx.venue_heads or tok.has_article:
                return False  # بقصر قرطاج، للاطمئنان: a word with a particle and the article is no name
            if not self.is_rare(tok) and tok.norm not in self.gazetteers.family_names and not reads_as_nisba(tok):
                return False  # لامي (ل+امي) is a family name the gazetteer knows
            if tok.segments and tok.segments[0] == "س" and not tok.norm.endswith("ه") \
                    and self.word_logprob(tok.norm[1:]) >= RARE_WORD_LOGPROB:
                return False  # ستتضمن: a future verb, not a split name (ساسو is one: اسو is no word)
        if self.is_honorific(tok) or tok.bare in self.lx.title_modifiers:
            return False
        if self.names_country(tok):
            return False
        if tok.stem in self.lx.demonyms and (position == 0 or position == 1 and tok.has_article):
            return False
        if tok.bare in self.lx.cities and position > 0 and not self.is_rare(tok):
            return False  # a well-known city after a name is the verb's object (زار الرئيس ماكرون بيروت); a rare one is a family name (بخاري)
        if tok.bare in self.lx.institutional_nouns or tok.stem in self.lx.institutional_nouns:
            return False
        if self.is_delegation_noun(tok) or tok.bare in MEMBER_NOUNS:
            return False  # استقبل الوزير وفدا …، ممثلي …: a delegation or a body's members are not a name
        if tok.has_article and position == 0:
            return self.is_rare(tok)
        return True

    # ---- stage -----------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        state = _State(doc, self)
        # the words as Farasa cut them, read by both phrase matchers (before any is re-cut: resegment)
        state.word_keys = word_keys(doc.tokens, doc.with_class(CLITIC_KEY),
                                    {matcher: doc.with_class(bit) for matcher, bit in self.word_classes.phrase_classes})
        time_tokens = covered_tokens(doc, doc.times)
        state.blocked |= time_tokens | dispatch_source(doc)
        if "blessings" not in self.disabled:
            state.blocked |= blessings(doc)
        state.tag(self.tagger.tag(doc, self.sentences_to_tag(doc)) if self.tagger is not None else [])
        self.mark_person_phrases(state)
        for family, run in zip(self.FAMILIES, (self.find_titled_people, self.find_people_after_a_dual_title,
                                               self.find_listed_envoys, self.find_given_name_people,
                                               self.find_quoted_people, self.find_tagged_people, self.find_apposed_people,
                                               self.find_places_and_orgs, self.find_tagged_places_and_orgs,
                                               self.find_gazetteer_places, self.link_surnames,
                                               self.link_role_mentions, self.link_unnamed_officials)):
            if family not in self.disabled:
                run(state)
        doc.entities = state.entities
        doc.mention_index = state.mention_index()
        doc.mentions_at = state.mentions_at()
        doc.title_tokens = state.title_tokens
        return doc

    # ---- people ------------------------------------------------------------
    def mark_person_phrases(self, st: "_State") -> None:
        """Multi-word title heads, honorifics and given names of the lexicon (ولي العهد، آية الله،
        عبد الله), found by the phrase matcher; the rules test single words one by one."""
        matcher = self.lx.person_phrases
        for m in matcher.match(*phrase_keys_of(st.doc.tokens, matcher, st.word_keys)):
            if m.last - m.first < 2:
                continue
            if m.label in ("head", "definite_title"):
                st.title_heads[m.first] = m.last
            elif m.label == "honorific":
                st.honorific_words.update(range(m.first, m.last))
            else:
                st.given_names[m.first] = m.last
                st.given_name_words.update(range(m.first, m.last))

    def find_titled_people(self, st: "_State") -> None:
        toks = st.doc.tokens
        # the words a title or a delegation's head can start at: the others are passed over
        i = 0
        for k in sorted({*st.doc.with_class(TITLE_CUE), *st.title_heads}):
            if k < i:
                continue
            i, tok = k, toks[k]
            if tok.norm in MEMBERSHIP_CUES and i not in st.used:
                # وفد المستثمرين برئاسة مسعد بن سمار: a delegation's head is named like a titled person
                n_end = self.parse_name(toks, i + 1, after_title=True, st=st)
                if n_end > i + 1:
                    st.add_person(i + 1, n_end)
                i = max(n_end, i + 1)
                continue
            if i in st.used or i in st.given_name_words or self.given_name_before_patronym(toks, i) or not (
                    self.is_title_head(tok) or tok.bare in self.lx.definite_name_titles or i in st.title_heads):
                i += 1
                continue
            t_end, country, org = self.parse_title(toks, i, st.title_heads.get(i), st.given_names)
            if self.names_a_venue(toks, i):
                i = t_end  # مطار الملك خالد: a place named after a person
                continue
            j = t_end
            while j < len(toks) and (self.is_honorific(toks[j]) or j in st.honorific_words or toks[j].text in "،,"
                                     or toks[j].text in QUOTES_OPEN) and j - t_end < 3:
                if j > t_end and toks[j].norm == toks[j - 1].norm:
                    break  # السيد السيد القصير: an honorific's twin is the given name
                j += 1
            # X وزير الخارجية، مستجدات الأوضاع: a title after a name is his, and what follows its comma is not a name
            second_title = (i in st.title_tokens or self.after_name_and_comma(toks, i, st)
                            or self.after_honoured_name(toks, i, st)) \
                and any(toks[k].text in "،," for k in range(t_end, j))
            n_end = j if second_title else self.parse_name(toks, j, after_title=True, st=st)
            if n_end > j and "\n" in st.doc.text[toks[t_end - 1].end:toks[j].start]:
                n_end = j  # a headline's last words and the dateline under it are not one person
            if j < n_end <= j + MAX_BODY_NAME_WORDS - 1 and j == t_end:
                named_after = self.body_name_then_person(toks, i, t_end, n_end, st)
                if named_after:
                    org = _text(toks, t_end, n_end)
                    t_end, j, n_end = n_end, n_end + 1, named_after
            if n_end > j:
                st.title_tokens.update(range(t_end, j))
                person = st.add_person(j, n_end, title=(i, t_end), country=country, org=org, head=tok.stem,
                                       speaker_only=tok.stem in self.lx.non_participant_heads
                                       or self.spokesman_after(toks, n_end, st) or self.spokesman_before(toks, i, st))
                self.mark_second_title(toks, n_end, st, person)
                i = n_end
            else:
                i = max(t_end, i + 1)

    def find_people_after_a_dual_title(self, st: "_State") -> None:
        """الرئيسان السيسي وأردوغان، الوزيران X وY: a dual title is followed by the two names
        it is held by."""
        toks = st.doc.tokens
        for i in st.doc.with_class(ROLE_HEAD):
            tok = toks[i]
            if i in st.used or not tok.has_article or not tok.stem.endswith(DUAL_ENDINGS) \
                    or tok.stem[:-2] not in self.lx.title_heads:
                continue
            first_end = self.parse_name(toks, i + 1, after_title=True, st=st)
            if not i + 1 < first_end < len(toks) or not toks[first_end].norm.startswith("و"):
                continue
            second = toks[first_end]
            if not (second.clitic_len and (self.is_rare(second) or second.bare in self.gazetteers.family_names)):
                continue
            second_end = max(self.parse_name_after_clitic(toks, first_end, st), first_end + 1)
            st.add_person(i + 1, first_end, title=(i, i + 1))
            st.add_person(first_end, second_end)

    def find_listed_envoys(self, st: "_State") -> None:
        """سفراء (كل من) اليابان ماساكي نودا، والبرازيل كارلوس ماتوس: after a plural title each
        country is followed by the name of the one who holds the title for it."""
        toks = st.doc.tokens
        for i in st.doc.with_class(TITLE_CUE):
            head = toks[i].stem if toks[i].stem in TITLE_PLURALS else toks[i].bare
            if head not in TITLE_PLURALS or i in st.used:
                continue
            j = i + 1
            while j < len(toks) and toks[j].norm in LIST_OPENERS:
                j += 1
            for _ in range(MAX_LISTED_ENVOYS):
                if j + 1 >= len(toks) or j in st.used:
                    break
                iso = self.lx.country_names.get(toks[j].bare)
                # a country of two words (جنوب أفريقيا) the world gazetteer knows
                start = j + 1 if iso is not None else j + 2 if self.two_word_place(toks, j) else None
                if start is None:
                    break
                end = self.parse_name(toks, start, after_title=True, st=st)
                if end <= start + 1 and not (end == start + 1 and toks[start].norm in self.lx.first_names):
                    break  # a name of one word only when the lists know it
                st.add_person(start, end, country=iso, head=TITLE_PLURALS[head])
                j = end + (end < len(toks) and toks[end].text in "،,")
                if j >= len(toks) or not (toks[j].clitic_len and toks[j].text[0] == "و"):
                    break

    def given_name_before_patronym(self, toks, i) -> bool:
        """السيد سلطان بن سعد، وزير الصناعة سلطان الجابر، المهندس أمين الناصر: a title word that
        is also a given name names a person when بن, or a family name the gazetteer knows, follows it."""
        tok = toks[i]
        if tok.has_article or tok.clitic_len or i + 1 >= len(toks) \
                or tok.norm not in self.lx.first_names and tok.norm not in self.gazetteers.given_names:
            return False
        after = toks[i + 1]
        if after.norm in NAME_PARTICLES:
            return tok.norm in self.lx.first_names
        return self.is_title_head(tok) and after.has_article and not after.clitic_len and after.norm in self.gazetteers.family_names \
            and not self.demonym_of(after) and not self.is_title_head(after) and not self.is_honorific(after)

    def definite_given_name(self, toks, i) -> bool:
        """الأمير الحسين بن عبدالله، وزير التجارة الطيب زيتوني: a given name may take the article;
        بن after it, or a family name no common word spells, says it is one."""
        tok = toks[i]
        if not tok.has_article or tok.clitic_len or i + 1 >= len(toks) or _without_article(tok.norm) not in self.lx.first_names:
            return False
        after = toks[i + 1]
        return after.norm in NAME_PARTICLES or not after.has_article and not after.clitic_len and after.is_arabic \
            and (self.is_rare(after) or after.norm in self.gazetteers.family_names) and self.name_like(after, 1)

    def body_name_then_person(self, toks, i, t_end, k, st) -> int:
        """المدير العام للشركة الإسبانية ناتورجي، فرانسيسكو ريناس: after a title that heads a
        body, the words up to a comma (tokens[t_end:k]) are the body's name, and the name after
        the comma is the person's (where it ends, else 0)."""
        if k + 1 >= len(toks) or toks[k].text not in "،," \
                or not any(toks[m].stem in ORG_HEADS for m in range(i, t_end)):
            return 0
        end = self.parse_name(toks, k + 1, after_title=True, st=st)
        return end if end > k + 2 or end > k + 1 and toks[k + 1].norm in self.lx.first_names else 0

    def names_a_venue(self, toks, i) -> bool:
        """A title right after a venue's head word (مطار الملك خالد، قصر الأمير سلطان) names the place."""
        return i > 0 and _heads_construct(toks[i - 1], VENUES_NAMED_AFTER_PEOPLE)

    def venue_head_before(self, prev: Token) -> bool:
        """A venue's head word in the construct state (قصر، مطار، جامعة): what follows names it."""
        return _heads_construct(prev, self.lx.venue_heads)

    def after_name_and_comma(self, toks, i, st) -> bool:
        """حسن عبد الله، محافظ البنك المركزي، نايجل كلارك: a title set off by commas right after a
        name is that name's, not the next one's."""
        if i < 2 or toks[i - 1].text not in "،," or toks[i].clitic_len and toks[i].text[0] == "و":
            return False  # …، ووزير الخارجية …، Y: a title after و starts the next person
        k = i - 2
        tok = toks[k]
        named = k in st.used and any(m.first <= k < m.last for e in st.entities if e.kind == "person" for m in e.mentions)
        return named or k in st.given_name_words \
            or tok.norm in self.lx.first_names or self.name_like(tok, 1) and self.family_name_like(tok)

    def after_honoured_name(self, toks, i, st) -> bool:
        """معالي جوزيب بوريل الممثل الأعلى …، مستجدات …: a title right after a name that an
        honorific opens is that name's, as Gulf agencies write it."""
        k = i - 1
        while k >= 0 and i - k <= MAX_NAME_TOKENS + 1 and (toks[k].norm in NAME_PARTICLES or self.name_like(toks[k], 1)) \
                and not self.is_honorific(toks[k]) and k not in st.honorific_words:
            k -= 1
        return 0 <= k < i - 1 and (self.is_honorific(toks[k]) or k in st.honorific_words)

    def parse_title(self, toks: list[Token], i: int, head_end: int | None = None,
                    given_names=()) -> tuple[int, str | None, str | None]:
        """End of the title phrase starting at ``i``, with the country and organisation it names.

        A definite head (الرئيس، الوزير) takes only demonyms and modifiers before the name;
        an indefinite one (وزير، رئيس) takes a construct chain (وزير خارجية مصر، رئيس
        المجلس الرئاسي لحكومة الوفاق الوطني). ``head_end``: where a multi-word head of the
        lexicon ends (ولي العهد، رجل الأعمال); its first word decides whether it is definite.
        """
        lx = self.lx
        head = toks[i]
        definite = head.has_article or head.bare in lx.definite_name_titles
        country, org_start, accredited = None, None, False
        j = head_end or i + 1
        while j < len(toks):
            t = toks[j]
            body_end = self.lexicon_body_at(toks, j) if j > i and t.stem in ORG_HEADS else None
            if body_end is not None:
                org_start = j if org_start is None else org_start
                j = body_end  # رئيس حركة أمل نبيه بري، رئيس تيار المردة: the party's name, whatever word it holds
                continue
            if j in given_names:
                break  # رئيس الجمهورية عبد المجيد …: a given name of the lexicon starts the name
            if j > i + 1 and self.definite_given_name(toks, j):
                break  # وزير التجارة الطيب زيتوني: a given name with the article starts the name
            if t.norm in ACCREDITED_TO and not definite:
                j += 1
                accredited = True  # سفير … لدى العراق: the host country, not the ambassador's
                if j < len(toks) and toks[j].bare in lx.cities and "accredited_cities" not in self.disabled:
                    j += 1  # سفير الصين لدى القاهرة لياو ليتشيانغ: a city there, whatever name follows
                continue
            if t.norm in ACCREDITED_TO and j + 1 < len(toks) and self.names_country(toks[j + 1]):
                j += 2  # السفير البريطاني لدى العراق: a definite title takes its host country too
                accredited = True
                continue
            if t.norm in DESTINATION_PARTICLES and head.stem in ENVOY_HEADS and j + 1 < len(toks) \
                    and self.names_country(toks[j + 1]):
                j += 2  # المبعوث الأمريكي إلى السودان: the country an envoy is sent to
                accredited = True
                continue
            if t.norm in DESTINATION_PARTICLES and head.stem in ENVOY_HEADS and j + 2 < len(toks) \
                    and (toks[j + 1].bare in lx.region_words or toks[j + 1].stem in lx.region_words) \
                    and toks[j + 2].has_article and not toks[j + 2].clitic_len:
                # المبعوث الخاص إلى منطقة الساحل، إلى منطقة القرن الإفريقي: the region he is sent to
                j += 3
                while j < len(toks) and toks[j].has_article and not toks[j].clitic_len and toks[j].stem not in lx.title_heads:
                    j += 1
                accredited = True
                continue
            if t.norm in IN_PARTICLES and j > i + 1 and j + 1 < len(toks) and self.names_country(toks[j + 1]) \
                    and not toks[j + 1].clitic_len:
                j += 2  # الممثلة الخاصة للأمين العام في العراق: the country where the holder serves
                accredited = True
                continue
            if t.norm in IN_PARTICLES and not definite and j + 1 < len(toks) and toks[j + 1].stem in lx.institutional_nouns:
                j += 1  # وزير الدفاع في حكومة تصريف الأعمال
                continue
            if self.is_honorific(t) and j > i + 1 and j + 1 < len(toks) and not toks[j - 1].has_article \
                    and toks[j - 1].stem in lx.institutional_nouns and self.is_title_head(toks[j + 1]) \
                    and "principals_offices" not in self.disabled:
                j += 2  # مدير مكتب جلالة الملك X: the office of a principal, whose title is no one's name
                continue
            if j > i + 1 and t.suffix_len and t.bare.startswith(COUNTERPART_HEADS) and "counterpart_titles" not in self.disabled:
                break  # ثم التقى وزير الخارجية نظيره الإسباني X: the counterpart's title starts another's
            quoted = quoted_body_name_end(toks, j) if "quoted_bodies" not in self.disabled else None
            if quoted is not None:
                org_start = org_start if org_start is not None else j - 1
                j = quoted  # الرئيس التنفيذي لشركة "مايكروسوفت" Microsoft: the company's name in quotes
                continue
            if not t.is_arabic or self.is_function(t) or self.is_honorific(t) and j > i + 1 or t.norm in MEMBERSHIP_CUES:
                break
            if t.norm in SPOKESMAN_LINKS and all(w.bare in lx.title_modifiers for w in toks[i + 1:j]):
                j += 1  # المتحدث باسم الرئاسة
                definite = False
                continue
            if not t.has_article and t.bare in lx.country_names and toks[j - 1].has_article \
                    and self.demonym_of(toks[j - 1]):
                break  # رئيسة الوزراء الإيطالية جورجيا …: after the demonym a name begins, not a country
            if country and toks[j - 1].norm not in ACCREDITED_TO and not self.is_function(toks[j - 1]) \
                    and self.place_named_person(toks, j):
                break  # رئيسة وزراء إيطاليا جورجيا ميلوني: after the title's country, a place is a given name
            iso = self.demonym_of(t)
            if iso and (t.has_article or t.bare.startswith("ال") or not definite):
                country = country or iso
                j += 1
                continue
            if t.bare in lx.title_modifiers:
                j += 1
                continue
            if t.clitic_len and t.text[0] == "ب" and t.bare in lx.cities and j > i + 1:
                j += 1  # السفير القمري بالقاهرة: where the title holder serves
                continue
            if definite and t.clitic_len and t.text[0] == "ل" and j > i + 1 - (head_end is not None) \
                    and (t.has_article or t.stem in lx.institutional_nouns or self.is_title_head(t)
                         or t.stem in ORG_HEADS and "bodies_after_lam" not in self.disabled):
                j += 1  # الممثلة الخاصة للأمين العام للأمم المتحدة، لبرنامج الأغذية: a chain of ل goes on the title
                definite = False
                continue
            # (Farasa leaves ل on a name it does not know: the word is re-cut later)
            if definite and t.text[0] == "ل" and j > i + 1 and j + 1 < len(toks) \
                    and toks[j + 1].norm in lx.first_names and t.norm not in lx.first_names \
                    and "bodies_after_lam" not in self.disabled:
                j += 1  # المدير العام لسوناطراك رشيد حشيشي: the body a title serves, a given name after it
                break
            if definite or t.norm in lx.first_names:
                break
            two_words = j + 1 < len(toks) and lx.country_names.get(t.bare + " " + toks[j + 1].norm)
            if two_words and not definite:
                country = country or two_words
                j += 2  # وزيرة خارجية جنوب أفريقيا: a country of two words
                continue
            place = lx.country_names.get(t.bare) or lx.country_names.get(t.stem)
            if place and not t.norm.startswith("و") or place and t.bare in lx.country_names and country:
                if not accredited:
                    country = country or place
                j += 1
                continue
            conjunction = t.clitic_len and t.segments[:1] == ("و",)
            if j > i + 1 and toks[j - 1].has_article and (self.title_word_as_given_name(toks, j)
                                                          or t.stem in REPRESENTATIVE_HEADS and not t.clitic_len
                                                          and "envoys_after_titles" not in self.disabled):
                break  # رئيس مجلس النواب سلطان البركاني، رئيس مجلس الوزراء سفير اليابان: after a definite word the chain has ended
            if t.has_article or t.stem in lx.institutional_nouns or self.is_title_head(t) and not conjunction:
                if org_start is None and t.stem in ORG_HEADS:
                    org_start = j  # a body (مجلس، وزارة، شركة…), not a portfolio (الخارجية)
                j += 1
                continue
            if (toks[j - 1].stem in lx.region_words or toks[j - 1].bare in lx.region_words) \
                    and (t.bare in lx.cities or self.is_gazetteer_place(t)):
                j += 1  # حاكم إقليم دارفور، رئيس إقليم كردستان: the region the holder governs
                continue
            if t.bare in lx.cities and (j > i + 1 or "governed_cities" not in self.disabled) \
                    and not self.place_named_person(toks, j):
                j += 1  # مدير مكتب الوكالة القاهرة …; but مديرة الإدارة تالين كورانشيليان is a name
                continue
            if self.is_rare(t) and j + 1 < len(toks) and self.family_name_like(toks[j + 1]) \
                    and not self.demonym_of(toks[j + 1]) and t.norm not in self.gazetteers.family_names:
                break  # رئيس مجلس إدارة الاتحاد أنمار الحائلي: a rare word and a family name are a person
            construct = j + 1 < len(toks) and toks[j + 1].has_article and not toks[j + 1].clitic_len \
                and toks[j + 1].bare not in COMPOUND_SECONDS  # سراج الدين is a given name, not a body's
            if toks[j - 1].stem in lx.institutional_nouns and not t.clitic_len and t.norm not in lx.first_names \
                    and (toks[j - 1].stem in ORG_NAME_HEADS and not toks[j - 1].has_article or construct):
                # the proper name of a company or group (شركة بايقار); after الشركة a name begins
                j += 1
                continue
            break
        org = _text(toks, org_start, j) if org_start is not None and j > org_start else None
        return j, country, org

    def title_word_as_given_name(self, toks, j: int) -> bool:
        """نائبة الأمين العام أمينة محمد، اللواء سلطان العرادة: after a title, a head that is also
        a given name (أمينة، سلطان) starts a name when a name, not its title's words, follows."""
        first = toks[j]
        if first.has_article or first.clitic_len or first.norm not in self.lx.first_names \
                or not self.is_title_head(first) or j + 1 >= len(toks) or "title_word_names" in self.disabled:
            return False
        after = toks[j + 1]
        return after.is_arabic and not after.clitic_len and after.bare not in self.lx.title_modifiers \
            and not self.is_function(after) and not self.is_title_head(after) and not self.names_country(after) \
            and not self.demonym_of(after) and after.bare not in self.lx.institutional_nouns \
            and (after.norm in self.lx.first_names or self.family_name_like(after)
                 or after.bare.startswith("ال") and after.bare.endswith("ي"))  # الحيدري: a family name of a place or tribe

    def is_gazetteer_place(self, tok: Token) -> bool:
        return any(label in (CITY, PLACE) for label, _ in self.gazetteers.phrases.lookup(tok.bare))

    def parse_name(self, toks, j, after_title: bool, st: "_State") -> int:
        """End (exclusive) of a personal name starting at token ``j``, or ``j`` if none."""
        if j >= len(toks) or j in st.used or j in st.blocked:
            return j
        first = toks[j]
        given_end = st.given_names.get(j)   # a multi-word given name of the lexicon (عبد الله)
        # السيد السيد القصير: the honorific's twin is a given name
        twin = after_title and j > 0 and toks[j - 1].norm == first.norm and self.is_honorific(first)
        # after a title, a given name of the gazetteers starts a name too (وزير الصناعة بندر الخريف)
        definite_given = after_title and self.definite_given_name(toks, j)   # الحسين بن …، الطيب زيتوني
        starts_with_given = first.norm in self.lx.first_names or given_end is not None or twin or definite_given \
            or after_title and first.norm in self.gazetteers.given_names and not first.clitic_len
        if not after_title and not starts_with_given:
            return j
        honoured = after_title and j > 0 and (self.is_honorific(toks[j - 1]) or j - 1 in st.honorific_words
                                              or toks[j - 1].bare in self.lx.definite_name_titles)
        if after_title and given_end is None and self.name_split_at_a_letter(toks, j):
            _rejoin(first, st.doc, self.word_classes)
        if given_end is None and not twin and not self.name_like(first, 0) and not (after_title and self.place_named_person(toks, j)) \
                and not definite_given and not (after_title and self.title_word_as_given_name(toks, j)) \
                and not (honoured and self.word_named_person(toks, j)) and not self.given_name_before_patronym(toks, j):
            return j
        patronymic = j + 1 < len(toks) and toks[j + 1].norm in NAME_PARTICLES  # مسعد بن سمار
        if first.norm not in self.lx.first_names and given_end is None and j + 2 <= len(toks) \
                and self.two_word_place(toks, j):
            return j  # وزير خارجية ترينيداد وتوباغو: a two-word country, though its first word is a given name too
        if not starts_with_given and not patronymic and self.names_a_place(toks, j, j + 1) \
                and not (after_title and (self.place_named_person(toks, j) or self.two_words_set_off(toks, j))):
            return j  # محافظة إدلب: a governorate, not a governor
        if first.has_article and not after_title:
            return j
        # after an honorific a common word is a name (الشيخ صباح الخالد، الرئيس عون), unless an
        # event's word follows it: then it is the sentence going on (الرئيس إلغاء زيارة)
        honoured_name = honoured and not (j + 1 < len(toks) and self.is_trigger(toks[j + 1]) and not self.is_rare(first)) \
            and (not self.common_word(first) or self.word_named_person(toks, j))  # الرئيس رحب بـ: a verb, not a name
        if not (starts_with_given or first.norm in NAME_PARTICLES or self.is_rare(first) or honoured_name
                or after_title and self.place_named_person(toks, j)
                or after_title and self.name_word_before_family_name(toks, j)
                or after_title and self.word_before_given_name(toks, j, st)
                or after_title and self.two_words_set_off(toks, j)):
            # a common word after a title is not a name (وزراء دفاع قطر وجود…), but after an
            # honorific it is (الشيخ صباح الخالد، الدكتور أمل …)
            return j
        k = given_end or j + 1
        words = 0 if first.norm in NAME_PARTICLES and given_end is None else 1   # particles (بن، آل، أبو) don't count
        while k < len(toks) and words < MAX_NAME_TOKENS and k not in st.used and k not in st.blocked:
            t = toks[k]
            gap = st.doc.text[toks[k - 1].end:t.start]
            if "\n" in gap or "  " in gap:  # a line break or a wide gap ends a name
                break
            if t.bare in REGNAL_ORDINALS and (k == (given_end or j + 1) or k - 2 >= j and toks[k - 2].norm in NAME_PARTICLES):
                k += 1  # الملك عبدالله الثاني، الأمير الحسين بن عبدالله الثاني: a monarch's number ends the name
                break
            # ولد الشيخ، آل الشيخ: after a particle an honorific is part of the family name
            if k == (given_end or j + 1) and self.honorific_family_name(toks, k):
                k += 1  # حسين الشيخ، عمرو السيد: an honorific that no name follows is the family name
                break
            if not self.name_like(t, k - j) and not (toks[k - 1].norm in NAME_PARTICLES and self.is_honorific(t)) \
                    and not self.honorific_inside_name(toks, k):
                break
            if t.has_article and written_form(t.text).endswith(("ة", "ات")) and not self.family_name_like(t):
                break  # شكري الأزمة، ولد مرزوك العلاقات: a common feminine or plural noun is not a family name
            if k - j >= 2 and not t.has_article and written_form(t.text).endswith("ة") and k + 1 < len(toks) \
                    and toks[k + 1].has_article and not self.family_name_like(toks[k + 1]):
                break  # عبد المجيد تبون متانة العلاقات: a noun heading the phrase after the name
            if k - j >= 2 and not t.has_article and self.common_word(t) and not reads_as_nisba(t) \
                    and not (k + 1 < len(toks) and self.is_rare(toks[k + 1]) and self.name_like(toks[k + 1], k + 1 - j)):
                break  # مسعد بن سمار عمق العلاقات: a name's last word is not a common noun (دير in فون دير لاين is not last)
            if k - j >= 2 and t.has_article and not t.clitic_len and self.common_word(t) and not reads_as_nisba(t) \
                    and not t.norm.endswith("ي") and not self.is_honorific(t) and k + 1 < len(toks) \
                    and toks[k + 1].has_article and not toks[k + 1].clitic_len and self.common_word(toks[k + 1]):
                break  # رودولف هيكل الأوضاع الأمنية: a frequent noun and its adjective, no list of names knows them
            if self.demonym_of(t) and t.bare.startswith("ال") and k - j < 2:
                break  # "أحمد المصري" is ambiguous; a third-word demonym is a family name (محمد شياع السوداني)
            k += 1
            words += 0 if t.norm in NAME_PARTICLES else 1
            if t.has_article and t.bare not in COMPOUND_SECONDS and toks[k - 2].norm not in NAME_PARTICLES \
                    and not self.family_chain_goes_on(toks, k):
                break  # a family name with the article ends the name (فائز السراج)
            if k - j == 1 and first.has_article:
                break
        while k > j + 1 and toks[k - 1].norm in NAME_PARTICLES:
            k -= 1
        if k - j == 1 and (first.norm in NAME_PARTICLES or first.has_article and self.demonym_of(first)):
            return j  # جمهورية الاتحاد القمري: a demonym alone is no name
        if not after_title and k == (given_end or j + 1) and not st.known_surname(first):
            # a lone given name without a title is too weak (وليد، بدر are also words)
            return j
        if after_title and not starts_with_given and self.present_verb_like(first) \
                and headline_line(st.doc, st.doc.sentences[toks[j].sentence]):
            return j  # وزير الرياضة يهنئ …، ولي العهد يعزي …: a headline's verb, not a name (يعرب القضاة is one)
        return k

    def find_tagged_people(self, st: "_State") -> None:
        """People the tagger found that no rule did, with the title before them if any."""
        toks = st.doc.tokens
        for first, last, label in st.tagged:
            if label != "PER":
                continue
            while first < last and not self.taggable_name_word(toks[first]):
                first += 1
            if last > first and self.names_a_place(toks, first, last):
                continue  # رام الله: a place, before the trims below cut its name
            while last > first and (not self.taggable_name_word(toks[last - 1]) or toks[last - 1].norm in NAME_PARTICLES):
                last -= 1  # خالد بن: a name does not end on a particle
            while last - first > 1 and toks[last - 1].has_article and not self.family_name_like(toks[last - 1]):
                last -= 1  # شكري الأزمة: the tagger ran on into the object
            while last - first > 1 and toks[first].has_article and not toks[last - 1].has_article and not toks[first].clitic_len \
                    and not self.is_rare(toks[last - 1]) and toks[last - 1].norm not in self.lx.first_names:
                last -= 1  # والتقى الصفدي فور وصوله: a family name ends a name; a common word after it does not
            # استقبل رشيد السفير التركي: the tagger ran on into the object's title
            last = next((k for k in range(first + 1, last) if toks[k].has_article and self.is_title_head(toks[k])), last)
            if last <= first or any(k in st.used or k in st.blocked for k in range(first, last)):
                continue
            if last - first == 1 and toks[first].has_article and not self.family_name_like(toks[first]):
                continue  # الصديق: a common word, not a name
            if self.names_a_place(toks, first, last) or first >= 2 and self.names_a_venue(toks, first - 1) \
                    or self.names_a_body_as_written(toks, first, last) or self.quoted_body_name(toks, first):
                continue
            title, country, org, head = self.title_before(toks, first, st)
            if title is None:
                title, country, org, head = self.apposition(toks, last, st)
            st.add_person(first, last, title=title, country=country, org=org, head=head,
                          speaker_only=head in self.lx.non_participant_heads if head else False)

    def two_word_place(self, toks, j) -> bool:
        """ترينيداد وتوباغو: the world gazetteer's country or city of the two words at ``j``."""
        return self.gazetteer_place([toks[j].norm, toks[j + 1].norm], ("country", "city"))

    def gazetteer_place(self, keys: list[str], kinds=("country", "city", "place")) -> bool:
        """The world gazetteer names a place of these kinds by ``keys``, and no person."""
        labels = {label for label, _ in self.gazetteers.phrases.lookup(keys)}
        return not labels.isdisjoint(kinds) and "person" not in labels

    def names_a_place(self, toks, first: int, last: int) -> bool:
        """الإمارات العربية، إدلب: a country or place, whatever the tagger thought."""
        if self.names_country(toks[first]) or toks[first].bare in self.lx.cities:
            return True
        rest = [t.norm for t in toks[first + 1:last]]
        # برام الله: Farasa may have left a proclitic on the place's first word
        return any(self.gazetteer_place([key] + rest) for key in _unclitic_options(toks[first].bare))

    def lexicon_body_at(self, toks, j: int) -> int | None:
        """Where a body of the lexicons that starts at ``j`` with its head word ends (حركة أمل،
        تيار المردة), or None."""
        if "bodies_in_titles" in self.disabled:
            return None
        keys = [t.norm for t in toks[j:j + MAX_BODY_NAME_WORDS + 2]]
        n, labels = self.lx.places_and_bodies.longest_at(keys, 0)
        return j + n if n > 1 and any(label == "org" for label, _ in labels) else None

    def quoted_body_name(self, toks, first: int) -> bool:
        """وفدا من شركة "إريكسون": the quoted word after a body's head word names the body, no person."""
        return "quoted_bodies" not in self.disabled and quoted_body_name_end(toks, first - 1) is not None

    def names_a_body_as_written(self, toks, first: int, last: int) -> bool:
        """بريكس: what Farasa took for the proclitic ب is the body's first letter; written
        whole, the words are a body or place of the lexicons."""
        if not toks[first].clitic_len or "bodies_as_written" in self.disabled:
            return False
        keys = [t.norm for t in toks[first:last]]
        return self.lx.places_and_bodies.longest_at(keys, 0)[0] == len(keys)

    def taggable_name_word(self, tok: Token) -> bool:
        return tok.is_arabic and not self.is_function(tok) and not self.is_title_head(tok) \
            and not self.is_trigger(tok) and not self.is_honorific(tok) and not self.is_delegation_noun(tok) \
            and tok.bare not in WITNESS_VERBS \
            and tok.bare not in self.lx.venue_heads  # يشهدان (after a title), مطار: no name word

    def title_before(self, toks, first: int, st: "_State"):
        """The title phrase that ends right before ``first`` (honorifics and a comma may sit between)."""
        for i in range(first - 1, max(-1, first - 10), -1):
            if i in st.used or not toks[i].is_arabic and toks[i].text not in "،,":
                break
            if i in st.given_name_words or not (self.is_title_head(toks[i]) or toks[i].bare in self.lx.definite_name_titles
                                                or i in st.title_heads):
                continue
            t_end, country, org = self.parse_title(toks, i, st.title_heads.get(i), st.given_names)
            j = t_end
            while j < first and (self.is_honorific(toks[j]) or j in st.honorific_words or toks[j].text in "،,"):
                j += 1
            if j == first and t_end > i:
                return (i, t_end), country, org, toks[i].stem
        return None, None, None, None

    def find_tagged_places_and_orgs(self, st: "_State") -> None:
        """Countries, cities and bodies the tagger found beyond the lexicons' entries."""
        toks, lx = st.doc.tokens, self.lx
        for first, last, label in st.tagged:
            if label == "PER" or any(k in st.used or k in st.blocked for k in range(first, last)):
                continue
            if last - first == 1 and st.known_surname(toks[first]) and "surnames_over_places" not in self.disabled:
                continue  # وانتقلت أورتاغوس إلى …: the family name of someone named before, no place
            if label == "ORG":
                st.add_entity("org", first, last)
                continue
            while first < last and (self.demonym_of(toks[first]) or toks[first].stem in lx.region_words
                                    or toks[first].bare in lx.region_words):
                first += 1  # العاصمة الإيرانية: a capital's description, not its name
            while last > first and self.demonym_of(toks[last - 1]):
                last -= 1
            if last == first or last - first > 1 and self.venue_head_before(toks[first]) \
                    or first and self.venue_head_before(toks[first - 1]) and not self.names_a_place(toks, first, last):
                continue  # مطار رفيق الحريري، بمطار هواري بومدين: a venue, which the events' place rules read with its city
            name = " ".join([toks[first].bare] + [t.norm for t in toks[first + 1:last]])
            iso = lx.country_names.get(name) or self.gazetteers.country_code(name)
            if iso:
                st.add_entity("country", first, last, country=iso)
            else:
                st.add_entity("city", first, last, country=lx.cities.get(name) or self.gazetteers.city_country(name))

    def place_named_person(self, toks, j) -> bool:
        """جورجيا ميلوني، داكوتا جونسون، أداما بارو: after a title, a bare place name (of the
        lexicon or the world gazetteer) followed by a rare word is a given name."""
        first = toks[j]
        if first.has_article or first.clitic_len or j + 1 >= len(toks):
            return False
        nxt = toks[j + 1]
        return self.name_like(nxt, 1) and self.is_rare(nxt) \
            and nxt.norm not in self.lx.first_names and nxt.norm not in self.gazetteers.given_names \
            and (first.bare in self.lx.country_names or first.bare in self.lx.cities  # قطر بثينة
                 or self.names_a_place(toks, j, j + 1))

    def word_named_person(self, toks, j) -> bool:
        """الشيخ صباح الخالد، الشيخ صباح خالد الحمد: after an honorific, a common word followed by
        a family name with the article, or by a given name (a father's), is a given name."""
        first = toks[j]
        if first.clitic_len or first.has_article or j + 1 >= len(toks) or not first.is_arabic:
            return False
        after = toks[j + 1]
        return self.family_name_like(after) or after.norm in self.lx.first_names and not after.clitic_len \
            and first.bare not in self.lx.title_modifiers  # الفريق أول أحمد: a rank's word

    def name_word_before_family_name(self, toks, j) -> bool:
        """وزير الدفاع ثابت العباسي: after a title, a word the name gazetteers know (also a common
        word: ثابت، كريم) followed by a family name with the article is a given name."""
        first = toks[j]
        known = first.norm in self.gazetteers.given_names or first.norm in self.gazetteers.family_names
        return known and self.word_named_person(toks, j)

    def two_words_set_off(self, toks, j) -> bool:
        """المبعوث الأمريكي إلى السودان مسعد بولس، …: after a title, two bare name-like words
        that a comma or the sentence's end closes are a name, even where the world gazetteer
        knows a village of that name."""
        if j + 2 >= len(toks) or toks[j + 2].text not in "،,.":
            return False
        return all(toks[k].is_arabic and not toks[k].has_article and not toks[k].clitic_len and not toks[k].suffix_len
                   and toks[k].bare not in self.lx.cities and not self.names_country(toks[k])
                   and self.name_like(toks[k], k - j) for k in (j, j + 1))

    def word_before_given_name(self, toks, j, st) -> bool:
        """وزير الخارجية رمضان عبد الله: after a title, a word followed by a given name of the
        lexicon (the father's) is the person's own given name."""
        first = toks[j]
        return j + 1 < len(toks) and not first.has_article and not first.clitic_len \
            and (j + 1 in st.given_names or toks[j + 1].norm in self.lx.first_names and not toks[j + 1].clitic_len)

    def common_word(self, tok: Token) -> bool:
        """A frequent word that no name list knows (عمق، تعزيز)."""
        return not self.is_rare(tok) and tok.norm not in NAME_PARTICLES and tok.norm not in self.lx.first_names \
            and tok.norm not in self.gazetteers.given_names and tok.norm not in self.gazetteers.family_names

    def family_name_like(self, tok: Token) -> bool:
        """A word with the article that may end a name (الخالد، الصفدي), not a common noun (الأزمة)."""
        return tok.has_article and not tok.clitic_len and (self.is_rare(tok) or tok.bare in self.gazetteers.family_names)

    def find_given_name_people(self, st: "_State") -> None:
        toks = st.doc.tokens
        # only a given name of the lexicons can start a name here
        for i in sorted({*st.doc.with_class(GIVEN_NAME), *st.given_names}):
            tok = toks[i]
            if i in st.used or tok.norm not in self.lx.first_names and i not in st.given_names:
                continue
            if toks[i - 1].text in QUOTES_OPEN or self.venue_head_before(toks[i - 1]) if i else False:
                continue  # قصر سعد آباد، مطار رفيق الحريري: a venue named after a person
            if i and toks[i - 1].norm in FILIAL_PARTICLES:
                continue  # وخالد بن محمد العطية: the father's name inside the son's, read from وخالد below
            n_end = self.parse_name(toks, i, after_title=False, st=st)
            if n_end - i >= 2:
                title, country, org, head = self.apposition(toks, n_end, st)
                st.add_person(i, n_end, title=title, country=country, org=org, head=head)
        # "و" + given name: the second of two coordinated people (خلوصي أكار، وخالد العطية)
        for i in sorted({*st.doc.with_class(GIVEN_NAME_BARE), *st.given_names}):
            tok = toks[i]
            if i in st.used or not tok.clitic_len or tok.text[0] != "و" \
                    or tok.bare not in self.lx.first_names and i not in st.given_names:
                continue
            if written_form(tok.text[tok.clitic_len:]) in self.lx.function_surfaces:
                continue  # وعلى هامش: the preposition, not the name علي
            n_end = self.parse_name_after_clitic(toks, i, st)
            if n_end - i >= 2:
                title, country, org, head = self.apposition(toks, n_end, st)
                st.add_person(i, n_end, title=title, country=country, org=org, head=head)

    def find_apposed_people(self, st: "_State") -> None:
        """التقى الوزير، اليوم، أجاي بانغا، رئيس مجموعة البنك الدولي: two or three rare words set
        off by a comma (or right after a trigger), or after an honorific, before a title are a
        name no list knows."""
        toks = st.doc.tokens
        # after a comma, or at a title head (after an honorific)
        for t in sorted({k + 1 for k in st.doc.with_class(COMMA) if 2 <= k < len(toks) - 1}
                        | {k for k in st.doc.with_class(TITLE_CUE) if k >= 3}):
            if t in st.used or toks[t].clitic_len or not self.is_title_head(toks[t]):
                continue
            # معالي بيوش غويال وزير التجارة: after an honorific no comma is needed
            end = t - 1 if toks[t - 1].text in "،," else t
            first = end
            while end - first < MAX_NAME_TOKENS and first > 0 and self.apposed_name_word(toks, first - 1, st):
                first -= 1
            before = toks[first - 1] if first else None
            if end - first < 2 or before is None or not (
                    end < t and (before.text in "،," or self.is_trigger(before)) or self.is_honorific(before)):
                continue
            if self.names_a_place(toks, first, end):
                continue
            for k in range(first, end):
                if toks[k].clitic_len:
                    _rejoin(toks[k], st.doc, self.word_classes)  # بيوش: Farasa took its first letter for ب
            title, country, org, head = self.apposition(toks, end, st)
            st.add_person(first, end, title=title, country=country, org=org, head=head)
        self.find_people_of_a_side(st)

    def find_people_of_a_side(self, st: "_State") -> None:
        """وقعها عن الجانب الهندي بيوش غويال: two or three rare words right after the side a
        signer signs for are his name."""
        toks = st.doc.tokens
        # the document's written keys, one list already made: no test of every token by hand
        for k in [k for k, key in enumerate(st.word_keys.keys) if key in SIDE_NOUNS]:
            if not 0 < k < len(toks) - 3 or not self.demonym_of(toks[k + 1]):
                continue
            first = end = k + 2
            while end - first < MAX_NAME_TOKENS and end < len(toks) and self.apposed_name_word(toks, end, st):
                end += 1
            if end - first >= 2 and not self.names_a_place(toks, first, end):
                for j in range(first, end):
                    if toks[j].clitic_len:
                        _rejoin(toks[j], st.doc, self.word_classes)  # بيوش: Farasa took its first letter for ب
                st.add_person(first, end, country=self.demonym_of(toks[k + 1]))

    def apposed_name_word(self, toks, k, st) -> bool:
        tok = toks[k]
        split_name = tok.clitic_len and tok.segments[:1] != ("و",) and not tok.has_article \
            and self.word_logprob(tok.bare) < RARE_WORD_LOGPROB  # بيوش cut as ب+يوش
        return k not in st.used and k not in st.blocked and (not tok.clitic_len or split_name) and not tok.has_article \
            and self.is_rare(tok) and (self.name_like(tok, 1) or split_name)

    def parse_name_after_clitic(self, toks, i, st) -> int:
        k = st.given_names.get(i, i + 1)
        while k < len(toks) and k - i < MAX_NAME_TOKENS and k not in st.used and self.name_like(toks[k], k - i):
            if toks[k].has_article and toks[k].stem in self.lx.demonyms:
                break
            k += 1
        return k

    def family_name_after_a_letter(self, tok: Token) -> bool:
        """والتز، وانغ، فالتونن: rare as a whole and as what follows و or ف, so no conjunction
        of a known word. Farasa reads فال as ف and the article: after ف an article is allowed."""
        rest = tok.norm[1:]
        return len(rest) >= 3 and self.is_rare(tok) and self.word_logprob(rest) < RARE_WORD_LOGPROB \
            and rest not in self.lx.first_names and rest not in self.gazetteers.given_names \
            and (not tok.has_article or tok.norm[0] == "ف") and not tok.suffix_len

    def name_split_at_a_letter(self, toks, j) -> bool:
        """لاورا ساراباي، وولفرام فيتر: Farasa cut a rare foreign given name after its first letter
        as if it were a particle (ل+اورا، و+ولفرام); a rare whole word with another name word,
        or بن/بنت, after it is a name."""
        tok = toks[j]
        return bool(tok.clitic_len) and not self.name_like(tok, 0) and not tok.has_article \
            and self.is_rare(tok) and self.word_logprob(tok.bare) < RARE_WORD_LOGPROB \
            and j + 1 < len(toks) and (toks[j + 1].norm in FILIAL_PARTICLES  # لولوة بنت راشد
                                       or not toks[j + 1].has_article and self.is_rare(toks[j + 1])
                                       and self.name_like(toks[j + 1], 1))

    def family_chain_goes_on(self, toks, k) -> bool:
        """مشعل الأحمد الجابر الصباح: Gulf names chain the names of forebears, each with the
        article; the chain goes on while the next word is a family name the gazetteer knows."""
        if k >= len(toks):
            return False
        t = toks[k]
        return t.has_article and not t.clitic_len and t.norm in self.gazetteers.family_names \
            and not self.demonym_of(t) and not self.is_title_head(t) and not self.is_honorific(t)

    def honorific_inside_name(self, toks, k) -> bool:
        """حسن شيخ محمود: an honorific without the article between a given name and a name
        the lists know is part of the name."""
        t = toks[k]
        return "ال" + t.norm in self.lx.honorifics and not t.clitic_len and k + 1 < len(toks) \
            and (toks[k + 1].norm in self.lx.first_names or toks[k + 1].norm in self.gazetteers.given_names) \
            and not toks[k + 1].clitic_len

    def honorific_family_name(self, toks, k) -> bool:
        tok = toks[k]
        if not (tok.has_article and not tok.clitic_len and self.is_honorific(tok)):
            return False
        after = toks[k + 1] if k + 1 < len(toks) else None
        return after is None or not after.is_arabic or after.norm.startswith("و") \
            or self.is_title_head(after) or self.is_function(after)

    def mark_second_title(self, toks, n_end, st, person=None) -> None:
        """هيثم بن طارق سلطان عُمان: a second title after the name says where its holder
        serves, not where he is (the places of titles are a last resort); محمد بن سلمان ولي
        العهد: it is his too, which a later mention by that title alone names."""
        j = n_end + (n_end < len(toks) and toks[n_end].text in "،,")
        if j < len(toks) and j not in st.used and self.is_title_head(toks[j]) and not toks[j].clitic_len:
            end = self.parse_title(toks, j, st.title_heads.get(j), st.given_names)[0]
            st.title_tokens.update(range(j, end))
            if person is not None and end > j:
                person.other_titles.append(_title_key(" ".join(t.norm for t in toks[j:end])))

    def spokesman_before(self, toks, i, st) -> bool:
        """المتحدث الرسمي باسم رئاسة الجمهورية السفير أحمد فهمي: a spokesman's title that runs on
        into the title before the name makes him a spokesman too."""
        k = i - 1
        while k >= 0 and i - k <= SPOKESMAN_TITLE_REACH and toks[k].is_arabic and k not in st.used:
            if self.spokesman_head(toks[k]):
                return True
            if toks[k].bare in SAID_THAT and "said_by_spokesmen" not in self.disabled:
                return False  # قال المتحدث إن الوزير X التقى …: what he said begins; its subject is no spokesman
            k -= 1
        return False

    def spokesman_after(self, toks, n_end, st) -> bool:
        """السفير أحمد فهمي المتحدث الرسمي باسم الرئاسة: a spokesman's title after the name makes
        him a spokesman; the title is read (and so no name is sought in it)."""
        j = n_end + (n_end < len(toks) and toks[n_end].text in "،,")
        if j < len(toks) and self.spokesman_head(toks[j]):
            return self.apposition(toks, n_end, st)[0] is not None
        return False

    def spokesman_head(self, tok: Token) -> bool:
        """المتحدث، الناطق: the definite head of a title whose holder speaks for others."""
        return tok.has_article and not tok.clitic_len and tok.stem in self.lx.non_participant_heads

    def apposition(self, toks, n_end, st):
        """A title right after a name (فتحي باشاغا، وزير الداخلية)."""
        j = n_end
        if j < len(toks) and toks[j].text in "،,":
            j += 1
        if j < len(toks) and j not in st.used and j not in st.given_name_words \
                and (self.is_title_head(toks[j]) or j in st.title_heads) and not toks[j].clitic_len:
            t_end, country, org = self.parse_title(toks, j, st.title_heads.get(j), st.given_names)
            st.used.update(range(j, t_end))
            return (j, t_end), country, org, toks[j].stem
        return None, None, None, None

    def find_quoted_people(self, st: "_State") -> None:
        toks = st.doc.tokens
        for i in st.doc.with_class(QUOTE_OPEN):
            k = i + 1
            while k < len(toks) and k - i <= MAX_NAME_TOKENS and toks[k].is_arabic:
                k += 1
            if k >= len(toks) or toks[k].text not in QUOTES_CLOSE or k == i + 1:
                continue
            if any(j in st.used for j in range(i + 1, k)) or self.quoted_body_name(toks, i + 1):
                continue
            before = i - 1
            while before >= 0 and (toks[before].bare in self.lx.title_modifiers or toks[before].stem in self.lx.demonyms):
                before -= 1
            titled = before >= 0 and (self.is_title_head(toks[before]) or self.is_honorific(toks[before])
                                      or toks[before].bare in self.lx.definite_name_titles)
            if titled and all(self.name_like(toks[j], j - i - 1) or toks[j].has_article for j in range(i + 1, k)):
                head_tok = toks[before]
                t_start = before
                while t_start > 0 and toks[t_start - 1].is_arabic and not self.is_function(toks[t_start - 1]) \
                        and (self.is_title_head(toks[t_start - 1])):
                    t_start -= 1
                t_end, country, org = self.parse_title(toks, t_start) if self.is_title_head(toks[t_start]) else (before + 1, None, None)
                st.add_person(i + 1, k, title=(t_start, min(t_end, i)), country=country, org=org, head=head_tok.stem)

    # ---- places, organisations, delegations ------------------------------------
    def find_places_and_orgs(self, st: "_State") -> None:
        """Countries, cities and organisations of the lexicons, multi-word ones included (تل أبيب،
        شرم الشيخ، جامعة الدول العربية), and delegations (الوفد المصري)."""
        toks, lx = st.doc.tokens, self.lx
        found: dict[tuple[int, int], dict] = {}
        keys, firsts, starts = phrase_keys_of(toks, lx.places_and_bodies, st.word_keys)
        for m in lx.places_and_bodies.match(keys, firsts, starts):
            if firsts[m.first] != toks[m.first].bare and toks[m.first].norm[:1] == SIMILE_PREFIX:
                continue  # كبيرا is no ك before بيرا: "like" never comes before a place or a body
            found.setdefault((m.first, m.last), {})[m.label] = m.payload
            if firsts[m.first] == toks[m.first].norm and toks[m.first].clitic_len and toks[m.first].is_arabic \
                    and "bodies_as_written" not in self.disabled:
                _rejoin(toks[m.first], st.doc, self.word_classes)  # بريكس: Farasa took its first letter for ب
            elif firsts[m.first] != toks[m.first].bare:
                resegment(toks[m.first], firsts[m.first], st.doc, self.word_classes)
        if "named_bodies" not in self.disabled:
            for first, last, country in self.named_bodies(toks, st, found):
                quoted = [t.text for t in toks[first + 1:last] if t.text not in _QUOTE_MARKS] \
                    if quoted_body_name_end(toks, first + 1) is not None else None
                # شركة "توتال" and "توتال" alone are one body: its quoted name is its key
                st.add_entity("org", first, last, country=country, key="org:" + text_key(" ".join(quoted)) if quoted else None)
        if "common_bodies" not in self.disabled:
            # a body named by common words stands for its side only when nobody of it is named
            unnamed_only = st.doc.derived.setdefault(COMMON_BODIES, set())
            for first, last, country in self.common_bodies(toks, st, found):
                unnamed_only.add(st.add_entity("org", first, last, country=country).id)
        for (first, last), labels in sorted(found.items()):
            if not st.used.isdisjoint(range(first, last)):
                continue
            if last - first == 1 and (toks[first].stem in lx.delegation_nouns or toks[first].bare in lx.delegation_nouns):
                continue
            # a country wins over a same-named city (الكويت، تونس), as the single-word lexicons did
            kind = next(k for k in ("country", "city", "org") if k in labels)
            country = labels.get(kind)
            if kind == "org" and last < len(toks) and last not in st.used and toks[last].has_article \
                    and not toks[last].clitic_len and self.demonym_of(toks[last]):
                country = self.demonym_of(toks[last])
                last += 1  # وزارة الطاقة السعودية and وزارة الطاقة الأردنية are two bodies
            st.add_entity(kind, first, last, country=country)
        for i in st.doc.with_class(DELEGATION):
            if i not in st.used:
                self.add_delegation(st, i)

    def named_bodies(self, toks, st, lexicon_matches):
        """شركة أرامكو السعودية، جامعة الخرطوم، بنك قطر الوطني: a company's, a bank's or a
        university's head word before a proper name (a rare word, a place, or a body of the
        lexicons) names a body, with the demonym that may follow it."""
        starts = {first for first, _ in lexicon_matches}
        bodies = {first: last for (first, last), labels in sorted(lexicon_matches.items()) if "org" in labels}
        for i in st.doc.with_class(ORG_NAME_HEAD):
            head = toks[i]
            if i in starts or i in st.used or head.has_article or head.clitic_len and head.segments[:1] != ("و",):
                continue
            quoted = quoted_body_name_end(toks, i + 1) if "quoted_bodies" not in self.disabled else None
            if quoted is not None:
                j = quoted
            else:
                j = bodies.get(i + 1, i + 1)
                while j < len(toks) and j - i <= MAX_BODY_NAME_WORDS and j not in st.used and self.body_name_word(toks[j]):
                    j += 1
            if j == i + 1 or any(k in st.used for k in range(i + 1, j)):
                continue
            if j < len(toks) and j not in st.used and toks[j].segments[:2] == ("ل", "ال") and "bodies_for_purposes" not in self.disabled:
                j += 1  # صندوق قطر للتنمية، المكتب الشريف للفوسفاط: what the body is for ends its name
            country = None
            if j < len(toks) and j not in st.used and toks[j].has_article and not toks[j].clitic_len and self.demonym_of(toks[j]):
                country = self.demonym_of(toks[j])
                j += 1
            yield i, j, country

    def common_bodies(self, toks, st, lexicon_matches):
        """وزارة النفط الاتحادية، نقابة المهندسين، غرفة تجارة وصناعة الكويت: a body's head word
        and the common nouns of its name, a construct that ends at a definite word, a country or
        the demonym after it."""
        covered = {k for first, last in lexicon_matches for k in range(first, last)}
        for i in st.doc.with_class(BODY_HEAD):
            head = toks[i]
            if i in covered or i in st.used or i in st.title_tokens or head.has_article \
                    or head.clitic_len and head.segments[:1] != ("و",):
                continue
            end, country, j = i + 1, None, i + 1
            while j < len(toks) and j - i <= MAX_COMMON_BODY_WORDS and j not in st.used and j not in st.blocked:
                t = toks[j]
                if not t.is_arabic or self.is_function(t) or self.is_title_head(t) or self.is_trigger(t) or t.suffix_len \
                        or t.clitic_len and not (t.segments[:1] == ("و",) and not t.has_article):
                    break
                iso = self.demonym_of(t) if t.has_article else None
                if iso is not None:
                    country, end = iso, j + 1
                    break
                if self.names_country(t):
                    end = j + 1
                    break
                if t.has_article:
                    end = j + 1  # نقابة المهندسين، وزارة النفط
                j += 1  # غرفة تجارة وصناعة …: the construct goes on
            if end > i + 1 and not any(k in covered and k not in range(end - 1, end) for k in range(i + 1, end)):
                yield i, end, country

    def body_name_word(self, tok: Token) -> bool:
        if not tok.is_arabic:
            return tok.text[:1].isalnum()  # a name in Latin letters (شركة Siemens)
        if tok.clitic_len or self.is_function(tok) or self.is_trigger(tok) or self.demonym_of(tok):
            return False
        return self.is_rare(tok) or tok.bare in self.lx.cities or tok.bare in self.lx.country_names

    def find_gazetteer_places(self, st: "_State") -> None:
        """Multi-word cities of the world gazetteer after في/إلى/ب/ل (إلى أولان باتور، في بني سويف):
        where the text says something happened or went, a name the lexicons lack is still a
        place. Single words are left to the tagger: too many cities are named like common words."""
        toks, phrases = st.doc.tokens, self.gazetteers.phrases
        keys = st.word_keys.keys   # (each word as written, normalised: no rule re-cuts that)
        # where a place may start: after ب/ل, or after في/إلى…
        at = sorted({*st.doc.with_class(BA_OR_LAM),
                     *[k + 1 for k in st.doc.with_class(PLACE_PARTICLE) if k + 1 < len(toks) and toks[k + 1].is_arabic]})
        after = 0   # the end of the last place found
        for k in at:
            if k < after:
                continue
            tok = toks[k]
            first = {k: first_key(tok, phrases)}  # only where a place may start: the whole text is long
            end, entries = phrases.longest_at(keys, k, first)
            city = next((code for label, code in entries if label == "city"), None)
            if city and not any(j in st.used or j in st.blocked for j in range(k, end)) \
                    and end - k > 1 and not any(label == "person" for label, _ in entries):
                if first[k] != tok.bare:
                    resegment(tok, first[k], st.doc, self.word_classes)
                st.add_entity("city", k, end, country=city)
                after = end

    def add_delegation(self, st: "_State", i: int) -> None:
        toks, lx = st.doc.tokens, self.lx
        j, country = i + 1, None
        while j < len(toks) and toks[j].is_arabic and j - i < 4:
            iso = lx.demonyms.get(toks[j].stem)
            if iso and toks[j].has_article == toks[i].has_article:
                country = country or iso
                j += 1
            elif toks[j].bare in DELEGATION_MODIFIERS:
                j += 1
            else:
                break
        if country:
            st.add_entity("delegation", i, j, country=country, key="delegation:" + country)

    # ---- linking later mentions -------------------------------------------------
    def link_surnames(self, st: "_State") -> None:
        people = [e for e in st.entities if e.kind == "person"]
        by_key: dict[str, Entity] = {}
        for p in people:
            parts = p.key.split()
            if len(parts) >= 2:
                by_key.setdefault(parts[-1], p)
                if parts[-1].startswith("ال"):
                    by_key.setdefault(parts[-1][2:], p)
        for p in people:
            if len(p.key.split()) == 1:
                by_key.setdefault(p.key, p)
        toks = st.doc.tokens
        # only a word that is some person's key can name one
        for i in [k for k, t in enumerate(toks) if t.bare in by_key or t.stem in by_key or t.norm in by_key]:
            tok = toks[i]
            if i in st.used or not tok.is_arabic:
                continue
            person = by_key.get(tok.bare) or (by_key.get(tok.stem) if tok.has_article else None)
            if person is None and tok.clitic_len == 0:
                person = by_key.get(tok.norm)
            if person is not None and not self.is_function(tok):
                st.add_mention(person, i, i + 1, "surname")

    def completes_a_title(self, toks, i) -> bool:
        """الوزراء in رئيس الوزراء completes a title: it names nobody."""
        return i > 0 and (self.is_title_head(toks[i - 1]) or toks[i - 1].stem in self.lx.institutional_nouns)

    def link_generic_mentions(self, st: "_State") -> None:
        """المسؤول الإيراني، الضيف التركي، نظيره الإيطالي → the last person of that country named
        before."""
        toks = st.doc.tokens
        people = [e for e in st.entities if e.kind == "person" and e.country]
        # المسؤول، الضيف (generic nouns with the article) and نظيره (a counterpart with its pronoun)
        for i in [k for k in st.doc.with_class(PERSON_REFERENCE) if k < len(toks) - 1]:
            if i in st.used:
                continue
            country = self.demonym_of(toks[i + 1]) if toks[i + 1].has_article else None
            before = [p for p in people if p.country == country and p.mentions[0].first < i]
            if country and before and toks[i].bare.startswith(COUNTERPART_HEADS):
                before = _counterparts_of(st.entities, before, i) or before
            if country and before:
                st.add_mention(_last_named_before(before, i), i, i + 2, "role")

    def link_body_mentions(self, st: "_State") -> None:
        """كما وقع الصندوق اتفاقية مع النيجر: a body's head word alone, with the article, names the
        one body of that head named before it."""
        toks = st.doc.tokens
        bodies = [e for e in st.entities if e.kind == "org"]
        for i in st.doc.with_class(ORG_NAME_HEAD):
            tok = toks[i]
            if i in st.used or not tok.has_article or tok.suffix_len \
                    or i + 1 < len(toks) and toks[i + 1].has_article and not toks[i + 1].clitic_len:
                continue  # الصندوق السعودي للتنمية: a body's own name, not a mention of another
            named = [b for b in bodies if b.mentions[0].first < i
                     and normalize_word(b.name.split()[0]) == tok.stem and len(b.name.split()) > 1]
            if len(named) == 1:
                st.add_mention(named[0], i, i + 1, "role")

    def link_title_phrases(self, st: "_State") -> None:
        """اجتماعا مع رئيس الاتحاد المالديفي: a whole title with no name after it names the person
        who holds it, named before: the same title, or the same head for the same country."""
        toks = st.doc.tokens
        people = [e for e in st.entities if e.kind == "person" and e.head]
        if not people:
            return
        title_keys = {p.id: _title_key(p.title) for p in people if p.title}
        bodies = set() if "bodies_in_titles" in self.disabled else {
            k for e in st.entities if e.kind in ("org", "country", "city") for m in e.mentions for k in range(m.first, m.last)}
        for i in st.doc.with_class(INDEFINITE_HEAD):
            tok = toks[i]
            if i in st.used:
                continue
            if self.completes_a_title(toks, i):
                continue
            end, country, _ = self.parse_title(toks, i, st.title_heads.get(i), st.given_names)
            if end <= i + 1 or any(k in st.used and k not in bodies for k in range(i, end)):
                continue  # the body a title names (مجلس الوزراء) may be one of the text's bodies
            key = _title_key(" ".join(t.norm for t in toks[i:end]))
            # رئيس مجلس القيادة for رئيس مجلس القيادة الرئاسي: the start of a long title names its holder too
            holders = [p for p in people if p.mentions[0].first < i and (
                title_keys.get(p.id) == key or country and p.country == country and _head_matches(p.head, tok.stem)
                or len(key.split()) >= 3 and (title_keys.get(p.id) or "").startswith(key + " "))]
            if holders:
                st.add_mention(_last_named_before(holders, i), i, end, "role")

    def link_role_mentions(self, st: "_State") -> None:
        """الوزير التركي / الرئيس / الوزيرين → the person(s) holding that title."""
        self.link_generic_mentions(st)
        self.link_title_phrases(st)
        if "body_mentions" not in self.disabled:
            self.link_body_mentions(st)
        toks, lx = st.doc.tokens, self.lx
        people = [e for e in st.entities if e.kind == "person" and e.head]
        if not people:
            return
        # only a definite title head (الوزير), or its dual or plural (الوزيرين), can name one
        for i in st.doc.with_class(ROLE_HEAD):
            tok = toks[i]
            if i in st.used or not tok.has_article or i in st.title_tokens and self.is_honorific(tok) \
                    and (i + 1 in st.used or "honorific_role_mentions" in self.disabled):
                continue  # أمير البلاد الشيخ مشعل: an honorific before a name is his, no mention of another
            if self.completes_a_title(toks, i) or i > 0 and _heads_construct(toks[i - 1], VENUES_NAMED_AFTER_PEOPLE) \
                    and "venues_of_titles" not in self.disabled:
                continue  # مطار الملك خالد: a place named after a king, no mention of the one the text names
            head, dual = tok.stem, False
            if head not in lx.title_heads:
                for suffix in ("ين", "ان"):
                    if head.endswith(suffix) and head[:-len(suffix)] in lx.title_heads:
                        head, dual = head[:-len(suffix)], True
                        break
                else:
                    continue
            j, country = i + 1, None
            # الوزير التركي، الأمين العام، القائد العام: demonyms and the title's own modifiers
            while j < len(toks) and toks[j].has_article and j - i < 3 \
                    and (lx.demonyms.get(toks[j].stem) or toks[j].bare in lx.title_modifiers and not toks[j].clitic_len):
                country = country or lx.demonyms.get(toks[j].stem)
                j += 1
            if j < len(toks) and toks[j].has_article and not lx.demonyms.get(toks[j].stem) and not dual:
                continue  # "الوزير" heading a title phrase, not a mention
            matches = [p for p in people if _head_matches(p.head, head) and (country is None or p.country == country)]
            if not matches:
                continue
            if not dual and "plain_titles" not in self.disabled:
                matches = self.bare_mentions_holders(matches, home_side=country is None)
            before = [p for p in matches if p.mentions[0].first < i]
            ranked = sorted(before or matches, key=lambda p: -max(m.first for m in p.mentions if m.first < i) if before else p.mentions[0].first)
            for p in ranked[: 2 if dual else 1]:
                st.add_mention(p, i, j, "role")
        if "compound_role_mentions" not in self.disabled:
            self.link_compound_head_mentions(st, people)

    def link_compound_head_mentions(self, st: "_State", people: list) -> None:
        """ولي العهد، خادم الحرمين الشريفين alone (no name after) → the person named before who
        holds that title, before his name or set after it."""
        toks = st.doc.tokens
        for i, end in st.title_heads.items():
            if end - i < 2 or i in st.used or toks[i].has_article or any(k in st.used for k in range(i, end)) \
                    or end < len(toks) and end in st.used and not self.another_title_starts(toks, end, st):
                continue
            key = _title_key(" ".join(t.norm for t in toks[i:end]))
            holders = [p for p in people if p.mentions[0].first < i and any(
                t == key or t.startswith(key + " ") for t in [_title_key(p.title or ""), *p.other_titles])]
            if holders:
                st.add_mention(_last_named_before(holders, i), i, end, "role")


    def another_title_starts(self, toks, k: int, st: "_State") -> bool:
        """كما التقى ولي العهد الرئيس السوري X، استقبل ولي العهد رئيس وزراء اليونان: a title head
        after a title begins the title of the next person named; the title before it names someone else."""
        return "counterpart_titles" not in self.disabled and (k in st.title_tokens or k in st.used) \
            and not toks[k].clitic_len and self.is_title_head(toks[k])

    def link_unnamed_officials(self, st: "_State") -> None:
        """سفير اليابان، السفير الياباني، نظيره المصري، ممثل منظمة الصحة العالمية: an official
        no name follows, set after no one's name, speaks for his country when none of its people
        is named (or for the body he represents); the title is a mention of it (kind ``official``),
        which the events take as a party."""
        toks, doc = st.doc.tokens, st.doc
        people = [e for e in st.entities if e.kind == "person"]
        person_at = {k for e in people for m in e.mentions for k in range(m.first, m.last)}
        person_starts = {m.first for e in people for m in e.mentions}
        # a name with its own title before it (الوزير سامح شكري سفير بريطانيا): the envoy after it is another
        titled_at = {m.last - 1 for e in people if self.holds_a_title(e) for m in e.mentions}
        bodies = {m.first: e for e in st.entities if e.kind in ("country", "org") for m in e.mentions}
        places = {k for e in st.entities if e.kind != "person" for m in e.mentions for k in range(m.first, m.last)}
        for i in sorted({*doc.with_class(ROLE_HEAD), *doc.with_class(INDEFINITE_HEAD), *doc.with_class(PERSON_REFERENCE)}):
            tok = toks[i]
            counterpart = tok.stem in COUNTERPART_HEADS and tok.suffix_len
            # an envoy or a counterpart: a president or minister left unnamed is most often named elsewhere
            envoy = counterpart or tok.stem in REPRESENTATIVE_HEADS
            if i in st.used or i in st.blocked or not (envoy or "unnamed_heads" not in self.disabled and self.is_title_head(tok)) \
                    or self.completes_a_title(toks, i) or self.set_after_a_name(toks, i, person_at, st.title_tokens) \
                    and not (envoy and i - 1 in titled_at and "envoys_after_titled_names" not in self.disabled):
                continue  # (a head of state's title after a titled name is that name's: الشيخ X رئيس دولة الإمارات)
            end = i + 2 if counterpart else self.parse_title(toks, i, st.title_heads.get(i), st.given_names)[0]
            if end <= i + 1 or end > len(toks) or any(k in st.used and k not in places for k in range(i + 1, end)) \
                    or self.name_follows(toks, end, person_starts):
                continue
            body = self.represented_body(st, toks, i, end, bodies)
            if not (counterpart or tok.stem in REPRESENTATIVE_HEADS) and (
                    body is not None and body.kind != "country"
                    or any(toks[k].segments[:1] == ("و",) for k in range(i + 1, min(end + 1, len(toks))))):
                continue  # رئيس الاتحاد السعودي لكرة القدم، وزراء خارجية الأردن ومصر: no one head of one state
            if body is None or body.kind == "country" and any(
                    p.country == body.country or not counterpart and p.country is None and _head_matches(p.head or "", tok.stem)
                    for p in people):
                continue  # ولي العهد السعودي … الأمير محمد بن سلمان: one of its people, or one who holds the title, is named
            st.add_mention(body, i, end, "official")

    def holds_a_title(self, person: Entity) -> bool:
        """الوزير سامح شكري, not سعادة السيدة ليزا فاندرمير: a title before the name that is more
        than an honorific (after which the name's own title often follows)."""
        words = (person.title or "").split()
        if not words:
            return False
        first = normalize_word(words[0])
        return first not in self.lx.honorifics or _without_article(first) in self.lx.title_heads

    @staticmethod
    def name_follows(toks, end: int, person_starts: set) -> bool:
        """الروسي فلاديمير بوتين، الممثلة العليا للاتحاد الأوروبي للشؤون الخارجية … كايا كالاس:
        a name starts later in the title's own phrase (before a comma or the sentence's end), or
        right after its comma (سفيرة الولايات المتحدة المعتمدة لدى بلادنا، سينثيا كييرشت)."""
        for k in range(end, min(len(toks), end + UNNAMED_NAME_REACH)):
            if k in person_starts:
                return True
            if toks[k].text in "،,.:؛" or toks[k].sentence != toks[end - 1].sentence:
                return toks[k].text in "،," and k + 1 in person_starts
        return False

    @staticmethod
    def set_after_a_name(toks, i, person_at, title_tokens) -> bool:
        """محمد بن راشد، نائب رئيس الدولة رئيس مجلس الوزراء: a title after a name or a title is his."""
        j = i - 1
        if j >= 0 and toks[j].text in "،,":
            j -= 1
        if j >= 1 and toks[j - 1].norm in FILIAL_PARTICLES:
            j -= 2  # عبدالله الثاني ابن الحسين ملك …: the father's name ends the name
        return j >= 0 and (j in person_at or j in title_tokens)

    def represented_body(self, st: "_State", toks, i: int, end: int, bodies: dict) -> Entity | None:
        """The first body, country or demonym of the title (سفير اليابان لدى مصر is Japan's)."""
        for k in range(i + 1, end):
            if k in bodies:
                return bodies[k]
            iso = self.demonym_of(toks[k]) if toks[k].has_article else None
            if iso is not None:
                return self.country_entity(st, iso)
        return None

    def country_entity(self, st: "_State", iso: str) -> Entity | None:
        """The country of ``iso`` as an entity: the one the text names, else one named as the lexicon
        names it."""
        named = next((e for e in st.entities if e.kind == "country" and e.country == iso), None)
        if named is not None:
            return named
        country = self.lx.countries.get(iso)
        if country is None:
            return None
        entity = Entity(len(st.entities), "country", country.name, text_key(country.name), country=iso)
        st.entities.append(entity)
        return entity


    def bare_mentions_holders(self, matches: list, home_side: bool = True) -> list:
        """الرئيس alone after الرئيس السيسي and رئيس الوزراء الفلسطيني X is the president (and so
        is الرئيس الفلسطيني after الرئيس الفلسطيني Y and رئيس الوزراء الفلسطيني X); الوزير alone
        after two foreign ministers is the one whose title names no country (the home side's):
        of several who hold the head, those with the plainest title; among foreigners alike, the
        first named (the article's lead, not the guest named last)."""
        def plain(p) -> bool:
            words = [w for w in _title_key(p.title or "").split() if not self.lx.demonyms.get(w)]
            # نظيره الفرنسي holds his counterpart's title (وزير الخارجية), not a plain one
            counterpart = bool(words) and normalize_word(words[0]).startswith(COUNTERPART_HEADS) \
                and "counterpart_titles" not in self.disabled
            return len(words) <= 1 and not counterpart
        plainest = [p for p in matches if plain(p)] or matches
        if not home_side:
            return plainest
        home = [p for p in plainest if p.country is None]
        return home or (plainest[:1] if len(plainest) > 1 else plainest)


class WordKeys(NamedTuple):
    """A document's words as ``phrase_keys_of`` reads them for any matcher (``word_keys``)."""
    keys: list[str]     # each word as written, normalised
    firsts: list[str]   # each word without its clitics when Arabic (its key when it begins a phrase)
    clitic: list[int]   # the words that may still carry a proclitic (a matcher may take it off)
    starts: dict        # matcher → the words (``firsts``) that begin one of its phrases, where known


def reads_as_nisba(tok: Token) -> bool:
    """عنايتي، رحمتي: Farasa reads "my" (ي) on a noun; news prose has no "my", so in a name
    the word is a family name made of a noun (a nisba)."""
    return len(tok.segments) > 1 and not tok.clitic_len and tok.segments[-1] == "ي"


def blessings(doc: Doc) -> set[int]:
    """نصره الله، حفظه الله: a blessing after a ruler's name; its words name no one (the
    matcher is asked only where one of its first words stands)."""
    toks, found = doc.tokens, set()
    for i in doc.with_class(BLESSING_START):
        end = BLESSINGS.longest_at([t.norm for t in toks[i:i + BLESSINGS.longest]], 0)[0]
        found.update(range(i, i + end))
    return found


def dispatch_source(doc: Doc) -> set[int]:
    """الرياض (واس) -، القاهرة (أ ش أ) -: the bracket after the words that open a line is the
    agency that filed the dispatch, never a party to it."""
    toks = doc.tokens
    line_start = 0
    for k, tok in enumerate(toks[:DATELINE_REACH]):
        if k and "\n" in doc.text[toks[k - 1].end:tok.start]:
            line_start = k
        if tok.text != "(" or k - line_start > DATELINE_WORDS:
            continue
        close = next((j for j in range(k + 1, min(k + SOURCE_WORDS + 2, len(toks))) if toks[j].text == ")"), None)
        if close is not None and close + 1 < len(toks) and toks[close + 1].text[:1] in "-–—:":
            return set(range(k + 1, close))
    return set()


def word_keys(toks: list[Token], clitic: list[int] | None = None, starts: dict | None = None) -> WordKeys:
    """``clitic``: the positions of the tokens of class CLITIC_KEY, and ``starts``: of those that
    begin a phrase, per matcher (``WordClasses.phrase_classes``), when the caller has them."""
    if clitic is None:
        clitic = [k for k, t in enumerate(toks) if t.classes & CLITIC_KEY]
    # a word that is not Arabic has no clitics: its bare form is its key
    return WordKeys([t.norm for t in toks], [t.bare for t in toks], clitic, starts or {})


def quoted_body_name_end(toks: list[Token], j: int) -> int | None:
    """شركة "أرامكو"، لشركة "مايكروسوفت" Microsoft: where the quoted proper name that starts at
    ``j`` after a body's head word ends (past its closing mark and a brand in Latin letters
    after it), or None when no such name starts there."""
    if j < 1 or j >= len(toks) or toks[j].text not in QUOTES_OPEN or toks[j - 1].bare not in ORG_NAME_HEADS:
        return None
    close = next((k for k in range(j + 1, min(len(toks), j + MAX_BODY_NAME_WORDS + 2)) if toks[k].text in QUOTES_CLOSE), None)
    if close is None or close == j + 1 or not all(t.is_arabic or t.text.isalnum() for t in toks[j + 1:close]):
        return None
    end = close + 1
    while end < len(toks) and end - close <= MAX_BODY_NAME_WORDS and toks[end].text.isascii() and toks[end].text.isalpha():
        end += 1
    return end


def _heads_construct(tok: Token, words) -> bool:
    """``tok`` is one of ``words`` in the construct state (no article, no pronoun): the words
    after it complete it."""
    return not tok.has_article and not tok.suffix_len and tok.bare in words


def _counterparts_of(entities: list, candidates: list, i: int) -> list:
    """نظيره الصيني after وزير الخارجية فؤاد حسين: of the people of that country, those who hold
    the title of the person named right before (the foreign minister, not the president)."""
    named = [e for e in entities if e.kind == "person" and e.head and any(m.first < i for m in e.mentions)]
    if not named:
        return []
    owner = _last_named_before(named, i)
    peers = [p for p in candidates if p is not owner and p.head == owner.head]
    # وزير الخارجية X … نظيره الموريتاني: of the country's ministers, its foreign minister
    same_title = [p for p in peers if _title_key(p.title or "").split()[:2] == _title_key(owner.title or "").split()[:2]]
    return same_title or peers


def _last_named_before(people: list, i: int):
    """Of ``people``, the one named last before token ``i``."""
    return max(people, key=lambda p: max(m.first for m in p.mentions if m.first < i))


def phrase_keys_of(toks: list[Token], matcher=None, words: WordKeys | None = None) -> tuple[list[str], list[str], list[int] | None]:
    """Keys for the phrase matcher: each word as written (normalised) inside a phrase, and
    without its proclitics when it begins one (بطرابلس، وجامعة الدول العربية). Farasa leaves
    clitics on words it does not know (بموتسامودو): with ``matcher``, one or two proclitic
    letters come off when the rest begins a phrase (``first_key``); and, with ``matcher``,
    the positions whose word begins one of its phrases (for ``matcher.match``). ``words``:
    ``word_keys(toks)`` when the caller has them (they serve every matcher)."""
    keys, firsts, clitic, known_starts = words or word_keys(toks)
    # first_key for every word: the word as written begins a phrase, or else without its clitics
    firsts = list(firsts)
    if matcher is None:
        return keys, firsts, None
    starts = known_starts.get(matcher)
    if starts is None:
        starts = matcher.starts(firsts)
    if clitic:
        begun = set(starts)
        todo = [k for k in clitic if k not in begun]
        # the memo's answers for all those words at once ("": none begins a phrase)
        for k, option in zip(todo, map(matcher.first_keys.get, [keys[k] for k in todo])):
            if option is None:
                option = _find_unclitic_key(keys[k], matcher)
            if option:
                firsts[k] = option
                begun.add(k)
        starts = sorted(begun)
    return keys, firsts, starts


def first_key(t: Token, matcher) -> str:
    """The key of a word that begins a phrase of ``matcher``: the word as written, or without
    one or two proclitics, that begins one (memoised per word), else the word without them."""
    if not t.is_arabic:
        return t.norm
    key, norm = t.bare, t.norm
    if (key != norm or norm[:1] in PROCLITIC_LETTERS) and not matcher.begins(key):
        key = _unclitic_key(norm, matcher) or key
    return key


def _unclitic_key(norm: str, matcher) -> str:
    """The word as written, or without one or two proclitics, if it begins a phrase of
    ``matcher``, else "" (memoised per matcher)."""
    option = matcher.first_keys.get(norm)
    return _find_unclitic_key(norm, matcher) if option is None else option


def _find_unclitic_key(norm: str, matcher) -> str:
    """``_unclitic_key`` of a word its memo does not hold, remembered."""
    return matcher.first_keys.put(norm, matcher.first_begun(_unclitic_options(norm)))


def _unclitic_options(norm: str) -> list[str]:
    """The word, then without one and two proclitic letters (two letters at least left);
    a list, not a generator: asked for every new word that may carry a clitic, cold."""
    options = [norm]
    if len(norm) >= 3 and norm[0] in PROCLITIC_LETTERS:
        options.append(norm[1:])
        if len(norm) >= 4 and norm[1] in PROCLITIC_LETTERS:
            options.append(norm[2:])
    return options


def _rejoin(tok: Token, doc: Doc, word_classes: WordClasses) -> None:
    """The word is whole: what Farasa took for a proclitic is its first letter (لاورا)."""
    tok.clitic_len = 0
    tok.bare = tok.norm
    tok.stem = tok.norm
    tok.has_article = False
    doc.reclassify(tok, word_classes)


def resegment(tok: Token, key: str, doc: Doc, word_classes: WordClasses) -> None:
    """The lexicon knows the word after a proclitic Farasa left on (بتاجوراء = ب + تاجوراء): the
    token's clitic and keys follow, so spans quote the name without it."""
    n = len(tok.norm) - len(key)
    if n <= 0 or not tok.norm.endswith(key):
        return
    tok.clitic_len = original_length(tok.text, n)
    tok.bare = key
    tok.stem = key[2:] if key.startswith("ال") else key
    tok.has_article = key.startswith("ال")
    doc.reclassify(tok, word_classes)


def _title_key(title: str) -> str:
    """A title's words without the article (وزيرة دولة لشؤون … and وزيرة الدولة لشؤون … are one title)."""
    return " ".join(map(_without_article, text_key(title).split()))


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _head_matches(person_head: str, head: str) -> bool:
    return person_head == head or person_head.rstrip("ه") == head


def _text(toks: list[Token], first: int, last: int) -> str:
    return " ".join(t.text for t in toks[first:last])


def _word_logprob(engine):
    counts = getattr(engine, "word_counts", None)
    if not counts:
        return lambda word: UNSEEN_WORD_LOGPROB

    known = WordCache()

    def logprob(text: str) -> float:
        """Of a word as the text has it (remembered as such: its written form is made once)."""
        found = known.get(text)
        if found is None:
            word = written_form(text)
            # outlets that drop hamza or write a final ي as ى: a word is rare only if no spelling is frequent
            found = known.put(text, max([counts.get(spelling, UNSEEN_WORD_LOGPROB)
                                         for spelling in (word, *other_spellings(word))]))
        return found
    return logprob


class _State:
    """Entities found so far and which tokens they occupy."""

    def __init__(self, doc: Doc, words: "EntityRecognizer"):
        self.doc = doc
        # what a word is (rare, unseen, a family name, a given name of the lexicon) is the recognizer's to say
        self.words = words
        self.entities: list[Entity] = []
        self.used: set[int] = set()
        self.blocked: set[int] = set()
        self.title_tokens: set[int] = set()
        self._by_key: dict[str, Entity] = {}
        self.tagged: list[tuple[int, int, str]] = []   # the entity tagger's (first, last, label)
        self._tagged_firsts: list[int] = []             # their firsts, in order (``tag``)
        # multi-word entries of the lexicon found by the phrase matcher (single words are tested one by one)
        self.title_heads: dict[int, int] = {}    # first token → end of a title head (ولي العهد)
        self.honorific_words: set[int] = set()   # tokens of an honorific (آية الله)
        self.given_names: dict[int, int] = {}    # first token → end of a given name (عبد الله)
        self.given_name_words: set[int] = set()  # their tokens: never a title (عبد الملك، ولي الدين)
        self.word_keys: WordKeys | None = None   # the words' phrase keys (``word_keys``), set by the recogniser

    def tag(self, spans: list[tuple[int, int, str]]) -> None:
        """The entity tagger's spans, in text order and apart (one per sentence's run of labels)."""
        self.tagged = spans
        self._tagged_firsts = [first for first, _, _ in spans]

    def known_surname(self, tok: Token) -> bool:
        return any(e.kind == "person" and e.surname == tok.bare for e in self.entities)

    def _span_text(self, first: int, last: int, name: bool = False) -> tuple[int, int, str]:
        """Offsets and text of tokens[first:last] without the first word's clitics; a name keeps
        the end of its last word, which only looks like a pronoun (روته، باهيه)."""
        toks = self.doc.tokens
        start, end = toks[first].core_start, toks[last - 1].end if name else toks[last - 1].core_end
        return start, end, self.doc.text[start:end]

    def add_person(self, first, last, title=None, country=None, org=None, head=None, speaker_only=False):
        if title is None and first > 0 and _heads_construct(self.doc.tokens[first - 1], VENUES_NAMED_AFTER_PEOPLE):
            return None  # بمطار هواري بومدين، شارع جمال عبد الناصر: a place named after a person
        head = self._base_head(head)
        last = self._tagged_end(first, last)
        start, end, text = self._span_text(first, last, name=True)
        key = text_key(" ".join(t.bare if t.clitic_len else t.norm for t in self.doc.tokens[first:last]))
        title_text = None
        if title:
            t0, t1 = title
            if t1 > t0:
                title_text = self._span_text(t0, t1)[2].strip(" ،,")
                self.used.update(range(t0, t1))
                self.title_tokens.update(range(t0, t1))
        person = self._find_person(key, country)
        if person is None:
            person = Entity(len(self.entities), "person", text, key, title_text, country, org, head,
                            speaker_only=speaker_only)
            self.entities.append(person)
            self._by_key[key] = person
        else:
            if len(key) > len(person.key):
                person.name, person.key = text, key
            person.title = person.title or title_text
            person.country = person.country or country
            person.organization = person.organization or org
            person.head = person.head or head
            person.speaker_only = person.speaker_only and speaker_only
        self.add_mention(person, first, last, "name")
        return person

    def _tagged_end(self, first: int, last: int) -> int:
        """Where a name ends: the rules' end, unless the tagger found the same name shorter
        (… آل ثاني تتصل، … روحاني كلمة: the rules ran on into the next word); one family name
        the tagger leaves out right after its end (ثابت العباسي، … عبدالرحمن آل ثاني) stays."""
        toks = self.doc.tokens
        # the tagger's spans are apart: only the last to start at or before ``first`` may hold it
        at = bisect_right(self._tagged_firsts, first) - 1
        if at < 0:
            return last
        a, b, label = self.tagged[at]
        if label == "PER" and a <= first < b < last and toks[b - 1].norm not in NAME_PARTICLES:
            if b - first == 1 and not toks[b].has_article and self.words.is_rare(toks[b]):
                return b + 1  # الجنرال مايكل كوريلا: a given name alone, and a rare word the rules took after it
            # … آل ثاني اتصالين: the family name the tagger left out is kept, what follows it not
            return next((end for end in range(last, b, -1) if self._family_name_at(b, end)), b)
        return last

    def _family_name_at(self, first: int, last: int) -> bool:
        """tokens[first:last] are one family name, after name particles or not (العباسي، ولد مرزوك)."""
        toks = self.doc.tokens
        while first < last - 1 and toks[first].norm in NAME_PARTICLES:
            first += 1
        if last - first != 1:
            return False
        if first > 0 and toks[first - 1].norm in NAME_PARTICLES:
            return True  # آل خليفة: after a particle, even a family name another person bears
        words = self.words
        if words.honorific_family_name(toks, first):
            return True  # حسين الشيخ: an honorific no name follows is the family name
        return not self.known_surname(toks[first]) and (words.family_name_like(toks[first]) or words.unseen_word(toks[first])
                                                        or reads_as_nisba(toks[first]))

    def _base_head(self, head):
        """وزيرا/وزيري → وزير; a counterpart (نظيره) holds the title of the person before him."""
        if not head:
            return head
        if head.startswith(COUNTERPART_HEADS):
            previous = [e for e in self.entities if e.kind == "person" and e.head and not e.head.startswith(COUNTERPART_HEADS)]
            return previous[-1].head if previous else head
        for suffix in ("ا", "ي", "ان", "ين"):
            if head.endswith(suffix) and len(head) - len(suffix) >= 3 and head[: -len(suffix)] in TITLE_BASES:
                return head[: -len(suffix)]
        return TITLE_PLURALS.get(head, head)

    def _find_person(self, key: str, country: str | None = None) -> Entity | None:
        if key in self._by_key:
            return self._by_key[key]
        parts = key.split()
        for e in self.entities:
            if e.kind != "person":
                continue
            other = e.key.split()
            short, long_ = (parts, other) if len(parts) <= len(other) else (other, parts)
            if parts[-1] == other[-1] and (len(short) == 1 or parts[0] == other[0] or long_[-len(short):] == short) \
                    and not ((len(short) > 1 or "lone_parent_names" not in self.words.disabled)
                             and names_a_parent(tuple(long_), tuple(short))):
                return e  # but الملك سلمان is not محمد بن سلمان: a name held after بن is a parent's
            if len(short) == 1 and len(long_) > 1 and short[0] not in self.words.lx.first_names \
                    and _without_article(short[0]) == _without_article(long_[-1]):
                return e  # الرئيس غزواني and محمد ولد الشيخ الغزواني: a family name without its article
            if len(short) >= 3 and long_[:len(short)] == short and short[1] in NAME_PARTICLES \
                    and "patronymic_prefixes" not in self.words.disabled:
                return e  # محمد بن زايد in a headline and محمد بن زايد آل نهيان: the longer name goes on
        if len(parts) == 1:
            # الأمير فيصل after الأمير فيصل بن فرحان: a given name alone names the one person who bears it
            bearers = [e for e in self.entities if e.kind == "person" and len(e.key.split()) > 1 and e.key.split()[0] == key
                       and (country is None or e.country in (None, country))]
            if len(bearers) == 1:
                return bearers[0]
        return None

    def add_entity(self, kind, first, last, country=None, key=None):
        start, end, text = self._span_text(first, last)
        if not _QUOTE_MARKS.isdisjoint(text):
            text = " ".join(text.translate(_QUOTE_MARKS_AS_SPACES).split())  # شركة "أرامكو"
        if self.doc.tokens[first].article_elided:
            text = "ا" + text  # للقاهرة and القاهرة are one place, named with its article
        normalized = text_key(text)
        key = key or kind + ":" + normalized
        entity = self._by_key.get(key)
        if entity is None:
            entity = Entity(len(self.entities), kind, text, normalized, country=country)
            self.entities.append(entity)
            self._by_key[key] = entity
        self.add_mention(entity, first, last, "name")
        return entity

    def add_mention(self, entity: Entity, first: int, last: int, kind: str) -> None:
        start, end, text = self._span_text(first, last, name=entity.kind == "person" and kind in ("name", "surname"))
        entity.mentions.append(Mention(first, last, start, end, text, kind))
        self.used.update(range(first, last))

    def mentions_at(self) -> dict[int, list[tuple[Entity, Mention]]]:
        """Every (entity, mention) at each token: a dual role mention names two people."""
        index: dict[int, list] = {}
        for e in self.entities:
            for m in e.mentions:
                for k in range(m.first, m.last):
                    index.setdefault(k, []).append((e, m))
        return index

    def mention_index(self) -> dict[int, tuple[Entity, Mention]]:
        index = {}
        for e in self.entities:
            for m in e.mentions:
                for k in range(m.first, m.last):
                    index[k] = (e, m)
        return index
