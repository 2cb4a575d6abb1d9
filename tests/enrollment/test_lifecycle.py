"""The spine: needs → plan → application → approval → acceptance → group → transfer →
expulsion → restoration → completion, with the orders and history each step writes."""

import datetime

import pytest
from django.utils import timezone

from eacademy.catalog.models import ProgrammeVersion
from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.enrollment import services
from eacademy.enrollment.models import Application, Enrollment, Order, OrderLine
from eacademy.org.models import AcademyUnit, Agency
from eacademy.people.models import Person
from eacademy.planning import services as planning
from eacademy.planning.models import TrainingNeed

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


def _offering(persona, *, capacity=4, quotas=None, start=datetime.date(NEXT_YEAR, 3, 2), days=11):
    methodologist = persona(Role.METHODOLOGIST)
    offering = planning.offering_create(
        actor=methodologist, version=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved"),
        starts_on=start, ends_on=start + datetime.timedelta(days=days), place="Қосшы", capacity=capacity, language="ru",
        study_format="full_time", department=AcademyUnit.objects.get(code="ivt-supervision"),
    )
    planning.offering_set_quotas(actor=methodologist, offering=offering, seats_by_agency=quotas or {})
    planning.offering_publish(actor=methodologist, offering=offering)
    return offering


def _officers(agency_code: str, count: int) -> list[Person]:
    return list(Person.objects.filter(agency__code=agency_code, user=None, applications=None).exclude(position__code="head-of-division").exclude(position=None)[:count])


def test_the_whole_lifecycle_writes_orders_and_history(persona) -> None:
    coordinator, methodologist, rector = persona(Role.AGENCY_COORDINATOR), persona(Role.METHODOLOGIST), persona(Role.LEADERSHIP)
    prosecutor = Agency.objects.get(code="prosecutor")
    need = planning.need_submit(actor=coordinator, agency=prosecutor, year=NEXT_YEAR, category="officers", quantity=2,
                                programme=ProgrammeVersion.objects.get(programme__code="adv-pretrial", status="approved").programme)
    assert TrainingNeed.objects.filter(pk=need.pk).exists()
    offering = _offering(persona, capacity=10, quotas={prosecutor: 6})
    second = _offering(persona, capacity=10, quotas={prosecutor: 6}, start=datetime.date(NEXT_YEAR, 4, 6))

    listener = Person.objects.get(user=persona(Role.LISTENER))
    application = services.application_submit(actor=persona(Role.LISTENER), offering=offering, person=listener)
    assert application.status == "submitted" and application.source == "self"
    services.application_agency_decide(actor=coordinator, application=application, approve=True)
    services.application_accept(actor=methodologist, application=application)
    enrollment = Enrollment.objects.get(application=application)
    others = [services.application_submit(actor=coordinator, offering=offering, person=p) for p in _officers("prosecutor", 5)]
    for other in others:
        services.application_accept(actor=methodologist, application=other)
    groups = services.groups_form(actor=methodologist, offering=offering, max_size=5)
    assert len(groups) == 2 and sorted(g.enrollments.count() for g in groups) == [3, 3]

    enrollment.refresh_from_db()
    other_group = next(g for g in groups if g.pk != enrollment.group_id)
    services.enrollment_transfer(actor=methodologist, enrollment=enrollment, to_group=other_group)
    services.enrollment_expel(actor=methodologist, enrollment=enrollment, reason="regulations")
    with pytest.raises(DomainError, match="still enrolled"):
        services.enrollments_close(actor=methodologist, offering=offering, graduates=[enrollment.pk])
    services.enrollment_restore(actor=methodologist, enrollment=enrollment)
    services.enrollment_leave(actor=methodologist, enrollment=enrollment)
    services.enrollment_restore(actor=methodologist, enrollment=enrollment)
    moved = services.enrollment_transfer(actor=methodologist, enrollment=enrollment, to_offering=second)
    (moved,) = services.enrollments_close(actor=methodologist, offering=second, graduates=[moved.pk])  # as graduation does, after the results

    order = Order.objects.get(drafted_by=methodologist, status="draft", kind="movement")
    actions = list(order.lines.filter(enrollment__person=listener, enrollment__offering__in=[offering, second]).values_list("action", flat=True))
    assert actions == ["enroll", "transfer", "expel", "restore", "leave", "restore", "transfer", "enroll", "complete"]
    assert list(order.lines.values_list("position", flat=True)) == list(range(1, order.lines.count() + 1))
    last = Order.objects.filter(kind="movement", year=order.year).exclude(number=None).order_by("-number").values_list("number", flat=True).first() or 0
    signed = services.order_sign(actor=rector, order=order)
    assert (signed.number, signed.signed_by) == (last + 1, rector)
    statuses = [h.status for h in enrollment.history.order_by("history_date", "history_id")]
    assert statuses[0] == "enrolled" and "expelled" in statuses and statuses[-1] == "transferred"
    assert {h.history_user for h in enrollment.history.all()} == {methodologist}
    assert moved.status == "completed" and Application.objects.get(pk=application.pk).status == "accepted"


def test_beyond_seats_and_quota_the_waitlist_moves_up_when_someone_withdraws(persona) -> None:
    methodologist, coordinator = persona(Role.METHODOLOGIST), persona(Role.AGENCY_COORDINATOR)
    prosecutor = Agency.objects.get(code="prosecutor")
    offering = _offering(persona, capacity=3, quotas={prosecutor: 2})  # one seat no quota reserves
    people = _officers("prosecutor", 4)
    applications = [services.application_submit(actor=coordinator, offering=offering, person=p) for p in people]
    for application in applications:
        services.application_accept(actor=methodologist, application=application)
    states = [Application.objects.get(pk=a.pk).status for a in applications]
    assert states == ["accepted", "accepted", "accepted", "waitlisted"]
    services.application_withdraw(actor=coordinator, application=Application.objects.get(pk=applications[0].pk))
    assert Application.objects.get(pk=applications[3].pk).status == "accepted"
    assert Enrollment.objects.get(application=applications[0]).status == "expelled"


