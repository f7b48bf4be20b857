"""Compiled gazetteers (``extractors/data/gazetteers/``), loaded once per process.

Built by ``python -m extractors.training.gazetteers`` at ``make model`` time from CLDR,
GeoNames, Wikidata-derived city translations, NERAr and given-name lists; the service only
reads these files.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .matcher import PhraseMatcher
from .normalize import normalize

GAZETTEER_DIR = Path(__file__).parent / "data" / "gazetteers"
# Phrase labels of the matcher; the payload of countries and cities is an ISO code.
COUNTRY, CITY, PLACE, PERSON, ORG = "country", "city", "place", "person", "org"


def _rows(name: str, directory: Path) -> list[list[str]]:
    with open(directory / name, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Gazetteers:
    phrases: PhraseMatcher         # countries, cities, places, full person names, organisations
    given_names: frozenset         # single normalised words (compound given names keep a space)
    family_names: frozenset
    country_names: dict            # ISO alpha-3 → its first Arabic name

    def country_code(self, name: str) -> str | None:
        return next((code for label, code in self.phrases.lookup(name) if label == COUNTRY), None)

    def city_country(self, name: str) -> str | None:
        return next((code for label, code in self.phrases.lookup(name) if label == CITY), None)


@lru_cache(maxsize=2)
def load_gazetteers(directory: Path = GAZETTEER_DIR) -> Gazetteers:
    phrases = PhraseMatcher()
    country_names = {}
    alpha3 = {}   # cities carry ISO alpha-2; places are reported with alpha-3 like the lexicon's
    for name, code, *rest in _rows("countries.tsv", directory):
        phrases.add(name, COUNTRY, (rest[0] if rest and rest[0] else None) or code or None)
        if code and rest and rest[0]:
            alpha3[code] = rest[0]
        if rest and rest[0]:
            country_names.setdefault(rest[0], name)
    for name, code in _rows("cities.tsv", directory):
        phrases.add(name, CITY, alpha3.get(code, code) or None)
    for label, fname in ((PLACE, "places.txt"), (PERSON, "person_names.txt"), (ORG, "organizations.txt")):
        for (name,) in _rows(fname, directory):
            phrases.add(name, label)
    given = frozenset(normalize(n) for (n,) in _rows("given_names.txt", directory))
    family = frozenset(normalize(n) for (n,) in _rows("family_names.txt", directory))
    return Gazetteers(phrases, given, family, country_names)
