"""Writing demo products and everything that hangs off them, in bulk.

Seed data, not transitions: states are written directly, with the submissions and
append-only events the curation services would have left (bulk_create never calls
CurationEvent.save, and nothing here updates an event). Creation times are the
ones the specs give, which auto_now_add would otherwise overwrite.
"""
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from oscar.apps.partner.models import StockRecord
from oscar.core.utils import slugify

from catalogue.crafts import CRAFTS, option_group_code
from catalogue.demo.members import Maker
from catalogue.demo.specs import K, ProductSpec, S
from catalogue.models import (
    AttributeOption,
    Category,
    Product,
    ProductAttribute,
    ProductAttributeValue,
    ProductCategory,
    ProductClass,
    ProductImage,
)
from curation.models import CurationEvent, Submission

VALUE_FIELDS = {ProductAttribute.TEXT: "value_text", ProductAttribute.FLOAT: "value_float",
                ProductAttribute.INTEGER: "value_integer"}
DECISIONS = {K.APPROVED, K.CHANGES_REQUESTED, K.REJECTED}


@dataclass(frozen=True)
class Catalogue:
    """Ids of the craft classes, categories, attributes and options, by their codes."""

    classes: dict[str, int]
    categories: dict[tuple[str, str], int]
    attributes: dict[tuple[str, str], ProductAttribute]
    options: dict[tuple[str, str], int]  # (option group code, value)

    @classmethod
    def load(cls) -> "Catalogue":
        by_code = dict(Category.objects.filter(code__startswith="craft-")
                       .values_list("code", "pk"))
        return cls(
            classes=dict(ProductClass.objects.values_list("slug", "pk")),
            categories={(craft.slug, slug): by_code[craft.subcategory_code(slug)]
                        for craft in CRAFTS for slug, _name in craft.categories},
            attributes={(a.product_class.slug, a.code): a for a in
                        ProductAttribute.objects.select_related("product_class")},
            options={(o.group.code, o.option): o.pk for o in
                     AttributeOption.objects.select_related("group")},
        )


@dataclass(frozen=True)
class Team:
    """Who acts in the demo: the businesses and each region's curator."""

    makers: dict[str, Maker]
    curators: dict[str, int]  # user id by region key

    def actor(self, spec: ProductSpec, by: str) -> int:
        maker = self.makers[spec.artisan.slug]
        return maker.user_id if by == "artisan" else self.curators[maker.region_key]


@contextmanager
def creation_times_kept(*fields):
    """Let bulk_create store the given creation times: seed data describes the past."""
    saved = [(field, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now_add in saved:
            field.auto_now_add = auto_now_add


def products_write(specs: list[ProductSpec], *, catalogue: Catalogue, team: Team,
                   photos: dict[int, str]) -> None:
    """Create the products of `specs` with their stock, attributes, category, photo and history."""
    products = [_product(spec, catalogue, team) for spec in specs]
    with creation_times_kept(Product._meta.get_field("date_created")):
        Product.objects.bulk_create(products)
    pairs = list(zip(specs, products))
    StockRecord.objects.bulk_create([_stock(spec, product, team) for spec, product in pairs])
    ProductAttributeValue.objects.bulk_create(
        [value for spec, product in pairs for value in _values(spec, product, catalogue)])
    ProductCategory.objects.bulk_create([ProductCategory(
        product=product, category_id=catalogue.categories[(spec.craft, spec.design.category)])
        for spec, product in pairs])
    ProductImage.objects.bulk_create([ProductImage(
        product=product, original=photos[spec.index], caption=spec.design.title[:200],
        display_order=0) for spec, product in pairs])
    with creation_times_kept(Submission._meta.get_field("submitted_at")):
        Submission.objects.bulk_create(
            [_submission(spec, product, team) for spec, product in pairs if spec.steps])
    with creation_times_kept(CurationEvent._meta.get_field("created_at")):
        CurationEvent.objects.bulk_create(
            [event for spec, product in pairs for event in _events(spec, product, team)])


@lru_cache(maxsize=4096)
def _slug(title: str) -> str:
    return slugify(title)


def _product(spec: ProductSpec, catalogue: Catalogue, team: Team) -> Product:
    approval = spec.step(K.APPROVED)
    return Product(
        title=spec.design.title, slug=_slug(spec.design.title), description=spec.description,
        structure=Product.STANDALONE, product_class_id=catalogue.classes[spec.craft],
        artisan_id=team.makers[spec.artisan.slug].artisan_id,
        curation_state=spec.state, is_public=spec.state == S.APPROVED,
        published_at=approval.at if approval else None,
        curated_by_id=team.actor(spec, "curator") if approval else None,
        date_created=spec.created_at,
    )


def _stock(spec: ProductSpec, product: Product, team: Team) -> StockRecord:
    return StockRecord(
        product=product, partner_id=team.makers[spec.artisan.slug].partner_id,
        partner_sku=f"PK-{spec.index + 1:06d}", price=Decimal(spec.design.price),
        price_currency="IDR", num_in_stock=spec.stock,
    )


def _values(spec: ProductSpec, product: Product, catalogue: Catalogue):
    craft = next(c for c in CRAFTS if c.slug == spec.craft)
    for attribute in craft.attributes:
        value = spec.design.attributes[attribute.code]
        model = catalogue.attributes[(spec.craft, attribute.code)]
        row = ProductAttributeValue(product=product, attribute=model)
        if attribute.type == ProductAttribute.OPTION:
            row.value_option_id = catalogue.options[(option_group_code(craft, attribute), value)]
        else:
            setattr(row, VALUE_FIELDS[attribute.type], value)
        yield row


def _submission(spec: ProductSpec, product: Product, team: Team) -> Submission:
    submit, claim = spec.step(K.SUBMITTED), spec.step(K.CLAIMED)
    decision = next((step for step in spec.steps if step.kind in DECISIONS), None)
    return Submission(
        product=product, submitted_by_id=team.actor(spec, "artisan"), submitted_at=submit.at,
        claimed_by_id=team.actor(spec, "curator") if claim else None,
        claimed_at=claim.at if claim else None,
        is_open=decision is None,
        decided_by_id=team.actor(spec, "curator") if decision else None,
        decided_at=decision.at if decision else None,
        outcome=decision.to_state if decision else "", note=decision.note if decision else "",
    )


def _events(spec: ProductSpec, product: Product, team: Team):
    yield CurationEvent(product=product, kind=K.CREATED, actor_id=team.actor(spec, "artisan"),
                        from_state="", to_state=S.DRAFT, created_at=spec.created_at)
    for step in spec.steps:
        yield CurationEvent(
            product=product, kind=step.kind, actor_id=team.actor(spec, step.by),
            from_state=step.from_state, to_state=step.to_state, note=step.note,
            created_at=step.at,
        )
