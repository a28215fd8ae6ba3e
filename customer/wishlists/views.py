"""The buyer's wish list pages of the customer app (/accounts/wishlists/...), which
only ever show or add published products.

Oscar's CustomerConfig.ready() loads each wish list view with
get_class("customer.wishlists.views", ...), which finds this module of the fork
first: the classes defined here replace Oscar's, the others are Oscar's own. What a
wish list is and who may see which of its lines belong to the wishlists app
(wishlists.forms, wishlists.selectors, wishlists.services); the shared wish list
page is wishlists/views.py.
"""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from oscar.apps.customer.wishlists import views as oscar_views

from wishlists.forms import WishListCreateForm
from wishlists.selectors import products_wishable, wishlist_lines_visible
from wishlists.services import wishlist_create


class WishListDetailView(oscar_views.WishListDetailView):
    """The owner's wish list: quantities of the public products only."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["queryset"] = wishlist_lines_visible(wishlist=self.object)
        return kwargs


class WishListAddProduct(oscar_views.WishListAddProduct):
    """Add a product to a wish list: 404 for a product that is not published."""

    def dispatch(self, request, *args, **kwargs):
        # Oscar looks the product up among all products; only public ones qualify.
        get_object_or_404(products_wishable(), pk=kwargs["product_pk"])
        return super().dispatch(request, *args, **kwargs)


class WishListCreateView(oscar_views.WishListCreateView):
    """Create a wish list, optionally with a first product, which must be published.

    The form carries a one-time token: sent twice, it makes one list (and adds its
    product once).
    """

    form_class = WishListCreateForm
    sent_again = False

    def process_wishlist_forms(self, wishlist_form, shared_emails_formset):
        save = super().process_wishlist_forms
        wishlist, created = wishlist_create(
            user=self.request.user, form_token=wishlist_form.cleaned_data["form_token"],
            save=lambda: save(wishlist_form, shared_emails_formset),
        )
        self.sent_again = not created
        return wishlist

    def form_valid(self, form):
        # Oscar passes the saved wish list as `form`.
        if self.sent_again:
            messages.success(self.request, _("Your wish list is saved."))
            return redirect(form.get_absolute_url() if form else "customer:wishlists-list")
        return super().form_valid(form)

    def dispatch(self, request, *args, **kwargs):
        if "product_pk" in kwargs and not products_wishable().filter(
            pk=kwargs["product_pk"]
        ).exists():
            messages.error(request, _("The requested product is not available."))
            return redirect("customer:wishlists-create")
        return super().dispatch(request, *args, **kwargs)
