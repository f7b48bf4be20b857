"""Entity recognition (placeholder)."""


class EntityRecognizer:
    def __init__(self, lexicons, engine):
        self.lexicons = lexicons
        self.engine = engine

    def __call__(self, doc):
        doc.entities = []
        return doc
