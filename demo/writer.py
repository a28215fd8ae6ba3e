"""Writing demo products and everything that hangs off them, in bulk.

Seed data, not transitions: states are written directly, with the submissions and
append-only events the curation services would have left (nothing here updates an
event). Products go through bulk_create (their ids are needed); the rows hanging
off them, several per product, through rows_insert, which is much faster.
Creation times are the ones the specs give.
"""
import base64
import hashlib
import hmac
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from django.conf import settings

from oscar.core.utils import slugify

from catalogue.crafts import CRAFTS, CRAFTS_BY_SLUG, option_group_code
from demo.members import Maker
from demo.rows import rows_insert
from demo.specs import K, ProductSpec, S
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
from curation.models import Criterion, CriterionResult, CurationEvent, Submission
from partner.models import StockRecord

VALUE_FIELDS = {ProductAttribute.TEXT: "value_text", ProductAttribute.FLOAT: "value_float",
                ProductAttribute.INTEGER: "value_integer"}
DECISIONS = {K.APPROVED, K.CHANGES_REQUESTED, K.REJECTED}


@dataclass(frozen=True)
class Catalogue:
    """Ids of the craft classes, categories, attributes and options, by their codes."""

    classes: dict[str, int]
    categories: dict[tuple[str, str], int]
    attributes: dict[tuple[str, str], int]
    options: dict[tuple[str, str], int]  # (option group code, value)

    @classmethod
    def load(cls) -> "Catalogue":
        by_code = dict(Category.objects.filter(code__startswith="craft-")
                       .values_list("code", "pk"))
        return cls(
            classes=dict(ProductClass.objects.values_list("slug", "pk")),
            categories={(craft.slug, slug): by_code[craft.subcategory_code(slug)]
                        for craft in CRAFTS for slug, _name in craft.categories},
            attributes={(slug, code): pk for pk, slug, code in
                        ProductAttribute.objects.values_list("pk", "product_class__slug", "code")},
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
    """Let bulk_create store the given creation times: seed data describes the past.

    It changes the fields for the whole process while it lasts, which is fine for a
    management command and would not be in a web process.
    """
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
    pairs = [(spec, product.pk) for spec, product in zip(specs, products)]
    rows_insert(StockRecord, STOCK_COLUMNS, (_stock(spec, pk, team) for spec, pk in pairs))
    rows_insert(ProductAttributeValue, VALUE_COLUMNS,
                (row for spec, pk in pairs for row in _values(spec, pk, catalogue)))
    rows_insert(ProductCategory, ("product", "category"), (
        (pk, catalogue.categories[(spec.craft, spec.design.category)]) for spec, pk in pairs))
    rows_insert(ProductImage, ("product", "original", "caption", "display_order"), (
        (pk, photos[spec.index], spec.design.title[:200], 0) for spec, pk in pairs))
    rows_insert(Submission, SUBMISSION_COLUMNS,
                (_submission(spec, pk, team) for spec, pk in pairs if spec.steps))
    criteria = list(Criterion.objects.filter(is_active=True).order_by("display_order", "pk"))
    rows_insert(CurationEvent, EVENT_COLUMNS,
                (row for spec, pk in pairs for row in _events(spec, pk, team, criteria)))


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
        verify_code=_verify_code(spec) if approval else None,
        date_created=spec.created_at,
    )


def _verify_code(spec: ProductSpec) -> str:
    """The same code for the same demo product, and not guessable without SECRET_KEY."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-verify-{spec.index}-{spec.design.title}"
                      .encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


STOCK_COLUMNS = ("product", "partner", "partner_sku", "price", "price_currency",
                 "num_in_stock")


def _stock(spec: ProductSpec, product_id: int, team: Team) -> tuple:
    return (product_id, team.makers[spec.artisan.slug].partner_id,
            f"PK-{spec.index + 1:06d}", Decimal(spec.design.price), "IDR", spec.stock)


VALUE_COLUMNS = ("product", "attribute", "value_option", "value_text", "value_float",
                 "value_integer")


def _values(spec: ProductSpec, product_id: int, catalogue: Catalogue):
    craft = CRAFTS_BY_SLUG[spec.craft]
    for attribute in craft.attributes:
        value = spec.design.attributes[attribute.code]
        row = {"value_option": None, "value_text": None, "value_float": None,
               "value_integer": None}
        if attribute.type == ProductAttribute.OPTION:
            group = option_group_code(craft, attribute)
            row["value_option"] = catalogue.options[(group, value)]
        else:
            row[VALUE_FIELDS[attribute.type]] = value
        yield (product_id, catalogue.attributes[(spec.craft, attribute.code)], *row.values())


SUBMISSION_COLUMNS = ("product", "submitted_by", "submitted_at", "claimed_by", "claimed_at",
                      "is_open", "decided_by", "decided_at", "outcome", "note", "due_at")


def _submission(spec: ProductSpec, product_id: int, team: Team) -> tuple:
    submit, claim = spec.step(K.SUBMITTED), spec.step(K.CLAIMED)
    decision = next((step for step in spec.steps if step.kind in DECISIONS), None)
    curator = team.actor(spec, "curator")
    return (
        product_id, team.actor(spec, "artisan"), submit.at,
        curator if claim else None, claim.at if claim else None,
        decision is None,
        curator if decision else None, decision.at if decision else None,
        decision.to_state if decision else "", decision.note if decision else "",
        submit.at + timedelta(days=settings.CURATION_TARGET_DAYS),
    )


EVENT_COLUMNS = ("product", "kind", "actor", "from_state", "to_state", "note", "created_at",
                 "criteria")
# Which demo criterion a sent-back or rejected demo product did not meet.
NOT_MET = {K.CHANGES_REQUESTED: "photos", K.REJECTED: "authentic-technique"}


def _events(spec: ProductSpec, product_id: int, team: Team, criteria: list[Criterion]):
    yield (product_id, K.CREATED, team.actor(spec, "artisan"), "", S.DRAFT, "",
           spec.created_at, [])
    for step in spec.steps:
        judged = _judged(step, criteria) if step.kind in DECISIONS else []
        yield (product_id, step.kind, team.actor(spec, step.by), step.from_state,
               step.to_state, step.note, step.at, judged)


def _judged(step, criteria: list[Criterion]) -> list[dict]:
    """The criteria as the demo curator judged them, as the services record a decision."""
    not_met = NOT_MET.get(step.kind)
    return [
        {"code": c.code, "name_id": c.name_id, "name_en": c.name_en,
         "mandatory": c.is_mandatory,
         "result": CriterionResult.Result.FAILED if c.code == not_met
         else CriterionResult.Result.PASSED,
         "note": step.note if c.code == not_met else ""}
        for c in criteria
    ]
