"""The council's page of order lines their artisan cannot ship, in Oscar's dashboard.

Staff only: anyone else signed in gets 403, anonymous visitors go to the login page.
Recording a refund goes through fulfilment.services.line_refund, which also
requires staff who manage payments.
"""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from curation.dashboard.views import StaffRequiredMixin
from fulfilment import services
from fulfilment.errors import FulfilmentError
from fulfilment.forms import RefundForm
from fulfilment.models import LineShipment
from fulfilment.selectors import shipments_awaiting_refund, shipments_refunded


class UnableLineListView(StaffRequiredMixin, ListView):
    """Lines to refund, oldest first, with order, buyer, artisan and amount."""

    template_name = "fulfilment/dashboard/unable_lines.html"
    context_object_name = "shipments"
    paginate_by = 50
    refunded = False

    def get_queryset(self):
        return shipments_refunded() if self.refunded else shipments_awaiting_refund()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            refunded=self.refunded, refund_form=RefundForm(),
            to_refund_count=shipments_awaiting_refund().count(), **kwargs,
        )


class RefundedLineListView(UnableLineListView):
    refunded = True


class LineRefundView(StaffRequiredMixin, View):
    """POST: the council has refunded the buyer for this line (the line's id in the address)."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        shipment = get_object_or_404(LineShipment.objects.select_related("line"), line_id=pk)
        form = RefundForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(
                str(error) for errors in form.errors.values() for error in errors
            ))
            return redirect("fulfilment-unable-lines")
        try:
            services.line_refund(line_id=shipment.line_id, user=request.user,
                                 note=form.cleaned_data["note"])
        except FulfilmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Refund recorded for “%(title)s”; the buyer is emailed.")
                             % {"title": shipment.line.title})
        return redirect("fulfilment-unable-lines")
