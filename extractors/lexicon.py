"""Language data: lexicons kept as files under ``extractors/data``, loaded once.

Every form is stored under its normalisation key (``normalize``), so look-ups
ignore diacritics, tatweel, hamza/alef variants, alef maqsura and ta marbuta.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .normalize import normalize

DATA_DIR = Path(__file__).parent / "data"


def _read_json(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


def _read_lines(name: str) -> list[str]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


def _keys(forms) -> frozenset[str]:
    return frozenset(normalize(f) for f in forms if f and not f.startswith("_"))


def _strip_article(text: str) -> str:
    """The key of an entry without its article: ال as written only (the أل of ألمانيا، ألباني
    is no article, though it normalises alike)."""
    key = normalize(text)
    return key[2:] if text.startswith("ال") and len(key) > 3 else key


def demonym_forms(base: str) -> set[str]:
    """Inflections of a demonym: مصري → مصريه، مصريون، مصريين، مصريان، مصريتين…"""
    b = normalize(base)
    return {b, b + "ه", b + "ون", b + "ين", b + "ان", b + "تين", b + "تان", b + "ا"}


def verb_inflections(key: str) -> set[str]:
    """A listed verb form and its dual and plural (وقع → وقعا، وقعوا، وقعت، وقعتا; يبحث →
    يبحثان، يبحثون، تبحثان): agency headlines report two parties with a dual verb."""
    forms = {key}
    if key[:1] in "يت":  # an imperfect (يبحث), or a past that starts with ت (تلقى، تباحث)
        stems = {"ي" + key[1:], "ت" + key[1:]} if key[:1] == "ي" else {key}
        forms |= {stem + ending for stem in stems for ending in ("", "ان", "ون")}
    if key[:1] != "ي":
        forms |= {key + ending for ending in ("ا", "وا", "ت", "تا")}
        if key.endswith("ي"):
            forms.add(key[:-1] + "وا")  # التقى → التقوا
    return forms


@dataclass
class Country:
    iso3: str
    name: str
    capital: str | None


@dataclass
class Lexicons:
    title_heads: frozenset
    honorifics: frozenset
    definite_name_titles: frozenset
    institutional_nouns: frozenset
    title_modifiers: frozenset
    non_participant_heads: frozenset
    delegation_nouns: frozenset
    function_words: frozenset
    function_surfaces: frozenset   # the same words as written (only diacritics removed)
    first_names: frozenset
    countries: dict                # iso3 → Country
    country_names: dict            # key (no article) → iso3
    demonyms: dict                 # key (no article) → iso3
    cities: dict                   # key → iso3
    triggers: dict                 # type → {"verbs": set, "nouns": set, "requires_with": set}
    multiword_triggers: dict       # first key → list of (tuple keys, type)
    agenda_cues: frozenset
    agenda_inclusive: frozenset
    negations: frozenset
    future_words: frozenset
    venue_heads: frozenset
    region_words: frozenset
    landmark_cities: dict = field(default_factory=dict)   # normalised venue → the city it stands in (البيت الأبيض → واشنطن)
    weekdays: dict = field(default_factory=dict)   # normalised weekday name → Python weekday (Mon=0)
    places_and_bodies: object = None  # PhraseMatcher: countries, cities, organisations (multi-word too)
    person_phrases: object = None     # PhraseMatcher: title heads, honorifics, given names (multi-word too)
    place_names: frozenset = field(init=False)   # the keys of cities and countries (a word is tested once)

    def __post_init__(self):
        self.place_names = frozenset(self.cities) | frozenset(self.country_names)

    @property
    def protected_words(self) -> frozenset:
        return self.first_names | frozenset(self.country_names) | frozenset(self.cities)


def _phrase_index(phrases) -> dict:
    index: dict = {}
    for phrase, payload in phrases:
        words = tuple(normalize(phrase).split())
        if len(words) > 1:
            index.setdefault(words[0], []).append((words, payload))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _load_countries(rows: list[dict]):
    countries, names, demonyms, cities = {}, {}, {}, {}
    for row in rows:
        iso = row["iso3"]
        countries[iso] = Country(iso, row["names"][0], row.get("capital"))
        for n in row.get("names", []):
            names.setdefault(_strip_article(n), iso)
            names.setdefault(normalize(n), iso)
        for d in row.get("demonyms", []):
            for form in demonym_forms(_strip_article(d)):
                demonyms.setdefault(form, iso)
    # A capital wins over a same-named city elsewhere (طرابلس is Libya's capital).
    for row in rows:
        if row.get("capital"):
            cities.setdefault(normalize(row["capital"]), row["iso3"])
    for row in rows:
        for c in row.get("cities", []):
            cities.setdefault(normalize(c), row["iso3"])
    return countries, names, demonyms, cities


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    titles = _read_json("titles.json")
    trig = _read_json("triggers.json")
    places = _read_json("places.json")
    country_rows = _read_json("countries.json") if (DATA_DIR / "countries.json").exists() else []
    countries, names, demonyms, cities = _load_countries(country_rows)
    for iso3, name in _gazetteer_country_names().items():
        countries.setdefault(iso3, Country(iso3, name, None))  # a place's country is always named

    triggers, multi = {}, []
    for etype in ("meeting", "visit", "call", "agreement"):
        spec = trig[etype]
        entry = {}
        for kind in ("verbs", "nouns", "requires_with"):
            forms = spec.get(kind, [])
            entry[kind] = _keys(f for f in forms if " " not in f)
            if kind != "nouns":
                entry[kind] = frozenset(form for key in entry[kind] for form in verb_inflections(key))
            multi += [(f, (etype, kind)) for f in forms if " " in f]
        triggers[etype] = entry
    places_and_bodies = _places_and_bodies(country_rows, _read_lines("organizations.txt"))

    return Lexicons(
        title_heads=_keys(titles["heads"]),
        honorifics=_keys(titles["honorifics"]),
        definite_name_titles=_keys(titles["definite_name_titles"]),
        institutional_nouns=_keys(titles["institutional_nouns"]),
        title_modifiers=_keys(titles["title_modifiers"]),
        non_participant_heads=_keys(titles["non_participant_heads"]),
        delegation_nouns=_keys(titles["delegation_nouns"]),
        function_words=_keys(_read_lines("function_words.txt")),
        function_surfaces=frozenset(_read_lines("function_words.txt")),
        first_names=_keys(_read_lines("first_names.txt")),
        countries=countries,
        country_names=names,
        demonyms=demonyms,
        cities=cities,
        triggers=triggers,
        multiword_triggers=_phrase_index(multi),
        agenda_cues=_keys(trig["agenda_cues"]),
        agenda_inclusive=_keys(trig["agenda_inclusive"]),
        negations=_keys(trig["negations"]),
        future_words=_keys(trig["future"]),
        venue_heads=_keys(places["venue_heads"]),
        region_words=_keys(places["region_words"]),
        landmark_cities={normalize(venue): city for venue, city in places["landmark_cities"].items()},
        weekdays={normalize(name): int(day) for day, names in _read_json("time.json")["weekdays"].items()
                  for name in names},
        places_and_bodies=places_and_bodies,
        person_phrases=_person_phrases(titles, _read_lines("first_names.txt")),
    )


def _gazetteer_country_names() -> dict[str, str]:
    """ISO alpha-3 → the first Arabic name of the compiled country gazetteer (CLDR)."""
    from .gazetteers import load_gazetteers

    return load_gazetteers().country_names


def _places_and_bodies(countries: list[dict], organisations: list[str]):
    """One phrase matcher over every country name, city and organisation of the lexicons.

    A country is also stored without its article (الأردن → أردن, as after a clitic: بالأردن)."""
    from .matcher import PhraseMatcher

    matcher = PhraseMatcher()
    for row in countries:
        for name in row.get("names", []):
            matcher.add(name, "country", row["iso3"])
            if _strip_article(name) != normalize(name) and " " not in name:
                matcher.add(_strip_article(name), "country", row["iso3"])
    # a capital wins over a same-named city elsewhere (طرابلس is Libya's): capitals first
    for row in countries:
        if row.get("capital"):
            matcher.add(row["capital"], "city", row["iso3"])
    for row in countries:
        for city in row.get("cities", []):
            matcher.add(city, "city", row["iso3"])
    for name in organisations:
        matcher.add(name, "org")
    return matcher


def _person_phrases(titles: dict, first_names: list[str]):
    """One phrase matcher over the words around and in a person's name: title heads (ولي العهد،
    رجل الأعمال), honorifics (آية الله) and given names (عبد الله، زين العابدين). The rules test
    single words against the sets above and take multi-word entries from this matcher."""
    from .matcher import PhraseMatcher

    matcher = PhraseMatcher()
    for head in titles["heads"]:
        matcher.add(head, "head")
        if not normalize(head).startswith("ال"):
            matcher.add("ال" + head, "head")   # the article is optional on a head (القائم بالأعمال)
    for kind, label in (("definite_name_titles", "definite_title"), ("honorifics", "honorific")):
        matcher.add_all(titles[kind], label)
    matcher.add_all(first_names, "given")
    return matcher


@lru_cache(maxsize=1)
def load_word_classes() -> dict[str, frozenset | dict]:
    """Closed word classes of ``word_classes.json`` by name, as normalisation keys; a class
    given as ``singular_of`` is a dict from each plural's key to its singular's."""
    return {name: _keys(spec["words"]) if "words" in spec
            else {normalize(plural): normalize(singular) for plural, singular in spec["singular_of"].items()}
            for name, spec in _read_json("word_classes.json").items() if not name.startswith("_")}


@lru_cache(maxsize=None)
def word_class_phrases(name: str):
    """The multi-word entries of a word class (من أجل، من خلال) in a phrase matcher."""
    from .matcher import PhraseMatcher

    matcher = PhraseMatcher()
    matcher.add_all((w for w in _read_json("word_classes.json")[name]["words"] if " " in w), name)
    return matcher
