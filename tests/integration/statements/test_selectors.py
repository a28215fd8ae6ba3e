"""Statements from known shipments: what counts, which rate applies, how money is rounded,
and the month's ledger (opening balance, refunds, payouts, closing balance)."""
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.selectors import (
    statement_for, statement_months_for, statements_for_council,
)
from tests.factories import ArtisanFactory, RegionFactory

from tests.support.ledger import jakarta, mock_now, rate, sale, shipment_event, shipped_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_artisan(other_region):
    return ArtisanFactory(region=other_region, name="Tenun Lumajang")


@pytest.fixture
def other_region_rate(other_region):
    """7.5% in Lumajang, set before anything was shipped (the SALE fixes a line's rate)."""
    return rate("7.50", dt.date(2024, 12, 1), region=other_region)


@pytest.fixture
def later_default_rate():
    return rate("11.00", dt.date(2025, 1, 2))


@pytest.fixture
def two_months(artisan, other_artisan):
    """January and February 2025 for two artisans, at the default 10%: lines shipped when
    their orders were placed, unless said otherwise."""
    rate("10.00", dt.date(2025, 1, 1))
    sales = {
        "jan_paid": shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 3),
                                 amount="1250000"),
        "jan_shipped": shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 10),
                                    amount="600000", quantity=2, status="Shipped"),
        # Shipped at 23:30 in Jakarta on the 31st, 16:30 UTC: still January.
        "jan_last_minute": shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 31, 23, 0),
                                        shipped_at=jakarta(2025, 1, 31, 23, 30),
                                        amount="88000", status="Delivered"),
        # Placed in January, shipped at 00:15 on 1 February in Jakarta (still 31 January
        # in UTC): a February sale, at January's rate.
        "feb_first_minute": shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 31, 22),
                                         shipped_at=jakarta(2025, 2, 1, 0, 15),
                                         amount="500000", status="Packed"),
        # Paid but not shipped yet: not owed.
        "jan_not_shipped": sale(artisan=artisan, placed_at=jakarta(2025, 1, 11), amount="333000"),
        "jan_unpaid": sale(artisan=artisan, placed_at=jakarta(2025, 1, 12), amount="999000",
                           status="Awaiting payment"),
        "jan_cancelled": sale(artisan=artisan, placed_at=jakarta(2025, 1, 13), amount="777000",
                              status="Cancelled"),
        "jan_other": shipped_sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 20),
                                  amount="450000"),
    }
    # One order with a line of each artisan.
    shared_order = sales["jan_paid"].order
    sales["jan_other_shared"] = shipped_sale(
        artisan=other_artisan, placed_at=shared_order.date_placed, amount="320000",
        order=shared_order,
    )
    return sales


def test_a_month_counts_the_artisans_lines_shipped_in_it_in_jakarta_time(
    artisan, two_months
):
    statement = statement_for(artisan=artisan, year=2025, month=1)

    assert [line.line_id for line in statement.lines] == [
        two_months["jan_paid"].pk, two_months["jan_shipped"].pk,
        two_months["jan_last_minute"].pk,
    ]
    assert statement.gross == Decimal("1938000")  # 1,250,000 + 600,000 + 88,000
    assert statement.commission == Decimal("193800")
    assert statement.owed == Decimal("1744200")
    assert statement.quantity == 4
    first = statement.lines[0]
    assert first.order_number == two_months["jan_paid"].order.number
    assert first.placed_at == jakarta(2025, 1, 3)
    assert first.occurred_at == jakarta(2025, 1, 3)  # shipped
    assert first.product_title == two_months["jan_paid"].title
    assert (first.amount, first.rate, first.commission, first.owed) == (
        Decimal("1250000"), Decimal("10.00"), Decimal("125000"), Decimal("1125000"),
    )
    february = statement_for(artisan=artisan, year=2025, month=2)
    assert [line.line_id for line in february.lines] == [two_months["feb_first_minute"].pk]
    assert (february.gross, february.commission, february.owed) == (
        Decimal("500000"), Decimal("50000"), Decimal("450000"),
    )


def test_another_artisans_line_in_the_same_order_is_not_on_the_statement(
    artisan, other_artisan, two_months
):
    mine = statement_for(artisan=artisan, year=2025, month=1)
    theirs = statement_for(artisan=other_artisan, year=2025, month=1)

    assert two_months["jan_other_shared"].pk not in {line.line_id for line in mine.lines}
    assert {line.line_id for line in theirs.lines} == {
        two_months["jan_other"].pk, two_months["jan_other_shared"].pk,
    }
    assert (theirs.gross, theirs.commission, theirs.owed) == (
        Decimal("770000"), Decimal("77000"), Decimal("693000"),
    )


