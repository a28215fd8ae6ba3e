"""Oscar's review form with a one-time token: a double-clicked review is saved once."""
from oscar.apps.catalogue.reviews.forms import ProductReviewForm as OscarProductReviewForm

from core.form_tokens.forms import FormTokenMixin


class ProductReviewForm(FormTokenMixin, OscarProductReviewForm):
    """Oscar's form (a visitor signed out gives a name and an email) and the token."""
