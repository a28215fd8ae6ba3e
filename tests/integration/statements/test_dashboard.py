"""The council's statement pages: staff only, the month summary, its CSV, each artisan."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import ArtisanFactory, CuratorFactory, RegionFactory, UserFactory

from tests.support.ledger import JAKARTA, jakarta, rate, sale, shipped_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_artisan(other_region):
    return ArtisanFactory(region=other_region, name="Tenun Lumajang", nib="9876543210987")


@pytest.fixture
def sales(artisan, other_artisan, other_region):
    rate("10.00", dt.date(2025, 1, 1))
    rate("7.50", dt.date(2025, 1, 1), region=other_region)
    return [
        shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="1250000"),
        shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 9), amount="88000"),
        shipped_sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 4), amount="450000"),
        # Not paid, so never shipped: not owed.
        sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 5), amount="300000",
             status="Awaiting payment"),
    ]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def summary_url(year=2025, month=1, region=None, name="statements-summary") -> str:
    url = f"{reverse(name)}?year={year}&month={month}"
    return f"{url}&region={region.pk}" if region else url


def read_csv(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_summary_has_one_row_per_artisan_with_totals(staff_client, artisan, other_artisan,
                                                         sales):
    response = staff_client.get(summary_url())

    assert response.status_code == 200
    summary = response.context["summary"]
    assert [(row.artisan, row.totals.gross, row.totals.commission, row.totals.owed)
            for row in summary.rows] == [
        (artisan, Decimal("1338000"), Decimal("133800"), Decimal("1204200")),
        (other_artisan, Decimal("450000"), Decimal("33750"), Decimal("416250")),
    ]
    html = response.content.decode()
    assert reverse("statements-artisan", args=[artisan.pk, 2025, 1]) in html
    assert "Rp\xa01.620.450" in html  # owed to both


def test_the_summary_filters_by_region(staff_client, other_artisan, other_region, sales):
    response = staff_client.get(summary_url(region=other_region))

    assert [row.artisan for row in response.context["summary"].rows] == [other_artisan]


def test_the_summary_defaults_to_the_last_month_that_has_ended(staff_client):
    response = staff_client.get(reverse("statements-summary"))

    summary = response.context["summary"]
    today = timezone.localtime(timezone.now(), JAKARTA).date()
    last = today.replace(day=1) - dt.timedelta(days=1)
    assert (summary.month.year, summary.month.month) == (last.year, last.month)


def test_the_summary_csv(staff_client, artisan, other_artisan, sales):
    with translation.override("en"):
        response = staff_client.get(summary_url(name="statements-summary-csv"),
                                    HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Disposition"] == (
        'attachment; filename="pasar-kriya-summary-2025-01.csv"'
    )
    assert read_csv(response) == [
        ["Artisan", "NIB", "Region", "Opening balance (IDR)", "Lines", "Quantity",
         "Gross (IDR)", "Commission (IDR)", "Owed (IDR)", "Refunded (IDR)", "Paid out (IDR)",
         "Adjustments (IDR)", "Closing balance (IDR)"],
        [artisan.name, artisan.nib, artisan.region.display_name, "0", "2", "2", "1338000",
         "133800", "1204200", "0", "0", "0", "1204200"],
        ["Tenun Lumajang", "9876543210987", other_artisan.region.display_name, "0", "1", "1",
         "450000", "33750", "416250", "0", "0", "0", "416250"],
    ]


def test_the_summary_carries_balances_refunds_and_payouts_month_to_month(
    staff_client, artisan, other_artisan, sales
):
    from tests.support.ledger import pay, payments_staff

    from tests.support.ledger import mock_now, shipment_event

    shipment_event(sales[1], "refunded", at=jakarta(2025, 2, 2))
    with mock_now(jakarta(2025, 2, 5)):
        pay(artisan=artisan, amount=1000000, user=payments_staff(), paid_on=dt.date(2025, 2, 5))

    february = staff_client.get(summary_url(month=2)).context["summary"]

    # Only the artisan had entries in February; the other's balance waits in January.
    [row] = february.rows
    assert row.artisan == artisan
    assert (row.totals.opening, row.totals.owed, row.totals.refunded, row.totals.paid_out,
            row.totals.closing) == (1204200, 0, 79200, 1000000, 1204200 - 79200 - 1000000)


def test_the_summary_csv_of_a_region_is_named_after_it(staff_client, other_region, sales):
    response = staff_client.get(summary_url(region=other_region, name="statements-summary-csv"))

    assert response["Content-Disposition"] == (
        f'attachment; filename="pasar-kriya-summary-{other_region.slug}-2025-01.csv"'
    )
    assert len(read_csv(response)) == 2


def test_a_bad_filter_shows_errors_and_a_bad_csv_request_is_400(staff_client, sales):
    response = staff_client.get(summary_url(month=13))
    assert response.status_code == 200
    assert response.context["summary"] is None
    assert response.context["form"].errors
    bad_csv = staff_client.get(summary_url(month="x", name="statements-summary-csv"))
    assert bad_csv.status_code == 400


def test_the_council_reads_each_artisans_statement_and_its_csv(staff_client, other_artisan,
                                                              sales):
    response = staff_client.get(reverse("statements-artisan", args=[other_artisan.pk, 2025, 1]))

    assert response.status_code == 200
    statement = response.context["statement"]
    assert statement.artisan == other_artisan
    assert [line.line_id for line in statement.lines] == [sales[2].pk]
    assert (statement.gross, statement.commission, statement.owed) == (
        Decimal("450000"), Decimal("33750"), Decimal("416250"),
    )
    response = staff_client.get(
        reverse("statements-artisan-csv", args=[other_artisan.pk, 2025, 1])
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="pasar-kriya-{other_artisan.slug}-2025-01.csv"'
    )
    rows = read_csv(response)
    assert [row[6:10] for row in rows[2:-1]] == [["450000", "7.50", "33750", "416250"]]
    assert rows[-1][-1] == "416250"  # the closing balance


def test_an_unknown_artisan_or_month_is_404(staff_client, artisan):
    for args in ([999999, 2025, 1], [artisan.pk, 2025, 13]):
        assert staff_client.get(reverse("statements-artisan", args=args)).status_code == 404


def test_council_pages_are_staff_only(client, artisan, curator, sales):
    urls = [
        summary_url(), summary_url(name="statements-summary-csv"),
        reverse("statements-artisan", args=[artisan.pk, 2025, 1]),
        reverse("statements-artisan-csv", args=[artisan.pk, 2025, 1]),
        reverse("statements-rate-list"), reverse("statements-rate-create"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("customer:login"))
    for user in (curator.user, artisan.partner.users.get(), UserFactory()):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)


def test_the_summary_page_takes_the_same_number_of_queries_for_more_artisans(staff_client):
    rate("10.00", dt.date(2025, 1, 1))

    def page_queries(count: int) -> int:
        for i in range(count):
            region = RegionFactory(name=f"Kota Uji {count}-{i}")
            shipped_sale(artisan=ArtisanFactory(region=region),
                         placed_at=jakarta(2025, 5, 1 + i), amount="100000")
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(summary_url(month=5))
        assert response.status_code == 200
        return len(response.context["summary"].rows), len(queries)

    # A first request warms what Django and Oscar look up once per process.
    assert page_queries(2)[0] == 2
    rows_before, few = page_queries(0)
    rows_after, many = page_queries(6)
    assert (rows_before, rows_after) == (2, 8)
    assert few == many
