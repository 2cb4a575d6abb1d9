"""Applications in every state, enrollments through the whole lifecycle and orders for the
demo academy, written through the enrollment services (so orders and history are real)."""

import datetime
import random

from django.db import transaction

from eacademy.catalog.models import ProgrammeKind
from eacademy.core.models import User
from eacademy.enrollment import services
from eacademy.enrollment.models import Application, Enrollment
from eacademy.enrollment.queries import listener_category
from eacademy.governance.models import Order
from eacademy.people.models import Person
from eacademy.planning.models import Offering


@transaction.atomic
def load_demo_enrollments(*, rng: random.Random, users: dict[str, User], offerings: int = 8) -> dict[str, int]:
    methodologist, coordinator, rector = users["methodologist"], users["coordinator"], users["leadership"]
    # Every other officer: the rest stay free for whoever tries the demo (and for the tests).
    officers = list(
        Person.objects.filter(agency__code="prosecutor", user=None).exclude(position=None).select_related("position").order_by("pk")
    )[::2]
    published = list(
        Offering.objects.filter(status=Offering.Status.PUBLISHED, version__programme__kind=ProgrammeKind.ADVANCED).select_related("version").order_by("starts_on")
    )
    chosen = published[:offerings]
    busy_until: dict[int, datetime.date] = {}
    cursor = 0
    for offering in chosen:
        eligible = [p for p in officers if listener_category(p) in offering.version.target_categories]
        take = eligible[cursor % len(eligible): cursor % len(eligible) + offering.capacity + 4]
        cursor += len(take)
        for person in take:
            if busy_until.get(person.pk, offering.starts_on) > offering.starts_on:
                continue
            application = services.application_submit(actor=coordinator, offering=offering, person=person)
            busy_until[person.pk] = offering.ends_on
            fate = rng.random()
            if fate < 0.1:
                continue  # approved by the agency, awaiting the Academy
            services.application_accept(actor=methodologist, application=application)
        services.groups_form(actor=methodologist, offering=offering, max_size=15)
        for enrollment in Enrollment.objects.filter(offering=offering).order_by("pk")[:2]:
            services.enrollment_leave(actor=methodologist, enrollment=enrollment)
    first = Enrollment.objects.filter(offering=chosen[0], status=Enrollment.Status.ENROLLED).order_by("pk")
    services.application_withdraw(actor=coordinator, application=first[0].application)  # the waitlist moves up
    services.enrollment_expel(actor=methodologist, enrollment=first[1], reason=Enrollment.ExpulsionReason.SERVICE)
    waiting = Application.objects.filter(offering=chosen[0], status=Application.Status.AGENCY_APPROVED).order_by("pk").first()
    if waiting is not None:
        services.application_reject(actor=methodologist, application=waiting, reason="Не соответствует требованиям к стажу")
    listener = Person.objects.get(user=users["listener"])
    free = [o for o in chosen if busy_until.get(listener.pk) is None or o.starts_on >= busy_until[listener.pk]]
    declined = services.application_submit(actor=users["listener"], offering=free[-1], person=listener)
    services.application_agency_decide(actor=coordinator, application=declined, approve=False, reason="Служебная необходимость")
    services.application_submit(actor=users["listener"], offering=free[-2], person=listener)
    for order in Order.objects.filter(status=Order.Status.DRAFT).order_by("pk")[:1]:
        services.order_sign(actor=rector, order=order)
    return {"applications": Application.objects.count()}
