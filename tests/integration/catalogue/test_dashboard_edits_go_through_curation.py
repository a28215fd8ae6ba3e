"""Oscar's dashboard changes no product past curation: no edit, create, delete or bulk action."""
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from catalogue.models import Product
from curation.models import CurationEvent
from search.models import ProductDocument
from tests.factories import CuratorFactory, published_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(signed_in_superuser):
    return signed_in_superuser


def live_state(product):
    product.refresh_from_db()
    stock = product.stockrecords.get()
    return (product.title, product.description, product.is_public, product.curation_state,
            stock.price, stock.num_in_stock, product.images.count())


def test_staff_editing_an_approved_product_changes_nothing_live(client, staff):
    product = published_product(title="Batik Sekar Jati")
    before, events = live_state(product), CurationEvent.objects.count()
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})

    page = client.get(url)
    posted = client.post(url, {"title": "Changed by staff", "description": "x",
                               "stockrecords-TOTAL_FORMS": "1", "stockrecords-INITIAL_FORMS": "1",
                               "stockrecords-0-price": "1", "stockrecords-0-num_in_stock": "0"})

    assert page.status_code == 200
    assert b'name="title"' not in page.content
    assert reverse("curation-product", args=[product.pk]).encode() in page.content
    assert posted.status_code == 403
    assert live_state(product) == before
    assert CurationEvent.objects.count() == events
    assert ProductDocument.objects.get(product=product).title == "Batik Sekar Jati"


def test_staff_cannot_create_or_delete_products_in_the_dashboard(client, staff):
    product = published_product()
    count = Product.objects.count()

    create = client.post(reverse("dashboard:catalogue-product-create",
                                 kwargs={"product_class_slug": product.product_class.slug}),
                         {"title": "Made by staff"})
    delete = client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": product.pk}))

    assert (create.status_code, delete.status_code) == (403, 403)
    assert Product.objects.count() == count
    assert Product.objects.get(pk=product.pk).is_public


def test_the_product_list_offers_no_bulk_action_and_refuses_one(client, staff):
    product = published_product()
    listing = client.get(reverse("dashboard:catalogue-product-list"))

    posted = client.post(reverse("dashboard:catalogue-product-list"), {
        "action": "make_products_non_public", "selected_products": [product.pk]})
    confirmed = client.post(reverse("dashboard:catalogue-product-bulk-action"), {
        "action": "make_products_non_public", "selected_products": [product.pk],
        "confirmed": "1"})

    assert listing.status_code == 200
    assert listing.context["actions"] == {}
    assert b"make_products_non_public" not in listing.content
    assert b"set_product_price" not in listing.content
    assert confirmed.status_code == 405
    product.refresh_from_db()
    assert product.is_public and posted.status_code in (200, 302)


def test_the_page_offers_a_curator_of_the_region_the_curation_area_and_assistance(client):
    product = published_product()
    curator = CuratorFactory(regions=[product.artisan.region])
    curator.user.is_staff = True
    curator.user.save()
    curator.user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="catalogue", codename__in=["view_product", "add_product", "change_product"]))
    client.force_login(curator.user)

    page = client.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))

    assert page.status_code == 200
    assert page.context["may_curate"] and page.context["may_assist"]
    assert reverse("curation-assist-start", args=[product.artisan_id]).encode() in page.content
