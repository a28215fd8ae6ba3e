"""Decisions on the council's criteria, take-overs, and revisions of published products.

All through the real services: given a product in some state, when a curator or
the artisan acts, then the product, its revision, the submission's results and the
events are as DESIGN.md says.
"""
from decimal import Decimal

import pytest

from artisans.portal import services as portal_services
from curation import revisions, services
from curation.errors import InvalidTransition, NotAllowed
from curation.models import CriterionResult, CurationEvent, ProductRevision, Submission
from catalogue.states import CurationState as S
from tests.factories import (
    CategoryFactory, CriterionFactory, CuratorFactory, ProductClassFactory, ProductFactory,
    published_product,
)
from tests.support.photos import photo_upload

pytestmark = pytest.mark.django_db
PASSED, FAILED = CriterionResult.Result.PASSED, CriterionResult.Result.FAILED


@pytest.fixture
def owner(artisan):
    return artisan.partner.users.get()


@pytest.fixture
def in_review(artisan, owner, curator):
    product = ProductFactory(artisan=artisan, title="Batik Tulis Jonegoroan")
    services.submission_submit(product_id=product.pk, user=owner)
    services.submission_claim(product_id=product.pk, user=curator.user)
    return product


@pytest.fixture
def criteria():
    """Two mandatory criteria for every craft and one optional."""
    return {
        "technique": CriterionFactory(code="technique", display_order=1, asks_evidence=True),
        "photos": CriterionFactory(code="photos", display_order=2),
        "packaging": CriterionFactory(code="packaging", display_order=3, is_mandatory=False),
    }


# --- criteria ---------------------------------------------------------------------

def test_approval_needs_every_mandatory_criterion_passed(in_review, curator, criteria):
    with pytest.raises(InvalidTransition):
        services.submission_approve(
            product_id=in_review.pk, user=curator.user,
            results={criteria["technique"].pk: (PASSED, ""),
                     criteria["photos"].pk: (FAILED, "Foto buram.")},
        )
    in_review.refresh_from_db()
    assert in_review.curation_state == S.IN_REVIEW
    assert not CriterionResult.objects.exists()

    services.submission_approve(
        product_id=in_review.pk, user=curator.user, note="Asli.",
        results={criteria["technique"].pk: (PASSED, "Canting terlihat."),
                 criteria["photos"].pk: (PASSED, "")},
    )
    in_review.refresh_from_db()
    assert in_review.curation_state == S.APPROVED and in_review.verify_code
    submission = in_review.submissions.get()
    assert {(r.criterion.code, r.result, r.note) for r in submission.results.all()} == {
        ("technique", PASSED, "Canting terlihat."), ("photos", PASSED, ""),
    }
    event = in_review.curation_events.get(kind=CurationEvent.Kind.APPROVED)
    assert [(c["code"], c["result"], c["mandatory"]) for c in event.criteria] == [
        ("technique", PASSED, True), ("photos", PASSED, True),
    ]


def test_criteria_of_another_craft_do_not_apply(in_review, curator):
    CriterionFactory(code="cual-yarn", crafts=[ProductClassFactory(name="Tenun Cual")])
    services.submission_approve(product_id=in_review.pk, user=curator.user)
    in_review.refresh_from_db()
    assert in_review.curation_state == S.APPROVED


def test_inactive_criteria_do_not_apply_and_unknown_ones_are_refused(in_review, curator):
    retired = CriterionFactory(code="old", is_active=False)
    with pytest.raises(InvalidTransition):
        services.submission_approve(product_id=in_review.pk, user=curator.user,
                                    results={retired.pk: (PASSED, "")})
    services.submission_approve(product_id=in_review.pk, user=curator.user)
    assert in_review.submissions.get().outcome == S.APPROVED


