"""The direct head's follow-up: a link made once, e-mailed, used once."""

import datetime
import hashlib
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog.models import ProgrammeKind
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import rollups
from eacademy.evaluation.models import FollowUp, InspectionDeficiencies, ReserveAppointment, Survey, SurveyQuestion
from eacademy.evaluation.queries import follow_ups_addressed_to
from eacademy.evaluation.rules import ACADEMY_WIDE, LEVEL_FOUR_EDITORS, SENDERS
from eacademy.evaluation.surveys import course_questions, course_survey_open, invite_all
from eacademy.evaluation.tasks import refresh_course
from eacademy.org.models import AgencyUnit
from eacademy.people.models import Person
from eacademy.people.queries import agency_id_of
from eacademy.planning.models import Offering

LINK_DAYS = 30  # how long a link stays valid after it is sent
REMIND_AFTER_DAYS = 14
MAX_REMINDERS = 2


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link(token: str) -> str:
    return f"{settings.SITE_URL}/follow-up/{token}/"


def _mail(follow_up: FollowUp, token: str) -> None:
    enrollment = follow_up.enrollment
    address = link(token)
    transaction.on_commit(lambda: send_mail(
        subject="E-Academy", from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[follow_up.head_email],
        message=_("Please evaluate how %(person)s works after the course “%(course)s”: %(link)s") % {
            "person": enrollment.person.full_name, "course": enrollment.offering.version.programme.name_ru, "link": address},
    ))


def _create(enrollment: Enrollment, head_name: str, head_email: str, actor: User | None) -> str:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    follow_up = FollowUp(enrollment=enrollment, head_name=head_name.strip()[:200], head_email=head_email.strip(), token_digest=digest(token),
                         sent_at=now, expires_at=now + datetime.timedelta(days=LINK_DAYS))
    follow_up.full_clean(exclude=["token_digest"])
    save_by(follow_up, actor)
    _mail(follow_up, token)
    return token


@transaction.atomic
def follow_up_send(*, actor: User, enrollment: Enrollment, head_name: str, head_email: str) -> str:
    """Create the follow-up of a completed listener and e-mail its link to his direct head;
    returns the token (shown nowhere else: only its digest is kept)."""
    if not actor.has_role(*SENDERS):
        raise DomainError(_("Your role does not allow this."))
    if actor.has_role(Role.AGENCY_COORDINATOR) and not actor.has_role(*ACADEMY_WIDE) and agency_id_of(actor) != enrollment.person.agency_id:
        raise DomainError(_("You may ask only about people of your own agency."))
    if enrollment.status != Enrollment.Status.COMPLETED:
        raise DomainError(_("A follow-up is asked about a listener who has completed the course."))
    if FollowUp.objects.filter(enrollment=enrollment).exists():
        raise DomainError(_("The follow-up of this listener has already been asked for."))
    return _create(enrollment, head_name, head_email, actor)


def follow_ups_due(today: datetime.date | None = None) -> int:
    """Send the links that are due: listeners who completed a course `FOLLOW_UP_DAYS` ago (up to
    a month late, should the worker have stopped) and whose direct head's e-mail is known."""
    today = today or timezone.localdate()
    due = today - datetime.timedelta(days=settings.FOLLOW_UP_DAYS)
    enrollments = (Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, follow_up__isnull=True, offering__ends_on__lte=due,
                                             offering__ends_on__gt=due - datetime.timedelta(days=LINK_DAYS))
                   .exclude(person__head_email="").select_related("person", "offering__version__programme"))
    sent = 0
    for enrollment in enrollments:
        with transaction.atomic():
            _create(enrollment, enrollment.person.head_name or enrollment.person.head_email, enrollment.person.head_email, None)
        sent += 1
    return sent


def follow_ups_remind(now: datetime.datetime | None = None) -> int:
    """Remind heads who have not answered two weeks after the link (twice at most): a reminder
    carries a new link, valid another `LINK_DAYS`, and the old one stops working."""
    now = now or timezone.now()
    waiting = FollowUp.objects.filter(answered_at__isnull=True, reminders__lt=MAX_REMINDERS, expires_at__gt=now,
                                      sent_at__lte=now - datetime.timedelta(days=REMIND_AFTER_DAYS)).select_related(
                                          "enrollment__person", "enrollment__offering__version__programme")
    reminded = 0
    for follow_up in waiting:
        if follow_up.sent_at > now - datetime.timedelta(days=REMIND_AFTER_DAYS * (follow_up.reminders + 1)):
            continue
        token = secrets.token_urlsafe(32)
        with transaction.atomic():
            updated = FollowUp.objects.filter(pk=follow_up.pk, answered_at__isnull=True, token_digest=follow_up.token_digest).update(
                token_digest=digest(token), reminders=follow_up.reminders + 1, expires_at=now + datetime.timedelta(days=LINK_DAYS))
            if updated:
                _mail(follow_up, token)
                reminded += 1
    return reminded


