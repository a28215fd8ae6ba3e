"""Top-level URLs: our pages first, then Oscar's storefront and dashboard."""
import re

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from oscar.views.decorators import login_forbidden

from curation.private_files import PrivateFileView
from customer import views as customer_views
from shop import views as shop_views
from shop.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", shop_views.healthz, name="healthz"),
    path("csp-report/", shop_views.csp_report, name="csp-report"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("admin/", admin.site.urls),
    # The artisans' pages the curation area links to: applications and assisted upload.
    path("curation/artisans/", include("artisans.joining.curation_urls")),
    path("curation/assist/", include("artisans.portal.assist_urls")),
    path("curation/", include("curation.urls")),
    # The private storage (core.storages), checked file by file; never a static route.
    path("private-media/<path:name>", PrivateFileView.as_view(), name="private-media"),
    path("verify/", include("curation.public_urls")),
    path("dashboard/curation/", include("curation.dashboard.urls")),
    path("dashboard/fulfilment/", include("fulfilment.dashboard_urls")),
    path("dashboard/statements/", include("statements.dashboard_urls")),
    path("dashboard/payouts/", include("payouts.dashboard_urls")),
    path("join/", include("artisans.joining.urls")),
    path("dashboard/artisan/", include("artisans.portal.urls")),
    path("", include("payments.urls")),
    # Before Oscar's /accounts/ pages: the buyer says a line arrived.
    path("accounts/orders/", include("fulfilment.buyer_urls")),
    path("", include("catalogue.urls")),
    path("", include("search.place_urls")),
    # Django's "choose a new password" page as Oscar's root config routes it, ending
    # any sign-in lockout (customer/views.py).
    path("password-reset/confirm/<str:uidb64>/<str:token>/",
         login_forbidden(customer_views.PasswordResetConfirmView.as_view())),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG or settings.MEDIA_SERVED_BY_DJANGO:
    # In production the web server or the object store serves media (docker-compose:
    # MinIO); the development server and the browser tests' live server serve it here.
    urlpatterns += [
        re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")),
                shop_views.media_serve),
    ]
