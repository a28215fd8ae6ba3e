"""When an order awaiting a card payment is cancelled (staff, or the unpaid-order
expiry), its PaymentIntent is cancelled in Stripe after the commit, so the buyer can no
longer pay for an order whose stock went back on sale."""
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from core.outbox.services import outbox_enqueue
from payments.statuses import OrderStatus
from payments.models import StripePayment
from payments.card import UNCANCELLABLE_STATUSES
from payments.tasks import stripe_payment_cancel


@receiver(order_status_changed, dispatch_uid="stripe_payments.order_cancelled")
def order_cancelled_cancel_intent(sender, order, old_status, new_status, **kwargs):
    if new_status != OrderStatus.CANCELLED:
        return
    payment = (StripePayment.objects.filter(order_id=order.pk)
               .exclude(status__in=UNCANCELLABLE_STATUSES).first())
    if payment is not None:
        outbox_enqueue(task=stripe_payment_cancel, kwargs={"payment_id": payment.pk})
