"""A backfill's input and output files: articles in, events and article lists out.

Input: JSONL or Parquet files (local paths, globs or any fsspec URL) with the fields of
``POST /events`` (``text``, ``title``, ``published_at``, ``url``; ``source_url`` is read as
``url``) and an optional ``id`` or ``key``, kept as ``source_id``.

Output folder (local or fsspec):

* ``events/month=YYYY-MM/part-<batch>.parquet`` (``month=undated`` for undated events): one
  row per event with the article key, extractor version, trigger and evidence offsets and
  the whole event as JSON;
* ``articles/part-<batch>.parquet``: every article the batch finished (text, metadata,
  ``status`` ok/failed, event count). Written last, it is the batch's commit: event files
  of a batch without one are removed (``remove_uncommitted``) and its articles done again;
* ``errors.jsonl``: one line per article that failed (unreadable record or extraction error).

No Dask here: ``extractors.backfill`` runs the extraction, ``api.load`` reads the output back.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

from .identity import article_key


# --- reading ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReadError:
    """A record that could not be read as an article: where it is and why."""

    locator: str
    error: str
    key: str | None = None
    source_id: str | None = None


def article_record(row: dict, locator: str) -> dict | ReadError:
    """An input row as the article a task extracts, or why it is not one."""
    if not isinstance(row, dict):
        return ReadError(locator, "record is not an object")
    text, url = row.get("text"), row.get("url") or row.get("source_url")
    source_id = row.get("id", row.get("key"))
    source_id = None if source_id is None else str(source_id)
    if not isinstance(text, str) or not text.strip():
        return ReadError(locator, "no text", source_id=source_id)
    published_at, title = row.get("published_at"), row.get("title")
    if isinstance(published_at, (dt.date, dt.datetime)):
        published_at = published_at.isoformat()
    for name, value in (("url", url), ("title", title), ("published_at", published_at)):
        if value is not None and not isinstance(value, str):
            return ReadError(locator, f"{name} is not a string", source_id=source_id)
    return {"key": article_key(url, text), "source_id": source_id, "text": text,
            "title": title, "published_at": published_at, "url": url, "locator": locator,
            "words": len(text.split())}


def read_articles(urls: list[str]):
    """Articles (or ``ReadError``s) from JSONL or Parquet files, in input order.

    ``urls`` are paths, globs or fsspec URLs; ``.parquet`` files are read as Parquet,
    everything else as JSON lines (compressed files by their suffix)."""
    import fsspec

    for opened in fsspec.open_files(urls, mode="rb"):
        path = opened.path
        if path.endswith((".parquet", ".pq")):
            yield from _read_parquet(opened, path)
        else:
            yield from _read_jsonl(fsspec.open(opened.full_name, mode="rt", encoding="utf-8",
                                               compression="infer"), path)


def _read_jsonl(opened, path: str):
    with opened as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                yield ReadError(f"{path}:{number}", f"not JSON: {exc}")
                continue
            yield article_record(row, f"{path}:{number}")


def _read_parquet(opened, path: str):
    import pyarrow.parquet as pq

    with opened as raw:
        number = 0
        for batch in pq.ParquetFile(raw).iter_batches(batch_size=1_000):
            for row in batch.to_pylist():
                number += 1
                yield article_record(row, f"{path}#{number}")


# --- output ------------------------------------------------------------------------------------


def event_month(event: dict) -> str:
    """The partition of an event: ``YYYY-MM`` of its date, ``undated`` without one."""
    date = str((event.get("time") or {}).get("date") or "")
    return date[:7] if len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit() else "undated"


def _span_offsets(spans) -> tuple[list[int], list[int]]:
    spans = [s for s in spans or [] if isinstance(s, dict)]
    return [s.get("start") for s in spans], [s.get("end") for s in spans]


def event_rows(article: dict, events: list[dict], version: str) -> list[dict]:
    """One Parquet row per event of an article."""
    rows = []
    for index, event in enumerate(events):
        trigger = event.get("trigger") or {}
        starts, ends = _span_offsets(event.get("evidence"))
        rows.append({
            "article_key": article["key"], "source_id": article["source_id"], "url": article["url"],
            "published_at": article["published_at"], "extractor_version": version, "event_index": index,
            "type": event.get("type"), "date": (event.get("time") or {}).get("date"),
            "trigger_start": trigger.get("start"), "trigger_end": trigger.get("end"),
            "evidence_start": starts, "evidence_end": ends,
            "event": json.dumps(event, ensure_ascii=False), "month": event_month(event),
        })
    return rows


def _schemas():
    import pyarrow as pa

    text, integer = pa.string(), pa.int64()
    events = pa.schema([
        ("article_key", text), ("source_id", text), ("url", text), ("published_at", text),
        ("extractor_version", text), ("event_index", integer), ("type", text), ("date", text),
        ("trigger_start", integer), ("trigger_end", integer),
        ("evidence_start", pa.list_(integer)), ("evidence_end", pa.list_(integer)), ("event", text),
    ])
    articles = pa.schema([
        ("article_key", text), ("source_id", text), ("url", text), ("title", text), ("published_at", text),
        ("text", text), ("input", text), ("extractor_version", text), ("status", text), ("error", text),
        ("event_count", integer), ("batch", text), ("written_at", text),
    ])
    return events, articles


@dataclass
class ArchiveOutput:
    """The output folder: what is done, and each finished batch written so a crash at any point
    leaves either the whole batch or nothing that a re-run does not clean up."""

    url: str
    fs: object = field(init=False)
    root: str = field(init=False)

    def __post_init__(self):
        import fsspec

        self.fs, self.root = fsspec.core.url_to_fs(self.url)
        self.fs.makedirs(self.root, exist_ok=True)

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def files(self, pattern: str) -> list[str]:
        return sorted(self.fs.glob(self.path(pattern)))

    def committed_batches(self) -> set[str]:
        return {_batch_of(name) for name in self.files("articles/part-*.parquet")}

    def remove_uncommitted(self) -> int:
        """Event files of batches whose article list was never written (a crash between the
        two): a re-run does those articles again."""
        committed = self.committed_batches()
        orphans = [name for name in self.files("events/month=*/part-*.parquet")
                   if _batch_of(name) not in committed]
        orphans += self.files("**/*.tmp")
        for name in orphans:
            self.fs.rm(name)
        return len(orphans)

    def finished(self, version: str) -> tuple[set[str], list[dict]]:
        """Article keys already finished by this extractor version, and the error lines of those
        that failed (``errors.jsonl`` is rebuilt from them if a run stopped before writing it)."""
        import pyarrow.parquet as pq

        done: set[str] = set()
        failed: list[dict] = []
        for name in self.files("articles/part-*.parquet"):
            with self.fs.open(name, "rb") as raw:
                rows = pq.read_table(raw, columns=["article_key", "source_id", "input", "extractor_version",
                                                   "status", "error"]).to_pylist()
            for row in rows:
                if row["extractor_version"] == version:
                    done.add(row["article_key"])
                    if row["status"] == "failed":
                        failed.append(error_line(row["article_key"], row["source_id"], row["input"], version,
                                                 row["error"]))
        return done, failed

    def logged_errors(self, version: str) -> set[str]:
        """Keys (or input locators) of the error lines already written for this version."""
        if not self.fs.exists(self.path("errors.jsonl")):
            return set()
        with self.fs.open(self.path("errors.jsonl"), "rt", encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines if line.strip()]
        return {row.get("article_key") or row.get("input") for row in rows if row.get("extractor_version") == version}

    def log_errors(self, rows: list[dict], logged: set[str]) -> None:
        fresh = [row for row in rows if (row.get("article_key") or row.get("input")) not in logged]
        if not fresh:
            return
        with self.fs.open(self.path("errors.jsonl"), "ab") as out:
            out.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in fresh).encode("utf-8"))
        logged.update(row.get("article_key") or row.get("input") for row in fresh)

    def _write(self, table, final: str) -> None:
        import pyarrow.parquet as pq

        self.fs.makedirs(final.rsplit("/", 1)[0], exist_ok=True)
        # Unique per attempt: a task run twice (a worker presumed dead) never shares a file half-written.
        temporary = f"{final}.{uuid.uuid4().hex}.tmp"
        with self.fs.open(temporary, "wb") as raw:
            pq.write_table(table, raw, compression="snappy")   # 3x cheaper than zstd on small files
        self.fs.mv(temporary, final)

    def write_batch(self, batch: str, articles: list[dict], outcome: dict) -> tuple[int, list[dict]]:
        """Events by month, then the article list (the commit): ``(events written, error lines)``.
        Writing a batch again (a task run twice) replaces its files with the same rows."""
        import pyarrow as pa

        event_schema, article_schema = _schemas()
        version, by_key = outcome["version"], {r["key"]: r for r in outcome["results"]}
        months: dict[str, list[dict]] = {}
        listed, errors = [], []
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        for article in articles:
            result = by_key[article["key"]]
            for row in event_rows(article, result["events"], version):
                months.setdefault(row.pop("month"), []).append(row)
            if result["error"]:
                errors.append(error_line(article["key"], article["source_id"], article["locator"], version,
                                         result["error"]))
            listed.append({"article_key": article["key"], "source_id": article["source_id"], "url": article["url"],
                           "title": article["title"], "published_at": article["published_at"],
                           "text": article["text"], "input": article["locator"], "extractor_version": version,
                           "status": "failed" if result["error"] else "ok", "error": result["error"],
                           "event_count": len(result["events"]), "batch": batch, "written_at": now})
        for month, rows in sorted(months.items()):
            self._write(pa.Table.from_pylist(rows, schema=event_schema),
                        self.path("events", f"month={month}", f"part-{batch}.parquet"))
        self._write(pa.Table.from_pylist(listed, schema=article_schema), self.path("articles", f"part-{batch}.parquet"))
        return sum(map(len, months.values())), errors


def _batch_of(name: str) -> str:
    """The batch id in a ``.../part-<batch>.parquet`` file name."""
    return name.rsplit("/part-", 1)[-1].removesuffix(".parquet")


def error_line(key, source_id, locator, version, error) -> dict:
    return {"article_key": key, "source_id": source_id, "input": locator, "extractor_version": version,
            "error": error}


# --- reading an output back -------------------------------------------------------------------


def read_output(url: str) -> list[dict]:
    """The articles of a backfill output, each with ``events`` (parsed, in article order) and
    its ``status``: for each article key the batch that wrote it last, so a re-run with a newer
    extractor version supersedes the older rows."""
    import pyarrow.parquet as pq

    store = ArchiveOutput(url)
    latest: dict[str, dict] = {}
    for name in store.files("articles/part-*.parquet"):
        with store.fs.open(name, "rb") as raw:
            for row in pq.read_table(raw).to_pylist():
                known = latest.get(row["article_key"])
                if known is None or (row["written_at"], row["batch"]) > (known["written_at"], known["batch"]):
                    latest[row["article_key"]] = {**row, "events": []}
    for name in store.files("events/month=*/part-*.parquet"):
        batch = _batch_of(name)
        with store.fs.open(name, "rb") as raw:
            rows = pq.read_table(raw, columns=["article_key", "event_index", "event"]).to_pylist()
        for row in rows:
            article = latest.get(row["article_key"])
            if article is not None and article["batch"] == batch:
                article["events"].append((row["event_index"], json.loads(row["event"])))
    for article in latest.values():
        article["events"] = [event for _, event in sorted(article["events"], key=lambda pair: pair[0])]
    return list(latest.values())
