"""Arabic time expressions, resolved against the publication date.

``find_times(text, anchor)`` returns every time expression of an article with
offsets into the *original* text and, when the day can be known, the calendar day:

- relative days: اليوم، مساء اليوم، الليلة، أمس، بالأمس، أمس الأول، منذ قليل، غداً، قبل ثلاثة أيام
- weekdays: الأحد، يوم الأحد، مساء السبت، الأحد الماضي، الخميس المقبل، اليوم الأحد، أمس الثلاثاء
- explicit dates: 28 مايو 2020، 12 كانون الأول 2020، الرابع من نيسان/ أبريل، الـ21 من أكتوبر،
  06-09-2014، 2020-12-27، August 2, 2020، 2 August 2020
- coarser mentions kept with ``date=None``: أكتوبر 2020، نهاية فبراير الماضي، عام 2019،
  الأسبوع الماضي، and Hijri dates (recognised, not converted).

Matching runs on a normalised copy of the text (no diacritics/tatweel, unified
hamza/alef, ta marbuta, alef maqsura, Latin digits) through one regex compiled at
import; offsets are mapped back to the original text. The vocabulary lives in
``data/time.json``.

Resolution rules: a relative word needs an anchor (no anchor → ``date=None``). A weekday
resolves to the most recent such day on or before the anchor (strictly before with
الماضي, strictly after with المقبل/القادم); when a relative word and a weekday disagree
(أمس الثلاثاء on a Thursday) the weekday wins. A day and month without a year take the
anchor's year, or the previous year when that would put them more than a few days
after the anchor. Impossible dates (30 فبراير) give ``date=None``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from .cache import WordCache
from .normalize import DELETE_RE, LETTER_MAP

__all__ = ["TimeExpression", "TimeTagger", "find_times", "infer_anchor", "resolve_weekday"]

_DATA = json.loads((Path(__file__).resolve().parent / "data" / "time.json").read_text(encoding="utf-8"))

# A day-month without a year may sit this far after the anchor before it is read as last year's.
FUTURE_GRACE_DAYS = 7

# ---------------------------------------------------------------------------
# Normalisation with an offset map back to the original text.
# Deleted: diacritics, Quranic marks, tatweel, bidi controls and zero-width characters.
_DELETE_RE = DELETE_RE
_MARKS = frozenset(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640])
_TRANSLATE = LETTER_MAP


_REPLACEMENTS = tuple((chr(k), v) for k, v in _TRANSLATE.items())


def _key(text: str) -> str:
    """Matching key of a vocabulary word (same normalisation as the text)."""
    return " ".join(_DELETE_RE.sub("", text).translate(_TRANSLATE).split())


class _OffsetMap:
    """Maps offsets of the normalised text back to the original text."""

    __slots__ = ("text", "positions", "removed")

    def __init__(self, text: str, runs):
        self.text = text
        self.positions: list[int] = []   # normalised offset where a deleted run sat
        self.removed: list[int] = []     # characters deleted up to and including that run
        total = 0
        for m in runs:
            self.positions.append(m.start() - total)
            total += m.end() - m.start()
            self.removed.append(total)

    def start(self, n: int) -> int:
        k = bisect_right(self.positions, n)
        return n + (self.removed[k - 1] if k else 0)

    def end(self, n: int) -> int:
        if n <= 0:
            return 0
        o = self.start(n - 1) + 1
        text = self.text
        while o < len(text) and text[o] in _MARKS:   # keep the last letter's diacritics and tatweel
            o += 1
        return o


def _translate(text: str) -> str:
    # str.replace per present character is much faster than str.translate with a dict table
    for src, dst in _REPLACEMENTS:
        if src in text:
            text = text.replace(src, dst)
    return text


def _normalize(text: str) -> tuple[str, _OffsetMap | None]:
    runs = list(_DELETE_RE.finditer(text))
    if not runs:
        return _translate(text), None
    return _translate(_DELETE_RE.sub("", text)), _OffsetMap(text, runs)


# ---------------------------------------------------------------------------
# Vocabulary → lookup tables and regex alternations.

def _alt(words) -> str:
    keys = sorted({_key(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in k.split()) for k in keys)


def _index(table: dict) -> dict[str, int]:
    return {_key(w): int(n) for n, words in table.items() for w in words}


def _space(s: str) -> str:
    return " ".join(s.split())


MONTHS = _index(_DATA["months"])
MONTHS_EN = {w.lower(): int(n) for n, words in _DATA["months_en"].items() for w in words}
HIJRI_MONTHS = _index(_DATA["hijri_months"])
WEEKDAYS = _index(_DATA["weekdays"])
ORDINALS = _index(_DATA["ordinals"])
RELATIVE_DAYS = _index(_DATA["relative_days"])
COUNT_UNITS = _index(_DATA["count_units"])
PAST = {_key(w) for w in _DATA["past"]}
NEXT = {_key(w) for w in _DATA["next"]}
TODAY_WORDS = {_key(w) for w in _DATA["today_words"]}
TODAY_BLOCK_BEFORE = {_key(w) for w in _DATA["today_blockers_before"]}
TODAY_BLOCK_AFTER = {_key(w) for w in _DATA["today_blockers_after"]}
# المصري اليوم is a paper only when it is quoted or named as one (صحيفة المصري اليوم): after a
# title (وزير الخارجية المصري اليوم) it is today
TODAY_BLOCK_NAMED_BEFORE = {_key(w) for w in _DATA["today_blockers_named_before"]}
MEDIA_NOUNS = {_key(w) for w in _DATA["media_nouns"]}
WEEKDAY_BLOCK_BEFORE = {_key(w) for w in _DATA["weekday_blockers_before"]}
YEAR_BLOCK_BEFORE = {_key(w) for w in _DATA["year_blockers_before"]}
COUNT_BEFORE = {_key(w) for w in _DATA["count_before"]}
WEEK_WORDS = {_key(w) for w in _DATA["week_words"]}
MONTH_WORDS = {_key(w) for w in _DATA["month_words"]}

_B = r"(?<!\w)"                 # start of a word
_E = r"(?!\w)"                  # end of a word
_CL = r"(?:[وف]?[بل]?)"         # proclitics و ف ب ل kept outside the expression
_MONTH = f"(?:{_alt(MONTHS)})"
_MON = rf"(?P<mon>{_MONTH})(?:\s*[/\\(\-]\s*{_MONTH}\s*\)?)?"   # نيسان/ أبريل, أبريل (نيسان)
_WD = f"(?:{_alt(WEEKDAYS)})"
_PAST = f"(?:{_alt(_DATA['past'])})"
_NEXT = f"(?:{_alt(_DATA['next'])})"
_CUR = f"(?:{_alt(_DATA['current'])})"
_THIS = f"(?:{_alt(_DATA['this_words'])})"
_YEARWORD = r"(?:ال|ل)?(?:عام|سنه)"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)(?:\s?م" + _E + ")?"
_YEAR_REL = rf"(?P<yrel>{_YEARWORD}\s+(?:{_CUR}|{_PAST}|{_NEXT})|{_THIS}\s+{_YEARWORD})"
_YEAR_TAIL = (
    rf"(?:\s*[,،]?\s*(?:(?:من\s+)?{_YEARWORD}\s+)?{_YEAR}"
    rf"|\s+(?:من\s+)?{_YEAR_REL}"
    rf"|\s+(?P<past>{_PAST})|\s+(?P<next>{_NEXT}))"
)
_TOD = f"(?:{_alt(_DATA['times_of_day'])})"
_DAYWORD = f"(?:{_alt(_DATA['day_words'])})"
_DAY = r"(?:ال\s?)?(?P<day>\d{1,2})(?!\d)"
_ORD = f"(?P<ord>{_alt(ORDINALS)})"
_REL_MONTH = rf"(?P<relmon>الشهر\s+(?:{_CUR}|{_PAST}))"
_EN_MONTH = "(?i:(?P<emon>" + "|".join(sorted(MONTHS_EN, key=len, reverse=True)) + r"))\.?"
_EN_ORD = r"(?:st|nd|rd|th)?"

RULES: dict[str, str] = {
    # 2020-12-27, 06-09-2014, 06/09/2014 (day-month-year)
    "numeric": (
        r"(?<![\w.\-/])[وفب]?(?P<body>(?P<y1>(?:19|20)\d\d)[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
        r"|(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>(?:19|20)\d\d))(?![\w]|[-/.]\d)"
    ),
    "en_mdy": rf"(?<![A-Za-z])(?P<body>{_EN_MONTH}\s+(?P<day>\d{{1,2}}){_EN_ORD}(?:(?:,\s*|\s+)(?P<year>(?:19|20)\d\d))?)(?!\w)",
    "en_dmy": rf"(?<!\w)[وفب]?(?P<body>(?P<day>\d{{1,2}}){_EN_ORD}\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?)(?!\w)",
    "en_my": rf"(?<![A-Za-z])(?P<body>{_EN_MONTH},?\s+(?P<year>(?:19|20)\d\d))(?!\w)",
    # 6 ذو القعدة 1445 هـ: recognised, not converted
    "hijri": rf"{_B}{_CL}(?P<body>\d{{1,2}}\s+(?:{_alt(HIJRI_MONTHS)})\s+1[34]\d\d(?!\d)(?:\s*(?:{_alt(_DATA['hijri_suffixes'])}){_E})?)",
    # 28 مايو 2020, الـ21 من أكتوبر من العام الجاري, الرابع من نيسان/ أبريل, 4 أغسطس الماضي
    "dmy": (
        rf"{_B}{_CL}(?P<body>(?:{_TOD}\s+)?(?:{_DAYWORD}\s+)?"
        rf"(?:{_DAY}(?:\s+من)?\s*|{_ORD}\s+من\s+)(?:{_MON}|{_REL_MONTH}){_YEAR_TAIL}?){_E}"
    ),
    # أكتوبر 2020, نهاية فبراير الماضي, شهر مايو
    "month": rf"{_B}{_CL}(?P<body>(?:(?P<part>{_alt(_DATA['month_parts'])})\s+)?(?:(?P<shahr>شهر)\s+)?{_MON}(?P<tail>{_YEAR_TAIL})?){_E}",
    # عام 2019
    "year": rf"{_B}{_CL}(?P<body>{_YEARWORD}\s+{_YEAR}){_E}",
    # قبل ثلاثة أيام, منذ يومين, قبل 3 أيام
    "count": (
        rf"{_B}{_CL}(?P<body>(?P<dir>{_alt(_DATA['count_before'] + _DATA['count_after'])})\s+"
        rf"(?:(?P<unit>{_alt(COUNT_UNITS)})|(?P<num>\d{{1,2}})\s+(?:{_alt(_DATA['day_plural'])})))"
        rf"{_E}(?!\s+(?:{_alt(_DATA['count_blockers_after'])}|{_WD}){_E})"
    ),
    # اليوم, مساء اليوم, أمس الثلاثاء, بالأمس, أول أمس, منذ قليل, غداً
    "relative": (
        rf"{_B}{_CL}(?P<body>(?:(?P<tod>{_TOD})\s+)?(?:{_DAYWORD}\s+)?(?P<rel>{_alt(RELATIVE_DAYS)})"
        rf"(?:\s+(?P<wd>{_WD}))?){_E}"
    ),
    # الأحد, يوم الأحد, مساء السبت, الأحد الماضي, الخميس المقبل
    "weekday": (
        rf"{_B}{_CL}(?P<body>(?:{_TOD}\s+)?(?:{_DAYWORD}\s+)?(?P<wd>{_WD})"
        rf"(?:\s+(?:(?P<past>{_PAST})|(?P<next>{_NEXT})))?){_E}"
    ),
    # الأسبوع الماضي, الشهر الجاري, العام الماضي, هذا الأسبوع
    "period": (
        rf"{_B}{_CL}(?P<body>(?:(?P<this>{_THIS})\s+)?(?P<unit>{_alt(_DATA['week_words'] + _DATA['month_words'])}|{_YEARWORD})"
        rf"(?:\s+(?P<mod>{_PAST}|{_NEXT}|{_CUR}))?){_E}"
    ),
}

_RULE_RE = {name: re.compile(p) for name, p in RULES.items()}
_UNNAMED = re.compile(r"\(\?P<\w+>")
# One word-start check up front, then the rules in priority order.
COMBINED_RE = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<{name}>{_UNNAMED.sub('(?:', p)})" for name, p in RULES.items()) + ")")

_WORD_RE = re.compile(r"\w+")


def _first_words() -> frozenset[str]:
    """Normalised words an expression can start with (clitics aside); digits are checked apart."""
    lists = [
        _DATA["times_of_day"], _DATA["day_words"], _DATA["count_before"], _DATA["count_after"],
        _DATA["month_parts"], _DATA["this_words"], _DATA["week_words"], _DATA["month_words"],
        _DATA["year_words"], _DATA["pattern_first_words"],
    ]
    words = {_key(w).split()[0] for lst in lists for w in lst}
    for table in (MONTHS, WEEKDAYS, ORDINALS, RELATIVE_DAYS):
        words.update(k.split()[0] for k in table)
    words.update(MONTHS_EN)
    return frozenset(words)


_FIRST_WORDS = _first_words()


# _may_start per word, the words of news repeating from article to article
_MAY_START = WordCache()


def _may_start(word: str) -> bool:
    """Can an expression start at this word? A cheap filter before the combined regex."""
    if word[0].isdigit() or word in _FIRST_WORDS:
        return True
    if word.startswith("ال") and word[2:3].isdigit():     # الـ21
        return True
    if word[0] in "وفبل" and len(word) > 1:
        rest = word[1:]
        if rest[0].isdigit() or rest in _FIRST_WORDS:
            return True
        if word[0] in "وف" and rest[0] in "بل" and len(rest) > 1:
            rest = rest[1:]
            return rest[0].isdigit() or rest in _FIRST_WORDS
    return word.isascii() and word.lower() in MONTHS_EN
_LAST_WORD_RE = re.compile(r"(\w+)\W*$")
_PUBLICATION_RE = re.compile(
    _B + r"(?P<label>" + _alt(_DATA["publication_labels"]) + "|(?i:"
    + _alt(_DATA["publication_labels_en"]) + r"))" + _E
)
_MERGE_GAP_RE = re.compile(r"\s*(?:[,،(\-–—|]\s*)?(?:" + _alt(_DATA["date_links"]) + r")?\s*")
_PAREN_CLOSE_RE = re.compile(r"\s*\)")
LABELS_BEFORE_PLACE = {_key(w) for w in _DATA["publication_labels_before_place"]}


# ---------------------------------------------------------------------------

@dataclass(slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str | None      # "day" | "month" | "year" | None
    kind: str                  # "relative" | "weekday" | "absolute" | "hijri" | "period"
    sentence: int = 0

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat() if self.date else None,
            "precision": self.precision,
        }


def resolve_weekday(anchor: dt.date | None, weekday: int, mode: str = "last") -> dt.date | None:
    """The day with Python weekday index ``weekday`` (Monday=0) relative to ``anchor``.

    mode "last": most recent on or before the anchor; "before": strictly before;
    "next": strictly after.
    """
    if anchor is None:
        return None
    if mode == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    back = (anchor.weekday() - weekday) % 7
    if mode == "before" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _valid_day_month(month: int, day: int) -> bool:
    return _safe_date(2000, month, day) is not None   # a leap year: 29 February is possible


def _year_for(anchor: dt.date, month: int, day: int, mode: str) -> int:
    """Year of a day-month given without one: the occurrence nearest before the anchor."""
    year = anchor.year
    if mode == "next":
        return year if (month, day) > (anchor.month, anchor.day) else year + 1
    candidate = _safe_date(year, month, day) or dt.date(year, month, 28)
    if mode == "past":
        return year if candidate < anchor else year - 1
    return year if candidate <= anchor + dt.timedelta(days=FUTURE_GRACE_DAYS) else year - 1


def _year_from_rel(anchor: dt.date | None, yrel: str) -> int | None:
    if anchor is None:
        return None
    words = set(yrel.split())
    if words & PAST:
        return anchor.year - 1
    if words & NEXT:
        return anchor.year + 1
    return anchor.year


def _month_from(m) -> int | None:
    return MONTHS.get(_space(m.group("mon"))) if m.group("mon") else None


def _prev_word(norm: str, pos: int) -> str:
    m = _LAST_WORD_RE.search(norm, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _next_word(norm: str, pos: int) -> str:
    m = _WORD_RE.search(norm, pos, pos + 40)
    return m.group() if m and not norm[pos:m.start()].strip(" \t") else ""


def _named_paper_before(norm: str, pos: int) -> bool:
    """"المصري اليوم"، صحيفة المصري اليوم: the word before اليوم names a paper, quoted or after a media noun."""
    m = _LAST_WORD_RE.search(norm, max(0, pos - 40), pos)
    if not m or _strip_clitics(m.group(1)) not in TODAY_BLOCK_NAMED_BEFORE:
        return False
    before = norm[max(0, m.start(1) - 2):m.start(1)]
    return any(c in before for c in "\"«“'") or _strip_clitics(_prev_word(norm, m.start(1))) in MEDIA_NOUNS \
        or _prev_word(norm, m.start(1)) in MEDIA_NOUNS


def _strip_clitics(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وفبل" else word


# Each handler returns (date, precision, kind) or None to drop the match.

def _day_month_year(anchor, day, month, year, yrel=None, past=False, nxt=False):
    if month is None or not _valid_day_month(month, day):
        return None, None, "absolute"
    if year is None and yrel:
        year = _year_from_rel(anchor, _space(yrel))
    elif year is None and anchor is not None:
        year = _year_for(anchor, month, day, "past" if past else "next" if nxt else "default")
    if year is None:
        return None, "day", "absolute"
    date = _safe_date(year, month, day)
    return date, ("day" if date else None), "absolute"


def _h_numeric(m, anchor, norm):
    if m.group("y1"):
        y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    date = _safe_date(y, mo, d)
    return date, ("day" if date else None), "absolute"


def _h_english(m, anchor, norm):
    month = MONTHS_EN.get(m.group("emon").lower())
    year = int(m.group("year")) if m.group("year") else None
    return _day_month_year(anchor, int(m.group("day")), month, year)


def _h_en_my(m, anchor, norm):
    return None, "month", "absolute"


def _h_hijri(m, anchor, norm):
    return None, "day", "hijri"


def _h_dmy(m, anchor, norm):
    day = int(m.group("day")) if m.group("day") else ORDINALS[_space(m.group("ord"))]
    year = int(m.group("year")) if m.group("year") else None
    if m.group("relmon"):
        if anchor is None:
            return None, "day", "absolute"
        month, year = anchor.month, anchor.year
        if set(_space(m.group("relmon")).split()) & PAST:
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        date = _safe_date(year, month, day)
        return date, ("day" if date else None), "absolute"
    return _day_month_year(anchor, day, _month_from(m), year, m.group("yrel"),
                           bool(m.group("past")), bool(m.group("next")))


def _h_month(m, anchor, norm):
    if not (m.group("tail") or m.group("part") or m.group("shahr")):
        return None          # a bare month name (مارس is also a verb)
    return None, "month", "absolute"


def _h_year(m, anchor, norm):
    return None, "year", "absolute"


def _h_count(m, anchor, norm):
    n = COUNT_UNITS[_space(m.group("unit"))] if m.group("unit") else int(m.group("num"))
    sign = -1 if _space(m.group("dir")) in COUNT_BEFORE else 1
    if anchor is None:
        return None, "day", "relative"
    return anchor + dt.timedelta(days=sign * n), "day", "relative"


def _h_relative(m, anchor, norm):
    rel = _space(m.group("rel"))
    offset = RELATIVE_DAYS[rel]
    wd = m.group("wd")
    if wd:
        mode = "next" if offset > 0 else "last"   # the weekday wins over the relative word
        return resolve_weekday(anchor, WEEKDAYS[wd], mode), "day", "weekday"
    if rel in TODAY_WORDS and not m.group("tod") and m.start("rel") == m.start("body"):
        # روسيا اليوم, المصري اليوم, اليوم السابع, اليوم التالي, ذلك اليوم
        if (_strip_clitics(_prev_word(norm, m.start("body"))) in TODAY_BLOCK_BEFORE
                or _next_word(norm, m.end("body")) in TODAY_BLOCK_AFTER
                or _named_paper_before(norm, m.start("body"))):
            return None
    if anchor is None:
        return None, "day", "relative"
    return anchor + dt.timedelta(days=offset), "day", "relative"


def _h_weekday(m, anchor, norm):
    index = WEEKDAYS[m.group("wd")]
    if index == 0 and m.start("wd") == m.start("body"):
        # الاثنين is also "the two" (بين الاثنين، كلا الاثنين)
        if _prev_word(norm, m.start("body")) in WEEKDAY_BLOCK_BEFORE and not _next_word(norm, m.end("body")).startswith("و"):
            return None
    mode = "before" if m.group("past") else "next" if m.group("next") else "last"
    return resolve_weekday(anchor, index, mode), "day", "weekday"


def _h_period(m, anchor, norm):
    if not (m.group("this") or m.group("mod")):
        return None
    unit = m.group("unit")
    if unit in WEEK_WORDS:
        return None, None, "period"
    if unit in MONTH_WORDS:
        return None, "month", "period"
    # العام الحالي after الأمين is "the current secretary-general"
    if _prev_word(norm, m.start("body")) in YEAR_BLOCK_BEFORE:
        return None
    return None, "year", "period"


_HANDLERS = {
    "numeric": _h_numeric, "en_mdy": _h_english, "en_dmy": _h_english, "en_my": _h_en_my,
    "hijri": _h_hijri, "dmy": _h_dmy, "month": _h_month, "year": _h_year, "count": _h_count,
    "relative": _h_relative, "weekday": _h_weekday, "period": _h_period,
}
assert set(_HANDLERS) == set(RULES)


def _scan(text: str, norm: str, omap: _OffsetMap | None, anchor: dt.date | None,
          pos: int = 0, endpos: int | None = None) -> list[TimeExpression]:
    found = []
    endpos = len(norm) if endpos is None else endpos
    match, done = COMBINED_RE.match, pos
    # most words start no expression: the filter runs over all words at once, by map
    words = list(_WORD_RE.finditer(norm, pos, endpos))
    may = list(map(_MAY_START.get, map(re.Match.group, words)))
    if None in may:
        # (the new words only: a text's words are mostly known)
        for k in [k for k, known in enumerate(may) if known is None]:
            word = words[k].group()
            may[k] = _MAY_START.put(word, _may_start(word))
    for wm in compress(words, may):
        if wm.start() < done:
            continue
        cm = match(norm, wm.start(), endpos)
        if cm is None:
            continue
        done = cm.end()
        rule = cm.lastgroup
        m = _RULE_RE[rule].fullmatch(norm, cm.start(), cm.end())
        if m is None:        # cannot happen: same pattern, same span
            continue
        result = _HANDLERS[rule](m, anchor, norm)
        if result is None:
            continue
        ns, ne = m.span("body")
        start, end = (omap.start(ns), omap.end(ne)) if omap else (ns, ne)
        date, precision, kind = result
        found.append(TimeExpression(start, end, text[start:end], date, precision, kind))
    return found


def _merge(text: str, exprs: list[TimeExpression]) -> list[TimeExpression]:
    """Join a weekday/relative/Hijri mention with the explicit date right after it:
    "السبت (12 كانون الأول 2020)", "اليوم الخميس 28 مايو 2020",
    "الثلاثاء 6 ذو القعدة 1445 هـ - 14 مايو 2024" → one expression carrying the explicit date."""
    out: list[TimeExpression] = []
    for e in exprs:
        prev = out[-1] if out else None
        if (prev is not None and e.precision == "day" and e.kind in ("absolute", "hijri")
                and prev.kind in ("weekday", "relative", "hijri")):
            gap = _MERGE_GAP_RE.fullmatch(_normalize(text[prev.end:e.start])[0])
            if gap is not None:
                end = e.end
                if "(" in text[prev.end:e.start]:
                    close = _PAREN_CLOSE_RE.match(text, end)
                    if close:
                        end = close.end()
                # the explicit date wins (a Hijri one stays unconverted: None)
                out[-1] = TimeExpression(prev.start, end, text[prev.start:end], e.date, e.precision, e.kind)
                continue
        out.append(e)
    return out


def find_times(text: str, anchor: dt.date | None = None) -> list[TimeExpression]:
    """All time expressions of ``text``, sorted by start, resolved against ``anchor``."""
    if not text:
        return []
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    return _times_in(text, *_normalize(text), anchor)


def _times_in(text: str, norm: str, omap: _OffsetMap | None, anchor: dt.date | None) -> list[TimeExpression]:
    """``find_times`` on a text already normalised (``_normalize``)."""
    return _merge(text, _scan(text, norm, omap, anchor))


def infer_anchor(text: str) -> dt.date | None:
    """The publication day from an explicit label in the text ("تاريخ النشر : 2019-04-14",
    "نشر بتاريخ 28 مايو 2020", "نشر في ..."), else None. Other dates are never used."""
    if not text:
        return None
    return _labelled_anchor(text, *_normalize(text))


def _labelled_anchor(text: str, norm: str, omap: _OffsetMap | None) -> dt.date | None:
    """``infer_anchor`` on a text already normalised (``_normalize``)."""
    for label in _PUBLICATION_RE.finditer(norm):
        pos = label.end()
        for e in _merge(text, _scan(text, norm, omap, None, pos, min(len(norm), pos + 120)))[:1]:
            if e.date is None or e.precision != "day" or e.kind != "absolute":
                break
            gap_start = omap.end(pos) if omap else pos
            gap_words = _WORD_RE.findall(text[gap_start:e.start])
            # "نشر بتاريخ: طرابلس 28 مايو 2020" allows a dateline city; "نشر في" must be followed by the date
            allowed = 1 if _space(label.group()) in LABELS_BEFORE_PLACE else 0
            if len(gap_words) <= allowed:
                return e.date
    return None


class TimeTagger:
    """Pipeline stage: ``doc.times`` resolved against ``published_at`` or a publication label."""

    def __call__(self, doc):
        anchor = doc.published_at
        if isinstance(anchor, dt.datetime):
            anchor = anchor.date()
        # the text is normalised once, for the publication label and for the times
        norm, omap = _normalize(doc.text)
        if anchor is None:
            anchor = _labelled_anchor(doc.text, norm, omap)
        doc.time_anchor = anchor
        doc.times = _times_in(doc.text, norm, omap, anchor)
        if doc.sentences:
            for t in doc.times:
                t.sentence = max(doc.sentence_of(t.start), 0)
        return doc
