"""The HTTP service: ``create_app()`` builds a Flask app around the extraction library.

Everything the app holds (settings, database, pipeline) comes from ``create_app``'s
arguments or the environment, so tests build as many independent apps as they need.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from .config import config_from_env
from .cors import init_cors
from .database import Database
from .errors import register_error_handlers
from .limits import init_rate_limits
from .migrate import SchemaCheck
from .request_log import init_request_logging
from .spec import init_api
from .web import init_web
from .webhooks import watch


def create_app(overrides: Mapping[str, Any] | None = None, *, pipeline=None) -> Flask:
    """Build the app. ``overrides`` replace settings read from the environment;
    ``pipeline`` replaces the process-wide extraction pipeline (loaded here, once, so a
    preloading gunicorn master shares the Farasa model with its workers)."""
    app = Flask(__name__)
    app.config.update(config_from_env())
    app.config.update(overrides or {})
    app.json.ensure_ascii = False  # Arabic stays readable in responses
    app.json.sort_keys = False

    if pipeline is None:
        from extractors import get_pipeline

        pipeline = get_pipeline()
    app.extensions["pipeline"] = pipeline
    app.extensions["database"] = Database(app.config["DATABASE_URL"],
                                          sqlite_busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"])
    app.extensions["schema"] = SchemaCheck(app.extensions["database"])

    watch(app.extensions["database"])  # event changes write webhook notices in their transaction
    init_request_logging(app)
    _register_blueprints(app)
    register_error_handlers(app)  # after flask-smorest's, which they replace
    init_cors(app)
    init_rate_limits(app)
    init_web(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from .resources import articles, batch, corrections, docs, events, extract, health, people, webhooks

    api = init_api(app)
    for blueprint in (extract.blp, events.blp, articles.blp, people.blp, health.blp, docs.blp,
                      corrections.blp, batch.blp, webhooks.blp):
        api.register_blueprint(blueprint)
    app.extensions["openapi"] = api
