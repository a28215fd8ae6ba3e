"""Statements as CSV files for a spreadsheet: UTF-8 with a BOM (so Excel reads the
rupiah sign and accents right), a header row, amounts as plain whole rupiah."""
import csv
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from statements.selectors import CouncilSummary, Month, Statement

BOM = "\ufeff"


def csv_filename(*, slug: str, month: Month) -> str:
    """pasar-kriya-<slug>-<yyyy>-<mm>.csv"""
    return f"pasar-kriya-{slug}-{month.year:04d}-{month.month:02d}.csv"


def summary_slug(*, summary: CouncilSummary) -> str:
    """The council summary's name in file names: "summary", or "summary-<region slug>"."""
    return f"summary-{summary.region.slug}" if summary.region else "summary"


# A cell that starts like a formula is run by a spreadsheet: text typed by an artisan
# (a product title, a business name) is made inert with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _rupiah(amount) -> str:
    return str(int(amount))


def statement_rows(*, statement: Statement) -> list[Sequence[str]]:
    """One row per line sold, after a header, in the active language."""
    rows: list[Sequence[str]] = [(
        _("Order number"), _("Placed on"), _("Product"), _("Quantity"),
        _("Amount (IDR)"), _("Commission rate (%)"), _("Commission (IDR)"), _("Owed (IDR)"),
    )]
    rows.extend(
        (
            line.order_number, line.placed_at.strftime("%Y-%m-%d"), _text(line.product_title),
            str(line.quantity), _rupiah(line.amount), f"{line.rate:.2f}",
            _rupiah(line.commission), _rupiah(line.owed),
        )
        for line in statement.lines
    )
    return rows


def summary_rows(*, summary: CouncilSummary) -> list[Sequence[str]]:
    """One row per artisan with sales in the month, after a header, in the active language."""
    rows: list[Sequence[str]] = [(
        _("Artisan"), _("NIB"), _("Region"), _("Lines"), _("Quantity"),
        _("Gross (IDR)"), _("Commission (IDR)"), _("Owed (IDR)"),
    )]
    rows.extend(
        (
            _text(row.artisan.name), row.artisan.nib, row.artisan.region.display_name,
            str(row.totals.lines), str(row.totals.quantity), _rupiah(row.totals.gross),
            _rupiah(row.totals.commission), _rupiah(row.totals.owed),
        )
        for row in summary.rows
    )
    return rows


def write_csv(rows: Iterable[Sequence[str]], out) -> None:
    """Write `rows` to the text stream `out`, BOM first."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    write_csv(rows, buffer)
    return buffer.getvalue()
