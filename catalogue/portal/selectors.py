"""Reads of the artisan area that encode what an artisan may see and choose."""
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from oscar.core.loading import get_model

from catalogue.models import Artisan, Category, ProductClass, ProductImage
from catalogue.selectors import products_of_artisan_user
from shop.payments.statuses import LineStatus

# Through get_model: the order app may be forked by checkout work.
Line = get_model("order", "Line")

# Line statuses in which the artisan must send the piece, and so may see where to.
# Listed rather than "not awaiting payment or cancelled", so that a blank or new
# status keeps the buyer's details hidden.
LINE_STATUSES_TO_SHIP = (
    LineStatus.PAID, LineStatus.PACKED, LineStatus.SHIPPED, LineStatus.DELIVERED,
)


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


def order_lines_of_artisan_user(*, user) -> QuerySet:
    """Order lines sold by the user's artisan business, newest order first.

    Only lines whose partner is an artisan's partner that this login belongs to:
    another artisan's line in the same order is not among them. Each line carries
    `buyer_details_visible`: true only once it is paid (LINE_STATUSES_TO_SHIP); until
    then the buyer's name, address and phone are not the artisan's to see, since an
    unpaid order may never be paid.
    """
    if not user.is_authenticated:
        return Line.objects.none()
    return (
        Line.objects.filter(partner__artisan__isnull=False, partner__users=user)
        .annotate(buyer_details_visible=ExpressionWrapper(
            Q(status__in=LINE_STATUSES_TO_SHIP), output_field=BooleanField()
        ))
        .select_related("order", "order__shipping_address", "product")
        .order_by("-order__date_placed", "-pk")
    )
