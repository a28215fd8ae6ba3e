"""The council answers applications: who sees them, verify, decline with a note, apply again."""
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from artisans.joining import services
from artisans.joining.selectors import admission_latest_decision
from artisans.joining.errors import AlreadyDecided, InvalidApplication, NotAllowed
from core.models import Notification
from tests.factories import ArtisanFactory, CuratorFactory, UserFactory

pytestmark = pytest.mark.django_db


def detail(artisan) -> str:
    return reverse("curation-artisan-detail", args=[artisan.pk])


def verify(artisan) -> str:
    return reverse("curation-artisan-verify", args=[artisan.pk])


def decline(artisan) -> str:
    return reverse("curation-artisan-decline", args=[artisan.pk])


# --- who gets in -----------------------------------------------------------------

def test_anonymous_visitors_go_to_the_login_page(client, pending_artisan):
    for url in (reverse("curation-artisan-list"), detail(pending_artisan)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("customer:login"))


def test_a_buyer_or_an_artisan_gets_403(client, pending_artisan, artisan_user):
    for user in (UserFactory(), artisan_user):
        client.force_login(user)
        assert client.get(reverse("curation-artisan-list")).status_code == 403
        assert client.get(detail(pending_artisan)).status_code == 403
        assert client.post(verify(pending_artisan)).status_code == 403
    pending_artisan.refresh_from_db()
    assert pending_artisan.application_status == "pending"


def test_another_regions_curator_gets_404_and_changes_nothing(
        client, pending_artisan, other_curator):
    client.force_login(other_curator.user)

    assert client.get(detail(pending_artisan)).status_code == 404
    assert client.post(verify(pending_artisan)).status_code == 404
    assert client.post(decline(pending_artisan), {"decline-note": "Tidak"}).status_code == 404
    assert pending_artisan not in client.get(reverse("curation-artisan-list")).context[
        "applications"]
    pending_artisan.refresh_from_db()
    assert pending_artisan.application_status == "pending" and not mail.outbox


def test_the_service_refuses_another_regions_curator_too(pending_artisan, other_curator):
    with pytest.raises(NotAllowed):
        services.artisan_verify(artisan_id=pending_artisan.pk, user=other_curator.user)
    pending_artisan.refresh_from_db()
    assert not pending_artisan.is_verified


# --- the list and the page -------------------------------------------------------

def test_the_list_shows_pending_first_then_oldest_first_and_filters(
        client, region, other_region, curator):
    verified = ArtisanFactory(region=region, name="Lama Terverifikasi")
    first = ArtisanFactory(region=region, is_verified=False, name="Pertama")
    second = ArtisanFactory(region=region, is_verified=False, name="Kedua")
    declined = ArtisanFactory(region=region, is_verified=False, name="Ditolak")
    services.artisan_decline(artisan_id=declined.pk, user=curator.user, note="NIB salah.")
    ArtisanFactory(region=other_region, is_verified=False, name="Wilayah Lain")
    client.force_login(curator.user)

    def listed(query=""):
        return [a.name for a in client.get(reverse("curation-artisan-list") + query)
                .context["applications"]]

    assert listed() == ["Pertama", "Kedua", "Lama Terverifikasi", "Ditolak"]
    assert listed("?status=pending") == ["Pertama", "Kedua"]
    assert listed("?status=verified") == ["Lama Terverifikasi"]
    assert listed("?status=declined") == ["Ditolak"]


def test_the_page_shows_everything_the_business_sent(client, curator, pending_artisan, craft):
    pending_artisan.crafts.add(craft)
    second_login = UserFactory(email="adik@example.id")
    pending_artisan.partner.users.add(second_login)
    client.force_login(curator.user)

    response = client.get(detail(pending_artisan))

    html = response.content.decode()
    assert response.context["application"] == pending_artisan
    assert pending_artisan.nib in html and pending_artisan.story_id in html
    assert "pending@example.id" in html and "adik@example.id" in html
    assert list(response.context["crafts"]) == [craft]
    assert f'action="{verify(pending_artisan)}"' in html


# --- verify and decline ----------------------------------------------------------

