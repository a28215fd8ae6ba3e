"""Assisted upload: council staff enter products for an artisan who is not at ease online."""
from decimal import Decimal

import pytest
from django.urls import reverse

from artisans.portal import services as portal_services
from catalogue.errors import NotOwner
from curation import services
from curation.errors import NotAllowed
from curation.models import CurationEvent
from catalogue.states import CurationState as S
from tests.factories import ArtisanFactory, CategoryFactory, CuratorFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def helping(client, curator, artisan):
    client.force_login(curator.user)
    response = client.post(reverse("curation-assist-start", args=[artisan.pk]))
    assert response.status_code == 302
    return client


def test_a_curator_works_in_the_artisans_area_and_every_event_says_for_whom(
    helping, curator, artisan, region
):
    response = helping.get(reverse("portal-product-list"))
    assert response.status_code == 200 and response.context["assisting"]
    assert response.context["artisan"] == artisan

    product = portal_services.product_create(
        artisan=artisan, user=curator.user, product_class=ProductFactory().product_class,
        title="Tikar Pandan Bu Sri", description="Dianyam tangan.",
        category=CategoryFactory(), price=150000, num_in_stock=3, attributes={},
    )
    helping.post(reverse("portal-product-submit", args=[product.pk]))
    product.refresh_from_db()
    assert product.curation_state == S.SUBMITTED
    events = list(product.curation_events.exclude(kind__in=[
        CurationEvent.Kind.PRICE_CHANGED, CurationEvent.Kind.STOCK_CHANGED]))
    assert [(e.kind, e.actor, e.on_behalf_of) for e in events] == [
        (CurationEvent.Kind.CREATED, curator.user, artisan),
        (CurationEvent.Kind.SUBMITTED, curator.user, artisan),
    ]

    # The curator who entered it never judges it; a colleague does.
    with pytest.raises(NotAllowed):
        services.submission_claim(product_id=product.pk, user=curator.user)
    colleague = CuratorFactory(regions=[region])
    services.submission_claim(product_id=product.pk, user=colleague.user)
    services.submission_approve(product_id=product.pk, user=colleague.user)
    product.refresh_from_db()
    assert product.curation_state == S.APPROVED


def test_edits_and_price_changes_for_the_artisan_are_recorded(curator, artisan):
    product = ProductFactory(artisan=artisan)
    portal_services.product_stock_update(product=product, user=curator.user,
                                            price=Decimal("99000"), num_in_stock=4)
    portal_services.product_update(
        product=product, user=curator.user, title="Judul baru", description="",
        category=CategoryFactory(), price=99000, num_in_stock=4, attributes={},
    )
    kinds = {(e.kind, e.on_behalf_of_id) for e in product.curation_events.filter(
        actor=curator.user)}
    assert (CurationEvent.Kind.PRICE_CHANGED, artisan.pk) in kinds
    assert (CurationEvent.Kind.EDITED, artisan.pk) in kinds
    # An edited product is not theirs to judge either.
    services.submission_submit(product_id=product.pk, user=artisan.partner.users.get())
    with pytest.raises(NotAllowed):
        services.submission_claim(product_id=product.pk, user=curator.user)


def test_only_verified_artisans_of_the_curators_regions(client, curator, other_region, region):
    unverified = ArtisanFactory(region=region, is_verified=False)
    elsewhere = ArtisanFactory(region=other_region)
    client.force_login(curator.user)
    for artisan in (unverified, elsewhere):
        assert client.post(reverse("curation-assist-start", args=[artisan.pk])).status_code == 404
        with pytest.raises(NotOwner):
            portal_services.product_stock_update(
                product=ProductFactory(artisan=artisan), user=curator.user, price=1000,
                num_in_stock=1)
    # Without assisting, the artisan area stays closed to a curator.
    assert client.get(reverse("portal-product-list")).status_code == 403


def test_assisting_reaches_only_the_product_pages(helping):
    assert helping.get(reverse("portal-order-lines")).status_code == 403
    assert helping.get(reverse("portal-statement-list")).status_code == 403
    assert helping.get(reverse("portal-artisan-profile")).status_code == 403


def test_stopping_and_losing_the_region_end_it(helping, curator, artisan):
    helping.post(reverse("curation-assist-stop"))
    assert helping.get(reverse("portal-product-list")).status_code == 403

    helping.post(reverse("curation-assist-start", args=[artisan.pk]))
    curator.regions.clear()
    assert helping.get(reverse("portal-product-list")).status_code == 403


def test_another_artisans_products_stay_out_of_reach_while_assisting(helping, region):
    stranger = ProductFactory(artisan=ArtisanFactory(region=region))
    response = helping.get(reverse("portal-product-update", args=[stranger.pk]))
    assert response.status_code == 404
