"""Where each order line stands on its way to the buyer, and the append-only record of it.

A line sold by an artisan is packed and shipped by that artisan, and delivered when
the buyer says it arrived (or, failing that, some days after shipping). One they
cannot send is marked unable and goes to the council, who refund the buyer; the
council may also refund a line shipped or delivered (a piece returned damaged).
Every move is a fulfilment.services call that writes a LineShipmentEvent.
"""
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel

# Letters and digits only, 6 to 40 of them: every Indonesian courier's receipt
# number (resi / AWB) fits, and a typo such as a pasted sentence does not.
TRACKING_NUMBER_PATTERN = r"^[A-Za-z0-9]{6,40}$"
tracking_number_validator = RegexValidator(
    TRACKING_NUMBER_PATTERN,
    _("A tracking number is 6 to 40 letters and digits, without spaces or signs."),
)


class Courier(models.TextChoices):
    JNE = "jne", "JNE"
    JNT = "jnt", "J&T Express"
    SICEPAT = "sicepat", "SiCepat"
    POS = "pos", "Pos Indonesia"
    OTHER = "other", _("Other courier")


class ShipmentState(models.TextChoices):
    WAITING = "waiting", _("To pack")
    PACKED = "packed", _("Packed")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    UNABLE = "unable", _("Unable to ship")
    REFUNDED = "refunded", _("Refunded")


class LineState(models.TextChoices):
    """Where a line stands as the buyer and the artisan read it (not stored: derived
    from the line's Oscar status and its shipment by fulfilment.selectors.line_state)."""

    AWAITING_PAYMENT = "awaiting-payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    PACKED = "packed", _("Packed")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


class LineShipment(models.Model):
    """One order line's way to the buyer. A paid line without one is waiting to be packed."""

    line = models.OneToOneField(
        "order.Line", on_delete=models.CASCADE, related_name="shipment",
        verbose_name=_("order line"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ShipmentState.choices, default=ShipmentState.WAITING,
    )
    courier = models.CharField(_("courier"), max_length=16, choices=Courier.choices, blank=True)
    courier_other = models.CharField(_("courier's name"), max_length=60, blank=True)
    tracking_number = models.CharField(
        _("tracking number"), max_length=40, blank=True, validators=[tracking_number_validator],
    )
    packed_at = models.DateTimeField(_("packed at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    unable_reason = models.TextField(_("why it cannot be sent"), blank=True)
    unable_at = models.DateTimeField(_("marked unable at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("refunded by"),
    )
    refund_note = models.TextField(_("refund note"), blank=True)
    # Why a line that had been shipped is refunded (returned, arrived broken...).
    refund_reason = models.TextField(_("why it is refunded"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("updated by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("line shipment")
        verbose_name_plural = _("line shipments")
        indexes = [
            models.Index(fields=["state", "unable_at"], name="lineshipment_state_unable"),
            # The beat's search for lines shipped long ago.
            models.Index(fields=["state", "shipped_at"], name="lineshipment_state_shipped"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tracking_number="") | Q(tracking_number__regex=TRACKING_NUMBER_PATTERN),
                name="lineshipment_tracking_number_format",
            ),
            # Shipped means the buyer can follow it: a courier and a number.
            models.CheckConstraint(
                condition=~Q(state="shipped") | (~Q(courier="") & ~Q(tracking_number="")),
                name="lineshipment_shipped_has_tracking",
            ),
            models.CheckConstraint(
                condition=~Q(courier="other") | ~Q(courier_other=""),
                name="lineshipment_other_courier_named",
            ),
            models.CheckConstraint(
                condition=~Q(state="unable") | ~Q(unable_reason=""),
                name="lineshipment_unable_has_reason",
            ),
            # A refund says why: the piece could not be sent, or why it came back.
            models.CheckConstraint(
                condition=~Q(state="refunded") | ~Q(unable_reason="") | ~Q(refund_reason=""),
                name="lineshipment_refunded_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state="delivered") | Q(delivered_at__isnull=False),
                name="lineshipment_delivered_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="refunded") | Q(refunded_at__isnull=False),
                name="lineshipment_refunded_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_id}: {self.state}"

    @property
    def courier_name(self) -> str:
        """The courier as the buyer knows it ("JNE", or the name typed for another)."""
        if self.courier == Courier.OTHER:
            return self.courier_other
        return self.get_courier_display() if self.courier else ""


class LineShipmentEvent(AppendOnlyModel):
    """One move of an order line's shipment. Written once, never changed."""

    class Kind(models.TextChoices):
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        UNABLE = "unable", _("Marked unable to ship")
        REFUNDED = "refunded", _("Refunded")

    line = models.ForeignKey(
        "order.Line", on_delete=models.CASCADE, related_name="shipment_events",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_state = models.CharField(max_length=16, choices=ShipmentState.choices)
    to_state = models.CharField(max_length=16, choices=ShipmentState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    # As shipped: the shipment row can be corrected later, the event stays.
    courier = models.CharField(max_length=60, blank=True)
    tracking_number = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("shipment event")
        verbose_name_plural = _("shipment events")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.from_state} → {self.to_state}"
