"""The portrait (join form and maker page) goes through the catalogue's photo pipeline.

Issue 11, items 2 and 3: a HEIC portrait was stored as HEIC bytes under a .jpg name
with its GPS, and a truncated JPEG answered 500; product photos were right all along.
"""
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import translation

from catalogue import services as catalogue_services
from catalogue.errors import InvalidPhoto
from catalogue.models import Artisan
from tests.factories import ArtisanFactory
from tests.integration.artisans.joining.helpers import PROFILE, application_post, profile_post
from tests.support.photos import heic_with_gps, stored_photo_facts
from tests.support.photos import gps_jpeg, truncated_jpeg

pytestmark = pytest.mark.django_db
User = get_user_model()
APPLY = "/join/"


def pipeline_message(upload, *, language: str) -> str:
    """What the product form says about this file: the message every photo form must give."""
    with translation.override(language), pytest.raises(InvalidPhoto) as refused:
        catalogue_services.photo_prepare(file=upload)
    return str(refused.value)


def assert_stored_as_plain_jpeg(field_file) -> None:
    facts = stored_photo_facts(field_file)
    assert facts["format"] == "JPEG" and not facts["heic_in_bytes"]
    assert facts["exif"] == {} and facts["gps"] == {} and not facts["camera_in_bytes"]
    assert field_file.name.endswith(".jpg")


# --- HEIC: stored as JPEG, no EXIF ------------------------------------------------------

def test_a_heic_portrait_on_the_join_form_is_stored_as_jpeg_without_its_gps(
        client, region, craft):
    response = client.post(APPLY, application_post(region, craft, photo=heic_with_gps()))

    assert response.status_code == 302
    artisan = Artisan.objects.get()
    # Private until the council verifies the business (test_portrait_privacy.py).
    assert artisan.photo.name.startswith("unpublished/artisans/batik-sekar-jati-")
    assert_stored_as_plain_jpeg(artisan.photo)
    assert stored_photo_facts(artisan.photo)["size"] == (80, 40)


def test_a_heic_portrait_on_the_maker_page_is_stored_as_jpeg_without_its_gps(
        client, artisan, artisan_user, craft):
    client.force_login(artisan_user)

    response = client.post(PROFILE, profile_post(artisan, craft, photo=heic_with_gps()))

    assert response.status_code == 302 and response.url == PROFILE
    artisan.refresh_from_db()
    assert artisan.photo.name.startswith(f"artisans/{artisan.slug}-")
    assert_stored_as_plain_jpeg(artisan.photo)
    assert artisan.story_id == "Cerita baru kami."


def test_a_large_portrait_is_made_no_longer_than_the_maker_page_needs(
        client, artisan, artisan_user, craft):
    client.force_login(artisan_user)

    client.post(PROFILE, profile_post(artisan, craft,
                                      photo=heic_with_gps(size=(2400, 1200))))

    artisan.refresh_from_db()
    assert stored_photo_facts(artisan.photo)["size"] == (1600, 800)


# --- a truncated JPEG: the pipeline's message, the form shown again -----------------

def test_a_truncated_portrait_on_the_join_form_is_refused_and_everything_typed_kept(
        client, region, craft):
    response = client.post(APPLY, application_post(region, craft,
                                                   photo=truncated_jpeg("potret.jpg")))

    assert response.status_code == 200
    form = response.context["form"]
    language = response.wsgi_request.LANGUAGE_CODE
    assert form.errors == {"photo": [pipeline_message(truncated_jpeg("potret.jpg"),
                                                      language=language)]}
    assert "damaged or incomplete" in pipeline_message(truncated_jpeg(), language="en")
    html = response.content.decode()
    assert 'value="Batik Sekar Jati"' in html and 'value="siti@example.id"' in html
    assert 'value="Batik-Jonegoroan-77"' in html and 'value="Siti Aminah"' in html
    assert "Kami membatik sejak 1998." in html and "We have made batik since 1998." in html
    assert "Jl. Rajekwesi 5, Bojonegoro" in html and 'value="9120012345678"' in html
    assert re.search(rf'value="{craft.pk}" id="id_crafts_\d+" checked', html)
    assert not User.objects.filter(email="siti@example.id").exists()
    assert not Artisan.objects.exists()


def test_a_truncated_portrait_on_the_maker_page_is_refused_and_everything_typed_kept(
        client, artisan, artisan_user, craft):
    client.force_login(artisan_user)
    before = (artisan.story_id, artisan.photo.name)

    response = client.post(PROFILE, profile_post(artisan, craft,
                                                 photo=truncated_jpeg("potret.jpg")))

    assert response.status_code == 200
    form = response.context["form"]
    language = response.wsgi_request.LANGUAGE_CODE
    assert form.errors == {"photo": [pipeline_message(truncated_jpeg("potret.jpg"),
                                                      language=language)]}
    html = response.content.decode()
    assert "Cerita baru kami." in html and "Our new story." in html and "Desa Jono" in html
    artisan.refresh_from_db()
    assert (artisan.story_id, artisan.photo.name) == before


def test_the_application_service_refuses_a_truncated_portrait_with_the_same_words(
        region, craft):
    """A caller that skips the form (a task, the shell) meets the same pipeline."""
    from artisans.joining import services
    from artisans.joining.errors import InvalidApplication

    user = User.objects.create_user(username="u", email="u@example.id")
    with translation.override("en"), pytest.raises(InvalidApplication) as refused:
        services.artisan_apply(user=user, name="Batik Uji", region=region, nib="9120012345678",
                               phone="", crafts=[craft], photo=truncated_jpeg("potret.jpg"))
    assert str(refused.value) == pipeline_message(truncated_jpeg("potret.jpg"), language="en")
    assert not Artisan.objects.exists()


# --- portraits stored before the pipeline ----------------------------------------------

def test_portraits_stored_before_the_pipeline_are_stored_again_stripped(
        artisan, region, django_capture_on_commit_callbacks):
    # As the old code stored it: HEIC bytes under a .jpg name, GPS included.
    artisan.photo.save(f"{artisan.slug}-lama.jpg", ContentFile(heic_with_gps().read()))
    old_name = artisan.photo.name
    assert stored_photo_facts(artisan.photo)["gps"]
    clean = ArtisanFactory(region=region, name="Usaha Bersih")
    clean.photo.save("bersih.jpg", catalogue_services.photo_prepare(file=gps_jpeg())[0])
    clean_name = clean.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        call_command("portraits_normalise", stdout=StringIO())

    artisan.refresh_from_db()
    assert artisan.photo.name != old_name
    assert_stored_as_plain_jpeg(artisan.photo)
    assert not artisan.photo.storage.exists(old_name)
    clean.refresh_from_db()
    assert clean.photo.name == clean_name  # already clean: left alone
    with django_capture_on_commit_callbacks(execute=True):
        call_command("portraits_normalise", stdout=StringIO())
    artisan_again = Artisan.objects.get(pk=artisan.pk)
    assert artisan_again.photo.name == artisan.photo.name  # a second run changes nothing
