"""When an order is paid, each artisan hears of their own lines, and only of those.

One order may hold pieces of several artisans; each ships their own lines. Every
business gets one email per paid order (its logins and its contact address, in
its language), listing its lines and where to send them. Sent at most once per
recipient through the curation notifications ledger, so a retried task or a
replayed payment webhook sends nothing twice.
"""
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from oscar.apps.order.models import Order

from core.notifications import (
    Message, absolute_url, email_render, emails_unique, messages_send,
)


def _artisans_lines(order: Order) -> dict:
    """The order's lines grouped by the artisan business that sells them."""
    grouped = defaultdict(list)
    for line in order.lines.select_related("partner__artisan", "product"):
        artisan = getattr(line.partner, "artisan", None) if line.partner_id else None
        if artisan is not None:
            grouped[artisan].append(line)
    return grouped


def order_paid_artisans_notify(*, order_id: int) -> int:
    """Email each artisan of a paid order about their own lines; returns how many went out.

    Raises the email backend's error after trying every recipient (see
    core.notifications.messages_send), so that the task retries what is missing.
    """
    order = Order.objects.select_related("shipping_address").get(pk=order_id)
    sent, failure = 0, None
    for artisan, lines in _artisans_lines(order).items():
        recipients = emails_unique([*artisan.partner.users.values_list("email", flat=True),
                              artisan.email])
        subject, body = email_render("payments/email/artisan_lines_paid", {
            "order": order, "artisan": artisan, "lines": lines,
            "address": order.shipping_address,
            "lines_url": absolute_url(reverse("portal-order-lines")),
        }, language=artisan.language or settings.LANGUAGE_CODE)
        done, error = messages_send(
            key=f"order-paid:{order.number}:artisan:{artisan.pk}",
            messages=[Message(recipient, subject, body) for recipient in recipients],
        )
        sent += done
        failure = failure or error
    if failure is not None:
        raise failure
    return sent