def test_a_line_not_shipped_or_given_up_is_not_owed(artisan, two_months):
    # Given up by the artisan, then refunded by the council: never shipped, never owed.
    given_up = sale(artisan=artisan, placed_at=jakarta(2025, 1, 5), amount="200000")
    shipment_event(given_up, "unable", at=jakarta(2025, 1, 6))
    shipment_event(given_up, "refunded", at=jakarta(2025, 1, 9))
    packed = sale(artisan=artisan, placed_at=jakarta(2025, 1, 6), amount="150000")
    shipment_event(packed, "packed", at=jakarta(2025, 1, 7))

    statement = statement_for(artisan=artisan, year=2025, month=1)

    assert [line.line_id for line in statement.lines] == [
        two_months["jan_paid"].pk, two_months["jan_shipped"].pk,
        two_months["jan_last_minute"].pk,
    ]
    assert statement.gross == Decimal("1938000")
    assert statement.refunds == ()


def test_a_shipped_line_refunded_later_is_taken_back_in_the_month_of_the_refund(
    artisan, two_months
):
    # The buyer sends back the piece shipped in January; the council refunds in March.
    shipment_event(two_months["jan_shipped"], "refunded", at=jakarta(2025, 3, 2))

    january = statement_for(artisan=artisan, year=2025, month=1)
    march = statement_for(artisan=artisan, year=2025, month=3)

    assert two_months["jan_shipped"].pk in {line.line_id for line in january.lines}
    assert january.refunds == ()
    assert march.lines == ()
    [refund] = march.refunds
    assert (refund.line_id, refund.amount, refund.rate, refund.commission, refund.owed) == (
        two_months["jan_shipped"].pk, 600000, Decimal("10.00"), 60000, 540000,
    )
    assert (march.opening, march.refunded, march.closing) == (
        1744200 + 450000, 540000, 1744200 + 450000 - 540000,
    )


def test_the_month_opens_with_the_last_months_closing_balance_and_counts_payouts(
    artisan, two_months
):
    from tests.support.ledger import pay, payments_staff

    staff = payments_staff()
    with mock_now(jakarta(2025, 2, 10)):
        payout = pay(artisan=artisan, amount=1000000, user=staff, reference="BCA-0210",
                     paid_on=dt.date(2025, 2, 9))

    january = statement_for(artisan=artisan, year=2025, month=1)
    february = statement_for(artisan=artisan, year=2025, month=2)

    assert (january.opening, january.owed, january.paid_out, january.closing) == (
        0, 1744200, 0, 1744200,
    )
    assert february.opening == january.closing
    assert [(p.amount, p.reference, p.paid_on) for p in february.payouts] == [
        (1000000, "BCA-0210", payout.paid_on),
    ]
    assert (february.owed, february.paid_out, february.closing) == (
        450000, 1000000, 1744200 + 450000 - 1000000,
    )


def test_a_regions_own_rate_wins_over_the_default(artisan, other_artisan, other_region_rate,
                                                  later_default_rate, two_months):
    # A later default does not override the region's own rate.
    theirs = statement_for(artisan=other_artisan, year=2025, month=1)
    mine = statement_for(artisan=artisan, year=2025, month=1)

    assert {line.rate for line in theirs.lines} == {Decimal("7.50")}
    assert theirs.commission == Decimal("57750")  # 7.5% of 770,000
    assert theirs.owed == Decimal("712250")
    # The artisan of the other region keeps the default, by order date.
    # (Rates set before anything was shipped: the ledger fixes a line's rate when shipped.)
    assert [line.rate for line in mine.lines] == [
        Decimal("11.00"), Decimal("11.00"), Decimal("11.00"),
    ]


def test_a_rate_change_mid_month_applies_by_the_jakarta_day_the_order_was_placed(artisan):
    rate("10.00", dt.date(2025, 1, 1))
    rate("12.00", dt.date(2025, 1, 15))
    before = shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 14, 23, 59), amount="100000")
    # 00:01 on the 15th in Jakarta is still the 14th in UTC: the new rate applies.
    after = shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 15, 0, 1), amount="100000")

    statement = statement_for(artisan=artisan, year=2025, month=1)

    by_line = {line.line_id: line for line in statement.lines}
    assert (by_line[before.pk].rate, by_line[before.pk].commission) == (
        Decimal("10.00"), Decimal("10000"),
    )
    assert (by_line[after.pk].rate, by_line[after.pk].commission) == (
        Decimal("12.00"), Decimal("12000"),
    )
    assert [(r.rate, r.gross, r.commission) for r in statement.rates] == [
        (Decimal("10.00"), Decimal("100000"), Decimal("10000")),
        (Decimal("12.00"), Decimal("100000"), Decimal("12000")),
    ]
    assert statement.owed == Decimal("178000")


