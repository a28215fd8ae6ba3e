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

from catalogue.models import Product
from curation import services
from catalogue.states import CurationState
from core.form_tokens.services import form_token_new
from customer.models import ProductAlert
from partner.models import StockRecord
from tests import factories
from tests.support.storefront import NOT_APPROVED, html, product_in_state

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

    response = client.post(url, {"title": "Bagus", "score": 5, "body": "Halus sekali.",
                                 "form_token": form_token_new()})

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


# --- Stock alerts (the customer fork's pages, customer/alerts/views.py) ------------

def alert_create_url(product: Product) -> str:
    return reverse("customer:alert-create", kwargs={"pk": product.pk})


def hidden_products(artisan) -> list[Product]:
    """One product in each state a buyer must not see, and a variant whose own row is
    public under a parent that is not."""
    products = [product_in_state(state, artisan=artisan, title=f"Rahasia {state}")
                for state in NOT_APPROVED]
    parent = product_in_state(CurationState.REJECTED, artisan=artisan, title="Induk Ditolak",
                              structure=Product.PARENT)
    products.append(make_variant(parent, title="Varian Induk Ditolak"))
    return products


def assert_nothing_of(products: list[Product], response) -> None:
    """Neither the page nor a redirect names the products (a 404 page may repeat the
    address the visitor asked for, which they already knew)."""
    location = response.get("Location", "")
    for product in products:
        assert product.title not in html(response), f"{product.curation_state} product leaked"
        assert product.slug not in location, f"{product.curation_state} address leaked"


def test_the_customer_app_serves_our_alert_views():
    # loaded by the customer fork (customer/alerts/views.py)
    from django.urls import resolve

    from customer.alerts import views as alerts

    assert resolve("/accounts/alerts/").func.view_class is alerts.ProductAlertListView
    assert resolve("/accounts/alerts/create/1/").func.view_class is alerts.ProductAlertCreateView
    assert resolve("/accounts/alerts/confirm/k/").func.view_class is alerts.ProductAlertConfirmView
    assert resolve("/accounts/alerts/cancel/1/").func.view_class is alerts.ProductAlertCancelView


def test_alert_create_is_404_for_every_hidden_product(client, artisan, mailoutbox):
    for product in hidden_products(artisan):
        # an anonymous visitor opens the address, then posts the form
        response = client.get(alert_create_url(product))
        assert response.status_code == 404
        assert_nothing_of([product], response)

        response = client.post(alert_create_url(product), {"email": "tamu@example.id"})
        assert response.status_code == 404
        assert_nothing_of([product], response)

    assert not ProductAlert.objects.exists()
    assert mailoutbox == []


def test_alert_create_for_a_published_product_works(client, published, mailoutbox):
    # the control for the test above
    response = client.get(alert_create_url(published))
    assert response.status_code == 302
    assert response["Location"] == published.get_absolute_url()

    response = client.post(alert_create_url(published), {"email": "tamu@example.id",
                                                          "form_token": form_token_new()})

    assert response.status_code == 302
    alert = ProductAlert.objects.get()
    assert (alert.product, alert.email, alert.status) == (
        published, "tamu@example.id", ProductAlert.UNCONFIRMED)
    (mail,) = mailoutbox
    assert mail.to == ["tamu@example.id"]


def test_alert_list_shows_only_alerts_of_public_products(client, artisan, published):
    # given a buyer's alerts, some on products that are no longer public
    buyer = factories.UserFactory()
    hidden = hidden_products(artisan)
    for product in [published, *hidden]:
        ProductAlert.objects.create(user=buyer, product=product, status=ProductAlert.ACTIVE)
    client.force_login(buyer)

    response = client.get(reverse("customer:alerts-list"))

    assert response.status_code == 200
    assert [alert.product for alert in response.context["alerts"]] == [published]
    assert published.get_absolute_url() in html(response)
    assert_nothing_of(hidden, response)


def test_confirming_or_cancelling_an_alert_of_a_delisted_product_does_not_name_it(
    client, artisan
):
    # given alerts made while the product was public; it has since been delisted
    product = product_in_state(CurationState.DELISTED, artisan=artisan, title="Sudah Ditarik")
    to_confirm = ProductAlert.objects.create(product=product, email="a@example.id",
                                             status=ProductAlert.UNCONFIRMED)
    to_cancel = ProductAlert.objects.create(product=product, email="b@example.id",
                                            status=ProductAlert.ACTIVE)

    confirmed = client.get(reverse("customer:alerts-confirm", kwargs={"key": to_confirm.key}))
    cancelled = client.get(reverse("customer:alerts-cancel-by-key",
                                   kwargs={"key": to_cancel.key}))

    for response in (confirmed, cancelled):
        assert response.status_code == 302
        assert response["Location"] == reverse("home")
    to_cancel.refresh_from_db()
    assert to_cancel.status == ProductAlert.CANCELLED


