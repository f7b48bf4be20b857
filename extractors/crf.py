"""Linear-chain CRF tagging in numpy, with the weights of a crfsuite model.

Training stays with crfsuite (``pycrfsuite.Trainer``). Tagging reads the trained weights
(``CrfModel.load``) and sums, per token, the weight vectors of its features: a word's own
features, and those it shows its neighbours, are summed once per word and kept
(``WordVectors``), so a token costs a few vector additions instead of some twenty feature
strings handed to crfsuite one by one. Viterbi and forward-backward then run over every
sentence of a document at once. The labels are crfsuite's: same scores (up to the order
floating-point additions are done in), same ties broken the same way (first label wins).

A crfsuite model file (CRFsuite's ``crf1dmodel.c``): a 48-byte header, then a ``FEAT`` chunk
of (type, source, destination, weight) records, 20 bytes each, little-endian: type 0 is a
state feature (source = attribute id, destination = label id), type 1 a transition (label
to label). Label and attribute names are read from the model's own dump (``Tagger.dump``).
"""
from __future__ import annotations

import os
import struct
import tempfile
from itertools import accumulate, chain, repeat
from pathlib import Path

import numpy as np

from .cache import DEFAULT_WORD_CACHE, remembered

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("destination", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1
# the row a keyed index gives None (``CrfModel.keyed``): a place ``sums`` fills with a key's row
_KEY = -1


class KeyRows:
    """A key's rows (``CrfModel.keyed``), packed as native ints in one ``bytes``."""

    size = np.dtype(np.intp).itemsize

    @classmethod
    def packed(cls, rows, width: int) -> list[bytes]:
        """Each sequence of ``width`` rows of ``rows``, packed (all at once: a few ms for 60,000)."""
        data = np.fromiter(chain.from_iterable(rows), dtype=np.intp).tobytes()
        step = width * cls.size
        return [data[at:at + step] for at in range(0, len(data), step)]

    @staticmethod
    def unpacked(packed) -> tuple[int, ...]:
        return tuple(np.frombuffer(packed, dtype=np.intp).tolist())

    @staticmethod
    def array(packed: list[bytes]) -> np.ndarray:
        """The rows of keys packed one after another (``b"".join`` of them) as one array."""
        return np.frombuffer(b"".join(packed), dtype=np.intp)


def _dump_names(path) -> tuple[list[str], list[str]]:
    """(labels, attributes) of a crfsuite model, each in id order, from its plain-text dump."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    sections = {"LABELS = {": [], "ATTRIBUTES = {": []}
    with tempfile.TemporaryDirectory() as folder:
        dump = os.path.join(folder, "model.txt")
        tagger.dump(dump)
        tagger.close()
        current = None
        with open(dump, encoding="utf-8") as lines:
            for line in lines:
                if current is None:
                    current = sections.get(line.rstrip("\n"))
                elif line.startswith("}"):
                    current = None
                else:   # "  %5d: %s"
                    current.append(line.rstrip("\n").partition(": ")[2])
    return sections["LABELS = {"], sections["ATTRIBUTES = {"]


class CrfModel:
    """The labels, attribute weights and transition weights of a crfsuite model."""

    def __init__(self, labels: list[str], attributes: list[str], state: np.ndarray, transitions: np.ndarray):
        self.labels = tuple(labels)
        # attribute → its row of weights
        self.index = {name: row for row, name in enumerate(attributes) if name}
        # one row per attribute, and a last row of zeros (what no feature weighs)
        self.state = np.vstack([state, np.zeros((1, len(labels)))])
        self.zero = len(attributes)
        self.transitions = transitions
        self._exp_transitions = np.exp(transitions)
        # one step of the forward pass (Eᵀ) and of the backward pass (E) at once
        size = len(labels)
        self._both_ways = np.zeros((2 * size, 2 * size))
        self._both_ways[:size, :size] = self._exp_transitions.T
        self._both_ways[size:, size:] = self._exp_transitions
        # forward-backward scales its sums back every few tokens: each token moves them by at
        # most e^(largest transition weight) × labels, and doubles hold e^±700
        self._rescale = max(1, int(300 / (np.abs(transitions).max() + np.log(len(labels)))))

    @classmethod
    def load(cls, path) -> "CrfModel":
        labels, attributes = _dump_names(path)
        data = Path(path).read_bytes()
        magic, _, model_type, _, _, n_labels, n_attrs, at, *_ = _HEADER.unpack_from(data)
        chunk, _, count = struct.unpack_from("<4sII", data, at)
        if (magic, model_type, chunk) != (b"lCRF", b"FOMC", b"FEAT") or (n_labels, n_attrs) != (len(labels), len(attributes)):
            raise ValueError(f"{path}: not a crfsuite CRF1d model this reader knows")
        features = np.frombuffer(data, _FEATURE, count, at + 12)
        state = np.zeros((n_attrs, n_labels))
        transitions = np.zeros((n_labels, n_labels))
        for feature_type, table in ((_STATE, state), (_TRANSITION, transitions)):
            chosen = features[features["type"] == feature_type]
            np.add.at(table, (chosen["source"], chosen["destination"]), chosen["weight"])
        return cls(labels, attributes, state, transitions)

    def row(self, feature: str) -> int | None:
        """The feature's row of weights, None if the model does not know it (it weighs nothing)."""
        return self.index.get(feature)

    def keyed(self, prefixes: tuple[str, ...], unread: tuple[str, ...] = ()) -> tuple[dict, dict]:
        """The features a word's key names, one per prefix ("b=<key>", "b[-1]=<key>"…), as the
        rows of each key's features (the zero row where the model lacks one); and the index of
        the other features, without those named by a prefix of ``unread`` (never looked up by
        name), where None stands for a feature the key names (``sums``). Prefixes end at their
        first "=". A new word's key is then looked up once, not once per prefix, and its other
        features in an index a fraction of the model's: these look-ups are most of a new
        word's cost, mostly waiting for memory. A key's rows are packed in one ``bytes`` of
        native ints (``KeyRows``): one object read, where a tuple's ints are as many, each
        elsewhere in memory."""
        slots = {prefix[:-1]: slot for slot, prefix in enumerate(prefixes)}
        skipped = {prefix[:-1] for prefix in unread}
        if any(p.count("=") != 1 or not p.endswith("=") for p in (*prefixes, *unread)):
            raise ValueError("a prefix ends at its only '='")
        by_key: dict[str, list[int]] = {}
        others: dict[str, int] = {}
        zeros = [self.zero] * len(prefixes)
        for name, row in self.index.items():
            head, equals, key = name.partition("=")
            slot = slots.get(head) if equals else None
            if slot is not None:
                rows = by_key.get(key)
                if rows is None:
                    rows = by_key[key] = zeros.copy()
                rows[slot] = row
            elif not (equals and head in skipped):
                others[name] = row
        others[None] = _KEY   # where a feature the key names stands (``sums``)
        return dict(zip(by_key, KeyRows.packed(by_key.values(), len(prefixes)))), others

    def sums(self, groups, index: dict | None = None, keys: list[int] | None = None) -> np.ndarray:
        """One weight vector per group of features: the sum of their weights (len(groups) × labels).

        ``index``: where the names are looked up (the model's by default); ``keys``: with an
        index of ``keyed``, the rows of the features a word's key names, one for each None
        among the names, in turn (in its place: numpy's sums of floats depend on the order), as
        a sequence of ints."""
        index = self.index if index is None else index
        lengths = list(map(len, groups))
        if 0 in lengths:
            # an empty group sums to zero: each group starts with the zero row (no attribute)
            groups = [["", *group] for group in groups]
            lengths = list(map(len, groups))
        names = list(chain.from_iterable(groups))
        rows = np.fromiter(map(index.get, names, repeat(self.zero)), dtype=np.intp, count=len(names))
        if keys is not None and len(keys):
            rows[rows == _KEY] = keys
        # (each group's first row: numpy makes an array of a list of ints a third slower)
        starts = np.fromiter(accumulate(lengths, initial=0), dtype=np.intp, count=len(lengths))
        return np.add.reduceat(self.state.take(rows, axis=0), starts)

    # ---- inference over the sentences of a document -------------------------------
    # The sentences are stacked, tokens × labels × sentences (``_Stacked``: each from the
    # first row, or each ending at the last), and every step runs over all of them at once:
    # the rows past a sentence's end (or before its start) hold scores nobody reads. Labels
    # before sentences: numpy reduces over the first axis fastest. The taggers hand their
    # sentences' rows joined one after another (``…_joined``), with the sentences' lengths.

    def viterbi(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """The best label sequence of each sentence (``emissions``: one tokens × labels array
        of summed state weights per sentence), as crfsuite finds it: of equal scores, the
        first label wins, at each step and at the end."""
        if not emissions:
            return []
        return self.viterbi_joined(np.concatenate(emissions), [len(e) for e in emissions])

    def viterbi_joined(self, joined: np.ndarray, lengths: list[int]) -> list[list[str]]:
        """``viterbi`` of the sentences whose rows ``joined`` holds one after another."""
        if not lengths:
            return []
        stacked = _Stacked(joined, lengths)
        scores, lengths = stacked.from_start(), stacked.lengths
        # from label i to label j at token t: the transition's weight and j's score
        moves = self.transitions[None, :, :, None] + scores[:, None, :, :]
        best = scores.copy()              # the best score of a path ending in each label
        # per token: its row of ``best`` as the step before reads it (labels × 1 × sentences),
        # and as the step writes it; views made once, not at each step
        before, rows = list(best[:, :, None, :]), list(best)
        step = np.empty(moves.shape[1:])  # one step's sums, written over at each token
        add, best_of = np.add, np.maximum.reduce   # (looked up once: two calls per token position)
        for t in range(1, len(rows)):
            add(before[t - 1], moves[t], step)
            best_of(step, 0, None, rows[t])
        # the best label before each label, at every token of the sentences joined (not of
        # the stack, whose rows past a sentence's end nobody reads) at once (crfsuite's tie: the
        # first); tokens × labels × labels before, so that argmax runs over the last axis
        # (numpy's fast case), as one flat Python list for the walk back: token t's label
        # before label y at t × labels + y
        came_from = (stacked.joined(best, from_end=False)[:, None, :] + self.transitions.T[None, :, :]).argmax(axis=2).ravel().tolist()
        last_best = best[lengths - 1, :, np.arange(len(lengths))].argmax(axis=1).tolist()
        labels, size = self.labels, len(self.labels)
        out = []
        first = 0   # where the sentence's tokens start in the joined rows
        for y, end in zip(last_best, (lengths - 1).tolist()):
            path = [labels[y]]
            for at in range((first + end - 1) * size, first * size - 1, -size):
                y = came_from[at + y]
                path.append(labels[y])
            first += end + 1
            path.reverse()
            out.append(path)
        return out

    def marginals(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """P(label) of every token of each sentence (tokens × labels), by forward-backward."""
        if not emissions:
            return []
        lengths = [len(e) for e in emissions]
        return np.split(self.marginals_joined(np.concatenate(emissions), lengths), np.cumsum(lengths[:-1]))

    def marginals_joined(self, joined: np.ndarray, lengths: list[int]) -> np.ndarray:
        """``marginals`` of the sentences whose rows ``joined`` holds one after another, joined
        the same way."""
        stacked = _Stacked(joined, lengths)
        scores = stacked.from_start()
        longest, size, _ = scores.shape
        # exp of the scores, each token's scaled by its largest (any scale of a token cancels out)
        weights = np.exp(scores - np.maximum.reduce(scores, axis=1, keepdims=True))
        # both ways in one pass: forward from each sentence's start (labels' rows 0 … size-1),
        # backward from each sentence's end (rows size …, the end-aligned tokens last first):
        # alpha[t] = w[t] ⊙ (Eᵀ alpha[t-1]), and gamma[t] = w[t] ⊙ beta[t] = w[t] ⊙ (E gamma[t+1])
        passes = np.concatenate([weights, stacked.to_end(weights)[::-1]], axis=1)
        rescale = self._rescale
        rows = list(passes)
        carried = np.empty(rows[0].shape)   # one step's product, written over at each token
        # the array's own product (np.dot's, without the dispatch np.dot runs in Python at each call)
        step = self._both_ways.dot
        for t in range(1, longest):
            rows[t] *= step(rows[t - 1], carried)
            if t % rescale == 0:
                rows[t][:size] /= np.maximum.reduce(rows[t][:size], axis=0)
                rows[t][size:] /= np.maximum.reduce(rows[t][size:], axis=0)
        forward, gamma = passes[:, :size], passes[::-1, size:]
        backward = _ones(gamma.shape)        # end-aligned: beta[t] = E gamma[t+1], 1 at the end
        np.matmul(self._exp_transitions, gamma[1:], out=backward[:-1])
        both = stacked.joined(forward, from_end=False) * stacked.joined(backward, from_end=True)
        return both / np.add.reduce(both, axis=1, keepdims=True)


def _ones(shape) -> np.ndarray:
    """``np.ones(shape)`` in two calls to numpy's C code (np.ones is Python: a few per document)."""
    out = np.empty(shape)
    out.fill(1.0)
    return out


class _Stacked:
    """Where each row of sentences joined one after another goes when they are stacked,
    tokens × labels × sentences: each sentence from the first row, or ending at the last.
    Every move is one numpy indexing, whatever the number of sentences."""

    def __init__(self, joined: np.ndarray, lengths: list[int]):
        self.joined_rows = joined
        self.lengths = np.asarray(lengths)
        self.longest = int(max(lengths))
        # each joined row's sentence, its place in it from the start, and from the end
        self.sentence = np.arange(len(lengths)).repeat(self.lengths)
        self.token = np.arange(len(joined)) - (self.lengths.cumsum() - self.lengths).repeat(self.lengths)
        self.token_to_end = self.token + (self.longest - self.lengths)[self.sentence]

    def from_start(self) -> np.ndarray:
        """The joined rows stacked, each sentence from the first row (zeros after its end)."""
        out = np.zeros((self.longest, self.joined_rows.shape[1], len(self.lengths)))
        out[self.token, :, self.sentence] = self.joined_rows
        return out

    def to_end(self, stacked: np.ndarray) -> np.ndarray:
        """A ``from_start`` array with each sentence moved down to end at the last row (ones before)."""
        out = _ones(stacked.shape)
        out[self.token_to_end, :, self.sentence] = stacked[self.token, :, self.sentence]
        return out

    def joined(self, stacked: np.ndarray, from_end: bool) -> np.ndarray:
        """The rows of a stacked array joined back, one sentence after another."""
        return stacked[self.token_to_end if from_end else self.token, :, self.sentence]


class WordVectors:
    """Weight vectors computed once per written word (the sum of its own features' weights,
    and of those it shows each neighbour), as rows of one array, with anything else kept of
    the word (``extra``); the first ``reserved`` rows are fixed (the sentence edge). The
    vectors of the words added are summed together, at ``settle``.

    Bounded like ``WordCache``: the words of a document that would pass ``limit`` make every
    other word be forgotten first, so no row changes while a document is tagged (a document
    with more distinct words than ``limit`` gets the room it needs, given back at the next)."""

    def __init__(self, model: CrfModel, width: int, reserved: int = 1, limit: int = DEFAULT_WORD_CACHE,
                 keyed: tuple[str, ...] = (), unread: tuple[str, ...] = (), key_only: tuple[int, ...] = ()):
        """``keyed``: the prefixes of the features a word's key names, one per group (its own,
        then what it shows each neighbour), which ``add`` is then given by the key, not by
        name (``CrfModel.keyed`` tells what ``unread`` is). ``key_only``: with ``keyed``, the
        groups that are always the key's feature alone (what the agenda tagger's words show
        their neighbours): ``add`` is not given them, and their vectors are the key's rows,
        copied (a sum of one row is that row), not looked up and summed as names."""
        self.model = model
        self.key_only = sorted(key_only)
        self.summed = [slot for slot in range(width) if slot not in key_only]
        if key_only and not keyed:
            raise ValueError("only a keyed group can be the key's feature alone")
        self.limit, self.reserved = limit, reserved
        self.rows: dict[str, int] = {}
        self.table = np.zeros((reserved + limit, width, len(model.labels)))
        self.extra: list = [None] * (reserved + limit)
        self._pending: list[int] = []
        self._groups: list = []
        if keyed:
            self.by_key, self.index = model.keyed(keyed, unread)
            self.unknown_key = KeyRows.packed([(model.zero,) * len(keyed)], len(keyed))[0]
            self._keys: list[bytes] | None = []
        else:
            self.by_key, self.index, self._keys, self.unknown_key = None, model.index, None, None
        remembered(self)

    def clear(self) -> None:
        """Forget every word (between documents: the rows of words added are settled)."""
        self.rows.clear()

    def make_room(self, words: int) -> None:
        """Room for ``words`` new words."""
        if len(self.rows) + words <= self.limit and len(self.extra) == self.reserved + self.limit:
            return
        self.rows.clear()
        size = self.reserved + max(self.limit, words)
        if size != len(self.extra):
            self.table = np.concatenate([self.table[:self.reserved], np.zeros((size - self.reserved, *self.table.shape[1:]))])
            self.extra = self.extra[:self.reserved] + [None] * (size - self.reserved)

    def add(self, text: str, groups: list, extra=None, key: str | None = None, key_rows: tuple | None = None) -> int:
        """A new word's row; ``groups``: its features, then those it shows each neighbour (if
        the vectors are ``keyed``, with None in each group where the feature its ``key``
        names stands, and without the ``key_only`` groups; ``key_rows``: the key's ``by_key``
        rows, if the caller has them)."""
        row = self.reserved + len(self.rows)
        self.extra[row] = extra
        self.rows[text] = row
        self._pending.append(row)
        self._groups += groups
        if self.by_key is not None:
            self._keys.append(self.by_key.get(key, self.unknown_key) if key_rows is None else key_rows)
        return row

    def window_sums(self, padded: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Per token of ``padded`` (the rows of sentences' words, each sentence with two rows of
        the edge, 0, before and after it), the sum of its own vector and of what the words two
        before, one before, one after and two after show it, in that order (tokens × labels);
        and the tokens' places in ``padded``. The words' rows are copied out of the table once,
        and each window is a slice of them (five gathers from the table cost twice as much)."""
        padded = np.fromiter(padded, dtype=np.intp, count=len(padded))   # (np.array: a third slower)
        rows = self.table.take(padded, axis=0)
        sums = rows[2:-2, 0].copy()
        sums += rows[:-4, 1]
        sums += rows[1:-3, 2]
        sums += rows[3:-1, 3]
        sums += rows[4:, 4]
        where = padded.nonzero()[0]   # the tokens (edges are row 0; the method: np.flatnonzero runs Python)
        return sums.take(where - 2, axis=0), where

    def settle(self) -> None:
        """Sum the vectors of the words added since the last time."""
        if self._pending:
            pending = self._pending
            if self._keys is None:
                vectors = self.model.sums(self._groups).reshape(len(pending), *self.table.shape[1:])
            else:
                # the key rows of each word's groups, word by word
                keys = KeyRows.array(self._keys).reshape(len(pending), -1)
                self._keys = []
                if not self.key_only:
                    vectors = self.model.sums(self._groups, self.index, keys.ravel()).reshape(len(pending), *self.table.shape[1:])
                else:
                    vectors = np.empty((len(pending), *self.table.shape[1:]))
                    vectors[:, self.key_only] = self.model.state.take(keys[:, self.key_only], axis=0)
                    if self.summed:
                        summed = self.model.sums(self._groups, self.index, keys[:, self.summed].ravel())
                        vectors[:, self.summed] = summed.reshape(len(pending), len(self.summed), -1)
            if pending[-1] - pending[0] + 1 == len(pending):
                # the rows of a document's new words follow one another (``add``): a slice
                self.table[pending[0]:pending[-1] + 1] = vectors
            else:
                self.table[pending] = vectors
            self._pending, self._groups = [], []
