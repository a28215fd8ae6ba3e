"""Joining's emails, run by Celery after the commit. Each takes ids, loads fresh rows
and is safe to run twice (the once-only ledger of curation.notifications).
"""
from datetime import datetime

from celery import shared_task

from artisans.joining import notifications, selectors
from core.notifications import RETRY_ON_SEND_ERRORS


@shared_task(**RETRY_ON_SEND_ERRORS)
def artisan_application_notify(*, artisan_id: int, stamp: str) -> int:
    """The region's curators hear of a new or renewed application."""
    return notifications.artisan_application_notifications_send(artisan_id=artisan_id,
                                                                 stamp=stamp)


@shared_task(**RETRY_ON_SEND_ERRORS)
def artisan_decision_notify(*, event_id: int | None = None, artisan_id: int | None = None,
                            decision: str = "", stamp: str = "") -> int:
    """The business hears the council's answer, the admission event `event_id`.

    `artisan_id`, `decision` and `stamp` name the answer as tasks queued before the
    admission event log did (the answer of that kind at that moment); such a task
    still sends its email once.
    """
    if event_id is None:
        event = selectors.admission_decision_at(artisan_id=artisan_id, kind=decision,
                                                at=datetime.fromisoformat(stamp))
        if event is None:
            return 0
        event_id = event.pk
    return notifications.artisan_decision_notifications_send(event_id=event_id)


@shared_task(**RETRY_ON_SEND_ERRORS)
def artisan_login_added_notify(*, artisan_id: int, user_id: int, created: bool,
                               stamp: str) -> int:
    """A new login of a business hears how to sign in."""
    return notifications.artisan_login_added_notifications_send(
        artisan_id=artisan_id, user_id=user_id, created=created, stamp=stamp)
