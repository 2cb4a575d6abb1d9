"""Rules about one person that the enrollment services apply."""

from eacademy.catalog.models import ListenerCategory
from eacademy.people.models import Person

_MANAGER_POSITIONS = {"head-of-division"}


def listener_category(person: Person) -> str:
    """Which category of listeners a person belongs to, as programmes name their target."""
    if person.citizenship != "KZ":
        return ListenerCategory.FOREIGN
    if person.agency_id is None or person.position_id is None:
        return ListenerCategory.RECRUITS
    if person.position is not None and person.position.code in _MANAGER_POSITIONS:
        return ListenerCategory.MANAGERS
    return ListenerCategory.OFFICERS
