from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import ImageForm
from .models import Image
from .widgets import thumbnail


class RightsFilter(admin.SimpleListFilter):
    title = _("credit and copyright")
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [("complete", _("Complete")), ("missing", _("Missing"))]

    def queryset(self, request, queryset):
        missing = Q(credit="") | Q(copyright="")
        if self.value() == "complete":
            return queryset.exclude(missing)
        if self.value() == "missing":
            return queryset.filter(missing)
        return queryset


class UsageFilter(admin.SimpleListFilter):
    title = _("usage")
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [("yes", _("Used by an article")), ("no", _("Unused"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(article_uses__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(article_uses__isnull=True)
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "title",
        "credit",
        "copyright",
        "dimensions",
        "usage",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = [
        RightsFilter,
        UsageFilter,
        "is_decorative",
        "format",
        "uploaded_at",
        "uploaded_by",
    ]
    list_select_related = ["uploaded_by"]
    search_fields = ["title", "alt_text", "caption", "credit", "copyright"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "preview",
        "dimensions",
        "format",
        "file_size",
        "uploaded_by",
        "uploaded_at",
        "used_in",
    ]
    fieldsets = [
        (None, {"fields": ["file", "preview", "title"]}),
        (
            _("Accessibility and caption"),
            {"fields": ["alt_text", "is_decorative", "caption"]},
        ),
        (
            _("Rights"),
            {
                "fields": ["credit", "copyright"],
                "description": _(
                    "Left empty, these are filled from the file's own metadata "
                    "when it has any. Both are needed before publishing."
                ),
            },
        ),
        (_("Cropping"), {"fields": ["focal_point_x", "focal_point_y"]}),
        (
            _("File"),
            {
                "fields": [
                    "dimensions",
                    "format",
                    "file_size",
                    "uploaded_by",
                    "uploaded_at",
                    "used_in",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin/images.css"]}
        js = ["js/admin/focal-point.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_usage()

    def get_urls(self):
        return [
            path(
                "<path:object_id>/usage/",
                self.admin_site.admin_view(self.usage_view),
                name="images_image_usage",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("thumbnail"))
    def thumbnail(self, image):
        return thumbnail(image)

    @admin.display(description=_("preview"))
    def preview(self, image):
        if not image.pk:
            return "—"
        return format_html(
            '<span class="focal-point-picker" title="{}">{}</span>',
            _("Click the picture to set the focal point."),
            thumbnail(image, width=480),
        )

    @admin.display(description=_("size"))
    def dimensions(self, image):
        if not image.width:
            return "—"
        return f"{image.width} × {image.height}"

    @admin.display(description=_("used by"), ordering="usage_count")
    def usage(self, image):
        count = getattr(image, "usage_count", None)
        if not count:
            return _("unused")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:images_image_usage", args=[image.pk]),
            _("%(count)d article(s)") % {"count": count},
        )

    @admin.display(description=_("used in"))
    def used_in(self, image):
        if not image.pk:
            return "—"
        return self.usage(image) if hasattr(image, "usage_count") else "—"

    def usage_view(self, request, object_id):
        image = get_object_or_404(Image, pk=object_id)
        if not self.has_view_or_change_permission(request, image):
            raise PermissionDenied
        articles = image.article_uses.select_related("section").order_by("-updated_at")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Where “%(title)s” is used") % {"title": image.title},
            "image": image,
            "thumbnail": thumbnail(image),
            "articles": articles,
        }
        return TemplateResponse(request, "admin/images/image/usage.html", context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
