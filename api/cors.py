"""CORS for the origins in ``CORS_ORIGINS`` (none by default: browsers on other sites get no access).

Keys travel in headers, never cookies, so credentials are not allowed. Preflight requests are
answered by Flask's automatic OPTIONS responses, to which the CORS headers are added here."""
from __future__ import annotations

from flask import Flask, request

ALLOWED_HEADERS = "Authorization, X-API-Key, Content-Type, X-Request-ID"
EXPOSED_HEADERS = "X-Request-ID, X-Total-Count, Content-Disposition"
PREFLIGHT_MAX_AGE = "600"


def init_cors(app: Flask) -> None:
    origins = app.config["CORS_ORIGINS"]
    if not origins:
        return

    @app.after_request
    def _allow_listed_origins(response):
        origin = request.headers.get("Origin")
        response.vary.add("Origin")
        if origin is None or not ("*" in origins or origin in origins):
            return response
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in origins else origin
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "")
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        return response
