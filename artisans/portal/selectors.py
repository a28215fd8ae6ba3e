"""Reads of the artisan area that encode what an artisan may see and choose."""
from django.db.models import Q, QuerySet

from catalogue.models import Artisan, Category, ProductClass, ProductImage
from catalogue.selectors import products_of_artisan_user

def crafts_for_artisan(*, artisan: Artisan) -> QuerySet[ProductClass]:
    """The crafts an artisan may create products of: the ones on their profile, else all."""
    crafts = artisan.crafts.all()
    if crafts.exists():
        return crafts.order_by("name")
    return ProductClass.objects.order_by("name")


def categories_for_craft(*, product_class: ProductClass) -> QuerySet[Category]:
    """The categories a product of this craft may be filed under.

    A craft's categories are the subtree under the craft's root category (code
    "craft-<slug>", see catalogue/crafts.py, or a root with the craft's slug);
    when there is none, every category.
    """
    roots = Category.objects.filter(
        Q(code=f"craft-{product_class.slug}") | Q(slug=product_class.slug, depth=1)
    )
    if not roots.exists():
        return Category.objects.order_by("path")
    subtree = Q()
    for root in roots:
        subtree |= Q(path__startswith=root.path)
    return Category.objects.filter(subtree).order_by("path")


def product_images_of_artisan_user(*, user) -> QuerySet[ProductImage]:
    """The photos of the products an artisan's login may edit."""
    return ProductImage.objects.filter(product__in=products_of_artisan_user(user=user))
