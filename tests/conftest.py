import pytest

from tests import factories

# Fixtures several folders share, kept in one place (tests/support).
pytest_plugins = ["tests.support.stripe"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own folders."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    # sorl-thumbnail remembers the thumbnails it made in the cache: one made in another
    # test's folder must not be taken for one in this test's.
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _search_breakers_closed():
    """Every test starts with Elasticsearch's circuit breakers closed (they live in the
    process, so one test's failures would otherwise open them for the next)."""
    from search.backends import elasticsearch_breakers_reset

    elasticsearch_breakers_reset()


@pytest.fixture
def region():
    return factories.RegionFactory(name="Bojonegoro")


@pytest.fixture
def other_region():
    return factories.RegionFactory(name="Lumajang")


@pytest.fixture
def artisan(region):
    return factories.ArtisanFactory(region=region)


@pytest.fixture
def artisan_user(artisan):
    return artisan.partner.users.get()


@pytest.fixture
def curator(region):
    return factories.CuratorFactory(regions=[region])


@pytest.fixture
def other_curator(other_region):
    return factories.CuratorFactory(regions=[other_region])


@pytest.fixture
def product(artisan):
    return factories.ProductFactory(artisan=artisan)


@pytest.fixture
def signed_in_superuser(client):
    """Council staff with every permission, signed in on `client`."""
    user = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user
