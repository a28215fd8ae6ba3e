"""A Django admin that shows and never writes.

For rows that only services write: the append-only records (events, ledgers,
notifications) and the curated content of the catalogue, which changes only
through the artisan's area and a curator's approval on record.
"""
from django.contrib import admin


class ReadOnlyPermissions:
    """Nothing may be added, changed or deleted (for a model admin or an inline)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyPermissions, admin.ModelAdmin):
    pass


#: For inlines shown with a read-only admin.
ReadOnlyInline = ReadOnlyPermissions
