"""The emails of the curation workflow, each sent at most once per recipient.

Every message goes through core.notifications.notification_send, the once-only
ledger: a task that is retried, or run twice, sends nothing twice. Events (`event:<id>`), the daily reminder of overdue items
(`reminder:<date>:region:<id>`) and the escalation of an item overdue by a second
period (`escalation:submission:<id>`) are the keys.
"""
import logging
from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from core.notifications import Message, absolute_url, email_render, emails_unique, messages_send
from curation.models import CurationEvent, Curator, CriterionResult, Submission

logger = logging.getLogger(__name__)

Kind = CurationEvent.Kind
# Kinds that put an item in the region's queue, and the decisions the artisan hears of.
QUEUE_KINDS = {Kind.SUBMITTED, Kind.RESUBMITTED}
DECISION_KINDS = {Kind.APPROVED, Kind.CHANGES_REQUESTED, Kind.REJECTED, Kind.DELISTED}
# Kinds that change who holds a claim (price and stock changes do not).
CLAIM_KINDS = {Kind.CLAIMED, Kind.TAKEN_OVER}
NOT_TRANSITIONS = {Kind.PRICE_CHANGED, Kind.STOCK_CHANGED}


def _render(template: str, context: dict, *, language: str) -> tuple[str, str]:
    return email_render(f"curation/email/{template}", context, language=language)


def _display_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# --- Events ----------------------------------------------------------------------

def curation_event_notifications_send(*, event_id: int) -> int:
    """Email the people a curation event concerns; returns how many emails went out now.

    Queue entries go to the region's curators, decisions to the artisan's logins and
    business address in the artisan's language, a taken-over claim to the curator who
    held it. Safe to run twice. Raises CurationEvent.DoesNotExist, and the first of
    SEND_ERRORS once every recipient has been tried.
    """
    event = CurationEvent.objects.select_related(
        "product__artisan__region", "product__artisan__partner", "actor", "revision"
    ).get(pk=event_id)
    if event.product.artisan is None:
        return 0
    if event.kind in QUEUE_KINDS:
        messages = _queue_messages(event)
    elif event.kind in DECISION_KINDS:
        messages = _decision_messages(event)
    elif event.kind == Kind.TAKEN_OVER:
        messages = _taken_over_messages(event)
    else:
        return 0
    sent, failure = messages_send(key=f"event:{event.pk}", messages=messages)
    if failure is not None:
        raise failure
    return sent


def region_curator_emails(*, region_id: int, leads_only: bool = False,
                          exclude_user_id: int | None = None) -> list[str]:
    """Addresses of the active curators of a region (only its leads, if asked)."""
    curators = Curator.objects.filter(regions=region_id, user__is_active=True)
    if leads_only:
        curators = curators.filter(is_lead=True)
    if exclude_user_id is not None:
        curators = curators.exclude(user_id=exclude_user_id)
    return emails_unique(curators.order_by("pk").values_list("user__email", flat=True))


def _queue_messages(event: CurationEvent) -> list[Message]:
    product = event.product
    artisan = product.artisan
    # A curator who is also one of the artisan's logins needs no news of their own act.
    recipients = region_curator_emails(region_id=artisan.region_id,
                                       exclude_user_id=event.actor_id)
    if not recipients:
        return []
    submission = Submission.objects.filter(product=product, is_open=True).first()
    subject, body = _render("submitted", {
        "event": event, "product": product, "artisan": artisan, "region": artisan.region,
        "submission": submission, "resubmitted": event.kind == Kind.RESUBMITTED,
        "url": absolute_url(reverse("curation-product", kwargs={"pk": product.pk})),
    }, language=settings.LANGUAGE_CODE)
    return [Message(recipient, subject, body) for recipient in recipients]


def _criteria_rows(event: CurationEvent, language: str) -> list[dict]:
    """The decision's criteria, named in `language`, with their results and notes."""
    rows = []
    for criterion in event.criteria or []:
        name_id = criterion.get("name_id") or criterion.get("name") or criterion.get("code", "")
        name_en = criterion.get("name_en") or name_id
        result = criterion.get("result", "")
        label = (CriterionResult.Result(result).label
                 if result in CriterionResult.Result.values else result)
        rows.append({
            "name": name_en if language == "en" else name_id,
            "result": str(label), "mandatory": bool(criterion.get("mandatory")),
            "note": criterion.get("note", ""),
        })
    return rows


def _decision_messages(event: CurationEvent) -> list[Message]:
    product = event.product
    artisan = product.artisan
    recipients = emails_unique(
        [*artisan.partner.users.filter(is_active=True).order_by("pk")
         .values_list("email", flat=True), artisan.email]
    )
    if not recipients:
        return []
    language = artisan.language or settings.LANGUAGE_CODE
    with translation.override(language):
        criteria = _criteria_rows(event, language)
    subject, body = _render("decision", {
        "event": event, "product": product, "artisan": artisan, "region": artisan.region,
        "is_revision": event.revision_id is not None, "criteria": criteria,
        "url": absolute_url(reverse("portal-product-update", kwargs={"pk": product.pk})),
    }, language=language)
    return [Message(recipient, subject, body) for recipient in recipients]


def previous_claimant(event: CurationEvent):
    """The user who held the claim an event took over, read from the event log, or None."""
    earlier = (
        CurationEvent.objects.filter(product_id=event.product_id, revision_id=event.revision_id,
                                     pk__lt=event.pk)
        .exclude(kind__in=NOT_TRANSITIONS)
        .select_related("actor")
        .order_by("-pk")
        .first()
    )
    if earlier is None or earlier.kind not in CLAIM_KINDS or earlier.actor_id == event.actor_id:
        return None
    return earlier.actor


