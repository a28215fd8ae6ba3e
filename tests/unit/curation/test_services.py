"""The curation spine: submit, claim, approve, and who may do each."""
import pytest
from django.utils import translation
from django.db import IntegrityError

from catalogue.selectors import products_public
from core.models import AppendOnlyError
from curation import services
from curation.errors import InvalidTransition, NotAllowed
from curation.models import CurationEvent, Submission
from catalogue.states import CurationState
from tests.factories import ArtisanFactory, CuratorFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_product_is_a_private_draft(product):
    assert product.curation_state == CurationState.DRAFT
    assert product.is_public is False
    assert product not in products_public()


def test_artisan_submits_and_curator_of_region_approves_publishes(
    product, artisan_user, curator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(product_id=product.pk, user=artisan_user)
    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    assert [m.to for m in mailoutbox] == [[curator.user.email]]

    services.submission_claim(product_id=product.pk, user=curator.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_approve(product_id=product.pk, user=curator.user, note="Asli.")

    product.refresh_from_db()
    assert product.curation_state == CurationState.APPROVED
    assert product.is_public and product.published_at and product.curated_by == curator.user
    assert list(products_public()) == [product]
    assert [(e.kind, e.from_state, e.to_state, e.actor) for e in product.curation_events.all()] == [
        (CurationEvent.Kind.SUBMITTED, "draft", "submitted", artisan_user),
        (CurationEvent.Kind.CLAIMED, "submitted", "in_review", curator.user),
        (CurationEvent.Kind.APPROVED, "in_review", "approved", curator.user),
    ]
    assert mailoutbox[-1].to == [artisan_user.email]
    submission = Submission.objects.get(product=product)
    assert (submission.is_open, submission.outcome) == (False, "approved")


def test_curator_of_another_region_can_neither_claim_nor_approve(
    product, artisan_user, curator, other_curator
):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    with pytest.raises(NotAllowed):
        services.submission_claim(product_id=product.pk, user=other_curator.user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    with pytest.raises(NotAllowed):
        services.submission_approve(product_id=product.pk, user=other_curator.user)
    product.refresh_from_db()
    assert product.curation_state == CurationState.IN_REVIEW
    assert not product.is_public


def test_another_artisan_and_a_buyer_cannot_submit(product):
    other_artisan_user = ArtisanFactory(region=product.artisan.region).partner.users.get()
    for user in (other_artisan_user, UserFactory()):
        with pytest.raises(NotAllowed):
            services.submission_submit(product_id=product.pk, user=user)
    assert not product.curation_events.exists()


def test_unverified_artisan_cannot_submit(region):
    product = ProductFactory(artisan=ArtisanFactory(region=region, is_verified=False))
    with translation.override("en"), pytest.raises(NotAllowed, match="not been verified"):
        services.submission_submit(
            product_id=product.pk, user=product.artisan.partner.users.get()
        )


def test_double_submit_is_refused_with_a_clear_message(product, artisan_user):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    with pytest.raises(InvalidTransition):
        services.submission_submit(product_id=product.pk, user=artisan_user)
    assert Submission.objects.filter(product=product).count() == 1


def test_curator_cannot_approve_without_claiming(product, artisan_user, curator):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    with pytest.raises(InvalidTransition):
        services.submission_approve(product_id=product.pk, user=curator.user)


def test_request_changes_needs_a_note_and_returns_to_artisan(product, artisan_user, curator):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    with pytest.raises(InvalidTransition):
        services.submission_request_changes(product_id=product.pk, user=curator.user, note=" ")
    services.submission_request_changes(
        product_id=product.pk, user=curator.user, note="Foto kurang terang."
    )
    product.refresh_from_db()
    assert product.curation_state == CurationState.CHANGES_REQUESTED
    services.submission_submit(product_id=product.pk, user=artisan_user)
    assert Submission.objects.filter(product=product, is_open=True).count() == 1


def test_database_refuses_a_public_unapproved_product(product):
    product.is_public = True
    with pytest.raises(IntegrityError):
        product.save(update_fields=["is_public"])


def test_database_refuses_two_open_submissions(product, artisan_user):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    with pytest.raises(IntegrityError):
        Submission.objects.create(product=product, submitted_by=artisan_user)


def test_events_are_append_only(product, artisan_user):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    event = product.curation_events.get()
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_lapsed_claims_return_to_the_queue_once(product, artisan_user, curator, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.CURATION_CLAIM_HOURS = 24
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    now = timezone.now()

    assert services.claims_release_lapsed(now=now + timedelta(hours=23)) == 0
    assert services.claims_release_lapsed(now=now + timedelta(hours=25)) == 1
    assert services.claims_release_lapsed(now=now + timedelta(hours=26)) == 0

    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    released = product.curation_events.last()
    assert (released.kind, released.actor, released.to_state) == ("released", None, "submitted")
    assert Submission.objects.get(product=product, is_open=True).claimed_by is None


def test_variants_follow_their_parent(product, artisan_user, curator):
    child = ProductFactory(
        artisan=product.artisan, parent=product, structure="child", product_class=None,
        title="Ukuran L",
    )
    product.structure = "parent"
    product.save(update_fields=["structure"])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user)
    child.refresh_from_db()
    assert child.is_public and child.curation_state == CurationState.APPROVED
    services.product_delist(product_id=product.pk, user=curator.user, note="Palsu.")
    child.refresh_from_db()
    assert not child.is_public
    assert child not in products_public() and product not in products_public()


def test_a_curator_never_curates_their_own_business(product, artisan_user, region):
    own_curator = CuratorFactory(regions=[region], user=artisan_user)
    services.submission_submit(product_id=product.pk, user=artisan_user)
    with pytest.raises(NotAllowed):
        services.submission_claim(product_id=product.pk, user=own_curator.user)
    other = CuratorFactory(regions=[region])
    services.submission_claim(product_id=product.pk, user=other.user)
    product.refresh_from_db()
    assert product.curation_state == CurationState.IN_REVIEW


class MailServerDown:
    """An email backend whose server does not answer."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server does not answer")


def test_mail_server_down_does_not_undo_or_break_a_committed_submit(
    product, artisan_user, curator, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(product_id=product.pk, user=artisan_user)
    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    # The emails are not lost: their outbox row waits, with the error, for the next try.
    from core.outbox.models import OutboxMessage, OutboxState

    (promise,) = OutboxMessage.objects.filter(task_name="curation.tasks.curation_event_notify")
    assert promise.state == OutboxState.PENDING and promise.attempts == 1
    assert "SMTP server does not answer" in promise.last_error
    assert any("SMTP server does not answer" in r.getMessage() for r in caplog.records)
