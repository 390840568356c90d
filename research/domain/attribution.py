"""Which awards the city really won: how an award is linked to a cluster, and where it was won.

An award counts in "won back to the city" only when its recipient is in the workspace's area and
it is attributed to a cluster by a recorded rule; every other award is shown apart, never added in.
"""

from __future__ import annotations

from enum import StrEnum

# A title-and-lead match at or above this score (0-100) links an award on its own; below it a person decides.
MATCH_THRESHOLD = 90.0


class LinkSource(StrEnum):
    """The recorded rule that linked an award to an application and a cluster."""

    APPLICATION = "application"  # recorded from the application marked awarded: the same application id
    FILE = "file"  # the imported file named the award's cluster
    TITLE_LEAD = "title_lead"  # matched to an application by title and lead, with a score
    PERSON = "person"  # a person's decision
    NONE = "none"  # no rule found a cluster: unattributed

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    LinkSource.APPLICATION: "same application",
    LinkSource.FILE: "cluster named in the file",
    LinkSource.TITLE_LEAD: "matched title and lead",
    LinkSource.PERSON: "a person's decision",
    LinkSource.NONE: "not linked",
}


class Place(StrEnum):
    """Where an award's recipient is, against the workspace's area."""

    IN_AREA = "in_area"
    OUTSIDE = "outside"
    NO_LOCATION = "no_location"
    AREA_NOT_SET = "area_not_set"

    @property
    def label(self) -> str:
        return _PLACES[self]


_PLACES = {
    Place.IN_AREA: "in the area",
    Place.OUTSIDE: "outside the area",
    Place.NO_LOCATION: "no location",
    Place.AREA_NOT_SET: "area not set",
}


def place_of(contained: bool | None, area_set: bool) -> Place:
    """`contained` is the area's answer for the recipient (None: the award records no location)."""
    if not area_set:
        return Place.AREA_NOT_SET
    if contained is None:
        return Place.NO_LOCATION
    return Place.IN_AREA if contained else Place.OUTSIDE


class Counted(StrEnum):
    """How an award enters the return: only COUNTED is added into "won back to the city"."""

    COUNTED = "counted"  # in the area (or every award while no area is set), attributed to a cluster
    UNATTRIBUTED = "unattributed"  # in the area, but linked to no cluster
    OUTSIDE = "outside"  # the recipient is outside the area
    NO_LOCATION = "no_location"  # the award records no place for its recipient

    @property
    def label(self) -> str:
        return _COUNTED[self]


_COUNTED = {
    Counted.COUNTED: "Won in the area, attributed to a cluster",
    Counted.UNATTRIBUTED: "Not attributed to a cluster",
    Counted.OUTSIDE: "Won outside the area",
    Counted.NO_LOCATION: "Recipient has no location",
}
