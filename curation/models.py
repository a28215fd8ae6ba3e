"""Curators and the append-only record of every curation transition."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from curation.states import CurationState


class Curator(models.Model):
    """A council staff member, acting only in the regions they serve."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="curator"
    )
    regions = models.ManyToManyField(
        "catalogue.Region", related_name="curators", verbose_name=_("regions")
    )
    is_lead = models.BooleanField(_("lead curator"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("curator")
        verbose_name_plural = _("curators")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a curation event."""


class CurationEvent(models.Model):
    """One transition of a product's curation. Written once, never changed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Submission withdrawn")
        CLAIMED = "claimed", _("Claimed")
        RELEASED = "released", _("Released")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")
        DELISTED = "delisted", _("Delisted")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        RETIRED = "retired", _("Retired")
        # Not transitions: price and stock change at once and are recorded here.
        PRICE_CHANGED = "price_changed", _("Price changed")
        STOCK_CHANGED = "stock_changed", _("Stock changed")

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="curation_events"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=CurationState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=CurationState.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("curation event")
        verbose_name_plural = _("curation events")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Curation events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Curation events are append-only.")


class Submission(models.Model):
    """One round of curation of a product, from submission to decision.

    The database allows one open submission per product.
    """

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="submissions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=CurationState.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=models.Q(is_open=True),
                name="one_open_submission_per_product",
            ),
        ]

    def __str__(self) -> str:
        return f"Submission {self.pk} of product {self.product_id}"
