from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.utils.html import format_html

from .renditions import WEBP, get_renditions

THUMBNAIL_WIDTH = 160


def thumbnail(image, width=THUMBNAIL_WIDTH):
    """An <img> of a small WebP rendition (made on first sight, then reused)."""
    if image is None or not image.file:
        return "—"
    try:
        small = get_renditions(image, widths=[width], formats=[WEBP])[WEBP][0]
        url, size = small.url, (small.width, small.height)
    except Exception:  # an unreadable original must not break the admin list
        url, size = image.file.url, (width, round(width * image.height / image.width))
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" class="image-thumbnail">',
        url,
        *size,
    )


class ImageChooserWidget(ForeignKeyRawIdWidget):
    """The admin's raw-id popup (the image list, with thumbnails, opens to pick
    from) plus a thumbnail of the chosen picture beside the field."""

    template_name = "admin/images/widgets/image_chooser.html"

    class Media:
        css = {"all": ["css/admin/images.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        if value:
            chosen = self.rel.model._default_manager.filter(pk=value).first()
        context["chosen_image"] = chosen
        context["chosen_thumbnail"] = thumbnail(chosen) if chosen else ""
        return context
