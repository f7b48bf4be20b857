"""Farasa segmentation engines.

Two engines speak one interface, ``segment_words(words) -> list[list[str]]``:

* ``PyFarasaEngine``: the embedded default, PyPI's pure-Python port of the Farasa
  segmenter (``farasa.segmentation``), loaded once per process. Its memo cache
  ``hmSeenBefore`` would otherwise grow with every unseen word, so it is replaced
  by ``BoundedMemo``: the model's own entries stay, new ones live in an LRU. Its word
  tables only consulted for words it has not seen (``wordCount`` and the word lists, about
  150 MB as Python dicts) are kept as ``EncodedKeyMap``: the same keys and values in about
  half the memory.
* ``FarasaJarEngine``: farasapy driving a real Farasa JAR in interactive mode,
  one long-lived JVM per process speaking a line protocol (a line in, a line out).

``load_engine()`` picks one from the environment (``FARASA_JAR`` or farasapy's
``farasa_bin`` folder), falling back to PyFarasa.
"""
from __future__ import annotations

import os
import subprocess
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Sequence

DEFAULT_MEMO_LIMIT = 10_000


class BoundedMemo:
    """Mapping with a frozen base dict plus an LRU of at most ``limit`` new entries."""

    def __init__(self, base: dict, limit: int = DEFAULT_MEMO_LIMIT):
        self.base = base
        self.limit = limit
        self.recent: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key) -> bool:
        return key in self.base or key in self.recent

    def __getitem__(self, key):
        try:
            return self.base[key]
        except KeyError:
            pass
        with self._lock:
            value = self.recent[key]
            self.recent.move_to_end(key)
            return value

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key, value) -> None:
        if key in self.base:
            return
        with self._lock:
            self.recent[key] = value
            self.recent.move_to_end(key)
            while len(self.recent) > self.limit:
                self.recent.popitem(last=False)

    def __len__(self) -> int:
        return len(self.base) + len(self.recent)


class EncodedKeyMap(dict):
    """A read-only ``str``-keyed mapping that keeps its keys as UTF-8 ``bytes``: 6 Arabic
    letters take 48 bytes instead of 88. Answers ``in``, ``get`` and ``[]`` for ``str`` keys
    as the original dict did (any other key is simply absent)."""

    __slots__ = ()

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and dict.__contains__(self, key.encode("utf-8", "surrogatepass"))

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise KeyError(key)
        return dict.__getitem__(self, key.encode("utf-8", "surrogatepass"))

    def get(self, key, default=None):
        return dict.get(self, key.encode("utf-8", "surrogatepass"), default) if isinstance(key, str) else default

    @classmethod
    def emptying(cls, source: dict, values: dict, batch: int = 30_000) -> "EncodedKeyMap":
        """The map of ``source``, which it empties as it goes, equal values shared (``values``:
        new objects, so that none keeps the memory of ``source`` in use).

        Entries go by batches, the last loaded first, each batch dropped whole once its new
        entries are made: the memory it was loaded in then goes back to the system, and the
        old and new tables are never both whole in memory (the peak at start-up stays low)."""
        compact = cls()
        shared = values.get
        pop = source.popitem
        while source:
            entries = [pop() for _ in range(min(batch, len(source)))]
            for key, value in entries:
                same = shared(value)
                if same is None:
                    same = values[value] = _copy(value)
                compact[key.encode("utf-8", "surrogatepass")] = same
            del entries
        return compact


def _copy(value):
    """An equal value in a new object (floats; small ints are shared anyway)."""
    if type(value) is float:
        return float.fromhex(value.hex())
    return value


# PyFarasa's word tables read only by ``in``, ``get`` and ``[]`` (segmentation.py): the
# morphological, gazetteer, Buckwalter and lexicon word lists and the word log-counts, the
# smaller first.
COMPACT_TABLES = ("hmAraLexCom", "hmBuck", "hmListGaz", "hmListMorph", "wordCount")


def _compact_module_tables(module, names=COMPACT_TABLES) -> None:
    """Replace a PyFarasa module's word tables by ``EncodedKeyMap``s (once per process)."""
    values = {}
    for name in names:
        table = getattr(module, name)
        if not isinstance(table, EncodedKeyMap):
            setattr(module, name, EncodedKeyMap.emptying(table, values))
            del table


def _bound_module_memo(module, limit: int) -> BoundedMemo:
    """Replace a PyFarasa module's ``hmSeenBefore`` dict by a bounded one (once per process)."""
    memo = module.hmSeenBefore
    if not isinstance(memo, BoundedMemo):
        memo = BoundedMemo(memo, limit)
        module.hmSeenBefore = memo
    return memo


