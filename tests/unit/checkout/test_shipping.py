"""Flat-rate shipping and Indonesia as the shipping country."""
from decimal import Decimal

import pytest
from oscar.apps.address.models import Country
from oscar.core.loading import get_class

from shipping.methods import FlatRate
from shipping.repository import Repository
from tests.support.checkout import basket_with

pytestmark = pytest.mark.django_db


def test_oscar_loads_our_repository():
    assert get_class("shipping.repository", "Repository") is Repository


def test_one_flat_rate_method_charging_the_setting(settings, published):
    settings.FLAT_RATE_SHIPPING_IDR = 30000
    basket = basket_with(published)

    (method,) = Repository().get_shipping_methods(basket=basket)

    assert isinstance(method, FlatRate) and method.code == "flat-rate"
    charge = method.calculate(basket)
    assert (charge.currency, charge.excl_tax, charge.incl_tax) == (
        "IDR", Decimal("30000"), Decimal("30000")
    )
    assert charge.is_tax_known


def test_indonesia_is_a_shipping_country_from_the_migration():
    country = Country.objects.get(iso_3166_1_a2="ID")

    assert (country.iso_3166_1_a3, country.iso_3166_1_numeric) == ("IDN", "360")
    assert (country.printable_name, country.name) == ("Indonesia", "Republic of Indonesia")
    assert country.is_shipping_country
    assert country.display_order >= 100
