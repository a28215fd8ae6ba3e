"""The artisan reads their own statements, on screen and as CSV, and no one else's."""
import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ArtisanFactory, UserFactory

from tests.support.ledger import jakarta, mock_now, rate, shipment_event, shipped_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_artisan(other_region):
    return ArtisanFactory(region=other_region, name="Tenun Lumajang")


@pytest.fixture
def sales(artisan, other_artisan):
    rate("10.00", dt.date(2025, 1, 1))
    mine = shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="1250000",
                        title="Batik Jonegoroan Mliwis Putih")
    theirs = shipped_sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 4), amount="450000",
                          title="Tenun Milik Orang Lain", order=mine.order)
    theirs_alone = shipped_sale(artisan=other_artisan, placed_at=jakarta(2025, 3, 4),
                                amount="90000", title="Selendang Milik Orang Lain")
    return {"mine": mine, "theirs": theirs, "theirs_alone": theirs_alone}


@pytest.fixture
def artisan_client(client, artisan_user):
    client.force_login(artisan_user)
    return client


def month_url(name: str, year: int = 2025, month: int = 1) -> str:
    return reverse(name, kwargs={"year": year, "month": month})


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_month_list_shows_the_artisans_months_with_their_totals(artisan_client, sales):
    response = artisan_client.get(reverse("portal-statement-list"))

    assert response.status_code == 200
    assert [(m.month.year, m.month.month) for m in response.context["months"]] == [(2025, 1)]
    html = response.content.decode()
    assert month_url("portal-statement-month") in html
    assert "Rp\xa01.125.000" in html  # owed, written the Indonesian way
    assert 'data-month="2025-03"' not in html  # the other artisan's month


def test_the_month_page_lists_only_the_artisans_own_lines(artisan_client, sales):
    response = artisan_client.get(month_url("portal-statement-month"))

    assert response.status_code == 200
    statement = response.context["statement"]
    assert [line.line_id for line in statement.lines] == [sales["mine"].pk]
    html = response.content.decode()
    assert "Batik Jonegoroan Mliwis Putih" in html
    assert "Tenun Milik Orang Lain" not in html
    assert f'data-line="{sales["theirs"].pk}"' not in html
    assert "Rp\xa01.250.000" in html and "Rp\xa0125.000" in html and "Rp\xa01.125.000" in html
    assert month_url("portal-statement-csv") in html


def test_another_artisans_id_in_the_query_string_changes_nothing(
    artisan_client, artisan, other_artisan, sales
):
    for name, month in (("portal-statement-month", 1), ("portal-statement-month", 3)):
        other = other_artisan.pk
        url = f"{month_url(name, month=month)}?artisan={other}&artisan_id={other}"
        response = artisan_client.get(url)
        assert response.status_code == 200
        assert response.context["statement"].artisan == artisan
        assert "Milik Orang Lain" not in response.content.decode()
    # March has only the other artisan's sale: the artisan's own March is empty.
    assert response.context["statement"].lines == ()

    response = artisan_client.get(
        f"{month_url('portal-statement-csv', month=3)}?artisan={other_artisan.pk}"
    )
    rows = read_csv(response)
    # The header, then the artisan's own March: January's sale still owed, nothing new.
    assert len(rows) == 3
    assert [(row[2], row[-1]) for row in rows[1:]] == [("", "1125000"), ("", "1125000")]
    response = artisan_client.get(f"{reverse('portal-statement-list')}?artisan={other_artisan.pk}")
    assert [(m.month.year, m.month.month) for m in response.context["months"]] == [(2025, 1)]


