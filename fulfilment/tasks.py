"""Fulfilment jobs run by Celery: the emails after a line is shipped, given up or refunded,
and the beat that marks lines delivered.

Each takes an event id, loads fresh rows and is safe to run twice (curation's
once-only ledger keeps one row per message).
"""
from celery import shared_task

from core.notifications import RETRY_ON_SEND_ERRORS
from fulfilment import notifications


@shared_task(**RETRY_ON_SEND_ERRORS)
def shipment_event_notify(*, event_id: int) -> int:
    """Email the people a shipment event concerns; returns how many messages went out now."""
    return notifications.shipment_event_notifications_send(event_id=event_id)


@shared_task
def lines_deliver_overdue_task() -> int:
    """The beat: lines shipped FULFILMENT_DELIVERED_AFTER_DAYS ago and not confirmed by
    their buyer become delivered (services.lines_deliver_overdue); safe to run twice."""
    from fulfilment.services import lines_deliver_overdue

    return lines_deliver_overdue()
