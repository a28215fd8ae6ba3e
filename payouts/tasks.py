"""Payout jobs run by Celery: the artisan's email after a payout is recorded.

Takes a payout id, loads fresh rows and is safe to run twice (curation's once-only
ledger keeps one row per message).
"""
from celery import shared_task

from core.notifications import RETRY_ON_SEND_ERRORS
from payouts import notifications


@shared_task(**RETRY_ON_SEND_ERRORS)
def payout_notify(*, payout_id: int) -> int:
    """Email the artisan that the council transferred a payout; returns how many went out."""
    return notifications.payout_notifications_send(payout_id=payout_id)
