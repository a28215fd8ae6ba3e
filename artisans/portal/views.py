"""The artisan area: an artisan's own products and order lines.

Access is restricted twice, as in Oscar's partner dashboard: the views admit only
a logged-in artisan (anonymous users go to the login page, anyone else gets 403),
and every object is looked up through an artisan-scoped selector, so another
business's product, photo or order line is a 404. The views hold no rules:
artisans.portal.services writes, curation.services submits.
"""
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from catalogue import services

from artisans.portal import services as portal_services
from catalogue.errors import CatalogueError, InvalidPhoto
from artisans.portal.forms import (
    CraftChoiceForm, EvidenceForm, ProductForm, ProductRevisionForm, ProductStockForm,
)
from artisans.portal.selectors import (
    crafts_for_artisan,
)
from artisans.access import ArtisanRequiredMixin
from curation import evidence as evidence_services
from curation import revisions
from curation import services as curation_services
from curation.errors import CurationError
from curation.evidence import EVIDENCE_STATES
from curation.selectors import criteria_for_product, latest_decision
from catalogue.states import CurationState

SUBMITTABLE_STATES = frozenset({CurationState.DRAFT, CurationState.CHANGES_REQUESTED})


class ArtisanProductMixin(ArtisanRequiredMixin):
    """A view of one of the artisan's own products, `pk` in the URL."""

    allows_assistance = True

    def load_objects(self) -> None:
        self.product = get_object_or_404(
            self.own_products().select_related(
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
    allows_assistance = True

    def get_queryset(self):
        return (
            self.own_products()
            .select_related("product_class")
            .prefetch_related("stockrecords", "images")
            .order_by("-date_updated", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(submittable_states=SUBMITTABLE_STATES, **kwargs)


class PhotosKeptMixin:
    """A form that comes back with errors keeps the photos it accepted.

    A phone's browser forgets the chosen files when the page comes back; the
    accepted ones are stored as kept photos (catalogue.photos) and the page shows
    them ticked, so the artisan chooses again only the ones that were refused.
    """

    kept_photos: list = []

    def form_invalid(self, form):
        if isinstance(form, ProductForm):
            self.kept_photos = self.photos_keep(form)
        return super().form_invalid(form)

    def photos_keep(self, form: ProductForm) -> list:
        cleaned = getattr(form, "cleaned_data", {})
        earlier = list(cleaned.get("kept_photos") or [])
        try:
            return services.photos_keep(artisan=self.artisan,
                                        files=[*earlier, *form.accepted_photos])
        except InvalidPhoto as exc:
            form.add_error("photos", str(exc))
            return earlier

    def get_context_data(self, **kwargs):
        return super().get_context_data(kept_photos=self.kept_photos, **kwargs)


class ProductCreateView(ArtisanRequiredMixin, PhotosKeptMixin, FormView):
    """A new draft: the craft first (?craft=<slug>), then the craft's own form."""

    allows_assistance = True
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
        return {**super().get_form_kwargs(), "product_class": self.craft,
                "artisan": self.artisan}

    def get_context_data(self, **kwargs):
        return super().get_context_data(craft=self.craft, product=None, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            product = portal_services.product_create(
                artisan=self.artisan, user=self.request.user, product_class=self.craft,
                title=data["title"], description=data["description"],
                category=data["category"], price=data["price"],
                num_in_stock=data["num_in_stock"], attributes=form.attribute_values(),
                photos=data["photos"], form_token=data["form_token"],
            )
        except InvalidPhoto as exc:
            form.add_error("photos", str(exc))
            return self.form_invalid(form)
        except CatalogueError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        # The same form sent again gets here too, with the product its first submit made.
        messages.success(
            self.request, _("“%(title)s” is saved as a draft.") % {"title": product.title}
        )
        return HttpResponseRedirect(
            reverse("portal-product-update", kwargs={"pk": product.pk})
        )


class ProductUpdateView(ArtisanProductMixin, PhotosKeptMixin, FormView):
    """One product: its curation state, what the council said, and its editing form.

    A draft (or a product sent back, rejected or delisted) is edited in place. A
    published product's content is edited as a pending revision that the council
    approves before it goes live. While the product or its revision is being
    judged, only price and stock can change.
    """

    template_name = "portal/product_form.html"

    def load_objects(self) -> None:
        super().load_objects()
        self.revision = revisions.open_revision(self.product)
        if self.product.curation_state in portal_services.CONTENT_EDITABLE_STATES:
            self.mode = "draft"
        elif self.product.curation_state == CurationState.APPROVED and not (
            self.revision and self.revision.state == CurationState.IN_REVIEW
        ):
            self.mode = "revision"
        else:
            self.mode = "locked"

    def get_form_class(self):
        return {"draft": ProductForm, "revision": ProductRevisionForm,
                "locked": ProductStockForm}[self.mode]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.mode == "draft":
            kwargs.update(product_class=self.product.get_product_class(),
                          existing_photos=self.product.images.count(), artisan=self.artisan)
        elif self.mode == "revision":
            kwargs.update(
                product_class=self.product.get_product_class(), artisan=self.artisan,
                live_photos=self.product.images.all(),
                new_photos=self.revision.new_images.all() if self.revision else (),
            )
        return kwargs

    def get_initial(self):
        if self.mode == "revision":
            return ProductRevisionForm.initial_for_revision(self.product, self.revision)
        return self.get_form_class().initial_for(self.product)

    def get_context_data(self, **kwargs):
        state = self.product.curation_state
        decision = latest_decision(product=self.product)
        criteria = criteria_for_product(product=self.product)
        return super().get_context_data(
            product=self.product, craft=self.product.get_product_class(),
            images=self.product.images.all(), mode=self.mode,
            content_editable=self.mode == "draft", revision=self.revision,
            revision_images=self.revision.new_images.all() if self.revision else (),
            can_submit=state in SUBMITTABLE_STATES,
            can_withdraw=state == CurationState.SUBMITTED,
            can_retire=state == CurationState.APPROVED,
            can_resubmit=state == CurationState.DELISTED,
            decision=decision,
            decision_results=decision.results.select_related("criterion") if decision else (),
            evidence=self.product.evidence.select_related("criterion"),
            evidence_form=EvidenceForm(criteria=criteria.filter(asks_evidence=True)),
            criteria=criteria,
            evidence_open=state in EVIDENCE_STATES,
            curation_events=self.product.curation_events.select_related("actor")
            .order_by("-created_at", "-pk"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            save = {"draft": self.save_draft, "revision": self.save_revision,
                    "locked": self.save_locked}[self.mode]
            done = save(form)
        except InvalidPhoto as exc:
            form.add_error("photos", str(exc))
            return self.form_invalid(form)
        except (CatalogueError, CurationError) as exc:
            # ContentLocked lands here too: the product was submitted meanwhile.
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, done)
        return HttpResponseRedirect(self.product_url())

    # One service call each, in one transaction: all of the form is saved, or none.

    def save_draft(self, form) -> str:
        data = form.cleaned_data
        portal_services.product_update(
            product=self.product, user=self.request.user, title=data["title"],
            description=data["description"], category=data["category"],
            price=data["price"], num_in_stock=data["num_in_stock"],
            attributes=form.attribute_values(), photos=data["photos"],
            form_token=data["form_token"],
        )
        return _("Your changes are saved.")

    def save_revision(self, form) -> str:
        data = form.cleaned_data
        revision = portal_services.product_revision_propose(
            product=self.product, user=self.request.user, price=data["price"],
            num_in_stock=data["num_in_stock"], title=data["title"],
            description=data["description"], category=data["category"],
            attributes=form.attribute_values(), photos=data["photos"],
            remove_image_ids=data["remove_photos"],
            remove_new_image_ids=data["remove_new_photos"],
            form_token=data["form_token"],
        )
        return (
            _("The price and stock are saved. Your other changes are sent to "
              "%(council)s; the shop shows the product as it was until they "
              "approve them.")
            if revision.state == CurationState.SUBMITTED else
            _("The price and stock are saved, and your changes too. Send them to "
              "the council again when they are ready.")
        ) % {"council": self.artisan.region.council_name}

    def save_locked(self, form) -> str:
        data = form.cleaned_data
        portal_services.product_stock_update(
            product=self.product, user=self.request.user, price=data["price"],
            num_in_stock=data["num_in_stock"],
        )
        if "title" in self.request.POST:
            # The form was loaded before the product was submitted or claimed.
            messages.warning(self.request, _(
                "Only the price and stock were saved: this product can no longer "
                "be edited otherwise."
            ))
        return _("The price and stock are saved.")


class ProductCurationActionView(ArtisanProductMixin, View):
    """POST: one of the artisan's curation actions on their product."""

    http_method_names = ["post"]
    actions = {
        "submit": curation_services.submission_submit,
        "withdraw": curation_services.submission_withdraw,
        "retire": curation_services.product_retire,
        "resubmit": curation_services.product_resubmit,
        "changes-submit": revisions.revision_submit,
        "changes-withdraw": revisions.revision_withdraw,
    }
    done = {
        "submit": gettext_lazy("“%(title)s” is submitted to %(council)s for curation."),
        "withdraw": gettext_lazy("“%(title)s” is back with you as a draft."),
        "retire": gettext_lazy("“%(title)s” is off the shop for good."),
        "resubmit": gettext_lazy("“%(title)s” is sent to %(council)s for curation again."),
        "changes-submit": gettext_lazy("Your changes to “%(title)s” are sent to %(council)s again."),
        "changes-withdraw": gettext_lazy("Your pending changes to “%(title)s” are dropped; the shop "
                              "keeps showing it as it was."),
    }
    action: str = ""

    def post(self, request, *args, **kwargs):
        try:
            self.actions[self.action](product_id=self.product.pk, user=request.user)
        except CurationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, self.done[self.action] % {
                "title": self.product.title, "council": self.artisan.region.council_name,
            })
        return HttpResponseRedirect(self.product_url())


class EvidenceAddView(ArtisanProductMixin, View):
    """POST: add an evidence photo for one of the criteria."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = EvidenceForm(request.POST, request.FILES, criteria=criteria_for_product(
            product=self.product).filter(asks_evidence=True))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(self.product_url() + "#evidence")
        try:
            evidence_services.evidence_add(
                product_id=self.product.pk, user=request.user,
                criterion_id=form.cleaned_data["criterion"].pk,
                image=form.cleaned_data["image"], caption=form.cleaned_data["caption"],
                form_token=form.cleaned_data["form_token"],
            )
        except (CurationError, CatalogueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The evidence photo is added."))
        return HttpResponseRedirect(self.product_url() + "#evidence")


class EvidenceDeleteView(ArtisanProductMixin, View):
    """POST: remove one of the product's evidence photos."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        evidence = get_object_or_404(self.product.evidence, pk=self.kwargs["evidence_pk"])
        try:
            evidence_services.evidence_delete(evidence_id=evidence.pk, user=request.user)
        except CurationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The evidence photo is removed."))
        return HttpResponseRedirect(self.product_url() + "#evidence")


class ArtisanProductImageMixin(ArtisanProductMixin):
    """A view of one photo of one of the artisan's own products, `image_pk` in the URL."""

    def load_objects(self) -> None:
        super().load_objects()
        self.image = get_object_or_404(
            self.product.images.all(), pk=self.kwargs["image_pk"],
        )


class ProductImageDeleteView(ArtisanProductImageMixin, View):
    """POST: remove one photo of the product."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            portal_services.product_image_delete(image=self.image, user=request.user)
        except CatalogueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The photo is removed."))
        return HttpResponseRedirect(self.product_url())
