"""Joining as an artisan: the sign-up form, its checks, and what a pending business may do."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from PIL import Image

from artisans.joining import services
from catalogue.models import Artisan, Product
from core.models import Notification
from curation.models import CurationEvent
from catalogue.states import CurationState
from core.form_tokens.services import form_token_new
from tests.factories import CategoryFactory, CuratorFactory, ProductFactory, UserFactory
from tests.integration.artisans.joining.helpers import application_post, jpeg_with_gps
from tests.signin import sign_in, signed_in_user_id
from tests.support.photos import text_renamed_jpg

pytestmark = pytest.mark.django_db
User = get_user_model()
APPLY = "/join/"


def test_sign_up_creates_the_login_and_a_pending_business_and_signs_in(
        client, region, other_region, craft, django_capture_on_commit_callbacks):
    curator = CuratorFactory(regions=[region], user=UserFactory(email="kurator@example.id"))
    CuratorFactory(regions=[other_region], user=UserFactory(email="lain@example.id"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(APPLY, application_post(region, craft, photo=jpeg_with_gps()))

    assert response.status_code == 302 and response.url == reverse("portal-product-list")
    user = User.objects.get(email="siti@example.id")
    assert user.check_password("Batik-Jonegoroan-77")
    assert (user.first_name, user.last_name) == ("Siti", "Aminah")
    artisan = Artisan.objects.get(partner__users=user)
    assert artisan.application_status == "pending" and not artisan.is_verified
    assert (artisan.name, artisan.partner.name, artisan.region) == (
        "Batik Sekar Jati", "Batik Sekar Jati", region)
    assert (artisan.nib, artisan.phone, artisan.language) == ("9120012345678", "+6281234567890",
                                                              "en")
    assert list(artisan.crafts.all()) == [craft]
    assert artisan.email == "siti@example.id" and artisan.slug == "batik-sekar-jati"
    # Signed in: the artisan area opens, and says the council has not answered yet.
    page = client.get(response.url)
    assert page.status_code == 200 and page.context["artisan"] == artisan
    assert [m.level_tag for m in page.context["messages"]] == ["success"]
    # Only the region's curator hears of it, after the commit, once, through the ledger.
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[curator.user.email]]
    assert "Batik Sekar Jati" in mail.outbox[0].body and "9120012345678" in mail.outbox[0].body
    assert reverse("curation-artisan-detail", args=[artisan.pk]) in mail.outbox[0].body
    ledger = Notification.objects.filter(recipient=curator.user.email,
                                         key__startswith=f"artisan:{artisan.pk}:applied:")
    assert ledger.count() == 1


def test_the_new_login_signs_in_with_email_and_password(client, region, craft):
    client.post(APPLY, application_post(region, craft))
    client.logout()

    sign_in(client, email="SITI@example.id", password="Batik-Jonegoroan-77")
    assert signed_in_user_id(client) is not None


def test_the_portrait_is_stored_upright_without_its_gps(client, region, craft):
    client.post(APPLY, application_post(region, craft, photo=jpeg_with_gps()))

    artisan = Artisan.objects.get()
    with artisan.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 80)  # the orientation was applied
        exif = image.getexif()
        assert 0x8825 not in exif and 0x0112 not in exif
    # Private until the council verifies the business (test_portrait_privacy.py).
    assert artisan.photo.name.startswith("unpublished/artisans/batik-sekar-jati-")
    assert artisan.photo.name.endswith(".jpg")


@pytest.mark.parametrize("nib", ["912001234567", "91200123456AB", "91200123456789"])
def test_a_malformed_nib_is_refused_and_the_form_kept(client, region, craft, nib):
    response = client.post(APPLY, application_post(region, craft, nib=nib))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["nib"]
    assert form.errors.as_data()["nib"][0].code in {"nib_digits", "nib_length"}
    # What was typed comes back, passwords included (a phone user types them once).
    html = response.content.decode()
    assert 'value="Batik Sekar Jati"' in html and 'value="siti@example.id"' in html
    assert "Kami membatik sejak 1998." in html and 'value="Batik-Jonegoroan-77"' in html
    assert f'value="{nib}"' in html
    assert not User.objects.filter(email="siti@example.id").exists()
    assert not Artisan.objects.exists() and not mail.outbox


def test_a_nib_typed_with_spaces_is_kept_as_its_13_digits(client, region, craft):
    client.post(APPLY, application_post(region, craft, nib="9120 0123 45678"))

    assert Artisan.objects.get().nib == "9120012345678"


def test_a_refused_photo_names_the_file_and_keeps_everything_typed(client, region, craft):
    response = client.post(APPLY, application_post(region, craft,
                                                   photo=text_renamed_jpg("bengkel.jpg")))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["photo"] and "bengkel.jpg" in form.errors["photo"][0]
    html = response.content.decode()
    assert 'value="Batik Sekar Jati"' in html and "Jl. Rajekwesi 5" in html
    assert re.search(rf'value="{craft.pk}" id="id_crafts_\d+" checked', html)
    assert not Artisan.objects.exists()


def test_a_phone_that_is_not_indonesian_is_refused(client, region, craft):
    response = client.post(APPLY, application_post(region, craft, phone="+1 202 555 0143"))

    assert list(response.context["form"].errors) == ["phone"]
    assert not Artisan.objects.exists()


def test_an_email_with_an_account_is_told_to_sign_in_first(client, region, craft):
    UserFactory(email="siti@example.id")

    response = client.post(APPLY, application_post(region, craft, email="Siti@Example.id"))

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["email"][0].code == "email_taken"
    assert reverse("customer:login") + "?next=%2Fjoin%2F" in response.content.decode()
    assert User.objects.filter(email__iexact="siti@example.id").count() == 1
    assert not Artisan.objects.exists()


def test_a_signed_in_user_without_a_business_applies_without_account_fields(
        client, region, craft):
    buyer = UserFactory(email="buyer@example.id")
    client.force_login(buyer)

    form = client.get(APPLY).context["form"]
    assert not {"email", "password1", "password2", "full_name"} & set(form.fields)

    data = application_post(region, craft)
    response = client.post(APPLY, data)

    assert response.status_code == 302
    artisan = Artisan.objects.get()
    assert list(artisan.partner.users.all()) == [buyer]
    assert artisan.email == "buyer@example.id"
    assert User.objects.count() == 1


def test_a_login_that_has_a_business_goes_to_its_profile(client, artisan_user):
    client.force_login(artisan_user)

    response = client.get(APPLY)

    assert response.status_code == 302 and response.url == reverse("portal-artisan-profile")


def test_a_pending_business_prepares_a_draft_but_cannot_submit_it(client, region, craft):
    client.post(APPLY, application_post(region, craft))
    category = CategoryFactory(name="Kain")

    created = client.post(f"{reverse('portal-product-create')}?craft={craft.slug}", {
        "title": "Batik Kayangan", "description": "Pewarna alam.", "category": category.pk,
        "price": "450000", "num_in_stock": "2", "form_token": form_token_new(),
    })
    product = Product.objects.get(title="Batik Kayangan")
    assert created.status_code == 302
    assert product.curation_state == CurationState.DRAFT

    submitted = client.post(reverse("portal-product-submit", args=[product.pk]))

    product.refresh_from_db()
    assert product.curation_state == CurationState.DRAFT
    assert not product.submissions.exists()
    assert not product.curation_events.filter(kind=CurationEvent.Kind.SUBMITTED).exists()
    # The welcome and the draft's messages, then the refusal.
    assert [m.level_tag for m in get_messages(submitted.wsgi_request)][-1] == "error"


def test_once_verified_the_same_draft_can_be_submitted(client, region, craft, curator):
    client.post(APPLY, application_post(region, craft))
    artisan = Artisan.objects.get()
    draft = ProductFactory(artisan=artisan, product_class=craft)
    services.artisan_verify(artisan_id=artisan.pk, user=curator.user)

    client.post(reverse("portal-product-submit", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.curation_state == CurationState.SUBMITTED
