"""Admin machinery shared by the article and analysis box admins: content
history with diffs and revert, workflow buttons and the transition log. Every
view asks `articles.policy` (through the ModelAdmin's permission methods)."""

import reversion
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import history
from .models import ChecklistError


def report_refusal(modeladmin, request, obj, refusal):
    """A refused move explains itself: every checklist problem on its own line."""
    if isinstance(refusal, ChecklistError):
        modeladmin.message_user(
            request,
            _("%(obj)s cannot be published yet:") % {"obj": obj},
            messages.ERROR,
        )
        for problem in refusal.problems:
            modeladmin.message_user(request, f"• {problem}", messages.ERROR)
    else:
        modeladmin.message_user(request, f"{obj}: {refusal}", messages.ERROR)


def transition_log(entries):
    """The audit trail as a table; `entries` are (what, transition) pairs."""
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
        (
            (
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M"),
                entry.by or "—",
                what,
                entry.get_from_status_display(),
                entry.get_to_status_display(),
                entry.note,
            )
            for what, entry in entries
        ),
    )
    if not rows:
        return _("No workflow steps yet.")
    return format_html(
        '<table class="transition-log"><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        _("When"),
        _("Who"),
        _("What"),
        _("Step"),
        _("Note"),
        rows,
    )


def workflow_buttons(url, buttons, *, note=False, schedule=False):
    """Buttons that post the workflow step to `url` (`formaction`), from inside
    the change form without nesting forms."""
    if not buttons:
        return ""
    fields = mark_safe("")
    if note:
        fields += format_html(
            '<p><label for="id_workflow_note">{}</label><br>'
            '<textarea name="workflow_note" id="id_workflow_note" rows="2" '
            'cols="60"></textarea></p>',
            _("Note (required to send back or request changes)"),
        )
    if schedule:
        fields += format_html(
            '<p><label for="id_workflow_at">{}</label><br>'
            '<input type="datetime-local" name="workflow_at" id="id_workflow_at">'
            "</p>",
            _("Publish at (empty: now)"),
        )
    return format_html(
        '<div class="workflow-actions">{}<p>{}</p></div>',
        fields,
        format_html_join(
            " ",
            '<button type="submit" class="button" formaction="{}" '
            'formnovalidate name="transition" value="{}">{}</button>',
            ((url, name, text) for name, text in buttons),
        ),
    )


class WorkflowPanelMixin:
    """Shows the next workflow steps the user may take above the change form;
    the admin supplies `workflow_panel(user, obj)`."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_permission(request, obj):
            extra_context = {
                **(extra_context or {}),
                "workflow_panel": self.workflow_panel(request.user, obj),
            }
        return super().change_view(request, object_id, form_url, extra_context)


class ContentHistoryMixin:
    """Revision history with readable diffs and a revert that writes a new
    revision (django-reversion stores the versions)."""

    object_history_template = "admin/content_history.html"

    def has_history_permission(self, request, obj):
        return self.has_view_permission(request, obj)

    def get_history_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/<int:version_id>/revert/",
                self.admin_site.admin_view(require_POST(self.revert_view)),
                name="{}_{}_revert".format(*info),
            ),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_history_permission(request, obj):
            raise PermissionDenied
        versions = list(history.versions_of(obj))
        can_revert = self.has_change_permission(request, obj)
        rows = []
        for index, version in enumerate(versions):
            older = versions[index + 1] if index + 1 < len(versions) else None
            new = history.version_snapshot(version)
            old = history.version_snapshot(older) if older else {}
            rows.append(
                {
                    "version": version,
                    "changes": history.diff(self.model, old, new),
                    "revert_url": reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_revert",
                        args=[obj.pk, version.pk],
                    )
                    if can_revert and index > 0
                    else None,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(obj)s") % {"obj": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "rows": rows,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def revert_view(self, request, object_id, version_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(history.versions_of(obj), pk=version_id)
        with transaction.atomic():
            history.revert(obj, version, by=request.user)
        self.message_user(
            request,
            _("The earlier version is back, saved as a new revision."),
            messages.SUCCESS,
        )
        return redirect(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", obj.pk
        )


class ObjectPolicyInlineMixin:
    """Inlines follow the parent: read-only unless the policy lets the user edit
    the article they belong to."""

    def _parent_editable(self, request, obj):
        return obj is None or self.parent_editable(request.user, obj)

    def parent_editable(self, user, obj):
        raise NotImplementedError

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(
            request, obj
        )
