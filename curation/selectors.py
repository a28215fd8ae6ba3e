"""Reads of the curation workflow that encode who may see what."""
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from catalogue.models import Artisan, Product, Region
from curation.models import Criterion, Curator, Submission
from catalogue.states import CurationState


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


def user_may_assist(*, user, artisan) -> bool:
    """Whether council staff may act for this business (assisted upload): a verified
    artisan of a region the user curates."""
    return artisan.is_verified and user_curates_region(user=user, region_id=artisan.region_id)


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


def curation_queue_filtered(
    *, user, status: str = "", kind: str = "", region=None, craft=None,
    now: datetime | None = None,
) -> QuerySet[Submission]:
    """The user's queue narrowed by the queue page's filters (see QueueFilterForm)."""
    queue = curation_queue(user=user)
    now = now or timezone.now()
    if status == "waiting":
        queue = queue.filter(claimed_by=None)
    elif status == "in_review":
        queue = queue.filter(claimed_by__isnull=False)
    elif status == "mine":
        queue = queue.filter(claimed_by=user)
    elif status == "overdue":
        queue = queue.filter(due_at__lt=now)
    if kind == "new":
        queue = queue.filter(revision=None)
    elif kind == "revision":
        queue = queue.filter(revision__isnull=False)
    if region is not None:
        queue = queue.filter(product__artisan__region=region)
    if craft is not None:
        queue = queue.filter(product__product_class=craft)
    return queue


def curation_queue_counts(*, user, now: datetime | None = None) -> dict[str, int]:
    """How many open items the user's queue holds, by status, in one query."""
    now = now or timezone.now()
    return curation_queue(user=user).order_by().aggregate(
        total=Count("pk"),
        waiting=Count("pk", filter=Q(claimed_by=None)),
        in_review=Count("pk", filter=Q(claimed_by__isnull=False)),
        mine=Count("pk", filter=Q(claimed_by=user)),
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        revisions=Count("pk", filter=Q(revision__isnull=False)),
    )


def criteria_for_product(*, product: Product) -> QuerySet[Criterion]:
    """The council's criteria in use for this product's craft (a variant: its parent's)."""
    from curation.criteria import criteria_for_product_class

    return criteria_for_product_class(product_class=product.get_product_class())


def products_curated_by(*, user) -> QuerySet[Product]:
    """Every product of the regions this user curates, whatever its state."""
    return Product.objects.filter(artisan__region__in=regions_curated_by(user=user))


def latest_decision(*, product: Product) -> Submission | None:
    """The council's last decision on the product or its changes, for the artisan to read."""
    return (
        product.submissions.filter(is_open=False, decided_at__isnull=False)
        .exclude(outcome__in=[CurationState.DRAFT, CurationState.WITHDRAWN])
        .select_related("decided_by", "revision")
        .order_by("-decided_at", "-pk")
        .first()
    )


def user_may_see_unpublished(*, user, product: Product) -> bool:
    """Whether the user may see what is not public about a product: its evidence, its
    pending revision's photos, its photos while it is not published.

    As user_may_see_artisans_private for the product's artisan.
    """
    return user_may_see_artisans_private(user=user, artisan=product.artisan)


def user_may_see_artisans_private(*, user, artisan: Artisan | None) -> bool:
    """Whether the user may see a business's unpublished work (photos it keeps for a form).

    The business's own logins, the curators of its region (and superusers), and
    the marketplace's staff, who see every product in the dashboard.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if artisan is None:
        return False
    if artisan.partner.users.filter(pk=user.pk).exists():
        return True
    return user_curates_region(user=user, region_id=artisan.region_id)
