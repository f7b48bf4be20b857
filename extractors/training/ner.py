"""Train the CRF entity tagger (``python -m extractors.training.ner``, run by ``make model``).

Training data, all from ``../shared``: NewsFANE, WikiFANE (a fixed-seed sample) and AQMAR with
their fine tags mapped to PER / ORG / LOC, plus the participants and places of the gold events
of ``development_articles`` (never ``validation_articles``). A fixed tenth of NewsFANE sentences,
chosen by a hash of the sentence index, never enters training: the entity F1 per type printed
at the end is measured on it (exact span match).

Sentences are rebuilt as runtime text (the clitics the corpora split off, و ب ل ف ك ال before a
word and pronoun suffixes after it, are written onto their word again; BOM, U+200E and CR dropped), run through ``Pipeline.make_doc`` (the tokeniser and
Farasa segmentation the service uses), and labels are moved onto those tokens by character
offsets. ``--tune`` instead scores a small grid of settings on a dev part of the training data.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ..normalize import normalize
from ..tagger import MODEL_PATH, EntityTagger, FeatureExtractor, spans_from_bio
from .spellings import egyptian_final_ya, hamza_dropped
from .splits import development_articles

SEED = 13
WIKIFANE_SHARE = 0.5      # of WikiFANE sentences used (fixed seed): keeps training a few minutes
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150}

PER_CLASSES = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
               "Businessperson", "Lawyer", "Engineer", "Police"}
ORG_CLASSES = {"Non-Governmental", "Sports", "Media", "Government", "Commercial", "Educational",
               "Medical-Science", "Entertainment", "Religious_ORG"}
LOC_CLASSES = {"Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "County-or-District",
               "Continent", "Water-Body", "Land-Region-Natural", "Celestial", "Building-Grounds",
               "Airport", "Path", "Subarea-Facility"}
COARSE = {**{c: "PER" for c in PER_CLASSES}, **{c: "ORG" for c in ORG_CLASSES},
          **{c: "LOC" for c in LOC_CLASSES}, "PER": "PER", "ORG": "ORG", "LOC": "LOC"}
INVISIBLE_RE = re.compile("[\ufeff\u200e\u200f\r]")


def coarse_tag(tag: str) -> str:
    """B-Politician → B-PER; unknown, MISC-like or malformed tags → O."""
    if len(tag) > 2 and tag[:2] in ("B-", "I-") and tag[2:] in COARSE:
        return tag[:2] + COARSE[tag[2:]]
    return "O"


def read_conll(path: Path, sep: str) -> list[list[tuple[str, str]]]:
    """Sentences of ``word<sep>tag`` lines (blank line between sentences)."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8-sig", errors="replace").split("\n"):
        line = INVISIBLE_RE.sub("", line).strip()
        if not line:
            if current:
                sentences.append(current)
                current = []
            continue
        word, _, tag = line.rpartition(sep) if sep == " " else line.partition(sep)
        word = word.strip()
        if word:
            current.append((word, coarse_tag(tag.strip())))
    if current:
        sentences.append(current)
    return sentences


@dataclass
class Example:
    text: str
    spans: list      # (start, end, label) character spans of entities in ``text``


# The corpora write clitics as tokens of their own (و نبيل، ب غزة، اسم ه); the runtime tokeniser
# sees them attached, and Farasa splits them again.
SPLIT_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س", "ال"})
SPLIT_SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "كم", "ي"})


def _is_arabic_word(word: str, min_len: int = 1) -> bool:
    return len(word) >= min_len and all("\u0621" <= ch <= "\u064a" for ch in word)


def _glued(words: list[str]) -> list[bool]:
    """Per corpus token: is it written onto the token before it (no space between)?"""
    glue = [False] * len(words)
    # right to left, so a chain of clitics (و ب غزة → وبغزة) joins; only before a real word (د ب ا stays)
    for k in range(len(words) - 2, -1, -1):
        if words[k] in SPLIT_PROCLITICS and (_is_arabic_word(words[k + 1], 2) or glue[k + 2:k + 3] == [True]
                                             and words[k + 1] in SPLIT_PROCLITICS):
            glue[k + 1] = True
    for k in range(1, len(words)):
        if words[k] in SPLIT_SUFFIXES and not glue[k] and _is_arabic_word(words[k - 1], 2):
            glue[k] = True        # اسم ه → اسمه
    return glue


def rejoin(words_tags: list[tuple[str, str]]) -> Example:
    """Runtime text of a corpus sentence: split-off clitics are written onto their word again."""
    words = [w for w, _ in words_tags]
    glued = _glued(words)
    for k in range(1, len(words)):
        if glued[k] and words[k - 1] == "ل" and words[k].startswith("ال"):
            words[k] = words[k][1:]     # ل + الصحفيين is written للصحفيين
    spans, pos, open_span = [], 0, None
    for k, (word, (_, tag), glue) in enumerate(zip(words, words_tags, glued)):
        if k and not glue:
            pos += 1
        start, pos = pos, pos + len(word)
        if tag.startswith("I-") and open_span and open_span[2] == tag[2:]:
            open_span[1] = pos
        else:
            if open_span:
                spans.append(tuple(open_span))
                open_span = None
            if tag != "O":
                open_span = [start, pos, tag[2:]]
    if open_span:
        spans.append(tuple(open_span))
    text = "".join(("" if glue or not k else " ") + w for k, (w, glue) in enumerate(zip(words, glued)))
    return Example(text, spans)


