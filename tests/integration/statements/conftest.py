"""Fixtures of the statement tests; the known sales are tests.support.ledger's."""
import pytest

from tests.factories import UserFactory


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)
