from celery import shared_task

from core.outbox.services import outbox_sweep


@shared_task(name="core.outbox.tasks.outbox_sweep_task", ignore_result=True)
def outbox_sweep_task() -> dict:
    """Beat: deliver what the fast path could not (broker down, a task that failed)."""
    return outbox_sweep()


@shared_task(name="core.outbox.tasks.outbox_ping_task", ignore_result=True)
def outbox_ping_task(*, sent_at: str = "") -> str:
    """Does nothing: what outbox_benchmark promises, to time the outbox alone."""
    return sent_at
