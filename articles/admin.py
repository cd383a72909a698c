from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from images.widgets import ImageChooserWidget

from . import policy
from .admin_workflow import (
    ContentHistoryMixin,
    ObjectPolicyInlineMixin,
    WorkflowPanelMixin,
    report_refusal,
    transition_log,
    workflow_buttons,
)
from .forms import ArticleAdminForm
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


class ArticleInlineMixin(ObjectPolicyInlineMixin):
    def parent_editable(self, user, article):
        return policy.can_edit_article(user, article)


class BylineInline(ArticleInlineMixin, admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    verbose_name = gettext_lazy("author")
    verbose_name_plural = gettext_lazy("byline (in order)")


class KeyTakeawayInline(ArticleInlineMixin, admin.TabularInline):
    model = KeyTakeaway
    extra = 1
    max_num = KeyTakeaway.MAX_PER_ARTICLE
    fields = ["position", "text"]


class RelatedLinkInline(ArticleInlineMixin, admin.TabularInline):
    model = RelatedLink
    fk_name = "from_article"
    extra = 0
    max_num = RelatedLink.MAX_PER_ARTICLE
    fields = ["position", "to_article"]
    autocomplete_fields = ["to_article"]
    verbose_name_plural = gettext_lazy(
        "related articles pinned by the newsroom (in order)"
    )


def run_transition(modeladmin, request, queryset, method_name, done_message):
    """Apply a model state change to each selected object; refusals are
    reported one by one and do not stop the others."""
    done = 0
    for obj in queryset:
        try:
            flags = getattr(obj, method_name)(by=request.user)
        except (TransitionError, PermissionDenied) as refusal:
            report_refusal(modeladmin, request, obj, refusal)
        else:
            done += 1
            # `publish()` returns what the checklist flagged without blocking.
            for flag in flags if isinstance(flags, list) else []:
                modeladmin.message_user(request, f"{obj}: {flag}", messages.WARNING)
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


def parse_publish_time(value):
    """The editor's `datetime-local` input, in the site's time zone."""
    if not value:
        return None
    try:
        naive = datetime.fromisoformat(value)
    except ValueError as error:
        raise TransitionError(
            _("The publish time is not a valid date and time.")
        ) from error
    if timezone.is_aware(naive):
        return naive
    return timezone.make_aware(naive)


@admin.register(Article)
class ArticleAdmin(WorkflowPanelMixin, ContentHistoryMixin, admin.ModelAdmin):
    form = ArticleAdminForm
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
    # Status and publish time only ever change through the workflow methods:
    # a hand-made POST of either is ignored.
    readonly_fields = [
        "status",
        "published_at",
        "created_at",
        "updated_at",
        "updated_by",
        "checklist",
        "transitions",
    ]
    formfield_overrides = {
        # Headlines, alt text and captions are read whole while writing them.
        models.CharField: {
            "widget": forms.TextInput(attrs={"class": "vLargeTextField"})
        },
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})},
    }
    inlines = [BylineInline, KeyTakeawayInline, RelatedLinkInline]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "lock_token"]}),
        (
            gettext_lazy("Hero image"),
            {
                "fields": ["hero_image", "hero_image_alt", "hero_image_caption"],
                "description": gettext_lazy(
                    "Pick a picture from the image library with the magnifier; "
                    "its credit and copyright come with it."
                ),
            },
        ),
        (gettext_lazy("Classification"), {"fields": ["section", "tags"]}),
        (
            gettext_lazy("Workflow"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "checklist",
                    "transitions",
                    "created_at",
                    "updated_at",
                    "updated_by",
                ]
            },
        ),
    ]

    # Permissions: every admin URL and action asks the policy.

    def has_view_permission(self, request, obj=None):
        return policy.can_view_article(request.user, obj)

    def has_add_permission(self, request):
        return policy.can_add_article(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return policy.can_delete_article(request.user, obj)

    def has_publish_permission(self, request):
        return policy.can_publish_article(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def get_search_results(self, request, queryset, search_term):
        # The list and the autocompletes show a journalist no one else's draft.
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        return policy.visible_articles(request.user, queryset), may_have_duplicates

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

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            # A new article has no workflow yet.
            return self.fieldsets[:-1]
        return self.fieldsets

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(require_POST(self.workflow_view)),
                name="{}_{}_workflow".format(*info),
            ),
            *self.get_history_urls(),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("byline"))
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return _("Scheduled")
        return article.get_status_display()

    @admin.display(description=gettext_lazy("transition log"))
    def transitions(self, article):
        what = _("Article")
        return transition_log(
            (what, entry) for entry in article.transitions.select_related("by")
        )

    @admin.display(description=gettext_lazy("pre-publish checklist"))
    def checklist(self, article):
        problems = article.publication_problems()
        if not problems:
            return _("Nothing to fix: ready to publish.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} {}</li>",
                (
                    (_("Must fix:") if p.blocking else _("Note:"), p.message)
                    for p in problems
                ),
            ),
        )

    def workflow_panel(self, user, article):
        """The next steps this user may take, as buttons."""
        status = article.Status
        url = reverse("admin:articles_article_workflow", args=[article.pk])
        preview = format_html(
            '<p><a href="{}" target="_blank" rel="noopener">{}</a></p>',
            reverse("articles:article-preview", args=[article.pk]),
            _("Preview as readers will see it"),
        )
        buttons = []
        if article.status == status.DRAFT and policy.can_submit_article(user, article):
            buttons.append(("submit", _("Submit for review")))
        editor = policy.can_publish_article(user, article)
        if editor and article.status != status.PUBLISHED:
            buttons.append(("publish", _("Publish (or schedule)")))
        if editor and article.status == status.IN_REVIEW:
            buttons.append(("send_back", _("Send back to draft")))
        if editor and article.status == status.PUBLISHED:
            buttons.append(("unpublish", _("Unpublish")))
        return format_html(
            "{}{}",
            preview,
            workflow_buttons(
                url,
                buttons,
                note=editor and article.status != status.DRAFT,
                schedule=editor and article.status != status.PUBLISHED,
            ),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def workflow_view(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        move = request.POST.get("transition")
        note = request.POST.get("workflow_note", "")
        try:
            if move == "submit":
                article.submit(by=request.user)
                done = _("Submitted for review: the editors have been told.")
            elif move == "send_back":
                article.send_back(by=request.user, note=note)
                done = _("Sent back to the author with your note.")
            elif move == "publish":
                at = parse_publish_time(request.POST.get("workflow_at", ""))
                for flag in article.publish(by=request.user, at=at):
                    self.message_user(request, str(flag), messages.WARNING)
                done = _("Scheduled.") if article.is_scheduled else _("Published.")
            elif move == "unpublish":
                article.unpublish(by=request.user, note=note)
                done = _("Unpublished: the article is a draft again.")
            else:
                raise TransitionError(_("Unknown workflow step."))
        except PermissionDenied:
            raise
        except TransitionError as refusal:
            report_refusal(self, request, article, refusal)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return redirect("admin:articles_article_change", article.pk)

    @admin.action(description=gettext_lazy("Submit selected articles for review"))
    def submit_selected(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            "submit",
            lambda n: (
                ngettext(
                    "%(count)d article submitted.", "%(count)d articles submitted.", n
                )
                % {"count": n}
            ),
        )

    @admin.action(
        description=gettext_lazy("Publish selected articles"), permissions=["publish"]
    )
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

    @admin.action(
        description=gettext_lazy("Unpublish selected articles"),
        permissions=["publish"],
    )
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
