"""Oscar's own messages whose Indonesian we translate better than Oscar's catalogue does.

Listed here only so that `make messages` keeps them in locale/id: our catalogue is
searched before Oscar's (LOCALE_PATHS), so our translation wins.
"""
from django.utils.translation import gettext_noop

OSCAR_MESSAGES = (
    # Oscar: "dalam stok (%d available)", half English.
    gettext_noop("In stock (%d available)"),
)
