"""manage.py statements_export --year 2025 --month 1 [--region <slug>] [--output <file>]

Writes the council's month summary (one row per artisan with ledger entries in the month:
opening balance, sales, commission, owed, refunds, payouts, closing balance) as
the dashboard's CSV: UTF-8 with a BOM, a header row, whole rupiah. Without --output
it writes to standard output; with --output a directory, the file is named as the
dashboard names it (pasar-kriya-summary[-<region>]-<yyyy>-<mm>.csv).
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from catalogue.models import Region
from core.csv import csv_text, write_csv
from statements.csv_export import csv_filename, summary_rows, summary_slug
from statements.selectors import statements_for_council


class Command(BaseCommand):
    help = "Write the council's monthly statement summary (one row per artisan) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, required=True)
        parser.add_argument("--region", help="A region's slug: only that region's artisans.")
        parser.add_argument("--output", help="A file or directory to write to (default: stdout).")
        parser.add_argument("--language", default="id", help="Language of the header row.")

    def handle(self, *args, year, month, region=None, output=None, language="id", **options):
        the_region = None
        if region:
            the_region = Region.objects.filter(slug=region).first()
            if the_region is None:
                raise CommandError(f"No region with the slug {region!r}.")
        try:
            summary = statements_for_council(year=year, month=month, region=the_region)
        except ValueError as error:
            raise CommandError(str(error)) from error
        with translation.override(language):
            rows = summary_rows(summary=summary)
        if not output:
            self.stdout.write(csv_text(rows), ending="")
            return
        path = Path(output)
        if path.is_dir():
            path = path / csv_filename(slug=summary_slug(summary=summary), month=summary.month)
        with path.open("w", encoding="utf-8", newline="") as out:
            write_csv(rows, out)
        self.stderr.write(
            f"{len(summary.rows)} artisans, owed {int(summary.owed)} rupiah for the month, {int(summary.closing)} owed at its end: {path}"
        )
