"""/articles/{id}: a stored article with its events, replacing it, and removing it."""
from __future__ import annotations

from flask.views import MethodView
from sqlalchemy.exc import IntegrityError

from . import current_database, delete_one, id_path, read_one, require_current_schema, update_article
from .. import examples, repository
from ..auth import requires_key
from ..errors import ARTICLE_KEY_TAKEN, problem
from ..repository import ArticleInput
from ..schemas import ArticleInputSchema, StoredExtractionSchema, UpdatedExtractionSchema
from ..spec import KEY_OPTIONAL, KEY_REQUIRED, ApiBlueprint, error_responses

blp = ApiBlueprint("articles", __name__, description="Stored articles: the reports events are made of.")
blp.before_request(require_current_schema)

ARTICLE_PATH = id_path("/articles", "article_id")


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
        return read_one(repository.get_article, article_id, _no_such_article(article_id))

    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(ArticleInputSchema, example=examples.ARTICLE_REQUEST)
    @blp.response(200, UpdatedExtractionSchema, example=examples.UPDATED_ARTICLE)
    @error_responses(blp, 400, 401, 404, 409, 413, 415, 429)
    def put(self, article: ArticleInput, article_id: int):
        """Replace a stored article's text or details

        The body is the whole article, as for POST /events. When text, title, date or url
        differ from what is stored, the article keeps its id and records `updated_at` and the
        extractor version; its reports leave their events (each made again from the other
        reports, as DELETE does) and the events extracted from the new text are merged as a
        POST merges them: `"changed": true`. Otherwise nothing is done: `"changed": false`.
        A url that another stored article has is a 409.
        """
        with current_database().session() as session:
            known = repository.stored_version(session, article, article_id)
            holder = repository.article_id_with_key(session, article.key)
        if known is None:
            return problem(404, _no_such_article(article_id))
        if holder not in (None, article_id):
            return _key_taken(holder)
        try:
            updated = update_article(article_id, article, *known)
        except IntegrityError:  # another article took the url meanwhile
            with current_database().session() as session:
                return _key_taken(repository.article_id_with_key(session, article.key))
        return updated if updated is not None else problem(404, _no_such_article(article_id))

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
        return delete_one(repository.delete_article, article_id, _no_such_article(article_id))


def _no_such_article(article_id: int) -> str:
    return f"No article with id {article_id}."


def _key_taken(holder: int | None):
    return problem(409, ARTICLE_KEY_TAKEN.format(holder))
