"""{% stripe_card_payment order %}: on the thank-you page, the way on to paying by card."""
import uuid

from django import template

from payments.selectors import order_awaits_card_payment

register = template.Library()


@register.inclusion_tag("stripe_payments/partials/pay_link.html")
def stripe_card_payment(order):
    return {"order": order, "awaiting": order_awaits_card_payment(order=order)}


@register.filter
def card_refundable(order):
    """The order's card payment when Stripe has taken it and some is left to refund, else None."""
    payment = getattr(order, "stripe_payment", None)
    if payment is None or payment.status != "succeeded":
        return None
    return payment if payment.amount > payment.amount_refunded else None


@register.simple_tag
def one_time_token() -> str:
    """A fresh token for a form whose second submit must not act twice (a refund)."""
    return uuid.uuid4().hex

