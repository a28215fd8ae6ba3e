"""The council's payout pages, included at /dashboard/payouts/."""
from django.urls import path

from payouts import dashboard_views as views

urlpatterns = [
    path("", views.BalanceListView.as_view(), name="payouts-balances"),
    path("balances.csv", views.BalanceCsvView.as_view(), name="payouts-balances-csv"),
    path("ledger.csv", views.LedgerCsvView.as_view(), name="payouts-ledger-csv"),
    path("artisans/<int:artisan_id>/", views.ArtisanLedgerView.as_view(), name="payouts-ledger"),
    path("artisans/<int:artisan_id>/pay/", views.PayoutCreateView.as_view(),
         name="payouts-record"),
    path("artisans/<int:artisan_id>/adjust/", views.AdjustmentCreateView.as_view(),
         name="payouts-adjust"),
]
