"""Staff actions on payments, reached from Oscar's dashboard order page."""
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.order.models import Order

from payments import services
from payments.errors import PaymentError
from payments.selectors import user_manages_payments


class PaymentStaffRequiredMixin:
    """Council staff who manage orders' payments (selectors.user_manages_payments);
    anyone else is sent to sign in, or answered 403 once signed in."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_manages_payments(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrderMarkPaidView(PaymentStaffRequiredMixin, View):
    """POST only: staff confirm the bank transfer for an order has arrived.

    Anonymous users are sent to sign in; anyone else who may not confirm payments
    (buyers, artisans with dashboard access, staff without order rights) gets 403.
    """

    http_method_names = ["post"]

    def post(self, request, number):
        order = get_object_or_404(Order, number=number)
        reference = request.POST.get("reference", "").strip()[:128]
        try:
            services.order_mark_paid(order=order, user=request.user, reference=reference)
        except PaymentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Order %(number)s is marked as paid.") % {"number": order.number}
            )
        return redirect("dashboard:order-detail", number=order.number)
