"""Several reports as one event, and the name keys that find candidate events in storage.

The rules that decide whether a report is another report of an event live in
``extractors.identity`` (no Flask, no database); this module folds reports into merged
events with them and builds the index keys ``repository`` stores and looks up.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from extractors.identity import (Match, Window, contains, match, name_strength, name_tokens, overlap,
                                 pair_people, parse_date, place_specificity, report_window, search_key)

MAX_WINDOW_DAYS = 31            # the longest period any event has (a month)
MAX_KEY_CHARS = 300             # index entries stay well under PostgreSQL's b-tree row limit
PRECISION_RANK = {"day": 2, "month": 1}

# Re-exported: callers of this module compare names as the merge does.
__all__ = ["MAX_KEY_CHARS", "MAX_WINDOW_DAYS", "Candidate", "Match", "Merged", "Source", "assign", "canonical",
           "group_sources", "lookup_name_keys", "name_strength", "name_tokens", "parse_date", "search_key",
           "stored_name_keys"]


# --- index keys of names -------------------------------------------------------


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
                        key=lambda pair: place_specificity(pair[1]), reverse=True)
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
                if words and not any(contains(known, words) for known in seen):
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
