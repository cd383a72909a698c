from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from images.widgets import ImageChooserWidget

from .models import (
    Article,
    Author,
    Byline,
    KeyTakeaway,
    RelatedLink,
    Section,
    TransitionError,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    verbose_name = _("author")
    verbose_name_plural = _("byline (in order)")


class KeyTakeawayInline(admin.TabularInline):
    model = KeyTakeaway
    extra = 1
    fields = ["position", "text"]


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "from_article"
    extra = 0
    max_num = RelatedLink.MAX_PER_ARTICLE
    fields = ["position", "to_article"]
    autocomplete_fields = ["to_article"]
    verbose_name_plural = _("related articles pinned by the newsroom (in order)")


def run_transition(modeladmin, request, queryset, method_name, done_message):
    """Apply a model state change to each selected object; refusals are
    reported one by one and do not stop the others."""
    done = 0
    for obj in queryset:
        try:
            getattr(obj, method_name)(by=request.user)
        except (TransitionError, PermissionDenied) as refusal:
            modeladmin.message_user(request, f"{obj}: {refusal}", messages.WARNING)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "section",
        "byline",
        "status_label",
        "published_at",
        "updated_at",
    ]
    list_filter = ["status", "section", "authors"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = []
    readonly_fields = ["status", "created_at", "updated_at"]
    inlines = [BylineInline, KeyTakeawayInline, RelatedLinkInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        (
            _("Hero image"),
            {
                "fields": ["hero_image", "hero_image_alt", "hero_image_caption"],
                "description": _(
                    "Pick a picture from the image library with the magnifier; "
                    "its credit and copyright come with it."
                ),
            },
        ),
        (_("Classification"), {"fields": ["section", "tags"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "hero_image":
            kwargs["widget"] = ImageChooserWidget(
                db_field.remote_field, self.admin_site
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Scheduling is publishing: only editors choose when a story goes out.
            readonly.append("published_at")
        return readonly

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    @admin.display(description=_("byline"))
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return _("Scheduled")
        return article.get_status_display()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            "publish",
            lambda n: (
                ngettext(
                    "%(count)d article published.", "%(count)d articles published.", n
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            "unpublish",
            lambda n: (
                ngettext(
                    "%(count)d article unpublished.",
                    "%(count)d articles unpublished.",
                    n,
                )
                % {"count": n}
            ),
        )
