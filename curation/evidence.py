"""Evidence: photos an artisan uploads to back a criterion of their submission.

For example process photos of a batik tulis being drawn with a canting, or of the
natural dye bath. Curators see them next to the criterion they back.
"""
import uuid

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue import services as catalogue_services
from catalogue.photos import photo_file_save, photo_writes_undone_on_failure
from curation.errors import InvalidTransition
from curation.guards import lock_product, require_artisan_member
from curation.models import Evidence
from curation.selectors import criteria_for_product
from catalogue.states import CurationState
from core.form_tokens.services import form_token_claim, form_token_record

S = CurationState

MAX_EVIDENCE_PER_PRODUCT = 24
#: The evidence form's one-time token (core.form_tokens).
EVIDENCE_FORM_KIND = "curation.evidence"
#: A product the council may still judge. Not while a curator is reviewing it (the
#: evidence would change under their eyes), nor once rejected or retired.
EVIDENCE_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.SUBMITTED, S.APPROVED, S.DELISTED})


def _require_evidence_open(product) -> None:
    in_review = product.submissions.filter(is_open=True, claimed_by__isnull=False).exists()
    if product.curation_state not in EVIDENCE_STATES or in_review:
        raise InvalidTransition(
            _("Evidence cannot be changed now: “%(title)s” is being reviewed or is "
              "no longer in curation.") % {"title": product.title}
        )


def evidence_add(*, product_id: int, user, criterion_id: int, image: File,
                 caption: str = "", form_token: str = "") -> Evidence | None:
    """Add a photo backing one of the criteria that apply to the product and ask for evidence.

    `form_token` is the evidence form's one-time token: the same form sent again (a
    double click) adds nothing and returns the evidence the first submit added (None
    if it has been deleted since).

    Raises NotAllowed (not one of the owner's logins), InvalidTransition (the
    criterion does not ask for evidence for this craft, the product is in review
    or out of curation, or it has MAX_EVIDENCE_PER_PRODUCT photos), InvalidPhoto
    for a file that is not an acceptable photo, FormTokenUsedElsewhere when another
    login spent `form_token`.
    """
    # Stored as the catalogue stores photos: upright, EXIF (and its GPS) stripped.
    image, extension = catalogue_services.photo_prepare(file=image)
    with photo_writes_undone_on_failure(), transaction.atomic():
        product = lock_product(product_id)
        require_artisan_member(product, user)
        if form_token:
            earlier = form_token_claim(kind=EVIDENCE_FORM_KIND, token=form_token, user=user)
            if earlier is not None:
                return Evidence.objects.filter(pk=earlier).first()
        _require_evidence_open(product)
        criterion = criteria_for_product(product=product).filter(
            pk=criterion_id, asks_evidence=True
        ).first()
        if criterion is None:
            raise InvalidTransition(_("Choose one of the criteria that ask for evidence."))
        if product.evidence.count() >= MAX_EVIDENCE_PER_PRODUCT:
            raise InvalidTransition(
                _("A product can have at most %(max)s evidence photos.")
                % {"max": MAX_EVIDENCE_PER_PRODUCT}
            )
        evidence = Evidence(product=product, criterion=criterion, uploaded_by=user,
                            caption=(caption or "").strip()[:200])
        photo_file_save(evidence.image, f"{product.pk}-{uuid.uuid4().hex[:12]}.{extension}",
                        image)
        evidence.save()
        if form_token:
            form_token_record(kind=EVIDENCE_FORM_KIND, token=form_token, object_id=evidence.pk)
    return evidence


def evidence_delete(*, evidence_id: int, user) -> None:
    """Remove one evidence photo of the artisan's product; the file goes after commit.

    Raises NotAllowed (not one of the owner's logins) or InvalidTransition (in review).
    """
    product_id = Evidence.objects.values_list("product_id", flat=True).get(pk=evidence_id)
    with transaction.atomic():
        product = lock_product(product_id)
        require_artisan_member(product, user)
        _require_evidence_open(product)
        evidence = Evidence.objects.get(pk=evidence_id, product=product)
        storage, name = evidence.image.storage, evidence.image.name
        evidence.delete()
        transaction.on_commit(lambda: storage.delete(name))
