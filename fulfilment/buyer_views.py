"""The buyer's side of fulfilment: "I received it" on their order page.

The line is looked up among the signed-in buyer's own orders by the number and line id
in the address: anybody else's line is a 404. fulfilment.services.line_deliver checks
again under the line's lock.
"""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from fulfilment import services
from fulfilment.errors import FulfilmentError

Line = get_model("order", "Line")


class LineReceivedView(LoginRequiredMixin, View):
    """POST: the buyer says the line's piece arrived."""

    http_method_names = ["post"]

    def post(self, request, number: str, line_id: int):
        line = get_object_or_404(Line, pk=line_id, order__number=number,
                                 order__user=request.user)
        try:
            services.line_deliver(line_id=line.pk, user=request.user)
        except FulfilmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you: “%(title)s” is marked as received.")
                             % {"title": line.title})
        return redirect("customer:order", order_number=number)
