"""Card payment URLs, under /payments/stripe/."""
from django.urls import path

from stripe_payments import views

urlpatterns = [
    path("webhook/", views.StripeWebhookView.as_view(), name="stripe-webhook"),
    path("pay/<str:number>/", views.CardPaymentView.as_view(), name="stripe-payment"),
    path("return/<str:number>/", views.CardPaymentReturnView.as_view(),
         name="stripe-payment-return"),
    path("refund/<str:number>/", views.OrderCardRefundView.as_view(),
         name="stripe-order-refund"),
]
