"""The emails of joining: a new application to the region's curators, the council's
answer to the business, a new login to its person.

Each goes through core.notifications.notification_send, the once-only ledger:
the key names the application, the answer or the new login and the moment it
happened, so a task run twice sends nothing twice, while a business that applies
again after a refusal is announced again.
"""
import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from artisans.joining.selectors import admission_latest_decision
from artisans.models import AdmissionEvent
from catalogue.models import AdmissionState, Artisan
from core.notifications import (
    SEND_ERRORS, absolute_url, email_render, emails_unique, notification_send,
)
from curation.notifications import region_curator_emails

logger = logging.getLogger(__name__)


def _render(template: str, context: dict, *, language: str) -> tuple[str, str]:
    return email_render(f"joining/email/{template}", context, language=language)


def _send_all(*, key: str, recipients: list[str], subject: str, body: str) -> int:
    """Send to each recipient; one refused address does not hold back the others.

    Returns how many went out now. Raises the first of SEND_ERRORS once all were tried.
    """
    sent, failure = 0, None
    for recipient in recipients:
        try:
            sent += notification_send(key=key, recipient=recipient, subject=subject, body=body)
        except SEND_ERRORS as exc:
            logger.warning("Email %s to %s failed: %r", key, recipient, exc)
            failure = failure or exc
    if failure is not None:
        raise failure
    return sent


def _business_recipients(artisan: Artisan) -> list[str]:
    logins = artisan.partner.users.filter(is_active=True).order_by("pk")
    return emails_unique([*logins.values_list("email", flat=True), artisan.email])


def artisan_application_notifications_send(*, artisan_id: int, stamp: str) -> int:
    """Tell the region's curators of a new (or renewed) application still pending.

    Returns how many emails went out now. Raises Artisan.DoesNotExist and SEND_ERRORS.
    """
    artisan = Artisan.objects.select_related("region").get(pk=artisan_id)
    if artisan.admission_state != AdmissionState.PENDING:
        return 0  # answered before the email went out: nothing left to ask for
    recipients = region_curator_emails(region_id=artisan.region_id)
    if not recipients:
        logger.warning("Artisan %s applied in region %s, which has no curator.",
                       artisan.pk, artisan.region_id)
        return 0
    subject, body = _render("application", {
        "artisan": artisan, "region": artisan.region, "crafts": list(artisan.crafts.all()),
        "url": absolute_url(reverse("curation-artisan-detail", kwargs={"pk": artisan.pk})),
    }, language=settings.LANGUAGE_CODE)
    return _send_all(key=f"artisan:{artisan.pk}:applied:{stamp}", recipients=recipients,
                     subject=subject, body=body)


def artisan_decision_notifications_send(*, event_id: int) -> int:
    """Tell the business's logins of the council's answer (a "verified" or "declined"
    admission event), with its note, in the business's language.

    Sends nothing when that answer is no longer the business's latest (a later answer
    has its own email). The ledger key names the answer and its moment, as it did
    before the event log. Returns how many emails went out now. Raises
    AdmissionEvent.DoesNotExist and SEND_ERRORS.
    """
    event = AdmissionEvent.objects.select_related(
        "artisan__region", "artisan__partner").get(pk=event_id)
    artisan = event.artisan
    latest = admission_latest_decision(artisan=artisan)
    if latest is None or latest.pk != event.pk or artisan.admission_state != event.to_state:
        return 0
    decision, stamp = event.kind, event.created_at.isoformat()
    recipients = _business_recipients(artisan)
    language = artisan.language or settings.LANGUAGE_CODE
    subject, body = _render(decision, {
        "artisan": artisan, "region": artisan.region, "note": event.note,
        "url": absolute_url(reverse("portal-artisan-profile")),
    }, language=language)
    return _send_all(key=f"artisan:{artisan.pk}:{decision}:{stamp}", recipients=recipients,
                     subject=subject, body=body)


def set_password_url(user) -> str:
    """The full address where `user` chooses a password (Django's reset token)."""
    return absolute_url(reverse("password-reset-confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }))


def artisan_login_added_notifications_send(*, artisan_id: int, user_id: int, created: bool,
                                           stamp: str) -> int:
    """Tell a new login of the business it can sign in; a new account gets a link to
    choose its password. Nothing when the login was removed meanwhile.

    Returns how many emails went out now. Raises Artisan.DoesNotExist and SEND_ERRORS.
    """
    artisan = Artisan.objects.select_related("region", "partner").get(pk=artisan_id)
    login = artisan.partner.users.filter(pk=user_id, is_active=True).first()
    if login is None or not login.email:
        return 0
    needs_password = created and not login.has_usable_password()
    subject, body = _render("login_added", {
        "artisan": artisan, "region": artisan.region, "login": login,
        "needs_password": needs_password,
        "url": set_password_url(login) if needs_password
        else absolute_url(reverse("portal-product-list")),
        "password_reset_timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }, language=artisan.language or settings.LANGUAGE_CODE)
    return _send_all(key=f"artisan:{artisan.pk}:login:{login.pk}:{stamp}",
                     recipients=[login.email], subject=subject, body=body)
