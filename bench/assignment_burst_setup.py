"""Run inside a scratch installation: N listeners enrolled on a course with an assignment due in
a few minutes (a 2 MB file each allowed), each with a signed-in session. Prints JSON: the
assignment's id and each listener's user id, session cookie and CSRF secret."""

import datetime
import json
import secrets
import sys

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from eacademy.catalog.models import Discipline
from eacademy.core.models import User
from eacademy.core.roles import Role
from eacademy.distance.services import assignments
from eacademy.enrollment.models import Application, Enrollment
from eacademy.people.models import Person
from eacademy.planning.models import Offering


def main(listeners: int) -> None:
    methodologist = User.objects.get(username="admin")  # the demo academy is loaded first
    offering = Offering.objects.filter(status="published").order_by("pk").first()
    users = User.objects.bulk_create([User(username=f"bench{i}", language="ru", password="!") for i in range(listeners)])
    User.groups.through.objects.bulk_create([User.groups.through(user_id=u.pk, group=Group.objects.get(name=Role.LISTENER)) for u in users])
    people = Person.objects.bulk_create([Person(passport_number=f"B{i:08d}", citizenship="UZ", last_name=f"Тест{i}", first_name="Бенч", search_key=f"тест{i}",
                                                user=u, sex="M", birth_date=datetime.date(1990, 1, 1)) for i, u in enumerate(users)])
    applications = Application.objects.bulk_create([Application(offering=offering, person=p, status="accepted", source="nomination") for p in people])
    Enrollment.objects.bulk_create([Enrollment(application=a, offering=offering, person=a.person) for a in applications])
    now = timezone.now()
    task = assignments.assignment_add(actor=methodologist, offering_id=offering.pk, title="Bench essay", discipline=Discipline.objects.filter(module__version=offering.version).first(),
                                      opens_at=now - datetime.timedelta(days=7), due_at=now + datetime.timedelta(minutes=10), max_files=1, max_file_mb=2)
    out = {"assignment": task.pk, "listeners": []}
    for user in User.objects.filter(username__startswith="bench").order_by("pk"):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["signed_in_at"] = session["last_seen_at"] = int(now.timestamp())
        session.create()
        out["listeners"].append({"user": user.pk, "session": session.session_key, "csrf": secrets.token_hex(16)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
