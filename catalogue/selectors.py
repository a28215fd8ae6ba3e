"""Reads of the catalogue that encode who may see what."""
from django.db.models import QuerySet

from catalogue.models import Artisan, Product


def products_public() -> QuerySet[Product]:
    """Products a buyer may reach: curated, published, and (for variants) with a public parent."""
    return Product.objects.browsable()


def artisan_for_user(*, user) -> Artisan | None:
    """The artisan business this login belongs to, or None for anyone else."""
    if not user.is_authenticated:
        return None
    return (
        Artisan.objects.select_related("region", "partner")
        .filter(partner__users=user)
        .first()
    )


def products_of_artisan_user(*, user) -> QuerySet[Product]:
    """The products an artisan's login may see and edit: its own business's, nothing else."""
    if not user.is_authenticated:
        return Product.objects.none()
    return Product.objects.filter(artisan__partner__users=user, parent__isnull=True)
