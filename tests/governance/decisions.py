"""The demo's decisions that other apps' tests act on."""

from eacademy.governance import queries
from eacademy.governance.models import AgendaItem, Decision


def programme_decision() -> Decision:
    """The Academic Council's adopted decision approving the educational programmes."""
    decision = queries.decisions_on(AgendaItem.Subject.PROGRAMME).first()
    assert decision is not None, "the demo holds the Academic Council's decision on the programmes"
    return decision
