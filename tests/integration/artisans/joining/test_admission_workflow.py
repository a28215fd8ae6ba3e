"""Artisan admission as a workflow: every transition by every role, the append-only
history kept across reapplications, and the constraints behind the rules."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from artisans.joining import services, tasks
from artisans.joining.errors import AlreadyDecided, InvalidApplication, NotAllowed
from artisans.joining.selectors import admission_history, admission_latest_decision
from artisans.models import AdmissionEvent
from catalogue.models import Artisan
from core.models import AppendOnlyError
from tests.factories import ArtisanFactory, CuratorFactory, UserFactory

pytestmark = pytest.mark.django_db

STATES = ("pending", "verified", "declined")
ROLES = ("curator", "other_region_curator", "own_curator", "login", "buyer", "anonymous")
#: Who may do what from where; every other (action, role, state) is refused.
ALLOWED = {
    ("verify", "curator", "pending"): ("verified", "pending", "verified"),
    ("decline", "curator", "pending"): ("declined", "pending", "declined"),
    # A curator who is also a login of the business may reapply as its login.
    ("reapply", "login", "declined"): ("reapplied", "declined", "pending"),
    ("reapply", "own_curator", "declined"): ("reapplied", "declined", "pending"),
}
CURATOR_ACTIONS = ("verify", "decline")


def applied(region, *, login=None):
    """A business that applied through the service: pending, with its "applied" event."""
    login = login or UserFactory(email="pemohon@example.id")
    return services.artisan_apply(user=login, name="Tenun Uji", region=region,
                                  nib="9120012345678", phone="0812")


def in_state(state, region):
    """A business in `state`, brought there by the services, and a colleague curator."""
    artisan = applied(region)
    colleague = CuratorFactory(regions=[region])
    if state == "verified":
        services.artisan_verify(artisan_id=artisan.pk, user=colleague.user, note="Cocok.")
    elif state == "declined":
        services.artisan_decline(artisan_id=artisan.pk, user=colleague.user, note="NIB salah.")
    artisan.refresh_from_db()
    return artisan


def user_in_role(role, artisan, region, other_region):
    if role == "curator":
        return CuratorFactory(regions=[region]).user
    if role == "other_region_curator":
        return CuratorFactory(regions=[other_region]).user
    if role == "own_curator":
        user = CuratorFactory(regions=[region]).user
        artisan.partner.users.add(user)
        return user
    if role == "login":
        return artisan.partner.users.get()
    if role == "buyer":
        return UserFactory()
    return AnonymousUser()


def act(action, artisan, user):
    if action == "verify":
        return services.artisan_verify(artisan_id=artisan.pk, user=user, note="Selamat.")
    if action == "decline":
        return services.artisan_decline(artisan_id=artisan.pk, user=user, note="Kurang foto.")
    return services.artisan_reapply(artisan_id=artisan.pk, user=user)


def standing(artisan):
    artisan = Artisan.objects.get(pk=artisan.pk)
    return (artisan.admission_state, artisan.is_verified, artisan.verified_at,
            artisan.updated_at)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ("verify", "decline", "reapply"))
def test_every_transition_by_every_role(action, role, state, region, other_region,
                                        django_capture_on_commit_callbacks):
    # Given a business in `state` and a user in `role`
    artisan = in_state(state, region)
    user = user_in_role(role, artisan, region, other_region)
    before, events_before = standing(artisan), artisan.admission_events.count()
    allowed = ALLOWED.get((action, role, state))

    # When the user tries the action
    with django_capture_on_commit_callbacks() as callbacks:
        if allowed is None:
            is_curator_action = action in CURATOR_ACTIONS
            may_try = role == "curator" if is_curator_action else role in ("login", "own_curator")
            with pytest.raises(AlreadyDecided if may_try else NotAllowed):
                act(action, artisan, user)
        else:
            act(action, artisan, user)

    # Then a refusal changes nothing and records nothing; an allowed move records one
    # event with who, from, to and note, and moves the state with it
    if allowed is None:
        assert standing(artisan) == before
        assert artisan.admission_events.count() == events_before
        assert not callbacks
        return
    kind, from_state, to_state = allowed
    new = list(artisan.admission_events.order_by("pk"))[events_before:]
    assert [(e.kind, e.from_state, e.to_state, e.actor_id) for e in new] == [
        (kind, from_state, to_state, user.pk)]
    assert new[0].note == {"verify": "Selamat.", "decline": "Kurang foto."}.get(action, "")
    artisan.refresh_from_db()
    assert artisan.admission_state == to_state
    assert artisan.is_verified == (to_state == "verified")
    assert artisan.verified_at == (new[0].created_at if to_state == "verified" else None)
    assert len(callbacks) == 1  # the outbox relay, after the commit


def test_applying_records_the_first_step(region):
    login = UserFactory()

    artisan = applied(region, login=login)

    assert [(e.kind, e.from_state, e.to_state, e.actor) for e in admission_history(
        artisan=artisan)] == [("applied", "", "pending", login)]
    assert admission_history(artisan=artisan).get().created_at == artisan.created_at
    assert admission_latest_decision(artisan=artisan) is None


def test_a_decline_without_a_note_is_refused_and_records_nothing(region, curator):
    artisan = applied(region)

    with pytest.raises(InvalidApplication):
        services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="  ")

    assert list(artisan.admission_events.values_list("kind", flat=True)) == ["applied"]


# --- history kept across reapplications ---------------------------------------------

def test_decline_reapply_decline_reapply_verify_keeps_every_step(client, region):
    first, second = CuratorFactory(regions=[region]), CuratorFactory(regions=[region])
    login = UserFactory(email="siti@example.id")
    artisan = applied(region, login=login)

    services.artisan_decline(artisan_id=artisan.pk, user=first.user, note="NIB salah ketik.")
    services.artisan_reapply(artisan_id=artisan.pk, user=login)
    services.artisan_decline(artisan_id=artisan.pk, user=second.user,
                             note="Foto bengkel belum ada.")
    services.artisan_reapply(artisan_id=artisan.pk, user=login)
    services.artisan_verify(artisan_id=artisan.pk, user=first.user, note="Selamat bergabung.")

    assert [(e.kind, e.from_state, e.to_state, e.actor, e.note)
            for e in admission_history(artisan=artisan)] == [
        ("applied", "", "pending", login, ""),
        ("declined", "pending", "declined", first.user, "NIB salah ketik."),
        ("reapplied", "declined", "pending", login, ""),
        ("declined", "pending", "declined", second.user, "Foto bengkel belum ada."),
        ("reapplied", "declined", "pending", login, ""),
        ("verified", "pending", "verified", first.user, "Selamat bergabung."),
    ]
    times = [e.created_at for e in admission_history(artisan=artisan)]
    assert times == sorted(times)
    artisan.refresh_from_db()
    assert artisan.admission_state == "verified" and artisan.verified_at == times[-1]

    # The council's page shows each step, who took it and the notes
    client.force_login(second.user)
    html = client.get(reverse("curation-artisan-detail", args=[artisan.pk])).content.decode()
    assert html.count("data-event=") == 6
    for note in ("NIB salah ketik.", "Foto bengkel belum ada.", "Selamat bergabung."):
        assert note in html
    assert first.user.get_full_name() in html and second.user.get_full_name() in html


def test_the_business_reads_the_latest_decisions_note(client, region, curator):
    login = UserFactory()
    artisan = applied(region, login=login)
    client.force_login(login)
    profile = reverse("portal-artisan-profile")
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="Catatan pertama.")
    services.artisan_reapply(artisan_id=artisan.pk, user=login)
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="Catatan kedua.")

    declined = client.get(profile).content.decode()
    assert "Catatan kedua." in declined and "Catatan pertama." not in declined

    services.artisan_reapply(artisan_id=artisan.pk, user=login)
    waiting = client.get(profile).content.decode()
    # Sent again: the note the business answered stays in view
    assert 'data-notice="pending"' in waiting and "Catatan kedua." in waiting

    services.artisan_verify(artisan_id=artisan.pk, user=curator.user)
    assert "Catatan kedua." not in client.get(profile).content.decode()


def test_the_council_sees_the_earlier_decline_of_a_reapplied_business(client, region, curator):
    login = UserFactory()
    artisan = applied(region, login=login)
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="NIB salah.")
    services.artisan_reapply(artisan_id=artisan.pk, user=login)
    client.force_login(CuratorFactory(regions=[region]).user)

    response = client.get(reverse("curation-artisan-detail", args=[artisan.pk]))

    html = response.content.decode()
    assert response.context["latest_decision"].note == "NIB salah."
    assert "data-answer" in html and "NIB salah." in html
    assert 'name="verify-note"' in html  # it can be answered again


# --- the emails follow the events ------------------------------------------------------

def test_a_decision_email_is_sent_once_for_its_event(region, curator):
    artisan = applied(region)
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="NIB salah.")
    event = admission_latest_decision(artisan=artisan)

    sent = [tasks.artisan_decision_notify(event_id=event.pk) for _ in range(2)]

    assert sent == [1, 0] and len(mail.outbox) == 1
    assert "NIB salah." in mail.outbox[0].body


def test_an_answer_overtaken_by_a_reapplication_is_not_sent(region, curator):
    login = UserFactory()
    artisan = applied(region, login=login)
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="NIB salah.")
    event = admission_latest_decision(artisan=artisan)
    services.artisan_reapply(artisan_id=artisan.pk, user=login)

    assert tasks.artisan_decision_notify(event_id=event.pk) == 0 and not mail.outbox


def test_a_decision_task_queued_before_the_event_log_still_sends_once(region, curator):
    artisan = applied(region)
    services.artisan_verify(artisan_id=artisan.pk, user=curator.user)
    artisan.refresh_from_db()
    old_style = {"artisan_id": artisan.pk, "decision": "verified",
                 "stamp": artisan.verified_at.isoformat()}

    assert [tasks.artisan_decision_notify(**old_style) for _ in range(2)] == [1, 0]
    assert tasks.artisan_decision_notify(
        artisan_id=artisan.pk, decision="declined",
        stamp=timezone.now().isoformat()) == 0


# --- append-only, and the database behind the rules --------------------------------------

def test_events_refuse_to_be_changed_or_deleted(region, curator):
    artisan = applied(region)
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="NIB salah.")
    event = admission_latest_decision(artisan=artisan)

    event.note = "Diubah."
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()

    assert AdmissionEvent.objects.get(pk=event.pk).note == "NIB salah."


@pytest.mark.parametrize("kind, from_state, to_state, note", [
    ("verified", "declined", "verified", ""),    # verify what was declined
    ("declined", "verified", "declined", "x"),   # decline what was verified
    ("reapplied", "pending", "pending", ""),     # reapply what was not declined
    ("applied", "declined", "pending", ""),      # apply from a state
    ("declined", "pending", "declined", ""),     # a decline with no note
    ("withdrawn", "pending", "declined", "x"),   # a kind the log does not know
])
def test_the_database_refuses_an_event_that_is_no_transition(
        region, kind, from_state, to_state, note):
    artisan = ArtisanFactory(region=region, is_verified=False)

    with pytest.raises(IntegrityError), transaction.atomic():
        AdmissionEvent.objects.create(artisan=artisan, kind=kind, from_state=from_state,
                                      to_state=to_state, note=note)


def test_the_database_allows_one_application_per_business(region):
    artisan = applied(region)

    with pytest.raises(IntegrityError), transaction.atomic():
        AdmissionEvent.objects.create(artisan=artisan, kind="applied", from_state="",
                                      to_state="pending")


@pytest.mark.parametrize("change", [
    {"is_verified": True},                                    # verified flag, pending state
    {"admission_state": "verified"},                          # verified state, no flag
    {"admission_state": "verified", "is_verified": True},     # verified with no time
    {"verified_at": timezone.now()},                          # a time while pending
    {"admission_state": "accepted"},                          # no such state
])
def test_the_database_keeps_the_verified_columns_in_step_with_the_state(region, change):
    artisan = ArtisanFactory(region=region, is_verified=False)

    with pytest.raises(IntegrityError), transaction.atomic():
        Artisan.objects.filter(pk=artisan.pk).update(**change)


def test_the_admin_shows_the_history_and_writes_nothing(client, region, curator):
    artisan = applied(region)
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="NIB salah.")
    event = admission_latest_decision(artisan=artisan)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get(reverse("admin:artisans_admissionevent_changelist"))
    change = client.post(reverse("admin:artisans_admissionevent_change", args=[event.pk]),
                         {"note": "Diubah."})
    add = client.get(reverse("admin:artisans_admissionevent_add"))
    delete = client.post(reverse("admin:artisans_admissionevent_delete", args=[event.pk]),
                         {"post": "yes"})

    assert listing.status_code == 200 and "Tenun Uji" in listing.content.decode()
    assert change.status_code == 403 and add.status_code == 403 and delete.status_code == 403
    assert AdmissionEvent.objects.get(pk=event.pk).note == "NIB salah."
