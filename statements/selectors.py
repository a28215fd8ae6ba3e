"""Reads of the artisans' monthly statements: what they sold, the commission, what is owed.

What counts: lines of an artisan's products in orders the buyer has paid (order status
Paid, Packed, Shipped or Delivered), except a line cancelled on its own and a line the
artisan could not send (fulfilment: unable to ship, then refunded by the council).
A line belongs to the month its order was placed in, Western Indonesia Time
(Asia/Jakarta), and takes the commission rate in force on that day: the artisan's
region's own rate if it has one from that day, else the default rate, else none (0%).

Money, in whole rupiah: a line's amount is what the buyer paid for it (Oscar's
line_price_incl_tax, after discounts, without shipping), rounded half up. Its
commission is amount × rate / 100 rounded half up to the rupiah, per line; what is
owed for it is the amount less that commission. A month's totals are the sums of its
lines, so a statement's lines always add up to its totals, and the council's summary
(summed in the database with the same arithmetic) agrees with every artisan's page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import (
    BigIntegerField, Count, DecimalField, Exists, F, OuterRef, QuerySet, Subquery, Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Floor, Round, TruncDate, TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.models import Artisan, Region
from fulfilment.models import LineShipment, ShipmentState
from shop.payments.statuses import LineStatus
from statements.models import CommissionRate

Line = get_model("order", "Line")

# The council's statements follow Western Indonesia Time, whatever the server's zone.
STATEMENT_TIMEZONE = ZoneInfo("Asia/Jakarta")
PAID_ORDER_STATUSES = (
    LineStatus.PAID, LineStatus.PACKED, LineStatus.SHIPPED, LineStatus.DELIVERED,
)
# Not the artisan's to be paid for: they could not send it, and the buyer is refunded.
NOT_OWED_SHIPMENT_STATES = (ShipmentState.UNABLE, ShipmentState.REFUNDED)
RATE_FIELD = DecimalField(max_digits=5, decimal_places=2)
RUPIAH = BigIntegerField()


@dataclass(frozen=True)
class StatementLine:
    line_id: int
    order_number: str
    placed_at: dt.datetime  # in Asia/Jakarta
    product_title: str
    quantity: int
    amount: Decimal
    rate: Decimal
    commission: Decimal

    @property
    def owed(self) -> Decimal:
        return self.amount - self.commission


@dataclass(frozen=True)
class RateApplied:
    """One commission rate used in a month, with the sales it was applied to."""

    rate: Decimal
    gross: Decimal
    commission: Decimal


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    def __post_init__(self):
        if not (1 <= self.month <= 12 and 1 <= self.year < 9999):
            raise ValueError(f"No such month: {self.year}-{self.month}")

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The month's first instant and the next month's, in Asia/Jakarta."""
        start = dt.datetime(self.year, self.month, 1, tzinfo=STATEMENT_TIMEZONE)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following

    def is_over(self, *, now: dt.datetime | None = None) -> bool:
        """Whether the month has ended (its figures can still change while it runs)."""
        return (now or timezone.now()) >= self.bounds[1]

    def previous(self) -> Month:
        day = self.first_day - dt.timedelta(days=1)
        return Month(day.year, day.month)

    def next(self) -> Month:
        day = self.bounds[1].date()
        return Month(day.year, day.month)

    @classmethod
    def current(cls, *, now: dt.datetime | None = None) -> Month:
        today = timezone.localtime(now or timezone.now(), STATEMENT_TIMEZONE).date()
        return cls(today.year, today.month)


