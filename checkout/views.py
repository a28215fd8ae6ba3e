"""Checkout views (loaded by Oscar as checkout.views).

Oscar's flow, with payment filled in: basket → (guest email) → shipping address →
shipping method (skipped when there is only one) → payment method (skipped when
there is only one) → payment details → preview → place order → thank you.
The payment method itself (payments.methods) decides what paying means; the
order is placed with the stock of its lines locked and re-checked.
"""
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import exceptions as checkout_exceptions
from oscar.apps.checkout import views as core_views

from checkout.forms import PaymentMethodForm
from checkout.services import basket_stock_lock
from payments.methods import available_methods, method_for_code
from payments.selectors import order_awaits_bank_transfer
from payments.services import bank_transfer_instructions


def order_payment_context(order) -> dict:
    """Template context about paying `order`: shared by the thank-you page and the email."""
    awaiting = order_awaits_bank_transfer(order=order)
    return {"bank_transfer": bank_transfer_instructions(order=order) if awaiting else None}


class IndexView(core_views.IndexView):
    """The checkout's first step: guest email, new account or "I have an account".

    Oscar builds its sign-in form without the request, so the password check ran
    without it and django-axes refused it (a 500 for every returning customer who
    signed in here). With the request, failed tries count like the login page's.
    """

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PaymentMethodView(core_views.PaymentMethodView):
    """The buyer chooses how to pay; with a single method on offer it is chosen for them."""

    template_name = "oscar/checkout/payment_method.html"

    def get(self, request, *args, **kwargs):
        methods = available_methods(request=request)
        if not methods:
            messages.error(request, _("No payment method is available right now."))
            return redirect("basket:summary")
        if len(methods) == 1:
            self.checkout_session.pay_by(methods[0].code)
            return self.get_success_response()
        form = PaymentMethodForm(
            methods=methods, initial={"method_code": self.checkout_session.payment_method()}
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = PaymentMethodForm(request.POST, methods=available_methods(request=request))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.checkout_session.pay_by(form.cleaned_data["method_code"])
        return self.get_success_response()


class PaymentDetailsView(core_views.PaymentDetailsView):
    """Payment details and preview, then placing the order with the chosen method."""

    pre_conditions = core_views.PaymentDetailsView.pre_conditions + [
        "check_payment_method_is_chosen",
    ]

    def get_payment_method(self):
        return method_for_code(self.checkout_session.payment_method(), request=self.request)

    def check_payment_method_is_chosen(self, request):
        if self.get_payment_method() is None:
            raise checkout_exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you want to pay."),
            )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_method"] = self.get_payment_method()
        return ctx

    def handle_payment(self, order_number, total, **kwargs):
        method = self.get_payment_method()
        for source in method.take_payment(order_number=order_number, total=total):
            self.add_payment_source(source)

    def get_initial_order_status(self, basket):
        return self.get_payment_method().initial_order_status

    def place_order(self, **kwargs):
        # Oscar calls this with keyword arguments only. The stock check and Oscar's
        # allocation share one transaction, so the last item cannot be sold twice.
        with transaction.atomic():
            basket_stock_lock(basket=kwargs["basket"])
            return super().place_order(**kwargs)

    def get_message_context(self, order):
        ctx = super().get_message_context(order)
        ctx.update(order_payment_context(order))
        return ctx

    def handle_successful_order(self, order):
        # Oscar flushes the checkout session here; keep how the buyer chose to pay.
        self.placed_order, self.placed_with = order, self.checkout_session.payment_method()
        return super().handle_successful_order(order)

    def get_success_url(self):
        """A card order goes straight to its payment page; the others to the thank-you page."""
        if getattr(self, "placed_with", None) == "card":
            return reverse("stripe-payment", kwargs={"number": self.placed_order.number})
        return super().get_success_url()


class ThankYouView(core_views.ThankYouView):
    """Oscar's thank-you page, with how to pay when the order awaits a transfer."""

    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx.update(order_payment_context(ctx["order"]))
        return ctx
