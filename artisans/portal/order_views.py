"""The artisan's order lines in the artisan area (/dashboard/artisan/orders/).

Every line is looked up through the artisan-scoped selector, by the id in the
address only: another business's line is a 404 for every page and action, and a
line id put in a form's fields is never read. The actions are POST-only and call
fulfilment.services, which re-check everything under the line's lock; a refused
form shows the page again with what the artisan typed.
"""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from artisans.access import ArtisanRequiredMixin
from fulfilment import services
from fulfilment.errors import FulfilmentError, InvalidShipment
from fulfilment.forms import ShipForm, UnableForm
from fulfilment.models import ShipmentState
from fulfilment.selectors import (
    LINE_FILTERS,
    line_shipment_events,
    order_line_counts,
    order_lines_to_fulfil,
)

FILTER_LABELS = {
    "to-pack": _("To pack"),
    "to-ship": _("To ship"),
    "shipped": _("Shipped"),
    "unable": _("Cannot ship"),
    "all": _("All"),
}
# States from which the artisan may still act on a paid line.
OPEN_STATES = {ShipmentState.WAITING, ShipmentState.PACKED}


class OrderLineListView(ArtisanRequiredMixin, ListView):
    """The order lines the artisan sells, newest order first, filtered by what is to do."""

    template_name = "portal/order_line_list.html"
    context_object_name = "lines"
    paginate_by = 25

    def get_queryset(self):
        show = self.request.GET.get("show", "all")
        self.show = show if show in LINE_FILTERS else "all"
        return order_lines_to_fulfil(user=self.request.user, show=self.show)

    def get_context_data(self, **kwargs):
        counts = order_line_counts(user=self.request.user)
        filters = [
            {"name": name, "label": label, "count": counts[name.replace("-", "_")],
             "current": name == self.show}
            for name, label in FILTER_LABELS.items()
        ]
        return super().get_context_data(filters=filters, show=self.show, **kwargs)


class ArtisanLineMixin(ArtisanRequiredMixin):
    """A view of one of the artisan's own lines, `pk` in the address (else 404)."""

    def load_objects(self) -> None:
        self.line = get_object_or_404(
            order_lines_to_fulfil(user=self.request.user), pk=self.kwargs["pk"]
        )


class OrderLineDetailView(ArtisanLineMixin, DetailView):
    """One of the artisan's order lines: where to ship it, and pack / ship / cannot ship."""

    template_name = "portal/order_line_detail.html"
    context_object_name = "line"
    ship_form: ShipForm | None = None
    unable_form: UnableForm | None = None

    def get_object(self, queryset=None):
        return self.line

    def get_context_data(self, **kwargs):
        line = self.line
        shipment = getattr(line, "shipment", None)
        may_act = line.buyer_details_visible and line.shipment_state in OPEN_STATES
        return super().get_context_data(
            shipment=shipment,
            may_act=may_act,
            ship_form=self.ship_form or ShipForm(),
            unable_form=self.unable_form or UnableForm(),
            events=line_shipment_events(line=line),
            **kwargs,
        )


class LineActionView(ArtisanLineMixin, View):
    """POST one move of the artisan's own line; the service decides whether it is allowed."""

    http_method_names = ["post"]
    form_class = None
    form_name = ""
    done = ""

    def post(self, request, pk: int):
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            return self.page_again(form)
        try:
            self.act(form.cleaned_data if form is not None else {})
        except InvalidShipment as error:
            if form is None:
                raise
            form.add_error(None, str(error))
            return self.page_again(form)
        except FulfilmentError as error:
            # Also a second click: the line was moved already, nothing is doubled.
            messages.error(request, str(error))
        else:
            messages.success(request, self.done)
        return redirect("portal-order-line-detail", pk=self.line.pk)

    def act(self, data: dict) -> None:
        raise NotImplementedError

    def page_again(self, form):
        """The line's page with the refused form as the artisan filled it."""
        page = OrderLineDetailView(**{self.form_name: form})
        page.setup(self.request, pk=self.line.pk)
        page.artisan, page.line, page.object = self.artisan, self.line, self.line
        return page.render_to_response(page.get_context_data(object=self.line))


class LinePackView(LineActionView):
    done = _("Marked as packed. Ship it and enter the tracking number.")

    def act(self, data: dict) -> None:
        services.line_pack(line_id=self.line.pk, user=self.request.user)


class LineShipView(LineActionView):
    form_class = ShipForm
    form_name = "ship_form"
    done = _("Marked as shipped. The buyer will be emailed the courier and tracking number.")

    def act(self, data: dict) -> None:
        services.line_ship(
            line_id=self.line.pk, user=self.request.user, courier=data["courier"],
            courier_other=data.get("courier_other", ""),
            tracking_number=data["tracking_number"],
        )


class LineUnableView(LineActionView):
    form_class = UnableForm
    form_name = "unable_form"
    done = _("Marked as unable to ship. The council will refund the buyer, who has been told.")

    def act(self, data: dict) -> None:
        services.line_unable(
            line_id=self.line.pk, user=self.request.user, reason=data["reason"],
            restock=data.get("restock", False),
        )
