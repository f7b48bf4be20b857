"""GET /health: liveness, the segmentation engine in use, whether the database answers and
is at the schema revision the service needs."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from sqlalchemy.exc import SQLAlchemyError

from extractors import __version__ as extractor_version

from . import current_database
from .. import examples
from ..migrate import current_revision, head_revision
from ..schemas import HealthSchema
from ..spec import ApiBlueprint

blp = ApiBlueprint("health", __name__, description="Service status.")


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema, example=examples.HEALTH)
    @blp.alt_response(503, schema=HealthSchema, example=examples.HEALTH_DATABASE_DOWN,
                      description="The database does not answer, or its schema is not at the revision "
                                  "this service needs (`python -m api.migrate`).")
    def get(self):
        """Service status

        Always open (no API key), for load balancers and probes.
        """
        database = current_database()
        try:
            revision, reachable = current_revision(database), True
        except SQLAlchemyError:
            revision, reachable = None, False
        healthy = reachable and revision == head_revision()
        engine = {**current_app.extensions["pipeline"].engine.info, "extractor_version": extractor_version}
        body = {"status": "ok" if healthy else "unavailable", "engine": engine,
                "database": {"reachable": reachable, "backend": database.backend,
                             "schema_revision": revision, "expected_revision": head_revision()}}
        return body, 200 if healthy else 503
