"""Event templates (placeholder)."""


class EventBuilder:
    def __init__(self, lexicons):
        self.lexicons = lexicons

    def __call__(self, doc):
        doc.events = []
        return doc
