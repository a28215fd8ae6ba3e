"""The artisan's email after the council records a payout: "the council transferred
Rp X, reference Y", in the artisan's language, to the business's logins and its own
address, once per recipient (curation's ledger, key `payout:<id>`)."""
from django.conf import settings
from django.urls import reverse

from core.notifications import (
    Message, absolute_url, email_render, emails_unique, messages_send,
)
from payouts.models import Payout


def _messages(payout: Payout) -> list[Message]:
    artisan = payout.artisan
    recipients = emails_unique([
        *artisan.partner.users.filter(is_active=True).order_by("pk")
        .values_list("email", flat=True),
        artisan.email,
    ])
    if not recipients:
        return []
    subject, body = email_render("payouts/email/payout", {
        "payout": payout, "artisan": artisan,
        "url": absolute_url(reverse("portal-statement-list")),
    }, language=artisan.language or settings.LANGUAGE_CODE)
    return [Message(recipient, subject, body) for recipient in recipients]


def payout_notifications_send(*, payout_id: int) -> int:
    """Email the artisan's addresses about the payout; returns how many went out now.

    Safe to run twice. Raises Payout.DoesNotExist, and the first of
    core.notifications.SEND_ERRORS once every recipient has been tried.
    """
    payout = Payout.objects.select_related("artisan__partner").get(pk=payout_id)
    sent, failure = messages_send(key=f"payout:{payout.pk}", messages=_messages(payout))
    if failure is not None:
        raise failure
    return sent
