"""The shipping address form, shaped for Indonesian addresses."""
import pytest
from oscar.apps.address.models import Country
from oscar.core.loading import get_class

from checkout.forms import ShippingAddressForm
from shipping.provinces import PROVINCES

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "Siti", "last_name": "Rahayu", "line1": "Jl. Veteran No. 12",
    "line4": "Kabupaten Bojonegoro", "state": "Jawa Timur", "postcode": "62111",
    "phone_number": "0812 3456 7890",
}


def form_with(**changes):
    return ShippingAddressForm(data={**VALID, **changes})


def test_oscar_loads_our_form():
    assert get_class("checkout.forms", "ShippingAddressForm") is ShippingAddressForm


def test_province_is_a_required_choice_of_the_38_provinces():
    field = ShippingAddressForm().fields["state"]

    assert field.required
    assert [value for value, _ in field.choices if value] == list(PROVINCES)
    assert len(PROVINCES) == 38


def test_a_valid_indonesian_address_is_accepted_and_ships_to_indonesia():
    form = form_with(postcode="62 111")

    assert form.is_valid(), form.errors
    address = form.save(commit=False)
    assert (address.state, address.postcode, address.country_id) == ("Jawa Timur", "62111", "ID")
    assert address.phone_number.as_e164 == "+6281234567890"


@pytest.mark.parametrize("changes, field", [
    ({"state": ""}, "state"),
    ({"state": "Texas"}, "state"),
    ({"line4": ""}, "line4"),
    ({"postcode": "6211"}, "postcode"),
    ({"postcode": "621110"}, "postcode"),
    ({"postcode": "6211A"}, "postcode"),
    ({"phone_number": ""}, "phone_number"),
    ({"phone_number": "0812"}, "phone_number"),
])
def test_incomplete_or_wrong_fields_are_refused(changes, field):
    form = form_with(**changes)

    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_with_several_shipping_countries_indonesia_is_preselected():
    Country.objects.create(
        iso_3166_1_a2="MY", iso_3166_1_a3="MYS", iso_3166_1_numeric="458",
        printable_name="Malaysia", name="Malaysia", is_shipping_country=True,
    )

    form = ShippingAddressForm()

    assert form.initial["country"].pk == "ID"
    assert form.fields["country"].queryset.count() == 2
