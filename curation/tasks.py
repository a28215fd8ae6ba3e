"""Curation jobs run by Celery: emails after events, the overdue reminder and
escalation, and lapsed claims. Each takes ids, loads fresh rows and is safe to run
twice (see core.notifications for the once-only ledger).
"""
from celery import shared_task

from core.notifications import RETRY_ON_SEND_ERRORS
from curation import notifications


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
