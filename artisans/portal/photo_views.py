"""The artisan's photo order: which photo is the main one, and which comes next.

Reached from the product page's photo list; works without JavaScript (one small
form per button). Access as the rest of the artisan area: the product and the
photo are looked up through artisan-scoped selectors (404 for another business's).
"""
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import View

from artisans.portal import services
from catalogue.errors import CatalogueError
from artisans.portal.views import ArtisanProductImageMixin


class ProductPhotoMoveView(ArtisanProductImageMixin, View):
    """POST move=main|earlier|later: move one photo of the product in its order."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        move = request.POST.get("move")
        if move in services.IMAGE_MOVES:
            try:
                # The order is read and changed under the product's lock (two tabs).
                services.product_image_move(image=self.image, user=request.user, move=move)
            except CatalogueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The main photo is changed.") if move == "main"
                                 else _("The photos are in their new order."))
        return HttpResponseRedirect(self.product_url() + "#photos")
