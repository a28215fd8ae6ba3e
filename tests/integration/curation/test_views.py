"""The curation area through the test client: queue, review page, actions, access."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation import services
from curation.models import CurationEvent
from catalogue.states import CurationState
from tests.factories import ArtisanFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(product, artisan_user):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    return product


@pytest.fixture
def submitted_elsewhere(other_region):
    product = ProductFactory(artisan=ArtisanFactory(region=other_region))
    services.submission_submit(
        product_id=product.pk, user=product.artisan.partner.users.get()
    )
    return product


def test_queue_lists_only_the_curators_regions(client, curator, submitted, submitted_elsewhere):
    client.force_login(curator.user)
    response = client.get(reverse("curation-queue"))
    assert response.status_code == 200
    assert [s.product for s in response.context["submissions"]] == [submitted]
    assert response.context["counts"] == {
        "total": 1, "waiting": 1, "in_review": 0, "mine": 0, "overdue": 0, "revisions": 0,
    }


def test_queue_query_count_does_not_grow(client, curator, artisan):
    client.force_login(curator.user)
    client.get(reverse("curation-queue"))  # the first visit also creates the basket

    def queue_queries(n_products):
        for _ in range(n_products):
            p = ProductFactory(artisan=artisan)
            services.submission_submit(product_id=p.pk, user=artisan.partner.users.get())
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("curation-queue")).status_code == 200
        return len(ctx.captured_queries)

    assert queue_queries(2) == queue_queries(20)


def test_curator_claims_and_approves_through_the_views(client, curator, submitted):
    client.force_login(curator.user)
    client.post(reverse("curation-product-claim", args=[submitted.pk]))
    response = client.post(
        reverse("curation-product-approve", args=[submitted.pk]), {"note": "Tulis asli."}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.curation_state == CurationState.APPROVED and submitted.is_public
    assert submitted.curation_events.last().note == "Tulis asli."


def test_refused_action_shows_the_reason_and_changes_nothing(client, curator, submitted):
    client.force_login(curator.user)
    response = client.post(
        reverse("curation-product-approve", args=[submitted.pk]), follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    submitted.refresh_from_db()
    assert submitted.curation_state == CurationState.SUBMITTED


def test_curator_of_another_region_gets_404_everywhere(client, other_curator, submitted):
    client.force_login(other_curator.user)
    assert client.get(reverse("curation-product", args=[submitted.pk])).status_code == 404
    for action in ("claim", "release", "approve", "request-changes", "reject", "delist"):
        url = reverse(f"curation-product-{action}", args=[submitted.pk])
        assert client.post(url, {"note": "x"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.curation_state == CurationState.SUBMITTED
    assert submitted.curation_events.filter(kind=CurationEvent.Kind.CLAIMED).count() == 0


@pytest.mark.parametrize("who", ["buyer", "artisan"])
def test_buyers_and_artisans_are_refused(client, who, artisan_user, submitted):
    user = UserFactory() if who == "buyer" else artisan_user
    client.force_login(user)
    assert client.get(reverse("curation-queue")).status_code == 403
    url = reverse("curation-product-claim", args=[submitted.pk])
    assert client.post(url).status_code == 403
    submitted.refresh_from_db()
    assert submitted.curation_state == CurationState.SUBMITTED


def test_anonymous_is_sent_to_login(client, submitted):
    response = client.get(reverse("curation-queue"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_curator_delists_a_published_product_with_a_reason(client, curator, artisan_user, product):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user)
    client.force_login(curator.user)
    client.post(reverse("curation-product-delist", args=[product.pk]), {"note": ""})
    product.refresh_from_db()
    assert product.curation_state == CurationState.APPROVED
    client.post(reverse("curation-product-delist", args=[product.pk]), {"note": "Bukan tulis."})
    product.refresh_from_db()
    assert product.curation_state == CurationState.DELISTED and not product.is_public
    assert product.curation_events.last().note == "Bukan tulis."
