"""SCORM packages: a teacher adds one to a section (checked and unpacked into storage); a
listener runs it in the browser, where scorm-again plays the part of the LMS and commits the
runtime data here; a finished run's score goes into the journal through the journal's own
service, as the mark of the teacher who set the package."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.uploads import MB, read_upload
from eacademy.distance import scorm
from eacademy.distance.models import Package, PackageAttempt, Section
from eacademy.distance.services import require_course_reach, xapi
from eacademy.enrollment.models import Enrollment
from eacademy.journal import services as journal_services

SALT = "distance.package-commit"


@transaction.atomic
def package_add(*, actor: User, section: Section, discipline: Discipline, upload: UploadedFile[bytes], required: bool = True) -> Package:
    require_course_reach(actor, section.offering_id)
    if not Discipline.objects.filter(pk=discipline.pk, module__version__offerings__pk=section.offering_id).exists():
        raise DomainError({"discipline": [_("The discipline is not in this course's programme.")]})
    files = scorm.members(read_upload(upload, "package"), settings.PACKAGE_UNPACKED_MB * MB)
    found = scorm.manifest(files)
    package = save_by(Package(section=section, discipline=discipline, title=found.title, version=found.version, launch=found.launch,
                              mastery=found.mastery, required=required, added_by=actor, folder=f"distance/packages/{secrets.token_hex(12)}"), actor)
    for path, content in files.items():
        default_storage.save(f"{package.folder}/{path}", ContentFile(content))
    return package


def listener_of(user: User, package: Package) -> Enrollment:
    enrollment = Enrollment.objects.filter(person__user=user, offering_id=package.section.offering_id, status=Enrollment.Status.ENROLLED).first()
    if enrollment is None:
        raise NotAllowed(_("This package is not in a course of yours."))
    return enrollment


def commit_token(package: Package, enrollment: Enrollment) -> str:
    """The address part a run commits to: signed, so that only this listener's run of this
    package is written (the final commit goes by the browser's beacon, which sends no CSRF header)."""
    return signing.dumps([package.pk, enrollment.pk], salt=SALT, compress=True)


@transaction.atomic
def commit(*, user: User, package: Package, token: str, cmi: object) -> PackageAttempt:
    """Keep what a run committed; a finished run with a score puts it into the journal."""
    enrollment = listener_of(user, package)
    try:
        signed = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise NotAllowed(_("This run is not yours.")) from None
    if signed != [package.pk, enrollment.pk]:
        raise NotAllowed(_("This run is not yours."))
    if not isinstance(cmi, dict):
        raise DomainError(_("The package sent no runtime data."))
    found = scorm.result(package.version, cmi)
    attempt = PackageAttempt.objects.select_for_update().filter(package=package, enrollment=enrollment).first() or PackageAttempt(package=package, enrollment=enrollment)
    before = (attempt.status, attempt.score)
    attempt.cmi, attempt.status, attempt.passed = cmi, found.status, found.passed or attempt.passed
    if found.score is not None:
        attempt.score = found.score
    save_by(attempt, user)
    if found.finished and (attempt.status, attempt.score) != before:
        xapi.record(user=user, verb=found.status if found.status in ("passed", "failed") else "completed", path=package.get_absolute_url(),
                    name=package.title, course_path=reverse("distance:course", args=[enrollment.offering_id]), score=attempt.score)
    if found.finished and attempt.score is not None:
        journal_services.activity_mark_set(actor=package.added_by, enrollment=enrollment, discipline=package.discipline, activity=package.journal_key,
                                           title=_("SCORM package “%(title)s”") % {"title": package.title}, points=Decimal(attempt.score),
                                           reason=_("Result of the package run"))
    return attempt
