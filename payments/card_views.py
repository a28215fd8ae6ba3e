"""The buyer's card payment pages and Stripe's webhook."""
import json
import logging

from django.conf import settings
from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from oscar.apps.order.models import Order

from core.outbox.services import outbox_enqueue
from payments.errors import PaymentError
from payments.statuses import OrderStatus
from payments import card, card_refunds, gateway
from payments.errors import WebhookPayloadInvalid, WebhookSignatureInvalid
from payments.selectors import order_awaits_card_payment, order_visible_to_request
from payments.tasks import stripe_event_process
from payments.views import PaymentStaffRequiredMixin

logger = logging.getLogger(__name__)


def _buyers_order(request, number: str) -> Order:
    order = get_object_or_404(Order, number=number)
    if not order_visible_to_request(order=order, request=request):
        raise Http404
    return order


class CardPaymentView(View):
    """The payment page: Stripe's Payment Element for the order's PaymentIntent."""

    def get(self, request, number):
        order = _buyers_order(request, number)
        return_url = request.build_absolute_uri(
            reverse("stripe-payment-return", kwargs={"number": order.number})
        )
        if not order_awaits_card_payment(order=order):
            return redirect(return_url)
        try:
            payment, client_secret = card.payment_intent_for_order(order=order)
        except PaymentError as error:
            messages.error(request, str(error))
            return render(request, "stripe_payments/pay.html", {"order": order}, status=503)
        if payment.status in ("succeeded", "processing"):
            return redirect(return_url)  # Paid already: the webhook does the rest.
        return render(request, "stripe_payments/pay.html", {
            "order": order,
            "payment": payment,
            "client_secret": client_secret,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "return_url": return_url,
        })


class CardPaymentReturnView(View):
    """Where Stripe sends the buyer back. It only says where things stand: the order is
    marked paid by the webhook, not by this page, so nothing here is polled or trusted.
    """

    def get(self, request, number):
        order = _buyers_order(request, number)
        payment = getattr(order, "stripe_payment", None)
        return render(request, "stripe_payments/return.html", {
            "order": order,
            "payment": payment,
            "paid": order.status not in (OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED),
            "cancelled": order.status == OrderStatus.CANCELLED,
            "failed": request.GET.get("redirect_status") == "failed",
            "retry_url": (reverse("stripe-payment", kwargs={"number": order.number})
                          if order_awaits_card_payment(order=order) else ""),
        })


@method_decorator(csrf_exempt, name="dispatch")
class StripeWebhookView(View):
    """POST only. The signature is checked on the raw body; a bad or mistimed one, or a
    body that is no Stripe event, gets 400 with a short plain message and nothing is
    stored. A good event is stored and answered 200 at once; the Celery task applies
    it after the commit.
    """

    http_method_names = ["post"]

    def post(self, request):
        try:
            event = gateway.event_construct(
                payload=request.body,
                signature=request.headers.get("Stripe-Signature", ""),
            )
        except WebhookSignatureInvalid as error:
            logger.warning("Stripe webhook refused: %s", error)
            return _bad_request("invalid signature")
        except WebhookPayloadInvalid as error:
            logger.warning("Stripe webhook refused: %s", error)
            return _bad_request("not a Stripe event")
        with transaction.atomic():
            stored, _created = card.stripe_event_record(event=event)
            if stored.processed_at is None:
                # A replay of an event not applied yet promises nothing new (the key).
                outbox_enqueue(task=stripe_event_process, kwargs={"event_id": stored.event_id},
                               dedupe_key=f"stripe-event:{stored.event_id}")
        return HttpResponse(json.dumps({"received": True}), content_type="application/json")


def _bad_request(message: str) -> HttpResponseBadRequest:
    # Read by Stripe's dashboard and by whoever probes the address: plain, not a page.
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class CardRefundForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Amount to refund (rupiah)"), min_value=1, decimal_places=0,
        max_digits=14,
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=255, required=False)
    # One per page shown: a second submit of the same page asks Stripe for the same refund.
    request_token = forms.RegexField(regex=r"^[0-9a-f]{32}$")


class OrderCardRefundView(PaymentStaffRequiredMixin, View):
    """POST only: staff who manage orders refund (part of) a card payment through
    Stripe. The refund is recorded on the order when Stripe's charge.refunded webhook
    confirms it. Anonymous users are sent to sign in; anyone else gets 403.
    """

    http_method_names = ["post"]

    def post(self, request, number):
        order = get_object_or_404(Order, number=number)
        form = CardRefundForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter a whole number of rupiah to refund."))
            return redirect("dashboard:order-detail", number=order.number)
        try:
            card_refunds.order_refund_by_card(
                order=order, user=request.user, amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                request_token=form.cleaned_data["request_token"],
            )
        except PaymentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _(
                "Stripe is refunding %(amount)s rupiah for order %(number)s; the refund is "
                "recorded here once Stripe confirms it.") % {
                "amount": form.cleaned_data["amount"], "number": order.number})
        return redirect("dashboard:order-detail", number=order.number)
