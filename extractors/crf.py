"""What a crfsuite model is given to tag: its features, written once per word.

crfsuite gives a feature it does not know no weight (``Tagger.set`` skips it), and adds
the weights of the others in the order given; it takes ``bytes`` features as they are,
where each ``str`` is encoded to UTF-8 again at every call. So a tagger loses nothing by
writing only the features its model knows, in their order, as bytes: the same labels, for
less work at every token. Training writes every feature, as ``str``.
"""
from __future__ import annotations

import os
import tempfile

from .cache import WordCache

# A line of a model dump's attribute section: "  %5d: %s".
_ATTRIBUTES_START, _SECTION_END = "ATTRIBUTES = {", "}"


def model_attributes(tagger) -> frozenset[bytes]:
    """The attribute names of an open ``pycrfsuite.Tagger``'s model, as UTF-8 bytes, read
    from its plain-text dump (``Tagger.dump``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.txt")
        tagger.dump(path)
        names = []
        with open(path, encoding="utf-8") as dump:
            for line in dump:
                if line.startswith(_ATTRIBUTES_START):
                    break
            for line in dump:
                if line.startswith(_SECTION_END):
                    break
                names.append(line.rstrip("\n").partition(": ")[2].encode())
    return frozenset(names)


class Vocabulary:
    """Which features to write and how: every one as ``str`` (``known`` None: training), or
    only the model's ``known`` ones, as UTF-8 bytes (tagging). Holds the features of the words
    seen so far (``words``), written its way."""

    def __init__(self, known: frozenset[bytes] | None = None):
        self.known = known
        self.words = WordCache()

    @classmethod
    def of_model(cls, tagger) -> "Vocabulary":
        return cls(model_attributes(tagger))

    def write(self, text: str):
        """``text`` written this vocabulary's way (bytes or str), known to the model or not."""
        return text if self.known is None else text.encode()

    def spell(self, feature: str):
        """The feature as written for the model, or None if the model does not know it."""
        if self.known is None:
            return feature
        encoded = feature.encode()
        return encoded if encoded in self.known else None

    def spell_all(self, features) -> list:
        """The features the model knows, written for it, in their order."""
        if self.known is None:
            return list(features)
        return [f for f in map(self.spell, features) if f is not None]

    def optional(self, feature: str) -> tuple:
        """The feature as a tuple of none or one written feature (to add to a list)."""
        spelled = self.spell(feature)
        return () if spelled is None else (spelled,)