def _split(solution: str) -> list[str]:
    return [part for part in solution.split("+") if part]


class PyFarasaEngine:
    name = "pyfarasa"

    def __init__(self, memo_limit: int = DEFAULT_MEMO_LIMIT):
        from farasa import segmentation  # heavy: loads the model data (~0.7 s)

        self._segmentation = segmentation
        _compact_module_tables(segmentation)
        self.memo = _bound_module_memo(segmentation, memo_limit)
        # fitTemplateClass keeps a memo of its own (one entry per unseen word and candidate stem)
        from farasa import fitTemplateClass

        self.template_memo = _bound_module_memo(fitTemplateClass, memo_limit)
        self.people = segmentation.hmPeople
        self.locations = segmentation.hmLocations
        # the log-probability of each word Farasa's model saw, as written
        self.word_counts = segmentation.wordCount

    @property
    def info(self) -> dict:
        return {"segmenter": self.name, "package": "PyFarasa", "memo_limit": self.memo.limit,
                "memo_size": len(self.memo.recent)}

    def segment_word(self, word: str) -> list[str]:
        cached = self.memo.get(word)
        if cached is None:
            parts = self._segmentation.segmentLine(word)
            return _split("+".join(parts)) if parts else [word]
        return _split(cached.replace(";", "").replace("++", "+")) or [word]

    def segment_words(self, words: Sequence[str]) -> list[list[str]]:
        return [self.segment_word(w) for w in words]


class LineProcess:
    """A long-lived child process answering one output line per input line."""

    def __init__(self, argv: list[str]):
        self.argv = argv
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, encoding="utf-8", bufsize=1)

    def ask(self, line: str) -> str:
        line = " ".join(line.split())  # the protocol is one line each way
        with self._lock:
            for attempt in (1, 2):
                if self._proc is None or self._proc.poll() is not None:
                    self._proc = self._start()
                try:
                    self._proc.stdin.write(line + "\n")
                    self._proc.stdin.flush()
                    answer = self._proc.stdout.readline()
                except (BrokenPipeError, OSError):
                    answer = ""
                if answer:
                    return answer.rstrip("\n")
                self.close()  # the child died mid-answer: start a fresh one once
            raise RuntimeError("segmenter process gave no answer")

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                proc.kill()
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass


class FarasaJarEngine:
    """Farasa's own segmenter JAR in interactive mode, as farasapy runs it."""

    name = "farasa-jar"

    def __init__(self, jar_path: str | os.PathLike, java: str = "java", argv: list[str] | None = None):
        self.jar_path = str(jar_path)
        self.process = LineProcess(argv or [java, "-Dfile.encoding=UTF-8", "-jar", self.jar_path])

    @property
    def info(self) -> dict:
        return {"segmenter": self.name, "jar": os.path.basename(self.jar_path)}

    def segment_words(self, words: Sequence[str]) -> list[list[str]]:
        if not words:
            return []
        answer = self.process.ask(" ".join(words)).split()
        if len(answer) != len(words):
            # The JAR re-tokenised differently; fall back word by word to keep alignment.
            return [_split(self.process.ask(w).replace(" ", "")) or [w] for w in words]
        return [_split(a) or [w] for a, w in zip(answer, words)]

    def close(self) -> None:
        self.process.close()


def _farasapy_jar() -> Path | None:
    try:
        import farasa  # the package directory farasapy shares with PyFarasa
    except ImportError:
        return None
    candidate = Path(farasa.__file__).parent / "farasa_bin" / "lib" / "FarasaSegmenterJar.jar"
    return candidate if candidate.is_file() else None


def load_engine(env: dict | None = None):
    """The configured engine: ``FARASA_ENGINE`` = ``auto`` (default), ``jar`` or ``pyfarasa``."""
    env = os.environ if env is None else env
    choice = env.get("FARASA_ENGINE", "auto").lower()
    memo_limit = int(env.get("FARASA_MEMO_LIMIT", DEFAULT_MEMO_LIMIT))
    if choice in ("auto", "jar"):
        jar = env.get("FARASA_JAR") or _farasapy_jar()
        if jar and Path(jar).is_file():
            return FarasaJarEngine(jar)
        if choice == "jar":
            raise RuntimeError("FARASA_ENGINE=jar but no Farasa JAR found (set FARASA_JAR)")
    return PyFarasaEngine(memo_limit=memo_limit)