def test_the_regions_curator_verifies_and_the_business_is_emailed_in_its_language(
        client, curator, pending_artisan, django_capture_on_commit_callbacks):
    pending_artisan.language = "en"
    pending_artisan.email = "usaha@example.id"
    pending_artisan.save()
    client.force_login(curator.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(verify(pending_artisan), {"verify-note": "Selamat bergabung."})

    assert response.status_code == 302 and response.url == detail(pending_artisan)
    pending_artisan.refresh_from_db()
    assert pending_artisan.is_verified and pending_artisan.verified_at is not None
    answer = admission_latest_decision(artisan=pending_artisan)
    assert answer.kind == "verified" and answer.actor == curator.user
    assert answer.note == "Selamat bergabung."
    assert answer.created_at == pending_artisan.verified_at
    assert sorted(m.to[0] for m in mail.outbox) == ["pending@example.id", "usaha@example.id"]
    with translation.override("en"):
        assert "is verified" in mail.outbox[0].subject
    assert "Selamat bergabung." in mail.outbox[0].body
    assert reverse("portal-artisan-profile") in mail.outbox[0].body
    # Now public: the maker page opens.
    assert client.get(pending_artisan.get_absolute_url()).status_code == 200


def test_the_decision_email_is_sent_once_though_its_task_runs_twice(curator, pending_artisan):
    from artisans.joining import tasks

    services.artisan_verify(artisan_id=pending_artisan.pk, user=curator.user)
    pending_artisan.refresh_from_db()
    stamp = pending_artisan.verified_at.isoformat()

    sent = [tasks.artisan_decision_notify(artisan_id=pending_artisan.pk, decision="verified",
                                          stamp=stamp) for _ in range(2)]

    assert sent == [1, 0] and len(mail.outbox) == 1
    assert Notification.objects.filter(key=f"artisan:{pending_artisan.pk}:verified:{stamp}",
                                       sent_at__isnull=False).count() == 1


def test_decline_needs_a_note(client, curator, pending_artisan):
    client.force_login(curator.user)

    response = client.post(decline(pending_artisan), {"decline-note": "   "})

    assert response.status_code == 400
    assert "note" in response.context["decline_form"].errors
    pending_artisan.refresh_from_db()
    assert pending_artisan.application_status == "pending" and not mail.outbox
    with pytest.raises(InvalidApplication):
        services.artisan_decline(artisan_id=pending_artisan.pk, user=curator.user, note="")


def test_decline_with_a_note_tells_the_business_why(
        client, curator, pending_artisan, django_capture_on_commit_callbacks):
    client.force_login(curator.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decline(pending_artisan), {"decline-note": "NIB tidak cocok dengan OSS."})

    pending_artisan.refresh_from_db()
    assert pending_artisan.application_status == "declined"
    answer = admission_latest_decision(artisan=pending_artisan)
    assert answer.kind == "declined" and answer.actor == curator.user
    assert not pending_artisan.is_verified and pending_artisan.verified_at is None
    assert answer.note == "NIB tidak cocok dengan OSS."
    assert [m.to for m in mail.outbox] == [["pending@example.id"]]
    assert "NIB tidak cocok dengan OSS." in mail.outbox[0].body
    # A declined business has no maker page.
    assert client.get(pending_artisan.get_absolute_url()).status_code == 404


def test_an_answered_application_cannot_be_answered_again(client, curator, pending_artisan):
    colleague = CuratorFactory(regions=[pending_artisan.region])
    services.artisan_verify(artisan_id=pending_artisan.pk, user=colleague.user)
    client.force_login(curator.user)

    response = client.post(decline(pending_artisan), {"decline-note": "Terlambat."})

    assert response.status_code == 400
    assert response.context["decline_form"].non_field_errors()
    assert 'name="decline-note"' not in response.content.decode()  # no answer form now
    pending_artisan.refresh_from_db()
    assert pending_artisan.is_verified
    assert admission_latest_decision(artisan=pending_artisan).actor == colleague.user
    with pytest.raises(AlreadyDecided):
        services.artisan_verify(artisan_id=pending_artisan.pk, user=curator.user)


def test_a_curator_never_answers_for_their_own_business(region):
    own = CuratorFactory(regions=[region])
    artisan = ArtisanFactory(region=region, is_verified=False, login=own.user)

    with pytest.raises(NotAllowed):
        services.artisan_verify(artisan_id=artisan.pk, user=own.user)
    artisan.refresh_from_db()
    assert not artisan.is_verified


# --- applying again ---------------------------------------------------------------

def test_a_declined_business_edits_and_applies_again(
        client, region, curator, pending_artisan, craft, django_capture_on_commit_callbacks):
    services.artisan_decline(artisan_id=pending_artisan.pk, user=curator.user,
                             note="NIB salah ketik.")
    login = pending_artisan.partner.users.get()
    client.force_login(login)
    profile = client.get(reverse("portal-artisan-profile"))
    assert "NIB salah ketik." in profile.content.decode()

    client.post(reverse("portal-artisan-profile"), {
        "name": pending_artisan.name, "region": region.pk, "nib": "9120098765432",
        "crafts": [craft.pk], "phone": "081299990000", "language": "id",
    })
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal-artisan-reapply"))

    assert response.status_code == 302
    pending_artisan.refresh_from_db()
    assert pending_artisan.application_status == "pending"
    assert pending_artisan.nib == "9120098765432"
    assert [m.to for m in mail.outbox] == [[curator.user.email]]
    # The council can answer it again.
    services.artisan_verify(artisan_id=pending_artisan.pk, user=curator.user)
    pending_artisan.refresh_from_db()
    assert pending_artisan.is_verified


def test_only_a_declined_application_is_sent_again(client, pending_artisan):
    client.force_login(pending_artisan.partner.users.get())

    client.post(reverse("portal-artisan-reapply"))

    pending_artisan.refresh_from_db()
    assert pending_artisan.application_status == "pending" and not mail.outbox
    with pytest.raises(AlreadyDecided):
        services.artisan_reapply(artisan_id=pending_artisan.pk,
                                 user=pending_artisan.partner.users.get())

