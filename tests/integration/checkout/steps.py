"""The buyer's steps through Oscar's basket and checkout, with the Django test client."""
from django.urls import reverse

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
