"""Must show 3: the direct head's link works once, expires, refuses a tampered token, and a
refusal changes nothing."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from eacademy.core.errors import DomainError
from eacademy.core.roles import Role
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import services
from eacademy.evaluation.models import FollowUp

pytestmark = pytest.mark.django_db
ANSWER = {"work_quality": "4", "deficiencies": "5", "applies_topics": "4", "comments": "Стал внимательнее к срокам."}


@pytest.fixture
def completed(persona):
    """A listener of last year's demo course (completed, with a certificate)."""
    return Enrollment.objects.filter(status="completed", person__agency__code="prosecutor", follow_up=None).select_related("person").order_by("pk").first()


def _send(persona, completed, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        token = services.follow_up_send(actor=persona(Role.AGENCY_COORDINATOR), enrollment=completed, head_name="Сейтқали Б.", head_email="head@prokuror.kz")
    return token


def test_the_link_works_once(persona, completed, django_capture_on_commit_callbacks):
    token = _send(persona, completed, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert f"/follow-up/{token}/" in message.body and message.to == ["head@prokuror.kz"]
    head = Client()
    assert head.get(f"/follow-up/{token}/").status_code == 200
    done = head.post(f"/follow-up/{token}/", ANSWER)
    assert "Thank you" in done.content.decode()
    record = FollowUp.objects.get(enrollment=completed)
    assert (record.work_quality, record.deficiencies, record.applies_topics) == (4, 5, 4) and record.answered_at
    again = Client().post(f"/follow-up/{token}/", {**ANSWER, "work_quality": "1"})
    assert again.status_code == 404 and "already been used" in again.content.decode()
    assert FollowUp.objects.get(pk=record.pk).work_quality == 4


def test_an_expired_link_is_refused_and_changes_nothing(persona, completed, django_capture_on_commit_callbacks):
    token = _send(persona, completed, django_capture_on_commit_callbacks)
    FollowUp.objects.filter(enrollment=completed).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    refused = Client().post(f"/follow-up/{token}/", ANSWER)
    assert refused.status_code == 404 and "expired" in refused.content.decode()
    assert FollowUp.objects.get(enrollment=completed).answered_at is None


@pytest.mark.parametrize("tamper", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: t[1:], lambda t: t + "x", lambda t: "x" * len(t)])
def test_a_tampered_or_guessed_token_is_refused_and_changes_nothing(persona, completed, django_capture_on_commit_callbacks, tamper):
    token = _send(persona, completed, django_capture_on_commit_callbacks)
    before = list(FollowUp.objects.values())
    refused = Client().post(f"/follow-up/{tamper(token)}/", ANSWER)
    assert refused.status_code == 404 and "not valid" in refused.content.decode()
    assert list(FollowUp.objects.values()) == before


def test_the_token_itself_is_not_stored(persona, completed, django_capture_on_commit_callbacks):
    token = _send(persona, completed, django_capture_on_commit_callbacks)
    record = FollowUp.objects.get(enrollment=completed)
    assert token not in str(list(FollowUp.objects.values())) and record.token_digest == services.digest(token)
    assert token not in str(list(record.history.values()))


def test_garbage_answers_are_refused(persona, completed, django_capture_on_commit_callbacks):
    token = _send(persona, completed, django_capture_on_commit_callbacks)
    page = Client().post(f"/follow-up/{token}/", {**ANSWER, "work_quality": "9"})
    assert page.status_code == 200 and FollowUp.objects.get(enrollment=completed).answered_at is None
    with pytest.raises(DomainError):
        services.follow_up_answer(token=token, work_quality=0, deficiencies=3, applies_topics=3)


def test_who_may_ask_and_the_coordinator_sees_who_has_not_answered(persona, completed, client_as, django_capture_on_commit_callbacks):
    with pytest.raises(DomainError, match="role does not allow"):
        services.follow_up_send(actor=persona(Role.LECTURER), enrollment=completed, head_name="X", head_email="x@example.kz")
    other = Enrollment.objects.filter(status="completed").exclude(person__agency__code="prosecutor").first()
    if other is not None:
        with pytest.raises(DomainError, match="own agency"):
            services.follow_up_send(actor=persona(Role.AGENCY_COORDINATOR), enrollment=other, head_name="X", head_email="x@example.kz")
    _send(persona, completed, django_capture_on_commit_callbacks)
    with pytest.raises(DomainError, match="already been asked"):
        services.follow_up_send(actor=persona(Role.METHODOLOGIST), enrollment=completed, head_name="X", head_email="x@example.kz")
    page = client_as(Role.AGENCY_COORDINATOR).get("/evaluation/follow-ups/").content.decode()
    assert "waiting for the answer" in page and completed.person.full_name in page


def _ended(enrollment: Enrollment, days_ago: int) -> None:
    ends = timezone.localdate() - datetime.timedelta(days=days_ago)
    type(enrollment.offering).objects.filter(pk=enrollment.offering_id).update(starts_on=ends - datetime.timedelta(days=10), ends_on=ends)


def test_the_link_goes_out_by_itself_75_days_after_the_course(completed, django_capture_on_commit_callbacks, settings):
    assert settings.FOLLOW_UP_DAYS == 75
    FollowUp.objects.filter(enrollment__offering=completed.offering).delete()
    type(completed.person).objects.filter(pk=completed.person_id).update(head_name="Сейтқали Б.", head_email="seitkali@prokuror.kz")
    _ended(completed, 74)
    assert services.follow_ups_due() == 0  # not yet
    _ended(completed, 75)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_due() == 1  # only he has a head's e-mail on that course
    (message,) = mail.outbox
    assert message.to == ["seitkali@prokuror.kz"] and "/follow-up/" in message.body
    assert FollowUp.objects.get(enrollment=completed).head_name == "Сейтқали Б."
    assert services.follow_ups_due() == 0  # never twice
    _ended(completed, 75 + services.LINK_DAYS + 1)
    FollowUp.objects.filter(enrollment=completed).delete()
    assert services.follow_ups_due() == 0  # a course long past is not asked about out of the blue


def test_a_reminder_carries_a_new_link_and_the_old_one_stops(persona, completed, django_capture_on_commit_callbacks):
    FollowUp.objects.filter(answered_at=None).update(reminders=services.MAX_REMINDERS)  # the demo's waiting ones: this test counts its own
    old = _send(persona, completed, django_capture_on_commit_callbacks)
    now = timezone.now()
    assert services.follow_ups_remind(now + datetime.timedelta(days=13)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_remind(now + datetime.timedelta(days=14, minutes=1)) == 1
    new = mail.outbox[-1].body.split("/follow-up/")[1].split("/")[0]
    assert new != old
    assert Client().get(f"/follow-up/{old}/").status_code == 404
    record = FollowUp.objects.get(enrollment=completed)
    assert record.reminders == 1 and record.expires_at > now + datetime.timedelta(days=services.LINK_DAYS)
    assert services.follow_ups_remind(now + datetime.timedelta(days=20)) == 0  # the next one after another two weeks
    Client().post(f"/follow-up/{new}/", ANSWER)
    assert services.follow_ups_remind(now + datetime.timedelta(days=29)) == 0  # answered: no more reminders
    assert FollowUp.objects.get(enrollment=completed).work_quality == 4
