"""The public application to join as an artisan business (/join/)."""
from django.urls import path

from artisans.joining import views

urlpatterns = [
    path("", views.ApplicationCreateView.as_view(), name="artisan-apply"),
]
