from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from eacademy.catalog.models import Discipline
from eacademy.core.access import public, role_required, signed_in, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.numbers import id_or_404
from eacademy.core.pages import act_and_return, form_errors_from, next_url
from eacademy.core.signing import seal_pdf
from eacademy.core.uploads import read_upload
from eacademy.enrollment.models import Enrollment
from eacademy.exams.models import Exam
from eacademy.journal import certificates, documents, queries, services
from eacademy.journal.forms import CertificationForm, LessonForm, MarkForm, RevokeForm
from eacademy.journal.models import Attendance, Certificate, CertificateBatch, Certification, Mark
from eacademy.journal.rules import READERS, REGISTRARS, TEACHERS, Conflict
from eacademy.people.models import Person
from eacademy.people.queries import visible_to
from eacademy.planning.models import Offering
from eacademy.timetable import services as timetable_services
from eacademy.timetable.models import Lesson


@role_required(*READERS)
def group_list(request: HttpRequest) -> HttpResponse:
    groups = queries.groups_visible_to(signed_in_user(request)).filter(enrollments__status__in=services.ACTIVE).distinct()[:200]
    return render(request, "journal/group_list.html", {"groups": groups})


@role_required(*READERS)
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(queries.groups_visible_to(signed_in_user(request)), pk=pk)
    form = LessonForm(request.POST or None, group=group, initial={"lecturer": signed_in_user(request)})
    if request.method == "POST":
        if not signed_in_user(request).has_role(*TEACHERS):
            raise PermissionDenied
        if form.is_valid():
            try:
                timetable_services.lesson_add(actor=signed_in_user(request), group=group, **form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The lesson is added."))
                return redirect(request.path)
    disciplines = Discipline.objects.filter(module__version_id=group.offering.version_id).order_by("module__position", "position")
    return render(request, "journal/group_detail.html", {
        "group": group, "disciplines": disciplines, "form": form, "certifications": Certification.objects.filter(offering_id=group.offering_id).select_related("discipline"),
        "exams": Exam.objects.filter(offering_id=group.offering_id)})


def _grid(request: HttpRequest, pk: int, discipline_id: int) -> queries.Grid:
    group = get_object_or_404(queries.groups_visible_to(signed_in_user(request)), pk=pk)
    discipline = get_object_or_404(Discipline, pk=discipline_id, module__version_id=group.offering.version_id)
    return queries.grid(group, discipline)


@role_required(*READERS)
def journal(request: HttpRequest, pk: int, discipline_id: int) -> HttpResponse:
    grid = _grid(request, pk, discipline_id)
    exams = Exam.objects.filter(offering_id=grid.group.offering_id)
    return render(request, "journal/journal.html", {"grid": grid, "statuses": Attendance.Status.choices, "exams": exams})


@role_required(*READERS)
@require_GET
def grade_sheet(request: HttpRequest, pk: int, discipline_id: int, file_format: str) -> HttpResponse:
    grid = _grid(request, pk, discipline_id)
    if file_format == "pdf":
        return documents.grade_sheet_pdf(grid)
    if file_format == "xlsx":
        return documents.grade_sheet_xlsx(grid)
    raise Http404


@role_required(*TEACHERS)
@require_POST
def attendance_set(request: HttpRequest) -> HttpResponse:
    lesson = id_or_404(Lesson, request.POST.get("lesson"))
    enrollment = id_or_404(Enrollment.objects.select_related("person", "offering__version__programme"), request.POST.get("enrollment"))
    upload = request.FILES.get("document")
    try:
        row, warning = services.attendance_set(
            actor=signed_in_user(request), lesson=lesson, enrollment=enrollment, status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""), document_name=(upload.name or "") if upload else "",
            document=read_upload(upload, "document") if upload else None)
    except DomainError as exc:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(exc.messages[0], status=422)
        for error in exc.messages:
            messages.error(request, error)
        return redirect(next_url(request, "/journal/"))
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "journal/_attendance_cell.html",
                      {"attendance": row, "lesson": lesson, "enrollment": enrollment, "warning": warning, "statuses": Attendance.Status.choices})
    if warning:
        messages.warning(request, warning)
    return redirect(next_url(request, "/journal/"))


