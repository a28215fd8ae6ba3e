"""Reads of the artisans' monthly statements, from the payout ledger (payouts.models).

A statement is a month of the artisan's ledger, Western Indonesia Time (Asia/Jakarta):
the balance it opened with, the month's sales, refunds, payouts and corrections, and
the balance it closed with.

What counts as a sale: a line the artisan SHIPPED. It is counted in the month it was
shipped, as the ledger's SALE entry written when fulfilment recorded the shipment
(before the ledger, statements counted a line in the month its order was placed, as
soon as the buyer had paid). A line the artisan could not send is never a sale; a
shipped line later refunded (a returned piece) appears as a REFUND in the month of
the refund, taking back exactly what its sale owed. A payout appears in the month
the council recorded it.

Money, in whole rupiah, fixed on the SALE when the line is shipped
(payouts.rates.with_money):
a line's amount is what the buyer paid for it (Oscar's line_price_incl_tax, after
discounts, without shipping), rounded half up. It takes the commission rate in
force on the day its order was placed (Asia/Jakarta): the artisan's region's own
rate if it has one from that day, else the default rate, else none (0%). Its
commission is amount × rate / 100 rounded half up to the rupiah, per line; what is
owed for it is the amount less that commission. A month's totals are the sums of its
entries, so a statement's lines always add up to its totals, and the council's
summary (summed in the database) agrees with every artisan's page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count, F, Q, Sum, Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from catalogue.models import Artisan, Region
from core.calendar import COUNCIL_TIMEZONE, Month
from payouts.models import LedgerEntry
from payouts.rates import RUPIAH

Kind = LedgerEntry.Kind



@dataclass(frozen=True)
class StatementLine:
    """One line's SALE (or its REFUND) on a statement."""

    line_id: int
    order_number: str
    placed_at: dt.datetime  # in Asia/Jakarta
    product_title: str
    quantity: int
    amount: int
    rate: Decimal
    commission: int
    occurred_at: dt.datetime  # shipped (or refunded), in Asia/Jakarta

    @property
    def owed(self) -> int:
        return self.amount - self.commission


@dataclass(frozen=True)
class StatementPayout:
    paid_on: dt.date
    reference: str
    amount: int  # transferred, positive
    recorded_at: dt.datetime  # in Asia/Jakarta


@dataclass(frozen=True)
class StatementAdjustment:
    amount: int  # signed, as on the ledger
    note: str
    recorded_at: dt.datetime  # in Asia/Jakarta


@dataclass(frozen=True)
class RateApplied:
    """One commission rate used in a month, with the sales it was applied to."""

    rate: Decimal
    gross: int
    commission: int


def _sum(values) -> int:
    return sum(values, 0)


@dataclass(frozen=True)
class Statement:
    """A month of the artisan's ledger. `lines` are the month's sales."""

    artisan: Artisan
    month: Month
    lines: tuple[StatementLine, ...]
    opening: int = 0
    refunds: tuple[StatementLine, ...] = ()
    payouts: tuple[StatementPayout, ...] = ()
    adjustments: tuple[StatementAdjustment, ...] = ()

    @property
    def gross(self) -> int:
        return _sum(line.amount for line in self.lines)

    @property
    def commission(self) -> int:
        return _sum(line.commission for line in self.lines)

    @property
    def owed(self) -> int:
        """What the month's sales owe the artisan."""
        return self.gross - self.commission

    @property
    def quantity(self) -> int:
        return _sum(line.quantity for line in self.lines)

    @property
    def refunded(self) -> int:
        """What the month's refunds took back (positive)."""
        return _sum(line.owed for line in self.refunds)

    @property
    def paid_out(self) -> int:
        return _sum(payout.amount for payout in self.payouts)

    @property
    def adjusted(self) -> int:
        return _sum(adjustment.amount for adjustment in self.adjustments)

    @property
    def closing(self) -> int:
        return self.opening + self.owed - self.refunded - self.paid_out + self.adjusted

    @property
    def has_entries(self) -> bool:
        return bool(self.lines or self.refunds or self.payouts or self.adjustments)

    @property
    def rates(self) -> tuple[RateApplied, ...]:
        """The rates applied to the month's sales, lowest first, each with its gross and
        commission."""
        by_rate: dict[Decimal, list[StatementLine]] = {}
        for line in self.lines:
            by_rate.setdefault(line.rate, []).append(line)
        return tuple(
            RateApplied(
                rate=rate,
                gross=_sum(line.amount for line in lines),
                commission=_sum(line.commission for line in lines),
            )
            for rate, lines in sorted(by_rate.items())
        )


