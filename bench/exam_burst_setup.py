"""Run inside a scratch installation: N listeners enrolled on a course, each with an attempt of
30 single-choice questions started, and a signed-in session. Prints JSON: attempt id, session
cookie and CSRF secret per listener."""

import datetime
import json
import secrets
import sys

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from eacademy.core.models import User
from eacademy.enrollment.models import Application, Enrollment
from eacademy.exams import attempts, bank
from eacademy.exams.formats import Answer, Kind, QuestionData
from eacademy.exams.models import Bank, BlueprintRule, Exam
from eacademy.people.models import Person
from eacademy.planning.models import Offering


def main(listeners: int) -> None:
    admin = User.objects.get(username="methodologist")  # the demo academy is loaded first
    the_bank = Bank.objects.create(name="bench")
    questions = [QuestionData(kind=Kind.SINGLE, name=f"Q{i}", text=f"Вопрос {i}?", category="Bench", answers=[Answer("да", 1.0), Answer("нет", 0.0), Answer("не знаю", 0.0)])
                 for i in range(30)]
    bank.questions_add(the_bank, questions, admin)
    offering = Offering.objects.filter(status="published").order_by("pk").first()
    users = User.objects.bulk_create([User(username=f"bench{i}", language="ru", password="!") for i in range(listeners)])
    people = Person.objects.bulk_create([Person(passport_number=f"B{i:08d}", citizenship="UZ", last_name=f"Тест{i}", first_name="Бенч", search_key=f"тест{i}", user=u, sex="M", birth_date=datetime.date(1990, 1, 1))
                                         for i, u in enumerate(users)])
    applications = Application.objects.bulk_create([Application(offering=offering, person=p, status="accepted", source="nomination") for p in people])
    Enrollment.objects.bulk_create([Enrollment(application=a, offering=offering, person=a.person) for a in applications])
    now = timezone.now()
    exam = Exam.objects.create(title="Bench", offering=offering, purpose="current", time_limit_minutes=120, opens_at=now - datetime.timedelta(hours=1),
                               closes_at=now + datetime.timedelta(days=1), created_by=admin)
    BlueprintRule.objects.create(exam=exam, category=the_bank.categories.get(path="Bench"), count=30)
    out = []
    for user in User.objects.filter(username__startswith="bench").order_by("pk"):
        attempt = attempts.attempt_start(exam, user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["signed_in_at"] = session["last_seen_at"] = int(now.timestamp())
        session.create()
        out.append({"attempt": attempt.pk, "session": session.session_key, "csrf": secrets.token_hex(16)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
