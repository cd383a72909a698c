from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin import ArticleAdmin as BaseArticleAdmin
from articles.admin import run_transition
from articles.models import Article

from .models import AnalysisBox


class AnalysisBoxInline(admin.StackedInline):
    model = AnalysisBox
    extra = 0
    max_num = 1
    can_delete = True
    fields = [
        "kicker",
        "heading",
        "body",
        "attribution",
        "label",
        "approval_state",
    ]
    readonly_fields = ["approval_state"]
    verbose_name = _("analysis box")

    @admin.display(description=_("approval"))
    def approval_state(self, box):
        if not box.pk:
            return _("New: awaits an editor's approval once saved")
        if box.is_public:
            return _("Approved by %(user)s on %(when)s") % {
                "user": box.approved_by,
                "when": box.approved_at.strftime("%Y-%m-%d %H:%M"),
            }
        return box.get_status_display()


# The article admin lives in `articles`; the editorial layer extends it with the
# analysis box, so that `articles` never needs to know `editorial` exists.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(BaseArticleAdmin):
    inlines = [*BaseArticleAdmin.inlines, AnalysisBoxInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("analysis_box")

    def get_list_display(self, request):
        return [*super().get_list_display(request), "analysis_state"]

    @admin.display(description=_("analysis"))
    def analysis_state(self, article):
        box = getattr(article, "analysis_box", None)
        if box is None:
            return "—"
        return _("Approved") if box.is_public else box.get_status_display()


@admin.register(AnalysisBox)
class AnalysisBoxAdmin(admin.ModelAdmin):
    list_display = ["heading", "article", "attribution", "status", "approved_by"]
    list_filter = ["status"]
    list_select_related = ["article", "approved_by"]
    search_fields = ["article__headline", "heading", "attribution"]
    autocomplete_fields = ["article"]
    readonly_fields = ["status", "approved_by", "approved_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["article"]}),
        (
            _("Content"),
            {"fields": ["kicker", "heading", "body", "attribution", "label"]},
        ),
        (
            _("Approval"),
            {"fields": ["status", "approved_by", "approved_at", "updated_at"]},
        ),
    ]
    actions = ["approve_selected", "revoke_selected"]

    def has_approve_permission(self, request):
        return request.user.has_perm("editorial.approve_analysisbox")

    @admin.action(description=_("Approve selected boxes"), permissions=["approve"])
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

    @admin.action(description=_("Withdraw approval"), permissions=["approve"])
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
