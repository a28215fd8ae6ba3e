"""The council's figures page: who sees which regions, the period, the queries."""
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from curation import services
from curation.models import Submission
from tests.factories import (
    ArtisanFactory,
    CuratorFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/curation/figures/"
TODAY = timezone.localdate()


def days_ago(days: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(TODAY - timedelta(days=days), time(hour)))


def approve(product, curator, *, submitted_at: datetime, hours: float) -> None:
    """Submit, claim and approve through the services, then set when it happened."""
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.get())
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user)
    Submission.objects.filter(product=product).update(
        submitted_at=submitted_at, decided_at=submitted_at + timedelta(hours=hours)
    )


def submit(product, *, submitted_at: datetime, due_at: datetime) -> None:
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.get())
    Submission.objects.filter(product=product, is_open=True).update(
        submitted_at=submitted_at, due_at=due_at
    )


def test_the_url_is_named():
    assert reverse("curation-figures") == URL


def test_a_curator_sees_the_figures_of_their_own_region_only(
    client, region, artisan, curator, other_region, other_curator
):
    approve(ProductFactory(artisan=artisan), curator, submitted_at=days_ago(10), hours=26)
    submit(ProductFactory(artisan=artisan), submitted_at=days_ago(9), due_at=days_ago(1))
    elsewhere = ArtisanFactory(region=other_region)
    approve(ProductFactory(artisan=elsewhere), other_curator, submitted_at=days_ago(5), hours=1)
    submit(ProductFactory(artisan=elsewhere), submitted_at=days_ago(3), due_at=days_ago(2))
    client.force_login(curator.user)

    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    figures = response.context["figures"]
    assert [row.region for row in figures.by_region] == [region]
    total = figures.total
    assert (total.submissions, total.approved, total.open, total.overdue, total.median_hours) \
        == (2, 1, 1, 1, 26)
    html = response.content.decode()
    assert '<dd data-figure="open">1</dd>' in html
    assert '<dd data-figure="median">26 h</dd>' in html
    assert '<dd data-figure="approval">100%</dd>' in html
    assert other_region.display_name not in html


def test_a_superuser_sees_every_region(client, region, other_region):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(URL)

    assert [row.region for row in response.context["figures"].by_region] == [
        region, other_region
    ]


def test_an_empty_region_shows_a_dash_not_zero(client, curator):
    client.force_login(curator.user)

    with translation.override("en"):
        response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
        [row] = response.context["figures"].by_region
        assert (row.approval_percent, row.median_display, row.p90_display) == ("—", "—", "—")
    assert '<dd data-figure="median">—</dd>' in response.content.decode()


def test_someone_who_is_not_a_curator_gets_403(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("customer:login"))


def test_the_period_defaults_to_the_last_90_days(client, artisan, curator):
    approve(ProductFactory(artisan=artisan), curator, submitted_at=days_ago(100), hours=5)
    approve(ProductFactory(artisan=artisan), curator, submitted_at=days_ago(80), hours=7)
    client.force_login(curator.user)

    default = client.get(URL).context["figures"]
    longer = client.get(URL, {"since": (TODAY - timedelta(days=120)).isoformat()}).context[
        "figures"]

    assert default.since == TODAY - timedelta(days=90)
    assert (default.total.approved, default.total.median_hours) == (1, 7)
    assert (longer.total.approved, longer.total.median_hours) == (2, 6)


def test_until_ends_the_period(client, artisan, curator):
    approve(ProductFactory(artisan=artisan), curator, submitted_at=days_ago(30), hours=5)
    approve(ProductFactory(artisan=artisan), curator, submitted_at=days_ago(5), hours=7)
    client.force_login(curator.user)

    figures = client.get(URL, {"since": (TODAY - timedelta(days=40)).isoformat(),
                               "until": (TODAY - timedelta(days=20)).isoformat()}
                         ).context["figures"]

    assert (figures.total.approved, figures.total.median_hours) == (1, 5)


@pytest.mark.parametrize("params, field", [
    ({"since": "31/02/2026"}, "since"),
    ({"since": "bukan tanggal"}, "since"),
    ({"since": (TODAY + timedelta(days=1)).isoformat()}, "since"),
    ({"since": "2026-03-01", "until": "2026-02-01"}, "until"),
])
def test_a_bad_date_is_explained_and_no_figures_are_shown(client, curator, params, field):
    client.force_login(curator.user)

    response = client.get(URL, params)

    assert response.status_code == 200
    assert "figures" not in response.context
    assert list(response.context["form"].errors) == [field]
    assert 'role="alert"' in response.content.decode()


def test_bad_date_message_says_how_to_write_it(client, curator):
    client.force_login(curator.user)
    response = client.get(URL, {"since": "31-01-2026"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Enter the start date as YYYY-MM-DD" in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_submissions_regions_or_crafts(
    client, region, other_region
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.get(URL)  # the first visit also creates the basket
    curator = CuratorFactory(regions=[region, other_region])

    def page_queries(n: int) -> int:
        for i in range(n):
            craft = ProductClassFactory(name=f"Kriya {n}-{i}")
            for where in (region, other_region):
                artisan = ArtisanFactory(region=where)
                approve(ProductFactory(artisan=artisan, product_class=craft), curator,
                        submitted_at=days_ago(10), hours=i + 1)
                submit(ProductFactory(artisan=artisan, product_class=craft),
                       submitted_at=days_ago(3), due_at=days_ago(1))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL)
        assert response.context["figures"].total.open == Submission.objects.filter(
            is_open=True).count()
        return len(ctx.captured_queries)

    assert page_queries(1) == page_queries(8)
