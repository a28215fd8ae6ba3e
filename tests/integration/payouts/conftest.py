"""Fixtures of the ledger tests; the known sales and payouts are tests.support.ledger's."""
import pytest

from tests.factories import ArtisanFactory
from tests.support.ledger import payments_staff


@pytest.fixture
def council_staff():
    return payments_staff(email="bendahara@example.id")


@pytest.fixture
def other_artisan(other_region):
    return ArtisanFactory(region=other_region)
