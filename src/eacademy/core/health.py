"""Is the service able to work: the database answers, and the task queue can be reached."""

from django.conf import settings
from django.db import connection


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False


def check_task_queue() -> bool:
    try:
        if settings.TASKS_BACKEND == "rq":
            import django_rq

            return bool(django_rq.get_connection("default").ping())
        if settings.TASKS_BACKEND == "db":
            from django_tasks_db.models import DBTaskResult

            DBTaskResult.objects.exists()
        return True
    except Exception:  # noqa: BLE001
        return False
