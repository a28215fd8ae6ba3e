"""The council admin sets commission rates: from a date, never in a month that has ended."""
import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import ERROR, get_messages
from django.urls import reverse
from django.utils import timezone

from core.form_tokens.services import form_token_new
from payouts import rates
from payouts.errors import (
    NotAllowed, RateDayTaken, RateInClosedMonth, RateOutOfRange, RateUsedBySales,
)
from payouts.models import CommissionRate, RateIsFixed
from statements.selectors import statement_for
from tests.factories import UserFactory

from tests.support.ledger import JAKARTA, jakarta, rate, shipped_sale

pytestmark = pytest.mark.django_db

# "Now" in the middle of March 2025, Jakarta time.
NOW = jakarta(2025, 3, 14, 10)


def create(user, **kwargs) -> CommissionRate:
    data = {"rate": Decimal("10.00"), "valid_from": dt.date(2025, 4, 1), "region": None,
            "note": "", "now": NOW}
    data.update(kwargs)
    return rates.commission_rate_create(user=user, **data)


def test_staff_set_a_default_and_a_regions_rate(staff, region):
    default = create(staff, note="Keputusan rapat Maret.")
    own = create(staff, rate=Decimal("7.50"), region=region, valid_from=dt.date(2025, 3, 1))

    assert list(CommissionRate.objects.values_list("rate", "valid_from", "region", "created_by")
                .order_by("pk")) == [
        (Decimal("10.00"), dt.date(2025, 4, 1), None, staff.pk),
        (Decimal("7.50"), dt.date(2025, 3, 1), region.pk, staff.pk),
    ]
    assert default.note == "Keputusan rapat Maret."
    assert own.region == region


def test_a_rate_cannot_start_in_a_month_that_has_ended(staff):
    with pytest.raises(RateInClosedMonth):
        create(staff, valid_from=dt.date(2025, 2, 28))
    # 00:05 on 1 March in Jakarta is still 28 February in UTC: February has ended all the same.
    with pytest.raises(RateInClosedMonth):
        create(staff, valid_from=dt.date(2025, 2, 28), now=jakarta(2025, 3, 1, 0, 5))
    assert create(staff, valid_from=dt.date(2025, 3, 1)).valid_from == dt.date(2025, 3, 1)
    assert CommissionRate.objects.count() == 1


def test_only_staff_set_rates_and_only_from_0_to_100(staff):
    with pytest.raises(NotAllowed):
        create(UserFactory())
    for wrong in (Decimal("-0.01"), Decimal("100.01")):
        with pytest.raises(RateOutOfRange):
            create(staff, rate=wrong)
    assert not CommissionRate.objects.exists()


def test_one_rate_per_scope_and_day(staff, region):
    create(staff)
    create(staff, region=region)

    with pytest.raises(RateDayTaken):
        create(staff, rate=Decimal("12.00"))
    with pytest.raises(RateDayTaken):
        create(staff, rate=Decimal("12.00"), region=region)
    assert CommissionRate.objects.count() == 2


def test_a_saved_rate_is_never_changed(staff):
    saved = create(staff)
    saved.rate = Decimal("50.00")

    with pytest.raises(RateIsFixed):
        saved.save()
    assert CommissionRate.objects.get().rate == Decimal("10.00")


def test_a_rate_is_deleted_only_while_no_ended_month_used_it(staff, artisan):
    used = rate("10.00", dt.date(2025, 1, 1), user=staff)
    shipped_sale(artisan=artisan, placed_at=jakarta(2025, 2, 2), amount="100000")
    this_month = create(staff, rate=Decimal("11.00"), valid_from=dt.date(2025, 3, 10))

    with pytest.raises(RateInClosedMonth):
        rates.commission_rate_delete(user=staff, rate=used, now=NOW)
    with pytest.raises(NotAllowed):
        rates.commission_rate_delete(user=UserFactory(), rate=this_month, now=NOW)
    rates.commission_rate_delete(user=staff, rate=this_month, now=NOW)

    assert list(CommissionRate.objects.all()) == [used]
    assert statement_for(artisan=artisan, year=2025, month=2).commission == Decimal("10000")


def test_no_rate_starts_or_goes_from_a_day_whose_orders_already_shipped(
    staff, artisan, region, other_region
):
    # Given a line of an order placed on 5 March, shipped and so priced at no commission
    shipped_sale(artisan=artisan, placed_at=jakarta(2025, 3, 5), amount="100000")
    later = create(staff, rate=Decimal("9.00"), valid_from=dt.date(2025, 3, 20))

    # A rate from 1 March (for everyone, or the artisan's region) would reprice it: refused
    for scope in (None, region):
        with pytest.raises(RateUsedBySales):
            create(staff, valid_from=dt.date(2025, 3, 1), region=scope)
    # Another region's rate, or one from the next day, is fine
    create(staff, valid_from=dt.date(2025, 3, 1), region=other_region)
    create(staff, valid_from=dt.date(2025, 3, 6), region=region)
    # A rate is not deleted once a line it priced was shipped
    shipped_sale(artisan=artisan, placed_at=jakarta(2025, 3, 21), amount="100000")
    with pytest.raises(RateUsedBySales):
        rates.commission_rate_delete(user=staff, rate=later, now=NOW)

    assert CommissionRate.objects.count() == 3
    # 5 March: no rate yet; 21 March: the region's own 10% from 6 March
    march = statement_for(artisan=artisan, year=2025, month=3)
    assert [line.commission for line in march.lines] == [0, 10000]


