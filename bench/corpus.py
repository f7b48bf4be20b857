"""The benchmark corpus: the shared articles, plus longer ones made by joining them.

Shared data is read in place (``SHARED_DIR``, default ``../shared`` beside the repo),
never copied into the project.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))

# Joined articles of these sizes (words); 600 and 1,000 carry the latency targets.
JOINED_SIZES = (200, 400, 600, 1000, 1500, 2000, 3000)
# A joined article may run past its size to finish its sentence, by at most this many words.
SENTENCE_SLACK = 60
SENTENCE_END = re.compile(r"[.!؟?।\n]")


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str | None = None
    published_at: str | None = None
    url: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    def payload(self, **changes) -> dict:
        body = {"text": self.text, "title": self.title, "published_at": self.published_at, "url": self.url}
        body.update(changes)
        return body


def shared_dir() -> Path:
    if not SHARED.is_dir():
        raise SystemExit(f"shared data not found at {SHARED} (set SHARED_DIR)")
    return SHARED


def shared_articles() -> list[Article]:
    """Seeds (text files and JSONL) and dev articles, each text once, in a stable order."""
    base = shared_dir()
    found: list[Article] = []
    seen: set[str] = set()

    def add(article: Article) -> None:
        key = article.text.strip()
        if key and key not in seen:
            seen.add(key)
            found.append(article)

    for name in ("seeds.jsonl", "dev.jsonl"):
        path = base / "eval" / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    add(Article(id=str(row["id"]), text=row["text"], title=row.get("title"),
                                published_at=row.get("published_at"), url=row.get("source_url")))
    for path in sorted((base / "seeds").glob("*.txt")):
        add(Article(id=path.stem, text=path.read_text(encoding="utf-8")))
    if not found:
        raise SystemExit(f"no articles under {base}")
    return found


def _cut(text: str, words: int) -> str:
    """``text`` up to its ``words``-th word, extended to the end of that sentence when near."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    if len(spans) <= words:
        return text
    end = spans[words - 1][1]
    limit = spans[min(len(spans), words + SENTENCE_SLACK) - 1][1]
    match = SENTENCE_END.search(text, end, limit)
    return text[: match.end() if match else end].rstrip()


def joined_article(size: int, articles: list[Article] | None = None) -> Article:
    """An article of about ``size`` words: shared articles joined as paragraphs, then cut."""
    articles = articles or shared_articles()
    parts: list[str] = []
    total = 0
    k = 0
    # Start at a different article for each size so the long ones do not all open alike.
    start = size % len(articles)
    while total < size and k < 10 * len(articles) + size:  # bounded: the corpus is finite
        article = articles[(start + k) % len(articles)]
        parts.append(article.text.strip())
        total += article.words
        k += 1
    text = _cut("\n\n".join(parts), size)
    first = articles[start]
    return Article(id=f"joined-{size}", text=text, title=first.title, published_at=first.published_at)


def joined_articles(sizes=JOINED_SIZES) -> list[Article]:
    articles = shared_articles()
    return [joined_article(size, articles) for size in sizes]


def corpus() -> list[Article]:
    """Everything the benchmark runs over: shared articles first, then the joined ones."""
    return shared_articles() + joined_articles()


def by_size(size: int) -> Article:
    return joined_article(size)
