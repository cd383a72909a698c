from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class SourceRecord(models.Model):
    """Which article an item of another system became, so that importing the
    same export again updates that article even when its slug was empty or
    has changed there (WordPress drafts often have no slug yet)."""

    class Source(models.TextChoices):
        WORDPRESS = "wordpress", _("WordPress")

    source = models.CharField(_("source"), max_length=20, choices=Source)
    source_id = models.CharField(_("ID in the source"), max_length=100)
    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="source_record",
    )
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="source_record_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.source_id} → {self.article}"
