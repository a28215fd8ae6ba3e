"""manage.py curation_report: the council's figures as CSV, parsed back with csv."""
import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from curation import services
from curation.management.commands.curation_report import COLUMNS
from curation.models import Submission
from tests.factories import ArtisanFactory, CuratorFactory, ProductClassFactory, ProductFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(TODAY - timedelta(days=days), time(hour)))


def decide(product, curator, outcome: str, *, submitted_at: datetime, hours: float) -> None:
    """Submit, claim and decide through the services, then set when it happened."""
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.get())
    services.submission_claim(product_id=product.pk, user=curator.user)
    {"approved": services.submission_approve,
     "changes_requested": services.submission_request_changes,
     "rejected": services.submission_reject,
     }[outcome](product_id=product.pk, user=curator.user, note="Catatan kurator.")
    Submission.objects.filter(product=product).update(
        submitted_at=submitted_at, decided_at=submitted_at + timedelta(hours=hours)
    )


def submit(product, *, submitted_at: datetime, due_at: datetime) -> None:
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.get())
    Submission.objects.filter(product=product, is_open=True).update(
        submitted_at=submitted_at, due_at=due_at
    )


def report(*args) -> list[dict]:
    out = io.StringIO()
    call_command("curation_report", *args, stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == COLUMNS
    return [dict(zip(COLUMNS, row)) for row in rows[1:]]


@pytest.fixture
def two_regions(region, other_region, curator):
    batik, tenun = ProductClassFactory(name="Batik"), ProductClassFactory(name="Tenun")
    here, there = ArtisanFactory(region=region), ArtisanFactory(region=other_region)
    curator_there = CuratorFactory(regions=[other_region])
    decide(ProductFactory(artisan=here, product_class=batik), curator, "approved",
           submitted_at=days_ago(20), hours=10)
    decide(ProductFactory(artisan=here, product_class=batik), curator, "rejected",
           submitted_at=days_ago(20), hours=30)
    decide(ProductFactory(artisan=here, product_class=tenun), curator, "changes_requested",
           submitted_at=days_ago(15), hours=50)
    decide(ProductFactory(artisan=there, product_class=tenun), curator_there, "approved",
           submitted_at=days_ago(10), hours=4)
    submit(ProductFactory(artisan=there, product_class=batik), submitted_at=days_ago(9),
           due_at=days_ago(2))
    # Decided before the period of the tests below.
    decide(ProductFactory(artisan=here, product_class=batik), curator, "approved",
           submitted_at=days_ago(70), hours=500)
    return region, other_region


def test_one_row_per_region_and_craft_then_region_totals_then_the_total(two_regions):
    region, other_region = two_regions

    rows = report("--since", (TODAY - timedelta(days=30)).isoformat())

    assert [(r["region"], r["craft"], r["submissions"], r["decisions"], r["approved"],
             r["changes_requested"], r["rejected"], r["approval_rate"], r["median_hours"],
             r["p90_hours"], r["open"], r["overdue"]) for r in rows] == [
        ("Kabupaten Bojonegoro", "Batik", "2", "2", "1", "0", "1", "0.500", "20.0", "28.0",
         "0", "0"),
        ("Kabupaten Bojonegoro", "Tenun", "1", "1", "0", "1", "0", "0.000", "50.0", "50.0",
         "0", "0"),
        ("Kabupaten Bojonegoro", "ALL", "3", "3", "1", "1", "1", "0.333", "30.0", "46.0",
         "0", "0"),
        ("Kabupaten Lumajang", "Batik", "1", "0", "0", "0", "0", "", "", "", "1", "1"),
        ("Kabupaten Lumajang", "Tenun", "1", "1", "1", "0", "0", "1.000", "4.0", "4.0",
         "0", "0"),
        ("Kabupaten Lumajang", "ALL", "2", "1", "1", "0", "0", "1.000", "4.0", "4.0",
         "1", "1"),
        ("ALL", "ALL", "5", "4", "2", "1", "1", "0.500", "20.0", "44.0", "1", "1"),
    ]


def test_since_leaves_out_what_was_decided_before(two_regions):
    long_ago = report("--since", (TODAY - timedelta(days=80)).isoformat())[-1]
    recent = report("--since", (TODAY - timedelta(days=12)).isoformat())[-1]

    # Times 4, 10, 30, 50, 500 hours: p90 at rank 3.6 is 50 + 0.6 * 450.
    assert (long_ago["submissions"], long_ago["approved"], long_ago["p90_hours"]) == (
        "6", "3", "320.0")
    # Only the Lumajang approval and the open Batik submission are that recent;
    # the queue is today's whatever the period.
    assert (recent["submissions"], recent["decisions"], recent["open"]) == ("2", "1", "1")


def test_until_and_region_narrow_the_report_and_output_writes_a_file(two_regions, tmp_path):
    region, _ = two_regions
    path = tmp_path / "figures.csv"

    call_command("curation_report", "--since", (TODAY - timedelta(days=30)).isoformat(),
                 "--until", (TODAY - timedelta(days=17)).isoformat(), "--region", region.slug,
                 "--output", str(path), stdout=io.StringIO())

    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [(r["region"], r["craft"], r["submissions"], r["decisions"]) for r in rows] == [
        ("Kabupaten Bojonegoro", "Batik", "2", "2"),
        ("Kabupaten Bojonegoro", "ALL", "2", "2"),
        ("ALL", "ALL", "2", "2"),
    ]


@pytest.mark.parametrize("args, message", [
    (["--since", "31-01-2026"], "--since '31-01-2026' is not a date"),
    (["--since", "2026-02-30"], "--since '2026-02-30' is not a date"),
    (["--since", "2026-03-01", "--until", "kemarin"], "--until 'kemarin' is not a date"),
    (["--since", "2026-03-01", "--until", "2026-02-01"], "is before --since"),
    (["--since", "2026-03-01", "--region", "atlantis"], "No region with the slug atlantis"),
])
def test_bad_arguments_are_refused_with_a_clear_message(region, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("curation_report", *args, stdout=io.StringIO())


def test_since_is_required():
    with pytest.raises(CommandError, match="--since"):
        call_command("curation_report", stdout=io.StringIO())


def test_the_benchmark_adds_submissions_times_the_figures_and_rolls_back(region, curator):
    for _ in range(3):
        ProductFactory(artisan=ArtisanFactory(region=region))
    out = io.StringIO()

    call_command("curation_figures_benchmark", "--count", "200", "--repeat", "1",
                 "--allow-without-debug", stdout=out)

    output = out.getvalue()
    assert "Added 200 submissions over 3 products" in output
    assert "Figures for every region since" in output and "200 submissions" in output
    assert "4 queries" in output and "Rolled back" in output
    assert Submission.objects.count() == 0


def test_the_benchmark_refuses_a_database_without_products():
    with pytest.raises(CommandError, match="run load_demo_crafts first"):
        call_command("curation_figures_benchmark", "--allow-without-debug",
                     stdout=io.StringIO())
