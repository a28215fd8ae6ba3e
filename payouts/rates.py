"""Commission rates: the council's cut of each line, fixed on the line's SALE.

A line is priced when it is shipped (`with_money`, used by payouts.services to write
its SALE): what the buyer paid for it, and the commission at the rate in force on the
day its order was placed (Asia/Jakarta): the artisan's region's own rate if it has
one from that day, else the default rate, else none (0%).

The council's writes: a month's statement must not change once the month is over
(the council pays out on it), so a rate is never edited, and a new rate may not
start, nor an unused one be deleted, in a month that has ended: the council adds a
rate from a date instead. A shipped line's commission is fixed on its SALE in the
ledger when it is shipped, so neither may a new rate start, nor a rate be deleted,
from a day whose orders have lines already shipped (in the rate's region, or
anywhere for the default): the ledger and the rates always tell the same story
(payouts_check).
"""
import datetime as dt
import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import (
    BigIntegerField, DecimalField, F, OuterRef, QuerySet, Subquery, Value,
)
from django.db.models.functions import Cast, Coalesce, Floor, Round, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Region
from core.calendar import COUNCIL_TIMEZONE, Month
from core.form_tokens.services import form_token_claim, form_token_record
from payouts.errors import (
    NotAllowed, RateDayTaken, RateInClosedMonth, RateOutOfRange, RateUsedBySales,
)
from payouts.models import CommissionRate, LedgerEntry

RATE_FIELD = DecimalField(max_digits=5, decimal_places=2)
RUPIAH = BigIntegerField()

logger = logging.getLogger(__name__)

#: The commission rate form's one-time token (core.form_tokens).
RATE_FORM_KIND = "statements.commissionrate"


def _first_open_day(*, now: dt.datetime | None) -> dt.date:
    """The first day of the current month (Asia/Jakarta): earlier months are closed."""
    return Month.current(now=now).first_day


def _check_staff(user) -> None:
    if not (user.is_authenticated and user.is_staff):
        raise NotAllowed(_("Only the council's staff set commission rates."))


def _check_no_shipped_sales_from(*, day: dt.date, region: Region | None) -> None:
    """No SALE in the ledger was priced for an order placed on or after `day` in the scope."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=COUNCIL_TIMEZONE)
    sales = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SALE,
                                       line__order__date_placed__gte=start)
    if region is not None:
        sales = sales.filter(artisan__region=region)
    latest = sales.order_by("-line__order__date_placed").values_list(
        "line__order__date_placed", flat=True).first()
    if latest is not None:
        next_day = timezone.localtime(latest, COUNCIL_TIMEZONE).date() + dt.timedelta(days=1)
        raise RateUsedBySales(
            _("Items of orders placed since %(day)s have already been shipped and counted at "
              "the rate in force then; a new rate can start from %(next)s.")
            % {"day": day.strftime("%d-%m-%Y"), "next": next_day.strftime("%d-%m-%Y")}
        )


def commission_rate_create(
    *, user, rate: Decimal, valid_from: dt.date, region: Region | None = None, note: str = "",
    now: dt.datetime | None = None, form_token: str = "",
) -> CommissionRate:
    """The council sets a commission rate for every region (`region=None`) or one region.

    `form_token` is the rate form's one-time token: the same form sent again (a
    double click) sets nothing more and returns the rate the first submit set.

    Raises NotAllowed if `user` is not staff, RateOutOfRange unless 0 ≤ rate ≤ 100,
    RateInClosedMonth if `valid_from` is before the current month (Asia/Jakarta), and
    RateUsedBySales if lines of orders placed on or after `valid_from` (in that scope)
    were already shipped, and RateDayTaken if the same scope already has a rate from
    that day; FormTokenUsedElsewhere when another login spent `form_token`.
    """
    _check_staff(user)
    if not Decimal(0) <= rate <= Decimal(100):
        raise RateOutOfRange(_("A commission is a percentage from 0 to 100."))
    first_open_day = _first_open_day(now=now)
    if valid_from < first_open_day:
        raise RateInClosedMonth(
            _("A new rate cannot start before %(day)s: the statements of months that have "
              "ended do not change.") % {"day": first_open_day.strftime("%d-%m-%Y")}
        )
    _check_no_shipped_sales_from(day=valid_from, region=region)
    try:
        with transaction.atomic():
            if form_token:
                earlier = form_token_claim(kind=RATE_FORM_KIND, token=form_token, user=user)
                if earlier is not None:
                    return CommissionRate.objects.get(pk=earlier)
            created = CommissionRate.objects.create(
                rate=rate, valid_from=valid_from, region=region, note=note, created_by=user,
            )
            if form_token:
                form_token_record(kind=RATE_FORM_KIND, token=form_token, object_id=created.pk)
    except IntegrityError as error:
        raise RateDayTaken(
            _("%(scope)s already has a rate from %(day)s.")
            % {"scope": region or _("Every region"), "day": valid_from.strftime("%d-%m-%Y")}
        ) from error
    logger.info("Commission rate %s set by user %s", created, user.pk)
    return created


def commission_rate_delete(*, user, rate: CommissionRate, now: dt.datetime | None = None) -> None:
    """The council takes back a rate that no ended month has used (e.g. a typo).

    Raises NotAllowed if `user` is not staff, RateInClosedMonth if the rate starts
    before the current month (Asia/Jakarta), and RateUsedBySales if lines of orders
    placed since it started (in its scope) were already shipped.
    """
    _check_staff(user)
    if rate.valid_from < _first_open_day(now=now):
        raise RateInClosedMonth(
            _("This rate was used in months that have ended: add a new rate from a date "
              "instead.")
        )
    _check_no_shipped_sales_from(day=rate.valid_from, region=rate.region)
    logger.info("Commission rate %s deleted by user %s", rate, user.pk)
    rate.delete()


# --- A line's money, as database expressions (the ledger's SALE is priced with it) ------

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
    """Order `lines` annotated with placed_on, rate, amount and commission (whole rupiah).

    Integer arithmetic in the database, so that PostgreSQL and SQLite round alike:
    amount = floor(price + ½); commission = (amount × rate in hundredths of a percent
    + 5000) div 10000, which is amount × rate / 100 rounded half up.
    """
    return lines.annotate(
        placed_on=TruncDate("order__date_placed", tzinfo=COUNCIL_TIMEZONE),
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


# --- Reads ------------------------------------------------------------------------------

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
