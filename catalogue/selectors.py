"""Reads of the catalogue that encode who may see what."""
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from catalogue.models import Artisan, Category, Product, ProductCategory, Region
from partner.models import StockRecord


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


def products_owned_by(*, artisan: Artisan) -> QuerySet[Product]:
    """An artisan business's own products in every state (not their variants)."""
    return Product.objects.filter(artisan=artisan, parent__isnull=True)


def products_of_artisan_user(*, user) -> QuerySet[Product]:
    """The products an artisan's login may see and edit: its own business's, nothing else."""
    if not user.is_authenticated:
        return Product.objects.none()
    return Product.objects.filter(artisan__partner__users=user, parent__isnull=True)


# --- Storefront reads ---------------------------------------------------------
# Every list a buyer can reach starts from products_public(); the helpers below
# only narrow it down or attach what a product card needs.


def products_for_cards(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """`queryset` with what a product card shows loaded up front.

    The number of queries for a page of cards stays the same however many cards
    it holds: artisan and region, craft, stock records (price and availability),
    images, and the public variants of a parent product with their stock.
    """
    return queryset.select_related("artisan__region", "product_class").prefetch_related(
        "stockrecords",
        "images",
        Prefetch(
            "children",
            queryset=Product.objects.public().prefetch_related("stockrecords"),
            to_attr="_prefetched_public_children",
        ),
    )


def products_in_category(*, category: Category) -> QuerySet[Product]:
    """Public products filed under `category` or any category below it."""
    in_subtree = ProductCategory.objects.filter(
        product=OuterRef("pk"), category__path__startswith=category.path
    )
    return products_public().filter(Exists(in_subtree))


def products_of_region(*, region: Region) -> QuerySet[Product]:
    """Public products made by the artisans of `region`."""
    return products_public().filter(artisan__region=region)


def products_of_artisan(*, artisan: Artisan) -> QuerySet[Product]:
    """Public products of one artisan business."""
    return products_public().filter(artisan=artisan)


def products_search(*, q: str) -> QuerySet[Product]:
    """Public products matching every word of `q` in their title, description,
    artisan name or region name (case-insensitive).

    A stand-in for real full-text search: it keeps the signature so that an
    Elasticsearch-backed version can replace it. An empty query matches nothing.
    """
    words = q.split()
    if not words:
        return products_public().none()
    queryset = products_public()
    for word in words[:10]:  # a pasted paragraph should not become a 500-join query
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(artisan__name__icontains=word)
            | Q(artisan__region__name__icontains=word)
        )
    return queryset


PRODUCT_SORTS = ("newest", "price-asc", "price-desc")


def products_ordered(queryset: QuerySet[Product], *, sort: str = "") -> QuerySet[Product]:
    """`queryset` in one of the storefront's sort orders (PRODUCT_SORTS); newest first by default."""
    if sort in ("price-asc", "price-desc"):
        # A parent product has no stock of its own: it sorts by its cheapest public variant.
        lowest_price = StockRecord.objects.filter(
            Q(product=OuterRef("pk"))
            | Q(product__parent=OuterRef("pk"), product__in=Product.objects.public())
        ).order_by("price")
        queryset = queryset.annotate(lowest_price=Subquery(lowest_price.values("price")[:1]))
        if sort == "price-asc":
            return queryset.order_by(F("lowest_price").asc(nulls_last=True), "-pk")
        return queryset.order_by(F("lowest_price").desc(nulls_last=True), "-pk")
    return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")


def artisans_public() -> QuerySet[Artisan]:
    """Artisans a buyer may look up: verified by their council, or with public products."""
    has_public_products = products_public().filter(artisan=OuterRef("pk"))
    return Artisan.objects.filter(Q(is_verified=True) | Exists(has_public_products))


def regions_with_product_counts() -> QuerySet[Region]:
    """Every region, with `num_products`: how many public products its artisans offer."""
    count = (
        products_public()
        .filter(artisan__region=OuterRef("pk"))
        .order_by()
        .values("artisan__region")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Region.objects.annotate(num_products=Coalesce(Subquery(count), 0))


def categories_public() -> QuerySet[Category]:
    """Categories a buyer may browse (public, and every ancestor public too)."""
    return Category.objects.browsable()
