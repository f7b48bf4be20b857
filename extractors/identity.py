"""Identity rules: when two reports describe one happening, and when two posts are one article.

No Flask, no database: the service's cross-article merge (``api.matching``), the bulk loader
(``api.load``) and the backfill (``extractors.backfill``) all decide with these functions.
Events are in the extractor's JSON shape (``Pipeline.extract()["events"]``).

A report is another report of an event when all of these hold (``match``):

* type: same family (``same_family``): a meeting and a visit may be one happening, a call
  and a meeting may not;
* time: their periods overlap (``report_window``, ``date_relation``). A dated report's
  period is its day (its month for a month); an undated one's is the
  ``UNDATED_LOOKBACK_DAYS`` days up to its publication date; a report with neither is
  never merged, nothing places it in time;
* place: compatible (``location_relation``): the same city, or one side names only a
  country or no place at all; two countries, or two cities, are two places;
* people: at least one shared (``pair_people``), by the shared scorer's rule
  (``name_strength``: a one-word name matches a fuller name that begins or ends with it; a
  longer name matches a name containing it);
* no rival principals (``rival_principals``): it is not the case that each side names a
  person (not a mere attendee) whom the other lacks: the Egyptian delegation meeting Bashagha
  and the same delegation meeting Maitig on the same day in Tripoli are two meetings.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load_word_classes
from .normalize import normalize

UNDATED_LOOKBACK_DAYS = 7
MAX_NAME_TOKENS = 8
NON_WORD = re.compile(r"[^\w\s]|_")
LOCATION_RANK = {"one_missing": 0, "same_country": 1, "same_place": 2}

# Types of one family may be reports of the same happening (a reception is reported both as
# a meeting and as a visit); types of different families never are.
TYPE_FAMILIES = {"meeting": "in_person", "visit": "in_person", "call": "call", "agreement": "agreement"}

Window = tuple[dt.date, dt.date]


# --- articles ------------------------------------------------------------------


def article_key(url: str | None, text: str) -> str:
    """What makes two posts one article: its url; without one, its exact text (sha256 hex)."""
    source = "url\n" + url if url else "text\n" + text
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


# --- text and dates --------------------------------------------------------------


def search_key(text: str | None) -> str:
    """Matching form of free text: normalised Arabic, case-folded Latin."""
    return normalize(text or "").casefold()


def parse_date(value) -> dt.date | None:
    """A date from an ISO string (or date), None when absent or invalid."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# --- event types -------------------------------------------------------------------


def same_family(first: str | None, second: str | None) -> bool:
    """Whether events of these two types may report one happening."""
    return first in TYPE_FAMILIES and second in TYPE_FAMILIES and TYPE_FAMILIES[first] == TYPE_FAMILIES[second]


def family_types(event_type: str) -> tuple[str, ...]:
    """Every type of ``event_type``'s family, itself included."""
    return tuple(name for name, family in TYPE_FAMILIES.items() if family == TYPE_FAMILIES[event_type])


# --- people ----------------------------------------------------------------------------


def name_tokens(name: str | None) -> tuple[str, ...]:
    """A name as matching compares it: its normalised words, punctuation dropped (at most 8)."""
    return tuple(NON_WORD.sub(" ", search_key(name)).split())[:MAX_NAME_TOKENS]


def contains(big: tuple, small: tuple) -> bool:
    """Whether the word sequence ``small`` occurs contiguously in ``big``."""
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))


@lru_cache(maxsize=1)
def _filial_particles() -> frozenset:
    return load_word_classes()["filial_particles"]


def names_a_parent(longer: tuple, shorter: tuple) -> bool:
    """Whether ``shorter`` occurs in ``longer`` only right after بن/بنت: محمد بن سلمان بن
    عبدالعزيز holds his father's name سلمان بن عبدالعزيز, who is another person."""
    n = len(shorter)
    places = [i for i in range(len(longer) - n + 1) if longer[i:i + n] == shorter]
    return bool(places) and all(i > 0 and longer[i - 1] in _filial_particles() for i in places)


def name_strength(a: tuple, b: tuple) -> int:
    """3 same name, 2 one contains the other, 1 a one-word name is the other's first or last
    word, 0 no match: the shared scorer's rule, graded so the closest pairing wins. A name
    that another holds only as its parent's (``names_a_parent``) matches it not at all."""
    if not a or not b:
        return 0
    if a == b:
        return 3
    if names_a_parent(a, b) or names_a_parent(b, a):
        return 0  # الملك سلمان is not محمد بن سلمان, nor سلمان بن عبدالعزيز محمد بن سلمان بن عبدالعزيز
    if (len(b) >= 2 and contains(a, b)) or (len(a) >= 2 and contains(b, a)):
        return 2
    if (len(b) == 1 and b[0] in (a[0], a[-1])) or (len(a) == 1 and a[0] in (b[0], b[-1])):
        return 1
    return 0


