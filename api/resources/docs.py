"""The committed contract and Swagger UI, served from the installed swagger-ui-bundle (no CDN)."""
from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template_string, send_file, send_from_directory, url_for
from flask.views import MethodView
from swagger_ui_bundle import swagger_ui_path

from ..spec import API_TITLE, ApiBlueprint, error_responses

CONTRACT = Path(__file__).resolve().parents[2] / "openapi.yaml"

blp = ApiBlueprint("docs", __name__, description="The API contract and its browsable documentation.")

# validatorUrl null: Swagger UI would otherwise fetch a badge from validator.swagger.io.
SWAGGER_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{{ title }}</title>
  <link rel="stylesheet" href="{{ url_for('docs.SwaggerUiAsset', filename='swagger-ui.css') }}">
  <link rel="icon" type="image/png" href="{{ url_for('docs.SwaggerUiAsset', filename='favicon-32x32.png') }}">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{{ url_for('docs.SwaggerUiAsset', filename='swagger-ui-bundle.js') }}"></script>
  <script>
    window.onload = function () {
      window.ui = SwaggerUIBundle({
        url: "{{ spec_url }}",
        dom_id: "#swagger-ui",
        validatorUrl: null,
        deepLinking: true
      });
    };
  </script>
</body>
</html>
"""


@blp.route("/openapi.yaml")
class Contract(MethodView):
    @blp.response(200, {"type": "object", "description": "This OpenAPI document."},
                  content_type="application/yaml", description="openapi.yaml as committed with the code.")
    def get(self):
        """The OpenAPI contract"""
        return send_file(CONTRACT, mimetype="application/yaml", max_age=0)


@blp.route("/docs")
class SwaggerUi(MethodView):
    @blp.response(200, {"type": "string"}, content_type="text/html", description="Swagger UI page.")
    def get(self):
        """Browsable documentation (Swagger UI)"""
        html = render_template_string(SWAGGER_PAGE, title=API_TITLE, spec_url=url_for("docs.Contract"))
        return current_app.response_class(html, mimetype="text/html")


@blp.route("/docs/assets/<path:filename>")
class SwaggerUiAsset(MethodView):
    @blp.response(200, {"type": "string", "format": "binary"}, content_type="*/*",
                  description="A file of the installed swagger-ui-bundle package (JavaScript, CSS, icons).")
    @error_responses(blp, 404)
    def get(self, filename: str):
        """Swagger UI assets, served locally"""
        return send_from_directory(swagger_ui_path, filename, max_age=3600)
