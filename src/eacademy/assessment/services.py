"""Assessment-centre actions: a session prepared, experts assigned by the solver (and again when
one drops out), ratings submitted, discrepancies settled by consensus, the session finalised,
the names revealed (audited)."""

import datetime
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from eacademy.assessment import assignment, queries
from eacademy.assessment.models import (
    Assignment,
    Candidate,
    Conflict,
    Consensus,
    Exercise,
    Indicator,
    Level,
    Rating,
    Reveal,
    Session,
    SessionExpert,
    new_code,
)
from eacademy.assessment.rules import ORGANISERS, REVEALERS
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.core.services import require_role
from eacademy.org.models import Position
from eacademy.people.models import Person

SOLVER_SECONDS = 30.0



def _require_open(session: Session) -> None:
    if session.status == Session.Status.FINALISED:
        raise DomainError(_("The session is finalised: nothing in it can change."))


@transaction.atomic
def session_create(*, actor: User, title: str, date: datetime.date, position: Position, exercises: Iterable[Exercise],
                   experts_per_candidate: int = 2) -> Session:
    require_role(actor, ORGANISERS)
    exercises = list(exercises)
    if not exercises:
        raise DomainError({"exercises": [_("Choose at least one exercise.")]})
    if not 1 <= experts_per_candidate <= 5:
        raise DomainError({"experts_per_candidate": [_("Between one and five experts rate each candidate in each exercise.")]})
    session = Session.objects.create(title=title, date=date, position=position, experts_per_candidate=experts_per_candidate)
    session.exercises.set(exercises)
    return session


@transaction.atomic
def candidates_add(*, actor: User, session: Session, people: Iterable[Person]) -> list[Candidate]:
    """Each person gets a random code, unique in the session."""
    require_role(actor, ORGANISERS)
    if session.status != Session.Status.DRAFT:
        raise DomainError(_("Candidates are added before the experts are assigned."))
    people = list(people)
    already = set(session.candidates.filter(person__in=people).values_list("person__last_name", flat=True))
    if already:
        raise DomainError(_("Already a candidate of this session: %(names)s.") % {"names": ", ".join(sorted(already))})
    used = set(session.candidates.values_list("code", flat=True))
    created = []
    for person in people:
        code = new_code()
        while code in used:
            code = new_code()
        used.add(code)
        created.append(Candidate(session=session, person=person, code=code))
    bulk_create_with_history(created, Candidate, default_user=actor)
    return created


@transaction.atomic
def experts_add(*, actor: User, session: Session, people: Iterable[Person]) -> None:
    require_role(actor, ORGANISERS)
    _require_open(session)
    for person in people:
        if person.user is None or not person.user.has_role(Role.EXPERT):
            raise DomainError(_("%(name)s has no assessment expert's login.") % {"name": person.full_name})
        SessionExpert.objects.get_or_create(session=session, person=person)


@transaction.atomic
def conflict_declare(*, actor: User, expert: Person, person: Person, kind: str, note: str = "") -> Conflict:
    require_role(actor, ORGANISERS)
    if expert == person:
        raise DomainError(_("An expert has no conflict of interest with himself."))
    if kind not in Conflict.Kind.values:
        raise DomainError({"kind": [_("Choose the kind of conflict.")]})
    try:
        with transaction.atomic():
            return Conflict.objects.create(expert=expert, person=person, kind=kind, note=note)
    except IntegrityError:
        raise DomainError(_("This conflict of interest is declared already.")) from None


def _conflicts(session: Session) -> frozenset[tuple[str, str]]:
    """Declared conflicts, and those of an expert working in a candidate's unit (expert id, candidate id)."""
    experts = {e.person_id: str(e.pk) for e in session.experts.all()}
    candidates = list(session.candidates.select_related("person"))
    declared = set(Conflict.objects.filter(expert_id__in=experts, person_id__in=[c.person_id for c in candidates]).values_list("expert_id", "person_id"))
    units = dict(Person.objects.filter(pk__in=experts).values_list("pk", "unit_id"))
    found = set()
    for candidate in candidates:
        for person_id, expert_id in experts.items():
            if (person_id, candidate.person_id) in declared or (units.get(person_id) and units[person_id] == candidate.person.unit_id):
                found.add((expert_id, str(candidate.pk)))
    return frozenset(found)


@transaction.atomic
def experts_assign(*, actor: User, session: Session, seconds: float = SOLVER_SECONDS) -> assignment.Plan:
    """(Re)assign the experts: what is already rated stays, other assignments change only where
    they must (an expert dropped out, a conflict declared since)."""
    require_role(actor, ORGANISERS)
    session = Session.objects.select_for_update().get(pk=session.pk)
    _require_open(session)
    candidates = [str(pk) for pk in session.candidates.values_list("pk", flat=True)]
    exercises = [str(pk) for pk in session.exercises.values_list("pk", flat=True)]
    active = [str(pk) for pk in session.experts.filter(dropped_out=False).values_list("pk", flat=True)]
    if not candidates or not active:
        raise DomainError(_("Add candidates and experts first."))
    existing = {(str(a.candidate_id), str(a.exercise_id), str(a.expert_id)): a for a in session.assignments.all()}
    rated = set(Rating.objects.filter(assignment__session=session).values_list("assignment_id", flat=True))
    fixed = frozenset(slot for slot, a in existing.items() if a.pk in rated)
    problem = assignment.Problem(candidates, exercises, active, session.experts_per_candidate, _conflicts(session), fixed=fixed,
                                 previous=frozenset(existing))
    plan = assignment.assign(problem, seconds=seconds)
    if plan.status == "infeasible":
        codes = dict(session.candidates.values_list("pk", "code"))
        short = sorted({codes[int(c)] for c, _e in plan.shortages}) or [_("(the limits together)")]
        raise DomainError(_("Not enough experts free of conflicts of interest for: %(codes)s. Add experts or lower the number per candidate.")
                          % {"codes": ", ".join(short)})
    if plan.status not in ("optimal", "feasible"):
        raise DomainError(_("The solver found no assignment in the time given; try again with more time."))
    wanted = set(plan.slots)
    Assignment.objects.filter(pk__in=[a.pk for slot, a in existing.items() if slot not in wanted]).delete()
    bulk_create_with_history([Assignment(session=session, candidate_id=int(c), exercise_id=int(e), expert_id=int(x))
                              for c, e, x in sorted(wanted - set(existing))], Assignment, default_user=actor)
    session.status = Session.Status.RATING
    session.save(update_fields=["status"])
    return plan


