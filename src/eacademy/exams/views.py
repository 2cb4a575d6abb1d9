import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from eacademy.core.access import role_required, signed_in, signed_in_user
from eacademy.core.documents import dated_filename
from eacademy.core.errors import DomainError
from eacademy.core.file_types import QUESTION_MEDIA, content_type, shown_inline
from eacademy.core.multilang import in_language, join_languages, split_languages
from eacademy.core.pages import act_and_return
from eacademy.core.uploads import read_upload
from eacademy.exams import analysis, attempts, bank, queries, services
from eacademy.exams.formats import KIND_LABELS, Answer, FormatError, Kind, TextFormat, cloze, files, xlsx
from eacademy.exams.forms import (
    BankForm,
    EssayGradeForm,
    ExamForm,
    ImportForm,
    KeyForm,
    NewQuestionForm,
    QuestionForm,
    RuleFormSet,
)
from eacademy.exams.models import Attempt, Bank, Exam, Question, QuestionFile, Slot
from eacademy.exams.rules import AUTHORS


def _errors(request: HttpRequest, exc: DomainError) -> None:
    for error in exc.messages:
        messages.error(request, error)


@role_required(*AUTHORS)
def bank_list(request: HttpRequest) -> HttpResponse:
    form = BankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect(services.bank_create(actor=signed_in_user(request), **form.cleaned_data))
    return render(request, "exams/bank_list.html", {"banks": Bank.objects.all(), "form": form})


@role_required(*AUTHORS)
def bank_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _bank_page(request, get_object_or_404(Bank, pk=pk))


def _bank_page(request: HttpRequest, the_bank: Bank, status: int = 200) -> HttpResponse:
    questions = the_bank.questions.filter(archived=False).select_related("current", "category").order_by("category__path", "position")
    context = {"bank": the_bank, "questions": questions, "form": ImportForm(), "formats": files.FORMATS}
    return render(request, "exams/bank_detail.html", context, status=status)


