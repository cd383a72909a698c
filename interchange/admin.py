from django.contrib import admin

from .models import SourceRecord


@admin.register(SourceRecord)
class SourceRecordAdmin(admin.ModelAdmin):
    """Read-only: the importer alone writes these links."""

    list_display = ["source_id", "source", "article", "imported_at"]
    list_filter = ["source"]
    list_select_related = ["article"]
    search_fields = ["source_id", "article__headline", "article__slug"]
    fieldsets = [(None, {"fields": ["source", "source_id", "article", "imported_at"]})]
    readonly_fields = ["source", "source_id", "article", "imported_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
