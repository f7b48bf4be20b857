"""GET /health: liveness, the segmentation engine in use, and whether the database answers."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView

from extractors import __version__ as extractor_version

from . import current_database
from .. import examples
from ..schemas import HealthSchema
from ..spec import ApiBlueprint

blp = ApiBlueprint("health", __name__, description="Service status.")


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema, example=examples.HEALTH)
    @blp.alt_response(503, schema=HealthSchema, description="The database does not answer.",
                      example=examples.HEALTH_DATABASE_DOWN)
    def get(self):
        """Service status

        Always open (no API key), for load balancers and probes.
        """
        database = current_database()
        reachable = database.ping()
        engine = {**current_app.extensions["pipeline"].engine.info, "extractor_version": extractor_version}
        body = {"status": "ok" if reachable else "unavailable", "engine": engine,
                "database": {"reachable": reachable, "backend": database.backend}}
        return body, 200 if reachable else 503