@role_required(*AUTHORS)
@require_POST
def bank_import(request: HttpRequest, pk: int) -> HttpResponse:
    the_bank = get_object_or_404(Bank, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to import."))
        return redirect(the_bank)
    upload = form.cleaned_data["file"]
    file_format = form.cleaned_data["format"] or files.guess(upload.name)
    try:
        data = read_upload(upload, bank.upload_kind(file_format))
        report = bank.bank_import(the_bank, data, file_format, signed_in_user(request))
    except DomainError as exc:
        _errors(request, exc)
        messages.error(request, _("Nothing was imported."))
        return _bank_page(request, the_bank, status=422)
    messages.success(request, _("Imported %(count)s questions.") % {"count": report.imported})
    for item in report.unsupported:
        messages.warning(request, _("Not imported — %(position)s, “%(name)s”: %(reason)s.") % {"position": item.position, "name": item.name, "reason": item.reason})
    return redirect(the_bank)


@role_required(*AUTHORS)
@require_GET
def bank_export(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    the_bank = get_object_or_404(Bank, pk=pk)
    try:
        data, lost = bank.bank_export(the_bank, file_format)
    except FormatError as exc:
        raise Http404(exc.messages[0]) from None
    extension = {"moodle-xml": "xml", "gift": "gift.txt", "xlsx": "xlsx"}[file_format]
    response = HttpResponse(data, content_type={"xml": "application/xml", "gift.txt": "text/plain; charset=utf-8"}.get(extension, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="{dated_filename("question-bank", the_bank.pk, extension=extension)}"'
    if lost:  # what the format could not carry, so that nobody loses it unknowingly
        response["X-Export-Lost"] = str(len(lost))
    return response


@role_required(*AUTHORS)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    data, _lost = xlsx.write([])
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="questions-template.xlsx"'
    return response


@role_required(*AUTHORS)
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("bank", "category", "current"), pk=pk)
    version = question.current
    assert version is not None
    # an embedded-answers question is edited with its gaps written in the text, as Moodle's editor does
    texts = split_languages(cloze.compose(version.text, bank.question_data(version, with_files=False).gaps) if version.kind == Kind.CLOZE else version.text)
    initial = {"name": version.name, "default_mark": version.default_mark, "difficulty": version.difficulty, "tags": ", ".join(version.tags),
               **{f"text_{lang}": texts.get(lang, texts.get("", "") if lang == "ru" else "") for lang in ("kk", "ru", "en")}}
    form = QuestionForm(request.POST if request.method == "POST" and "name" in request.POST else None, initial=initial, kind=version.kind)
    answers = version.content.get("answers", [])
    has_key = version.kind in ("single", "multiple", "truefalse", "short", "numerical")
    key = KeyForm(request.POST if request.method == "POST" and "grade_0" in request.POST else None, answers=answers) if has_key else None
    if form.is_bound and form.is_valid():
        data = bank.question_data(version, question.category.path)
        data.name, data.default_mark, data.difficulty = form.cleaned_data["name"], form.cleaned_data["default_mark"], form.cleaned_data["difficulty"]
        data.tags = [t.strip() for t in form.cleaned_data["tags"].split(",") if t.strip()]
        written = {lang: form.cleaned_data[f"text_{lang}"] for lang in ("kk", "ru", "en") if form.cleaned_data[f"text_{lang}"]}
        data.text = join_languages(written)  # one language: the text itself
        if len(written) > 1:
            data.text_format = TextFormat.HTML  # the language spans are HTML
        if version.kind == Kind.CLOZE:
            data.text, data.gaps = cloze.parse(data.text)
            data.default_mark = sum(g.mark for g in data.gaps)
        return act_and_return(request, lambda: bank.question_revise(question, data, signed_in_user(request)), _("The question is saved."), question.get_absolute_url())
    if key is not None and key.is_bound and key.is_valid():
        corrected = [Answer(**{**a, "format": TextFormat(a["format"]), "fraction": key.cleaned_data[f"grade_{i}"]}) for i, a in enumerate(answers)]
        return act_and_return(request, lambda: bank.key_correct(version, corrected, signed_in_user(request)), _("The key is corrected and past attempts regraded."),
                              question.get_absolute_url())
    versions = question.versions.select_related("created_by").order_by("-number")
    language = request.LANGUAGE_CODE
    gaps = [{**gap, "label": KIND_LABELS[Kind(gap["kind"])], "answers": [{**a, "text": strip_tags(in_language(a["text"], language))} for a in gap["answers"]]}
            for gap in version.content.get("gaps", [])]
    return render(request, "exams/question_detail.html", {"question": question, "version": version, "versions": versions, "form": form, "key": key, "gaps": gaps})


@role_required(*AUTHORS)
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A question written in the browser, into this bank, and if chosen into a test no listener
    has begun."""
    the_bank = get_object_or_404(Bank, pk=pk)
    user = signed_in_user(request)
    exams = queries.exams_visible_to(user).filter(attempts=None, closes_at__gt=timezone.now()).select_related("offering__version__programme")
    categories = list(the_bank.categories.exclude(path="").order_by("path").values_list("path", flat=True))
    form = NewQuestionForm(request.POST or None, exams=exams, categories=categories, initial={"exam": request.GET.get("exam")})
    if request.method == "POST" and form.is_valid():
        try:
            question = bank.question_write(actor=user, bank=the_bank, data=form.question(), exam=form.cleaned_data["exam"])
        except DomainError as exc:
            form.add_error(None, exc)
        else:
            exam = form.cleaned_data["exam"]
            messages.success(request, _("The question “%(name)s” is saved%(test)s.") % {
                "name": form.cleaned_data["name"], "test": _(" and added to the test “%(test)s”") % {"test": in_language(exam.title, request.LANGUAGE_CODE)} if exam else ""})
            return redirect(exam.get_absolute_url() if exam else question.get_absolute_url())
    return render(request, "exams/question_form.html", {"bank": the_bank, "form": form}, status=422 if form.errors else 200)


@signed_in
@require_GET
def question_file(request: HttpRequest, version_id: int, name: str) -> HttpResponse:
    """An embedded image or sound: for authors, and for a listener whose attempt drew it."""
    user = signed_in_user(request)
    if not user.has_role(*AUTHORS) and not Slot.objects.filter(version_id=version_id, attempt__person__user=user).exists():
        raise Http404
    file = get_object_or_404(QuestionFile, version_id=version_id, name=name)
    content = bytes(file.content)
    media_type = content_type(content)
    if media_type not in QUESTION_MEDIA:  # imported before files were judged by their content
        raise Http404
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = "inline" if shown_inline(media_type) else "attachment"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # even opened on its own, it runs nothing
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@signed_in
def exam_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    exams = queries.exams_visible_to(user).order_by("-opens_at")[:200]
    mine: dict[int, list[Attempt]] = {}
    if not user.has_role(*AUTHORS):
        for attempt in Attempt.objects.filter(person__user=user, exam__in=[e.pk for e in exams]):
            mine.setdefault(attempt.exam_id, []).append(attempt)
    return render(request, "exams/exam_list.html", {"exams": exams, "mine": mine, "is_author": user.has_role(*AUTHORS), "now": timezone.now()})


@role_required(*AUTHORS)
def exam_create(request: HttpRequest) -> HttpResponse:
    form = ExamForm(request.POST or None)
    rules = RuleFormSet(request.POST or None)
    if request.method == "POST" and form.is_valid() and rules.is_valid():
        chosen = [{name: row[name] for name in ("category", "difficulty", "tag", "count")} for row in rules.cleaned_data if row and not row.get("DELETE")]
        exam = services.exam_create(actor=signed_in_user(request), rules=chosen, **form.cleaned_data)
        messages.success(request, _("The test is created."))
        return redirect(exam)
    return render(request, "exams/exam_form.html", {"form": form, "rules": rules})


@role_required(*AUTHORS)
def exam_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exam = get_object_or_404(queries.exams_visible_to(signed_in_user(request)), pk=pk)
    attempts.close_overdue(exam)
    attempt_list = exam.attempts.select_related("person").order_by("person__last_name", "number")
    question_ids, attempt_ids, matrix = queries.score_matrix(exam)
    figures = analysis.analyse(matrix) if matrix.shape[0] >= 2 else None
    gains = queries.input_output(exam.offering_id)
    questions = Question.objects.select_related("current").in_bulk(question_ids)
    items = []
    if figures:
        picks = queries.distractors(exam)
        gaps = queries.gap_analysis(exam, question_ids, attempt_ids, matrix)
        for question_id, item in zip(question_ids, figures["items"], strict=True):
            items.append({"question": questions[question_id], "figures": item, "choices": sorted(picks.get(question_id, {}).items()),
                          "gaps": gaps.get(question_id, [])})
    return render(
        request, "exams/exam_detail.html",
        {"exam": exam, "attempts": attempt_list, "figures": figures, "items": items, "gains": gains, "rules": exam.rules.select_related("category"),
         "test_figures": analysis.labelled(figures["test"] if figures else None), "gain_figures": analysis.labelled(gains)},
    )


@signed_in
@require_POST
def exam_start(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    exam = get_object_or_404(queries.exams_visible_to(user), pk=pk)
    try:
        attempt = attempts.attempt_start(exam, user)
    except DomainError as exc:
        _errors(request, exc)
        return redirect("exams:exam_list")
    return redirect(attempt)


def _own_attempt(request: HttpRequest, pk: int) -> Attempt:
    return get_object_or_404(Attempt.objects.select_related("exam", "person"), pk=pk, person__user=signed_in_user(request))


def _review_allowed(policy: str, attempt: Attempt) -> bool:
    if policy == Exam.Review.AFTER_SUBMIT:
        return attempt.status != Attempt.Status.IN_PROGRESS
    if policy == Exam.Review.AFTER_CLOSE:
        return timezone.now() >= attempt.exam.closes_at
    return False


def _choices(slot: Slot) -> list[dict]:
    content = slot.version.content
    if slot.kind == Kind.CLOZE:
        return []  # each gap's choices stand in the text
    if slot.kind == "matching":
        answers = sorted({p["answer"] for p in content["pairs"]})
        return [{"index": i, "text": answers[i]} for i in slot.order]
    return [{"index": i, "text": content["answers"][i]["text"], "format": content["answers"][i]["format"]} for i in slot.order]


@signed_in
def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    if attempt.status == Attempt.Status.IN_PROGRESS and attempt.deadline + attempts.grace() <= timezone.now():
        attempt = attempts.attempt_close(attempt, by_deadline=True)
    slots = list(attempt.slots.select_related("version"))
    rows = []
    for slot in slots:
        content = slot.version.content
        row = {"slot": slot, "choices": _choices(slot), "response": json.dumps(slot.response), "text_format": content.get("text_format", "html")}
        if slot.kind == "matching":
            row["prompts"] = [in_language(p["prompt"], (request.LANGUAGE_CODE or "ru")[:2]) for p in content["pairs"] if p["prompt"]]
        rows.append(row)
    if attempt.status == Attempt.Status.IN_PROGRESS:
        return render(request, "exams/attempt.html", {"attempt": attempt, "rows": rows, "remaining": attempts.remaining_seconds(attempt)})
    exam = attempt.exam
    review = {"score": _review_allowed(exam.review_score, attempt), "responses": _review_allowed(exam.review_responses, attempt), "correct": _review_allowed(exam.review_correct, attempt)}
    if review["correct"]:
        for row in rows:
            row["key"] = [" ".join(strip_tags(in_language(text, request.LANGUAGE_CODE)).split()) for text in _key(row["slot"])]
    graded = [slot for slot in slots if slot.fraction is not None]
    partial = {"graded": len(graded), "total": len(slots), "points": sum(slot.score or 0 for slot in graded),
               "of": sum(slot.mark for slot in graded)} if attempt.score is None else None
    return render(request, "exams/attempt_review.html", {"attempt": attempt, "rows": rows, "review": review, "partial": partial})


def _key(slot: Slot) -> list[str]:
    content = slot.version.content
    if slot.kind == "matching":
        return [f"{p['prompt']} → {p['answer']}" for p in content["pairs"] if p["prompt"]]
    if slot.kind == "essay":
        return []
    if slot.kind == Kind.CLOZE:
        language = get_language()
        return [f"{number}) " + " / ".join(in_language(text, language) for text in _right(gap["kind"], gap["answers"]))
                for number, gap in enumerate(content["gaps"], start=1)]
    return _right(slot.kind, content["answers"])


def _right(kind: str, answers: list[dict]) -> list[str]:
    return [a["text"] if kind != "numerical" or a["text"] == "*" else f"{float(a['text']):g} ± {a['tolerance']:g}" for a in answers if a["fraction"] > 0]


@signed_in
@require_POST
def answer_save(request: HttpRequest, pk: int, position: int) -> JsonResponse:
    """The page's autosave: JSON {"seq": n, "response": {...}} → {"seq": n} once it is stored."""
    try:
        body = json.loads(request.body)
        seq, response = body["seq"], body["response"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("This answer is not in a form the test understands.")}, status=422)
    try:
        saved = attempts.answer_save(signed_in_user(request).pk, pk, position, seq, response)
    except Slot.DoesNotExist:
        return JsonResponse({"error": _("No such question in your attempts.")}, status=404)
    except attempts.AttemptClosed as exc:
        return JsonResponse({"error": exc.messages[0]}, status=409)
    except DomainError as exc:
        return JsonResponse({"error": exc.messages[0]}, status=422)
    return JsonResponse({"seq": saved.seq, "stale": saved.stale})


@signed_in
@require_GET
def attempt_clock(request: HttpRequest, pk: int) -> JsonResponse:
    attempt = _own_attempt(request, pk)
    return JsonResponse({"remaining": attempts.remaining_seconds(attempt), "open": attempt.status == Attempt.Status.IN_PROGRESS})


@signed_in
def attempt_finish(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm, saying how many questions are unanswered; POST finishes."""
    attempt = _own_attempt(request, pk)
    if attempt.status != Attempt.Status.IN_PROGRESS:
        return redirect(attempt)
    if request.method != "POST":
        slots = list(attempt.slots.only("position", "response"))
        unanswered = [s.position for s in slots if not s.response]
        return render(request, "exams/attempt_finish.html", {"attempt": attempt, "total": len(slots), "unanswered": unanswered,
                                                             "remaining": attempts.remaining_seconds(attempt)})
    try:
        attempts.attempt_finish(attempt, signed_in_user(request))
    except DomainError as exc:
        _errors(request, exc)
    return redirect(attempt)


@role_required(*AUTHORS)
def grading_queue(request: HttpRequest) -> HttpResponse:
    slots = (
        Slot.objects.filter(attempt__status=Attempt.Status.AWAITING_GRADING, kind=Kind.ESSAY, fraction__isnull=True)
        .select_related("attempt__exam", "version")
        .order_by("attempt__finished_at", "position")[:100]
    )
    return render(request, "exams/grading_queue.html", {"slots": slots})


@role_required(*AUTHORS)
def essay_grade(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(Slot.objects.select_related("attempt__exam", "version"), pk=pk, kind=Kind.ESSAY)
    form = EssayGradeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            attempts.essay_grade(slot, signed_in_user(request), form.cleaned_data["points"], form.cleaned_data["comment"])
        except DomainError as exc:
            form.add_error("points", exc)
        else:
            messages.success(request, _("The answer is graded."))
            return redirect("exams:grading_queue")
    return render(request, "exams/essay_grade.html", {"slot": slot, "form": form, "rubric": slot.version.content.get("rubric", []), "answer": (slot.response or {}).get("text", "")})
