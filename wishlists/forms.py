"""The new wish list form with a one-time token (Oscar's other wish list forms as they are).

Oscar looks its wish list forms up here first (get_classes("wishlists.forms", ...))
and falls back to its own for the names not defined in this module.
"""
from oscar.apps.wishlists.forms import WishListForm

from core.form_tokens.forms import FormTokenMixin


class WishListCreateForm(FormTokenMixin, WishListForm):
    """Name and visibility of a new wish list, saved once per form."""