@role_required(*TEACHERS)
@require_POST
def mark_set(request: HttpRequest) -> HttpResponse:
    enrollment = id_or_404(Enrollment, request.POST.get("enrollment"))
    lesson = id_or_404(Lesson, request.POST.get("lesson"))
    back = next_url(request, "/journal/")
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A mark is from 0 to 100 points."))
        return redirect(back)
    try:
        services.mark_set(actor=signed_in_user(request), enrollment=enrollment, discipline=lesson.discipline, lesson=lesson,
                          points=form.cleaned_data["points"], revision=form.cleaned_data["revision"], reason=form.cleaned_data["reason"])
    except Conflict as exc:
        messages.error(request, exc.messages[0])
    except DomainError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("The mark is saved."))
    return redirect(back)


@role_required(*TEACHERS)
@require_POST
def marks_from_exam(request: HttpRequest, pk: int, discipline_id: int) -> HttpResponse:
    grid = _grid(request, pk, discipline_id)
    exam = id_or_404(Exam.objects.filter(offering_id=grid.group.offering_id), request.POST.get("exam"))
    back = f"/journal/groups/{pk}/disciplines/{discipline_id}/"
    return act_and_return(request, lambda: services.marks_from_exam(actor=signed_in_user(request), exam=exam, discipline=grid.discipline), _("The test's results are in the journal."), back)