def test_request_changes_may_speak_through_a_failed_criterion(in_review, curator, criteria):
    with pytest.raises(InvalidTransition):
        services.submission_request_changes(product_id=in_review.pk, user=curator.user)
    services.submission_request_changes(
        product_id=in_review.pk, user=curator.user,
        results={criteria["photos"].pk: (FAILED, "Tambahkan foto detail malam.")},
    )
    in_review.refresh_from_db()
    assert in_review.curation_state == S.CHANGES_REQUESTED
    assert in_review.submissions.get().results.get().note == "Tambahkan foto detail malam."


def test_an_invalid_result_is_refused(in_review, curator, criteria):
    with pytest.raises(InvalidTransition):
        services.submission_reject(product_id=in_review.pk, user=curator.user, note="Cetak.",
                                   results={criteria["photos"].pk: ("maybe", "")})
    assert in_review.submissions.get().is_open


# --- take-over ----------------------------------------------------------------------

def test_another_curator_takes_over_a_claim_and_the_event_says_so(in_review, curator, region):
    colleague = CuratorFactory(regions=[region], user__first_name="Sari",
                               user__last_name="Wulandari")
    curator.user.first_name, curator.user.last_name = "Budi", "Santoso"
    curator.user.save()

    services.submission_take_over(product_id=in_review.pk, user=colleague.user,
                                  note="Budi cuti.")

    submission = in_review.submissions.get(is_open=True)
    assert submission.claimed_by == colleague.user
    event = in_review.curation_events.last()
    assert (event.kind, event.actor, event.from_state, event.to_state) == (
        CurationEvent.Kind.TAKEN_OVER, colleague.user, S.IN_REVIEW, S.IN_REVIEW
    )
    assert "Budi Santoso" in event.note and "Budi cuti." in event.note
    # The former claimant can no longer decide.
    with pytest.raises(NotAllowed):
        services.submission_approve(product_id=in_review.pk, user=curator.user)
    services.submission_approve(product_id=in_review.pk, user=colleague.user)


def test_take_over_is_refused_to_the_claimant_and_on_a_waiting_item(in_review, curator,
                                                                    artisan, owner):
    with pytest.raises(InvalidTransition):
        services.submission_take_over(product_id=in_review.pk, user=curator.user)
    waiting = ProductFactory(artisan=artisan)
    services.submission_submit(product_id=waiting.pk, user=owner)
    with pytest.raises(InvalidTransition):
        services.submission_take_over(product_id=waiting.pk, user=curator.user)


# --- revisions ----------------------------------------------------------------------

@pytest.fixture
def live(artisan):
    product = published_product(artisan=artisan, title="Pewter Bangka", description="Asli.")
    product.images.create(original=photo_file_name(product, "satu"), display_order=0)
    return product


def photo_file_name(product, stem: str) -> str:
    from django.core.files.storage import default_storage

    return default_storage.save(f"tests/{product.pk}-{stem}.jpg", photo_upload())


def _propose(product, owner, **overrides):
    values = {"title": "Pewter Bangka Berukir", "description": "Asli, diukir tangan.",
              "category": None, "attributes": {}}
    values.update(overrides)
    return revisions.revision_propose(product_id=product.pk, user=owner, **values)


def test_editing_a_published_product_makes_a_pending_revision_and_the_shop_keeps_the_old(
    live, owner, region
):
    old_image = live.images.get()
    revision = _propose(live, owner, photos=[photo_upload()], remove_image_ids=[old_image.pk])

    live.refresh_from_db()
    assert (live.title, live.description, live.curation_state, live.is_public) == (
        "Pewter Bangka", "Asli.", S.APPROVED, True
    )
    assert list(live.images.all()) == [old_image]
    assert revision.state == S.SUBMITTED and revision.new_images.count() == 1
    submission = Submission.objects.get(is_open=True, product=live)
    assert submission.revision == revision and submission.due_at > submission.submitted_at
    event = live.curation_events.last()
    assert (event.kind, event.revision, event.from_state, event.to_state) == (
        CurationEvent.Kind.SUBMITTED, revision, S.APPROVED, S.SUBMITTED
    )


