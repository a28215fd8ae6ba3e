"""The council's refunds of order lines, in Oscar's dashboard.

Staff only: anyone else signed in gets 403 (artisans and buyers included), anonymous
visitors go to the login page. The refund actions (POST only) are refused, with a
message, to staff who do not manage payments (order.change_order). A card order's line is refunded through
Stripe (payments.card_refunds), a bank-transfer order's recorded by hand
(fulfilment.services.line_refund); the services re-check everything under the lock.
"""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView
from oscar.apps.order.models import Order

from core.access import StaffRequiredMixin
from fulfilment import refunds, services
from fulfilment.errors import FulfilmentError
from fulfilment.forms import CardRefundForm, OrderRefundForm, RefundForm
from fulfilment.models import LineShipment
from fulfilment.selectors import shipments_awaiting_refund, shipments_refunded
from payments.errors import PaymentError
from payments.selectors import latest_card_refunds, order_paid_by_card, user_manages_payments


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


class UnableLineListView(StaffRequiredMixin, ListView):
    """Lines to refund, oldest first, with order, buyer, artisan and amount; a card
    order's line shows its refund asked of Stripe, or why Stripe failed it."""

    template_name = "fulfilment/dashboard/unable_lines.html"
    context_object_name = "shipments"
    paginate_by = 50
    refunded = False

    def get_queryset(self):
        return shipments_awaiting_refund() if not self.refunded else shipments_refunded()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            refunded=self.refunded, refund_form=RefundForm(),
            to_refund_count=shipments_awaiting_refund().count(),
            may_refund=user_manages_payments(user=self.request.user), **kwargs,
        )
        shipments = list(context["shipments"])
        card = latest_card_refunds(line_ids=[shipment.line_id for shipment in shipments])
        paid_by_card = {}
        for shipment in shipments:
            order = shipment.line.order
            if order.pk not in paid_by_card:
                paid_by_card[order.pk] = order_paid_by_card(order=order)
            shipment.by_card = paid_by_card[order.pk]
            shipment.card_refund = card.get(shipment.line_id)
        context["shipments"] = shipments
        return context


class RefundedLineListView(UnableLineListView):
    refunded = True


class RefundActionMixin(StaffRequiredMixin):
    """Staff only (anyone else 403, anonymous to sign in); the services refuse staff
    who do not manage payments, with a message."""

    def back(self):
        """Where the action was pressed (the list, or the dashboard's order page)."""
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
                target, allowed_hosts={self.request.get_host()},
                require_https=self.request.is_secure()):
            return redirect(target)
        return redirect("fulfilment-unable-lines")


class LineRefundView(RefundActionMixin, View):
    """POST: the council refunded the buyer of a bank-transfer order for this line (the
    line's id in the address) and records it."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        shipment = get_object_or_404(LineShipment.objects.select_related("line"), line_id=pk)
        form = RefundForm(request.POST)
        if not form.is_valid():
            messages.error(request, _form_errors(form))
            return self.back()
        try:
            services.line_refund(line_id=shipment.line_id, user=request.user,
                                 note=form.cleaned_data["note"],
                                 reason=form.cleaned_data["reason"])
        except FulfilmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Refund recorded for “%(title)s”; the buyer will be emailed.")
                             % {"title": shipment.line.title})
        return self.back()


class LineCardRefundView(RefundActionMixin, View):
    """POST: ask Stripe to refund this line of a card order; the line is refunded when
    Stripe's webhook confirms it."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        shipment = get_object_or_404(LineShipment.objects.select_related("line"), line_id=pk)
        form = CardRefundForm(request.POST)
        if not form.is_valid():
            messages.error(request, _form_errors(form))
            return self.back()
        try:
            refunds.line_refund_by_card(line_id=shipment.line_id, user=request.user,
                                             reason=form.cleaned_data["reason"])
        except (FulfilmentError, PaymentError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _(
                "Stripe is refunding “%(title)s”; the line shows as refunded once Stripe "
                "confirms it.") % {"title": shipment.line.title})
        return self.back()


class OrderRefundView(RefundActionMixin, View):
    """POST: refund every line of the order not refunded yet (the order's number in the
    address), by card or recorded by hand as the order was paid."""

    http_method_names = ["post"]

    def post(self, request, number: str):
        order = get_object_or_404(Order, number=number)
        form = OrderRefundForm(request.POST)
        if not form.is_valid():
            messages.error(request, _form_errors(form))
            return self.back()
        try:
            outcome = refunds.order_refund_all(
                order=order, user=request.user, reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except FulfilmentError as error:
            messages.error(request, str(error))
            return self.back()
        if outcome.requested:
            messages.success(request, _(
                "Stripe is refunding %(count)s line(s) of order %(number)s; each shows as "
                "refunded once Stripe confirms it.") % {
                "count": len(outcome.requested), "number": order.number})
        if outcome.refunded:
            messages.success(request, _("%(count)s line(s) of order %(number)s recorded as "
                                        "refunded.") % {"count": len(outcome.refunded),
                                                        "number": order.number})
        for error in outcome.errors:
            messages.error(request, error)
        if not (outcome.requested or outcome.refunded or outcome.errors):
            messages.info(request, _("Every line of order %(number)s is refunded or waiting "
                                     "for Stripe already.") % {"number": order.number})
        return self.back()
