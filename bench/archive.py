"""A synthetic archive for the backfill: the shared gold articles again and again, each copy
with other surnames for its people, another publication date and its own url.

Texts are read in place from the shared data and rewritten in memory; only the JSONL the
caller asks for is written (outside the repo).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .corpus import shared_dir

GOLD_FILES = ("seeds.jsonl", "train.jsonl", "dev.jsonl")
# Made-up family names, substituted for the gold participants' surnames.
SURNAMES = ("الخطيب", "العمري", "الزعبي", "الحسيني", "النجار", "القاسمي", "البدوي", "الشامي", "الدباغ",
            "السقا", "الحلبي", "الرفاعي", "العطار", "البغدادي", "الموصلي", "الفاسي", "التونسي", "الكبيسي",
            "الجبوري", "الساعدي", "المهيري", "الكعبي", "الهاشمي", "الدوسري", "الشمري", "القحطاني", "العتيبي",
            "الغامدي", "الزهراني", "المطيري", "البلوشي", "الرميثي")
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = 3650


def gold_articles() -> list[dict]:
    """The shared gold articles with the surnames of their participants (words of two-word-or-longer names)."""
    articles = []
    for name in GOLD_FILES:
        for line in (shared_dir() / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                surnames = {forms[0].split()[-1] for event in row.get("events") or []
                            for forms in event.get("participants") or [] if len(forms[0].split()) >= 2}
                articles.append({**row, "surnames": sorted(s for s in surnames if len(s) >= 3)})
    return articles


def variant(article: dict, copy: int) -> dict:
    """Copy number ``copy`` of a gold article: surnames swapped, date and url its own."""
    text = article["text"]
    for index, surname in enumerate(article["surnames"]):
        text = text.replace(surname, SURNAMES[(copy * 7 + index) % len(SURNAMES)])
    published = FIRST_DAY + dt.timedelta(days=(copy * 37 + len(article["id"]) * 11) % DAYS)
    return {"id": f"{article['id']}-{copy}", "text": text, "title": article.get("title"),
            "published_at": published.isoformat(), "url": f"https://archive.example/{article['id']}/{copy}"}


def synthetic_archive(count: int) -> list[dict]:
    """``count`` articles cycling through the gold ones, every copy varied."""
    gold = gold_articles()
    return [variant(gold[n % len(gold)], n // len(gold)) for n in range(count)]


def write_jsonl(articles: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path
