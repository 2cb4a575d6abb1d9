"""Background work of the journal: certificates."""

from django_tasks import task


@task()
def issue_batch(batch_id: int) -> int:
    from eacademy.journal.certificates import batch_run

    return batch_run(batch_id).done
