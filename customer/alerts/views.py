"""The stock-alert pages of the customer app (/accounts/alerts/...), for public
products only.

Oscar's CustomerConfig.ready() loads each alert view with
get_class("customer.alerts.views", ...), which finds this module of the fork.

Oscar's alert views look the product up unfiltered, so an alert address could
name a draft, rejected or delisted product and email its title. These views find
products only among Product.objects.public(). The emails that say a product is
back in stock are safe already: send_alerts() starts from browsable(), and the
eager alert sent when a stock record is saved goes out only when the partner
strategy says the product can be bought, which it never can unless published.

The alert form, with its one-time token, is the catalogue's (catalogue/alerts.py),
because the product page shows it too.
"""
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from oscar.apps.customer.alerts import views as oscar_views
from oscar.core.loading import get_class

from catalogue.alerts import ALERT_FORM_KIND, ProductAlertForm
from catalogue.models import Product
from core.form_tokens.selectors import form_token_earlier
from core.form_tokens.services import form_token_once
from customer.models import ProductAlert

AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")


def _public_product(pk: int) -> Product:
    return get_object_or_404(Product.objects.public(), pk=pk)


def _product_url_or_home(product: Product) -> str:
    """The product's address while it is public; the home page once it is not."""
    if Product.objects.public().filter(pk=product.pk).exists():
        return product.get_absolute_url()
    return reverse("home")


class ProductAlertListView(oscar_views.ProductAlertListView):
    """The buyer's open alerts, leaving out those whose product is no longer public."""

    def get_queryset(self):
        return (
            super().get_queryset()
            .filter(product__in=Product.objects.public())
            .select_related("product__parent")  # a variant's title is its parent's
        )


class ProductAlertCreateView(oscar_views.ProductAlertCreateView):
    """Oscar's alert form handler; a product that is not public does not exist here.

    A copy of the form sent again (a double click) is answered as the first was: the
    form's own checks would call the alert the first copy made "already there", and
    two copies at once would both pass them (two alerts, two confirmation emails).
    """

    form_class = ProductAlertForm

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(_public_product(kwargs["pk"]).get_absolute_url())

    def post(self, request, *args, **kwargs):
        self.product = _public_product(kwargs["pk"])
        earlier = form_token_earlier(kind=ALERT_FORM_KIND, user=request.user,
                                     token=request.POST.get("form_token", ""))
        self.object = ProductAlert.objects.filter(pk=earlier).first() if earlier else None
        if self.object is not None:
            return HttpResponseRedirect(self.get_success_url())
        # Skip Oscar's post(), which would look the product up again, unfiltered.
        return super(oscar_views.ProductAlertCreateView, self).post(request, *args, **kwargs)

    def form_valid(self, form):
        self.object, created = form_token_once(
            kind=ALERT_FORM_KIND, token=form.cleaned_data["form_token"],
            user=self.request.user, model=ProductAlert, create=form.save,
        )
        if created and self.object.is_anonymous:
            AlertsDispatcher().send_product_alert_confirmation_email_for_user(self.object)
        if self.object is None:
            return HttpResponseRedirect(self.product.get_absolute_url())
        return HttpResponseRedirect(self.get_success_url())


class ProductAlertConfirmView(oscar_views.ProductAlertConfirmView):
    """Confirms by key; sends the buyer to the product only while it is public."""

    def get_redirect_url(self, *args, **kwargs):
        return _product_url_or_home(self.alert.product)


class ProductAlertCancelView(oscar_views.ProductAlertCancelView):
    """Cancels by key or pk; redirects to `next` on this site, else to the product
    while it is public, else home (Oscar follows any `next` and any product)."""

    def get_redirect_url(self, *args, **kwargs):
        next_url = self.request.GET.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return next_url
        return _product_url_or_home(self.alert.product)
