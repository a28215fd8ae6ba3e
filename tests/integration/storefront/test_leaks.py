"""Only approved products reach a buyer: every page and list a buyer can reach.

Each test puts one product in each non-approved state next to a published one and
looks for their titles and addresses in what the storefront returns.
"""
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from oscar.apps.catalogue.reviews.models import ProductReview
from oscar.apps.customer.history import CustomerHistoryManager
from oscar.apps.offer.models import Range
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product
from curation.states import CurationState
from tests import factories
from tests.integration.storefront.conftest import NOT_APPROVED, html, product_in_state

pytestmark = pytest.mark.django_db


def assert_lists_only(page: str, *, shown: list[Product], hidden: list[Product]) -> None:
    for product in shown:
        assert product.title in page
        assert product.get_absolute_url() in page
    for product in hidden:
        assert product.title not in page, f"{product.curation_state} product leaked"
        assert product.get_absolute_url() not in page, f"{product.curation_state} URL leaked"


# --- Product page -----------------------------------------------------------

@pytest.mark.parametrize("state", NOT_APPROVED)
def test_product_page_is_404_for_every_unapproved_state(client, artisan, state):
    # given a product that is not approved
    product = product_in_state(state, artisan=artisan)

    # when a buyer opens its address
    response = client.get(product.get_absolute_url())

    # then it does not exist for them
    assert response.status_code == 404
    assert product.title not in html(response)


@pytest.mark.parametrize("state", [CurationState.DRAFT, CurationState.IN_REVIEW,
                                   CurationState.REJECTED, CurationState.DELISTED])
def test_product_page_is_404_for_staff_and_superusers_too(client, artisan, state):
    # given staff (curators preview submissions in the curation area, not here)
    product = product_in_state(state, artisan=artisan)
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.get(product.get_absolute_url())

    assert response.status_code == 404


def test_published_product_page_shows_the_product(client, published):
    response = client.get(published.get_absolute_url())

    assert response.status_code == 200
    assert response.context["product"] == published
    assert published.title in html(response)


def test_product_page_with_a_stale_slug_redirects_to_the_public_address(client, published):
    response = client.get(f"/catalogue/old-name_{published.pk}/")

    assert response.status_code == 301
    assert response["Location"] == published.get_absolute_url()


# --- Variants -----------------------------------------------------------------

def make_variant(parent: Product, *, title: str, approved: bool = True) -> Product:
    """A child product row; an approved, public child is allowed by the database."""
    child = Product.objects.create(
        structure=Product.CHILD, parent=parent, title=title, artisan=parent.artisan,
        curation_state=CurationState.APPROVED if approved else CurationState.DRAFT,
        is_public=approved,
    )
    StockRecord.objects.create(product=child, partner=parent.artisan.partner,
                               partner_sku=f"SKU-V{child.pk}", price=Decimal("99000"),
                               num_in_stock=3)
    return child


@pytest.mark.parametrize("parent_state", [CurationState.DRAFT, CurationState.IN_REVIEW,
                                          CurationState.REJECTED, CurationState.DELISTED])
def test_variant_of_unapproved_parent_is_hidden_even_if_its_own_row_is_approved(
    client, artisan, parent_state
):
    # given a parent that is not approved and a child row that claims to be
    parent = product_in_state(parent_state, artisan=artisan, title="Induk Rahasia",
                              structure=Product.PARENT)
    child = make_variant(parent, title="Varian Rahasia Merah")
    assert child.is_public and child.curation_state == CurationState.APPROVED

    # then neither its page nor any list or search shows it
    assert client.get(child.get_absolute_url()).status_code == 404
    for url in ["/", "/catalogue/", "/search/?q=Rahasia", "/sitemap.xml",
                artisan.get_absolute_url(), artisan.region.get_absolute_url()]:
        page = html(client.get(url))
        assert "Varian Rahasia Merah" not in page, url
        assert child.get_absolute_url() not in page, url


def test_variant_of_a_public_parent_has_a_page_unless_it_is_unapproved(client, artisan):
    parent = factories.published_product(artisan=artisan, title="Induk Terbit",
                                         structure=Product.PARENT)
    shown = make_variant(parent, title="Varian Biru")
    hidden = make_variant(parent, title="Varian Draf", approved=False)

    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    # the parent's page lists only the approved variant
    page = html(client.get(parent.get_absolute_url()))
    assert shown.get_absolute_url() in page
    assert hidden.get_absolute_url() not in page


# --- Lists --------------------------------------------------------------------

def test_home_lists_only_approved_products(client, published, unapproved_products):
    response = client.get(reverse("home"))

    assert list(response.context["featured_products"]) == [published]
    assert_lists_only(html(response), shown=[published], hidden=unapproved_products)


def test_catalogue_lists_only_approved_products(client, published, unapproved_products):
    response = client.get(reverse("catalogue:index"))

    assert list(response.context["products"]) == [published]
    assert_lists_only(html(response), shown=[published], hidden=unapproved_products)


