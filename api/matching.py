"""When two reports describe the same happening, and the one event several reports make.

Pure functions over events in the extractor's shape; ``repository`` stores what they decide.
A report joins an event when all of these hold:

* type: same family (``event_types``): a meeting and a visit may be one happening, a call
  and a meeting may not;
* time: their periods overlap. A dated report's period is its day (its month for a month);
  an undated one's is the ``UNDATED_LOOKBACK_DAYS`` days up to its publication date; a
  report with neither is never merged, nothing places it in time;
* place: compatible: the same city, or one side names only a country or no place at all;
  two countries, or two cities, are two places;
* people: at least one shared, by the shared scorer's rule (a one-word name matches a
  fuller name that begins or ends with it; a longer name matches a name containing it);
* no rival principals: it is not the case that each side names a person (not a mere
  attendee) whom the other lacks: the Egyptian delegation meeting Bashagha and the same
  delegation meeting Maitig on the same day in Tripoli are two meetings.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.normalize import normalize

from .event_types import same_family

UNDATED_LOOKBACK_DAYS = 7
MAX_WINDOW_DAYS = 31            # the longest period any event has (a month)
MAX_NAME_TOKENS = 8
MAX_KEY_CHARS = 300             # index entries stay well under PostgreSQL's b-tree row limit
NON_WORD = re.compile(r"[^\w\s]|_")
LOCATION_RANK = {"one_missing": 0, "same_country": 1, "same_place": 2}
PRECISION_RANK = {"day": 2, "month": 1}

Window = tuple[dt.date, dt.date]


def search_key(text: str | None) -> str:
    """Matching form of free text: normalised Arabic, case-folded Latin."""
    return normalize(text or "").casefold()


def parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# --- names -------------------------------------------------------------------


def name_tokens(name: str | None) -> tuple[str, ...]:
    return tuple(NON_WORD.sub(" ", search_key(name)).split())[:MAX_NAME_TOKENS]


def _contains(big: tuple, small: tuple) -> bool:
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))


def name_strength(a: tuple, b: tuple) -> int:
    """3 same name, 2 one contains the other, 1 a one-word name is the other's first or last
    word, 0 no match: the shared scorer's rule, graded so the closest pairing wins."""
    if not a or not b:
        return 0
    if a == b:
        return 3
    if (len(b) >= 2 and _contains(a, b)) or (len(a) >= 2 and _contains(b, a)):
        return 2
    if (len(b) == 1 and b[0] in (a[0], a[-1])) or (len(a) == 1 and a[0] in (b[0], b[-1])):
        return 1
    return 0


def _runs(tokens: tuple) -> set[str]:
    """Every contiguous run of two or more words."""
    return {" ".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 2, len(tokens) + 1)}


def _keys(prefix: str, texts) -> set[str]:
    return {(prefix + text)[:MAX_KEY_CHARS] for text in texts}


def stored_name_keys(tokens: tuple) -> set[str]:
    """Index entries of a stored name: ``f:`` the whole name, ``s:`` its runs of two or more
    words, ``e:`` its first and last words. ``lookup_name_keys`` finds exactly the names
    ``name_strength`` matches."""
    if not tokens:
        return set()
    keys = _keys("f:", [" ".join(tokens)])
    if len(tokens) >= 2:
        keys |= _keys("s:", _runs(tokens)) | _keys("e:", {tokens[0], tokens[-1]})
    return keys


def lookup_name_keys(tokens: tuple) -> set[str]:
    if not tokens:
        return set()
    if len(tokens) == 1:
        return _keys("f:", tokens) | _keys("e:", tokens)
    return _keys("s:", [" ".join(tokens)]) | _keys("f:", _runs(tokens) | {tokens[0], tokens[-1]})


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


def _lacks_a_principal(people: list[dict], matched: set[int]) -> bool:
    """Some person (not an attendee) here is not among the matched."""
    return any(i not in matched and p.get("kind", "person") in (None, "person") and p.get("role") != "attendee"
               for i, p in enumerate(people))