def test_cancelling_an_alert_follows_next_only_on_this_site(client, published):
    alert = ProductAlert.objects.create(product=published, email="a@example.id",
                                        status=ProductAlert.ACTIVE)
    url = reverse("customer:alerts-cancel-by-key", kwargs={"key": alert.key})

    response = client.get(url, {"next": "https://phishing.example/"})

    assert response["Location"] == published.get_absolute_url()


@pytest.mark.parametrize("delisted", [False, True])
def test_back_in_stock_email_goes_out_only_for_a_public_product(
    client, artisan, mailoutbox, delisted
):
    # given a sold-out product with an active alert
    product = factories.published_product(artisan=artisan, title="Kain Habis Terjual",
                                          stock=(Decimal("250000"), 0))
    buyer = factories.UserFactory()
    ProductAlert.objects.create(product=product, user=buyer, status=ProductAlert.ACTIVE)
    if delisted:
        curator = factories.CuratorFactory(regions=[artisan.region])
        services.product_delist(product_id=product.pk, user=curator.user, note="Tiruan.")

    # when the artisan restocks it (Oscar's eager alerts fire on the stock record save;
    # the record is loaded afresh, as the artisan's form loads it, not from `product`,
    # whose in-memory copy still says published)
    stockrecord = StockRecord.objects.get(product_id=product.pk)
    stockrecord.num_in_stock = 4
    stockrecord.save()

    # then only the public product's buyers hear of it
    alert = ProductAlert.objects.get()
    if delisted:
        assert mailoutbox == []
        assert alert.status == ProductAlert.ACTIVE
    else:
        (mail,) = mailoutbox
        assert mail.to == [buyer.email]
        assert alert.status == ProductAlert.CLOSED


# --- Buyer reviews (Oscar's reviews app, views in catalogue/reviews/views.py) ------

def review_of(product: Product, *, title: str) -> ProductReview:
    return ProductReview.objects.create(
        product=product, title=title, score=4, body="Halus.", name="Sari",
        email="sari@example.id", status=ProductReview.APPROVED,
    )


def review_urls(product: Product, review: ProductReview | None = None) -> dict[str, str]:
    kwargs = {"product_slug": product.slug, "product_pk": product.pk}
    urls = {name: reverse(f"catalogue:{name}", kwargs=kwargs)
            for name in ("reviews-list", "reviews-add")}
    if review is not None:
        for name in ("reviews-detail", "reviews-vote"):
            urls[name] = reverse(f"catalogue:{name}", kwargs={**kwargs, "pk": review.pk})
    return urls


def test_review_pages_of_a_variant_under_an_unapproved_parent_are_404(client, artisan):
    # given a variant row that is public under a parent that is not
    parent = product_in_state(CurationState.DELISTED, artisan=artisan, title="Induk Ditarik",
                              structure=Product.PARENT)
    variant = make_variant(parent, title="Varian Ditarik Merah")
    review = review_of(variant, title="Ulasan Varian Ditarik")
    client.force_login(factories.UserFactory())

    urls = review_urls(variant, review)
    for name in ("reviews-list", "reviews-add", "reviews-detail"):
        response = client.get(urls[name])
        assert response.status_code == 404, name
        assert_nothing_of([variant], response)
        assert review.title not in html(response)
    assert client.post(urls["reviews-add"], {"title": "Bagus", "score": 5,
                                             "body": "Halus sekali."}).status_code == 404
    assert client.post(urls["reviews-vote"], {"delta": 1}).status_code == 404
    assert ProductReview.objects.filter(product=variant).count() == 1
    review.refresh_from_db()
    assert review.total_votes == 0


def test_review_of_a_hidden_product_is_not_found_under_a_public_products_address(
    client, artisan, published
):
    hidden = product_in_state(CurationState.REJECTED, artisan=artisan, title="Rahasia Ditolak")
    hidden_review = review_of(hidden, title="Ulasan Rahasia")
    client.force_login(factories.UserFactory())

    urls = review_urls(published, hidden_review)
    response = client.get(urls["reviews-detail"])
    assert response.status_code == 404
    assert hidden_review.title not in html(response)
    assert client.post(urls["reviews-vote"], {"delta": 1}).status_code == 404
    hidden_review.refresh_from_db()
    assert hidden_review.total_votes == 0


def test_review_pages_of_a_published_product_work(client, published):
    # the control for the two tests above
    review = review_of(published, title="Ulasan Terbit")
    client.force_login(factories.UserFactory())
    urls = review_urls(published, review)

    listed = client.get(urls["reviews-list"])
    detail = client.get(urls["reviews-detail"])
    voted = client.post(urls["reviews-vote"], {"delta": 1})

    assert listed.status_code == 200
    assert list(listed.context["reviews"]) == [review]
    assert detail.status_code == 200
    assert (detail.context["review"], detail.context["product"]) == (review, published)
    assert voted.status_code == 302
    review.refresh_from_db()
    assert review.total_votes == 1
