"""Who may open a page of the artisan area: the business's own logins, and council
staff helping it (assisted upload, artisans.portal.assist).

Access is restricted twice, as in Oscar's partner dashboard: the views admit only
a logged-in artisan (anonymous users go to the login page, anyone else gets 403),
and every object is looked up through an artisan-scoped selector, so another
business's product, photo or order line is a 404.
"""
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from artisans.portal.assist import assisted_artisan
from catalogue.selectors import artisan_for_user, products_owned_by


class ArtisanRequiredMixin(LoginRequiredMixin):
    """Admit a logged-in artisan's login; set self.artisan, then load the view's objects.

    Views with `allows_assistance` also admit council staff helping a verified
    artisan of their region (assisted upload, started from the curation area): the
    artisan they work for is kept in the session and checked again on every
    request; the services record that the curator acted for the artisan.
    """

    allows_assistance = False
    assisting = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.artisan = artisan_for_user(user=request.user)
        if self.artisan is None and self.allows_assistance:
            self.artisan = assisted_artisan(request)
            self.assisting = self.artisan is not None
        if self.artisan is None:
            raise PermissionDenied
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def own_products(self):
        """The products this view may show: the artisan's, nothing else."""
        return products_owned_by(artisan=self.artisan)

    def load_objects(self) -> None:
        """Hook: look up the view's objects (404 when not the artisan's own)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(artisan=self.artisan, assisting=self.assisting,
                                        **kwargs)
