"""The council's commission rates; statements read the payout ledger (payouts.models)."""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RateIsFixed(Exception):
    """Raised when code tries to change a saved commission rate: add a new one instead."""


class CommissionRate(models.Model):
    """The council's commission, in percent of what a buyer paid for a line, from a date.

    A rate applies to orders placed (Asia/Jakarta) on or after `valid_from` until the
    next rate of the same scope starts. A region's own rate wins over the default
    (`region` empty) for that region's artisans. A saved rate is never changed, so a
    month's statement never moves under the artisan's feet: the council adds a new
    rate from a date instead (statements.services).
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