def follow_up_for(token: str) -> FollowUp:
    """The open follow-up of a token; a used, expired, unknown or altered token is refused."""
    follow_up = FollowUp.objects.select_related("enrollment__person", "enrollment__offering__version__programme").filter(token_digest=digest(token)).first()
    if follow_up is None:
        raise DomainError(_("This link is not valid."))
    if follow_up.answered_at is not None:
        raise DomainError(_("This link has already been used: the evaluation is received."))
    if follow_up.expires_at <= timezone.now():
        raise DomainError(_("This link has expired. Ask the Academy for a new one."))
    return follow_up


@transaction.atomic
def follow_up_answer(*, token: str, work_quality: int, deficiencies: int, applies_topics: int, comments: str = "") -> FollowUp:
    """The direct head's answer through his e-mailed link."""
    return _answer(follow_up_for(token), work_quality, deficiencies, applies_topics, comments)


@transaction.atomic
def follow_up_answer_signed_in(*, actor: User, follow_up: FollowUp, work_quality: int, deficiencies: int, applies_topics: int,
                               comments: str = "") -> FollowUp:
    """The same answer from a direct head signed in with the address the follow-up was sent to."""
    if not follow_ups_addressed_to(actor).filter(pk=follow_up.pk).exists():
        raise DomainError(_("This follow-up is not addressed to you, or it is already answered."))
    return _answer(follow_up, work_quality, deficiencies, applies_topics, comments)


def _answer(follow_up: FollowUp, work_quality: int, deficiencies: int, applies_topics: int, comments: str) -> FollowUp:
    values = (work_quality, deficiencies, applies_topics)
    if not all(v in FollowUp.Change.values for v in values):
        raise DomainError(_("Choose one answer for each question."))
    # The conditional update makes a second, simultaneous answer fail.
    updated = FollowUp.objects.filter(pk=follow_up.pk, answered_at__isnull=True).update(
        answered_at=timezone.now(), work_quality=work_quality, deficiencies=deficiencies, applies_topics=applies_topics, comments=comments.strip()[:5000])
    if not updated:
        raise DomainError(_("This link has already been used: the evaluation is received."))
    follow_up.refresh_from_db()
    offering_id = follow_up.enrollment.offering_id
    transaction.on_commit(lambda: refresh_course.enqueue(offering_id))
    return follow_up


# Kirkpatrick level 4: what agencies report back



def _require_agency(actor: User, agency_id: int | None) -> None:
    if not actor.has_role(*LEVEL_FOUR_EDITORS):
        raise DomainError(_("Your role does not allow this."))
    if not actor.has_role(*ACADEMY_WIDE) and agency_id_of(actor) != agency_id:
        raise DomainError(_("You may enter figures only for your own agency."))


@transaction.atomic
def deficiencies_set(*, actor: User, unit: AgencyUnit, year: int, deficiencies: int) -> InspectionDeficiencies:
    """Record (or correct) the deficiencies inspections found in a unit in a year."""
    _require_agency(actor, unit.agency_id)
    if deficiencies < 0 or not 2000 <= year <= timezone.localdate().year:
        raise DomainError(_("Give a past year and a number of deficiencies that is not negative."))
    record = InspectionDeficiencies.objects.filter(unit=unit, year=year).first() or InspectionDeficiencies(unit=unit, year=year)
    record.deficiencies = deficiencies
    save_by(record, actor)
    return record


@transaction.atomic
def reserve_appoint(*, actor: User, enrollment: Enrollment, appointed_on: datetime.date, post: str) -> ReserveAppointment:
    """A graduate of the Presidential Reserve is appointed to a senior post."""
    _require_agency(actor, enrollment.person.agency_id)
    post = post.strip()
    if enrollment.status != Enrollment.Status.COMPLETED or enrollment.offering.version.programme.kind != ProgrammeKind.RESERVE:
        raise DomainError(_("Only a graduate of the Presidential Reserve programme can be recorded here."))
    if not post or appointed_on < enrollment.offering.ends_on or appointed_on > timezone.localdate():
        raise DomainError(_("Give the post and a date between the end of the course and today."))
    if ReserveAppointment.objects.filter(enrollment=enrollment).exists():
        raise DomainError(_("This graduate's appointment is already recorded."))
    appointment = ReserveAppointment(enrollment=enrollment, appointed_on=appointed_on, post=post[:300])
    save_by(appointment, actor)
    return appointment


def course_graduated(*, offering: Offering, graduates: Sequence[Person]) -> None:
    """After a course's graduation: its survey opens once and asks every graduate, and the course's
    figures are recomputed once, by the worker after the commit."""
    if graduates:
        invite_all(course_survey_open(offering), graduates)
    transaction.on_commit(lambda: refresh_course.enqueue(offering.pk))


def figures_refresh(offering_ids: list[int] | None = None) -> None:
    """Rewrite the effectiveness rollups of these courses (all when None) at once, in this process."""
    rollups.refresh(offering_ids)


def standard_questions(survey: Survey, lecturers: list[User]) -> list[SurveyQuestion]:
    """The standard questionnaire of a course, unsaved (the demo writes past surveys with it in bulk)."""
    return course_questions(survey, lecturers)
