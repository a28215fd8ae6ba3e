"""The buyer's steps through Oscar's basket and checkout, with the Django test client,
and baskets and orders built without the views."""
from django.urls import reverse
from oscar.apps.address.models import Country
from oscar.apps.basket.models import Basket
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.models import ShippingAddress
from oscar.apps.order.utils import OrderCreator

from partner.strategy import Default
from payments.methods import BankTransfer
from shipping.methods import FlatRate

INDONESIAN_ADDRESS = {
    "first_name": "Siti",
    "last_name": "Rahayu",
    "line1": "Jl. Veteran No. 12",
    "line2": "Kel. Kadipaten, Kec. Bojonegoro",
    "line4": "Kabupaten Bojonegoro",
    "state": "Jawa Timur",
    "postcode": "62111",
    "phone_number": "0812 3456 7890",
    "notes": "",
}


def basket_add(client, product, quantity: int = 1):
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
    )


def redirects_to(response, url_name: str) -> bool:
    return response.status_code == 302 and response["Location"].endswith(reverse(url_name))


def checkout_to_preview(client, *, guest_email: str | None = None, address=None):
    """From the basket to the order preview; returns the preview page response."""
    response = client.get(reverse("checkout:index"))
    if guest_email:
        assert response.status_code == 200
        response = client.post(
            reverse("checkout:index"), {"username": guest_email, "options": "anonymous"}
        )
    assert redirects_to(response, "checkout:shipping-address"), response

    response = client.post(
        reverse("checkout:shipping-address"), address or INDONESIAN_ADDRESS
    )
    assert redirects_to(response, "checkout:shipping-method"), response.content[:3000]
    # One shipping method and one payment method: both steps choose and move on.
    response = client.get(reverse("checkout:shipping-method"))
    assert redirects_to(response, "checkout:payment-method"), response
    response = client.get(reverse("checkout:payment-method"))
    assert redirects_to(response, "checkout:payment-details"), response
    response = client.get(reverse("checkout:payment-details"))
    assert response.status_code == 200
    response = client.get(reverse("checkout:preview"))
    assert response.status_code == 200
    return response


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def basket_with(*products, quantity: int = 1) -> Basket:
    basket = Basket.objects.create()
    basket.strategy = Default()
    for product in products:
        basket.add_product(product, quantity)
    return basket


def place_bank_transfer_order(basket: Basket, *, number: str = "100001", user=None):
    """Place an order as the checkout does: flat-rate shipping, paid by bank transfer."""
    method = FlatRate()
    shipping_charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    address = ShippingAddress.objects.create(
        first_name="Siti", line1="Jl. Veteran 12", line4="Kabupaten Bojonegoro",
        state="Jawa Timur", postcode="62111", country=Country.objects.get(pk="ID"),
    )
    order = OrderCreator().place_order(
        basket=basket, total=total, shipping_method=method, shipping_charge=shipping_charge,
        user=user, shipping_address=address, order_number=number,
        guest_email="" if user else "tamu@example.id",
    )
    for source in BankTransfer().take_payment(order_number=number, total=total):
        source.order = order
        source.save()
    return order
