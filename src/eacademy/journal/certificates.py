"""Certificates: issue (numbered per series and year, PDF frozen at issue, the listener told),
revocation with a reason, reissue, and the batch for a whole course."""

import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.catalog.models import Discipline
from eacademy.core.errors import DomainError
from eacademy.core.models import User
from eacademy.core.services import notification_send
from eacademy.enrollment.models import Enrollment
from eacademy.journal import certificate_pdf
from eacademy.journal.models import Certificate, CertificateBatch, CertificateCounter
from eacademy.journal.rules import REGISTRARS, require
from eacademy.people.names import masked_name


def _next_number(series: str, year: int) -> int:
    counter, _created = CertificateCounter.objects.select_for_update().get_or_create(series=series, year=year)
    CertificateCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return counter.last


def programme_hours(version_id: int) -> int:
    fields = ("lectures", "seminars", "workshops", "consultations", "independent", "internship", "control")
    sums = Discipline.objects.filter(module__version_id=version_id).aggregate(**{f: Sum(f) for f in fields})
    return sum(v or 0 for v in sums.values())


def _text(certificate: Certificate, enrollment: Enrollment, hours: int) -> certificate_pdf.CertificateText:
    offering, programme = enrollment.offering, enrollment.offering.version.programme
    return certificate_pdf.CertificateText(
        number=f"{certificate.series} № {certificate.number:05d}/{certificate.year}", holder=enrollment.person.full_name,
        programme_kk=programme.name_kk or programme.name_ru, programme_ru=programme.name_ru,
        dates=f"{offering.starts_on:%d.%m.%Y} – {offering.ends_on:%d.%m.%Y}", hours=hours,
        issued=f"{timezone.localtime(certificate.issued_at):%d.%m.%Y}", verify_url=f"{settings.SITE_URL}{certificate.get_absolute_url()}",
    )


def certificate_issue(enrollment: Enrollment, actor: User | None = None, *, replaces: Certificate | None = None, hours: int | None = None) -> Certificate:
    """Issue the certificate of a completed listener (once: a valid one is returned as it is)."""
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().select_related("person__user", "offering__version__programme").get(pk=enrollment.pk)
        if enrollment.status != Enrollment.Status.COMPLETED:
            raise DomainError(_("A certificate is issued only to a listener who has completed the course."))
        existing = Certificate.objects.filter(enrollment=enrollment, status=Certificate.Status.VALID).first()
        if existing is not None:
            return existing
        now = timezone.now()
        year = timezone.localdate(now).year
        certificate = Certificate(enrollment=enrollment, series=settings.CERTIFICATE_SERIES, year=year, number=_next_number(settings.CERTIFICATE_SERIES, year),
                                  code=secrets.token_urlsafe(16), issued_at=now, replaces=replaces)
        certificate.pdf = certificate_pdf.render(_text(certificate, enrollment, hours if hours is not None else programme_hours(enrollment.offering.version_id)))
        certificate._history_user = actor  # type: ignore[attr-defined]
        certificate.save()
        user = enrollment.person.user
        if user is not None:
            notification_send(user=user, message=lambda: _("Your certificate %(number)s is issued.") % {"number": certificate}, url="/journal/my/")
    return certificate


@transaction.atomic
def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    require(actor, REGISTRARS)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == Certificate.Status.REVOKED:
        raise DomainError(_("The certificate is already revoked."))
    if not reason.strip():
        raise DomainError(_("Say why the certificate is revoked."))
    certificate.status, certificate.revoked_at, certificate.revoked_reason = Certificate.Status.REVOKED, timezone.now(), reason.strip()[:300]
    certificate._history_user = actor  # type: ignore[attr-defined]
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason"])
    return certificate


def certificate_reissue(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revoke and issue anew (a corrected name, a lost paper): the new one names the old."""
    with transaction.atomic():
        old = certificate_revoke(actor=actor, certificate=certificate, reason=reason)
        return certificate_issue(old.enrollment, actor, replaces=old)


def batch_start(*, actor: User, offering_id: int) -> CertificateBatch:
    require(actor, REGISTRARS)
    pending = Enrollment.objects.filter(offering_id=offering_id, status=Enrollment.Status.COMPLETED).exclude(certificates__status=Certificate.Status.VALID)
    batch = CertificateBatch.objects.create(offering_id=offering_id, requested_by=actor, total=pending.count())
    from eacademy.journal.tasks import issue_batch

    transaction.on_commit(lambda: issue_batch.enqueue(batch.pk))
    return batch


def batch_run(batch_id: int) -> CertificateBatch:
    """Issue every missing certificate of the batch's course, counting progress as it goes."""
    batch = CertificateBatch.objects.select_related("offering").get(pk=batch_id)
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.RUNNING)
    pending = list(Enrollment.objects.filter(offering_id=batch.offering_id, status=Enrollment.Status.COMPLETED)
                   .exclude(certificates__status=Certificate.Status.VALID).order_by("person__last_name", "id"))
    hours = programme_hours(batch.offering.version_id)
    try:
        for done, enrollment in enumerate(pending, start=1):
            certificate_issue(enrollment, batch.requested_by, hours=hours)
            if done % 10 == 0 or done == len(pending):
                CertificateBatch.objects.filter(pk=batch.pk).update(done=done)
    except Exception:
        CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FAILED)
        raise
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FINISHED, total=max(batch.total, len(pending)))
    batch.refresh_from_db()
    return batch


def holder_masked(certificate: Certificate) -> str:
    return masked_name(certificate.enrollment.person)
