"""The artisan keeps their maker page and their business's logins from the portal."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from artisans.joining import services
from artisans.joining.errors import AccountTaken, LoginRule, ProfileLocked
from core.form_tokens.services import form_token_new
from tests.factories import ArtisanFactory, ProductClassFactory, UserFactory, published_product
from tests.integration.artisans.joining.helpers import PROFILE, jpeg_with_gps, profile_post
from tests.signin import sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db
User = get_user_model()
def test_the_profile_edit_changes_the_maker_page(client, artisan, artisan_user, craft):
    published_product(artisan=artisan, title="Kain Pameran")
    client.force_login(artisan_user)

    response = client.post(PROFILE, profile_post(artisan, craft, photo=jpeg_with_gps()))

    assert response.status_code == 302 and response.url == PROFILE
    artisan.refresh_from_db()
    assert (artisan.story_id, artisan.story_en, artisan.language) == (
        "Cerita baru kami.", "Our new story.", "en")
    assert list(artisan.crafts.all()) == [craft] and artisan.photo
    page = client.get(artisan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="id")
    html = page.content.decode()
    assert "Cerita baru kami." in html and artisan.region.display_name in html
    assert craft.name in html and "Kain Pameran" in html
    assert list(page.context["crafts"]) == [craft]


def test_name_region_and_nib_of_a_verified_business_stay_as_the_council_verified_them(
        client, artisan, artisan_user, craft, other_region):
    client.force_login(artisan_user)
    before = (artisan.name, artisan.region_id, artisan.nib)

    # Disabled fields: whatever is posted for them is ignored, the rest is saved.
    client.post(PROFILE, profile_post(artisan, craft, name="Nama Lain", region=other_region.pk,
                                      nib="9999999999999"))

    artisan.refresh_from_db()
    assert (artisan.name, artisan.region_id, artisan.nib) == before
    assert artisan.story_id == "Cerita baru kami."
    form = client.get(PROFILE).context["form"]
    assert all(form.fields[name].disabled for name in ("name", "region", "nib"))
    with pytest.raises(ProfileLocked):
        services.artisan_update(artisan_id=artisan.pk, user=artisan_user, name="Nama Lain",
                                region=artisan.region, nib=artisan.nib, phone="", crafts=[])


def test_a_pending_business_may_still_correct_its_name_region_and_nib(
        client, pending_artisan, craft, other_region):
    client.force_login(pending_artisan.partner.users.get())

    client.post(PROFILE, profile_post(pending_artisan, craft, name="Tenun Benar",
                                      region=other_region.pk, nib="9120011112222"))

    pending_artisan.refresh_from_db()
    assert (pending_artisan.name, pending_artisan.partner.name) == ("Tenun Benar", "Tenun Benar")
    assert (pending_artisan.region, pending_artisan.nib) == (other_region, "9120011112222")


def test_a_malformed_nib_in_the_profile_is_refused_and_the_story_kept(
        client, pending_artisan, craft):
    client.force_login(pending_artisan.partner.users.get())

    response = client.post(PROFILE, profile_post(pending_artisan, craft, nib="12345"))

    assert response.status_code == 200 and list(response.context["form"].errors) == ["nib"]
    assert "Cerita baru kami." in response.content.decode()
    pending_artisan.refresh_from_db()
    assert pending_artisan.story_id != "Cerita baru kami."


def test_another_artisan_cannot_edit_this_ones_profile(client, artisan, region, craft):
    intruder = ArtisanFactory(region=region, name="Usaha Penyusup")
    client.force_login(intruder.partner.users.get())
    # Nothing in the address names a business; a smuggled id in the form is ignored.
    data = {**profile_post(intruder, craft, story_id="Disusupi."), "artisan": artisan.pk,
            "artisan_id": artisan.pk, "pk": artisan.pk, "partner": artisan.partner_id}

    client.post(PROFILE + f"?artisan={artisan.pk}", data)

    artisan.refresh_from_db()
    intruder.refresh_from_db()
    assert artisan.story_id == "Kisah perajin." and intruder.story_id == "Disusupi."


def test_a_login_without_a_business_gets_403_and_anonymous_the_login_page(client):
    assert client.get(PROFILE).url.startswith(reverse("customer:login"))
    client.force_login(UserFactory())
    for url in (PROFILE, reverse("portal-artisan-login-add"),
                reverse("portal-artisan-login-remove"), reverse("portal-artisan-reapply")):
        assert client.post(url).status_code == 403


# --- logins ------------------------------------------------------------------------

def test_adding_a_new_person_creates_a_login_that_chooses_its_password(
        client, artisan, artisan_user, django_capture_on_commit_callbacks):
    client.force_login(artisan_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal-artisan-login-add"),
                               {"email": "Adik@Example.id", "form_token": form_token_new()})

    assert response.status_code == 302
    added = User.objects.get(email__iexact="adik@example.id")
    assert not added.has_usable_password()
    assert set(artisan.partner.users.all()) == {artisan_user, added}
    assert [m.to for m in mail.outbox] == [[added.email]]
    link = re.search(r"https?://\S+/password-reset/confirm/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    # The link lets them choose a password, and then sign in by email.
    client.logout()
    path = "/" + link.group(0).split("/", 3)[3]
    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
                {"new_password1": "Anyaman-Pandan-31", "new_password2": "Anyaman-Pandan-31"})
    sign_in(client, email="adik@example.id", password="Anyaman-Pandan-31")
    assert signed_in_user_id(client) is not None


def test_adding_an_existing_account_without_a_business_attaches_it(
        client, artisan, artisan_user, django_capture_on_commit_callbacks):
    buyer = UserFactory(email="pembeli@example.id")
    client.force_login(artisan_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal-artisan-login-add"),
                    {"email": "pembeli@example.id", "form_token": form_token_new()})

    assert buyer in artisan.partner.users.all()
    assert buyer.has_usable_password()
    assert [m.to for m in mail.outbox] == [["pembeli@example.id"]]
    assert "password-reset" not in mail.outbox[0].body


def test_an_account_of_another_business_cannot_be_added(client, artisan, artisan_user, region):
    other_login = ArtisanFactory(region=region).partner.users.get()
    client.force_login(artisan_user)

    response = client.post(reverse("portal-artisan-login-add"),
                           {"email": other_login.email, "form_token": form_token_new()})

    assert response.status_code == 400 and "email" in response.context["login_add_form"].errors
    assert other_login not in artisan.partner.users.all()
    with pytest.raises(AccountTaken):
        services.artisan_login_add(artisan_id=artisan.pk, user=artisan_user,
                                   email=artisan_user.email)


def test_a_login_removes_another_but_never_itself(client, artisan, artisan_user):
    second = UserFactory()
    artisan.partner.users.add(second)
    client.force_login(artisan_user)

    client.post(reverse("portal-artisan-login-remove"), {"login": artisan_user.pk})
    assert artisan_user in artisan.partner.users.all()

    client.post(reverse("portal-artisan-login-remove"), {"login": second.pk})
    assert list(artisan.partner.users.all()) == [artisan_user]
    assert User.objects.filter(pk=second.pk).exists()  # the account itself stays
    # Alone now: the only login is oneself, so the last login can never go.
    with pytest.raises(LoginRule):
        services.artisan_login_remove(artisan_id=artisan.pk, user=artisan_user,
                                      login_id=artisan_user.pk)


def test_another_business_login_cannot_be_named_for_removal(client, artisan, artisan_user,
                                                            region):
    other = ArtisanFactory(region=region)
    other_login = other.partner.users.get()
    client.force_login(artisan_user)

    response = client.post(reverse("portal-artisan-login-remove"), {"login": other_login.pk})

    assert response.status_code == 404
    assert other_login in other.partner.users.all()


def test_crafts_come_from_the_craft_list_only(client, pending_artisan):
    craft = ProductClassFactory(name="Kriya Profil")
    client.force_login(pending_artisan.partner.users.get())

    response = client.post(PROFILE, profile_post(pending_artisan, craft, crafts=[987654]))

    assert "crafts" in response.context["form"].errors
