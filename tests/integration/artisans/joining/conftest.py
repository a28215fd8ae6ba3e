import pytest

from tests.factories import ArtisanFactory, ProductClassFactory, UserFactory


@pytest.fixture
def craft():
    return ProductClassFactory(name="Kriya Uji Gabung")


@pytest.fixture
def pending_artisan(region):
    """A business waiting for its council, with one login."""
    return ArtisanFactory(region=region, is_verified=False, name="Tenun Pending",
                          login=UserFactory(email="pending@example.id"))
