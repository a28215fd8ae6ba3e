"""Recording payouts: who may, how much, once, under the artisan's lock; the artisan's email."""
import datetime as dt

import pytest
from django.core import mail
from django.utils import translation

from core.models import AppendOnlyError
from payouts import services
from payouts.errors import (
    DuplicateReference, InvalidAdjustment, InvalidPayout, NotAllowed, OverBalance,
)
from payouts.models import LedgerEntry, Payout
from payouts.selectors import artisan_balance, ledger_discrepancies
from tests.factories import UserFactory

from tests.support.ledger import jakarta, pay, sale, shipment_event

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind


@pytest.fixture
def owed(artisan):
    """The artisan is owed Rp 1.500.000 (two shipped lines, no commission)."""
    for amount in ("1000000", "500000"):
        line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount=amount)
        shipment_event(line, "shipped", at=jakarta(2025, 1, 4))
    return 1500000


def test_a_payout_writes_the_payout_and_its_debit_and_emails_the_artisan(
    artisan, artisan_user, owed, council_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        payout = pay(artisan=artisan, amount=1200000, user=council_staff,
                     reference="  BCA 2025 0131  ", paid_on=dt.date(2025, 1, 31), note="Januari")

    assert (payout.artisan, payout.amount, payout.reference, payout.paid_on,
            payout.recorded_by) == (
        artisan, 1200000, "BCA 2025 0131", dt.date(2025, 1, 31), council_staff,
    )
    entry = LedgerEntry.objects.get(kind=Kind.PAYOUT)
    assert (entry.artisan, entry.amount, entry.payout, entry.created_by, entry.note) == (
        artisan, -1200000, payout, council_staff, "Januari",
    )
    assert artisan_balance(artisan_id=artisan.pk) == 300000
    assert ledger_discrepancies() == []
    [email] = mail.outbox
    assert email.to == [artisan_user.email]
    # Indonesian by default: the amount as Indonesians write it, and the reference.
    assert "Rp1.200.000" in email.body.replace("\xa0", "").replace(" ", "")
    assert "BCA 2025 0131" in email.body


@pytest.mark.parametrize("language,month", [("id", "Januari"), ("en", "January")])
def test_the_email_is_in_the_artisans_language(
    artisan, owed, council_staff, django_capture_on_commit_callbacks, language, month
):
    artisan.language = language
    artisan.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        pay(artisan=artisan, amount=1000, user=council_staff, reference="REF-LANG",
            paid_on=dt.date(2025, 1, 31))

    [email] = mail.outbox
    # Django's own month names follow the language the email was written in.
    assert f"31 {month} 2025" in email.body


def test_the_refusal_names_the_balance_written_the_shops_way_in_english(
    artisan, owed, council_staff
):
    # given an artisan owed Rp 1.500.000, and a staff member reading English
    with translation.override("en"):
        # when they try to pay more than that
        with pytest.raises(OverBalance) as refused:
            pay(artisan=artisan, amount=owed + 1, user=council_staff)

    # then the message says how much is owed, Rp 1.500.000 (not 1,500,000)
    assert "is owed Rp\u00a01.500.000: a payout cannot be more" in str(refused.value)


def test_paying_more_than_the_balance_is_refused_and_nothing_is_written(
    artisan, owed, council_staff
):
    with pytest.raises(OverBalance):
        pay(artisan=artisan, amount=owed + 1, user=council_staff)

    assert Payout.objects.count() == 0
    assert LedgerEntry.objects.filter(kind=Kind.PAYOUT).count() == 0
    # The whole balance may be paid, and then nothing more.
    pay(artisan=artisan, amount=owed, user=council_staff)
    with pytest.raises(OverBalance):
        pay(artisan=artisan, amount=1, user=council_staff)
    assert artisan_balance(artisan_id=artisan.pk) == 0


@pytest.mark.parametrize("amount,reference,paid_on", [
    (0, "REF-1", dt.date(2025, 1, 1)),
    (-5, "REF-1", dt.date(2025, 1, 1)),
    (100, "   ", dt.date(2025, 1, 1)),
    (100, "REF-1", dt.date(2999, 1, 1)),
])
def test_an_invalid_amount_reference_or_date_is_refused(
    artisan, owed, council_staff, amount, reference, paid_on
):
    with pytest.raises(InvalidPayout):
        pay(artisan=artisan, amount=amount, user=council_staff, reference=reference,
            paid_on=paid_on)

    assert Payout.objects.count() == 0


def test_a_double_submitted_form_makes_one_payout(artisan, owed, council_staff,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = pay(artisan=artisan, amount=1000000, user=council_staff, key="form-token-1")
        second = pay(artisan=artisan, amount=1000000, user=council_staff, key="form-token-1")

    assert first == second
    assert Payout.objects.count() == 1
    assert LedgerEntry.objects.filter(kind=Kind.PAYOUT).count() == 1
    assert artisan_balance(artisan_id=artisan.pk) == 500000
    assert len(mail.outbox) == 1


def test_the_same_bank_reference_twice_for_an_artisan_is_refused(artisan, owed, council_staff):
    pay(artisan=artisan, amount=1000, user=council_staff, reference="BRI-778")

    with pytest.raises(DuplicateReference):
        pay(artisan=artisan, amount=1000, user=council_staff, reference="bri-778")

    assert Payout.objects.count() == 1


def _order_staff():
    """Staff who manage orders' payments (confirm transfers, refund) but do not pay artisans."""
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="order", codename__in=["view_order", "change_order"]))
    return user


@pytest.mark.parametrize("who", ["anonymous", "artisan", "staff_without_payments",
                                 "staff_who_manage_orders_only"])
def test_only_staff_who_manage_payments_record_payouts(artisan, artisan_user, owed, who):
    from django.contrib.auth.models import AnonymousUser

    user = {
        "anonymous": AnonymousUser(), "artisan": artisan_user,
        "staff_without_payments": UserFactory(is_staff=True),
        "staff_who_manage_orders_only": _order_staff() if who.endswith("only") else None,
    }[who]

    with pytest.raises(NotAllowed):
        pay(artisan=artisan, amount=1000, user=user)
    with pytest.raises(NotAllowed):
        services.ledger_adjust(artisan_id=artisan.pk, amount=1000, note="x", user=user)

    assert LedgerEntry.objects.exclude(kind=Kind.SALE).count() == 0


def test_an_adjustment_needs_a_note_and_counts_in_the_balance(artisan, owed, council_staff):
    with pytest.raises(InvalidAdjustment):
        services.ledger_adjust(artisan_id=artisan.pk, amount=-2500, note="  ",
                               user=council_staff)
    with pytest.raises(InvalidAdjustment):
        services.ledger_adjust(artisan_id=artisan.pk, amount=0, note="nol", user=council_staff)

    entry = services.ledger_adjust(artisan_id=artisan.pk, amount=-2500,
                                   note="Ongkir dobel dibayar", user=council_staff)

    assert (entry.kind, entry.amount, entry.created_by) == (Kind.ADJUSTMENT, -2500, council_staff)
    assert artisan_balance(artisan_id=artisan.pk) == owed - 2500
    assert ledger_discrepancies() == []


def test_a_payout_is_never_changed_or_deleted(artisan, owed, council_staff):
    payout = pay(artisan=artisan, amount=1000, user=council_staff)

    payout.amount = 5
    with pytest.raises(AppendOnlyError):
        payout.save()
    with pytest.raises(AppendOnlyError):
        payout.delete()
