"""Attempts that never lose an answer. The server alone keeps time; every save is one
conditional UPDATE that checks the owner, the deadline (plus grace), the question family and
the page's save counter together, so a repeated or late save can never overwrite a newer one."""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend
from simple_history.utils import bulk_update_with_history

from eacademy.core.errors import DomainError
from eacademy.core.history import actor_or_system, save_by
from eacademy.core.models import User
from eacademy.enrollment.models import Enrollment
from eacademy.exams import grading
from eacademy.exams.formats import Kind
from eacademy.exams.models import Attempt, Exam, Question, Slot
from eacademy.exams.rules import require_author
from eacademy.people.models import Person

_random = secrets.SystemRandom()


def grace() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.EXAM_GRACE_SECONDS)


def _person(user: User) -> Person:
    person = Person.objects.filter(user=user).first()
    if person is None:
        raise DomainError(_("Your login is not linked to a person: ask the administrator."))
    return person


def may_take(exam: Exam, person: Person) -> bool:
    enrollments = Enrollment.objects.filter(offering_id=exam.offering_id, person=person, status=Enrollment.Status.ENROLLED)
    if exam.group_id:
        enrollments = enrollments.filter(group_id=exam.group_id)
    return enrollments.exists()


def _draw(exam: Exam) -> list[Question]:
    """The blueprint's questions for one listener, at random, none twice."""
    chosen: list[Question] = []
    taken: set[int] = set()
    # the questions every listener gets first, then the narrower rules: a wider rule must not
    # take the question a narrower one needs
    rules = sorted(exam.rules.select_related("category"), key=lambda r: (r.question_id is None, not r.tag, not r.difficulty, r.pk))
    for rule in rules:
        if rule.question_id is not None:
            fixed = Question.objects.filter(pk=rule.question_id, archived=False, current__isnull=False).exclude(pk__in=taken).select_related("current").first()
            if fixed is None:
                raise DomainError(_("A question this test always asks is archived: take it out of the test."))
            taken.add(fixed.pk)
            chosen.append(fixed)
            continue
        paths = Q(category=rule.category)
        if rule.category.path:
            paths |= Q(category__bank_id=rule.category.bank_id, category__path__startswith=rule.category.path + "/")
        else:
            paths = Q(category__bank_id=rule.category.bank_id)
        pool = Question.objects.filter(paths, archived=False, current__isnull=False).exclude(current__kind=Kind.DESCRIPTION).exclude(pk__in=taken)
        if rule.difficulty:
            pool = pool.filter(current__difficulty=rule.difficulty)
        ids = [pk for pk, tags in pool.values_list("pk", "current__tags") if not rule.tag or rule.tag in tags]
        if len(ids) < rule.count:
            raise DomainError(
                _("The bank has %(have)s questions for “%(rule)s”, the test asks for %(want)s.") % {"have": len(ids), "rule": rule.category, "want": rule.count}
            )
        picked = _random.sample(ids, rule.count)
        taken.update(picked)
        chosen += list(Question.objects.filter(pk__in=picked).select_related("current"))
    return chosen


def _shuffled(count: int, shuffle: bool) -> list[int]:
    order = list(range(count))
    if shuffle:
        _random.shuffle(order)
    return order


def make_slot(attempt: Attempt, position: int, question: Question, shuffle: bool) -> Slot:
    version = question.current
    assert version is not None
    content = version.content
    count = len(content.get("answers", [])) if version.kind in (Kind.SINGLE, Kind.MULTIPLE) else 0
    if version.kind == Kind.MATCHING:
        prompts = [p for p in content.get("pairs", []) if p["prompt"]]
        choices = sorted({p["answer"] for p in content.get("pairs", [])})
        order = list(range(len(choices)))
        options = len(prompts)
    elif version.kind == Kind.CLOZE:  # an order per gap: its choices, shuffled where the gap says so
        orders = [_shuffled(len(gap["answers"]), shuffle and gap["shuffle"]) if gap["kind"] in (Kind.SINGLE, Kind.MULTIPLE) else []
                  for gap in content["gaps"]]
        options = max((len(o) for o in orders), default=0)
        return Slot(attempt=attempt, position=position, version=version, kind=version.kind, options=options, mark=version.default_mark, order=orders)
    else:
        order = list(range(count))
        options = count
    if shuffle and content.get("shuffle", True):
        _random.shuffle(order)
    return Slot(attempt=attempt, position=position, version=version, kind=version.kind, options=options, mark=version.default_mark, order=order)


