"""The one other upload in the shop, Oscar's range product file, is read and never stored.

Issue 11 (photo intake): every path that takes a file was searched. The dashboard's
"File of SKUs or UPCs" on a range's products page is staff-only text, read line by
line; nothing of it reaches storage (RangeProductFileUpload keeps its name and size
only), so it needs no photo pipeline.
"""
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.apps.offer.models import Range, RangeProductFileUpload

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    found = []
    for root in {settings.MEDIA_ROOT, getattr(settings, "PRIVATE_MEDIA_ROOT", None)} - {None}:
        for directory, _subdirectories, names in os.walk(root):
            found += [os.path.join(directory, name) for name in names]
    return found


def test_a_file_of_upcs_adds_its_products_and_stores_no_file(client, product):
    product.upc = "KRIYA-0001"
    product.save(update_fields=["upc"])
    product_range = Range.objects.create(name="Pilihan Dekranasda")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    before = stored_files()

    response = client.post(
        reverse("dashboard:range-products", kwargs={"pk": product_range.pk}),
        {"action": "add_products", "upload_type": RangeProductFileUpload.INCLUDED_PRODUCTS_TYPE,
         "file_upload": SimpleUploadedFile("skus.txt", b"KRIYA-0001\n", content_type="text/plain")},
    )

    assert response.status_code == 302
    assert list(product_range.all_products()) == [product]
    assert RangeProductFileUpload.objects.get().filepath == "skus.txt"
    assert stored_files() == before
