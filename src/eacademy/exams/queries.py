"""What other apps (the journal, dashboards) and our pages read about tests and results."""

from collections import defaultdict

import numpy as np
from django.db.models import QuerySet

from eacademy.core.models import User
from eacademy.enrollment.models import Enrollment
from eacademy.exams import analysis, grading
from eacademy.exams.formats import Kind
from eacademy.exams.models import Attempt, Exam, QuestionVersion, Slot
from eacademy.exams.rules import AUTHORS

FINISHED = (Attempt.Status.GRADED,)


def exams_visible_to(user: User) -> QuerySet[Exam]:
    exams = Exam.objects.select_related("offering__version__programme", "group")
    if user.has_role(*AUTHORS) or user.is_academy_wide:
        return exams
    return exams.filter(offering__enrollments__person__user=user, offering__enrollments__status=Enrollment.Status.ENROLLED).distinct()


def best_results(offering_id: int) -> dict[int, dict[int, float]]:
    """{person id: {exam id: best graded percent}} for an offering (the journal reads this)."""
    results: dict[int, dict[int, float]] = defaultdict(dict)
    for person_id, exam_id, score, max_score in Attempt.objects.filter(exam__offering_id=offering_id, status__in=FINISHED).values_list(
        "person_id", "exam_id", "score", "max_score"
    ):
        percent = 100 * (score or 0.0) / max_score if max_score else 0.0
        results[person_id][exam_id] = max(percent, results[person_id].get(exam_id, 0.0))
    return dict(results)


def score_matrix(exam: Exam) -> tuple[list[int], list[int], np.ndarray]:
    """(question ids, attempt ids, attempts × questions fractions, NaN where not drawn):
    the graded attempts of a test, for item analysis."""
    rows = list(
        Slot.objects.filter(attempt__exam=exam, attempt__status__in=FINISHED).values_list("attempt_id", "version__question_id", "fraction")
    )
    attempts = sorted({r[0] for r in rows})
    questions = sorted({r[1] for r in rows})
    a_index = {a: i for i, a in enumerate(attempts)}
    q_index = {q: i for i, q in enumerate(questions)}
    matrix = np.full((len(attempts), len(questions)), np.nan)
    for attempt_id, question_id, fraction in rows:
        matrix[a_index[attempt_id], q_index[question_id]] = fraction or 0.0
    return questions, attempts, matrix


def distractors(exam: Exam) -> dict[int, dict[int, int]]:
    """{question id: {choice index: times chosen}} for single and multiple choice."""
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for question_id, response in Slot.objects.filter(attempt__exam=exam, attempt__status__in=FINISHED, kind__in=[Kind.SINGLE, Kind.MULTIPLE]).values_list(
        "version__question_id", "response"
    ):
        if not response:
            continue
        for choice in response.get("choices", [response.get("choice")]):
            if isinstance(choice, int):
                counts[question_id][choice] += 1
    return {q: dict(c) for q, c in counts.items()}


def _gap_scores(exam: Exam, attempt_ids: list[int]) -> tuple[dict[int, np.ndarray], dict[tuple[int, int], dict[int, int]]]:
    """({question id: attempts × gaps fractions, NaN where not drawn}, {(question id, gap): {choice: times chosen}})
    for the test's embedded-answers questions."""
    cloze = Slot.objects.filter(attempt__exam=exam, attempt__status__in=FINISHED, kind=Kind.CLOZE)
    rows = list(cloze.values_list("attempt_id", "version_id", "version__question_id", "response"))
    contents = dict(QuestionVersion.objects.filter(pk__in=cloze.values("version_id")).values_list("pk", "content"))  # each version once
    widths: dict[int, int] = defaultdict(int)
    for _attempt, version_id, question_id, _response in rows:
        widths[question_id] = max(widths[question_id], len(contents[version_id].get("gaps", [])))
    a_index = {a: i for i, a in enumerate(attempt_ids)}
    scores = {q: np.full((len(attempt_ids), width), np.nan) for q, width in widths.items()}
    picks: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for attempt_id, version_id, question_id, response in rows:
        content = contents[version_id]
        for number, value in enumerate(grading.gap_fractions(content, response), start=1):
            scores[question_id][a_index[attempt_id], number - 1] = value
        for number, given in ((response or {}).get("gaps") or {}).items():
            for choice in given.get("choices", [given.get("choice")]) if isinstance(given, dict) else []:
                if isinstance(choice, int):
                    picks[(question_id, int(number))][choice] += 1
    return scores, picks


def gap_analysis(exam: Exam, question_ids: list[int], attempt_ids: list[int], matrix: np.ndarray) -> dict[int, list[dict[str, object]]]:
    """{question id: per gap, its item figures and the choices picked}: each gap of an
    embedded-answers question analysed as an item of the test (the other questions whole)."""
    scores, picks = _gap_scores(exam, attempt_ids)
    if not scores:
        return {}
    whole = [i for i, q in enumerate(question_ids) if q not in scores]
    items = iter(analysis.analyse(np.hstack([matrix[:, whole], *scores.values()]))["items"][len(whole) :])
    return {q: [{"gap": n, "figures": next(items), "choices": sorted(picks.get((q, n), {}).items())} for n in range(1, m.shape[1] + 1)]
            for q, m in scores.items()}


def input_output(offering_id: int) -> dict[str, float | int | None] | None:
    """Input vs output control of the listeners who took both (their best graded attempts)."""
    pre: dict[int, float] = {}
    post: dict[int, float] = {}
    for person_id, purpose, score, max_score in Attempt.objects.filter(
        exam__offering_id=offering_id, exam__purpose__in=[Exam.Purpose.INPUT, Exam.Purpose.OUTPUT], status__in=FINISHED
    ).values_list("person_id", "exam__purpose", "score", "max_score"):
        target = pre if purpose == "input" else post
        target[person_id] = max((score or 0.0) / max_score if max_score else 0.0, target.get(person_id, 0.0))
    both = sorted(pre.keys() & post.keys())
    if not both:
        return None
    return analysis.gains(np.array([pre[p] for p in both]), np.array([post[p] for p in both]))