def attempt_start(exam: Exam, user: User) -> Attempt:
    """Start an attempt, or return the one in progress (a reopened browser resumes it)."""
    person = _person(user)
    with transaction.atomic():
        open_attempt = Attempt.objects.select_for_update().filter(exam=exam, person=person, status=Attempt.Status.IN_PROGRESS).first()
        if open_attempt is not None and open_attempt.deadline + grace() > timezone.now():
            return open_attempt
    if open_attempt is not None:
        attempt_close(open_attempt, by_deadline=True)
    now = timezone.now()
    if not may_take(exam, person):
        raise DomainError(_("This test is not for you: you are not enrolled in its course or group."))
    if now < exam.opens_at:
        raise DomainError(_("The test opens at %(time)s.") % {"time": timezone.localtime(exam.opens_at).strftime("%d.%m.%Y %H:%M")})
    if now >= exam.closes_at:
        raise DomainError(_("The test is closed."))
    with transaction.atomic():
        used = Attempt.objects.select_for_update().filter(exam=exam, person=person).count()
        if used >= exam.attempts_allowed:
            raise DomainError(_("You have used all %(count)s attempts.") % {"count": exam.attempts_allowed})
        questions = _draw(exam)
        _random.shuffle(questions)
        attempt = Attempt(
            exam=exam, person=person, number=used + 1, started_at=now,
            deadline=min(now + datetime.timedelta(minutes=exam.time_limit_minutes), exam.closes_at),
        )
        save_by(attempt, user)
        slots = [make_slot(attempt, i, q, exam.shuffle_answers) for i, q in enumerate(questions, start=1)]
        Slot.objects.bulk_create(slots)
        attempt.max_score = sum(s.mark for s in slots)
        Attempt.objects.filter(pk=attempt.pk).update(max_score=attempt.max_score)
        transaction.on_commit(lambda: _schedule_close(attempt))
    return attempt


def _schedule_close(attempt: Attempt) -> None:
    """The worker closes the attempt at its deadline plus grace, whether or not the page is open."""
    from eacademy.exams.tasks import close_attempt

    if default_task_backend.supports_defer:
        close_attempt.using(run_after=attempt.deadline + grace()).enqueue(attempt.pk)


class AttemptClosed(DomainError):
    """The attempt no longer takes answers (finished, or past its deadline and grace)."""


@dataclass(frozen=True)
class Saved:
    seq: int
    stale: bool = False  # a newer answer was already saved; this one was not needed


# The hot path of a test (hundreds of listeners saving at once): one statement, written once,
# instead of the ORM compiling a joined UPDATE on every save (that compiling was most of its cost).
_SAVE_SQL = """
UPDATE exams_slot SET response = %s, seq = %s, saved_at = %s
WHERE attempt_id = %s AND position = %s AND seq < %s AND options > %s AND kind IN ({kinds})
  AND EXISTS (SELECT 1 FROM exams_attempt a JOIN people_person p ON p.id = a.person_id
              WHERE a.id = exams_slot.attempt_id AND p.user_id = %s AND a.status = 'in_progress' AND a.deadline > %s)
"""
_SAVE_STATEMENTS = {family: _SAVE_SQL.format(kinds=", ".join(f"'{k.value}'" for k in kinds)) for family, kinds in grading.SHAPES.items()}


def answer_save(user_id: int, attempt_id: int, position: int, seq: int, response: object) -> Saved:
    shape = grading.valid_shape(response)
    if shape is None or type(seq) is not int or not 0 < seq < 2**31:
        raise DomainError(_("This answer is not in a form the test understands."))
    family, highest = shape
    now = timezone.now()
    field = Slot._meta.get_field("response")
    with connection.cursor() as cursor:
        cursor.execute(
            _SAVE_STATEMENTS[family],
            [field.get_db_prep_save(response, connection), seq, connection.ops.adapt_datetimefield_value(now), attempt_id, position, seq, highest,
             user_id, connection.ops.adapt_datetimefield_value(now - grace())],
        )
        updated = cursor.rowcount
    if updated:
        return Saved(seq)
    return _why_not_saved(user_id, attempt_id, position, seq, response, family, highest, now)


def _why_not_saved(user_id: int, attempt_id: int, position: int, seq: int, response: object, family: str, highest: int, now: datetime.datetime) -> Saved:
    slot = Slot.objects.select_related("attempt").filter(attempt_id=attempt_id, position=position, attempt__person__user_id=user_id).first()
    if slot is None:
        raise Slot.DoesNotExist
    if slot.attempt.status != Attempt.Status.IN_PROGRESS:
        raise AttemptClosed(_("This attempt is closed: the answer was not saved."))
    if slot.attempt.deadline + grace() <= now:
        raise AttemptClosed(_("Time is over: this answer arrived after the deadline and was not saved."))
    if slot.kind == Kind.NUMERICAL and family == "text":
        raise DomainError(_("Write a number here, for example 12.5 or 12,5: the answer was not saved."))
    if slot.kind not in grading.SHAPES[family] or highest >= slot.options:
        raise DomainError(_("This answer does not fit the question."))
    if seq == slot.seq and slot.response == response:
        return Saved(seq)  # the same save again: already done
    if seq <= slot.seq:
        return Saved(slot.seq, stale=True)
    raise DomainError(_("The answer was not saved; please try again."))


