"""Blueprints, one per resource."""
from flask import current_app


def current_database():
    """The app's Database (set up by the app factory)."""
    return current_app.extensions["database"]
