"""The council's figures: queue, time to decision, approval rate, by region and craft."""
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from catalogue.models import Region
from curation import services
from curation.figures import curation_figures, hours_display, percentile
from curation.models import Submission
from curation.revisions import revision_propose
from curation.selectors import regions_curated_by
from tests.factories import (
    ArtisanFactory,
    CuratorFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
    published_product,
)

# Noon in Jakarta on 2026-03-10: every test reads the figures "now" at this moment.
NOW = timezone.make_aware(datetime(2026, 3, 10, 12, 0))
SINCE = date(2026, 3, 1)


def at(day: int, hour: int = 9) -> datetime:
    """A moment in March 2026, Jakarta time."""
    return timezone.make_aware(datetime(2026, 3, day, hour, 0))


def decide(product, curator, outcome: str, *, submitted_at: datetime, hours: float):
    """Submit, claim and decide through the services, then set when it happened."""
    artisan_user = product.artisan.partner.users.get()
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    decide_with = {
        "approved": services.submission_approve,
        "changes_requested": services.submission_request_changes,
        "rejected": services.submission_reject,
    }[outcome]
    decide_with(product_id=product.pk, user=curator.user, note="Catatan kurator.")
    submission = Submission.objects.filter(product=product).latest("pk")
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=submitted_at, decided_at=submitted_at + timedelta(hours=hours)
    )
    return submission


def submit(product, *, submitted_at: datetime, due_at: datetime | None = None):
    """An open submission made through the service, dated `submitted_at`."""
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.get())
    submission = Submission.objects.get(product=product, is_open=True)
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=submitted_at, due_at=due_at or submitted_at + timedelta(days=14)
    )
    return submission


def figures(regions, **kwargs):
    kwargs.setdefault("since", SINCE)
    return curation_figures(regions=regions, now=NOW, **kwargs)


# --- the statistics --------------------------------------------------------------

def test_percentile_interpolates_linearly_between_ranks():
    values = [float(n) for n in range(1, 11)]
    assert percentile(values, 0.5) == pytest.approx(5.5)
    assert percentile(values, 0.9) == pytest.approx(9.1)
    assert percentile([1.0, 2.0, 3.0], 0.5) == 2.0
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([], 0.5) is None


def test_hours_are_shown_as_hours_then_days_and_missing_as_a_dash():
    with translation.override("en"):
        assert hours_display(5.4) == "5 h"
        assert hours_display(47.6) == "2 d 0 h"
        assert hours_display(75) == "3 d 3 h"
        assert hours_display(None) == "—"


# --- the figures -----------------------------------------------------------------


@pytest.mark.django_db
def test_median_and_p90_of_known_times_to_decision(region, artisan, curator):
    for hours in (1, 2, 3, 4, 100):
        decide(ProductFactory(artisan=artisan), curator, "approved",
               submitted_at=at(2), hours=hours)

    result = figures([region])

    assert result.total.median_hours == pytest.approx(3)
    # rank (5 - 1) * 0.9 = 3.6: 4 + 0.6 * (100 - 4)
    assert result.total.p90_hours == pytest.approx(61.6)
    [row] = result.by_region
    assert (row.region, row.median_hours, row.p90_hours) == (region, 3, pytest.approx(61.6))


@pytest.mark.django_db
def test_approval_rate_counts_decisions_and_not_withdrawals(region, artisan, curator):
    decide(ProductFactory(artisan=artisan), curator, "approved", submitted_at=at(2), hours=10)
    decide(ProductFactory(artisan=artisan), curator, "approved", submitted_at=at(2), hours=20)
    decide(ProductFactory(artisan=artisan), curator, "changes_requested",
           submitted_at=at(3), hours=30)
    decide(ProductFactory(artisan=artisan), curator, "rejected", submitted_at=at(3), hours=40)
    withdrawn = ProductFactory(artisan=artisan)
    submit(withdrawn, submitted_at=at(4))
    services.submission_withdraw(product_id=withdrawn.pk,
                                 user=withdrawn.artisan.partner.users.get())
    Submission.objects.filter(product=withdrawn).update(decided_at=at(4, 10))

    total = figures([region]).total

    assert (total.submissions, total.decisions, total.approved, total.changes_requested,
            total.rejected, total.withdrawn) == (5, 4, 2, 1, 1, 1)
    assert total.approval_rate == 0.5
    # The withdrawal (an hour after submission) is not a time to decision.
    assert total.median_hours == pytest.approx(25)


@pytest.mark.django_db
def test_figures_by_region_and_craft_add_up(region, other_region, curator):
    batik, tenun = ProductClassFactory(name="Batik"), ProductClassFactory(name="Tenun")
    here, there = ArtisanFactory(region=region), ArtisanFactory(region=other_region)
    curator_there = CuratorFactory(regions=[other_region])
    decide(ProductFactory(artisan=here, product_class=batik), curator, "approved",
           submitted_at=at(2), hours=10)
    decide(ProductFactory(artisan=here, product_class=batik), curator, "rejected",
           submitted_at=at(2), hours=30)
    decide(ProductFactory(artisan=here, product_class=tenun), curator, "approved",
           submitted_at=at(3), hours=50)
    decide(ProductFactory(artisan=there, product_class=tenun), curator_there, "approved",
           submitted_at=at(3), hours=70)
    submit(ProductFactory(artisan=there, product_class=batik), submitted_at=at(8))

    result = figures(Region.objects.all())

    assert [(r.region, r.craft, r.submissions, r.decisions, r.approval_rate, r.median_hours,
             r.open) for r in result.by_region_and_craft] == [
        (region, batik, 2, 2, 0.5, 20, 0),
        (region, tenun, 1, 1, 1.0, 50, 0),
        (other_region, batik, 1, 0, None, None, 1),
        (other_region, tenun, 1, 1, 1.0, 70, 0),
    ]
    assert [(r.region, r.submissions, r.decisions, r.approved, r.median_hours, r.open)
            for r in result.by_region] == [
        (region, 3, 3, 2, 30, 0),
        (other_region, 2, 1, 1, 70, 1),
    ]
    assert [(r.craft, r.submissions, r.decisions, r.approved, r.median_hours)
            for r in result.by_craft] == [(batik, 3, 2, 1, 20), (tenun, 2, 2, 2, 60)]
    assert (result.total.submissions, result.total.decisions, result.total.open,
            result.total.median_hours) == (5, 4, 1, 40)