def remaining_seconds(attempt: Attempt) -> int:
    return max(0, int((attempt.deadline - timezone.now()).total_seconds()))


def _grade_slots(slots: list[Slot]) -> None:
    for slot in slots:
        slot.fraction = grading.fraction(slot.kind, slot.version.content, slot.response)


def _total(attempt: Attempt, slots: list[Slot]) -> None:
    pending = any(s.fraction is None for s in slots)
    attempt.status = Attempt.Status.AWAITING_GRADING if pending else Attempt.Status.GRADED
    attempt.score = None if pending else sum(s.score or 0.0 for s in slots)


def attempt_close(attempt: Attempt, *, actor: User | None = None, by_deadline: bool = False) -> Attempt:
    """Close and grade automatically; essays wait for a grader. Closing twice does nothing."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.status != Attempt.Status.IN_PROGRESS:
            return attempt
        now = timezone.now()
        if by_deadline and now < attempt.deadline + grace():
            return attempt  # woke early (clock or queue): the listener still has time
        slots = list(attempt.slots.select_related("version"))
        _grade_slots(slots)
        _total(attempt, slots)
        attempt.finished_at = min(now, attempt.deadline) if by_deadline else now
        attempt.closed_by_deadline = by_deadline
        save_by(attempt, actor)
        bulk_update_with_history(slots, Slot, ["fraction"], default_user=actor_or_system(actor))
    return attempt


def attempt_finish(attempt: Attempt, user: User) -> Attempt:
    if attempt.person.user_id != user.pk:
        raise DomainError(_("This is not your attempt."))
    if attempt.status != Attempt.Status.IN_PROGRESS:
        raise DomainError(_("This attempt is already closed."))
    return attempt_close(attempt, actor=user)


def close_overdue(exam: Exam | None = None) -> int:
    """Close every attempt past its deadline and grace: a safety net for a lost task, run when
    the test's results are looked at."""
    overdue = Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lte=timezone.now() - grace())
    if exam is not None:
        overdue = overdue.filter(exam=exam)
    return sum(1 for attempt in overdue if attempt_close(attempt, by_deadline=True).status != Attempt.Status.IN_PROGRESS)


def essay_grade(slot: Slot, actor: User, points: list[float], comment: str) -> Slot:
    require_author(actor)
    rubric = slot.version.content.get("rubric", [])
    if rubric:
        if len(points) != len(rubric) or any(p < 0 or p > c["points"] for p, c in zip(points, rubric, strict=False)):
            raise DomainError(_("Give each criterion from 0 to its points."))
        fraction = grading.rubric_fraction(rubric, points)
    else:
        if len(points) != 1 or not 0 <= points[0] <= slot.mark:
            raise DomainError(_("The grade is from 0 to %(mark)s.") % {"mark": f"{slot.mark:g}"})
        fraction = points[0] / slot.mark if slot.mark else 0.0
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=slot.attempt_id)
        if attempt.status == Attempt.Status.IN_PROGRESS:
            raise DomainError(_("The attempt is still in progress."))
        slot.fraction, slot.rubric_points, slot.comment = fraction, points, comment[:5000]
        save_by(slot, actor, update_fields=["fraction", "rubric_points", "comment"])
        slots = list(attempt.slots.all())
        _total(attempt, slots)
        save_by(attempt, actor, update_fields=["status", "score"])
    return slot


def regrade_version(version_id: int, actor: User) -> int:
    """Grade again every closed attempt that used this version (after its key was corrected)."""
    slots = list(Slot.objects.filter(version_id=version_id).exclude(attempt__status=Attempt.Status.IN_PROGRESS).select_related("version"))
    changed = []
    for slot in slots:
        if slot.kind == Kind.ESSAY:
            continue
        new = grading.fraction(slot.kind, slot.version.content, slot.response)
        if new != slot.fraction:
            slot.fraction = new
            changed.append(slot)
    bulk_update_with_history(changed, Slot, ["fraction"], default_user=actor)
    attempts = list(Attempt.objects.filter(pk__in={s.attempt_id for s in changed}).prefetch_related("slots"))
    for attempt in attempts:
        _total(attempt, list(attempt.slots.all()))
    bulk_update_with_history(attempts, Attempt, ["status", "score"], default_user=actor)
    return len(changed)
