"""Fixtures of the curation integration tests."""
import pytest

from tests.factories import UserFactory


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    return user
