"""Template context shared by every storefront page."""
from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _


def _work_links(user) -> list[tuple[str, str]]:
    """Links to the areas this user works in: artisan area, curation, dashboard."""
    if not user.is_authenticated:
        return []
    from catalogue.selectors import artisan_for_user
    from curation.selectors import curator_for_user

    links = []
    if artisan_for_user(user=user):
        links.append((reverse("portal-product-list"), _("My shop")))
    if user.is_superuser or curator_for_user(user=user):
        links.append((reverse("curation-queue"), _("Curation")))
    if user.is_staff:
        links.append((reverse("dashboard:index"), _("Dashboard")))
    return links


def marketplace(request):
    """Languages for the switcher, the bank-transfer details, and the user's work areas."""
    user = getattr(request, "user", None)
    return {
        "marketplace_languages": settings.LANGUAGES,
        "bank_transfer_account": settings.BANK_TRANSFER_ACCOUNT,
        # Lazy: costs its queries only on pages that show the links.
        "work_links": SimpleLazyObject(lambda: _work_links(user) if user else []),
    }
