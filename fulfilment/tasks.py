"""Fulfilment jobs run by Celery: the emails after a line is shipped, given up or refunded.

Each takes an event id, loads fresh rows and is safe to run twice (curation's
once-only ledger keeps one row per message).
"""
from celery import shared_task

from curation.tasks import RETRY_ON_SEND_ERRORS
from fulfilment import notifications


@shared_task(**RETRY_ON_SEND_ERRORS)
def shipment_event_notify(*, event_id: int) -> int:
    """Email the people a shipment event concerns; returns how many messages went out now."""
    return notifications.shipment_event_notifications_send(event_id=event_id)
