"""Background work of distance learning: delivering xAPI statements to the learning record store."""

from django_tasks import task


@task()
def xapi_send() -> int:
    from eacademy.distance.services import xapi

    return xapi.send()
