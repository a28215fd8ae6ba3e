"""Joining's emails, run by Celery after the commit. Each takes ids, loads fresh rows
and is safe to run twice (the once-only ledger of curation.notifications).
"""
from celery import shared_task

from artisans.joining import notifications
from core.notifications import RETRY_ON_SEND_ERRORS


@shared_task(**RETRY_ON_SEND_ERRORS)
def artisan_application_notify(*, artisan_id: int, stamp: str) -> int:
    """The region's curators hear of a new or renewed application."""
    return notifications.artisan_application_notifications_send(artisan_id=artisan_id,
                                                                 stamp=stamp)


@shared_task(**RETRY_ON_SEND_ERRORS)
def artisan_decision_notify(*, artisan_id: int, decision: str, stamp: str) -> int:
    """The business hears the council's answer ("verified" or "declined")."""
    return notifications.artisan_decision_notifications_send(
        artisan_id=artisan_id, decision=decision, stamp=stamp)


@shared_task(**RETRY_ON_SEND_ERRORS)
def artisan_login_added_notify(*, artisan_id: int, user_id: int, created: bool,
                               stamp: str) -> int:
    """A new login of a business hears how to sign in."""
    return notifications.artisan_login_added_notifications_send(
        artisan_id=artisan_id, user_id=user_id, created=created, stamp=stamp)
