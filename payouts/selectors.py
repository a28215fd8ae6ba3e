"""Reads of the payout ledger: balances, an artisan's entries, and the check that it balances.

An artisan's balance is the sum of their entries (payouts.models). The ledger is
checked against the facts it is written from (`ledger_discrepancies`): fulfilment's
shipment events priced by statements' rules, the payouts recorded, and the staff's
corrections.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BigIntegerField, Exists, OuterRef, QuerySet, Subquery, Sum, Value,
)
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from catalogue.models import Artisan
from core.calendar import COUNCIL_TIMEZONE
from fulfilment.models import LineShipmentEvent
from payouts.models import LedgerEntry, Payout
from payouts.rates import with_money

Line = get_model("order", "Line")
Kind = LedgerEntry.Kind
Event = LineShipmentEvent.Kind
RUPIAH = BigIntegerField()


def artisan_balance(*, artisan_id: int) -> int:
    """What the council owes the artisan now, in rupiah (negative: the artisan owes)."""
    return LedgerEntry.objects.filter(artisan_id=artisan_id).aggregate(
        total=Coalesce(Sum("amount"), Value(0), output_field=RUPIAH)
    )["total"]


def _sum_of_entries(**filters) -> Subquery:
    entries = (
        LedgerEntry.objects.filter(artisan=OuterRef("pk"), **filters)
        .order_by().values("artisan").annotate(total=Sum("amount")).values("total")
    )
    return Coalesce(Subquery(entries, output_field=RUPIAH), Value(0), output_field=RUPIAH)


def balances(*, region=None) -> QuerySet[Artisan]:
    """Every artisan with ledger entries, by region then name, in one query, annotated with
    `balance` (rupiah owed now) and their latest payout's `last_paid_on` and
    `last_paid_amount` (None if never paid)."""
    latest_payout = Payout.objects.filter(artisan=OuterRef("pk")).order_by("-paid_on", "-pk")
    artisans = (
        Artisan.objects.filter(Exists(LedgerEntry.objects.filter(artisan=OuterRef("pk"))))
        .select_related("region")
        .annotate(
            balance=_sum_of_entries(),
            last_paid_on=Subquery(latest_payout.values("paid_on")[:1]),
            last_paid_amount=Subquery(latest_payout.values("amount")[:1]),
        )
        .order_by("region__province", "region__name", "name", "pk")
    )
    if region is not None:
        artisans = artisans.filter(region=region)
    return artisans


def day_start(day: dt.date) -> dt.datetime:
    """The first instant of a day, Western Indonesia Time (the ledger's days)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=COUNCIL_TIMEZONE)


@dataclass(frozen=True)
class LedgerRow:
    entry: LedgerEntry
    balance: int  # after this entry


@dataclass(frozen=True)
class ArtisanLedger:
    artisan: Artisan
    start: dt.date | None
    end: dt.date | None
    opening: int
    rows: tuple[LedgerRow, ...]

    @property
    def closing(self) -> int:
        return self.rows[-1].balance if self.rows else self.opening


def ledger_entries(
    *, artisan_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None,
) -> QuerySet[LedgerEntry]:
    """Entries from `start` to `end` inclusive (days in Asia/Jakarta), of one artisan or
    all, oldest first per artisan, with what they show (line, order, payout, who)."""
    entries = LedgerEntry.objects.select_related(
        "artisan__region", "line__order", "payout", "created_by",
    )
    if artisan_id is not None:
        entries = entries.filter(artisan_id=artisan_id)
    if start is not None:
        entries = entries.filter(occurred_at__gte=day_start(start))
    if end is not None:
        entries = entries.filter(occurred_at__lt=day_start(end + dt.timedelta(days=1)))
    return entries.order_by("artisan__name", "artisan_id", "occurred_at", "pk")


def opening_balances(*, start: dt.date | None, artisan_id: int | None = None) -> dict[int, int]:
    """Each artisan's balance before `start` (nothing before the first entry)."""
    if start is None:
        return {}
    entries = LedgerEntry.objects.filter(occurred_at__lt=day_start(start))
    if artisan_id is not None:
        entries = entries.filter(artisan_id=artisan_id)
    return dict(
        entries.order_by().values("artisan").annotate(total=Sum("amount"))
        .values_list("artisan", "total")
    )


def with_running_balances(entries, openings: dict[int, int]) -> list[LedgerRow]:
    """Each entry with the artisan's balance after it; `entries` ordered per artisan."""
    running = dict(openings)
    rows = []
    for entry in entries:
        running[entry.artisan_id] = running.get(entry.artisan_id, 0) + entry.amount
        rows.append(LedgerRow(entry=entry, balance=running[entry.artisan_id]))
    return rows


def artisan_ledger(
    *, artisan: Artisan, start: dt.date | None = None, end: dt.date | None = None,
) -> ArtisanLedger:
    """The artisan's entries between two days (inclusive, Asia/Jakarta; either may be
    open), each with the balance after it, and the balance before the first. Two queries."""
    opening = opening_balances(start=start, artisan_id=artisan.pk).get(artisan.pk, 0)
    rows = with_running_balances(
        ledger_entries(artisan_id=artisan.pk, start=start, end=end), {artisan.pk: opening}
    )
    return ArtisanLedger(artisan=artisan, start=start, end=end, opening=opening,
                         rows=tuple(rows))


def artisan_for_ledger(*, artisan_id: int) -> Artisan | None:
    """An artisan business as the council's payout pages show it."""
    return Artisan.objects.select_related("region", "partner").filter(pk=artisan_id).first()


# --- the check -------------------------------------------------------------------------


@dataclass(frozen=True)
class Discrepancy:
    artisan_id: int
    artisan_name: str
    ledger: int  # the sum of the artisan's entries
    expected: int  # what the facts say the artisan is owed

    @property
    def difference(self) -> int:
        return self.ledger - self.expected


def _owed_by_artisan(lines: QuerySet) -> dict[int, int]:
    """Sum of amount less commission per artisan, by statements' rules, in the database."""
    return {
        row["partner__artisan"]: row["gross"] - row["commission_sum"]
        for row in with_money(lines).values("partner__artisan")
        .annotate(gross=Sum("amount"), commission_sum=Sum("commission")).order_by()
    }


def expected_balances() -> dict[int, int]:
    """What each artisan should be owed, recomputed from the facts rather than the ledger:
    their shipped lines less commission, less those lines refunded, less the payouts
    recorded, plus the staff's corrections. Four queries."""
    def event(kind):
        return Exists(LineShipmentEvent.objects.filter(line=OuterRef("pk"), kind=kind))

    shipped = Line.objects.filter(partner__artisan__isnull=False).filter(event(Event.SHIPPED))
    expected: dict[int, int] = {}
    for artisan_id, owed in _owed_by_artisan(shipped).items():
        expected[artisan_id] = expected.get(artisan_id, 0) + owed
    for artisan_id, owed in _owed_by_artisan(shipped.filter(event(Event.REFUNDED))).items():
        expected[artisan_id] = expected.get(artisan_id, 0) - owed
    for artisan_id, paid in (
        Payout.objects.order_by().values("artisan").annotate(total=Sum("amount"))
        .values_list("artisan", "total")
    ):
        expected[artisan_id] = expected.get(artisan_id, 0) - paid
    for artisan_id, corrected in (
        LedgerEntry.objects.filter(kind=Kind.ADJUSTMENT).order_by().values("artisan")
        .annotate(total=Sum("amount")).values_list("artisan", "total")
    ):
        expected[artisan_id] = expected.get(artisan_id, 0) + corrected
    return expected


def ledger_discrepancies() -> list[Discrepancy]:
    """Every artisan whose ledger balance differs from what the facts say they are owed
    (`expected_balances`), by artisan id; empty when the ledger balances."""
    expected = expected_balances()
    ledger = dict(
        LedgerEntry.objects.order_by().values("artisan").annotate(total=Sum("amount"))
        .values_list("artisan", "total")
    )
    wrong = sorted(
        artisan_id for artisan_id in set(expected) | set(ledger)
        if expected.get(artisan_id, 0) != ledger.get(artisan_id, 0)
    )
    names = dict(Artisan.objects.filter(pk__in=wrong).values_list("pk", "name"))
    return [
        Discrepancy(artisan_id=artisan_id, artisan_name=names.get(artisan_id, ""),
                    ledger=ledger.get(artisan_id, 0), expected=expected.get(artisan_id, 0))
        for artisan_id in wrong
    ]


def entries_missing_for_lines() -> QuerySet:
    """Lines with a shipment event the ledger should follow but no matching entry (for the
    check's listing): shipped without SALE, or shipped and refunded without REFUND."""
    def event(kind):
        return Exists(LineShipmentEvent.objects.filter(line=OuterRef("pk"), kind=kind))

    def entry(kind):
        return Exists(LedgerEntry.objects.filter(line=OuterRef("pk"), kind=kind))

    return (
        Line.objects.filter(partner__artisan__isnull=False)
        .filter(event(Event.SHIPPED))
        .filter(~entry(Kind.SALE) | (event(Event.REFUNDED) & ~entry(Kind.REFUND)))
        .select_related("order").order_by("pk")
    )


def user_may_pay_artisans(*, user) -> bool:
    """Council staff who record what the council pays artisans and correct their
    balances: active staff with the payouts permission (payouts.add_payout, given to
    the council's treasurer). Managing orders' payments is not enough.
    """
    return bool(
        user.is_authenticated and user.is_active and user.is_staff
        and user.has_perm("payouts.add_payout")
    )
