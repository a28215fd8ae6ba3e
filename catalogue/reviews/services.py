"""Saving a buyer's review once per form."""
from oscar.apps.catalogue.reviews.models import ProductReview

from core.form_tokens.services import form_token_once

#: The review form's one-time token (core.form_tokens).
REVIEW_FORM_KIND = "reviews.review"


def review_save(*, form, user, form_token: str) -> tuple[ProductReview | None, bool]:
    """Save Oscar's valid review form unless this form was saved already.

    Returns the review and True when this call wrote it; the review the first submit
    of the same form wrote (None if staff deleted it since) and False for a copy sent
    again (a double click, even at the same moment): a visitor signed out has no
    one-review-per-product rule to stop a second row, and a signed-in buyer's second
    copy would hit that rule's constraint.

    Raises FormTokenUsedElsewhere when another login spent `form_token`.
    """
    return form_token_once(kind=REVIEW_FORM_KIND, token=form_token, user=user,
                           model=ProductReview, create=form.save)
