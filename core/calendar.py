"""The council's calendar: its time zone and its months.

Statements, payouts and commission rates follow Western Indonesia Time
(Asia/Jakarta), whatever the server's zone; a month is closed once it has ended.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

COUNCIL_TIMEZONE = ZoneInfo("Asia/Jakarta")


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
        start = dt.datetime(self.year, self.month, 1, tzinfo=COUNCIL_TIMEZONE)
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
        today = timezone.localtime(now or timezone.now(), COUNCIL_TIMEZONE).date()
        return cls(today.year, today.month)