# --- time and place ----------------------------------------------------------


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
    if a is None or b is None:
        return None
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def date_relation(a: Window | None, b: Window | None) -> str | None:
    if overlap(a, b) is None:
        return None
    return "same_day" if a == b and a[0] == a[1] else "overlapping_period"


@lru_cache(maxsize=1)
def _country_names() -> frozenset:
    from extractors.lexicon import load_lexicons

    return frozenset(" ".join(name_tokens(name)) for name in load_lexicons().country_names)


def is_country_name(tokens: tuple) -> bool:
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
        if name_a == name_b or _contains(name_a, name_b) or _contains(name_b, name_a):
            return "same_place"
        if not (is_country_name(name_a) or is_country_name(name_b)):
            return None
    return "same_country" if country_a and country_b else "one_missing"


def _specificity(location: dict) -> tuple:
    name = name_tokens(location.get("name"))
    return bool(location.get("venue")), bool(name) and not is_country_name(name), bool(name), \
        bool(location.get("country"))


# --- one report against one event ---------------------------------------------


@dataclass(frozen=True)
class Match:
    """Why a report was taken for a report of an event."""

    shared: tuple[tuple[str, str], ...]   # (name in the event, name as this report writes it)
    date: str
    location: str
    same_type: bool

    @property
    def score(self) -> tuple:
        return len(self.shared), self.same_type, self.date == "same_day", LOCATION_RANK[self.location]

    def as_dict(self) -> dict:
        return {"shared_participants": [{"name": name, "as_reported": form} for name, form in self.shared],
                "date": self.date, "location": self.location}


def match(event: dict, window: Window | None, report: dict, report_period: Window | None) -> Match | None:
    """How ``report`` fits ``event`` (whose period is ``window``), or None when it does not."""
    if not same_family(event.get("type"), report.get("type")):
        return None
    date = date_relation(window, report_period)
    location = location_relation(event.get("location"), report.get("location"))
    if date is None or location is None:
        return None
    people, others = event.get("participants") or [], report.get("participants") or []
    pairs = pair_people(people, others)
    if not pairs or (_lacks_a_principal(people, {i for i, _ in pairs})
                     and _lacks_a_principal(others, {j for _, j in pairs})):
        return None
    shared = tuple((people[i]["name"], others[j]["name"]) for i, j in sorted(pairs))
    return Match(shared, date, location, event.get("type") == report.get("type"))


# --- several reports as one event ----------------------------------------------


@dataclass(frozen=True)
class Source:
    """One article's report of an event: the event as extracted from that article."""

    article_id: int
    published_at: dt.date | None
    event: dict

    @property
    def window(self) -> Window | None:
        return report_window(self.event, self.published_at)

    def cite(self, item: dict) -> dict:
        """The item with the article whose text its spans quote."""
        return {**item, "article_id": self.article_id}


