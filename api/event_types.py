"""What the service knows about each event type, as data: the family that decides which
types may describe the same happening, an Arabic label, and CAMEO codes for event-data tools.

CAMEO (Conflict and Mediation Event Observations) is the coding scheme of GDELT, ICEWS and
PETRARCH. Its codes are dyadic: a visit is 042 "Make a visit" seen from the visitor and
043 "Host a visit" seen from the host, so a type maps to one coding per side.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors.identity import TYPE_FAMILIES, family_types, same_family

# Re-exported: the family rule is the library's (``extractors.identity``).
__all__ = ["CAMEO_NAMES", "EVENT_TYPES", "EventType", "cameo_codings", "family_types", "same_family"]

CAMEO_NAMES = {
    "040": "Consult, not specified below",
    "041": "Discuss by telephone",
    "042": "Make a visit",
    "043": "Host a visit",
    "044": "Meet at a \"third\" location",
    "057": "Sign formal agreement",
}


@dataclass(frozen=True)
class EventType:
    family: str                      # types of one family may be reports of the same happening
    label: str                       # Arabic, for names of exported events
    cameo: tuple[tuple[str, str | None], ...]   # (code, role of the acting side; None: every party)
    third_location: str | None = None  # the code when parties meet away from all their countries


EVENT_TYPES = {
    "meeting": EventType(TYPE_FAMILIES["meeting"], "لقاء", (("040", None),), third_location="044"),
    "visit": EventType(TYPE_FAMILIES["visit"], "زيارة", (("042", "visitor"), ("043", "host"))),
    "call": EventType(TYPE_FAMILIES["call"], "اتصال هاتفي", (("041", None),)),
    "agreement": EventType(TYPE_FAMILIES["agreement"], "اتفاق", (("057", None),)),
}


def cameo_codings(event: dict) -> list[dict]:
    """The event's CAMEO codings, the main one first: ``[{code, name, actor_role}]``."""
    spec = EVENT_TYPES.get(event.get("type"))
    if spec is None:
        return []
    codings = spec.cameo
    if spec.third_location and _at_third_location(event):
        codings = ((spec.third_location, None),)
    return [{"code": code, "name": CAMEO_NAMES[code], "actor_role": role} for code, role in codings]


def _at_third_location(event: dict) -> bool:
    """Parties of at least two known countries, none of them the host country of the place."""
    place = (event.get("location") or {}).get("country")
    countries = {p.get("country") for p in event.get("participants") or []} - {None}
    return bool(place) and len(countries) >= 2 and place not in countries
