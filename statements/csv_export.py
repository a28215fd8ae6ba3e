"""Statements as CSV files for a spreadsheet: UTF-8 with a BOM (so Excel reads the
rupiah sign and accents right), a header row, amounts as plain whole rupiah (signed:
negative takes from what the artisan is owed)."""
import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext as _

from core.csv import csv_rupiah, inert_text
from core.calendar import Month
from statements.selectors import CouncilSummary, Statement


def csv_filename(*, slug: str, month: Month) -> str:
    """pasar-kriya-<slug>-<yyyy>-<mm>.csv"""
    return f"pasar-kriya-{slug}-{month.year:04d}-{month.month:02d}.csv"


def summary_slug(*, summary: CouncilSummary) -> str:
    """The council summary's name in file names: "summary", or "summary-<region slug>"."""
    return f"summary-{summary.region.slug}" if summary.region else "summary"


def _day(moment) -> str:
    return moment.strftime("%Y-%m-%d")


def statement_rows(*, statement: Statement) -> list[Sequence[str]]:
    """The month's ledger in the active language, after a header: the opening balance,
    each sale, refund, payout and correction in the order they happened with the
    balance after it, and the closing balance. A sale or refund carries its line's
    detail (order, product, gross, rate, commission, owed)."""
    rows: list[Sequence[str]] = [(
        _("Date"), _("Entry"), _("Order number"), _("Placed on"), _("Product"), _("Quantity"),
        _("Amount (IDR)"), _("Commission rate (%)"), _("Commission (IDR)"), _("Owed (IDR)"),
        _("Reference or note"), _("Balance (IDR)"),
    )]
    start = statement.month.first_day
    rows.append((_day(start), _("Opening balance"), *[""] * 9, csv_rupiah(statement.opening)))
    items = [
        *((line.occurred_at, 0, _("Sale"), line) for line in statement.lines),
        *((line.occurred_at, 1, _("Refund"), line) for line in statement.refunds),
        *((payout.recorded_at, 2, _("Payout"), payout) for payout in statement.payouts),
        *((each.recorded_at, 3, _("Adjustment"), each) for each in statement.adjustments),
    ]
    balance = statement.opening
    for moment, order, label, item in sorted(items, key=lambda item: item[:2]):
        if order in (0, 1):
            change = item.owed if order == 0 else -item.owed
            detail = (
                item.order_number, _day(item.placed_at), inert_text(item.product_title),
                str(item.quantity), csv_rupiah(item.amount), f"{item.rate:.2f}",
                csv_rupiah(item.commission), csv_rupiah(change), "",
            )
        elif order == 2:
            change = -item.amount
            detail = (*[""] * 7, csv_rupiah(change),
                      inert_text(_("Transferred on %(day)s, reference %(reference)s")
                            % {"day": _day(item.paid_on), "reference": item.reference}))
        else:
            change = item.amount
            detail = (*[""] * 7, csv_rupiah(change), inert_text(item.note))
        balance += change
        rows.append((_day(moment), label, *detail, csv_rupiah(balance)))
    rows.append((_day(statement.month.bounds[1].date() - dt.timedelta(days=1)),
                 _("Closing balance"), *[""] * 9, csv_rupiah(statement.closing)))
    return rows


def summary_rows(*, summary: CouncilSummary) -> list[Sequence[str]]:
    """One row per artisan with ledger entries in the month, after a header, in the active
    language: opening balance, the month's sales, refunds, payouts and corrections, and
    the closing balance."""
    rows: list[Sequence[str]] = [(
        _("Artisan"), _("NIB"), _("Region"), _("Opening balance (IDR)"), _("Lines"),
        _("Quantity"), _("Gross (IDR)"), _("Commission (IDR)"), _("Owed (IDR)"),
        _("Refunded (IDR)"), _("Paid out (IDR)"), _("Adjustments (IDR)"),
        _("Closing balance (IDR)"),
    )]
    rows.extend(
        (
            inert_text(row.artisan.name), row.artisan.nib, row.artisan.region.display_name,
            csv_rupiah(row.totals.opening), str(row.totals.lines), str(row.totals.quantity),
            csv_rupiah(row.totals.gross), csv_rupiah(row.totals.commission), csv_rupiah(row.totals.owed),
            csv_rupiah(row.totals.refunded), csv_rupiah(row.totals.paid_out),
            csv_rupiah(row.totals.adjusted), csv_rupiah(row.totals.closing),
        )
        for row in summary.rows
    )
    return rows
