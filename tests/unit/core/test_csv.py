"""core.csv: the CSV files of statements and payouts, one way."""
from core.csv import csv_response, csv_text, inert_text


def test_a_csv_starts_with_a_bom_ends_lines_with_crlf_and_quotes_what_needs_it():
    text = csv_text([("Produk", "Harga"), ("Kain, tulis", "1250000")])

    assert text == '\ufeffProduk,Harga\r\n"Kain, tulis",1250000\r\n'


def test_text_that_a_spreadsheet_would_run_is_made_inert():
    assert [inert_text(v) for v in ("=1+1", "+62", "-x", "@a", "Batik")] == [
        "'=1+1", "'+62", "'-x", "'@a", "Batik",
    ]


def test_the_response_downloads_the_text_as_utf8_under_its_name():
    response = csv_response(text=csv_text([("Rp",)]), filename="pasar-kriya-x.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pasar-kriya-x.csv"'
    assert response.content == "\ufeffRp\r\n".encode()
