from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("Images")

    def ready(self):
        import warnings

        from PIL import Image

        from . import signals  # noqa: F401

        # Pillow only warns when a picture has suspiciously many pixels; any
        # code path that opens one (not just uploads) should stop instead.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
