"""Payment jobs run by Celery: the hourly expiry of unpaid orders and its email."""
from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from oscar.apps.order.models import Order

from core.notifications import email_render


@shared_task
def orders_cancel_unpaid_task() -> int:
    """Beat (hourly): cancel orders left unpaid past settings.BANK_TRANSFER_DAYS."""
    from shop.payments.services import orders_cancel_unpaid

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
    from shop.payments.artisan_emails import order_paid_artisans_notify

    return order_paid_artisans_notify(order_id=order_id)
