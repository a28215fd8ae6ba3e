"""What the council knows about card payments taken through Stripe.

StripePayment: the one PaymentIntent of an order and what Stripe last said about it.
StripeEvent: every webhook event received, stored before it is applied, so a replay
or a retry is recognised by its event id and applied once.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class StripePayment(models.Model):
    """The PaymentIntent that collects an order's total (in rupiah, whole)."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="stripe_payment",
        verbose_name=_("order"),
    )
    payment_intent_id = models.CharField(_("PaymentIntent id"), max_length=255, unique=True)
    amount = models.DecimalField(_("amount (rupiah)"), max_digits=14, decimal_places=0)
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    status = models.CharField(_("Stripe status"), max_length=40, blank=True)
    amount_refunded = models.DecimalField(
        _("refunded (rupiah)"), max_digits=14, decimal_places=0, default=0
    )
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("card payment")
        verbose_name_plural = _("card payments")

    def __str__(self):
        return f"{self.payment_intent_id} ({self.status})"


class StripeEvent(models.Model):
    """A webhook event as received (signature checked), and when it was applied."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["received_at", "pk"]

    def __str__(self):
        return f"{self.event_id} {self.type}"
