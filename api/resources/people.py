"""/people and /graph: who appears in stored events, their timelines, and who met whom."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import RAISE

from . import current_database, id_path, list_page, page, read_one, require_current_schema
from .. import examples, people, repository
from ..auth import requires_key
from ..errors import problem
from ..repository import EventFilters
from ..schemas import (GraphQuerySchema, GraphSchema, PeopleQuerySchema, PersonPageSchema, PersonSchema,
                       TimelineQuerySchema, TimelineSchema)
from ..spec import KEY_OPTIONAL, ApiBlueprint, error_responses

blp = ApiBlueprint("people", __name__, description="People and bodies in stored events, and who met whom.")
blp.before_request(require_current_schema)

PERSON_PATH = id_path("/people", "person_id")


@blp.route("/people")
class People(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.arguments(PeopleQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, PersonPageSchema, example=examples.PEOPLE_PAGE)
    @error_responses(blp, 401)
    def get(self, query):
        """List the people in stored events

        Most events first. A person is the fullest name events give them; `name_forms`,
        `titles` and `countries` are what the reports write, the most used first.
        """
        return list_page(query, lambda session, filters, limit, offset: people.list_people(
            session, filters.get("name"), filters.get("country"), limit, offset))


@blp.route(PERSON_PATH)
class PersonById(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.response(200, PersonSchema, example=examples.PERSON)
    @error_responses(blp, 401, 404)
    def get(self, person_id: int):
        """Read one person"""
        return read_one(people.get_person, person_id, _no_such_person(person_id))


@blp.route(f"{PERSON_PATH}/events")
class Timeline(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.arguments(TimelineQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, TimelineSchema, example=examples.TIMELINE)
    @error_responses(blp, 401, 404)
    def get(self, query, person_id: int):
        """A person's timeline

        The events a person took part in, oldest first (undated last), a page at a time.
        """
        limit, offset = query.pop("limit"), query.pop("offset")
        with current_database().session() as session:
            person = people.get_person(session, person_id)
            if person is None:
                return problem(404, _no_such_person(person_id))
            items, total = repository.list_events(session, EventFilters(**query, person_id=person_id),
                                                  limit, offset, order="chronological")
        return {**page(items, total, limit, offset), "person": person}


@blp.route("/graph")
class Graph(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.arguments(GraphQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, GraphSchema, example=examples.GRAPH)
    @error_responses(blp, 401)
    def get(self, query):
        """Who met whom

        A graph a front end can draw: `nodes` are people and bodies (ids as in GET /people),
        `edges` join two who took part in the same events, with how many, their first and
        last dates and the events themselves. Filters as GET /events (`date_from`, `date_to`,
        `country` of the place, `participant_country`, ...); drawn from the newest `limit`
        matching events.
        """
        limit = query.pop("limit")
        with current_database().session() as session:
            return people.meeting_graph(session, EventFilters(**query), limit)


def _no_such_person(person_id: int) -> str:
    return f"No person with id {person_id} in stored events."