@pytest.mark.django_db
def test_a_curator_reads_only_the_regions_they_serve(region, other_region, curator,
                                                     other_curator):
    decide(ProductFactory(artisan=ArtisanFactory(region=other_region)), other_curator,
           "approved", submitted_at=at(2), hours=5)
    submit(ProductFactory(artisan=ArtisanFactory(region=other_region)), submitted_at=at(3))

    result = figures(regions_curated_by(user=curator.user))

    # Their own region has a row, empty: nothing of the other region leaks in.
    assert [r.region for r in result.by_region] == [region]
    assert result.by_region_and_craft == [] and result.by_craft == []
    assert (result.total.submissions, result.total.decisions, result.total.open) == (0, 0, 0)
    assert result.total.approval_rate is None and result.total.median_hours is None
    assert figures(regions_curated_by(user=UserFactory())).by_region == []


@pytest.mark.django_db
def test_queue_and_overdue_are_the_open_submissions(region, artisan, curator):
    submit(ProductFactory(artisan=artisan), submitted_at=at(1), due_at=at(9))
    submit(ProductFactory(artisan=artisan), submitted_at=at(9), due_at=at(23))
    claimed = ProductFactory(artisan=artisan)
    submit(claimed, submitted_at=at(2), due_at=at(5))
    services.submission_claim(product_id=claimed.pk, user=curator.user)
    # Submitted long before the period: still in today's queue, not a submission of it.
    submit(ProductFactory(artisan=artisan), submitted_at=at(1) - timedelta(days=60),
           due_at=at(1) - timedelta(days=46))

    total = figures([region]).total

    assert (total.open, total.overdue, total.submissions) == (4, 3, 3)


@pytest.mark.django_db
def test_since_and_until_bound_the_period_in_the_sites_time_zone(region, artisan, curator):
    # Decided at 23:30 on 28 February and at 00:30 on 1 March, Jakarta time.
    decide(ProductFactory(artisan=artisan), curator, "approved",
           submitted_at=at(1, 0) - timedelta(days=3), hours=72 - 0.5)
    decide(ProductFactory(artisan=artisan), curator, "rejected",
           submitted_at=at(1, 0) - timedelta(days=3), hours=72 + 0.5)
    decide(ProductFactory(artisan=artisan), curator, "approved", submitted_at=at(6), hours=2)

    assert (figures([region]).total.approved, figures([region]).total.rejected) == (1, 1)
    first_days = figures([region], until=date(2026, 3, 5)).total
    assert (first_days.approved, first_days.rejected, first_days.submissions) == (0, 1, 0)
    with pytest.raises(ValueError):
        figures([region], since=date(2026, 3, 5), until=date(2026, 3, 4))


@pytest.mark.django_db
def test_the_queue_of_a_past_period_is_read_at_its_end(region, artisan, curator):
    # Waiting on 5 March, decided on the 7th.
    decide(ProductFactory(artisan=artisan), curator, "approved", submitted_at=at(4),
           hours=72)

    assert figures([region], until=date(2026, 3, 5)).total.open == 1
    assert figures([region]).total.open == 0


@pytest.mark.django_db
def test_revisions_of_published_products_count_and_are_told_apart(region, artisan, curator):
    live = published_product(artisan=artisan)
    Submission.objects.filter(product=live).update(submitted_at=at(2), decided_at=at(2, 15))
    revision_propose(product_id=live.pk, user=artisan.partner.users.get(),
                     title="Kain Batik Tulis (warna baru)", description="Pewarna indigo.",
                     category=None, attributes={})
    services.submission_claim(product_id=live.pk, user=curator.user)
    services.submission_approve(product_id=live.pk, user=curator.user)
    Submission.objects.filter(product=live, revision__isnull=False).update(
        submitted_at=at(3), decided_at=at(3, 11)
    )

    result = figures([region])

    new, revisions = result.by_kind
    assert (new.submissions, new.approved, new.median_hours) == (1, 1, 6)
    assert (revisions.submissions, revisions.approved, revisions.median_hours) == (1, 1, 2)
    assert (result.total.submissions, result.total.approved) == (2, 2)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_regions_crafts_or_submissions(curator):
    def queries(n: int) -> int:
        for i in range(n):
            region = Region.objects.create(name=f"Uji {n}-{i}", kind="kota",
                                           province="Jawa Timur", slug=f"uji-{n}-{i}")
            curator.regions.add(region)
            craft = ProductClassFactory(name=f"Kriya {n}-{i}")
            decide(ProductFactory(artisan=ArtisanFactory(region=region), product_class=craft),
                   curator, "approved", submitted_at=at(2), hours=i + 1)
            submit(ProductFactory(artisan=ArtisanFactory(region=region), product_class=craft),
                   submitted_at=at(3))
        with CaptureQueriesContext(connection) as ctx:
            result = figures(regions_curated_by(user=curator.user))
        # The curator's first region (the fixture's) has nothing.
        assert result.total.submissions == (len(result.by_region) - 1) * 2
        return len(ctx.captured_queries)

    # Regions, counts, times to decision, crafts.
    assert queries(2) == queries(12) == 4
