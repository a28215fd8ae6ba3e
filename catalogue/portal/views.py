"""The artisan area: an artisan's own products and order lines.

Access is restricted twice, as in Oscar's partner dashboard: the views admit only
a logged-in artisan (anonymous users go to the login page, anyone else gets 403),
and every object is looked up through an artisan-scoped selector, so another
business's product, photo or order line is a 404. The views hold no rules:
catalogue.services writes, curation.services submits.
"""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from catalogue import services
from catalogue.errors import CatalogueError, InvalidPhoto
from catalogue.portal.forms import CraftChoiceForm, ProductForm, ProductStockForm
from catalogue.portal.selectors import (
    crafts_for_artisan, order_lines_of_artisan_user, product_images_of_artisan_user,
)
from catalogue.selectors import artisan_for_user, products_of_artisan_user
from curation import services as curation_services
from curation.errors import CurationError
from curation.states import CurationState

SUBMITTABLE_STATES = frozenset({CurationState.DRAFT, CurationState.CHANGES_REQUESTED})


class ArtisanRequiredMixin(LoginRequiredMixin):
    """Admit a logged-in artisan's login; set self.artisan, then load the view's objects."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.artisan = artisan_for_user(user=request.user)
        if self.artisan is None:
            raise PermissionDenied
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self) -> None:
        """Hook: look up the view's objects (404 when not the artisan's own)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(artisan=self.artisan, **kwargs)


class ArtisanProductMixin(ArtisanRequiredMixin):
    """A view of one of the artisan's own products, `pk` in the URL."""

    def load_objects(self) -> None:
        self.product = get_object_or_404(
            products_of_artisan_user(user=self.request.user).select_related(
                "product_class", "artisan__partner"
            ),
            pk=self.kwargs["pk"],
        )

    def product_url(self) -> str:
        return reverse("portal-product-update", kwargs={"pk": self.product.pk})


class ProductListView(ArtisanRequiredMixin, ListView):
    template_name = "portal/product_list.html"
    context_object_name = "products"
    paginate_by = 20

    def get_queryset(self):
        return (
            products_of_artisan_user(user=self.request.user)
            .select_related("product_class")
            .prefetch_related("stockrecords", "images")
            .order_by("-date_updated", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(submittable_states=SUBMITTABLE_STATES, **kwargs)


class ProductCreateView(ArtisanRequiredMixin, FormView):
    """A new draft: the craft first (?craft=<slug>), then the craft's own form."""

    template_name = "portal/product_form.html"
    craft_template_name = "portal/product_craft_choice.html"
    form_class = ProductForm

    def load_objects(self) -> None:
        self.crafts = crafts_for_artisan(artisan=self.artisan)
        self.craft_form = CraftChoiceForm(
            self.request.GET if "craft" in self.request.GET else None, crafts=self.crafts
        )
        self.craft = (
            self.craft_form.cleaned_data["craft"] if self.craft_form.is_valid() else None
        )

    def get(self, request, *args, **kwargs):
        if self.craft is None:
            return self.craft_choice_response()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.craft is None:
            return self.craft_choice_response()
        return super().post(request, *args, **kwargs)

    def craft_choice_response(self):
        return self.response_class(
            request=self.request, template=[self.craft_template_name],
            context={"artisan": self.artisan, "form": self.craft_form},
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "product_class": self.craft}

    def get_context_data(self, **kwargs):
        return super().get_context_data(craft=self.craft, product=None, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            product = services.product_create(
                artisan=self.artisan, user=self.request.user, product_class=self.craft,
                title=data["title"], description=data["description"],
                category=data["category"], price=data["price"],
                num_in_stock=data["num_in_stock"], attributes=form.attribute_values(),
                photos=data["photos"],
            )
        except InvalidPhoto as exc:
            form.add_error("photos", str(exc))
            return self.form_invalid(form)
        except CatalogueError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request, _("“%(title)s” is saved as a draft.") % {"title": product.title}
        )
        return HttpResponseRedirect(
            reverse("portal-product-update", kwargs={"pk": product.pk})
        )


class ProductUpdateView(ArtisanProductMixin, FormView):
    """Edit a product: everything while it is a draft (or sent back), else price and stock."""

    template_name = "portal/product_form.html"

    def content_editable(self) -> bool:
        return self.product.curation_state in services.CONTENT_EDITABLE_STATES

    def get_form_class(self):
        return ProductForm if self.content_editable() else ProductStockForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.content_editable():
            kwargs.update(product_class=self.product.product_class,
                          existing_photos=self.product.images.count())
        return kwargs

    def get_initial(self):
        return self.get_form_class().initial_for(self.product)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            product=self.product, craft=self.product.product_class,
            images=self.product.images.all(),
            content_editable=self.content_editable(),
            can_submit=self.product.curation_state in SUBMITTABLE_STATES,
            curation_events=self.product.curation_events.select_related("actor")
            .order_by("-created_at", "-pk"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if isinstance(form, ProductForm):
                services.product_update(
                    product=self.product, user=self.request.user, title=data["title"],
                    description=data["description"], category=data["category"],
                    price=data["price"], num_in_stock=data["num_in_stock"],
                    attributes=form.attribute_values(), photos=data["photos"],
                )
            else:
                services.product_stock_update(
                    product=self.product, user=self.request.user, price=data["price"],
                    num_in_stock=data["num_in_stock"],
                )
                if "title" in self.request.POST:
                    # The form was loaded before the product was submitted or published.
                    messages.warning(self.request, _(
                        "Only the price and stock were saved: this product can no longer "
                        "be edited otherwise."
                    ))
        except InvalidPhoto as exc:
            form.add_error("photos", str(exc))
            return self.form_invalid(form)
        except CatalogueError as exc:
            # ContentLocked lands here too: the product was submitted meanwhile.
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Your changes are saved."))
        return HttpResponseRedirect(self.product_url())


class ProductSubmitView(ArtisanProductMixin, View):
    """POST: send the product to the council for curation."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            curation_services.submission_submit(product_id=self.product.pk, user=request.user)
        except CurationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("“%(title)s” is submitted to %(council)s for curation.")
                % {"title": self.product.title,
                   "council": self.artisan.region.council_name},
            )
        return HttpResponseRedirect(self.product_url())


class ProductImageDeleteView(ArtisanProductMixin, View):
    """POST: remove one photo of the product."""

    http_method_names = ["post"]

    def load_objects(self) -> None:
        super().load_objects()
        self.image = get_object_or_404(
            product_images_of_artisan_user(user=self.request.user),
            pk=self.kwargs["image_pk"], product=self.product,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.product_image_delete(image=self.image, user=request.user)
        except CatalogueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The photo is removed."))
        return HttpResponseRedirect(self.product_url())


class OrderLineListView(ArtisanRequiredMixin, ListView):
    """The order lines the artisan sells, newest order first."""

    template_name = "portal/order_line_list.html"
    context_object_name = "lines"
    paginate_by = 25

    def get_queryset(self):
        return order_lines_of_artisan_user(user=self.request.user)


class OrderLineDetailView(ArtisanRequiredMixin, DetailView):
    """One of the artisan's order lines, with where to ship it."""

    template_name = "portal/order_line_detail.html"
    context_object_name = "line"

    def get_queryset(self):
        return order_lines_of_artisan_user(user=self.request.user)
