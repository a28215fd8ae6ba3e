"""Curators and the append-only record of every curation transition."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel
from catalogue.states import CurationState
from core.storages import private_storage


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


class CurationEvent(AppendOnlyModel):
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
        TAKEN_OVER = "taken_over", _("Claim taken over")
        # Not a transition: content written by someone (e.g. council staff helping the
        # artisan) — see on_behalf_of.
        EDITED = "edited", _("Edited")
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
    # Set when the event concerns a pending revision of a published product: the
    # states are then the revision's, and the product itself stays published.
    revision = models.ForeignKey(
        "curation.ProductRevision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="events",
    )
    # Set when the actor acted for an artisan business (council staff entering a
    # product for an artisan): who acted for whom.
    on_behalf_of = models.ForeignKey(
        "catalogue.Artisan", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    # A decision's criteria as they were judged: [{"code", "name", "result", "note"}].
    criteria = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("curation event")
        verbose_name_plural = _("curation events")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.from_state} → {self.to_state}"


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
    # A submission of a pending revision of a published product, or None for the
    # product itself.
    revision = models.ForeignKey(
        "curation.ProductRevision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="submissions",
    )
    # When the council's target time runs out (see curation_target_days).
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # When the region's lead curator was told the item is overdue by a second period.
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["is_open", "submitted_at"], name="submission_open_age_idx"),
            models.Index(fields=["decided_at"], name="submission_decided_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=models.Q(is_open=True),
                name="one_open_submission_per_product",
            ),
        ]

    def __str__(self) -> str:
        return f"Submission {self.pk} of product {self.product_id}"


class Criterion(models.Model):
    """One thing the council checks before vouching for a product.

    The council admin keeps the list. A criterion with no crafts applies to every craft.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    guidance_id = models.TextField(_("guidance (Indonesian)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    is_mandatory = models.BooleanField(
        _("mandatory"), default=True,
        help_text=_("A product is approved only when every mandatory criterion is passed."),
    )
    asks_evidence = models.BooleanField(
        _("asks for evidence"), default=False,
        help_text=_("The artisan is asked to upload photos that back this criterion, "
                    "for example of the batik being drawn with a canting."),
    )
    crafts = models.ManyToManyField(
        "catalogue.ProductClass", blank=True, related_name="curation_criteria",
        verbose_name=_("crafts"), help_text=_("Leave empty to apply to every craft."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    display_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name_en or self.name_id

    def name(self, language: str) -> str:
        return (self.name_en or self.name_id) if language == "en" else (self.name_id or self.name_en)

    def guidance(self, language: str) -> str:
        if language == "en":
            return self.guidance_en or self.guidance_id
        return self.guidance_id or self.guidance_en


class CriterionResult(models.Model):
    """A curator's judgement of one criterion in one decided submission."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Not met")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="results")
    result = models.CharField(max_length=16, choices=Result.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__display_order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "criterion"],
                                    name="one_result_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.result}"


class Evidence(models.Model):
    """A photo the artisan uploads to back a criterion, e.g. the canting at work."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("criterion")
    )
    # For the council and the artisan only: private storage, through the checked view.
    image = models.ImageField(_("photo"), upload_to="curation/evidence/%Y/%m/",
                              storage=private_storage, db_index=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["criterion__display_order", "created_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"Evidence {self.pk} for {self.criterion} of product {self.product_id}"


OPEN_REVISION_STATES = (
    CurationState.SUBMITTED, CurationState.IN_REVIEW, CurationState.CHANGES_REQUESTED,
)


class ProductRevision(models.Model):
    """Proposed content of a published product, waiting for the council.

    The live product is untouched until the revision is approved. Fields left None
    (or an empty list) are unchanged from the live product.
    """

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="revisions"
    )
    state = models.CharField(
        max_length=20, choices=CurationState.choices, default=CurationState.SUBMITTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    category = models.ForeignKey(
        "catalogue.Category", on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Attribute code -> value as the product form gives it (option values by name).
    attributes = models.JSONField(default=dict, blank=True)
    # Photos of the live product that the revision removes.
    removed_image_ids = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=models.Q(state__in=OPEN_REVISION_STATES),
                name="one_open_revision_per_product",
            ),
        ]

    def __str__(self) -> str:
        return f"Revision {self.pk} of product {self.product_id}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_REVISION_STATES


class RevisionImage(models.Model):
    """A photo a revision adds; it joins the product's gallery on approval."""

    revision = models.ForeignKey(
        ProductRevision, on_delete=models.CASCADE, related_name="new_images"
    )
    # Not public before the approval: private storage, through the checked view.
    original = models.ImageField(upload_to="curation/revisions/%Y/%m/", max_length=255,
                                 storage=private_storage, db_index=True)
    display_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "pk"]
