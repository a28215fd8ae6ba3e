"""The council's payout pages: balances, an artisan's ledger, recording a payout, CSVs."""
import csv
import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from payouts.models import LedgerEntry, Payout
from payouts.selectors import artisan_balance, ledger_discrepancies
from tests.factories import ArtisanFactory, RegionFactory, UserFactory

from tests.support.ledger import jakarta, mock_now, pay, rate, sale, shipment_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(artisan, other_artisan, council_staff):
    """The artisan: two lines shipped (10%), one refunded, one payout; the other: one sale."""
    rate("10.00", dt.date(2025, 1, 1))
    first = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="1000000",
                 title="Batik Mliwis")
    second = sale(artisan=artisan, placed_at=jakarta(2025, 1, 4), amount="200000",
                  title="=cmd|' /C calc'!A0")
    theirs = sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 5), amount="500000")
    shipment_event(first, "shipped", at=jakarta(2025, 1, 5))
    shipment_event(second, "shipped", at=jakarta(2025, 1, 6))
    shipment_event(theirs, "shipped", at=jakarta(2025, 1, 7))
    shipment_event(second, "refunded", at=jakarta(2025, 2, 1))
    with mock_now(jakarta(2025, 2, 10)):
        payout = pay(artisan=artisan, amount=400000, user=council_staff, reference="BCA-0001",
                     paid_on=dt.date(2025, 2, 10))
    return {"first": first, "second": second, "theirs": theirs, "payout": payout}


@pytest.fixture
def staff_client(client, council_staff):
    client.force_login(council_staff)
    client.cookies["django_language"] = "en"
    return client


def read_csv(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_balances_page_shows_what_each_artisan_is_owed_and_their_last_payout(
    staff_client, artisan, other_artisan, ledger
):
    response = staff_client.get(reverse("payouts-balances"))

    assert response.status_code == 200
    rows = {a.pk: (a.balance, a.last_paid_on, a.last_paid_amount)
            for a in response.context["artisans"]}
    assert rows == {
        artisan.pk: (900000 - 400000, dt.date(2025, 2, 10), 400000),
        other_artisan.pk: (450000, None, None),
    }
    assert response.context["total"] == 950000
    html = response.content.decode()
    assert reverse("payouts-record", args=[artisan.pk]) in html
    assert reverse("payouts-ledger", args=[other_artisan.pk]) in html


def test_the_balances_page_takes_the_same_number_of_queries_for_more_artisans(
    staff_client, council_staff
):
    def page_queries(count: int) -> tuple[int, int]:
        for i in range(count):
            each = ArtisanFactory(region=RegionFactory(name=f"Kota Saldo {count}-{i}"))
            line = sale(artisan=each, placed_at=jakarta(2025, 1, 3), amount="100000")
            shipment_event(line, "shipped")
            pay(artisan=each, amount=1000, user=council_staff)
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse("payouts-balances"))
        assert response.status_code == 200
        return len(response.context["artisans"]), len(queries)

    page_queries(1)  # warms what Django and Oscar look up once per process
    rows_before, few = page_queries(0)
    rows_after, many = page_queries(7)

    assert (rows_before, rows_after) == (1, 8)
    assert few == many


def test_the_artisans_ledger_shows_each_entry_with_the_running_balance(
    staff_client, artisan, ledger
):
    response = staff_client.get(reverse("payouts-ledger", args=[artisan.pk]))

    assert response.status_code == 200
    rows = response.context["ledger"].rows
    assert [(row.entry.kind, row.entry.amount, row.balance) for row in rows] == [
        ("sale", 900000, 900000), ("sale", 180000, 1080000), ("refund", -180000, 900000),
        ("payout", -400000, 500000),
    ]
    assert "BCA-0001" in response.content.decode()
    # Between two days: the balance before the first is carried in.
    february = staff_client.get(
        reverse("payouts-ledger", args=[artisan.pk]) + "?start=2025-02-01&end=2025-02-28"
    ).context["ledger"]
    assert (february.opening, [row.balance for row in february.rows], february.closing) == (
        1080000, [900000, 500000], 500000,
    )


