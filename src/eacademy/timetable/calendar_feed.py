"""A person's lessons as an iCalendar feed (RFC 5545) at a secret address: the token is the
user's id and his feed key, signed with the site's key and dated. It cannot be guessed or
altered, it expires after CALENDAR_FEED_DAYS, and its owner revokes every address given
before by asking for a new one."""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone

from eacademy.core import ical as ical_text
from eacademy.core.models import User
from eacademy.timetable.models import CalendarFeed, Lesson

SALT = "eacademy.timetable.feed"


def _key(user: User) -> str:
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"key": secrets.token_urlsafe(24)})
    return feed.key


def token_for(user: User) -> str:
    return signing.dumps([user.pk, _key(user)], salt=SALT, compress=True)


def expires_on(token: str) -> datetime.date:
    """The day an address stops working (it was just made: CALENDAR_FEED_DAYS from now)."""
    return timezone.localdate() + datetime.timedelta(days=settings.CALENDAR_FEED_DAYS)


def user_of(token: str) -> User:
    """The active user whose current, unexpired address this is; BadSignature otherwise."""
    user_id, key = signing.loads(token, salt=SALT, max_age=datetime.timedelta(days=settings.CALENDAR_FEED_DAYS))
    feed = CalendarFeed.objects.select_related("user").filter(user_id=user_id, user__is_active=True).first()
    if feed is None or not secrets.compare_digest(str(key), feed.key):
        raise signing.BadSignature("revoked")
    return feed.user


def renew(user: User) -> None:
    """A new key: every address given before stops working."""
    CalendarFeed.objects.update_or_create(user=user, defaults={"key": secrets.token_urlsafe(24), "renewed_at": timezone.now()})


def ical(user: User, days_back: int = 30, days_ahead: int = 400) -> str:
    from eacademy.timetable.services import lessons_of

    now = timezone.now()
    lessons = (Lesson.objects.filter(lessons_of(person_user=user), starts_at__gte=now - datetime.timedelta(days=days_back),
                                     starts_at__lt=now + datetime.timedelta(days=days_ahead))
               .select_related("discipline", "room", "group__offering__version__programme").distinct().order_by("starts_at"))
    return ical_text.calendar("E-Academy", (
        ical_text.Entry(f"lesson-{lesson.pk}", lesson.starts_at, lesson.starts_at + datetime.timedelta(minutes=lesson.minutes),
                        f"{lesson.discipline.name_ru} ({lesson.get_kind_display()})", str(lesson.room or ""))
        for lesson in lessons), now)
