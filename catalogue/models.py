"""The craft domain on top of Oscar's catalogue.

Region and Artisan are our own models; Product is Oscar's, extended with its
owner and its curation state. Oscar's models are imported last, as Oscar's
forking guide requires.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductImage
from oscar.apps.catalogue.managers import ProductQuerySet

from catalogue import hooks
from catalogue.photo_storage import (
    artisan_photo_upload_path, product_image_upload_path, product_photo_storage,
)
from catalogue.states import CurationState


class Region(models.Model):
    """The area of one Dekranasda council: a kabupaten, a kota or a province."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Regency")
        KOTA = "kota", _("City")
        PROVINSI = "provinsi", _("Province")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description_id = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    curation_target_days = models.PositiveSmallIntegerField(
        _("curation target (days)"), null=True, blank=True,
        help_text=_("The council's target time from submission to decision; "
                    "empty uses the marketplace default (CURATION_TARGET_DAYS)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The official name, which stays Indonesian in every language."""
        if self.kind == self.Kind.PROVINSI:
            return self.name
        return f"{self.kind.capitalize()} {self.name}"

    @property
    def council_name(self) -> str:
        return f"Dekranasda {self.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("region-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        hooks.region_saved(region=self)

    def description(self, language: str) -> str:
        """The description in the buyer's language, falling back to the other one."""
        if language.startswith("en"):
            return self.description_en or self.description_id
        return self.description_id or self.description_en


class AdmissionState(models.TextChoices):
    """Where an artisan business's application to join stands (artisans.joining)."""

    PENDING = "pending", _("Waiting for the council")
    VERIFIED = "verified", _("Verified")
    DECLINED = "declined", _("Declined")


class Artisan(models.Model):
    """A craft business (IKM): a profile on Oscar's Partner, whose users are its logins."""

    AdmissionState = AdmissionState

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="artisan"
    )
    name = models.CharField(_("business name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="artisans", verbose_name=_("region")
    )
    story_id = models.TextField(_("story (Indonesian)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    nib = models.CharField(
        _("NIB"), max_length=13, blank=True,
        help_text=_("Nomor Induk Berusaha: the 13-digit business number from OSS."),
    )
    crafts = models.ManyToManyField(
        "catalogue.ProductClass", blank=True, related_name="artisans", verbose_name=_("crafts")
    )
    # Public once the business is verified; private while its application is open
    # (catalogue.photo_storage.artisan_photo_upload_path, artisan_photo_follow).
    photo = models.ImageField(_("photo"), upload_to=artisan_photo_upload_path, blank=True,
                              storage=product_photo_storage, max_length=255)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="id",
        help_text=_("The language of the emails the marketplace sends this business."),
    )
    # Where the business's application stands. Only artisans.joining.services moves
    # it, one locked transition at a time, each written to the append-only
    # artisans.AdmissionEvent log: who answered, when and with what note lives there.
    admission_state = models.CharField(
        _("admission"), max_length=16, choices=AdmissionState.choices,
        default=AdmissionState.PENDING, db_index=True,
    )
    # Kept beside admission_state for the many reads that only ask "verified?" and
    # "since when?" (storefront, curation, photo privacy); the constraints below keep
    # them equal to it.
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("artisan")
        verbose_name_plural = _("artisans")
        constraints = [
            models.CheckConstraint(
                condition=Q(nib="") | Q(nib__regex=r"^[0-9]{13}$"), name="artisan_nib_13_digits"
            ),
            models.CheckConstraint(
                condition=Q(admission_state__in=AdmissionState.values),
                name="artisan_admission_state_known",
            ),
            # is_verified and verified_at say what admission_state says, never more.
            models.CheckConstraint(
                condition=(
                    Q(admission_state=AdmissionState.VERIFIED, is_verified=True,
                      verified_at__isnull=False)
                    | (~Q(admission_state=AdmissionState.VERIFIED)
                       & Q(is_verified=False, verified_at__isnull=True))
                ),
                name="artisan_verified_matches_admission_state",
            ),
        ]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        hooks.artisan_saved(artisan=self)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("artisan-detail", kwargs={"slug": self.slug})

    @property
    def application_status(self) -> str:
        """'verified', 'declined' or 'pending': where the business's application stands."""
        return self.admission_state

    def story(self, language: str) -> str:
        """The story in the buyer's language, falling back to the other one."""
        if language.startswith("en"):
            return self.story_en or self.story_id
        return self.story_id or self.story_en


class CraftProductQuerySet(ProductQuerySet):
    """Oscar's product queryset, with "public" meaning curated and published.

    Stock Oscar shows a child product whose parent is hidden; here a variant is
    public only when its parent is too.
    """

    def public(self):
        return self.filter(
            is_public=True, curation_state=CurationState.APPROVED
        ).filter(Q(parent__isnull=True) | Q(parent__is_public=True))

    def browsable(self):
        return self.public().filter(parent=None)


class Product(AbstractProduct):
    # Oscar makes new products public; here only the curation service publishes.
    is_public = models.BooleanField(
        _("Is public"), default=False, db_index=True,
        help_text=_("Set by curation: only approved products are shown."),
    )
    artisan = models.ForeignKey(
        Artisan, on_delete=models.PROTECT, related_name="products", null=True, blank=True,
        verbose_name=_("artisan"),
    )
    curation_state = models.CharField(
        _("curation state"), max_length=20, choices=CurationState.choices,
        default=CurationState.DRAFT, db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("curated by"),
    )
    # The unguessable address of the public curation record (/verify/<code>/),
    # given at the first approval and kept for good: it is printed on hang tags.
    verify_code = models.CharField(max_length=32, unique=True, null=True, blank=True,
                                   editable=False)

    objects = CraftProductQuerySet.as_manager()

    class Meta(AbstractProduct.Meta):
        constraints = [
            # is_public is Oscar's flag; here only an approved product may carry it.
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(curation_state=CurationState.APPROVED),
                name="product_public_only_when_approved",
            ),
        ]
        indexes = [
            models.Index(fields=["curation_state", "is_public", "-date_created"],
                         name="product_state_public_idx"),
        ]

    @property
    def curation_target_days(self) -> int:
        region = self.artisan.region if self.artisan_id else None
        return (region and region.curation_target_days) or settings.CURATION_TARGET_DAYS

    @property
    def is_published(self) -> bool:
        return self.is_public and self.curation_state == CurationState.APPROVED


class ProductImage(AbstractProductImage):
    # Oscar's field, kept in the private storage while the product is not published
    # (catalogue.photo_storage); indexed for the checked view, which finds a photo by name.
    original = models.ImageField(
        _("Original"), upload_to=product_image_upload_path, storage=product_photo_storage,
        max_length=255, db_index=True,
    )
    # Smaller copies made by a Celery task after upload, by name ("thumbnail", "card",
    # "large", "card_webp" ...) -> storage path. Empty until they are made: pages
    # then use the original.
    renditions = models.JSONField(default=dict, blank=True)


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
