"""The one check an imported image file goes through before it is stored.

Imports use the upload validator itself (`images.validation`), so a file the
admin would refuse cannot come in through an import either, and what is stored
is what the validator returns: the file as it came when it has nothing to strip
(as every file Newsroom exports), else its cleaned re-encoding.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from images.validation import validate_image_upload


def validate_image_file(path):
    """Return the file at `path` as a `ValidatedImage` (cleaned bytes, format,
    size, credit and copyright found in its metadata), or raise
    ValidationError saying what is wrong with it."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(
            _("file %(name)s does not exist") % {"name": path.name}, code="missing"
        )
    try:
        with path.open("rb") as incoming:
            return validate_image_upload(File(incoming, name=path.name))
    except ValidationError as error:
        # The upload messages speak of "this file"; an import names it.
        raise ValidationError(
            f"{path.name}: {' '.join(error.messages)}",
            code=getattr(error, "code", None),
        ) from error