@dataclass(frozen=True)
class MonthTotals:
    """One month of an artisan's ledger, on their month list or the council's summary."""

    month: Month
    lines: int
    quantity: int
    gross: int
    commission: int
    refunded: int = 0
    paid_out: int = 0
    adjusted: int = 0
    opening: int = 0

    @property
    def owed(self) -> int:
        """What the month's sales owe."""
        return self.gross - self.commission

    @property
    def closing(self) -> int:
        return self.opening + self.owed - self.refunded - self.paid_out + self.adjusted


@dataclass(frozen=True)
class CouncilRow:
    artisan: Artisan
    totals: MonthTotals


@dataclass(frozen=True)
class CouncilSummary:
    month: Month
    region: Region | None
    rows: tuple[CouncilRow, ...]

    def _total(self, name: str) -> int:
        return _sum(getattr(row.totals, name) for row in self.rows)

    @property
    def gross(self) -> int:
        return self._total("gross")

    @property
    def commission(self) -> int:
        return self._total("commission")

    @property
    def owed(self) -> int:
        return self.gross - self.commission

    @property
    def refunded(self) -> int:
        return self._total("refunded")

    @property
    def paid_out(self) -> int:
        return self._total("paid_out")

    @property
    def opening(self) -> int:
        return self._total("opening")

    @property
    def closing(self) -> int:
        return self._total("closing")


# --- Artisan side ----------------------------------------------------------------------


def _jakarta(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, COUNCIL_TIMEZONE)


def _statement_line(entry: LedgerEntry) -> StatementLine:
    line = entry.line
    return StatementLine(
        line_id=line.pk, order_number=line.order.number,
        placed_at=_jakarta(line.order.date_placed), product_title=line.title,
        quantity=line.quantity, amount=entry.gross, rate=entry.rate.quantize(Decimal("0.01")),
        commission=entry.commission, occurred_at=_jakarta(entry.occurred_at),
    )


def _balance_before(*, artisan: Artisan, moment: dt.datetime) -> int:
    return LedgerEntry.objects.filter(artisan=artisan, occurred_at__lt=moment).aggregate(
        total=Coalesce(Sum("amount"), Value(0), output_field=RUPIAH)
    )["total"]


def statement_for(*, artisan: Artisan, year: int, month: int) -> Statement:
    """The artisan's statement for a month: the balance it opened with, each line shipped
    (its gross, rate, commission and what is owed), each refund, payout and correction,
    and the closing balance.

    Two queries. Raises ValueError for a month that does not exist.
    """
    the_month = Month(year, month)
    start, end = the_month.bounds
    entries = (
        LedgerEntry.objects.filter(artisan=artisan, occurred_at__gte=start, occurred_at__lt=end)
        .select_related("line__order", "payout")
        .order_by("occurred_at", "pk")
    )
    parts: dict[str, list] = {kind: [] for kind in Kind.values}
    for entry in entries:
        if entry.kind in (Kind.SALE, Kind.REFUND):
            parts[entry.kind].append(_statement_line(entry))
        elif entry.kind == Kind.PAYOUT:
            parts[entry.kind].append(StatementPayout(
                paid_on=entry.payout.paid_on, reference=entry.payout.reference,
                amount=entry.payout.amount, recorded_at=_jakarta(entry.occurred_at),
            ))
        else:
            parts[entry.kind].append(StatementAdjustment(
                amount=entry.amount, note=entry.note, recorded_at=_jakarta(entry.occurred_at),
            ))
    return Statement(
        artisan=artisan, month=the_month, opening=_balance_before(artisan=artisan, moment=start),
        lines=tuple(parts[Kind.SALE]), refunds=tuple(parts[Kind.REFUND]),
        payouts=tuple(parts[Kind.PAYOUT]), adjustments=tuple(parts[Kind.ADJUSTMENT]),
    )


