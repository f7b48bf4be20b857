"""The newsroom's web page: read an article with its events highlighted, browse stored events,
people and who met whom, and correct events. Pages are shells rendered by ``static/app.js``
from the JSON API, so they obey the same API keys as any other client; nothing is fetched
from outside the service (the Arabic font ships in ``static/fonts`` with its licence)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..event_types import EVENT_TYPES

blp = Blueprint("web", __name__, url_prefix="/ui", template_folder="templates", static_folder="static",
                static_url_path="/static")

# Arabic names of what the page shows.
TYPE_NAMES = {"meeting": "لقاء", "visit": "زيارة", "call": "اتصال", "agreement": "اتفاق"}
ROLE_NAMES = {"host": "مضيف", "guest": "ضيف", "visitor": "زائر", "attendee": "حاضر", "party": "طرف"}
PAGES = (("web.read", "قراءة خبر"), ("web.events", "الأحداث"), ("web.graph", "من التقى من"))


def page(template: str, name: str, **context):
    return render_template(template, page_name=name, pages=PAGES, type_names=TYPE_NAMES, role_names=ROLE_NAMES,
                           event_types=list(EVENT_TYPES), **context)


@blp.get("/")
def read():
    return page("read.html", "read")


@blp.get("/events")
def events():
    return page("events.html", "events")


@blp.get("/events/<int:event_id>")
def event(event_id: int):
    return page("event.html", "event", event_id=event_id)


@blp.get("/people/<int:person_id>")
def person(person_id: int):
    return page("person.html", "person", person_id=person_id)


@blp.get("/graph")
def graph():
    return page("graph.html", "graph")


def init_web(app) -> None:
    app.register_blueprint(blp)
    app.add_url_rule("/", "home", lambda: redirect(url_for("web.read")))
