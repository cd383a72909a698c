import hashlib
import json

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import policy
from articles.models import (
    Article,
    TransitionError,
    TransitionRecord,
    WorkflowMixin,
    rich_text_field,
)
from articles.sanitize import sanitize_html


class AnalysisBoxQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=AnalysisBox.Status.APPROVED)

    def awaiting_review(self):
        return self.filter(status=AnalysisBox.Status.SUBMITTED)


class AnalysisBox(WorkflowMixin, models.Model):
    """The editors' "Strategic Analysis" beside an article.

    An approval covers the exact text approved: `save()` keeps a fingerprint of
    the content, and any edit after approval sends the box back to review, so
    readers never see words no editor has read.

    Its own workflow, independent of the article's: draft → submitted →
    approved, or changes requested (with a note) → submitted again.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    CONTENT_FIELDS = ("kicker", "heading", "body", "attribution", "label")

    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="analysis_box",
    )
    kicker = models.CharField(_("kicker"), max_length=60, default=_("Editor's Desk"))
    heading = models.CharField(
        _("heading"), max_length=120, default=_("Strategic Analysis")
    )
    body = rich_text_field(verbose_name=_("analysis"))
    attribution = models.CharField(
        _("attribution"),
        max_length=120,
        help_text=_('The desk that wrote it, e.g. "Foreign Desk Editorial".'),
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        default=_("Strategic Insight"),
        help_text=_("The kind of piece."),
    )
    status = models.CharField(
        _("approval"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        editable=False,
    )
    content_fingerprint = models.CharField(max_length=64, editable=False)
    approved_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_at = models.DateTimeField(
        _("approved at"), null=True, blank=True, editable=False
    )
    # The fields as last approved, for the reviewers' diff.
    approved_content = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = AnalysisBoxQuerySet.as_manager()

    class Meta:
        verbose_name = _("analysis box")
        verbose_name_plural = _("analysis boxes")
        permissions = [("approve_analysisbox", _("Can approve analysis boxes"))]

    def __str__(self):
        return f"{self.heading}: {self.article}"

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.content_fingerprint = self.compute_fingerprint()
        lapsed = (
            self.status == self.Status.APPROVED
            and self.content_fingerprint != self.approved_fingerprint
        )
        if lapsed:
            self.status = self.Status.SUBMITTED
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "status"}
        super().save(*args, **kwargs)
        if lapsed:
            # The approval covered other words: the edit is, in effect, a new
            # submission, and the audit trail says so.
            from . import services

            entry = self.transitions.create(
                from_status=self.Status.APPROVED,
                to_status=self.Status.SUBMITTED,
                by=self.updated_by,
                note=_("Edited after approval; the approval no longer applies."),
            )
            services.box_moved(entry)

    def content(self):
        return {name: str(getattr(self, name)) for name in self.CONTENT_FIELDS}

    def compute_fingerprint(self):
        content = self.content()
        # What readers would see: the same body before and after `save()`.
        content["body"] = sanitize_html(self.body)
        encoded = json.dumps(content, sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()

    @property
    def is_public(self):
        # Compared with the content as it is now, not the stored fingerprint,
        # so even a bulk update() that bypasses save() cannot slip text out.
        return (
            self.status == self.Status.APPROVED
            and self.approved_fingerprint == self.compute_fingerprint()
        )

    def moved(self, entry):
        from . import services

        services.box_moved(entry)

    @transaction.atomic
    def submit(self, *, by):
        if not policy.can_submit_box(by, self):
            raise PermissionDenied(_("You cannot submit this analysis box."))
        if self.status not in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED):
            raise TransitionError(
                _("Only a draft or a box with changes requested can be submitted.")
            )
        return self._move(by=by, to=self.Status.SUBMITTED)

    @transaction.atomic
    def approve(self, *, by):
        """Approve exactly the current text: the fingerprint binds the
        approval to it."""
        if not policy.can_approve_box(by, self):
            raise PermissionDenied(_("Only editors can approve analysis boxes."))
        if self.is_public:
            raise TransitionError(_("This analysis box is already approved."))
        if self.status != self.Status.SUBMITTED:
            raise TransitionError(_("Only a submitted analysis box can be approved."))
        self.content_fingerprint = self.compute_fingerprint()
        self.approved_fingerprint = self.content_fingerprint
        self.approved_content = self.content()
        self.approved_by = by
        self.approved_at = timezone.now()
        return self._move(
            by=by,
            to=self.Status.APPROVED,
            fields=[
                "content_fingerprint",
                "approved_fingerprint",
                "approved_content",
                "approved_by",
                "approved_at",
            ],
        )

    @transaction.atomic
    def request_changes(self, *, by, note):
        if not policy.can_approve_box(by, self):
            raise PermissionDenied(_("Only editors can request changes."))
        if self.status != self.Status.SUBMITTED:
            raise TransitionError(
                _("Changes can only be requested on a submitted analysis box.")
            )
        if not note or not note.strip():
            raise TransitionError(_("Say what needs to change: a note is required."))
        return self._move(by=by, to=self.Status.CHANGES_REQUESTED, note=note.strip())

    @transaction.atomic
    def revoke_approval(self, *, by, note=""):
        """Take an approved box off the page; it waits for review again."""
        if not policy.can_approve_box(by, self):
            raise PermissionDenied(_("Only editors can withdraw an approval."))
        if self.status != self.Status.APPROVED:
            raise TransitionError(_("This analysis box is not approved."))
        self.approved_fingerprint = ""
        return self._move(
            by=by, to=self.Status.SUBMITTED, note=note, fields=["approved_fingerprint"]
        )


class AnalysisBoxTransition(TransitionRecord):
    box = models.ForeignKey(
        AnalysisBox, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=AnalysisBox.Status)
    to_status = models.CharField(_("to"), max_length=20, choices=AnalysisBox.Status)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("analysis box transition")
        verbose_name_plural = _("analysis box transitions")

    def __str__(self):
        return f"{self.box}: {self.from_status} → {self.to_status}"


reversion.register(AnalysisBox, fields=AnalysisBox.CONTENT_FIELDS)
