"""What the outbox holds, for staff and for the status command."""
from django.db.models import Count, Min

from core.outbox.models import OutboxMessage, OutboxState


def outbox_counts() -> list[dict]:
    """Rows waiting or parked, per task and state, with the oldest of each."""
    return list(
        OutboxMessage.objects.exclude(state=OutboxState.SENT)
        .values("task_name", "state")
        .annotate(count=Count("pk"), oldest=Min("created_at"))
        .order_by("state", "task_name")
    )
