"""An applicant's portrait is private until the council verifies the business: the
curators of its region and the business see it; anyone else with the address gets 404."""
import pytest
from django.core.management import call_command
from django.test import Client

from artisans.joining import services
from catalogue.models import Artisan
from catalogue.photo_storage import UNPUBLISHED_PREFIX
from tests.factories import ArtisanFactory, CuratorFactory, UserFactory
from tests.integration.artisans.joining.helpers import application_post, jpeg_with_gps

pytestmark = pytest.mark.django_db

APPLY = "/join/"


def fetch(url, user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_an_applicants_portrait_is_private_and_public_once_verified(
        client, region, craft, settings):
    client.post(APPLY, application_post(region, craft, photo=jpeg_with_gps()))
    artisan = Artisan.objects.get()
    curator = CuratorFactory(regions=[region])
    other_curator = CuratorFactory(regions=[ArtisanFactory().region])
    url = artisan.photo.url

    assert artisan.photo.name.startswith(UNPUBLISHED_PREFIX + "artisans/")
    assert url.startswith("/private-media/")
    assert fetch(url).status_code == 404
    assert fetch(url, UserFactory()).status_code == 404
    assert fetch(url, other_curator.user).status_code == 404
    assert fetch(url, curator.user).status_code == 200
    assert fetch(url, artisan.partner.users.get()).status_code == 200
    old_name = artisan.photo.name

    services.artisan_verify(artisan_id=artisan.pk, user=curator.user)

    artisan.refresh_from_db()
    assert artisan.photo.name.startswith("artisans/")
    assert artisan.photo.url.startswith(settings.MEDIA_URL)
    with artisan.photo.open("rb") as stored:
        assert stored.read(2) == b"\xff\xd8"  # the JPEG moved with it
    assert fetch("/private-media/" + old_name).status_code == 404


def test_the_command_moves_portraits_stored_public_before(django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    from catalogue.photos import storage_file_save

    pending = ArtisanFactory(is_verified=False)
    name = storage_file_save(storages["default"], "artisans/lama.jpg", ContentFile(b"\xff\xd8x"))
    Artisan.objects.filter(pk=pending.pk).update(photo=name)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("photos_make_private")
    with django_capture_on_commit_callbacks(execute=True) as second:
        call_command("photos_make_private")  # a second run moves nothing more
    assert second == []

    pending.refresh_from_db()
    assert pending.photo.name.startswith(UNPUBLISHED_PREFIX + "artisans/")
    assert not storages["default"].exists(name)
