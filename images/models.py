import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.model_hooks import AfterInit

from .validation import FORMATS


def upload_image(instance, filename):
    """A random name: no file's address can be guessed from another's, and the
    uploader's file name never reaches the storage."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def _unit_interval():
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class UndecodedJSON(str):
    """A JSON column's text as the database gave it, until it is first used."""

    __slots__ = ()


class _DecodedOnFirstUse(DeferredAttribute):
    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if type(value) is UndecodedJSON:
            value = self.field.decode(value)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class RenditionsField(models.JSONField):
    """A JSONField whose text a compiled query may leave undecoded until the
    attribute is first read (`lazy_from_db_value`, articles.compiled).

    A listing's picture is written from the undecoded text when the same
    text was seen before (images.templatetags.images.picture): decoding the
    renditions of forty images cost a listing page more than its query. The
    ORM's own queries, values() included, decode as any JSONField does."""

    descriptor_class = _DecodedOnFirstUse

    def lazy_from_db_value(self, value, expression, connection):
        if isinstance(value, str):
            return UndecodedJSON(value)
        return self.from_db_value(value, expression, connection)

    def decode(self, text):
        return self.from_db_value(str(text), None, None)


class ImageQuerySet(models.QuerySet):
    def with_usage(self):
        return self.annotate(usage_count=models.Count("article_uses", distinct=True))


class Image(AfterInit, models.Model):
    """A picture in the library, reusable by any number of articles."""

    class Format(models.TextChoices):
        JPEG = "JPEG", "JPEG"
        PNG = "PNG", "PNG"
        WEBP = "WEBP", "WebP"
        GIF = "GIF", "GIF"

    file = models.FileField(_("file"), upload_to=upload_image, max_length=200)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For finding it in the library.")
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "Describe the picture for a reader who cannot see it. An article "
            "may override it for its own context."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Only for pictures that carry no information: screen readers skip "
            "them, and no alt text is needed."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Photographer or agency. Required before publishing."),
    )
    copyright = models.CharField(
        _("copyright / licence"),
        max_length=200,
        blank=True,
        help_text=_("Owner and licence terms. Required before publishing."),
    )
    focal_point_x = models.FloatField(
        _("focal point x"),
        default=0.5,
        validators=_unit_interval(),
        help_text=_("0 is the left edge, 1 the right: crops keep this point."),
    )
    focal_point_y = models.FloatField(
        _("focal point y"),
        default=0.5,
        validators=_unit_interval(),
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    format = models.CharField(_("format"), max_length=4, choices=Format, editable=False)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    file_size = models.PositiveIntegerField(_("file size"), editable=False)
    # Generated renditions, {key: {"name", "width", "height"}}: kept on the row
    # so a page that already loads the image knows them without a query.
    renditions = RenditionsField(default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text=""),
                name="image_alt_unless_decorative",
                violation_error_message=_(
                    "Describe the picture, or mark it as decorative."
                ),
            ),
            models.CheckConstraint(
                condition=Q(focal_point_x__gte=0, focal_point_x__lte=1)
                & Q(focal_point_y__gte=0, focal_point_y__lte=1),
                name="image_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Renditions made from another file or around another focal point are
        # forgotten here; signals delete their files once the change commits.
        # Fields deferred when the row was loaded cannot have been changed.
        file_changed = (
            self.pk
            and self._saved_file is not None
            and str(self.file) != self._saved_file
        )
        focal_changed = (
            self.pk
            and None not in self._saved_focal
            and self.focal_point != self._saved_focal
        )
        if file_changed or focal_changed:
            stale = {
                key: entry
                for key, entry in self.renditions.items()
                if file_changed or entry.get("cropped")
            }
            self.stale_file_names = [entry["name"] for entry in stale.values()]
            if file_changed and self._saved_file:
                self.stale_file_names.append(self._saved_file)
            self.renditions = {
                key: entry for key, entry in self.renditions.items() if key not in stale
            }
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "renditions"}
        super().save(*args, **kwargs)

    def after_init(self):
        self._remember_saved_state()

    def _remember_saved_state(self):
        fields = self.__dict__
        self._saved_file = str(fields["file"] or "") if "file" in fields else None
        self._saved_focal = (fields.get("focal_point_x"), fields.get("focal_point_y"))
        # Files a save made obsolete; signals delete them after the commit.
        self.stale_file_names = []

    @property
    def extension(self):
        return FORMATS[self.format].extension

    @property
    def mime_type(self):
        return FORMATS[self.format].mime_type

    @property
    def focal_point(self):
        return (self.focal_point_x, self.focal_point_y)

    @property
    def alt(self):
        """What screen readers get: nothing for a decorative picture."""
        return "" if self.is_decorative else self.alt_text

    def missing_rights(self):
        """Which of credit and copyright are still empty (publishing needs both)."""
        missing = []
        if not self.credit.strip():
            missing.append(_("credit"))
        if not self.copyright.strip():
            missing.append(_("copyright / licence"))
        return missing

    def clean(self):
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": _(
                        "Describe the picture for readers who cannot see it, or "
                        "mark it as decorative."
                    )
                }
            )
