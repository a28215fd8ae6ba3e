"""manage.py curation_report: the council's curation figures as CSV."""
import csv
from collections import defaultdict
from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Region
from curation.figures import FiguresRow, curation_figures

COLUMNS = [
    "region", "craft", "submissions", "decisions", "approved", "changes_requested",
    "rejected", "approval_rate", "median_hours", "p90_hours", "open", "overdue",
]
# The region or craft of a total row.
ALL = "ALL"


def parse_day(value: str, option: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise CommandError(
            f"{option} {value!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-01-31."
        ) from None


def _number(value: float | None, places: int) -> str:
    # An empty cell, not 0, when there is no figure (nothing decided).
    return "" if value is None else f"{value:.{places}f}"


def csv_row(row: FiguresRow, *, region: str, craft: str) -> list:
    return [
        region, craft, row.submissions, row.decisions, row.approved, row.changes_requested,
        row.rejected, _number(row.approval_rate, 3), _number(row.median_hours, 1),
        _number(row.p90_hours, 1), row.open, row.overdue,
    ]


class Command(BaseCommand):
    help = (
        "Write the council's curation figures as CSV: one row per region and craft, a "
        "total per region (craft ALL) and an overall total (region and craft ALL). "
        "submissions: submitted in the period; decisions (approved, changes_requested, "
        "rejected; withdrawals are not decisions), approval_rate (approved / decisions) "
        "and median_hours / p90_hours (submission to decision, linear interpolation): "
        "decided in the period; open / overdue: the queue at the end of the period. "
        "Dates are whole days in the site's time zone; empty cells mean nothing was "
        "decided."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, metavar="YYYY-MM-DD",
                            help="First day of the period.")
        parser.add_argument("--until", metavar="YYYY-MM-DD",
                            help="Last day of the period (default: up to now).")
        parser.add_argument("--region", action="append", default=[], metavar="SLUG",
                            dest="regions", help="Only this region (repeatable; default all).")
        parser.add_argument("--output", metavar="PATH",
                            help="Write to this file (default: standard output).")

    def handle(self, *args, since: str, until: str | None, regions: list[str],
               output: str | None, **options):
        since_day = parse_day(since, "--since")
        until_day = parse_day(until, "--until") if until else None
        if until_day is not None and until_day < since_day:
            raise CommandError(f"--until {until} is before --since {since}.")
        figures = curation_figures(regions=self.regions(regions), since=since_day,
                                   until=until_day)
        if output:
            with open(output, "w", newline="", encoding="utf-8") as file:
                self.write(csv.writer(file), figures)
        else:
            self.write(csv.writer(self.stdout, lineterminator="\n"), figures)

    def regions(self, slugs: list[str]):
        if not slugs:
            return Region.objects.all()
        found = list(Region.objects.filter(slug__in=slugs))
        missing = sorted(set(slugs) - {region.slug for region in found})
        if missing:
            raise CommandError(f"No region with the slug {', '.join(missing)}.")
        return found

    @staticmethod
    def write(writer, figures) -> None:
        writer.writerow(COLUMNS)
        crafts_of = defaultdict(list)
        for row in figures.by_region_and_craft:
            crafts_of[row.region.pk].append(row)
        for region_row in figures.by_region:
            region = region_row.region
            for row in crafts_of[region.pk]:
                writer.writerow(csv_row(row, region=region.display_name,
                                        craft=row.craft.name if row.craft else ""))
            writer.writerow(csv_row(region_row, region=region.display_name, craft=ALL))
        writer.writerow(csv_row(figures.total, region=ALL, craft=ALL))
