import hashlib
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, TransitionError, rich_text_field
from articles.sanitize import sanitize_html


class AnalysisBoxQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=AnalysisBox.Status.APPROVED)


class AnalysisBox(models.Model):
    """The editors' "Strategic Analysis" beside an article.

    An approval covers the exact text approved: `save()` keeps a fingerprint of
    the content, and any edit after approval sends the box back to review, so
    readers never see words no editor has read.
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
        default=Status.SUBMITTED,
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
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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
        if (
            self.status == self.Status.APPROVED
            and self.content_fingerprint != self.approved_fingerprint
        ):
            self.status = self.Status.SUBMITTED
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "status"}
        super().save(*args, **kwargs)

    def compute_fingerprint(self):
        content = {name: str(getattr(self, name)) for name in self.CONTENT_FIELDS}
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

    def approve(self, *, by):
        if not by.has_perm("editorial.approve_analysisbox"):
            raise PermissionDenied(_("Only editors can approve analysis boxes."))
        if self.is_public:
            raise TransitionError(_("This analysis box is already approved."))
        self.content_fingerprint = self.compute_fingerprint()
        self.status = self.Status.APPROVED
        self.approved_fingerprint = self.content_fingerprint
        self.approved_by = by
        self.approved_at = timezone.now()
        self.save()

    def revoke_approval(self, *, by):
        if not by.has_perm("editorial.approve_analysisbox"):
            raise PermissionDenied(_("Only editors can withdraw an approval."))
        if self.status != self.Status.APPROVED:
            raise TransitionError(_("This analysis box is not approved."))
        self.status = self.Status.SUBMITTED
        self.approved_fingerprint = ""
        self.save()