def test_category_lists_only_approved_products(
    client, published, unapproved_products, craft_category
):
    response = client.get(craft_category.get_absolute_url())

    assert list(response.context["products"]) == [published]
    assert_lists_only(html(response), shown=[published], hidden=unapproved_products)


def test_region_page_lists_only_approved_products(client, published, unapproved_products, region):
    response = client.get(region.get_absolute_url())

    assert list(response.context["products"]) == [published]
    assert_lists_only(html(response), shown=[published], hidden=unapproved_products)


def test_artisan_page_lists_only_approved_products(
    client, published, unapproved_products, artisan
):
    response = client.get(artisan.get_absolute_url())

    assert list(response.context["products"]) == [published]
    assert_lists_only(html(response), shown=[published], hidden=unapproved_products)


def test_search_finds_only_approved_products(client, published, unapproved_products):
    # every product's description says "pewarna"
    response = client.get(reverse("search:search"), {"q": "pewarna"})

    assert list(response.context["products"]) == [published]
    assert_lists_only(html(response), shown=[published], hidden=unapproved_products)


def test_search_by_exact_title_of_an_unapproved_product_finds_nothing(
    client, unapproved_products
):
    for product in unapproved_products:
        response = client.get(reverse("search:search"), {"q": product.title})
        assert list(response.context["products"]) == []


def test_sitemap_lists_only_approved_products(client, published, unapproved_products):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    page = html(response)
    assert published.get_absolute_url() in page
    for product in unapproved_products:
        assert product.get_absolute_url() not in page


def test_product_page_of_approved_product_does_not_show_unapproved_siblings(
    client, published, unapproved_products
):
    # "more from this artisan" on the product page
    response = client.get(published.get_absolute_url())

    assert list(response.context["more_from_artisan"]) == []
    assert_lists_only(html(response), shown=[], hidden=unapproved_products)


# --- Oscar's own views --------------------------------------------------------

def test_offer_range_page_lists_only_approved_products(client, published, unapproved_products):
    # given a public range that holds every product, approved or not
    offer_range = Range.objects.create(name="Pilihan Kurator", slug="pilihan-kurator",
                                       is_public=True)
    for product in [published, *unapproved_products]:
        offer_range.add_product(product)

    response = client.get(reverse("catalogue:range", kwargs={"slug": "pilihan-kurator"}))

    assert response.status_code == 200
    assert list(response.context["products"]) == [published]
    assert_lists_only(html(response), shown=[published], hidden=unapproved_products)


@pytest.mark.parametrize("state", [CurationState.DRAFT, CurationState.REJECTED,
                                   CurationState.DELISTED])
def test_posting_a_review_for_an_unapproved_product_is_404(client, artisan, state):
    product = product_in_state(state, artisan=artisan)
    url = reverse("catalogue:reviews-add",
                  kwargs={"product_slug": product.slug, "product_pk": product.pk})
    review = {"title": "Bagus", "score": 5, "body": "Halus sekali.", "name": "Sari",
              "email": "sari@example.id"}

    assert client.get(url).status_code == 404
    assert client.post(url, review).status_code == 404
    assert not ProductReview.objects.filter(product=product).exists()


def test_posting_a_review_for_a_published_product_works(client, published):
    # the control for the test above: the same post succeeds for a public product
    user = factories.UserFactory()
    client.force_login(user)
    url = reverse("catalogue:reviews-add",
                  kwargs={"product_slug": published.slug, "product_pk": published.pk})

    response = client.post(url, {"title": "Bagus", "score": 5, "body": "Halus sekali."})

    assert response.status_code == 302
    assert ProductReview.objects.filter(product=published, user=user).count() == 1


def test_recently_viewed_keeps_only_approved_products(client, artisan, published):
    # given a history cookie that names a product which has since been delisted
    delisted = product_in_state(CurationState.DELISTED, artisan=artisan, title="Sudah Ditarik")
    other = factories.published_product(artisan=artisan, title="Selendang Lain")
    cookie = json.dumps([delisted.pk, published.pk])
    client.cookies[settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME] = cookie

    # when the buyer opens another product
    response = client.get(other.get_absolute_url())

    # then the delisted one is not among the recently viewed
    assert response.context["recently_viewed"] == [published]
    assert delisted.title not in html(response)
    # and Oscar's own history reader agrees
    request = RequestFactory().get("/")
    request.COOKIES[settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME] = cookie
    assert CustomerHistoryManager.get(request) == [published]


@pytest.mark.parametrize("state", [CurationState.DRAFT, CurationState.DELISTED])
def test_an_unapproved_product_cannot_be_added_to_the_basket(client, artisan, state):
    product = product_in_state(state, artisan=artisan)

    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    response = client.get(reverse("basket:summary"))
    assert [line.product for line in response.context["basket"].all_lines()] == []