def test_an_approved_revision_goes_live_field_by_field_and_photo_by_photo(
    live, owner, curator
):
    old_image = live.images.get()
    _propose(live, owner, photos=[photo_upload()], remove_image_ids=[old_image.pk])
    services.submission_claim(product_id=live.pk, user=curator.user)
    live.refresh_from_db()
    assert (live.curation_state, live.is_public) == (S.APPROVED, True)  # still in the shop

    services.submission_approve(product_id=live.pk, user=curator.user)

    live.refresh_from_db()
    assert (live.title, live.description, live.is_public) == (
        "Pewter Bangka Berukir", "Asli, diukir tangan.", True
    )
    assert not live.images.filter(pk=old_image.pk).exists()
    assert live.images.count() == 1
    assert live.revisions.get().state == S.APPROVED
    assert not live.submissions.filter(is_open=True).exists()


@pytest.mark.parametrize("decision", ["request_changes", "reject"])
def test_a_revision_turned_down_leaves_the_live_product_as_it_was(live, owner, curator,
                                                                   decision):
    image = live.images.get()
    _propose(live, owner, remove_image_ids=[image.pk])
    services.submission_claim(product_id=live.pk, user=curator.user)
    getattr(services, f"submission_{decision}")(product_id=live.pk, user=curator.user,
                                                  note="Judul kurang tepat.")
    live.refresh_from_db()
    assert (live.title, live.description, live.is_public) == ("Pewter Bangka", "Asli.", True)
    assert list(live.images.all()) == [image]
    revision = live.revisions.get()
    assert revision.state == {"request_changes": S.CHANGES_REQUESTED,
                              "reject": S.REJECTED}[decision]


def test_changes_requested_on_a_revision_are_fixed_and_sent_again(live, owner, curator):
    _propose(live, owner)
    services.submission_claim(product_id=live.pk, user=curator.user)
    services.submission_request_changes(product_id=live.pk, user=curator.user,
                                        note="Sebutkan berat.")
    revision = _propose(live, owner, description="Asli, diukir tangan. Berat 450 g.")
    assert revision.state == S.CHANGES_REQUESTED  # stays with the artisan until sent

    revisions.revision_submit(product_id=live.pk, user=owner)
    services.submission_claim(product_id=live.pk, user=curator.user)
    services.submission_approve(product_id=live.pk, user=curator.user)
    live.refresh_from_db()
    assert live.description == "Asli, diukir tangan. Berat 450 g."
    assert live.submissions.count() == 3  # first approval, the sent-back one, the last


def test_a_revision_in_review_cannot_be_edited_but_price_and_stock_change_at_once(
    live, owner, curator
):
    _propose(live, owner)
    services.submission_claim(product_id=live.pk, user=curator.user)
    with pytest.raises(InvalidTransition):
        _propose(live, owner, title="Lagi")
    portal_services.product_stock_update(product=live, user=owner, price=Decimal("450000"),
                                            num_in_stock=3)
    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("450000"), 3)
    assert live.curation_events.filter(kind=CurationEvent.Kind.PRICE_CHANGED).exists()


def test_withdrawing_a_revision_and_delisting_close_it(live, owner, curator):
    _propose(live, owner)
    revisions.revision_withdraw(product_id=live.pk, user=owner)
    assert live.revisions.get().state == S.WITHDRAWN
    assert not live.submissions.filter(is_open=True).exists()

    second = _propose(live, owner, title="Kedua")
    services.product_delist(product_id=live.pk, user=curator.user, note="Stok palsu.")
    second.refresh_from_db()
    assert second.state == S.WITHDRAWN
    live.refresh_from_db()
    assert (live.title, live.curation_state) == ("Pewter Bangka", S.DELISTED)


