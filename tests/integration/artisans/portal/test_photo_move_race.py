"""Two photo moves of one product at the same moment (two tabs of the artisan area).

Each move reads the photos' order under the product's lock: the second waits for the
first and moves its photo in the order the first left, so neither move is lost.
"""
import time

from django.test import Client
from django.urls import reverse

from artisans.portal import services as portal_services
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.support.photos import photo_upload

pytestmark = POSTGRES_RACE


def test_two_moves_at_once_both_count(product, artisan_user, monkeypatch):
    # Given three photos, and two tabs of the artisan area
    first, second, third = (
        portal_services.product_image_add(product=product, user=artisan_user,
                                          file=photo_upload(f"{n}.jpg"))
        for n in range(3))
    tabs = []
    for _ in range(2):
        tab = Client()
        tab.force_login(artisan_user)
        tabs.append(tab)
    # Each move holds the product's lock a moment: the other arrives meanwhile.
    record = portal_services._assisted_edit_record
    monkeypatch.setattr(portal_services, "_assisted_edit_record",
                        lambda *args, **kwargs: (time.sleep(0.5), record(*args, **kwargs))[1])

    def move(tab, image, how):
        return lambda: tab.post(
            reverse("portal-product-photo-move", args=[product.pk, image.pk]), {"move": how})

    # When one tab makes the third photo the main one and the other moves the first later
    responses = run_at_once(move(tabs[0], third, "main"), move(tabs[1], first, "later"),
                            refused=())

    # Then both moves count, in whichever order they ran: 3 first, then 2, then 1
    assert [response.status_code for response in responses] == [302, 302]
    order = list(product.images.order_by("display_order", "pk").values_list("pk", flat=True))
    assert order == [third.pk, second.pk, first.pk]