# --- Through the dashboard --------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def next_month_start() -> dt.date:
    today = timezone.localtime(timezone.now(), JAKARTA).date()
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def test_the_admin_adds_a_rate_from_the_dashboard(staff_client, staff, region):
    form = staff_client.get(reverse("statements-rate-create"))
    assert form.context["form"].initial["valid_from"] == next_month_start()

    response = staff_client.post(reverse("statements-rate-create"), {
        "rate": "8.5", "valid_from": next_month_start().isoformat(), "region": region.pk,
        "note": "Insentif perajin Bojonegoro.", "form_token": form_token_new(),
    })

    assert response.status_code == 302 and response.url == reverse("statements-rate-list")
    saved = CommissionRate.objects.get()
    assert (saved.rate, saved.valid_from, saved.region, saved.created_by) == (
        Decimal("8.50"), next_month_start(), region, staff,
    )
    listing = staff_client.get(reverse("statements-rate-list"))
    assert list(listing.context["rates"]) == [saved]
    assert f'data-rate="{saved.pk}"' in listing.content.decode()


def test_the_form_refuses_a_past_month_and_a_taken_day_keeping_the_input(staff_client, staff):
    past = timezone.localtime(timezone.now(), JAKARTA).date().replace(day=1) - dt.timedelta(days=1)
    response = staff_client.post(reverse("statements-rate-create"), {
        "rate": "9", "valid_from": past.isoformat(), "region": "", "note": "Salah tanggal",
        "form_token": form_token_new(),
    })
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["form"]["note"].value() == "Salah tanggal"

    rate("10.00", next_month_start(), user=staff)
    response = staff_client.post(reverse("statements-rate-create"), {
        "rate": "12", "valid_from": next_month_start().isoformat(), "region": "",
        "form_token": form_token_new(),
    })
    assert response.status_code == 200 and response.context["form"].non_field_errors()

    response = staff_client.post(reverse("statements-rate-create"), {
        "rate": "101", "valid_from": next_month_start().isoformat(), "region": "",
        "form_token": form_token_new(),
    })
    assert response.status_code == 200 and "rate" in response.context["form"].errors
    assert CommissionRate.objects.count() == 1


def test_the_rate_list_marks_the_rates_in_force_today(staff_client, staff, region):
    old = rate("9.00", dt.date(2020, 1, 1), user=staff)
    current = rate("10.00", dt.date(2021, 1, 1), user=staff)
    regional = rate("5.00", dt.date(2021, 6, 1), region=region, user=staff)
    future = rate("11.00", next_month_start(), user=staff)

    response = staff_client.get(reverse("statements-rate-list"))

    assert response.context["in_force"] == {current.pk, regional.pk}
    html = response.content.decode()
    # Only the rate no ended month has used can be deleted.
    assert reverse("statements-rate-delete", args=[future.pk]) in html
    for fixed in (old, current, regional):
        assert reverse("statements-rate-delete", args=[fixed.pk]) not in html


def test_deleting_from_the_dashboard(staff_client, staff):
    used = rate("10.00", dt.date(2021, 1, 1), user=staff)
    future = rate("11.00", next_month_start(), user=staff)

    response = staff_client.post(reverse("statements-rate-delete", args=[used.pk]))
    assert response.status_code == 302
    assert [m.level for m in get_messages(response.wsgi_request)] == [ERROR]
    staff_client.post(reverse("statements-rate-delete", args=[future.pk]))

    assert list(CommissionRate.objects.all()) == [used]
    assert staff_client.get(reverse("statements-rate-delete", args=[used.pk])).status_code == 405


def test_the_rate_form_sent_twice_sets_the_rate_once_without_an_error(staff_client, staff):
    # Given the new-rate form, filled in once
    data = {"rate": "8", "valid_from": next_month_start().isoformat(), "region": "",
            "note": "Tarif baru.", "form_token": form_token_new()}

    # When it is sent twice (a double click)
    first = staff_client.post(reverse("statements-rate-create"), data)
    second = staff_client.post(reverse("statements-rate-create"), data)

    # Then one rate, and the second answer is the list, not "already has a rate"
    assert CommissionRate.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second.url == reverse("statements-rate-list")
