"""The payout ledger: what the council owes each artisan, one append-only entry at a time.

An artisan's balance is the sum of their entries' `amount` (signed whole rupiah,
positive: the council owes more):

- SALE (credit), one per shipped order line: the line's amount less the council's
  commission, keeping the gross, the rate and the commission it was worked out with;
- REFUND (debit), one per line refunded after it was shipped: the exact opposite of
  that line's SALE;
- PAYOUT (debit), one per Payout: a bank transfer the council made to the artisan;
- ADJUSTMENT (either sign), a correction by council staff, always with a note.

SALE and REFUND entries are written from fulfilment's LineShipmentEvent rows
(payouts.services.ledger_follows_shipment_event, called through fulfilment.hooks in
the transaction that wrote the event); payouts and adjustments by payouts.services. The database
backs every rule it can: one SALE and one REFUND per line, one entry per payout,
the sign and the fields of each kind. Nothing is ever changed or deleted: a mistake
is corrected by another entry.
"""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel
from core.money import rupiah


class Payout(AppendOnlyModel):
    """A bank transfer from the council to an artisan, as staff recorded it."""

    artisan = models.ForeignKey(
        "catalogue.Artisan", on_delete=models.PROTECT, related_name="payouts",
        verbose_name=_("artisan"),
    )
    amount = models.BigIntegerField(_("amount (IDR)"))
    paid_on = models.DateField(_("transferred on"))
    reference = models.CharField(
        _("bank reference"), max_length=64,
        help_text=_("The transfer's reference on the bank statement."),
    )
    note = models.TextField(_("note"), blank=True)
    # The form's one-time token: a second submit of the same form finds this payout.
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
            models.CheckConstraint(condition=~Q(reference=""), name="payout_has_reference"),
            models.UniqueConstraint(
                fields=["artisan", "reference"], name="payout_one_per_artisan_and_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id}: {rupiah(self.amount)} ({self.reference})"


class LedgerEntry(AppendOnlyModel):
    """One movement of what the council owes an artisan. Written once, never changed."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        REFUND = "refund", _("Refund")
        PAYOUT = "payout", _("Payout")
        ADJUSTMENT = "adjustment", _("Adjustment")

    artisan = models.ForeignKey(
        "catalogue.Artisan", on_delete=models.PROTECT, related_name="ledger_entries",
        verbose_name=_("artisan"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    amount = models.BigIntegerField(
        _("amount (IDR)"), help_text=_("Positive: the council owes more; negative: less."),
    )
    # SALE and REFUND: the line, the fulfilment event it follows, and the money of the sale.
    line = models.ForeignKey(
        "order.Line", on_delete=models.PROTECT, null=True, blank=True,
        related_name="ledger_entries", verbose_name=_("order line"),
    )
    shipment_event = models.ForeignKey(
        "fulfilment.LineShipmentEvent", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("shipment event"),
    )
    gross = models.BigIntegerField(_("gross (IDR)"), null=True, blank=True)
    rate = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
    )
    commission = models.BigIntegerField(_("commission (IDR)"), null=True, blank=True)
    payout = models.OneToOneField(
        Payout, on_delete=models.PROTECT, null=True, blank=True, related_name="entry",
        verbose_name=_("payout"),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("recorded by"),
    )
    # ADJUSTMENT: the correction form's one-time token, so a second submit of the same
    # form finds this entry instead of correcting the balance twice.
    idempotency_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False,
    )
    # When it happened (the shipment, the refund, the recording of a payout): the
    # statement month an entry belongs to, in Western Indonesia Time.
    occurred_at = models.DateTimeField(_("date"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["artisan", "occurred_at"], name="ledgerentry_artisan_time"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["line"], condition=Q(kind="sale"), name="ledgerentry_one_sale_per_line",
            ),
            models.UniqueConstraint(
                fields=["line"], condition=Q(kind="refund"),
                name="ledgerentry_one_refund_per_line",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["sale", "refund", "payout", "adjustment"]),
                name="ledgerentry_kind_known",
            ),
            # A sale credits what is owed for the line; its refund debits exactly that.
            models.CheckConstraint(
                condition=~Q(kind__in=["sale", "refund"]) | (
                    Q(line__isnull=False, gross__isnull=False, rate__isnull=False,
                      commission__isnull=False, payout__isnull=True)
                ),
                name="ledgerentry_line_entry_has_money",
            ),
            models.CheckConstraint(
                condition=~Q(kind="sale") | (
                    Q(amount__gte=0) & Q(amount=F("gross") - F("commission"))
                ),
                name="ledgerentry_sale_credits_owed",
            ),
            models.CheckConstraint(
                condition=~Q(kind="refund") | (
                    Q(amount__lte=0) & Q(amount=F("commission") - F("gross"))
                ),
                name="ledgerentry_refund_debits_owed",
            ),
            models.CheckConstraint(
                condition=~Q(kind="payout") | Q(amount__lt=0, payout__isnull=False,
                                                line__isnull=True),
                name="ledgerentry_payout_debits",
            ),
            models.CheckConstraint(
                condition=Q(kind="payout") | Q(payout__isnull=True),
                name="ledgerentry_only_payouts_have_payout",
            ),
            models.CheckConstraint(
                condition=~Q(kind="adjustment") | (
                    ~Q(amount=0) & ~Q(note="") & Q(line__isnull=True, created_by__isnull=False)
                ),
                name="ledgerentry_adjustment_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id}: {self.kind} {self.amount:+d}"


class RateIsFixed(Exception):
    """Raised when code tries to change a saved commission rate: add a new one instead."""


class CommissionRate(models.Model):
    """The council's commission, in percent of what a buyer paid for a line, from a date.

    A rate applies to orders placed (Asia/Jakarta) on or after `valid_from` until the
    next rate of the same scope starts. A region's own rate wins over the default
    (`region` empty) for that region's artisans. A saved rate is never changed, so a
    month's statement never moves under the artisan's feet: the council adds a new
    rate from a date instead (payouts.rates).
    """

    rate = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Percent of what the buyer paid for each line, e.g. 10.00."),
    )
    valid_from = models.DateField(
        _("applies from"),
        help_text=_("Applies to orders placed on or after this day (Western Indonesia Time)."),
    )
    region = models.ForeignKey(
        "catalogue.Region", on_delete=models.PROTECT, null=True, blank=True,
        related_name="commission_rates", verbose_name=_("region"),
        help_text=_("Empty: every region without a rate of its own."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        # Kept from when the rates lived in statements (moved by state only).
        db_table = "statements_commissionrate"
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lte=100), name="commission_rate_0_to_100",
            ),
            models.UniqueConstraint(
                fields=["region", "valid_from"], name="commission_rate_one_per_region_and_day",
            ),
            # NULLs are distinct in a unique index: the default rate needs its own.
            models.UniqueConstraint(
                fields=["valid_from"], condition=Q(region__isnull=True),
                name="commission_rate_one_default_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rate}% ({self.region or _('every region')}, {self.valid_from:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RateIsFixed("A commission rate is never changed: add a new one from a date.")
        super().save(*args, **kwargs)
