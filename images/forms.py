from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Image
from .validation import validate_image_upload


class ImageForm(forms.ModelForm):
    """Upload and describe a picture. The file goes through
    `validate_image_upload`; credit and copyright left empty are filled from
    the file's own EXIF/IPTC metadata."""

    class Meta:
        model = Image
        fields = [
            "file",
            "title",
            "alt_text",
            "is_decorative",
            "caption",
            "credit",
            "copyright",
            "focal_point_x",
            "focal_point_y",
        ]
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
            ),
            "focal_point_x": forms.NumberInput(
                attrs={"step": "0.01", "min": 0, "max": 1}
            ),
            "focal_point_y": forms.NumberInput(
                attrs={"step": "0.01", "min": 0, "max": 1}
            ),
        }

    validated = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or upload is False:
            return upload
        if "file" not in self.changed_data:
            return upload
        self.validated = validate_image_upload(upload)
        return self.validated.as_file()

    def clean(self):
        cleaned = super().clean()
        if self.validated is not None:
            for field, value in (
                ("credit", self.validated.credit),
                ("copyright", self.validated.copyright),
            ):
                if value and not cleaned.get(field):
                    cleaned[field] = value
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.validated is not None:
            self.instance.format = self.validated.format
            self.instance.width = self.validated.width
            self.instance.height = self.validated.height
            self.instance.file_size = len(self.validated.content)


ImageForm.base_fields["file"].help_text = _(
    "JPEG, PNG, WebP or GIF. Location and camera data are removed on upload."
)