def test_recording_a_payout_from_the_form(staff_client, artisan, artisan_user, ledger,
                                          django_capture_on_commit_callbacks):
    form = staff_client.get(reverse("payouts-record", args=[artisan.pk]))
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["amount"] == 500000 and initial["token"]

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("payouts-record", args=[artisan.pk]), {
            "amount": "500000", "paid_on": "2025-03-01", "reference": "BCA-0002",
            "note": "Maret", "token": initial["token"],
        })

    assert response.status_code == 302
    assert response.url == reverse("payouts-ledger", args=[artisan.pk])
    payout = Payout.objects.get(reference="BCA-0002")
    assert (payout.amount, payout.paid_on, payout.note) == (500000, dt.date(2025, 3, 1), "Maret")
    assert artisan_balance(artisan_id=artisan.pk) == 0
    assert [m.to for m in mail.outbox] == [[artisan_user.email]]
    assert ledger_discrepancies() == []
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Payout of Rp\u00a0500.000 to")  # Rp 500.000 in English too


def test_a_double_submitted_form_records_one_payout(staff_client, artisan, ledger):
    data = {"amount": "100000", "paid_on": "2025-03-01", "reference": "BCA-0003",
            "token": "3f1c0d1e9a7b4c2d8e6f5a4b3c2d1e0f"}

    first = staff_client.post(reverse("payouts-record", args=[artisan.pk]), data)
    second = staff_client.post(reverse("payouts-record", args=[artisan.pk]), data)

    assert first.status_code == second.status_code == 302
    assert Payout.objects.filter(artisan=artisan).count() == 2  # the fixture's and this one
    assert artisan_balance(artisan_id=artisan.pk) == 400000


def test_a_payout_over_the_balance_is_refused_keeping_what_was_typed(
    staff_client, artisan, ledger
):
    response = staff_client.post(reverse("payouts-record", args=[artisan.pk]), {
        "amount": "500001", "paid_on": "2025-03-01", "reference": "BCA-0004",
        "note": "Terlalu banyak", "token": "tok-over",
    })

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["amount"]
    html = response.content.decode()
    assert 'value="500001"' in html and 'value="BCA-0004"' in html and "Terlalu banyak" in html
    assert 'value="tok-over"' in html
    assert Payout.objects.filter(artisan=artisan).count() == 1


def test_a_form_with_missing_fields_says_which(staff_client, artisan, ledger):
    response = staff_client.post(reverse("payouts-record", args=[artisan.pk]), {
        "amount": "", "paid_on": "kemarin", "reference": "", "token": "tok-missing",
    })

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"amount", "paid_on", "reference"}
    assert Payout.objects.filter(artisan=artisan).count() == 1


def test_the_ledger_csv_of_one_artisan_between_two_days(staff_client, artisan, ledger):
    response = staff_client.get(
        reverse("payouts-ledger-csv") + f"?artisan={artisan.pk}&start=2025-01-06&end=2025-02-28"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="pasar-kriya-ledger-{artisan.slug}-from-2025-01-06'
        f'-to-2025-02-28.csv"'
    )
    rows = read_csv(response)
    assert rows[0][:5] == ["Date", "Artisan", "NIB", "Region", "Entry"]
    second = ledger["second"]
    assert [(r[0], r[5], r[6], r[8], r[9], r[10], r[11], r[12], r[13]) for r in rows[1:]] == [
        ("2025-01-06 12:00", second.order.number, "'=cmd|' /C calc'!A0", "200000", "10.00",
         "20000", "180000", "1080000", ""),
        ("2025-02-01 12:00", second.order.number, "'=cmd|' /C calc'!A0", "200000", "10.00",
         "20000", "-180000", "900000", ""),
        ("2025-02-10 12:00", "", "", "", "", "", "-400000", "500000",
         "Transferred on 2025-02-10, reference BCA-0001"),
    ]


def test_the_ledger_csv_of_every_artisan_and_the_balances_csv(
    staff_client, artisan, other_artisan, ledger
):
    rows = read_csv(staff_client.get(reverse("payouts-ledger-csv")))
    balances = read_csv(staff_client.get(reverse("payouts-balances-csv")))

    assert sorted((r[1], r[-2]) for r in rows[1:]) == sorted([
        (artisan.name, "900000"), (artisan.name, "1080000"), (artisan.name, "900000"),
        (artisan.name, "500000"), (other_artisan.name, "450000"),
    ])
    assert balances[0] == ["Artisan", "NIB", "Region", "Balance (IDR)", "Last payout on",
                           "Last payout (IDR)"]
    assert sorted(balances[1:]) == sorted([
        [artisan.name, artisan.nib, artisan.region.display_name, "500000", "2025-02-10",
         "400000"],
        [other_artisan.name, other_artisan.nib, other_artisan.region.display_name, "450000",
         "", ""],
    ])
    assert staff_client.get(reverse("payouts-ledger-csv") + "?start=2025-02-02&end=2025-01-01"
                            ).status_code == 400
    assert staff_client.get(reverse("payouts-ledger-csv") + "?artisan=999999").status_code == 404


