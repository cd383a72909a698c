from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from articles import history, policy
from articles.admin import ArticleAdmin as BaseArticleAdmin
from articles.admin import run_transition
from articles.admin_workflow import (
    ContentHistoryMixin,
    WorkflowPanelMixin,
    report_refusal,
    transition_log,
    workflow_buttons,
)
from articles.forms import OptimisticLockForm
from articles.models import Article, TransitionError

from .models import AnalysisBox


class AnalysisBoxForm(OptimisticLockForm):
    class Meta:
        model = AnalysisBox
        fields = ["article", *AnalysisBox.CONTENT_FIELDS]


class AnalysisBoxInline(admin.StackedInline):
    model = AnalysisBox
    form = AnalysisBoxForm
    extra = 0
    max_num = 1
    fields = [
        "kicker",
        "heading",
        "body",
        "attribution",
        "label",
        "lock_token",
        "approval_state",
    ]
    readonly_fields = ["approval_state"]
    verbose_name = gettext_lazy("analysis box")

    # The box follows its article (the inline's `obj` is the article).
    def has_add_permission(self, request, obj=None):
        return policy.can_edit_box(request.user, article=obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or policy.can_edit_box(request.user, article=obj)

    def has_delete_permission(self, request, obj=None):
        return policy.can_delete_box(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.can_view_article(request.user, obj)

    @admin.display(description=gettext_lazy("approval"))
    def approval_state(self, box):
        if not box.pk:
            return _("New: submit it from its own page once saved")
        if box.is_public:
            return _("Approved by %(user)s on %(when)s") % {
                "user": box.approved_by,
                "when": box.approved_at.strftime("%Y-%m-%d %H:%M"),
            }
        return box.get_status_display()


class BoxAwareLockMixin:
    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if (
                isinstance(inline_form.instance, AnalysisBox)
                and inline_form.has_changed()
            ):
                inline_form.instance.updated_by = request.user
        super().save_formset(request, form, formset, change)


# The article admin lives in `articles`; the editorial layer extends it with the
# analysis box and the review queue, so that `articles` never needs to know
# `editorial` exists.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(BoxAwareLockMixin, BaseArticleAdmin):
    inlines = [*BaseArticleAdmin.inlines, AnalysisBoxInline]
    change_list_template = "admin/articles/article/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("analysis_box")

    def get_list_display(self, request):
        return [*super().get_list_display(request), "analysis_state"]

    def get_urls(self):
        return [
            path(
                "review-queue/",
                self.admin_site.admin_view(self.review_queue_view),
                name="editorial_review_queue",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("transition log"))
    def transitions(self, article):
        """The article's steps and its analysis box's, in one timeline."""
        entries = [
            (_("Article"), entry) for entry in article.transitions.select_related("by")
        ]
        box = getattr(article, "analysis_box", None)
        if box is not None:
            entries += [
                (_("Analysis box"), entry)
                for entry in box.transitions.select_related("by")
            ]
        entries.sort(key=lambda pair: (pair[1].at, pair[1].pk))
        return transition_log(entries)

    @admin.display(description=gettext_lazy("analysis"))
    def analysis_state(self, article):
        box = getattr(article, "analysis_box", None)
        if box is None:
            return "—"
        return _("Approved") if box.is_public else box.get_status_display()

    def review_queue_view(self, request):
        """Everything waiting for an editor, oldest first, with what changed
        since the last approved (published) version."""
        if not policy.is_editor(request.user):
            raise PermissionDenied
        entries = []
        articles = Article.objects.filter(status=Article.Status.IN_REVIEW).annotate(
            waiting_since=Max(
                "transitions__at", filter=Q(transitions__to_status="in_review")
            )
        )
        for article in articles:
            published = history.versions_of(article).filter(
                revision__comment=_("Published")
            )
            last = published.first()
            old = history.version_snapshot(last) if last else {}
            entries.append(
                {
                    "kind": _("Article"),
                    "object": article,
                    "title": article.headline,
                    "since": article.waiting_since or article.updated_at,
                    "baseline": _("Changes since the last published version:")
                    if last
                    else _("Never published: all of it is new."),
                    "changes": history.diff(Article, old, history.snapshot(article)),
                    "change_url": reverse(
                        "admin:articles_article_change", args=[article.pk]
                    ),
                    "preview_url": reverse(
                        "articles:article-preview", args=[article.pk]
                    ),
                }
            )
        boxes = (
            AnalysisBox.objects.awaiting_review()
            .select_related("article")
            .annotate(
                waiting_since=Max(
                    "transitions__at", filter=Q(transitions__to_status="submitted")
                )
            )
        )
        for box in boxes:
            old = {
                name: history.field_text(AnalysisBox, name, value)
                for name, value in (box.approved_content or {}).items()
            }
            entries.append(
                {
                    "kind": _("Analysis box"),
                    "object": box,
                    "title": box.article.headline,
                    "since": box.waiting_since or box.updated_at,
                    "baseline": _("Changes since the last approved version:")
                    if old
                    else _("Never approved: all of it is new."),
                    "changes": history.diff(AnalysisBox, old, history.snapshot(box)),
                    "change_url": reverse(
                        "admin:editorial_analysisbox_change", args=[box.pk]
                    ),
                    "preview_url": reverse(
                        "articles:article-preview", args=[box.article_id]
                    ),
                }
            )
        entries.sort(key=lambda entry: entry["since"])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review queue"),
            "opts": self.opts,
            "entries": entries,
        }
        return TemplateResponse(request, "admin/editorial/review_queue.html", context)


@admin.register(AnalysisBox)
class AnalysisBoxAdmin(WorkflowPanelMixin, ContentHistoryMixin, admin.ModelAdmin):
    form = AnalysisBoxForm
    list_display = ["heading", "article", "attribution", "status", "approved_by"]
    list_filter = ["status"]
    list_select_related = ["article", "approved_by"]
    search_fields = ["article__headline", "heading", "attribution"]
    autocomplete_fields = ["article"]
    readonly_fields = [
        "status",
        "approved_by",
        "approved_at",
        "updated_at",
        "updated_by",
        "transitions",
    ]
    fieldsets = [
        (None, {"fields": ["article", "lock_token"]}),
        (
            gettext_lazy("Content"),
            {"fields": ["kicker", "heading", "body", "attribution", "label"]},
        ),
        (
            gettext_lazy("Approval"),
            {
                "fields": [
                    "status",
                    "approved_by",
                    "approved_at",
                    "updated_at",
                    "updated_by",
                    "transitions",
                ]
            },
        ),
    ]
    actions = ["submit_selected", "approve_selected", "revoke_selected"]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or policy.can_view_article(request.user, obj.article)
        )

    def has_change_permission(self, request, obj=None):
        return policy.can_edit_box(request.user, obj)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        visible = policy.visible_articles(request.user, Article.objects.all())
        return queryset.filter(article__in=visible), may_have_duplicates

    def has_add_permission(self, request):
        return policy.can_edit_box(request.user)

    def has_delete_permission(self, request, obj=None):
        return policy.can_delete_box(request.user, obj)

    def has_approve_permission(self, request):
        return policy.can_approve_box(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "article" in form.base_fields and not policy.is_editor(request.user):
            # A journalist attaches boxes only to articles they may edit.
            form.base_fields["article"].queryset = (
                Article.objects.exclude(status=Article.Status.PUBLISHED)
                .filter(Q(created_by=request.user) | Q(authors__user=request.user))
                .distinct()
            )
        return form

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

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("transition log"))
    def transitions(self, box):
        what = _("Analysis box")
        return transition_log(
            (what, entry) for entry in box.transitions.select_related("by")
        )

    def workflow_panel(self, user, box):
        status = box.Status
        buttons = []
        if box.status in (status.DRAFT, status.CHANGES_REQUESTED) and (
            policy.can_submit_box(user, box)
        ):
            buttons.append(("submit", _("Submit for approval")))
        editor = policy.can_approve_box(user, box)
        if editor and box.status == status.SUBMITTED:
            buttons += [
                ("approve", _("Approve this text")),
                ("request_changes", _("Request changes")),
            ]
        if editor and box.status == status.APPROVED:
            buttons.append(("revoke", _("Withdraw approval")))
        return format_html(
            '<p><a href="{}" target="_blank" rel="noopener">{}</a></p>{}',
            reverse("articles:article-preview", args=[box.article_id]),
            _("Preview the article with this box as readers would see it"),
            workflow_buttons(
                reverse("admin:editorial_analysisbox_workflow", args=[box.pk]),
                buttons,
                note=editor and box.status != status.DRAFT,
            ),
        )

    def workflow_view(self, request, object_id):
        box = self.get_object(request, object_id)
        if box is None:
            raise Http404
        if not self.has_view_permission(request, box):
            raise PermissionDenied
        move = request.POST.get("transition")
        note = request.POST.get("workflow_note", "")
        try:
            if move == "submit":
                box.submit(by=request.user)
            elif move == "approve":
                box.approve(by=request.user)
            elif move == "request_changes":
                box.request_changes(by=request.user, note=note)
            elif move == "revoke":
                box.revoke_approval(by=request.user, note=note)
            else:
                raise TransitionError(_("Unknown workflow step."))
        except TransitionError as refusal:
            report_refusal(self, request, box, refusal)
        else:
            self.message_user(request, _("Done."), messages.SUCCESS)
        return redirect("admin:editorial_analysisbox_change", box.pk)

    @admin.action(description=gettext_lazy("Submit selected boxes for approval"))
    def submit_selected(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            "submit",
            lambda n: (
                ngettext(
                    "%(count)d analysis box submitted.",
                    "%(count)d analysis boxes submitted.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(
        description=gettext_lazy("Approve selected boxes"), permissions=["approve"]
    )
    def approve_selected(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            "approve",
            lambda n: (
                ngettext(
                    "%(count)d analysis box approved.",
                    "%(count)d analysis boxes approved.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(
        description=gettext_lazy("Withdraw approval"), permissions=["approve"]
    )
    def revoke_selected(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            "revoke_approval",
            lambda n: (
                ngettext(
                    "%(count)d approval withdrawn.", "%(count)d approvals withdrawn.", n
                )
                % {"count": n}
            ),
        )
