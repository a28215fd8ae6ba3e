"""The artisan area through the test client: own products only, create, edit, submit, orders."""
from decimal import Decimal

import pytest
from django.contrib.messages import ERROR, SUCCESS, WARNING
from django.urls import reverse

from catalogue.models import Product
from curation.models import CurationEvent
from catalogue.states import CurationState
from tests.factories import (
    ArtisanFactory, CategoryFactory, OrderFactory, OrderLineFactory, ProductFactory,
    UserFactory, published_product,
)
from tests.support.photos import photo_upload, text_renamed_jpg

from tests.integration.artisans.portal.helpers import create_url, product_post

pytestmark = pytest.mark.django_db


def _portal_urls(product) -> list[str]:
    return [
        reverse("portal-product-list"),
        reverse("portal-product-create"),
        reverse("portal-product-update", args=[product.pk]),
        reverse("portal-order-lines"),
    ]


# --- who gets in ------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_the_login_page(client, product):
    for url in _portal_urls(product):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("customer:login"))
    response = client.post(reverse("portal-product-submit", args=[product.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("customer:login"))
    product.refresh_from_db()
    assert product.curation_state == CurationState.DRAFT


def test_a_logged_in_buyer_gets_403_everywhere(client, product):
    client.force_login(UserFactory())
    for url in _portal_urls(product):
        assert client.get(url).status_code == 403
    assert client.post(reverse("portal-product-submit", args=[product.pk])).status_code == 403
    product.refresh_from_db()
    assert product.curation_state == CurationState.DRAFT


def test_the_list_shows_only_the_artisans_own_products_with_their_state(
    artisan_client, artisan, other_product
):
    own = [ProductFactory(artisan=artisan), published_product(artisan=artisan)]

    response = artisan_client.get(reverse("portal-product-list"))

    assert response.status_code == 200
    assert {p.pk for p in response.context["products"]} == {p.pk for p in own}
    content = response.content.decode()
    assert other_product.title not in content
    assert 'data-state="draft"' in content and 'data-state="approved"' in content


# --- another artisan's things are 404 ------------------------------------------------

def test_another_artisans_product_is_404_and_stays_unchanged(
    artisan_client, other_product, category
):
    photo = other_product.images.create(original=photo_upload())
    urls = [
        reverse("portal-product-update", args=[other_product.pk]),
        reverse("portal-product-submit", args=[other_product.pk]),
        reverse("portal-product-image-delete", args=[other_product.pk, photo.pk]),
    ]
    for url in urls:
        assert artisan_client.get(url).status_code == 404
        response = artisan_client.post(url, {
            "title": "Diambil", "description": "x", "category": category.pk,
            "price": "1", "num_in_stock": "0",
        })
        assert response.status_code == 404

    other_product.refresh_from_db()
    assert other_product.title == "Milik Orang Lain"
    assert other_product.curation_state == CurationState.DRAFT
    assert other_product.stockrecords.get().price == Decimal("1250000")
    assert list(other_product.images.all()) == [photo]
    assert not other_product.curation_events.exists()


def test_own_photo_url_with_another_products_id_is_404(artisan_client, artisan, other_product):
    own = ProductFactory(artisan=artisan)
    photo = other_product.images.create(original=photo_upload())
    url = reverse("portal-product-image-delete", args=[own.pk, photo.pk])
    assert artisan_client.post(url).status_code == 404
    assert other_product.images.count() == 1


# --- submitting ----------------------------------------------------------------------

def test_submitting_an_own_draft_moves_it_to_submitted(artisan_client, product, artisan_user):
    response = artisan_client.post(reverse("portal-product-submit", args=[product.pk]))

    assert response.status_code == 302
    assert response.url == reverse("portal-product-update", args=[product.pk])
    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    assert product.curation_events.get().kind == CurationEvent.Kind.SUBMITTED


def test_an_unverified_artisans_submit_shows_the_services_message_and_keeps_the_draft(
    client, region
):
    product = ProductFactory(artisan=ArtisanFactory(region=region, is_verified=False))
    client.force_login(product.artisan.partner.users.get())

    response = client.post(
        reverse("portal-product-submit", args=[product.pk]), follow=True
    )

    assert response.status_code == 200
    [message] = list(response.context["messages"])
    assert message.level == ERROR
    assert str(message) in response.content.decode()
    product.refresh_from_db()
    assert product.curation_state == CurationState.DRAFT
    assert not product.curation_events.exists()


def test_submit_is_post_only(artisan_client, product):
    assert artisan_client.get(reverse("portal-product-submit", args=[product.pk])).status_code == 405
    product.refresh_from_db()
    assert product.curation_state == CurationState.DRAFT


# --- creating ------------------------------------------------------------------------

def test_create_asks_for_the_craft_first_offering_the_artisans_crafts(artisan_client, craft):
    response = artisan_client.get(reverse("portal-product-create"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["form"].fields["craft"].queryset] == [craft.pk]
    assert "portal/product_craft_choice.html" in [t.name for t in response.templates]


def test_the_create_form_has_the_crafts_attributes_and_no_public_flag(artisan_client, craft):
    response = artisan_client.get(create_url(craft))

    form = response.context["form"]
    assert {"attr_motif", "attr_bahan"} <= set(form.fields)
    assert [o.option for o in form.fields["attr_bahan"].queryset] == ["Katun", "Sutra"]
    assert 'name="attr_bahan"' in response.content.decode()
    assert "<select" in response.content.decode()
    assert "is_public" not in form.fields
    assert 'name="is_public"' not in response.content.decode()


def test_create_makes_a_private_draft_even_when_is_public_is_posted(
    artisan_client, artisan, artisan_user, craft, category
):
    data = product_post(craft, category, is_public="on", curation_state="approved",
                         artisan=ArtisanFactory().pk)
    data["photos"] = [photo_upload("depan.jpg"), photo_upload("belakang.png", "PNG")]

    response = artisan_client.post(create_url(craft), data)

    product = Product.objects.get(title="Tenun Cual Bangka")
    assert response.status_code == 302
    assert response.url == reverse("portal-product-update", args=[product.pk])
    assert (product.artisan, product.product_class) == (artisan, craft)
    assert (product.curation_state, product.is_public) == (CurationState.DRAFT, False)
    assert product.attr.motif == "Kembang Kundur" and product.attr.bahan.option == "Sutra"
    assert product.images.count() == 2
    assert product.stockrecords.get().price == Decimal("2750000")
    assert product.curation_events.get().actor == artisan_user


def test_a_refused_photo_re_renders_the_form_with_what_was_typed(
    artisan_client, craft, category
):
    data = product_post(craft, category, title="Judul yang Diketik",
                         description="Deskripsi yang panjang diketik di ponsel.")
    data["photos"] = [photo_upload("baik.jpg"), text_renamed_jpg("catatan.jpg")]

    response = artisan_client.post(create_url(craft), data)

    assert response.status_code == 200
    assert not Product.objects.filter(title="Judul yang Diketik").exists()
    form = response.context["form"]
    assert any("catatan.jpg" in error for error in form.errors["photos"])
    content = response.content.decode()
    assert 'value="Judul yang Diketik"' in content
    assert "Deskripsi yang panjang diketik di ponsel." in content
    assert "catatan.jpg" in content


def test_create_offers_and_accepts_only_the_crafts_own_categories(
    artisan_client, craft, category
):
    root = CategoryFactory(name="Kriya Uji Portal", slug=craft.slug, code=f"craft-{craft.slug}")
    fabric = root.add_child(name="Fabric", slug="fabric-uji")

    response = artisan_client.get(create_url(craft))
    assert list(response.context["form"].fields["category"].queryset) == [root, fabric]

    response = artisan_client.post(create_url(craft), product_post(craft, category))
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not Product.objects.filter(title="Tenun Cual Bangka").exists()


# --- editing -------------------------------------------------------------------------

def test_editing_an_own_draft_changes_it_and_keeps_it_a_draft(
    artisan_client, artisan, artisan_user, craft, category
):
    artisan_client.post(create_url(craft), product_post(craft, category))
    product = Product.objects.get(title="Tenun Cual Bangka")
    url = reverse("portal-product-update", args=[product.pk])

    form = artisan_client.get(url).context["form"]
    assert form.initial["title"] == "Tenun Cual Bangka"
    assert form.initial["price"] == 2750000

    response = artisan_client.post(url, product_post(
        craft, category, title="Selendang Cual", price="300000", is_public="on",
        photos=[photo_upload()],
    ))
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.title, product.curation_state, product.is_public) == (
        "Selendang Cual", CurationState.DRAFT, False
    )
    assert product.stockrecords.get().price == Decimal("300000")
    assert product.images.count() == 1


def test_deleting_an_own_photo(artisan_client, product, artisan_user):
    from artisans.portal import services

    image = services.product_image_add(product=product, user=artisan_user, file=photo_upload())
    response = artisan_client.post(
        reverse("portal-product-image-delete", args=[product.pk, image.pk])
    )
    assert response.status_code == 302
    assert not product.images.exists()


def test_a_product_in_curation_offers_only_price_and_stock(artisan_client, product,
                                                            artisan_user):
    from curation import services as curation_services

    curation_services.submission_submit(product_id=product.pk, user=artisan_user)
    url = reverse("portal-product-update", args=[product.pk])

    form = artisan_client.get(url).context["form"]
    assert set(form.fields) == {"price", "num_in_stock"}

    # A content form opened before the product was submitted: only price and stock count.
    response = artisan_client.post(url, {"title": "Diganti", "price": "990000",
                                         "num_in_stock": "7"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [m.level for m in response.context["messages"]] == [WARNING, SUCCESS]
    product.refresh_from_db()
    assert product.title != "Diganti"
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("990000"), 7)


# --- order lines ---------------------------------------------------------------------

@pytest.fixture
def shared_order(artisan, other_region):
    """One order holding a line of `artisan` and a line of another artisan."""
    order = OrderFactory()
    own_line = OrderLineFactory(order=order, product=ProductFactory(artisan=artisan), quantity=2)
    other_artisan = ArtisanFactory(region=other_region)
    other_line = OrderLineFactory(order=order, product=ProductFactory(artisan=other_artisan))
    return order, own_line, other_line, other_artisan


def test_each_artisan_sees_only_their_own_lines_of_a_shared_order(
    client, artisan_user, shared_order
):
    order, own_line, other_line, other_artisan = shared_order

    client.force_login(artisan_user)
    response = client.get(reverse("portal-order-lines"))
    assert [line.pk for line in response.context["lines"]] == [own_line.pk]
    assert other_line.title not in response.content.decode()

    client.force_login(other_artisan.partner.users.get())
    response = client.get(reverse("portal-order-lines"))
    assert [line.pk for line in response.context["lines"]] == [other_line.pk]


def test_another_artisans_line_is_404_even_in_a_shared_order(
    artisan_client, shared_order
):
    order, own_line, other_line, _ = shared_order

    response = artisan_client.get(reverse("portal-order-line-detail", args=[own_line.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert order.number in content and own_line.title in content
    assert order.shipping_address.line4 in content

    response = artisan_client.get(reverse("portal-order-line-detail", args=[other_line.pk]))
    assert response.status_code == 404


def test_order_lines_are_newest_first(artisan_client, artisan):
    from datetime import timedelta

    from django.utils import timezone

    old = OrderLineFactory(order=OrderFactory(date_placed=timezone.now() - timedelta(days=3)),
                           product=ProductFactory(artisan=artisan))
    new = OrderLineFactory(order=OrderFactory(), product=ProductFactory(artisan=artisan))

    response = artisan_client.get(reverse("portal-order-lines"))
    assert [line.pk for line in response.context["lines"]] == [new.pk, old.pk]


def test_a_buyer_cannot_see_order_lines(client, shared_order):
    _, own_line, _, _ = shared_order
    client.force_login(UserFactory())
    assert client.get(reverse("portal-order-line-detail", args=[own_line.pk])).status_code == 403


# --- query counts ----------------------------------------------------------------------

def _queries_for(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up: session, basket, thumbnails
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_product_list_query_count_does_not_grow(artisan_client, artisan, artisan_user):
    from artisans.portal import services

    def list_queries(n_products):
        for _ in range(n_products):
            product = ProductFactory(artisan=artisan)
            services.product_image_add(product=product, user=artisan_user, file=photo_upload())
        return _queries_for(artisan_client, reverse("portal-product-list"))

    assert list_queries(2) == list_queries(12)


def test_order_line_list_query_count_does_not_grow(artisan_client, artisan):
    def list_queries(n_lines):
        for _ in range(n_lines):
            OrderLineFactory(product=ProductFactory(artisan=artisan))
        return _queries_for(artisan_client, reverse("portal-order-lines"))

    assert list_queries(2) == list_queries(12)