def test_without_any_rate_the_commission_is_zero(artisan):
    shipped_sale(artisan=artisan, placed_at=jakarta(2025, 3, 3), amount="250000")

    statement = statement_for(artisan=artisan, year=2025, month=3)

    assert (statement.gross, statement.commission, statement.owed) == (
        Decimal("250000"), Decimal("0"), Decimal("250000"),
    )
    assert [r.rate for r in statement.rates] == [Decimal("0.00")]


def test_commission_is_rounded_half_up_to_the_rupiah_per_line(artisan):
    rate("2.50", dt.date(2025, 1, 1))
    amounts = ["1020", "1019", "1001", "1020", "1020", "1000.50"]
    lines = [shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 2 + i), amount=amount)
             for i, amount in enumerate(amounts)]

    statement = statement_for(artisan=artisan, year=2025, month=1)

    by_line = {line.line_id: line for line in statement.lines}
    # 25.5 → 26 (half up), 25.475 → 25, 25.025 → 25; 1000.50 is 1001 rupiah.
    assert [(by_line[line.pk].amount, by_line[line.pk].commission) for line in lines] == [
        (Decimal("1020"), Decimal("26")), (Decimal("1019"), Decimal("25")),
        (Decimal("1001"), Decimal("25")), (Decimal("1020"), Decimal("26")),
        (Decimal("1020"), Decimal("26")), (Decimal("1001"), Decimal("25")),
    ]
    # Per line, so the lines add up to the total: 153, where 2.5% of the gross would be 152.
    assert statement.gross == Decimal("6081")
    assert statement.commission == Decimal("153")
    assert statement.owed == statement.gross - statement.commission


@pytest.mark.parametrize("percent", ["12.35", "7.25", "0.01", "99.99", "100.00", "0.00"])
def test_rounding_matches_decimal_half_up_for_many_amounts(artisan, percent):
    rate(percent, dt.date(2025, 1, 1))
    amounts = [1, 3, 7, 40, 99, 100, 1000, 1999, 2000, 12345, 87654, 1250000, 999999999]
    for day, amount in enumerate(amounts, start=1):
        shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, day), amount=amount)

    statement = statement_for(artisan=artisan, year=2025, month=1)

    expected = [
        (Decimal(amount) * Decimal(percent) / 100).quantize(Decimal(1), ROUND_HALF_UP)
        for amount in amounts
    ]
    assert [line.commission for line in statement.lines] == expected
    assert statement.commission == sum(expected)


def test_the_month_list_has_the_months_with_sales_newest_first(artisan, two_months):
    months = statement_months_for(artisan=artisan)

    assert [(m.month.year, m.month.month) for m in months] == [(2025, 2), (2025, 1)]
    assert [(m.lines, m.quantity, m.gross, m.commission, m.owed) for m in months] == [
        (1, 1, Decimal("500000"), Decimal("50000"), Decimal("450000")),
        (3, 4, Decimal("1938000"), Decimal("193800"), Decimal("1744200")),
    ]


def test_the_council_summary_has_one_row_per_artisan_agreeing_with_their_statements(
    artisan, other_artisan, other_region, other_region_rate, two_months
):

    summary = statements_for_council(year=2025, month=1)
    only_other_region = statements_for_council(year=2025, month=1, region=other_region)

    rows = {row.artisan.pk: row.totals for row in summary.rows}
    assert set(rows) == {artisan.pk, other_artisan.pk}
    for each in (artisan, other_artisan):
        statement = statement_for(artisan=each, year=2025, month=1)
        totals = rows[each.pk]
        assert (totals.lines, totals.gross, totals.commission, totals.owed) == (
            len(statement.lines), statement.gross, statement.commission, statement.owed,
        )
    assert (summary.gross, summary.commission, summary.owed) == (
        Decimal("2708000"), Decimal("251550"), Decimal("2456450"),
    )
    assert [row.artisan for row in only_other_region.rows] == [other_artisan]
    assert only_other_region.gross == Decimal("770000")


def test_the_council_summary_takes_the_same_number_of_queries_for_more_artisans():
    rate("10.00", dt.date(2025, 1, 1))

    def queries_for(count: int) -> int:
        for i in range(count):
            region = RegionFactory(name=f"Kabupaten Uji {count}-{i}")
            region_artisan = ArtisanFactory(region=region)
            rate("5.00", dt.date(2025, 1, 1), region=region)
            shipped_sale(artisan=region_artisan, placed_at=jakarta(2025, 4, 1 + i), amount="100000")
        with CaptureQueriesContext(connection) as queries:
            summary = statements_for_council(year=2025, month=4)
            [row.artisan.region.name for row in summary.rows]
        return len(summary.rows), len(queries)

    rows_small, few = queries_for(2)
    rows_large, many = queries_for(8)

    assert (rows_small, rows_large) == (2, 10)
    assert few == many == 2
