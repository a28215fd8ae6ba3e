from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormTokensConfig(AppConfig):
    """The one-time tokens of forms that create something, as they were spent."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core.form_tokens"
    label = "form_tokens"
    verbose_name = _("One-time form tokens")
