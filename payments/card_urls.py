"""Card payment URLs, under /payments/stripe/."""
from django.urls import path

from payments import card_views

urlpatterns = [
    path("webhook/", card_views.StripeWebhookView.as_view(), name="stripe-webhook"),
    path("pay/<str:number>/", card_views.CardPaymentView.as_view(), name="stripe-payment"),
    path("return/<str:number>/", card_views.CardPaymentReturnView.as_view(),
         name="stripe-payment-return"),
    path("refund/<str:number>/", card_views.OrderCardRefundView.as_view(),
         name="stripe-order-refund"),
]