def test_an_unknown_artisan_is_404(staff_client):
    for name in ("payouts-ledger", "payouts-record"):
        assert staff_client.get(reverse(name, args=[999999])).status_code == 404


def test_the_payout_pages_are_for_staff_and_the_form_for_staff_who_manage_payments(
    client, artisan, artisan_user, curator, ledger
):
    read_urls = [
        reverse("payouts-balances"), reverse("payouts-balances-csv"),
        reverse("payouts-ledger-csv"), reverse("payouts-ledger", args=[artisan.pk]),
    ]
    pay_url = reverse("payouts-record", args=[artisan.pk])
    for url in [*read_urls, pay_url]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(
            reverse("customer:login")), url
    # An artisan (even of this ledger), a curator, a buyer: 403 everywhere
    for user in (artisan_user, curator.user, UserFactory()):
        client.force_login(user)
        for url in [*read_urls, pay_url]:
            assert client.get(url).status_code == 403, (user, url)
        assert client.post(pay_url, {"amount": "1", "paid_on": "2025-03-01",
                                     "reference": "X1", "token": "t"}).status_code == 403
    # Staff who do not manage payments read, but do not record
    client.force_login(UserFactory(is_staff=True))
    for url in read_urls:
        assert client.get(url).status_code == 200, url
    assert client.get(pay_url).status_code == 403
    assert client.post(pay_url, {"amount": "1", "paid_on": "2025-03-01", "reference": "X2",
                                 "token": "t2"}).status_code == 403
    assert Payout.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="payout").count() == 1


def test_the_dashboard_navigation_links_to_the_payouts(staff_client):
    response = staff_client.get(reverse("dashboard:index"))

    assert reverse("payouts-balances") in response.content.decode()


def test_a_correction_from_the_dashboard_needs_a_reason_and_shows_on_the_statement(
    staff_client, artisan, artisan_user, client, ledger
):
    url = reverse("payouts-adjust", args=[artisan.pk])
    refused = staff_client.post(url, {"amount": "0", "note": "", "token": "tok-refused"})
    assert refused.status_code == 200
    assert set(refused.context["form"].errors) == {"amount", "note"}

    response = staff_client.post(url, {"amount": "-25000", "note": "Ongkir dibayar dua kali",
                                       "token": "tok-correction"})

    assert response.status_code == 302
    entry = LedgerEntry.objects.get(kind="adjustment")
    assert (entry.artisan, entry.amount, entry.note) == (artisan, -25000,
                                                          "Ongkir dibayar dua kali")
    assert artisan_balance(artisan_id=artisan.pk) == 475000
    assert ledger_discrepancies() == []
    # The artisan reads it on the statement of the month it was recorded in
    client.force_login(artisan_user)
    today = entry.occurred_at.astimezone(jakarta(2025, 1, 1).tzinfo)
    page = client.get(reverse("portal-statement-month", args=[today.year, today.month]))
    assert "Ongkir dibayar dua kali" in page.content.decode()
    assert page.context["statement"].adjusted == -25000


def test_a_double_submitted_correction_is_recorded_once(staff_client, artisan, ledger):
    url = reverse("payouts-adjust", args=[artisan.pk])
    token = staff_client.get(url).context["form"].initial["token"]
    data = {"amount": "-25000", "note": "Ongkir dibayar dua kali", "token": token}

    first = staff_client.post(url, data)
    second = staff_client.post(url, data)

    assert first.status_code == second.status_code == 302
    (entry,) = LedgerEntry.objects.filter(kind="adjustment")
    assert (entry.amount, entry.idempotency_key) == (-25000, token)
    assert artisan_balance(artisan_id=artisan.pk) == 475000
    assert ledger_discrepancies() == []


def test_a_correction_form_used_for_one_artisan_corrects_no_other(
    staff_client, artisan, other_artisan, ledger
):
    data = {"amount": "10000", "note": "Bonus pameran", "token": "tok-shared"}
    staff_client.post(reverse("payouts-adjust", args=[artisan.pk]), data)

    response = staff_client.post(reverse("payouts-adjust", args=[other_artisan.pk]), data)

    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert list(LedgerEntry.objects.filter(kind="adjustment").values_list("artisan", flat=True)) \
        == [artisan.pk]


def test_only_staff_who_manage_payments_correct_a_balance(client, artisan, artisan_user, ledger):
    url = reverse("payouts-adjust", args=[artisan.pk])
    for user in (artisan_user, UserFactory(), UserFactory(is_staff=True)):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"amount": "5000", "note": "x"}).status_code == 403
    assert not LedgerEntry.objects.filter(kind="adjustment").exists()