@role_required(*REGISTRARS)
def certification_create(request: HttpRequest) -> HttpResponse:
    form = CertificationForm(request.POST or None, initial={"offering": request.GET.get("offering"), "group": request.GET.get("group")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certification = services.certification_create(
                actor=signed_in_user(request), offering=data["offering"], kind=data["kind"], held_on=data["held_on"], chair=data["chair"],
                members=list(data["members"]), group=data["group"], discipline=data["discipline"], protocol_number=data["protocol_number"])
        except DomainError as exc:
            form.add_error(None, exc)
        else:
            return redirect(certification)
    return render(request, "journal/certification_form.html", {"form": form})


def _certification(request: HttpRequest, pk: int) -> Certification:
    certification = get_object_or_404(Certification.objects.select_related("offering__version__programme", "group", "discipline", "chair"), pk=pk)
    user = signed_in_user(request)
    if not (user.has_role(*READERS) or certification.members.filter(pk=user.pk).exists()):
        raise Http404
    return certification


@signed_in
def certification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certification = _certification(request, pk)
    user = signed_in_user(request)
    mine = {m.enrollment_id: m for m in certification.marks.filter(member=user)}
    results = {r.enrollment_id: r for r in certification.results.all()}
    rows = [{"enrollment": e, "mine": mine.get(e.pk), "result": results.get(e.pk)} for e in services.certification_enrollments(certification)]
    return render(request, "journal/certification.html", {
        "certification": certification, "rows": rows, "is_member": certification.members.filter(pk=user.pk).exists(),
        "may_close": user.has_role(*REGISTRARS) and not certification.closed_at})


@signed_in
@require_POST
def certification_mark(request: HttpRequest, pk: int) -> HttpResponse:
    certification = _certification(request, pk)
    enrollment = id_or_404(Enrollment, request.POST.get("enrollment"))
    try:
        points = Decimal(request.POST.get("points", "").replace(",", "."))
        revision = int(request.POST.get("revision", "0"))
    except (InvalidOperation, ValueError):
        messages.error(request, _("A mark is from 0 to 100 points."))
        return redirect(certification)
    return act_and_return(request, lambda: services.certification_mark_set(actor=signed_in_user(request), certification=certification, enrollment=enrollment,
                                                                 points=points, revision=revision), _("The mark is saved."), certification.get_absolute_url())


@role_required(*REGISTRARS)
@require_POST
def certification_close(request: HttpRequest, pk: int) -> HttpResponse:
    certification = _certification(request, pk)
    return act_and_return(request, lambda: services.certification_close(actor=signed_in_user(request), certification=certification), _("The certification is closed."), certification.get_absolute_url())


@signed_in
@require_GET
def certification_protocol(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    certification = _certification(request, pk)
    if file_format == "pdf":
        return documents.protocol_pdf(certification)
    if file_format == "xlsx":
        return documents.protocol_xlsx(certification)
    raise Http404


@role_required(*READERS)
def offering_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering.objects.select_related("version__programme"), pk=pk)
    issued = Certificate.objects.filter(enrollment__offering=offering).select_related("enrollment__person").order_by("number")
    completed = Enrollment.objects.filter(offering=offering, status=Enrollment.Status.COMPLETED).count()
    return render(request, "journal/certificates.html", {"offering": offering, "certificates": issued, "completed": completed,
                                                         "batch": offering.certificate_batches.defer("pdf").first(), "form": RevokeForm()})


@role_required(*REGISTRARS)
@require_POST
def certificates_batch(request: HttpRequest, pk: int) -> HttpResponse:
    offering = get_object_or_404(Offering, pk=pk)
    return act_and_return(request, lambda: certificates.batch_start(actor=signed_in_user(request), offering_id=offering.pk), _("The certificates are being issued."),
                f"/journal/offerings/{pk}/certificates/")


@role_required(*READERS)
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "journal/_batch.html", {"batch": get_object_or_404(CertificateBatch.objects.defer("pdf"), pk=pk)})


@role_required(*READERS)
@require_GET
def batch_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Every certificate of a batch, a page each, for printing on the Academy's forms."""
    batch = get_object_or_404(CertificateBatch, pk=pk, pdf__isnull=False)
    response = HttpResponse(bytes(batch.pdf or b""), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificates-{batch.offering_id}-{batch.pk}.pdf"'
    return response


@signed_in
@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _holder_or_reader(request, pk)
    response = HttpResponse(seal_pdf(certificates.as_pdf([certificate]), reason=str(certificate)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.series}-{certificate.number:05d}-{certificate.year}.pdf"'
    return response


@signed_in
@require_GET
def certificate_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate as a printable page, for its holder and the Academy's readers."""
    return HttpResponse(certificates.as_html(_holder_or_reader(request, pk)))


def _holder_or_reader(request: HttpRequest, pk: int) -> Certificate:
    certificate = get_object_or_404(Certificate.objects.select_related("enrollment__person", "enrollment__offering__version__programme"), pk=pk)
    user = signed_in_user(request)
    if not (user.has_role(*READERS) or certificate.enrollment.person.user_id == user.pk):
        raise Http404
    return certificate


@role_required(*REGISTRARS)
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, pk=pk)
    back = f"/journal/offerings/{certificate.enrollment.offering_id}/certificates/"
    action = certificates.certificate_reissue if request.POST.get("reissue") else certificates.certificate_revoke
    done = _("The certificate is reissued.") if request.POST.get("reissue") else _("The certificate is revoked.")
    return act_and_return(request, lambda: action(actor=signed_in_user(request), certificate=certificate, reason=request.POST.get("reason", "")), done, back)


@public
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding the paper may check it. Shows no more than the paper does, and the
    holder's name only partly."""
    certificate = Certificate.objects.select_related("enrollment__person", "enrollment__offering__version__programme").filter(code=code).first()
    if certificate is None:
        return render(request, "journal/verify.html", {"certificate": None}, status=404)
    return render(request, "journal/verify.html", {"certificate": certificate, "holder": certificates.holder_masked(certificate)})


@signed_in
def my_journal(request: HttpRequest) -> HttpResponse:
    person = Person.objects.filter(user=signed_in_user(request)).first()
    if person is None:
        return render(request, "journal/my.html", {"person": None})
    attendance = Attendance.objects.filter(enrollment__person=person).select_related("lesson__discipline").order_by("-lesson__starts_at")[:200]
    marks = Mark.objects.filter(enrollment__person=person).select_related("discipline", "lesson", "exam").order_by("-changed_at")[:200]
    return render(request, "journal/my.html", {"person": person, "attendance": attendance, "marks": marks, "transcript": queries.transcript(person)})


@signed_in
@require_GET
def transcript(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    user = signed_in_user(request)
    person = get_object_or_404(Person.objects.filter(user=user) if not user.has_role(*READERS) else visible_to(user), pk=pk)
    data = queries.transcript(person)
    if file_format == "pdf":
        return documents.transcript_pdf(data)
    if file_format == "xlsx":
        return documents.transcript_xlsx(data)
    raise Http404

