"""Pricing and availability for Pasar Kriya (loaded by Oscar as partner.strategy).

Oscar's Default strategy (first stock record, stock required, no separate tax),
with one rule added: only a published product can be bought. A product the council
has not approved, or has since delisted, is Unavailable; so Oscar's add-to-basket
form refuses it, and a basket line whose product was delisted blocks checkout.
"""
from oscar.apps.partner.strategy import (
    NoTax,
    StockRequired,
    Structured,
    UseFirstStockRecord,
)

from partner.availability import NotPublished


def product_is_on_sale(product) -> bool:
    """True when the product is published and, for a variant, its parent is too."""
    if not product.is_published:
        return False
    if product.is_child and not product.parent.is_published:
        return False
    return True


class PublishedOnly:
    """Availability mixin: anything not published is NotPublished, whatever its stock."""

    def availability_policy(self, product, stockrecord):
        if not product_is_on_sale(product):
            return NotPublished()
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        if not product_is_on_sale(product):
            return NotPublished()
        return super().parent_availability_policy(product, children_stock)


class Default(PublishedOnly, UseFirstStockRecord, StockRequired, NoTax, Structured):
    """Oscar's Default strategy, refusing unpublished products."""


class Selector:
    """Every buyer gets the same strategy: prices are the artisans' stock record prices."""

    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
