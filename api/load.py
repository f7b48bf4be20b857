"""Bulk-load a backfill into the store: ``python -m api.load OUT`` (uses ``DATABASE_URL``).

``OUT`` is the output folder of ``python -m extractors.backfill`` (path or fsspec URL). Its
articles are stored in publication order (undated ones last, ties by article key), each with
its events merged exactly as ``POST /events`` merges them (``repository.add_article``): the
store ends as if the articles had been posted one by one in that order. Articles already
stored (same key) are skipped, so a load can be repeated or resumed; articles whose
extraction failed are not stored.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass

from sqlalchemy import select

from extractors.archive import read_output
from extractors.pipeline import parse_published_at

from .config import config_from_env
from .database import Database
from .migrate import upgrade
from .models import Article
from .repository import ArticleInput, add_article

ARTICLES_PER_TRANSACTION = 200


@dataclass
class LoadSummary:
    stored: int = 0
    already_stored: int = 0
    failed_extraction: int = 0
    events_reported: int = 0


def publication_order(article: dict) -> tuple:
    """Oldest first, undated articles last, ties by article key (stable across runs)."""
    published = parse_published_at(article.get("published_at"))
    return published is None, published or "", article["article_key"]


def load_archive(database: Database, output_url: str, per_transaction: int = ARTICLES_PER_TRANSACTION) -> LoadSummary:
    """Store the backfill at ``output_url`` into ``database`` (see the module's docstring)."""
    summary = LoadSummary()
    articles = []
    for article in read_output(output_url):
        if article["status"] == "ok":
            articles.append(article)
        else:
            summary.failed_extraction += 1
    articles.sort(key=publication_order)
    for start in range(0, len(articles), per_transaction):
        chunk = articles[start:start + per_transaction]
        with database.session() as session, session.begin():
            stored = set(session.scalars(select(Article.key).where(Article.key.in_([a["article_key"] for a in chunk]))))
            for article in chunk:
                if article["article_key"] in stored:
                    summary.already_stored += 1
                    continue
                add_article(session, as_input(article), article["events"], article["extractor_version"])
                stored.add(article["article_key"])
                summary.stored += 1
                summary.events_reported += len(article["events"])
    return summary


def as_input(article: dict) -> ArticleInput:
    return ArticleInput(text=article["text"], title=article.get("title"),
                        published_at=parse_published_at(article.get("published_at")), url=article.get("url"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m api.load", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output", help="the backfill's output folder (path or fsspec URL)")
    ap.add_argument("--per-transaction", type=int, default=ARTICLES_PER_TRANSACTION,
                    help=f"articles stored per transaction (default {ARTICLES_PER_TRANSACTION})")
    args = ap.parse_args(argv)
    settings = config_from_env()
    database = Database(settings["DATABASE_URL"], sqlite_busy_timeout_ms=settings["SQLITE_BUSY_TIMEOUT_MS"])
    upgrade(database)
    summary = load_archive(database, args.output, args.per_transaction)
    print(json.dumps(asdict(summary)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
