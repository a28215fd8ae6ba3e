"""Making a buyer's wish list once per form."""
from collections.abc import Callable

from core.form_tokens.services import form_token_once
from wishlists.models import WishList

#: The new wish list form's one-time token (core.form_tokens).
WISHLIST_FORM_KIND = "wishlists.wishlist"


def wishlist_create(*, user, form_token: str, save: Callable[[], WishList]
                    ) -> tuple[WishList | None, bool]:
    """Make a wish list by `save` (Oscar's saving of the form and its shared emails) once.

    Returns the list and True when this call made it; for a copy of the same form sent
    again (a double click) the list the first one made (None if deleted since) and
    False, without adding the product a second time.

    Raises FormTokenUsedElsewhere when another login spent `form_token`.
    """
    return form_token_once(kind=WISHLIST_FORM_KIND, token=form_token, user=user,
                           model=WishList, create=save)
