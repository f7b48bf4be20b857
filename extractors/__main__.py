"""Command line: ``python -m extractors ARTICLE.txt --published-at 2020-12-27`` or ``--jsonl GOLD.jsonl``."""
from __future__ import annotations

import argparse
import json
import sys

from . import get_pipeline


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractors", description=__doc__)
    ap.add_argument("article", nargs="?", help="a UTF-8 text file ('-' for standard input)")
    ap.add_argument("--published-at", help="publication date (YYYY-MM-DD), the anchor for relative dates")
    ap.add_argument("--title")
    ap.add_argument("--url")
    ap.add_argument("--jsonl", nargs="+", metavar="GOLD",
                    help="articles in the gold format; prints one {id, events} line per article")
    args = ap.parse_args(argv)
    pipeline = get_pipeline()
    if args.jsonl:
        for path in args.jsonl:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    article = json.loads(line)
                    result = pipeline.extract(article["text"], title=article.get("title"),
                                              published_at=article.get("published_at"),
                                              url=article.get("source_url") or article.get("url"))
                    print(json.dumps({"id": article.get("id"), "events": result["events"]}, ensure_ascii=False))
        return 0
    if not args.article:
        ap.error("give an article file or --jsonl")
    text = sys.stdin.read() if args.article == "-" else open(args.article, encoding="utf-8").read()
    try:
        result = pipeline.extract(text, title=args.title, published_at=args.published_at, url=args.url)
    except ValueError as exc:
        ap.error(str(exc))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
