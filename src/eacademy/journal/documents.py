"""The journal's documents: grade sheet, certification protocol and transcript, as PDF in the
reader's language and as Excel with the same data."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from eacademy.core.documents import dated_filename, pdf_response, xlsx_response
from eacademy.core.models import User
from eacademy.journal.models import Certification
from eacademy.journal.queries import Grid, Transcript
from eacademy.journal.services import certification_enrollments


def _name(grid: Grid, extension: str) -> str:
    return dated_filename("grade-sheet", f"course-{grid.group.offering_id}", f"group-{grid.group.number}", f"discipline-{grid.discipline.pk}",
                          extension=extension)


def grade_sheet_pdf(grid: Grid) -> HttpResponse:
    return pdf_response("journal/grade_sheet_pdf.html", {"grid": grid}, _name(grid, "pdf"))


def grade_sheet_xlsx(grid: Grid) -> HttpResponse:
    header = [_("Listener"), *(f"{lesson.starts_at:%d.%m}" for lesson in grid.lessons), _("Tests and assignments"), _("Absences"), _("Rating")]
    rows = []
    for row in grid.rows:
        cells = [(f"{m.points:g}" if m else "") + (f" {a.get_status_display()}" if a and a.status != "present" else "") for a, m in row.cells]
        rows.append([row.enrollment.person.full_name, *cells, ", ".join(f"{m.points:g}" for m in row.test_marks), row.missed, row.rating])
    return xlsx_response(str(grid.discipline)[:31], header, rows, _name(grid, "xlsx"))


def _protocol_name(certification: Certification, extension: str) -> str:
    return dated_filename("protocol", certification.protocol_number or certification.pk, f"course-{certification.offering_id}", extension=extension)


def _protocol(certification: Certification) -> tuple[list[User], list[dict]]:
    members = list(certification.members.order_by("last_name", "username"))
    marks = {(m.enrollment_id, m.member_id): m.points for m in certification.marks.all()}
    results = {r.enrollment_id: r for r in certification.results.all()}
    rows = [{"enrollment": e, "marks": [marks.get((e.pk, m.pk)) for m in members], "result": results.get(e.pk)} for e in certification_enrollments(certification)]
    return members, rows


def protocol_pdf(certification: Certification) -> HttpResponse:
    members, rows = _protocol(certification)
    return pdf_response("journal/protocol_pdf.html", {"certification": certification, "members": members, "rows": rows}, _protocol_name(certification, "pdf"))


def protocol_xlsx(certification: Certification) -> HttpResponse:
    members, rows = _protocol(certification)
    header = [_("Listener"), *(m.get_full_name() or m.username for m in members), _("Admission rating"), _("Final points"), _("Mark"), _("passed")]
    data = [[r["enrollment"].person.full_name, *r["marks"], *((r["result"].admission_points, r["result"].final_points, r["result"].letter, r["result"].passed)
                                                             if r["result"] else ("", "", "", ""))] for r in rows]
    return xlsx_response(_("Certification protocol"), header, data, _protocol_name(certification, "xlsx"))


def transcript_pdf(data: Transcript) -> HttpResponse:
    return pdf_response("journal/transcript_pdf.html", {"transcript": data}, dated_filename("transcript", f"person-{data.person.pk}", extension="pdf"),
                        sealed_as=str(_("Transcript")))


def transcript_xlsx(data: Transcript) -> HttpResponse:
    header = [_("Course"), _("Dates"), _("Hours"), _("Status"), _("Final points"), _("Mark"), _("Certificate")]
    rows = [[c.enrollment.offering.version.programme.name, f"{c.enrollment.offering.starts_on:%d.%m.%Y} – {c.enrollment.offering.ends_on:%d.%m.%Y}",
             c.hours, str(c.enrollment.get_status_display()), c.result.final_points if c.result else "", c.result.letter if c.result else "",
             str(c.certificate or "")] for c in data.courses]
    return xlsx_response(_("Transcript"), header, rows, dated_filename("transcript", f"person-{data.person.pk}", extension="xlsx"))
