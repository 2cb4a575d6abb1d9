"""Learning events as xAPI 1.0.3 statements for an external learning record store (the
Academy's, when XAPI_LRS_URL is set): recorded beside the event in its transaction, sent by the
task worker in batches, and retried after XAPI_RETRY_SECONDS while the store is down. The
actor is an account on this site (its number), never a name or an e-mail address."""

import base64
import datetime
import json
import logging
import urllib.error
import urllib.request
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from eacademy.core.models import User
from eacademy.distance.models import Statement

logger = logging.getLogger(__name__)
VERBS = {
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "submitted": "http://activitystrea.ms/schema/1.0/submit",
    "scored": "http://adlnet.gov/expapi/verbs/scored",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "commented": "http://adlnet.gov/expapi/verbs/commented",
}
BATCH = 500


def record(*, user: User, verb: str, path: str, name: str, course_path: str, score: Decimal | None = None) -> Statement | None:
    """Keep a statement that `user` did `verb` to the activity at `path` of the course at
    `course_path`; nothing when no store is configured."""
    if not settings.XAPI_LRS_URL:
        return None
    statement_id = uuid.uuid4()
    payload: dict[str, object] = {
        "id": str(statement_id),
        "actor": {"objectType": "Agent", "account": {"homePage": settings.SITE_URL, "name": str(user.pk)}},
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": f"{settings.SITE_URL}{path}", "definition": {"name": {"ru-RU": name[:200]}}},
        "context": {"platform": "E-Academy", "contextActivities": {"parent": [{"id": f"{settings.SITE_URL}{course_path}", "objectType": "Activity"}]}},
        "timestamp": timezone.now().isoformat(),
    }
    if score is not None:
        payload["result"] = {"score": {"scaled": float(Decimal(score) / 100), "raw": float(score), "min": 0, "max": 100}}
    statement = Statement.objects.create(id=statement_id, verb=verb, payload=payload)
    transaction.on_commit(_enqueue)
    return statement


def _enqueue(delay: int = 0) -> None:
    from django_tasks import default_task_backend

    from eacademy.distance.tasks import xapi_send  # the task module imports this one

    if delay and default_task_backend.supports_defer:
        xapi_send.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue()
    elif not delay:
        xapi_send.enqueue()


def _post(statements: list[dict[str, object]]) -> None:
    url = settings.XAPI_LRS_URL.rstrip("/") + "/statements"
    request = urllib.request.Request(url, data=json.dumps(statements).encode(), method="POST", headers={  # noqa: S310 - the configured store
        "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3",
        "Authorization": "Basic " + base64.b64encode(f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}".encode()).decode()})
    try:
        with urllib.request.urlopen(request, timeout=settings.XAPI_TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as exc:
        if exc.code != 409:  # 409: the store has them already (a batch sent twice): delivered
            raise


def send() -> int:
    """Send what the store has not taken, oldest first, in batches; returns how many it took.
    When it is down, the statements stay and another try is scheduled."""
    sent = 0
    while True:
        batch = list(Statement.objects.filter(sent_at=None).order_by("created_at")[:BATCH])
        if not batch:
            return sent
        try:
            _post([s.payload for s in batch])
        except (OSError, urllib.error.URLError) as exc:
            Statement.objects.filter(pk__in=[s.pk for s in batch]).update(tries=F("tries") + 1)
            logger.warning("learning record store unreachable: statements kept for a retry", extra={"waiting": len(batch), "error": type(exc).__name__})
            _enqueue(settings.XAPI_RETRY_SECONDS)
            return sent
        Statement.objects.filter(pk__in=[s.pk for s in batch]).update(sent_at=timezone.now())
        sent += len(batch)
