"""The payout ledger and the balances as CSV files, in the statements' format (UTF-8 with
a BOM, a header row, signed whole rupiah, text made inert for spreadsheets)."""
import datetime as dt
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from core.csv import csv_rupiah, inert_text
from payouts.selectors import LedgerRow
from core.calendar import COUNCIL_TIMEZONE


def ledger_filename(*, slug: str, start: dt.date | None, end: dt.date | None) -> str:
    """pasar-kriya-ledger-<slug>[-from-<day>][-to-<day>].csv"""
    name = f"pasar-kriya-ledger-{slug}"
    if start:
        name += f"-from-{start:%Y-%m-%d}"
    if end:
        name += f"-to-{end:%Y-%m-%d}"
    return f"{name}.csv"


def _reference(entry) -> str:
    if entry.payout_id:
        return _("Transferred on %(day)s, reference %(reference)s") % {
            "day": entry.payout.paid_on.strftime("%Y-%m-%d"), "reference": entry.payout.reference,
        }
    return entry.note


def ledger_rows(*, rows: Sequence[LedgerRow]) -> list[Sequence[str]]:
    """One row per ledger entry with the artisan's balance after it, after a header, in
    the active language."""
    out: list[Sequence[str]] = [(
        _("Date"), _("Artisan"), _("NIB"), _("Region"), _("Entry"), _("Order number"),
        _("Product"), _("Quantity"), _("Amount (IDR)"), _("Commission rate (%)"),
        _("Commission (IDR)"), _("Change (IDR)"), _("Balance (IDR)"), _("Reference or note"),
    )]
    for row in rows:
        entry, line = row.entry, row.entry.line
        artisan = entry.artisan
        out.append((
            timezone.localtime(entry.occurred_at, COUNCIL_TIMEZONE).strftime("%Y-%m-%d %H:%M"),
            inert_text(artisan.name), artisan.nib, artisan.region.display_name,
            entry.get_kind_display(),
            line.order.number if line else "", inert_text(line.title) if line else "",
            str(line.quantity) if line else "",
            csv_rupiah(entry.gross) if entry.gross is not None else "",
            f"{entry.rate:.2f}" if entry.rate is not None else "",
            csv_rupiah(entry.commission) if entry.commission is not None else "",
            csv_rupiah(entry.amount), csv_rupiah(row.balance), inert_text(_reference(entry)),
        ))
    return out


def balance_rows(*, artisans) -> list[Sequence[str]]:
    """One row per artisan (payouts.selectors.balances), after a header."""
    out: list[Sequence[str]] = [(
        _("Artisan"), _("NIB"), _("Region"), _("Balance (IDR)"), _("Last payout on"),
        _("Last payout (IDR)"),
    )]
    out.extend(
        (
            inert_text(artisan.name), artisan.nib, artisan.region.display_name,
            csv_rupiah(artisan.balance),
            artisan.last_paid_on.strftime("%Y-%m-%d") if artisan.last_paid_on else "",
            csv_rupiah(artisan.last_paid_amount) if artisan.last_paid_amount else "",
        )
        for artisan in artisans
    )
    return out
