"""The checks and writes every curation transition shares.

Used by curation.services (the product's own workflow and the queue) and
curation.revisions (pending revisions of published products); not by views.
"""
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Product
from curation.errors import InvalidTransition, NotAllowed
from curation.models import ProductRevision, Submission
from curation.selectors import user_curates_region, user_may_assist
from catalogue.states import CurationState

S = CurationState


def lock_product(product_id: int) -> Product:
    """Lock the product row; every transition starts here, so locks come in one order.

    Only the product row is locked: the artisan join is an outer one, which
    PostgreSQL cannot lock.
    """
    return (
        Product.objects.select_for_update(of=("self",))
        .select_related("artisan__region", "artisan__partner", "product_class")
        .get(pk=product_id)
    )


def _refused_state_message(title: str, state: str) -> str:
    # Often someone else acted first: say what the item is now.
    return (
        _("That is not possible now: “%(title)s” is “%(state)s”. "
          "Reload the page to see what changed.")
        % {"title": title, "state": state}
    )


def require_state(product: Product, allowed: set[str]) -> None:
    if product.curation_state not in allowed:
        raise InvalidTransition(
            _refused_state_message(product.title, product.get_curation_state_display())
        )


def require_revision_state(revision: ProductRevision, allowed: set[str]) -> None:
    if revision.state not in allowed:
        raise InvalidTransition(
            _("That is not possible now: the changes to “%(title)s” are “%(state)s”. "
              "Reload the page to see what changed.")
            % {"title": revision.product.title, "state": revision.get_state_display()}
        )


def require_artisan_member(product: Product, user, *, assisted: bool = False):
    """Check the user is one of the owner's logins; returns None for them.

    With `assisted`, council staff may act for a verified artisan of a region they
    curate (assisted upload): the artisan is returned, to be recorded on the
    event as whom they acted for. Raises NotAllowed for anyone else.
    """
    artisan = product.artisan
    if artisan is not None and user.is_authenticated:
        if artisan.partner.users.filter(pk=user.pk).exists():
            return None
        if assisted and user_may_assist(user=user, artisan=artisan):
            return artisan
    raise NotAllowed(_("Only the artisan who owns this product can do that."))


def require_verified(product: Product) -> None:
    if not product.artisan.is_verified:
        raise NotAllowed(
            _("Your business has not been verified by the council yet; "
              "you can prepare drafts, and submit them once it is.")
        )


def require_curator(product: Product, user) -> None:
    if product.artisan is None or not user_curates_region(
        user=user, region_id=product.artisan.region_id
    ):
        raise NotAllowed(_("Only a curator of this artisan's region can do that."))


def require_not_own(product: Product, user) -> None:
    """A curator never judges their own work.

    Neither a business they are a login of, nor a product they entered or edited
    for an artisan (assisted upload): another curator of the region must.
    """
    if product.artisan.partner.users.filter(pk=user.pk).exists():
        raise NotAllowed(
            _("You cannot curate your own business's products: another curator must.")
        )
    if product.curation_events.filter(actor=user, on_behalf_of__isnull=False).exists():
        raise NotAllowed(
            _("You entered or edited this product for the artisan, so another curator "
              "of the region must judge it.")
        )


def open_submission(product: Product) -> Submission:
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("revision", "claimed_by")
        .filter(product=product, is_open=True)
        .first()
    )
    if submission is None:
        raise InvalidTransition(
            _("“%(title)s” is not waiting for curation any more. "
              "Reload the page to see what changed.") % {"title": product.title}
        )
    return submission


def require_claimed_by(submission: Submission, user) -> None:
    if submission.claimed_by_id != user.pk:
        raise NotAllowed(_("Only the curator who claimed this submission can decide it."))


def submission_open(product: Product, *, user, revision: ProductRevision | None = None
                    ) -> Submission:
    """Open a submission, due after the council's target time."""
    return Submission.objects.create(
        product=product, submitted_by=user, revision=revision,
        due_at=timezone.now() + timedelta(days=product.curation_target_days),
    )


def close(submission: Submission, *, outcome: str, user, note: str = "") -> None:
    submission.is_open = False
    submission.outcome = outcome
    submission.decided_by = user
    submission.decided_at = timezone.now()
    submission.note = note
    submission.save(update_fields=["is_open", "outcome", "decided_by", "decided_at", "note"])

