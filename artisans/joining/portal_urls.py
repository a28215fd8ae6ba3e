"""The artisan's own profile and logins (/dashboard/artisan/profile/). No business id
in any address: the business is the signed-in login's."""
from django.urls import path

from artisans.joining import views

urlpatterns = [
    path("", views.ProfileUpdateView.as_view(), name="portal-artisan-profile"),
    path("apply-again/", views.ReapplyView.as_view(), name="portal-artisan-reapply"),
    path("logins/add/", views.LoginAddView.as_view(), name="portal-artisan-login-add"),
    path("logins/remove/", views.LoginRemoveView.as_view(), name="portal-artisan-login-remove"),
]
