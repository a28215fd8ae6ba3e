"""Writing curation events and queueing what follows them."""
from curation.models import CurationEvent
from core.outbox.services import outbox_enqueue


def curation_event_record(
    *, product, kind: str, actor, from_state: str, to_state: str, note: str = "",
    revision=None, criteria: list | None = None, on_behalf_of=None,
) -> CurationEvent:
    """Append one event to the product's curation history.

    `revision` is set when the event concerns a pending revision (the states are
    then the revision's); `criteria` holds a decision's judged criteria;
    `on_behalf_of` the artisan business council staff acted for.
    """
    return CurationEvent.objects.create(
        product=product, kind=kind, actor=actor, from_state=from_state, to_state=to_state,
        note=note, revision=revision, criteria=criteria or [], on_behalf_of=on_behalf_of,
    )


def notify_after_commit(event: CurationEvent) -> None:
    """Promise the emails for this event, in the transaction that records it (the outbox)."""
    from curation.tasks import curation_event_notify

    outbox_enqueue(task=curation_event_notify, kwargs={"event_id": event.pk})
