"""Print the OpenAPI contract the code defines: ``python -m api.openapi > openapi.yaml``.

``tests/test_openapi.py`` fails when the committed ``openapi.yaml`` differs from this output.
"""
from __future__ import annotations

import sys

import yaml


def build_spec() -> dict:
    from . import create_app

    # An in-memory database: generating the contract must not touch the real one.
    app = create_app({"DATABASE_URL": "sqlite://"})
    return app.extensions["openapi"].spec.to_dict()


def render(spec: dict) -> str:
    """YAML with the conventional top-level order (apispec puts ``openapi`` near the end)."""
    first = ("openapi", "info", "tags", "paths")
    ordered = {key: spec[key] for key in first if key in spec}
    ordered.update((key, value) for key, value in spec.items() if key not in first)
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)


def main() -> int:
    sys.stdout.write(render(build_spec()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