@dataclass
class Merged:
    """Reports of one happening, folded in order, and the event they make together.

    Slots are the event's participants, each with the forms the reports name them by; the
    fullest form names the slot. The trigger and evidence are the first report's."""

    sources: list[Source]
    matches: list[Match | None]
    window: Window | None
    slots: list[list[tuple[Source, dict]]] = field(default_factory=list)

    @classmethod
    def start(cls, source: Source) -> Merged:
        people = source.event.get("participants") or []
        return cls([source], [None], source.window, [[(source, person)] for person in people])

    @property
    def event(self) -> dict:
        first = self.sources[0].event
        return {
            "type": self._type(), "trigger": first.get("trigger"),
            "participants": [canonical(slot) for slot in self.slots],
            "location": self._location(), "time": self._time(), "agenda": self._agenda(),
            "evidence": first.get("evidence") or [],
            "confidence": max(float(s.event.get("confidence") or 0.0) for s in self.sources),
        }

    def fit(self, source: Source) -> Match | None:
        return match(self.event, self.window, source.event, source.window)

    def add(self, source: Source, how: Match) -> None:
        people = source.event.get("participants") or []
        pairs = dict((j, i) for i, j in pair_people(self.event["participants"], people))
        for j, person in enumerate(people):
            if j in pairs:
                self.slots[pairs[j]].append((source, person))
            else:
                self.slots.append([(source, person)])
        self.sources.append(source)
        self.matches.append(how)
        self.window = overlap(self.window, source.window)

    def _type(self) -> str:
        types = [s.event["type"] for s in self.sources]
        counts = Counter(types)
        return max(types, key=lambda t: (counts[t], -types.index(t)))

    def _location(self) -> dict | None:
        """The most specific place a report gives, its missing city or country taken from the
        next most specific (places of one event are compatible); its span quotes its own report."""
        ranked = sorted(((s, s.event["location"]) for s in self.sources if s.event.get("location")),
                        key=lambda pair: _specificity(pair[1]), reverse=True)
        if not ranked:
            return None
        source, best = ranked[0]
        filled = {key: best.get(key) or next((loc.get(key) for _, loc in ranked if loc.get(key)), None)
                  for key in ("name", "country")}
        return source.cite({**best, **filled})

    def _time(self) -> dict | None:
        """The best-attested date: a valid one, the most precise, then the one most reports give,
        then the first report's."""
        timed = [(s, s.event["time"]) for s in self.sources if s.event.get("time")]
        if not timed:
            return None
        votes = Counter(time.get("date") for _, time in timed)
        source, best = max(timed, key=lambda pair: (
            parse_date(pair[1].get("date")) is not None, PRECISION_RANK.get(pair[1].get("precision"), 0),
            votes[pair[1].get("date")]))
        return source.cite(best)

    def _agenda(self) -> list[dict]:
        items, seen = [], []
        for source in self.sources:
            for item in source.event.get("agenda") or []:
                words = name_tokens(item.get("text"))
                if words and not any(_contains(known, words) for known in seen):
                    items.append(source.cite(item))
                    seen.append(words)
        return items


def canonical(slot: list[tuple[Source, dict]]) -> dict:
    """A participant as the event names them: the fullest form, details filled from the others."""
    source, person = max(slot, key=lambda pair: len(name_tokens(pair[1]["name"])))
    filled = {key: person.get(key) or next((p.get(key) for _, p in slot if p.get(key)), None)
              for key in ("title", "organization", "country")}
    return {**source.cite(person), **filled, "kind": person.get("kind")}


def group_sources(sources: list[Source]) -> list[Merged]:
    """Fold reports in order: each joins the event it fits best, or starts one."""
    groups: list[Merged] = []
    for source in sources:
        fits = [(how, group) for group in groups if (how := group.fit(source))]
        if fits:
            how, group = max(fits, key=lambda pair: pair[0].score)
            group.add(source, how)
        else:
            groups.append(Merged.start(source))
    return groups


@dataclass(frozen=True)
class Candidate:
    """A stored event a new report might belong to."""

    id: int
    event: dict
    window: Window | None


def assign(sources: list[Source], candidates: list[Candidate]) -> dict[int, tuple[int, Match]]:
    """Which stored event each of an article's reports joins: ``{report index: (event id, match)}``.

    A report joins the one candidate it fits best; when two fit equally well it is ambiguous
    and joins none. An article reports a happening once, so two of its reports never join
    the same event: the better fit wins."""
    options = []
    for index, source in enumerate(sources):
        fits = sorted(((how.score, candidate.id, how) for candidate in candidates
                       if (how := match(candidate.event, candidate.window, source.event, source.window))),
                      key=lambda item: item[0], reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] != fits[1][0]):
            options.append((fits[0][0], index, fits[0][1], fits[0][2]))
    chosen: dict[int, tuple[int, Match]] = {}
    for _, index, event_id, how in sorted(options, key=lambda item: (item[0], -item[1]), reverse=True):
        if all(taken != event_id for taken, _ in chosen.values()):
            chosen[index] = (event_id, how)
    return chosen
