"""Payment URLs; shop/urls.py includes them before Oscar's, under the site root."""
from django.urls import include, path

from shop.payments import views

urlpatterns = [
    path(
        "dashboard/orders/<str:number>/mark-paid/",
        views.OrderMarkPaidView.as_view(),
        name="payments-order-mark-paid",
    ),
    path("payments/stripe/", include("stripe_payments.urls")),
    # Before Oscar's /accounts/ pages: the buyer says a line arrived.
    path("accounts/orders/", include("fulfilment.buyer_urls")),
]
