"""Assisted upload from the curation area, included at /curation/assist/."""
from django.urls import path

from artisans.portal import assist_views

urlpatterns = [
    path("<int:artisan_pk>/", assist_views.AssistStartView.as_view(),
         name="curation-assist-start"),
    path("stop/", assist_views.AssistStopView.as_view(), name="curation-assist-stop"),
]
