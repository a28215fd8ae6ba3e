"""Card payment jobs run by Celery: applying a stored webhook event, and the emails."""
from celery import shared_task
from django.conf import settings
from oscar.apps.order.models import Order

from stripe_payments.errors import CardPaymentUnavailable

BUYER_KINDS = {"paid"}
STAFF_KINDS = {"amount-mismatch", "paid-after-cancel", "refund-failed"}


@shared_task(bind=True, autoretry_for=(CardPaymentUnavailable,), retry_backoff=True,
             max_retries=8)
def stripe_event_process(self, *, event_id: str) -> bool:
    """Apply the stored webhook event `event_id` once (services.stripe_event_apply);
    retried while Stripe cannot be reached."""
    from stripe_payments.services import stripe_event_apply

    return stripe_event_apply(event_id=event_id)


@shared_task
def stripe_events_requeue_task() -> int:
    """Beat: promise again the stored webhook events never applied (a task gave up)."""
    from stripe_payments.services import stripe_events_unapplied_requeue

    return stripe_events_unapplied_requeue()


@shared_task(bind=True, autoretry_for=(CardPaymentUnavailable,), retry_backoff=True,
             max_retries=8)
def stripe_payment_cancel(self, *, payment_id: int) -> bool:
    """Cancel in Stripe the PaymentIntent of a cancelled order
    (services.payment_intent_cancel); retried while Stripe cannot be reached."""
    from stripe_payments.models import StripePayment
    from stripe_payments.services import payment_intent_cancel

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
    from stripe_payments.selectors import payment_staff_emails

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