def test_only_the_owner_proposes_and_only_on_a_published_product(live, artisan, region):
    from tests.factories import ArtisanFactory

    stranger = ArtisanFactory(region=region).partner.users.get()
    with pytest.raises(NotAllowed):
        _propose(live, stranger)
    draft = ProductFactory(artisan=artisan)
    with pytest.raises(InvalidTransition):
        _propose(draft, artisan.partner.users.get())
    assert not ProductRevision.objects.exists()


def test_one_open_revision_per_product_is_a_database_rule(live, owner):
    from django.db import IntegrityError, transaction

    _propose(live, owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductRevision.objects.create(product=live, created_by=owner, title="x",
                                       state=S.SUBMITTED)


def test_the_changes_a_curator_sees(live, owner):
    from django.utils import translation

    category = CategoryFactory(name="Hiasan")
    revision = _propose(live, owner, category=category, photos=[photo_upload()],
                        remove_image_ids=[live.images.get().pk])
    with translation.override("en"):
        changes = revisions.revision_changes(revision=revision)
        by_label = {str(change.label): change for change in changes.fields}
    assert {str(c.label) for c in changes.changed_fields} == {
        "Title", "Description", "Category"
    }
    assert (by_label["Title"].live, by_label["Title"].proposed) == (
        "Pewter Bangka", "Pewter Bangka Berukir"
    )
    assert by_label["Category"].proposed == "Hiasan"
    assert len(changes.photos_removed) == 1 and len(changes.photos_added) == 1
    assert changes.photos_kept == []


# --- a proposal inside the caller's transaction (the published-product form) -----------

def test_a_proposal_in_the_callers_transaction_is_undone_with_it(live, owner):
    from django.db import transaction

    from catalogue.photos import photo_writes_undone_on_failure
    from curation.guards import lock_product

    # Given a proposal written inside a caller's transaction, with a photo
    content = revisions.revision_content_clean(
        title="Pewter Bangka Berukir", description="", category=None, attributes={},
        photos=[photo_upload()])
    stored = []

    class CallerRefused(Exception):
        pass

    # When the caller's own write fails after it, in the same transaction
    with pytest.raises(CallerRefused), photo_writes_undone_on_failure(), transaction.atomic():
        proposal = revisions.revision_propose_locked(lock_product(live.pk), user=owner,
                                                     content=content)
        assert proposal.written and proposal.revision.state == S.SUBMITTED
        stored = [image.original for image in proposal.revision.new_images.all()]
        raise CallerRefused

    # Then the revision, its submission, its event and its photo are gone with it
    assert not ProductRevision.objects.filter(product=live).exists()
    assert not Submission.objects.filter(product=live, is_open=True).exists()
    assert not live.curation_events.filter(revision__isnull=False).exists()
    assert stored and not any(f.storage.exists(f.name) for f in stored)


def test_a_proposals_title_and_photos_are_checked_before_any_lock(live):
    from catalogue.errors import InvalidPhoto, InvalidValue
    from tests.support.photos import text_renamed_jpg

    with pytest.raises(InvalidPhoto, match="catatan.jpg"):
        revisions.revision_content_clean(title="Judul", description="", category=None,
                                         attributes={}, photos=[text_renamed_jpg()])
    with pytest.raises(InvalidValue):
        revisions.revision_content_clean(title="  ", description="", category=None,
                                         attributes={})


def test_a_proposal_sent_again_with_its_token_writes_nothing(live, owner):
    from django.db import transaction

    from core.form_tokens.services import form_token_new
    from curation.guards import lock_product

    token = form_token_new()
    content = revisions.revision_content_clean(title="Baru", description="", category=None,
                                               attributes={})
    with transaction.atomic():
        first = revisions.revision_propose_locked(lock_product(live.pk), user=owner,
                                                  content=content, form_token=token)
    with transaction.atomic():
        again = revisions.revision_propose_locked(lock_product(live.pk), user=owner,
                                                  content=content, form_token=token)
    assert (first.written, again.written) == (True, False)
    assert again.revision == first.revision
    assert live.submissions.filter(is_open=True).count() == 1