def _month_sums(within: Q | None = None) -> dict:
    """The conditional sums of a month of ledger entries (for .annotate), counting only
    entries `within` if given."""
    within = within or Q()
    sale, refund = Q(kind=Kind.SALE) & within, Q(kind=Kind.REFUND) & within
    payout, adjustment = Q(kind=Kind.PAYOUT) & within, Q(kind=Kind.ADJUSTMENT) & within

    def total(expression, condition):
        return Coalesce(Sum(expression, filter=condition), Value(0), output_field=RUPIAH)

    return {
        "line_count": Count("pk", filter=sale),
        "quantity_sum": total("line__quantity", sale),
        "gross_sum": total("gross", sale),
        "commission_sum": total("commission", sale),
        "refunded_sum": total(-F("amount"), refund),
        "paid_out_sum": total(-F("amount"), payout),
        "adjusted_sum": total("amount", adjustment),
    }


def _totals(month: Month, row: dict, *, opening: int) -> MonthTotals:
    return MonthTotals(
        month=month, lines=row["line_count"], quantity=row["quantity_sum"],
        gross=row["gross_sum"], commission=row["commission_sum"],
        refunded=row["refunded_sum"], paid_out=row["paid_out_sum"],
        adjusted=row["adjusted_sum"], opening=opening,
    )


def statement_months_for(*, artisan: Artisan) -> list[MonthTotals]:
    """The months with entries in the artisan's ledger, newest first, with their totals
    and opening and closing balances. One query."""
    rows = (
        LedgerEntry.objects.filter(artisan=artisan)
        .annotate(month_start=TruncMonth("occurred_at", tzinfo=COUNCIL_TIMEZONE))
        .values("month_start")
        .annotate(**_month_sums())
        .order_by("month_start")
    )
    totals, balance = [], 0
    for row in rows:
        start = _jakarta(row["month_start"])
        month_totals = _totals(Month(start.year, start.month), row, opening=balance)
        balance = month_totals.closing
        totals.append(month_totals)
    return totals[::-1]


# --- Council side ----------------------------------------------------------------------


def statements_for_council(
    *, year: int, month: int, region: Region | None = None
) -> CouncilSummary:
    """One row per artisan with ledger entries in the month (optionally of one region),
    with the month's totals and the artisan's opening and closing balances.

    Summed in the database: two queries however many artisans (the sums, then the
    artisans). Rows are ordered by region, then artisan name. Raises ValueError for a
    month that does not exist.
    """
    the_month = Month(year, month)
    start, end = the_month.bounds
    in_month = Q(occurred_at__gte=start)
    entries = LedgerEntry.objects.filter(occurred_at__lt=end)
    if region is not None:
        entries = entries.filter(artisan__region=region)
    sums = {
        row["artisan"]: row
        for row in entries.values("artisan").annotate(
            opening=Coalesce(Sum("amount", filter=~in_month), Value(0), output_field=RUPIAH),
            activity=Count("pk", filter=in_month),
            **_month_sums(in_month),
        ).filter(activity__gt=0).order_by()
    }
    artisans = Artisan.objects.filter(pk__in=sums).select_related("region").order_by(
        "region__province", "region__name", "name", "pk"
    ) if sums else []
    rows = tuple(
        CouncilRow(
            artisan=artisan,
            totals=_totals(the_month, sums[artisan.pk], opening=sums[artisan.pk]["opening"]),
        )
        for artisan in artisans
    )
    return CouncilSummary(month=the_month, region=region, rows=rows)


def artisan_for_council(*, artisan_id: int) -> Artisan | None:
    """An artisan business as the council's statement pages show it."""
    return Artisan.objects.select_related("region", "partner").filter(pk=artisan_id).first()
