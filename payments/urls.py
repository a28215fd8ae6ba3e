"""Payment URLs; shop/urls.py includes them before Oscar's, under the site root."""
from django.urls import include, path

from payments import views

urlpatterns = [
    path(
        "dashboard/orders/<str:number>/mark-paid/",
        views.OrderMarkPaidView.as_view(),
        name="payments-order-mark-paid",
    ),
    path("payments/stripe/", include("payments.card_urls")),
]
