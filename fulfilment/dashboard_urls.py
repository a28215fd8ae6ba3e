"""The council's refunds of lines that cannot be shipped, under /dashboard/fulfilment/."""
from django.urls import path

from fulfilment import dashboard_views

urlpatterns = [
    path("", dashboard_views.UnableLineListView.as_view(), name="fulfilment-unable-lines"),
    path("refunded/", dashboard_views.RefundedLineListView.as_view(),
         name="fulfilment-refunded-lines"),
    path("lines/<int:pk>/refund/", dashboard_views.LineRefundView.as_view(),
         name="fulfilment-line-refund"),
]
