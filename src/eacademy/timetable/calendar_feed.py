"""A person's lessons as an iCalendar feed (RFC 5545) at a secret address: the token is the
user's id signed with the site's key, so it cannot be guessed or altered."""

import datetime

from django.core import signing
from django.utils import timezone

from eacademy.core.models import User
from eacademy.timetable.models import Lesson

SALT = "eacademy.timetable.feed"


def token_for(user: User) -> str:
    return signing.dumps(user.pk, salt=SALT, compress=True)


def user_id_of(token: str) -> int:
    return int(signing.loads(token, salt=SALT))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def ical(user: User, days_back: int = 30, days_ahead: int = 400) -> str:
    from eacademy.timetable.services import lessons_of

    now = timezone.now()
    lessons = (Lesson.objects.filter(lessons_of(person_user=user), starts_at__gte=now - datetime.timedelta(days=days_back),
                                     starts_at__lt=now + datetime.timedelta(days=days_ahead))
               .select_related("discipline", "room", "group__offering__version__programme").distinct().order_by("starts_at"))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//E-Academy//Timetable//RU", "CALSCALE:GREGORIAN", "X-WR-CALNAME:E-Academy"]
    for lesson in lessons:
        lines += ["BEGIN:VEVENT", f"UID:lesson-{lesson.pk}@e-academy", f"DTSTAMP:{_stamp(now)}", f"DTSTART:{_stamp(lesson.starts_at)}",
                  f"DTEND:{_stamp(lesson.starts_at + datetime.timedelta(minutes=lesson.minutes))}",
                  f"SUMMARY:{_escape(lesson.discipline.name_ru)} ({_escape(lesson.get_kind_display())})",
                  f"LOCATION:{_escape(str(lesson.room or ''))}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