def token_labels(tokens, spans, base: int = 0) -> list[str]:
    """BIO labels of tokens (offsets relative to ``base``) from character spans."""
    labels = ["O"] * len(tokens)
    for start, end, label in spans:
        first = True
        for k, tok in enumerate(tokens):
            if tok.end - base > start and tok.start - base < end and labels[k] == "O":
                labels[k] = ("B-" if first else "I-") + label
                first = False
    return labels


def make_sequences(pipeline, examples: list[Example], chunk: int = 400) -> list[tuple[list, list]]:
    """(tokens, labels) per example, segmenting many examples per ``make_doc`` call."""
    out = []
    for c in range(0, len(examples), chunk):
        batch = examples[c:c + chunk]
        doc = pipeline.make_doc("\n".join(e.text for e in batch))
        k, base = 0, 0
        for e in batch:
            first = k
            while k < len(doc.tokens) and doc.tokens[k].start < base + len(e.text):
                k += 1
            tokens = doc.tokens[first:k]
            if tokens:
                out.append((tokens, token_labels(tokens, e.spans, base)))
            base += len(e.text) + 1
    return out


def _bucket(salt: str, index: int, n: int = 10) -> int:
    return int(hashlib.sha1(f"{salt}:{index}".encode()).hexdigest(), 16) % n


def is_heldout(index: int) -> bool:
    """The fixed tenth of NewsFANE sentences that never enters training."""
    return _bucket("newsfane-heldout", index) == 0


def is_tuning_dev(index: int) -> bool:
    return _bucket("newsfane-dev", index) == 0


# ---- gold events → entity spans -------------------------------------------------------

def _occurrences(text: str, phrase: str):
    start = text.find(phrase)
    while start >= 0 and phrase:
        yield start, start + len(phrase)
        start = text.find(phrase, start + 1)


class GoldSpanLabeler:
    """PER/ORG/LOC character spans of one article from its gold participants and places."""

    def __init__(self, lexicons, gazetteers):
        self.lex = lexicons
        self.gaz = gazetteers

    def participant_label(self, name: str) -> str | None:
        words = normalize(name).split()
        if not words:
            return None
        head = words[0]
        if head in self.lex.delegation_nouns or head in self.lex.title_heads:
            return None
        if self.gaz.country_code(name) or self.gaz.city_country(name) or name in self.lex.country_names:
            return "LOC"
        if head in self.lex.first_names or head in self.gaz.given_names or len(words) >= 2 and (
                words[-1] in self.gaz.family_names):
            return "PER"
        if head in self.lex.institutional_nouns or self.gaz.phrases.lookup(name):
            return "ORG"
        return None

    def place_forms(self, aliases: list[str]) -> list[str]:
        """The smallest place names of a location's aliases (not the venue phrase around them)."""
        forms = []
        for a in aliases:
            if any(b != a and b in a for b in aliases):
                continue      # a longer phrase holding another alias
            words = normalize(a).split()
            if words and words[0] not in self.lex.venue_heads and words[0] not in self.lex.region_words:
                forms.append(a)
        return forms

    def spans(self, article: dict) -> list[tuple[int, int, str]]:
        text = article["text"]
        phrases = []
        for event in article.get("events", []):
            for aliases in event.get("participants", []):
                label = self.participant_label(aliases[0]) if aliases else None
                if label:
                    phrases += [(a, label) for a in aliases]
            phrases += [(a, "LOC") for a in self.place_forms(event.get("location") or [])]
        taken, spans = set(), []
        for phrase, label in sorted(set(phrases), key=lambda p: -len(p[0])):
            for start, end in _occurrences(text, phrase):
                # whole words only (a clitic may precede), never inside a longer span
                if end < len(text) and text[end].isalpha() and text[end] not in "هاي":
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.add((start, end))
                spans.append((start, end, label))
        return spans


def gold_sequences(pipeline, shared: Path, lexicons, gazetteers) -> list[tuple[list, list]]:
    """Sentences of the development articles that hold a gold participant or place."""
    labeler = GoldSpanLabeler(lexicons, gazetteers)
    out = []
    for article in development_articles(shared):
        doc = pipeline.make_doc(article["text"])
        labels = token_labels(doc.tokens, labeler.spans(article))
        for s in doc.sentences:
            sent = labels[s.first:s.last]
            if any(label != "O" for label in sent):
                out.append((doc.tokens[s.first:s.last], sent))
    return out


# ---- training and scoring ---------------------------------------------------------------

