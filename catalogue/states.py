"""The curation states of a product (DESIGN.md, "Curation workflow").

The curation workflow (curation/) moves a product between them; they live here,
free of model imports, because they are a field of the catalogue's Product.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CurationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DELISTED = "delisted", _("Delisted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
