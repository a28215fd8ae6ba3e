"""Shipped lines, payments staff and payouts for the ledger tests."""
import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import Permission

from payouts import services
from tests.factories import ArtisanFactory, UserFactory
from tests.integration.statements.conftest import (  # noqa: F401  (shared helpers)
    jakarta, mock_now, rate, sale, shipment_event, shipped_sale,
)


def payments_staff(**kwargs):
    """The council's treasurer: manages orders' payments
    (payments.selectors.user_manages_payments) and pays artisans
    (payouts.selectors.user_may_pay_artisans)."""
    user = UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="order",
                                   codename__in=["view_order", "change_order"]),
        *Permission.objects.filter(content_type__app_label="payouts", codename="add_payout"),
    )
    return user


@pytest.fixture
def council_staff():
    return payments_staff(email="bendahara@example.id")


@pytest.fixture
def other_artisan(other_region):
    return ArtisanFactory(region=other_region)


def pay(*, artisan, amount: int, user, reference: str | None = None,
        paid_on: dt.date | None = None, key: str | None = None, note: str = ""):
    """Record a payout through the service, as the dashboard form does."""
    return services.payout_record(
        artisan_id=artisan.pk, amount=amount, paid_on=paid_on or dt.date(2025, 1, 1),
        reference=reference or f"TRF-{uuid.uuid4().hex[:10]}", note=note, user=user,
        idempotency_key=key or uuid.uuid4().hex,
    )
