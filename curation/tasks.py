"""Curation jobs run by Celery: emails after events, the overdue reminder and
escalation, and lapsed claims. Each takes ids, loads fresh rows and is safe to run
twice (see curation.notifications for the once-only ledger).
"""
from celery import shared_task

from curation import notifications
from curation.notifications import SEND_ERRORS

# A mail server that is down: retry after about 1, 2, 4, 8 and 16 minutes (jittered).
# Recipients already sent are skipped on retry.
RETRY_ON_SEND_ERRORS = {
    "autoretry_for": SEND_ERRORS, "retry_backoff": 60, "retry_backoff_max": 30 * 60,
    "retry_jitter": True, "max_retries": 5,
}


@shared_task(**RETRY_ON_SEND_ERRORS)
def curation_event_notify(*, event_id: int) -> int:
    """Email the people an event concerns; returns how many messages went out now."""
    return notifications.curation_event_notifications_send(event_id=event_id)


@shared_task(**RETRY_ON_SEND_ERRORS)
def curation_overdue_remind_task() -> int:
    """Beat (daily, CURATION_REMINDER_HOUR): each region's curators hear of overdue items."""
    return notifications.curation_overdue_remind()


@shared_task(**RETRY_ON_SEND_ERRORS)
def curation_overdue_escalate_task() -> int:
    """Beat (hourly): items overdue by a second period go to the region's lead curator."""
    return notifications.curation_overdue_escalate()


@shared_task
def claims_release_lapsed_task() -> int:
    """Beat: return lapsed claims to the queue (see CURATION_CLAIM_HOURS)."""
    from curation.services import claims_release_lapsed

    return claims_release_lapsed()
