import dataclasses
import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from eacademy.core.access import signed_in_user
from eacademy.core.numbers import Id
from eacademy.exams import analysis, attempts, queries
from eacademy.exams.models import Attempt
from eacademy.exams.rules import AUTHORS

router = Router(tags=["knowledge control"])


class ExamOut(Schema):
    id: int
    title: str
    offering_id: int
    group_id: int | None
    purpose: str
    time_limit_minutes: int
    attempts_allowed: int
    opens_at: datetime.datetime
    closes_at: datetime.datetime


class AttemptOut(Schema):
    id: int
    person_id: int
    number: int
    status: str
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    score: float | None
    max_score: float


def _authors_only(request: HttpRequest) -> None:
    if not signed_in_user(request).has_role(*AUTHORS):
        raise PermissionDenied


@router.get("/exams/", response=list[ExamOut])
def list_exams(request: HttpRequest) -> object:
    """Tests the user may see: all for authors, his courses' for a listener."""
    return queries.exams_visible_to(signed_in_user(request)).order_by("-opens_at", "id")


@router.get("/exams/{exam_id}/attempts/", response=list[AttemptOut])
def list_attempts(request: HttpRequest, exam_id: Id) -> object:
    _authors_only(request)
    exam = get_object_or_404(queries.exams_visible_to(signed_in_user(request)), pk=exam_id)
    attempts.close_overdue(exam)
    return Attempt.objects.filter(exam=exam).order_by("person_id", "number")


@router.get("/exams/{exam_id}/analysis/")
def exam_analysis(request: HttpRequest, exam_id: Id) -> dict:
    """The item analysis of the graded attempts (fractions; `question` is the question id)."""
    _authors_only(request)
    exam = get_object_or_404(queries.exams_visible_to(signed_in_user(request)), pk=exam_id)
    question_ids, _attempt_ids, matrix = queries.score_matrix(exam)
    if matrix.shape[0] < 2:
        return {"test": None, "items": [], "gains": queries.input_output(exam.offering_id)}
    figures = analysis.analyse(matrix)
    items = [{"question": q, **dataclasses.asdict(item)} for q, item in zip(question_ids, figures["items"], strict=True)]
    return {"test": figures["test"], "items": items, "rasch_method": figures["rasch_method"], "gains": queries.input_output(exam.offering_id)}
