"""The foundation's whole journey through the Django test client:

an artisan adds a product with a photo, a curator of the artisan's region approves
it, a buyer finds it, orders it and pays by bank transfer, staff mark the transfer
received, and the artisan sees the order line. Every step goes through the pages a
person would use; the assertions are on the rows, emails and pages that result.
"""
import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Line, Order

from catalogue.models import Category, Product, ProductClass
from catalogue.states import CurationState
from core.form_tokens.services import form_token_new
from tests.factories import UserFactory
from tests.support.checkout import basket_add, checkout_to_preview, place_order
from tests.support.photos import photo_upload

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_artisan_to_curator_to_buyer_to_paid_order_to_artisan(
    artisan, artisan_user, curator, other_curator, mailoutbox,
    django_capture_on_commit_callbacks,
):
    # The test runs inside a transaction: run what services queue "after commit".
    after_commit = lambda: django_capture_on_commit_callbacks(execute=True)  # noqa: E731
    batik = ProductClass.objects.get(slug="batik")
    tulis = batik.attributes.get(code="technique").option_group.options.get(option="tulis")
    category = Category.objects.filter(code__startswith="craft-batik").order_by("depth").first()
    artisan_client = signed_in(artisan_user)

    # The artisan adds a product with a photo: a private draft.
    response = artisan_client.post(
        f"{reverse('portal-product-create')}?craft=batik",
        {"title": "Kain Batik Tulis Motif Kayangan", "description": "Pewarna alam, canting.",
         "category": category.pk, "attr_technique": tulis.pk, "price": "1250000",
         "num_in_stock": "2", "photos": [photo_upload("kayangan.jpg")],
         "form_token": form_token_new()},
    )
    assert response.status_code == 302, response.content[:2000]
    product = Product.objects.get(title="Kain Batik Tulis Motif Kayangan")
    assert (product.artisan, product.curation_state, product.is_public) == (
        artisan, CurationState.DRAFT, False)
    assert product.images.count() == 1 and product.attr.technique.option == "tulis"
    buyer = Client()
    assert buyer.get(product.get_absolute_url()).status_code == 404

    # ... and submits it; the region's curator is emailed.
    with after_commit():
        artisan_client.post(reverse("portal-product-submit", args=[product.pk]))
    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    assert [curator.user.email] in [m.to for m in mailoutbox]

    # A curator of another region cannot see it; the region's curator approves it.
    assert signed_in(other_curator.user).get(
        reverse("curation-product", args=[product.pk])).status_code == 404
    curator_client = signed_in(curator.user)
    queue = curator_client.get(reverse("curation-queue"))
    assert [s.product for s in queue.context["submissions"]] == [product]
    curator_client.post(reverse("curation-product-claim", args=[product.pk]))
    with after_commit():
        curator_client.post(reverse("curation-product-approve", args=[product.pk]),
                            {"note": "Tulis asli, pewarna alam."})
    product.refresh_from_db()
    assert product.curation_state == CurationState.APPROVED and product.is_public
    assert artisan_user.email in [m.to[0] for m in mailoutbox]

    # A buyer finds it by search and on its page, with the council's mark.
    results = buyer.get(reverse("search:search"), {"q": "kayangan"})
    assert product in list(results.context["page_obj"].object_list)
    page = buyer.get(product.get_absolute_url())
    assert page.status_code == 200
    assert artisan.region.council_name in page.content.decode()

    # ... orders it as a guest and pays by bank transfer.
    assert basket_add(buyer, product).status_code == 302
    checkout_to_preview(buyer, guest_email="siti@example.id")
    with after_commit():
        response = place_order(buyer)
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.status == "Awaiting payment"
    assert order.total_incl_tax == 1250000 + 25000
    thank_you = buyer.get(reverse("checkout:thank-you"))
    assert "0011-2233-44" in thank_you.content.decode()
    confirmation = [m for m in mailoutbox if m.to == ["siti@example.id"]]
    assert len(confirmation) == 1 and order.number in confirmation[0].body
    stock = product.stockrecords.get()
    assert (stock.num_in_stock, stock.num_allocated) == (2, 1)

    # Staff record the transfer.
    staff = signed_in(UserFactory(is_staff=True, is_superuser=True))
    staff.post(reverse("payments-order-mark-paid", kwargs={"number": order.number}),
               {"reference": "JATIM-1"})
    order.refresh_from_db()
    assert order.status == "Paid"

    # The artisan sees the order line, and it is theirs.
    lines = artisan_client.get(reverse("portal-order-lines"))
    line = Line.objects.get(order=order)
    assert list(lines.context["lines"]) == [line]
    assert order.number in lines.content.decode()
    detail = artisan_client.get(reverse("portal-order-line-detail", args=[line.pk]))
    assert detail.status_code == 200 and "Jl. Veteran" in detail.content.decode()