@dataclass(frozen=True)
class Statement:
    artisan: Artisan
    month: Month
    lines: tuple[StatementLine, ...]

    @property
    def gross(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def commission(self) -> Decimal:
        return sum((line.commission for line in self.lines), Decimal(0))

    @property
    def owed(self) -> Decimal:
        return self.gross - self.commission

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def rates(self) -> tuple[RateApplied, ...]:
        """The rates applied this month, lowest first, each with its gross and commission."""
        by_rate: dict[Decimal, list[StatementLine]] = {}
        for line in self.lines:
            by_rate.setdefault(line.rate, []).append(line)
        return tuple(
            RateApplied(
                rate=rate,
                gross=sum((line.amount for line in lines), Decimal(0)),
                commission=sum((line.commission for line in lines), Decimal(0)),
            )
            for rate, lines in sorted(by_rate.items())
        )


@dataclass(frozen=True)
class MonthTotals:
    """One month of an artisan's sales or of one artisan in the council's summary."""

    month: Month
    lines: int
    quantity: int
    gross: Decimal
    commission: Decimal

    @property
    def owed(self) -> Decimal:
        return self.gross - self.commission


@dataclass(frozen=True)
class CouncilRow:
    artisan: Artisan
    totals: MonthTotals


@dataclass(frozen=True)
class CouncilSummary:
    month: Month
    region: Region | None
    rows: tuple[CouncilRow, ...]

    @property
    def gross(self) -> Decimal:
        return sum((row.totals.gross for row in self.rows), Decimal(0))

    @property
    def commission(self) -> Decimal:
        return sum((row.totals.commission for row in self.rows), Decimal(0))

    @property
    def owed(self) -> Decimal:
        return self.gross - self.commission


# --- The lines that count and their money, as database expressions ---------------------


def owed_lines() -> QuerySet:
    """Lines of artisans' products that the buyer paid for and the artisan is to be paid for."""
    not_owed = LineShipment.objects.filter(line=OuterRef("pk"), state__in=NOT_OWED_SHIPMENT_STATES)
    return (
        Line.objects.filter(partner__artisan__isnull=False, order__status__in=PAID_ORDER_STATUSES)
        .exclude(status=LineStatus.CANCELLED)
        .exclude(Exists(not_owed))
    )


def _rate_in_force(*, own_region: bool) -> Subquery:
    """The rate of the line's region (or the default) in force on the day it was placed."""
    rates = CommissionRate.objects.filter(valid_from__lte=OuterRef("placed_on"))
    if own_region:
        rates = rates.filter(region=OuterRef("partner__artisan__region"))
    else:
        rates = rates.filter(region__isnull=True)
    latest = rates.order_by("-valid_from", "-pk").values("rate")[:1]
    return Subquery(latest, output_field=RATE_FIELD)


def with_money(lines: QuerySet) -> QuerySet:
    """`lines` annotated with placed_on, rate, amount and commission (whole rupiah).

    Integer arithmetic in the database, so that PostgreSQL and SQLite round alike:
    amount = floor(price + ½); commission = (amount × rate in hundredths of a percent
    + 5000) div 10000, which is amount × rate / 100 rounded half up.
    """
    return lines.annotate(
        placed_on=TruncDate("order__date_placed", tzinfo=STATEMENT_TIMEZONE),
        rate=Coalesce(
            _rate_in_force(own_region=True), _rate_in_force(own_region=False),
            Value(Decimal("0.00")), output_field=RATE_FIELD,
        ),
        amount=Cast(Floor(F("line_price_incl_tax") + Value(Decimal("0.5"))), RUPIAH),
        rate_basis_points=Cast(Round(F("rate") * Value(100)), RUPIAH),
    ).annotate(
        commission=Cast(
            (F("amount") * F("rate_basis_points") + Value(5000)) / Value(10000), RUPIAH
        ),
    )


def _in_month(lines: QuerySet, month: Month) -> QuerySet:
    start, end = month.bounds
    return lines.filter(order__date_placed__gte=start, order__date_placed__lt=end)


# --- Artisan side ----------------------------------------------------------------------


def statement_for(*, artisan: Artisan, year: int, month: int) -> Statement:
    """The artisan's statement for a month: each line sold, its commission and what is owed.

    One query. Raises ValueError for a month that does not exist.
    """
    the_month = Month(year, month)
    rows = (
        with_money(_in_month(owed_lines().filter(partner__artisan=artisan), the_month))
        .order_by("order__date_placed", "order__number", "pk")
        .values(
            "pk", "order__number", "order__date_placed", "title", "quantity",
            "amount", "rate", "commission",
        )
    )
    lines = tuple(
        StatementLine(
            line_id=row["pk"],
            order_number=row["order__number"],
            placed_at=timezone.localtime(row["order__date_placed"], STATEMENT_TIMEZONE),
            product_title=row["title"],
            quantity=row["quantity"],
            amount=Decimal(row["amount"]),
            rate=row["rate"].quantize(Decimal("0.01")),
            commission=Decimal(row["commission"]),
        )
        for row in rows
    )
    return Statement(artisan=artisan, month=the_month, lines=lines)


def statement_months_for(*, artisan: Artisan) -> list[MonthTotals]:
    """The months in which the artisan has sales, newest first, with their totals. One query."""
    rows = (
        with_money(owed_lines().filter(partner__artisan=artisan))
        .annotate(month_start=TruncMonth("order__date_placed", tzinfo=STATEMENT_TIMEZONE))
        .values("month_start")
        .annotate(
            line_count=Count("pk"), quantity_sum=Sum("quantity"),
            gross=Sum("amount"), commission_sum=Sum("commission"),
        )
        .order_by("-month_start")
    )
    totals = []
    for row in rows:
        start = timezone.localtime(row["month_start"], STATEMENT_TIMEZONE)
        totals.append(MonthTotals(
            month=Month(start.year, start.month), lines=row["line_count"],
            quantity=row["quantity_sum"], gross=Decimal(row["gross"]),
            commission=Decimal(row["commission_sum"]),
        ))
    return totals


# --- Council side ----------------------------------------------------------------------


def statements_for_council(
    *, year: int, month: int, region: Region | None = None
) -> CouncilSummary:
    """One row per artisan with sales in the month (optionally of one region), with totals.

    Summed in the database: two queries however many artisans (the sums, then the artisans).
    Rows are ordered by region, then artisan name. Raises ValueError for a month that
    does not exist.
    """
    the_month = Month(year, month)
    lines = _in_month(owed_lines(), the_month)
    if region is not None:
        lines = lines.filter(partner__artisan__region=region)
    sums = {
        row["partner__artisan"]: row
        for row in with_money(lines)
        .values("partner__artisan")
        .annotate(
            line_count=Count("pk"), quantity_sum=Sum("quantity"),
            gross=Sum("amount"), commission_sum=Sum("commission"),
        )
        .order_by()
    }
    artisans = Artisan.objects.filter(pk__in=sums).select_related("region").order_by(
        "region__province", "region__name", "name", "pk"
    ) if sums else []
    rows = tuple(
        CouncilRow(
            artisan=artisan,
            totals=MonthTotals(
                month=the_month, lines=sums[artisan.pk]["line_count"],
                quantity=sums[artisan.pk]["quantity_sum"],
                gross=Decimal(sums[artisan.pk]["gross"]),
                commission=Decimal(sums[artisan.pk]["commission_sum"]),
            ),
        )
        for artisan in artisans
    )
    return CouncilSummary(month=the_month, region=region, rows=rows)


def artisan_for_council(*, artisan_id: int) -> Artisan | None:
    """An artisan business as the council's statement pages show it."""
    return Artisan.objects.select_related("region", "partner").filter(pk=artisan_id).first()


def commission_rates_for_dashboard() -> QuerySet[CommissionRate]:
    """Every commission rate the council has set, newest start first."""
    return CommissionRate.objects.select_related("region", "created_by").order_by(
        F("region__name").asc(nulls_first=True), "-valid_from", "-pk"
    )


def commission_rate_ids_in_force(*, on: dt.date) -> set[int]:
    """The rates in force on a day: the default's latest and each region's latest."""
    in_force: dict[int | None, int] = {}
    for rate_id, region_id in (
        CommissionRate.objects.filter(valid_from__lte=on)
        .order_by("valid_from", "pk").values_list("pk", "region_id")
    ):
        in_force[region_id] = rate_id
    return set(in_force.values())
