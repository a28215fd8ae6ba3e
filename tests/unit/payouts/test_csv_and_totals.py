"""Pure pieces of the ledger's presentation: file names, totals, discrepancy arithmetic."""
import datetime as dt
from decimal import Decimal

from payouts.csv_export import ledger_filename
from payouts.selectors import Discrepancy
from core.calendar import Month
from statements.selectors import MonthTotals, Statement, StatementLine, StatementPayout


def a_line(line_id: int, amount: int, commission: int) -> StatementLine:
    moment = dt.datetime(2025, 1, 3, 12)
    return StatementLine(line_id=line_id, order_number=f"PK{line_id}", placed_at=moment,
                         product_title="Batik", quantity=1, amount=amount,
                         rate=Decimal("10.00"), commission=commission, occurred_at=moment)


def test_the_ledger_file_is_named_after_the_artisan_and_the_days():
    assert ledger_filename(slug="all", start=None, end=None) == "pasar-kriya-ledger-all.csv"
    assert ledger_filename(slug="batik-mliwis", start=dt.date(2025, 1, 1),
                           end=dt.date(2025, 1, 31)) == (
        "pasar-kriya-ledger-batik-mliwis-from-2025-01-01-to-2025-01-31.csv"
    )


def test_a_statement_closes_with_the_opening_plus_sales_less_refunds_and_payouts():
    statement = Statement(
        artisan=None, month=Month(2025, 1), opening=50000,
        lines=(a_line(1, 100000, 10000), a_line(2, 20000, 2000)),
        refunds=(a_line(2, 20000, 2000),),
        payouts=(StatementPayout(paid_on=dt.date(2025, 1, 9), reference="R", amount=70000,
                                 recorded_at=dt.datetime(2025, 1, 9)),),
    )

    assert (statement.gross, statement.commission, statement.owed) == (120000, 12000, 108000)
    assert (statement.refunded, statement.paid_out) == (18000, 70000)
    assert statement.closing == 50000 + 108000 - 18000 - 70000
    assert statement.has_entries


def test_month_totals_close_the_same_way():
    totals = MonthTotals(month=Month(2025, 2), lines=1, quantity=1, gross=1000, commission=100,
                         refunded=300, paid_out=500, adjusted=-50, opening=2000)

    assert (totals.owed, totals.closing) == (900, 2000 + 900 - 300 - 500 - 50)


def test_a_discrepancy_is_the_ledger_less_what_the_facts_say():
    assert Discrepancy(artisan_id=1, artisan_name="A", ledger=900, expected=1000).difference == -100