def same_person(first: str | None, second: str | None) -> bool:
    """Whether two written names may name one person (``name_strength`` above 0)."""
    return name_strength(name_tokens(first), name_tokens(second)) > 0


def pair_people(people: list[dict], others: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (index in people, index in others) of matching names, closest first."""
    scored = sorted(((name_strength(name_tokens(p["name"]), name_tokens(o["name"])), i, j)
                     for i, p in enumerate(people) for j, o in enumerate(others)),
                    key=lambda item: (-item[0], item[1], item[2]))
    pairs, used_left, used_right = [], set(), set()
    for strength, i, j in scored:
        if strength and i not in used_left and j not in used_right:
            pairs.append((i, j))
            used_left.add(i)
            used_right.add(j)
    return pairs


def lacks_a_principal(people: list[dict], matched: set[int]) -> bool:
    """Some person (not an attendee, not a body) in ``people`` is not among the ``matched`` indexes."""
    return any(i not in matched and p.get("kind", "person") in (None, "person") and p.get("role") != "attendee"
               for i, p in enumerate(people))


def rival_principals(people: list[dict], others: list[dict], pairs: list[tuple[int, int]]) -> bool:
    """Each side names a principal the other lacks, given the ``pair_people`` pairs: two happenings."""
    return lacks_a_principal(people, {i for i, _ in pairs}) and lacks_a_principal(others, {j for _, j in pairs})


# --- time ----------------------------------------------------------------------------------


def report_window(event: dict, published_at: dt.date | None) -> Window | None:
    """The period the event happened in: its day or month, or the days up to publication."""
    time = event.get("time") or {}
    day = parse_date(time.get("date"))
    if day and time.get("precision") == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if day and time.get("precision") in ("day", None):
        return day, day
    if published_at:
        return published_at - dt.timedelta(days=UNDATED_LOOKBACK_DAYS), published_at
    return None


def overlap(a: Window | None, b: Window | None) -> Window | None:
    """The period two windows share, None when they share no day (or either is unknown)."""
    if a is None or b is None:
        return None
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def date_relation(a: Window | None, b: Window | None) -> str | None:
    """``same_day``, ``overlapping_period``, or None when the periods are incompatible."""
    if overlap(a, b) is None:
        return None
    return "same_day" if a == b and a[0] == a[1] else "overlapping_period"


# --- place -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_names() -> frozenset:
    from .lexicon import load_lexicons

    return frozenset(" ".join(name_tokens(name)) for name in load_lexicons().country_names)


def is_country_name(tokens: tuple) -> bool:
    """Whether the name's words are a country's name in the lexicons."""
    return " ".join(tokens) in _country_names()


def _place(location: dict | None) -> tuple[tuple, str | None]:
    location = location or {}
    return name_tokens(location.get("name")), location.get("country")


def location_relation(a: dict | None, b: dict | None) -> str | None:
    """``same_place``, ``same_country``, ``one_missing``, or None when the places differ."""
    (name_a, country_a), (name_b, country_b) = _place(a), _place(b)
    if country_a and country_b and country_a != country_b:
        return None
    if name_a and name_b:
        if name_a == name_b or contains(name_a, name_b) or contains(name_b, name_a):
            return "same_place"
        if not (is_country_name(name_a) or is_country_name(name_b)):
            return None
    return "same_country" if country_a and country_b else "one_missing"


def place_specificity(location: dict) -> tuple:
    """Sort key of places, most specific last: a venue, a city rather than a country, any name, a country."""
    name = name_tokens(location.get("name"))
    return bool(location.get("venue")), bool(name) and not is_country_name(name), bool(name), \
        bool(location.get("country"))


# --- one report against one event ----------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """Why a report was taken for a report of an event."""

    shared: tuple[tuple[str, str], ...]   # (name in the event, name as this report writes it)
    date: str
    location: str
    same_type: bool

    @property
    def score(self) -> tuple:
        """Better fits sort higher: more shared people, the same type, the same day, the same place."""
        return len(self.shared), self.same_type, self.date == "same_day", LOCATION_RANK[self.location]

    def as_dict(self) -> dict:
        return {"shared_participants": [{"name": name, "as_reported": form} for name, form in self.shared],
                "date": self.date, "location": self.location}


def match(event: dict, window: Window | None, report: dict, report_period: Window | None) -> Match | None:
    """How ``report`` (happening in ``report_period``) fits ``event`` (whose period is ``window``),
    or None when they are two happenings."""
    if not same_family(event.get("type"), report.get("type")):
        return None
    date = date_relation(window, report_period)
    location = location_relation(event.get("location"), report.get("location"))
    if date is None or location is None:
        return None
    people, others = event.get("participants") or [], report.get("participants") or []
    pairs = pair_people(people, others)
    if not pairs or rival_principals(people, others, pairs):
        return None
    shared = tuple((people[i]["name"], others[j]["name"]) for i, j in sorted(pairs))
    return Match(shared, date, location, event.get("type") == report.get("type"))