def _taken_over_messages(event: CurationEvent) -> list[Message]:
    claimant = previous_claimant(event)
    if claimant is None or not claimant.is_active or not claimant.email:
        return []
    product = event.product
    subject, body = _render("taken_over", {
        "event": event, "product": product, "artisan": product.artisan,
        "by": _display_name(event.actor),
        "url": absolute_url(reverse("curation-product", kwargs={"pk": product.pk})),
    }, language=settings.LANGUAGE_CODE)
    return [Message(claimant.email, subject, body)]


# --- Overdue items ---------------------------------------------------------------

def _overdue_open_submissions(*, now: datetime):
    return (
        Submission.objects.filter(is_open=True, due_at__lt=now, product__artisan__isnull=False)
        .select_related("product__artisan__region", "claimed_by", "revision")
        .order_by("submitted_at", "pk")
    )


def _overdue_item(submission: Submission, *, now: datetime) -> dict:
    product = submission.product
    return {
        "submission": submission, "product": product, "artisan": product.artisan,
        "age_days": (now - submission.submitted_at).days,
        "claimed_by": _display_name(submission.claimed_by),
        "url": absolute_url(reverse("curation-product", kwargs={"pk": product.pk})),
    }


def curation_overdue_remind(*, now: datetime | None = None) -> int:
    """Send each region's curators one digest a day of the open items past their due date.

    Items are listed oldest first. Returns how many emails went out now; run again on
    the same day (in the council's time zone) it sends nothing new. Raises the first
    of SEND_ERRORS once every curator has been tried.
    """
    now = now or timezone.now()
    # The council's day: the beat runs on CELERY_TIMEZONE, which is TIME_ZONE.
    day = timezone.localdate(now, timezone=ZoneInfo(settings.TIME_ZONE))
    by_region = defaultdict(list)
    for submission in _overdue_open_submissions(now=now):
        by_region[submission.product.artisan.region].append(submission)

    sent, failure = 0, None
    for region, submissions in by_region.items():
        recipients = region_curator_emails(region_id=region.pk)
        if not recipients:
            logger.warning("Region %s has overdue items and no curator to remind.", region.pk)
            continue
        subject, body = _render("reminder", {
            "region": region, "day": day,
            "items": [_overdue_item(s, now=now) for s in submissions],
            "queue_url": absolute_url(reverse("curation-queue")),
        }, language=settings.LANGUAGE_CODE)
        region_sent, region_failure = messages_send(
            key=f"reminder:{day.isoformat()}:region:{region.pk}",
            messages=[Message(recipient, subject, body) for recipient in recipients],
        )
        sent += region_sent
        failure = failure or region_failure
    if failure is not None:
        raise failure
    return sent


def _escalation_overdue(submission: Submission, *, now: datetime) -> bool:
    """Past its due date by a second target period."""
    period = timedelta(days=submission.product.curation_target_days)
    return submission.due_at is not None and now > submission.due_at + period


def curation_overdue_escalate(*, now: datetime | None = None) -> int:
    """Tell the region's lead curators of each open item overdue by a second period.

    A region without a lead curator escalates to the superusers. Each submission is
    escalated once: `escalated_at` is set under the submission's row lock after every
    recipient has the email. Returns how many emails went out now. Raises the first of
    SEND_ERRORS once every item has been tried (those items stay unescalated, and only
    their unsent recipients get the email next time).
    """
    now = now or timezone.now()
    candidates = (
        _overdue_open_submissions(now=now).filter(escalated_at__isnull=True)
    )
    sent, failure = 0, None
    for submission in candidates:
        if not _escalation_overdue(submission, now=now):
            continue
        item_sent, item_failure = _submission_escalate(submission_id=submission.pk, now=now)
        sent += item_sent
        failure = failure or item_failure
    if failure is not None:
        raise failure
    return sent


def _escalation_recipients(region) -> tuple[list[str], bool]:
    """The region's lead curators, or the superusers when it has none (then True)."""
    leads = region_curator_emails(region_id=region.pk, leads_only=True)
    if leads:
        return leads, False
    superusers = get_user_model().objects.filter(is_superuser=True, is_active=True)
    return emails_unique(superusers.order_by("pk").values_list("email", flat=True)), True


def _submission_escalate(*, submission_id: int, now: datetime) -> tuple[int, Exception | None]:
    with transaction.atomic():
        # Only the submission row: two runs wait for each other here, and the second
        # finds it escalated. (Services lock the product first, then this row; we take
        # no product lock, so the order cannot cross.)
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("product__artisan__region", "claimed_by", "revision")
            .get(pk=submission_id)
        )
        if (not submission.is_open or submission.escalated_at is not None
                or not _escalation_overdue(submission, now=now)):
            return 0, None
        region = submission.product.artisan.region
        recipients, no_lead = _escalation_recipients(region)
        if not recipients:
            logger.error("Submission %s is overdue and no one can be told.", submission.pk)
            return 0, None
        subject, body = _render("escalation", {
            **_overdue_item(submission, now=now), "region": region, "no_lead": no_lead,
            "target_days": submission.product.curation_target_days,
        }, language=settings.LANGUAGE_CODE)
        sent, failure = messages_send(
            key=f"escalation:submission:{submission.pk}",
            messages=[Message(recipient, subject, body) for recipient in recipients],
        )
        if failure is None:
            submission.escalated_at = now
            submission.save(update_fields=["escalated_at"])
    return sent, failure
