"""Reads of the curation workflow that encode who may see what."""
from django.db.models import Q, QuerySet

from catalogue.models import Product, Region
from curation.models import Criterion, Curator, Submission
from curation.states import CurationState


def curator_for_user(*, user) -> Curator | None:
    """The curator profile of this user, or None if they are not a curator."""
    if not user.is_authenticated:
        return None
    return Curator.objects.filter(user=user).first()


def regions_curated_by(*, user) -> QuerySet[Region]:
    """The regions this user curates: all for a superuser, their own for a curator."""
    if not user.is_authenticated:
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(curators__user=user)


def user_curates_region(*, user, region_id: int) -> bool:
    """Whether this user may act as a curator for products of this region."""
    return regions_curated_by(user=user).filter(pk=region_id).exists()


def curation_queue(*, user) -> QuerySet[Submission]:
    """Open submissions (of new products and of revisions) of the user's regions, oldest first."""
    return (
        Submission.objects.filter(
            is_open=True, product__artisan__region__in=regions_curated_by(user=user),
        )
        .select_related(
            "product__artisan__region", "product__product_class", "claimed_by",
            "submitted_by", "revision",
        )
        .order_by("submitted_at", "pk")
    )


def criteria_for_product(*, product: Product) -> QuerySet[Criterion]:
    """The council's criteria in use for this product's craft, in the council's order."""
    product_class = product.get_product_class()
    return (
        Criterion.objects.filter(is_active=True)
        .filter(Q(crafts=None) | Q(crafts=product_class))
        .distinct()
        .order_by("display_order", "pk")
    )


def products_curated_by(*, user) -> QuerySet[Product]:
    """Every product of the regions this user curates, whatever its state."""
    return Product.objects.filter(artisan__region__in=regions_curated_by(user=user))
