"""What the council knows about card payments taken through Stripe.

StripePayment: the one PaymentIntent of an order and what Stripe last said about it.
StripeEvent: every webhook event received, stored before it is applied, so a replay
or a retry is recognised by its event id and applied once.
CardRefund: each refund asked of Stripe, of a line or an amount of the order.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
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


class CardRefund(models.Model):
    """A refund asked of Stripe for an order's card payment: of one line (`line` set,
    from the council's fulfilment pages) or of an amount of the order (`line` empty,
    the order page's form). Its status follows Stripe's refund, confirmed by webhook;
    the money is recorded on the order once, when it turns succeeded.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested, waiting for Stripe")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Failed")

    payment = models.ForeignKey(
        StripePayment, on_delete=models.PROTECT, related_name="refunds",
        verbose_name=_("card payment"),
    )
    line = models.ForeignKey(
        "order.Line", on_delete=models.PROTECT, null=True, blank=True,
        related_name="card_refunds", verbose_name=_("order line"),
    )
    refund_id = models.CharField(_("Stripe refund id"), max_length=255, unique=True)
    amount = models.DecimalField(_("amount (rupiah)"), max_digits=14, decimal_places=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.REQUESTED)
    # The n-th refund asked for this line: part of the idempotency key, so a double
    # click is one refund while a new try after a failure is a new one.
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    reason = models.TextField(_("reason"), blank=True)
    failure_reason = models.CharField(_("why Stripe failed it"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    settled_at = models.DateTimeField(_("confirmed or failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("card refund")
        verbose_name_plural = _("card refunds")
        ordering = ["created_at", "pk"]
        constraints = [
            # A line is refunded once: one refund asked or made at a time.
            models.UniqueConstraint(
                fields=["line"], condition=Q(status__in=["requested", "succeeded"]),
                name="cardrefund_one_open_per_line",
            ),
            models.UniqueConstraint(
                fields=["line", "attempt"], name="cardrefund_line_attempt_unique",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="cardrefund_amount_positive"),
        ]

    def __str__(self):
        return f"{self.refund_id} {self.amount} ({self.status})"