def test_the_csv_has_a_bom_a_header_and_whole_rupiah(artisan_client, artisan, sales):
    with translation.override("en"):
        response = artisan_client.get(month_url("portal-statement-csv"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="pasar-kriya-{artisan.slug}-2025-01.csv"'
    )
    rows = read_csv(response)
    assert rows == [
        ["Date", "Entry", "Order number", "Placed on", "Product", "Quantity", "Amount (IDR)",
         "Commission rate (%)", "Commission (IDR)", "Owed (IDR)", "Reference or note",
         "Balance (IDR)"],
        ["2025-01-01", "Opening balance", *[""] * 9, "0"],
        ["2025-01-03", "Sale", sales["mine"].order.number, "2025-01-03",
         "Batik Jonegoroan Mliwis Putih", "1", "1250000", "10.00", "125000", "1125000", "",
         "1125000"],
        ["2025-01-31", "Closing balance", *[""] * 9, "1125000"],
    ]


def test_the_csv_lists_refunds_and_payouts_with_the_running_balance(
    artisan_client, artisan, sales
):
    from tests.support.ledger import pay, payments_staff

    shipment_event(sales["mine"], "refunded", at=jakarta(2025, 1, 20))
    rate_line = shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 21), amount="200000",
                             title="Batik Kayangan")
    with mock_now(jakarta(2025, 1, 25)):
        pay(artisan=artisan, amount=150000, user=payments_staff(), reference="BNI-77",
            paid_on=dt.date(2025, 1, 24))

    with translation.override("en"):
        rows = read_csv(artisan_client.get(month_url("portal-statement-csv"),
                                           HTTP_ACCEPT_LANGUAGE="en"))

    assert [(row[0], row[1], row[2], row[9], row[10], row[11]) for row in rows[1:]] == [
        ("2025-01-01", "Opening balance", "", "", "", "0"),
        ("2025-01-03", "Sale", sales["mine"].order.number, "1125000", "", "1125000"),
        ("2025-01-20", "Refund", sales["mine"].order.number, "-1125000", "", "0"),
        ("2025-01-21", "Sale", rate_line.order.number, "180000", "", "180000"),
        ("2025-01-25", "Payout", "", "-150000",
         "Transferred on 2025-01-24, reference BNI-77", "30000"),
        ("2025-01-31", "Closing balance", "", "", "", "30000"),
    ]


def test_the_month_page_shows_the_opening_refunds_payouts_and_closing_balance(
    artisan_client, artisan, sales
):
    from tests.support.ledger import pay, payments_staff

    shipment_event(sales["mine"], "refunded", at=jakarta(2025, 2, 3))
    shipped_sale(artisan=artisan, placed_at=jakarta(2025, 2, 4), amount="500000")
    with mock_now(jakarta(2025, 2, 10)):
        pay(artisan=artisan, amount=300000, user=payments_staff(), reference="BRI-0210",
            paid_on=dt.date(2025, 2, 10))

    response = artisan_client.get(month_url("portal-statement-month", month=2))

    statement = response.context["statement"]
    assert (statement.opening, statement.owed, statement.refunded, statement.paid_out,
            statement.closing) == (1125000, 450000, 1125000, 300000, 150000)
    html = response.content.decode()
    assert f'data-refund="{sales["mine"].pk}"' in html
    assert "BRI-0210" in html
    assert "Rp\xa0150.000" in html  # the closing balance


def test_a_title_that_looks_like_a_formula_is_inert_in_the_csv(artisan_client, artisan):
    shipped_sale(artisan=artisan, placed_at=jakarta(2025, 1, 5), amount="1000",
                 title='=HYPERLINK("http://example.com","klik")')

    rows = read_csv(artisan_client.get(month_url("portal-statement-csv")))

    assert rows[2][4] == '\'=HYPERLINK("http://example.com","klik")'


def test_a_month_that_does_not_exist_is_404(artisan_client):
    assert artisan_client.get(month_url("portal-statement-month", month=13)).status_code == 404
    assert artisan_client.get(month_url("portal-statement-csv", month=0)).status_code == 404


def test_only_an_artisans_login_reaches_the_statements(client, sales):
    urls = [reverse("portal-statement-list"), month_url("portal-statement-month"),
            month_url("portal-statement-csv")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("customer:login"))
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    for url in urls:
        assert client.get(url).status_code == 403


def test_the_artisan_nav_links_to_the_statements(artisan_client):
    response = artisan_client.get(reverse("portal-product-list"))

    assert f'href="{reverse("portal-statement-list")}"' in response.content.decode()