def load_corpora(shared: Path, pipeline, lexicons, gazetteers, wikifane_share: float = WIKIFANE_SHARE):
    ner = shared / "ner"
    news = read_conll(ner / "newsfane" / "NewsFANE_Gold_2014_170K.txt", "\t")
    held = [rejoin(s) for i, s in enumerate(news) if is_heldout(i)]
    dev = [rejoin(s) for i, s in enumerate(news) if not is_heldout(i) and is_tuning_dev(i)]
    news_train = [rejoin(s) for i, s in enumerate(news) if not is_heldout(i) and not is_tuning_dev(i)]
    wiki = read_conll(ner / "wikifane" / "WikiFANE_Gold_2014_500K.txt", "\t")
    wiki = random.Random(SEED).sample(wiki, int(len(wiki) * wikifane_share))
    aqmar = [s for path in sorted((ner / "aqmar").glob("*.txt")) for s in read_conll(path, " ")]
    other = [rejoin(s) for s in wiki + aqmar]
    return {
        "heldout": make_sequences(pipeline, held),
        "heldout respelled": make_sequences(pipeline, [respelled(e, i % len(RESPELLINGS)) for i, e in enumerate(held)]),
        "respelled": make_sequences(pipeline, [respelled(e, _bucket("respell", i)) for i, e in enumerate(news_train)
                                               if _bucket("respell", i) < len(RESPELLINGS)]),
        "dev": make_sequences(pipeline, dev),
        "news": make_sequences(pipeline, news_train),
        "other": make_sequences(pipeline, other),
        "gold": gold_sequences(pipeline, shared, lexicons, gazetteers),
    }


# Outlets that drop the hamza of an initial alif or write a final ي as ى: a share of the news
# sentences is trained on again written each way (both keep every character offset)
RESPELLINGS = (hamza_dropped, egyptian_final_ya)


def respelled(example: Example, way: int) -> Example:
    return Example(RESPELLINGS[way](example.text, None), example.spans)


def train(sequences, features: FeatureExtractor, model_path: Path, params: dict) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels in sequences:
        trainer.append(features.sentence_features(tokens), labels)
    trainer.set_params({**params, "feature.possible_transitions": True})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


def entity_scores(tagger: EntityTagger, sequences) -> dict:
    """Precision, recall and F1 per type (exact span and type match), seqeval-style."""
    counts = {label: [0, 0, 0] for label in ("PER", "ORG", "LOC")}   # true pos, predicted, gold
    for tokens, labels in sequences:
        gold = set(spans_from_bio(labels))
        pred = set(spans_from_bio(tagger.tag_tokens(tokens)))
        for span in gold:
            counts[span[2]][2] += 1
        for span in pred:
            counts[span[2]][1] += 1
            counts[span[2]][0] += span in gold
    scores = {}
    for label, (tp, npred, ngold) in counts.items():
        p, r = tp / npred if npred else 0.0, tp / ngold if ngold else 0.0
        scores[label] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                         "gold": ngold}
    tp, npred, ngold = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r = tp / npred if npred else 0.0, tp / ngold if ngold else 0.0
    scores["all"] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": ngold}
    return scores


def print_scores(title: str, scores: dict) -> None:
    print(title)
    for label, s in scores.items():
        print(f"  {label:4} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['gold']} entities)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--tune", action="store_true",
                        help="train without the dev part of NewsFANE and score on it (not the held-out part)")
    parser.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    parser.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    parser.add_argument("--wikifane-share", type=float, default=WIKIFANE_SHARE)
    args = parser.parse_args(argv)

    from ..gazetteers import load_gazetteers
    from ..lexicon import load_lexicons
    from ..pipeline import Pipeline

    started = time.perf_counter()
    lexicons, gazetteers = load_lexicons(), load_gazetteers()
    pipeline = Pipeline(lexicons=lexicons)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    data = load_corpora(args.shared, pipeline, lexicons, gazetteers, args.wikifane_share)
    features = FeatureExtractor(lexicons, gazetteers)
    print("sentences: " + ", ".join(f"{k} {len(v)}" for k, v in data.items())
          + f" (prepared in {time.perf_counter() - started:.0f} s)")
    base = data["news"] + data["respelled"] + data["other"] + data["gold"]
    if args.tune:
        path = args.model.with_suffix(".tune")
        t = time.perf_counter()
        train(base, features, path, params)
        print_scores(f"dev part of NewsFANE, {params}, WikiFANE share {args.wikifane_share} "
                     f"({time.perf_counter() - t:.0f} s)",
                     entity_scores(EntityTagger.load(path, lexicons, gazetteers), data["dev"]))
        path.unlink()
        return
    t = time.perf_counter()
    train(base + data["dev"], features, args.model, params)
    print(f"trained in {time.perf_counter() - t:.0f} s; model {args.model.stat().st_size / 1e6:.1f} MB")
    tagger = EntityTagger.load(args.model, lexicons, gazetteers)
    print_scores("held-out NewsFANE (10% of sentences, never trained on), entity F1 per type:",
                 entity_scores(tagger, data["heldout"]))
    print_scores("the same sentences without initial hamza (half) or with alef maqsura for a final yeh (half):",
                 entity_scores(tagger, data["heldout respelled"]))


if __name__ == "__main__":
    main()
