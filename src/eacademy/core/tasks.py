"""Background work of the core: e-mailing notifications (the worker retries nothing silently:
a failure leaves `emailed_at` empty and is logged without the address)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def email_notification(notification_id: int) -> bool:
    from eacademy.core.models import Notification

    notification = Notification.objects.select_related("user").filter(pk=notification_id, emailed_at=None).first()
    if notification is None or not notification.user.email:
        return False
    send_mail(
        subject="E-Academy",
        message=f"{notification.message}\n\n{settings.SITE_URL}{notification.url}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.user.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    logger.info("notification e-mailed", extra={"notification_id": notification.pk})
    return True
