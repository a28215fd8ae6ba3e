"""The council admin's writes: commission rates.

A month's statement must not change once the month is over (the council pays out on
it), so a rate is never edited, and a new rate may not start, nor an unused one be
deleted, in a month that has ended: the council adds a rate from a date instead.
"""
import datetime as dt
import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Region
from statements.errors import NotAllowed, RateDayTaken, RateInClosedMonth, RateOutOfRange
from statements.models import CommissionRate
from statements.selectors import Month

logger = logging.getLogger(__name__)


def _first_open_day(*, now: dt.datetime | None) -> dt.date:
    """The first day of the current month (Asia/Jakarta): earlier months are closed."""
    return Month.current(now=now).first_day


def _check_staff(user) -> None:
    if not (user.is_authenticated and user.is_staff):
        raise NotAllowed(_("Only the council's staff set commission rates."))


def commission_rate_create(
    *, user, rate: Decimal, valid_from: dt.date, region: Region | None = None, note: str = "",
    now: dt.datetime | None = None,
) -> CommissionRate:
    """The council sets a commission rate for every region (`region=None`) or one region.

    Raises NotAllowed if `user` is not staff, RateOutOfRange unless 0 ≤ rate ≤ 100,
    RateInClosedMonth if `valid_from` is before the current month (Asia/Jakarta), and
    RateDayTaken if the same scope already has a rate from that day.
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
    try:
        with transaction.atomic():
            created = CommissionRate.objects.create(
                rate=rate, valid_from=valid_from, region=region, note=note, created_by=user,
            )
    except IntegrityError as error:
        raise RateDayTaken(
            _("%(scope)s already has a rate from %(day)s.")
            % {"scope": region or _("Every region"), "day": valid_from.strftime("%d-%m-%Y")}
        ) from error
    logger.info("Commission rate %s set by user %s", created, user.pk)
    return created


def commission_rate_delete(*, user, rate: CommissionRate, now: dt.datetime | None = None) -> None:
    """The council takes back a rate that no ended month has used (e.g. a typo).

    Raises NotAllowed if `user` is not staff and RateInClosedMonth if the rate starts
    before the current month (Asia/Jakarta).
    """
    _check_staff(user)
    if rate.valid_from < _first_open_day(now=now):
        raise RateInClosedMonth(
            _("This rate was used in months that have ended: add a new rate from a date "
              "instead.")
        )
    logger.info("Commission rate %s deleted by user %s", rate, user.pk)
    rate.delete()