def test_a_quota_keeps_seats_for_its_agency(persona) -> None:
    methodologist = persona(Role.METHODOLOGIST)
    prosecutor, anticorruption = Agency.objects.get(code="prosecutor"), Agency.objects.get(code="anticorruption")
    offering = _offering(persona, capacity=2, quotas={prosecutor: 1, anticorruption: 1})
    first, second = (services.application_submit(actor=methodologist, offering=offering, person=p) for p in _officers("prosecutor", 2))
    services.application_accept(actor=methodologist, application=first)
    services.application_accept(actor=methodologist, application=second)
    assert Application.objects.get(pk=second.pk).status == "waitlisted"  # the other seat is anti-corruption's


def test_a_duplicate_an_overlap_and_a_wrong_category_are_refused(persona) -> None:
    coordinator = persona(Role.AGENCY_COORDINATOR)
    offering = _offering(persona)
    overlapping = _offering(persona, start=offering.starts_on + datetime.timedelta(days=3))
    officer = _officers("prosecutor", 1)[0]
    services.application_submit(actor=coordinator, offering=offering, person=officer)
    before = Application.objects.count()
    with pytest.raises(DomainError, match="already applied"):
        services.application_submit(actor=coordinator, offering=offering, person=officer)
    with pytest.raises(DomainError, match="same time"):
        services.application_submit(actor=coordinator, offering=overlapping, person=officer)
    head = Person.objects.filter(agency__code="prosecutor", position__code="head-of-division", user=None, applications=None).first()
    reserve = ProgrammeVersion.objects.get(programme__code="reserve", status="approved")
    reserve_offering = _offering(persona)
    reserve_offering.version = reserve
    reserve_offering.save(update_fields=["version"])
    with pytest.raises(DomainError, match="category of listeners"):
        services.application_submit(actor=coordinator, offering=reserve_offering, person=head)
    assert Application.objects.count() == before


def test_a_coordinator_cannot_act_on_another_agencys_person(persona) -> None:
    offering = _offering(persona)
    stranger = _officers("anticorruption", 1)[0]
    with pytest.raises(DomainError, match="own agency"):
        services.application_submit(actor=persona(Role.AGENCY_COORDINATOR), offering=offering, person=stranger)
    application = services.application_submit(actor=persona(Role.METHODOLOGIST), offering=offering, person=stranger)
    application.status = "submitted"
    application.save(update_fields=["status"])
    with pytest.raises(DomainError, match="own agency"):
        services.application_agency_decide(actor=persona(Role.AGENCY_COORDINATOR), application=application, approve=True)
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_a_completed_listener_cannot_be_expelled_and_nothing_changes(persona) -> None:
    methodologist = persona(Role.METHODOLOGIST)
    offering = _offering(persona)
    application = services.application_submit(actor=methodologist, offering=offering, person=_officers("prosecutor", 1)[0])
    services.application_accept(actor=methodologist, application=application)
    (enrollment,) = services.enrollments_close(actor=methodologist, offering=offering, graduates=[Enrollment.objects.get(application=application).pk])
    lines = OrderLine.objects.count()
    with pytest.raises(DomainError, match="Completed"):
        services.enrollment_expel(actor=methodologist, enrollment=enrollment, reason="failure")
    assert Enrollment.objects.get(pk=enrollment.pk).status == "completed" and OrderLine.objects.count() == lines


def test_only_the_leadership_signs_and_only_once(persona) -> None:
    methodologist = persona(Role.METHODOLOGIST)
    offering = _offering(persona)
    application = services.application_submit(actor=methodologist, offering=offering, person=_officers("prosecutor", 1)[0])
    services.application_accept(actor=methodologist, application=application)
    order = Order.objects.get(drafted_by=methodologist, status="draft", kind="movement")
    with pytest.raises(DomainError, match="does not allow"):
        services.order_sign(actor=methodologist, order=order)
    services.order_sign(actor=persona(Role.LEADERSHIP), order=order)
    with pytest.raises(DomainError, match="already signed"):
        services.order_sign(actor=persona(Role.LEADERSHIP), order=order)


def test_the_person_is_told_in_his_language_in_the_app_and_by_e_mail(persona, mailoutbox) -> None:
    from django.test import TestCase

    from eacademy.core.models import Notification

    listener_user = persona(Role.LISTENER)
    listener_user.email = "listener@example.kz"
    listener_user.language = "kk"
    listener_user.save(update_fields=["email", "language"])
    offering = _offering(persona)
    listener = Person.objects.get(user=listener_user)
    already = Notification.objects.filter(user=listener_user).count()
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = services.application_submit(actor=persona(Role.METHODOLOGIST), offering=offering, person=listener)
        services.application_accept(actor=persona(Role.METHODOLOGIST), application=application)
    messages = list(Notification.objects.filter(user=listener_user).order_by("id").values_list("message", flat=True))[already:]
    assert len(messages) == 2
    assert "ұсынды" in messages[0] and "қабылдандыңыз" in messages[1]
    assert len(mailoutbox) == 2 and mailoutbox[1].to == ["listener@example.kz"] and "қабылдандыңыз" in mailoutbox[1].body
