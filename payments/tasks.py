"""Payment jobs run by Celery: the hourly expiry of unpaid orders and its email; applying
a stored Stripe webhook event, and the card payment emails."""
from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from oscar.apps.order.models import Order

from core.notifications import email_render
from payments.errors import CardPaymentUnavailable

@shared_task
def orders_cancel_unpaid_task() -> int:
    """Beat (hourly): cancel orders left unpaid past settings.BANK_TRANSFER_DAYS."""
    from payments.services import orders_cancel_unpaid

    return orders_cancel_unpaid()


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def order_cancelled_notify(self, *, order_id: int, overdue: bool) -> int:
    """Tell the buyer their order was cancelled (`overdue`: because it was not paid in
    time); returns how many messages went out.
    """
    order = Order.objects.select_related("user").get(pk=order_id)
    if not order.email:
        return 0
    subject, body = email_render("payments/email/order_cancelled", {
        "order": order, "overdue": overdue, "days": settings.BANK_TRANSFER_DAYS,
    }, language=settings.LANGUAGE_CODE)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def order_paid_artisans_notify_task(self, *, order_id: int) -> int:
    """Tell each artisan of a paid order about their own lines (once per recipient)."""
    from payments.artisan_emails import order_paid_artisans_notify

    return order_paid_artisans_notify(order_id=order_id)


# --- cards (Stripe) ---

BUYER_KINDS = {"paid"}
STAFF_KINDS = {"amount-mismatch", "paid-after-cancel", "refund-failed"}


@shared_task(bind=True, autoretry_for=(CardPaymentUnavailable,), retry_backoff=True,
             max_retries=8)
def stripe_event_process(self, *, event_id: str) -> bool:
    """Apply the stored webhook event `event_id` once (services.stripe_event_apply);
    retried while Stripe cannot be reached."""
    from payments.card import stripe_event_apply

    return stripe_event_apply(event_id=event_id)


@shared_task
def stripe_events_requeue_task() -> int:
    """Beat: promise again the stored webhook events never applied (a task gave up)."""
    from payments.card import stripe_events_unapplied_requeue

    return stripe_events_unapplied_requeue()


@shared_task(bind=True, autoretry_for=(CardPaymentUnavailable,), retry_backoff=True,
             max_retries=8)
def stripe_payment_cancel(self, *, payment_id: int) -> bool:
    """Cancel in Stripe the PaymentIntent of a cancelled order
    (services.payment_intent_cancel); retried while Stripe cannot be reached."""
    from payments.models import StripePayment
    from payments.card import payment_intent_cancel

    return payment_intent_cancel(payment=StripePayment.objects.get(pk=payment_id))


def _render(kind: str, context: dict) -> tuple[str, str]:
    from core.notifications import email_render

    return email_render(f"stripe_payments/email/{kind}", context,
                        language=settings.LANGUAGE_CODE)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def stripe_order_notify(self, *, order_id: int, kind: str, message: str = "",
                        key: str = "") -> int:
    """Email about a card payment, once per order, kind and `key` (the curation
    notification ledger; a failed refund's key is its Stripe id): "paid" to the buyer;
    "amount-mismatch", "paid-after-cancel" and "refund-failed" to the staff who manage
    orders. Returns how many messages went out now.
    """
    from core.notifications import notification_send
    from payments.selectors import payment_staff_emails

    order = Order.objects.get(pk=order_id)
    if kind in BUYER_KINDS:
        recipients = [order.email] if order.email else []
    elif kind in STAFF_KINDS:
        recipients = payment_staff_emails()
    else:
        raise ValueError(f"Unknown card payment email: {kind}")
    subject, body = _render(kind, {
        "order": order, "message": message, "shop_name": settings.OSCAR_SHOP_NAME,
    })
    return sum(
        notification_send(key=f"stripe:{kind}:{order.number}" + (f":{key}" if key else ""),
                          recipient=recipient,
                          subject=subject, body=body)
        for recipient in recipients
    )
