"""Template context shared by every storefront page."""
from django.conf import settings


def marketplace(request):
    """Languages for the switcher and the bank-transfer details for payment pages."""
    return {
        "marketplace_languages": settings.LANGUAGES,
        "bank_transfer_account": settings.BANK_TRANSFER_ACCOUNT,
    }
