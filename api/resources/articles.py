"""/articles/{id}: a stored article with its events, and removing it."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView

from . import current_database, require_current_schema
from .. import examples, repository
from ..auth import requires_key
from ..errors import problem
from ..schemas import StoredExtractionSchema
from ..spec import KEY_OPTIONAL, KEY_REQUIRED, ApiBlueprint, error_responses
from .events import MAX_ID

blp = ApiBlueprint("articles", __name__, description="Stored articles: the reports events are made of.")
blp.before_request(require_current_schema)

ARTICLE_PATH = f"/articles/<int(max={MAX_ID}):article_id>"


@blp.route(ARTICLE_PATH)
class ArticleById(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.response(200, StoredExtractionSchema, example=examples.STORED_ARTICLE)
    @error_responses(blp, 401, 404)
    def get(self, article_id: int):
        """Read a stored article's events

        What POST /events answered for it, as the events stand now.
        """
        with current_database().session() as session:
            stored = repository.get_article(session, article_id)
        return stored if stored is not None else _no_such_article(article_id)

    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.response(204, description="Deleted.")
    @error_responses(blp, 401, 404)
    def delete(self, article_id: int):
        """Delete a stored article and its reports

        Every event the article reported is made again from the other articles' reports
        (sources, participants, agenda, place and date), or deleted when no other article
        reports it. Reports that only matched through this article become events of their own.
        """
        with current_database().session() as session, session.begin():
            deleted = repository.delete_article(session, article_id)
        return current_app.response_class(status=204) if deleted else _no_such_article(article_id)


def _no_such_article(article_id: int):
    return problem(404, f"No article with id {article_id}.")
