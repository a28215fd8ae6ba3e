"""manage.py statements_export writes the council's month summary as the dashboard's CSV."""
import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ArtisanFactory

from tests.support.ledger import jakarta, rate, shipped_sale

pytestmark = pytest.mark.django_db

HEADER = ["Artisan", "NIB", "Region", "Opening balance (IDR)", "Lines", "Quantity",
          "Gross (IDR)", "Commission (IDR)", "Owed (IDR)", "Refunded (IDR)", "Paid out (IDR)",
          "Adjustments (IDR)", "Closing balance (IDR)"]


@pytest.fixture
def sales(artisan, other_region):
    rate("10.00", dt.date(2025, 1, 1))
    other = ArtisanFactory(region=other_region, name="Tenun Lumajang")
    shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="1250000", quantity=2)
    shipped_sale(artisan=other, placed_at=jakarta(2025, 1, 4), amount="450000")
    shipped_sale(artisan=other, placed_at=jakarta(2025, 2, 4), amount="70000")
    return other


def parse(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_summary_goes_to_stdout(artisan, sales):
    out = io.StringIO()

    call_command("statements_export", "--year", "2025", "--month", "1", "--language", "en",
                 stdout=out)

    assert parse(out.getvalue()) == [
        HEADER,
        [artisan.name, artisan.nib, artisan.region.display_name, "0", "1", "2", "1250000",
         "125000", "1125000", "0", "0", "0", "1125000"],
        ["Tenun Lumajang", sales.nib, sales.region.display_name, "0", "1", "1", "450000",
         "45000", "405000", "0", "0", "0", "405000"],
    ]


def test_one_region_to_a_directory_gets_the_dashboards_file_name(tmp_path, other_region, sales):
    call_command("statements_export", "--year", "2025", "--month", "2", "--region",
                 other_region.slug, "--output", str(tmp_path), "--language", "en",
                 stderr=io.StringIO())

    written = tmp_path / f"pasar-kriya-summary-{other_region.slug}-2025-02.csv"
    assert parse(written.read_text(encoding="utf-8")) == [
        HEADER,
        # February opens with January's 405,000 still owed.
        ["Tenun Lumajang", sales.nib, other_region.display_name, "405000", "1", "1", "70000",
         "7000", "63000", "0", "0", "0", "468000"],
    ]


def test_to_a_named_file(tmp_path, sales):
    target = tmp_path / "januari.csv"

    call_command("statements_export", "--year", "2025", "--month", "1", "--output", str(target),
                 stderr=io.StringIO())

    assert len(parse(target.read_text(encoding="utf-8"))) == 3


def test_an_unknown_region_or_month_is_an_error():
    with pytest.raises(CommandError):
        call_command("statements_export", "--year", "2025", "--month", "1", "--region", "nowhere")
    with pytest.raises(CommandError):
        call_command("statements_export", "--year", "2025", "--month", "13")
