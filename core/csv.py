"""CSV files for a spreadsheet, the same for every app: UTF-8 with a BOM (so Excel
reads the rupiah sign and accents right), CRLF lines, text typed by people made inert,
and the HTTP response that downloads one."""
import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

BOM = "\ufeff"

# A cell that starts like a formula is run by a spreadsheet: text typed by an artisan
# (a product title, a business name) is made inert with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_rupiah(amount) -> str:
    """An amount as plain whole rupiah for a spreadsheet: signed digits, no separators."""
    return str(int(amount))


def inert_text(value: str) -> str:
    """The cell made inert if a spreadsheet would run it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def write_csv(rows: Iterable[Sequence[str]], out) -> None:
    """Write `rows` to the text stream `out`, BOM first."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """`rows` as the text of a CSV file, BOM first."""
    buffer = io.StringIO()
    write_csv(rows, buffer)
    return buffer.getvalue()


def csv_response(*, text: str, filename: str) -> HttpResponse:
    """A download of `text` (from csv_text) named `filename`."""
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
