"""Certificates: issue (numbered per series and year, wording frozen at issue, the listener
told), revocation with a reason, reissue, and the batch for a whole course, issued in chunks
with progress and printed as one PDF."""

import secrets
from collections.abc import Callable, Sequence

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from eacademy.catalog.queries import total_hours
from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.names import masked_name
from eacademy.core.services import notification_send, require_role
from eacademy.enrollment.models import Enrollment
from eacademy.journal import certificate_pdf
from eacademy.journal.models import Certificate, CertificateBatch, CertificateCounter, Certification, CertificationResult
from eacademy.journal.rules import REGISTRARS

CHUNK = 50  # a batch commits and reports progress this many certificates at a time


def _numbers(series: str, year: int, count: int) -> range:
    """`count` consecutive numbers of the series and year, taken under a row lock."""
    counter, _created = CertificateCounter.objects.select_for_update().get_or_create(series=series, year=year)
    CertificateCounter.objects.filter(pk=counter.pk).update(last=F("last") + count)
    counter.refresh_from_db(fields=["last"])
    return range(counter.last - count + 1, counter.last + 1)


def _new(enrollment: Enrollment, number: int, year: int, hours: int, replaces: Certificate | None = None) -> Certificate:
    offering, programme = enrollment.offering, enrollment.offering.version.programme
    return Certificate(
        enrollment=enrollment, series=settings.CERTIFICATE_SERIES, year=year, number=number, code=secrets.token_urlsafe(16), issued_at=timezone.now(),
        replaces=replaces, holder=enrollment.person.full_name, programme_kk=programme.name_kk or programme.name_ru, programme_ru=programme.name_ru,
        dates=f"{offering.starts_on:%d.%m.%Y} – {offering.ends_on:%d.%m.%Y}", hours=hours,
    )


def _text(certificate: Certificate) -> certificate_pdf.CertificateText:
    return certificate_pdf.CertificateText(
        number=str(certificate), holder=certificate.holder, programme_kk=certificate.programme_kk, programme_ru=certificate.programme_ru,
        dates=certificate.dates, hours=certificate.hours, issued=f"{timezone.localtime(certificate.issued_at):%d.%m.%Y}",
        verify_url=f"{settings.SITE_URL}{certificate.get_absolute_url()}",
    )


def as_pdf(certificates: Sequence[Certificate]) -> bytes:
    return certificate_pdf.render([_text(c) for c in certificates])


def as_html(certificate: Certificate) -> str:
    """The certificate as a printable page (the same text as its PDF)."""
    text = _text(certificate)
    qr = segno.make(text.verify_url, error="m", mask=0).svg_inline(scale=3)
    return render_to_string("journal/certificate_print.html", {"text": text, "qr": qr, "academy": certificate_pdf.ACADEMY, "fonts_url": ""})


def _issued_message(number: str) -> Callable[[], str]:
    return lambda: _("Your certificate %(number)s is issued.") % {"number": number}


def _tell(certificates: Sequence[Certificate]) -> None:
    for certificate in certificates:
        user = certificate.enrollment.person.user
        if user is not None:
            notification_send(user=user, message=_issued_message(str(certificate)), url="/journal/my/")


def certificate_issue(enrollment: Enrollment, actor: User | None = None, *, replaces: Certificate | None = None) -> Certificate:
    """Issue the certificate of a completed listener (once: a valid one is returned as it is)."""
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update(of=("self",)).select_related("person__user", "offering__version__programme").get(pk=enrollment.pk)
        if enrollment.status != Enrollment.Status.COMPLETED or not _passed().filter(pk=enrollment.pk).exists():
            raise DomainError(_("A certificate is issued only to a listener who has passed the final certification and graduated."))
        existing = Certificate.objects.filter(enrollment=enrollment, status=Certificate.Status.VALID).first()
        if existing is not None:
            return existing
        year = timezone.localdate().year
        (number,) = _numbers(settings.CERTIFICATE_SERIES, year, 1)
        certificate = _new(enrollment, number, year, total_hours([enrollment.offering.version_id])[enrollment.offering.version_id], replaces)
        save_by(certificate, actor)
        _tell([certificate])
    return certificate


@transaction.atomic
def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    require_role(actor, REGISTRARS)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == Certificate.Status.REVOKED:
        raise DomainError(_("The certificate is already revoked."))
    if not reason.strip():
        raise DomainError(_("Say why the certificate is revoked."))
    certificate.status, certificate.revoked_at, certificate.revoked_reason = Certificate.Status.REVOKED, timezone.now(), reason.strip()[:300]
    save_by(certificate, actor, update_fields=["status", "revoked_at", "revoked_reason"])
    return certificate


def certificate_reissue(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revoke and issue anew (a corrected name, a lost paper): the new one names the old."""
    with transaction.atomic():
        old = certificate_revoke(actor=actor, certificate=certificate, reason=reason)
        return certificate_issue(old.enrollment, actor, replaces=old)


def _passed() -> "QuerySet[Enrollment]":
    """Graduates who passed a closed final certification: a certificate is never given on a status alone."""
    passed = CertificationResult.objects.filter(enrollment=OuterRef("pk"), passed=True, certification__kind=Certification.Kind.FINAL,
                                                certification__closed_at__isnull=False)
    return Enrollment.objects.filter(Exists(passed), status=Enrollment.Status.COMPLETED)


def _pending(offering_id: int) -> list[Enrollment]:
    return list(_passed().filter(offering_id=offering_id).exclude(certificates__status=Certificate.Status.VALID)
                .select_related("person__user", "offering__version__programme").order_by("person__last_name", "person__first_name", "id"))


def batch_start(*, actor: User, offering_id: int) -> CertificateBatch:
    require_role(actor, REGISTRARS)
    batch = CertificateBatch.objects.create(offering_id=offering_id, requested_by=actor, total=len(_pending(offering_id)))
    from eacademy.journal.tasks import issue_batch

    transaction.on_commit(lambda: issue_batch.enqueue(batch.pk))
    return batch


def batch_run(batch_id: int) -> CertificateBatch:
    """Issue every missing certificate of the batch's course a chunk at a time (each chunk one
    transaction: numbers, certificates with history, notifications), then print them all."""
    batch = CertificateBatch.objects.select_related("offering", "requested_by").get(pk=batch_id)
    if batch.status == CertificateBatch.Status.FINISHED:  # run twice (the demo, then the worker): done once
        return batch
    pending = _pending(batch.offering_id)
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.RUNNING, total=len(pending))
    hours = total_hours([batch.offering.version_id])[batch.offering.version_id]
    year = timezone.localdate().year
    issued: list[Certificate] = []
    try:
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            with transaction.atomic():
                numbers = _numbers(settings.CERTIFICATE_SERIES, year, len(chunk))
                made = bulk_create_with_history([_new(e, n, year, hours) for e, n in zip(chunk, numbers, strict=True)], Certificate, default_user=batch.requested_by)
                _tell(made)
            issued += made
            CertificateBatch.objects.filter(pk=batch.pk).update(done=len(issued))
        pdf = as_pdf(issued) if issued else None
    except Exception:
        CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FAILED)
        raise
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FINISHED, pdf=pdf)
    batch.refresh_from_db()
    return batch


def holder_masked(certificate: Certificate) -> str:
    return masked_name(certificate.enrollment.person)