@transaction.atomic
def expert_drop(*, actor: User, expert: SessionExpert, seconds: float = SOLVER_SECONDS) -> assignment.Plan:
    """An expert cannot go on: his ratings given stay, his other candidates go to the others."""
    require_role(actor, ORGANISERS)
    _require_open(expert.session)
    expert.dropped_out = True
    expert.save(update_fields=["dropped_out"])
    return experts_assign(actor=actor, session=expert.session, seconds=seconds)


@transaction.atomic
def ratings_submit(*, actor: User, assignment_: Assignment, levels: Mapping[int, int], comments: Mapping[int, str] | None = None) -> None:
    """The assigned expert's levels for every indicator of the exercise (he may revise them until the session is finalised)."""
    assignment_ = Assignment.objects.select_related("session", "expert__person").select_for_update().get(pk=assignment_.pk)
    if assignment_.expert.person.user_id != actor.pk:
        raise DomainError(_("Only the expert assigned rates this candidate."))
    if assignment_.expert.dropped_out:
        raise DomainError(_("You no longer rate in this session."))
    if assignment_.session.status != Session.Status.RATING:
        raise DomainError(_("Ratings are accepted only while the session is being rated."))
    indicators = set(assignment_.exercise.indicators.values_list("pk", flat=True))
    missing = indicators - set(levels)
    errors = {}
    if missing or set(levels) - indicators:
        errors["__all__"] = [_("Rate every indicator of the exercise, and only those.")]
    bad = [pk for pk, level in levels.items() if level not in Level.values]
    if bad:
        errors["__all__"] = [*errors.get("__all__", []), _("A level is from 1 to 4.")]
    if errors:
        raise DomainError(errors)
    comments = comments or {}
    current = {r.indicator_id: r for r in assignment_.ratings.all()}
    for indicator_id, level in levels.items():
        rating = current.get(indicator_id) or Rating(assignment=assignment_, indicator_id=indicator_id)
        if rating.pk and rating.level == level and rating.comment == comments.get(indicator_id, ""):
            continue
        rating.level, rating.comment = level, comments.get(indicator_id, "")[:500]
        save_by(rating, actor)
    assignment_.submitted_at = timezone.now()
    save_by(assignment_, actor, update_fields=["submitted_at"])


@transaction.atomic
def consensus_record(*, actor: User, candidate: Candidate, exercise: Exercise, indicator: Indicator, level: int, reasoning: str) -> Consensus:
    """The level the experts agreed on for an item whose ratings are more than a level apart."""
    require_role(actor, ORGANISERS)
    _require_open(candidate.session)
    if level not in Level.values:
        raise DomainError({"level": [_("A level is from 1 to 4.")]})
    if not reasoning.strip():
        raise DomainError({"reasoning": [_("Record how the experts reasoned.")]})
    levels = Rating.objects.filter(assignment__candidate=candidate, assignment__exercise=exercise, indicator=indicator).values_list("level", flat=True)
    if not levels or max(levels) - min(levels) <= 1:
        raise DomainError(_("These ratings are within one level of each other: no consensus is needed."))
    consensus, _created = Consensus.objects.update_or_create(
        candidate=candidate, exercise=exercise, indicator=indicator, defaults={"level": level, "reasoning": reasoning.strip(), "recorded_by": actor})
    return consensus


@transaction.atomic
def session_finalise(*, actor: User, session: Session) -> None:
    require_role(actor, ORGANISERS)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status != Session.Status.RATING:
        raise DomainError(_("Only a session being rated can be finalised."))
    waiting = session.assignments.filter(submitted_at__isnull=True, expert__dropped_out=False).count()
    if waiting:
        raise DomainError(_("%(count)s assignments are not rated yet.") % {"count": waiting})
    unsettled = len(queries.discrepancies(session))
    if unsettled:
        raise DomainError(_("%(count)s ratings more than a level apart wait for the experts' consensus.") % {"count": unsettled})
    session.status, session.finalised_at, session.finalised_by = Session.Status.FINALISED, timezone.now(), actor
    save_by(session, actor)


@transaction.atomic
def names_reveal(*, actor: User, session: Session) -> Reveal:
    """Names behind the codes, for an authorised role, only after finalisation; each time recorded."""
    require_role(actor, REVEALERS)
    if session.status != Session.Status.FINALISED:
        raise DomainError(_("Names are revealed only after the session is finalised."))
    return Reveal.objects.create(session=session, user=actor)
