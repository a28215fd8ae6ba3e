"""The council's curation figures: queue, time to decision and approval rate.

One selector, `curation_figures`, reads every figure for a set of regions in a
constant number of queries, whatever the number of regions, crafts or
submissions: one grouped aggregate for the counts, one narrow `values_list` of
decision times for the medians, and one each for the names of the regions and
crafts. The percentiles are computed in Python, so the same code runs on SQLite
and PostgreSQL.

What each figure means, for a period from `since` to `until` (whole days in the
site's time zone, both included; no `until` means up to now):

- submissions: submitted in the period, products and revisions alike;
- decisions: approved, changes requested or rejected in the period (whenever they
  were submitted). A submission the artisan withdrew ("draft") is not a decision;
  it is counted under `withdrawn`;
- approval rate: approved / decisions, None when there were no decisions;
- median and p90 hours: from submission to decision, over the decisions in the
  period (see `percentile` for the method);
- open: the queue at the end of the period (now, when there is no `until`):
  submitted by then and not decided by then;
- overdue: of those, the ones whose target date (`due_at`) had passed.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import ProductClass, Region
from curation.models import Submission
from catalogue.states import CurationState

S = CurationState
DECISIONS = (S.APPROVED, S.CHANGES_REQUESTED, S.REJECTED)
# A submission closed with outcome "draft" was withdrawn by the artisan.
WITHDRAWN = S.DRAFT

# The fields a group is keyed by; `is_revision` tells a revision of a published
# product from a new product.
_REGION = "product__artisan__region_id"
_CRAFT = "product__product_class_id"


def percentile(sorted_values: list[float], fraction: float) -> float | None:
    """The `fraction` (0..1) percentile of ascending values, by linear interpolation.

    The method of numpy's default, PostgreSQL's percentile_cont and Excel's
    PERCENTILE.INC: the value at rank h = (n - 1) * fraction, interpolating
    between the two nearest values when h is not whole. So the median of an even
    number of values is the mean of the middle two, and the p90 of 1..10 is 9.1.
    None for no values.
    """
    if not sorted_values:
        return None
    rank = (len(sorted_values) - 1) * fraction
    low = math.floor(rank)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (rank - low) * (sorted_values[high] - sorted_values[low])


def hours_display(hours: float | None) -> str:
    """Hours as a reader wants them: "5 h", "2 d 3 h"; "—" when there is no figure."""
    if hours is None:
        return "—"
    whole = round(hours)
    if whole < 48:
        return _("%(hours)s h") % {"hours": whole}
    return _("%(days)s d %(hours)s h") % {"days": whole // 24, "hours": whole % 24}


@dataclass
class _Cell:
    """The raw figures of one group, added up before the percentiles are taken."""

    submissions: int = 0
    approved: int = 0
    changes_requested: int = 0
    rejected: int = 0
    withdrawn: int = 0
    open: int = 0
    overdue: int = 0
    hours: list[float] = field(default_factory=list)

    def add(self, other: _Cell) -> None:
        for name in ("submissions", "approved", "changes_requested", "rejected",
                     "withdrawn", "open", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.hours.extend(other.hours)


@dataclass(frozen=True)
class FiguresRow:
    """The figures of one group: a region and craft, a region, a craft, or everything.

    `region` is None on rows not of one region, `craft` None on rows not of one
    craft; such rows (and products without a craft) carry a `label` instead.
    """

    region: Region | None
    craft: ProductClass | None
    submissions: int
    approved: int
    changes_requested: int
    rejected: int
    withdrawn: int
    open: int
    overdue: int
    median_hours: float | None
    p90_hours: float | None
    label: str = ""

    @property
    def decisions(self) -> int:
        return self.approved + self.changes_requested + self.rejected

    @property
    def approval_rate(self) -> float | None:
        """Approved / decisions, or None when nothing was decided."""
        return self.approved / self.decisions if self.decisions else None

    @property
    def approval_percent(self) -> str:
        rate = self.approval_rate
        return "—" if rate is None else f"{rate * 100:.0f}%"

    @property
    def median_display(self) -> str:
        return hours_display(self.median_hours)

    @property
    def p90_display(self) -> str:
        return hours_display(self.p90_hours)


@dataclass(frozen=True)
class CurationFigures:
    """Every figure for a period, by region × craft, region, craft and kind."""

    since: date
    until: date | None
    as_of: datetime
    by_region_and_craft: list[FiguresRow]
    by_region: list[FiguresRow]
    by_craft: list[FiguresRow]
    # Two rows: new products, then revisions of published products.
    by_kind: list[FiguresRow]
    total: FiguresRow


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _period(since: date, until: date | None, now: datetime) -> tuple[datetime, datetime, datetime]:
    """(start, end, as_of): the period is [start, end); the queue is read at as_of."""
    if until is not None and until < since:
        raise ValueError("until is before since")
    start = day_start(since)
    end = now if until is None else day_start(until + timedelta(days=1))
    return start, end, min(end, now)


def _scoped(region_ids: list[int]) -> QuerySet[Submission]:
    return Submission.objects.filter(**{f"{_REGION}__in": region_ids}).annotate(
        is_revision=ExpressionWrapper(Q(revision__isnull=False), output_field=BooleanField())
    )


def _cells(region_ids: list[int], start: datetime, end: datetime,
           as_of: datetime) -> dict[tuple, _Cell]:
    """The raw figures keyed by (region id, craft id, is_revision): two queries."""
    submitted = Q(submitted_at__gte=start, submitted_at__lt=end)
    decided = Q(decided_at__gte=start, decided_at__lt=end)
    # Open at as_of: submitted by then and not decided by then (for as_of = now,
    # exactly the submissions with is_open=True).
    open_then = Q(submitted_at__lte=as_of) & (Q(is_open=True) | Q(decided_at__gt=as_of))
    rows = (
        _scoped(region_ids)
        .filter(submitted | decided | open_then)
        .values(_REGION, _CRAFT, "is_revision")
        .annotate(
            submissions=Count("pk", filter=submitted),
            approved=Count("pk", filter=decided & Q(outcome=S.APPROVED)),
            changes_requested=Count("pk", filter=decided & Q(outcome=S.CHANGES_REQUESTED)),
            rejected=Count("pk", filter=decided & Q(outcome=S.REJECTED)),
            withdrawn=Count("pk", filter=decided & Q(outcome=WITHDRAWN)),
            open=Count("pk", filter=open_then),
            overdue=Count("pk", filter=open_then & Q(due_at__lt=as_of)),
        )
        .order_by()
    )
    cells: dict[tuple, _Cell] = defaultdict(_Cell)
    for row in rows:
        key = (row.pop(_REGION), row.pop(_CRAFT), row.pop("is_revision"))
        cells[key].add(_Cell(**row))
    durations = (
        _scoped(region_ids)
        .filter(decided, outcome__in=DECISIONS)
        .annotate(taken=ExpressionWrapper(F("decided_at") - F("submitted_at"),
                                          output_field=DurationField()))
        .values_list(_REGION, _CRAFT, "is_revision", "taken")
        .order_by()
    )
    for region_id, craft_id, is_revision, taken in durations.iterator(chunk_size=5000):
        cells[(region_id, craft_id, is_revision)].hours.append(taken.total_seconds() / 3600)
    return cells


def _rollup(cells: dict[tuple, _Cell], key: Callable[[tuple], Hashable],
            keys: Iterable[Hashable] = ()) -> dict[Hashable, _Cell]:
    """Add up the cells by `key`; `keys` are included even when they have no figures."""
    groups: dict[Hashable, _Cell] = {k: _Cell() for k in keys}
    for cell_key, cell in cells.items():
        groups.setdefault(key(cell_key), _Cell()).add(cell)
    return groups


def _row(cell: _Cell, *, region=None, craft=None, label: str = "") -> FiguresRow:
    hours = sorted(cell.hours)
    return FiguresRow(
        region=region, craft=craft, label=label,
        submissions=cell.submissions, approved=cell.approved,
        changes_requested=cell.changes_requested, rejected=cell.rejected,
        withdrawn=cell.withdrawn, open=cell.open, overdue=cell.overdue,
        median_hours=percentile(hours, 0.5), p90_hours=percentile(hours, 0.9),
    )


def _craft_order(crafts: dict[int, ProductClass]):
    return lambda craft_id: (craft_id is None, crafts[craft_id].name if craft_id in crafts else "")


def _craft_label(craft_id: int | None, crafts: dict[int, ProductClass]) -> str:
    return "" if craft_id in crafts else _("No craft")


def curation_figures(*, regions: Iterable[Region], since: date, until: date | None = None,
                     now: datetime | None = None) -> CurationFigures:
    """The council's figures for these regions from `since` to `until` (days, inclusive).

    Pass the regions the reader may see (`regions_curated_by(user=...)`): nothing
    of any other region is read. Every region passed gets a row, with zeros and
    None figures when it had nothing. At most four queries, however many regions, crafts
    and submissions. Raises ValueError when `until` is before `since`.
    """
    now = now or timezone.now()
    start, end, as_of = _period(since, until, now)
    region_list = sorted(regions, key=lambda r: (r.province, r.name, r.pk))
    region_by_id = {region.pk: region for region in region_list}
    cells = _cells(list(region_by_id), start, end, as_of)
    craft_ids = {craft_id for _, craft_id, _ in cells if craft_id is not None}
    crafts = ProductClass.objects.in_bulk(craft_ids) if craft_ids else {}
    craft_order = _craft_order(crafts)
    region_order = {region_id: n for n, region_id in enumerate(region_by_id)}

    pairs = _rollup(cells, lambda k: (k[0], k[1]))
    by_region = _rollup(cells, lambda k: k[0], keys=region_by_id)
    by_craft = _rollup(cells, lambda k: k[1])
    by_kind = _rollup(cells, lambda k: k[2], keys=(False, True))
    total = _Cell()
    for cell in cells.values():
        total.add(cell)

    return CurationFigures(
        since=since, until=until, as_of=as_of,
        by_region_and_craft=[
            _row(pairs[key], region=region_by_id[key[0]], craft=crafts.get(key[1]),
                 label=_craft_label(key[1], crafts))
            for key in sorted(pairs, key=lambda k: (region_order[k[0]], craft_order(k[1])))
        ],
        by_region=[_row(by_region[pk], region=region) for pk, region in region_by_id.items()],
        by_craft=[_row(by_craft[craft_id], craft=crafts.get(craft_id),
                       label=_craft_label(craft_id, crafts))
                  for craft_id in sorted(by_craft, key=craft_order)],
        by_kind=[_row(by_kind[False], label=_("New products")),
                 _row(by_kind[True], label=_("Revisions of published products"))],
        total=_row(total, label=_("All")),
    )
