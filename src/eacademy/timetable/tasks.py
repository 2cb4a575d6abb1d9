"""Background work of the timetable: a solver run."""

from django_tasks import task


@task()
def run_solver(run_id: int) -> str:
    from eacademy.timetable.services import run_execute

    return run_execute(run_id).status
