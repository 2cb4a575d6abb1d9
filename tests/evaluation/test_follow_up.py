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
    return Enrollment.objects.filter(status="completed", person__agency__code="prosecutor").select_related("person").order_by("pk").first()


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
