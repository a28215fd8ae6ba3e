"""The emails of fulfilment, each sent at most once per recipient.

A shipped line tells the buyer the courier and tracking number; a line the artisan
cannot send tells the buyer (an apology, a refund coming) and the council staff; a
line the council takes back (refunding the whole order) tells its artisan not to send it;
a refund recorded by the council (or confirmed by Stripe) tells the buyer. Every message goes through
curation's once-only ledger (`notification_send`) under the key
`shipment-event:<id>`, so a task run twice sends nothing twice.

Buyers have no language of their own: their emails are in settings.LANGUAGE_CODE.
"""
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.notifications import (
    SEND_ERRORS,
    Message,
    absolute_url,
    email_render,
    emails_unique,
    notification_send,
)
from fulfilment.models import Courier, LineShipmentEvent
from payments.selectors import order_card_source

logger = logging.getLogger(__name__)

Kind = LineShipmentEvent.Kind

# The couriers' own sites, where the buyer types the number. (Their tracking pages'
# addresses change too often to link a number straight in.)
COURIER_SITES = {
    Courier.JNE: "https://www.jne.co.id",
    Courier.JNT: "https://www.jet.co.id",
    Courier.SICEPAT: "https://www.sicepat.com",
    Courier.POS: "https://www.posindonesia.co.id",
}


def _render(template: str, context: dict) -> tuple[str, str]:
    return email_render(f"fulfilment/email/{template}", context,
                        language=settings.LANGUAGE_CODE)


def council_staff_emails() -> list[str]:
    """Addresses of the active staff users: the council who refund the buyers."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    seen, emails = set(), []
    for email in staff.order_by("pk").values_list("email", flat=True):
        if email.lower() not in seen:
            seen.add(email.lower())
            emails.append(email)
    return emails


def _buyer_message(event: LineShipmentEvent, template: str) -> list[Message]:
    line = event.line
    order = line.order
    if not order.email:
        return []
    shipment = getattr(line, "shipment", None)
    subject, body = _render(template, {
        "event": event, "line": line, "order": order, "shipment": shipment,
        "by_card": order_card_source(order=order) is not None,
        "courier_site": COURIER_SITES.get(shipment.courier, "") if shipment else "",
    })
    return [Message(order.email, subject, body)]


def _staff_messages(event: LineShipmentEvent) -> list[Message]:
    recipients = council_staff_emails()
    if not recipients:
        logger.warning("Line %s cannot be shipped and no staff can be told.", event.line_id)
        return []
    line = event.line
    subject, body = _render("unable_staff", {
        "event": event, "line": line, "order": line.order,
        "url": absolute_url(reverse("fulfilment-unable-lines")),
    })
    return [Message(recipient, subject, body) for recipient in recipients]


def _taken_back_by_council(event: LineShipmentEvent) -> bool:
    """An "unable" event written by council staff (line_withdraw), not by the artisan."""
    line = event.line
    return bool(event.actor_id and line.partner_id
                and not line.partner.users.filter(pk=event.actor_id).exists())


def _artisan_messages(event: LineShipmentEvent, template: str) -> list[Message]:
    """The selling business's logins and contact address, in its language."""
    line = event.line
    artisan = getattr(line.partner, "artisan", None) if line.partner_id else None
    if artisan is None:
        return []
    recipients = emails_unique([*line.partner.users.values_list("email", flat=True),
                                artisan.email])
    subject, body = email_render(f"fulfilment/email/{template}", {
        "event": event, "line": line, "order": line.order, "artisan": artisan,
        "url": absolute_url(reverse("portal-order-line-detail", args=[line.pk])),
    }, language=artisan.language or settings.LANGUAGE_CODE)
    return [Message(recipient, subject, body) for recipient in recipients]


def shipment_event_notifications_send(*, event_id: int) -> int:
    """Email the people a shipment event concerns; returns how many emails went out now.

    Safe to run twice. Raises LineShipmentEvent.DoesNotExist, and the first of
    SEND_ERRORS once every recipient has been tried (a retry sends only the rest).
    """
    event = LineShipmentEvent.objects.select_related(
        "line__order__user", "line__shipment", "actor"
    ).get(pk=event_id)
    if event.kind == Kind.SHIPPED:
        messages = _buyer_message(event, "shipped")
    elif event.kind == Kind.UNABLE and _taken_back_by_council(event):
        # The council refunds the whole order: the artisan must not send it; the buyer
        # hears of it with the refund.
        messages = _artisan_messages(event, "withdrawn_artisan")
    elif event.kind == Kind.UNABLE:
        messages = [*_buyer_message(event, "unable_buyer"), *_staff_messages(event)]
    elif event.kind == Kind.REFUNDED:
        messages = _buyer_message(event, "refunded")
    else:
        return 0
    sent, failure = 0, None
    for message in messages:
        try:
            sent += notification_send(
                key=f"shipment-event:{event.pk}", recipient=message.recipient,
                subject=message.subject, body=message.body,
            )
        except SEND_ERRORS as exc:
            logger.warning("Email about line %s to %s failed: %r",
                           event.line_id, message.recipient, exc)
            failure = failure or exc
    if failure is not None:
        raise failure
    return sent
