"""Two curators act on the same item at the same moment: exactly one wins."""


from curation import services
from curation.errors import CurationError
from curation.models import CurationEvent, Submission
from catalogue.states import CurationState
from tests.factories import CuratorFactory
from tests.concurrency import POSTGRES_RACE
from tests.concurrency import run_at_once as run_concurrently

pytestmark = POSTGRES_RACE


def run_at_once(*calls):
    return run_concurrently(*calls, refused=(CurationError,))


def test_two_curators_claiming_one_submission(product, artisan_user, region):
    first, second = CuratorFactory(regions=[region]), CuratorFactory(regions=[region])
    services.submission_submit(product_id=product.pk, user=artisan_user)

    outcomes = run_at_once(
        lambda: services.submission_claim(product_id=product.pk, user=first.user),
        lambda: services.submission_claim(product_id=product.pk, user=second.user),
    )

    errors = [o for o in outcomes if isinstance(o, CurationError)]
    assert len(errors) == 1, outcomes
    assert "In review" in str(errors[0]) or "Sedang" in str(errors[0])
    product.refresh_from_db()
    assert product.curation_state == CurationState.IN_REVIEW
    assert CurationEvent.objects.filter(product=product, kind="claimed").count() == 1
    winner = Submission.objects.get(product=product, is_open=True).claimed_by
    assert winner in (first.user, second.user)


def test_a_decision_and_a_take_over_at_the_same_moment(product, artisan_user, region):
    """The claimant approves while a colleague takes the claim over: one of them wins,
    and the other is told what happened instead of overwriting it."""
    claimant, colleague = CuratorFactory(regions=[region]), CuratorFactory(regions=[region])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=claimant.user)

    outcomes = run_at_once(
        lambda: services.submission_approve(product_id=product.pk, user=claimant.user),
        lambda: services.submission_take_over(product_id=product.pk, user=colleague.user),
    )

    errors = [o for o in outcomes if isinstance(o, CurationError)]
    assert len(errors) == 1, outcomes
    product.refresh_from_db()
    decided = CurationEvent.objects.filter(product=product, kind="approved").count()
    taken = CurationEvent.objects.filter(product=product, kind="taken_over").count()
    assert (decided, taken) in {(1, 0), (0, 1)}
    if decided:
        assert product.curation_state == CurationState.APPROVED
    else:
        assert product.submissions.get(is_open=True).claimed_by == colleague.user


def test_two_curators_deciding_a_revision_concurrently(product, artisan_user, region):
    """An admin (curator of every region) and the claimant decide one revision at once."""
    from curation import revisions
    from tests.factories import UserFactory

    curator = CuratorFactory(regions=[region])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user)
    revisions.revision_propose(product_id=product.pk, user=artisan_user, title="Judul baru",
                               description="", category=None, attributes={})
    services.submission_claim(product_id=product.pk, user=curator.user)
    admin = UserFactory(is_staff=True, is_superuser=True)

    outcomes = run_at_once(
        lambda: services.submission_reject(product_id=product.pk, user=curator.user,
                                           note="Tidak sesuai."),
        lambda: services.submission_take_over(product_id=product.pk, user=admin),
    )
    errors = [o for o in outcomes if isinstance(o, CurationError)]
    assert len(errors) == 1, outcomes
    product.refresh_from_db()
    revision = product.revisions.get()
    assert product.title != "Judul baru" and product.is_public
    assert revision.state in (CurationState.REJECTED, CurationState.IN_REVIEW)
