"""The Django admin shows curated content and never changes it past curation."""
import pytest
from django.contrib import admin
from django.urls import reverse

from catalogue.models import Artisan, Product, ProductAttributeValue, ProductCategory, ProductImage
from partner.models import StockRecord
from tests.factories import ArtisanFactory, published_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(signed_in_superuser):
    return signed_in_superuser


@pytest.mark.parametrize("model", [Product, ProductImage, ProductAttributeValue,
                                   ProductCategory, StockRecord])
def test_curated_content_is_view_only_even_for_a_superuser(rf, superuser, model):
    request = rf.get("/")
    request.user = superuser
    model_admin = admin.site._registry[model]

    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    for inline in model_admin.get_inline_instances(request):
        assert not inline.has_change_permission(request)


def test_posting_the_admin_product_form_changes_nothing(client, superuser):
    product = published_product(title="Batik Sekar Jati")
    url = reverse("admin:catalogue_product_change", args=[product.pk])

    page = client.get(url)
    posted = client.post(url, {"title": "Changed in the admin", "structure": "standalone"})
    price = client.post(reverse("admin:partner_stockrecord_change",
                                args=[product.stockrecords.get().pk]), {"price": "1"})

    assert page.status_code == 200 and b'name="title"' not in page.content
    assert (posted.status_code, price.status_code) == (403, 403)
    product.refresh_from_db()
    assert product.title == "Batik Sekar Jati"
    assert product.stockrecords.get().price != 1


def test_an_artisans_verification_is_not_set_in_the_admin(client, superuser):
    artisan = ArtisanFactory(is_verified=False)
    form = client.get(reverse("admin:catalogue_artisan_change", args=[artisan.pk]))

    assert form.status_code == 200
    assert b'name="is_verified"' not in form.content
    assert not Artisan.objects.get(pk=artisan.pk).is_verified
