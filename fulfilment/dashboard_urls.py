"""The council's refunds of order lines, under /dashboard/fulfilment/."""
from django.urls import path

from fulfilment import dashboard_views

urlpatterns = [
    path("", dashboard_views.UnableLineListView.as_view(), name="fulfilment-unable-lines"),
    path("refunded/", dashboard_views.RefundedLineListView.as_view(),
         name="fulfilment-refunded-lines"),
    path("lines/<int:pk>/refund/", dashboard_views.LineRefundView.as_view(),
         name="fulfilment-line-refund"),
    path("lines/<int:pk>/refund-by-card/", dashboard_views.LineCardRefundView.as_view(),
         name="fulfilment-line-card-refund"),
    path("orders/<str:number>/refund/", dashboard_views.OrderRefundView.as_view(),
         name="fulfilment-order-refund"),
]
