"""Pictures written once per state of their image (images.templatetags.images)
from renditions decoded only when used (images.models.RenditionsField)."""

import pytest
from django.db import transaction

from articles.compiled import CompiledQuery
from images.models import Image, UndecodedJSON
from images.renditions import get_renditions
from images.templatetags import images as tags
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

CARD = {"sizes": "22rem", "ratio": "3:2", "widths": "480,800", "alt": ""}


_IMAGE = CompiledQuery(lambda using, pk: Image.objects.using(using).filter(pk=pk))


def loaded(image):
    """The image as a page reads it: a new row from a compiled query."""
    (row,) = _IMAGE.fetch("default", image.pk)
    return row


def rendition_urls(markup):
    return [
        part.split(" ")[0]
        for attribute in ('srcset="', 'src="')
        for chunk in markup.split(attribute)[1:]
        for part in chunk.split('"')[0].split(", ")
    ]


def exists(settings, url):
    return (settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)).is_file()


class TestRenditionsField:
    def test_decoded_when_first_read(self):
        image = ImageFactory(pixels=(600, 400))
        get_renditions(image, widths=[480])
        row = loaded(image)
        assert type(row.__dict__["renditions"]) is UndecodedJSON

        assert row.renditions == image.renditions
        assert type(row.renditions) is dict
        assert type(row.__dict__["renditions"]) is dict

    def test_the_orm_decodes_as_a_json_field_does(self):
        image = ImageFactory(pixels=(600, 400))
        get_renditions(image, widths=[480])
        row = Image.objects.get(pk=image.pk)
        assert type(row.__dict__["renditions"]) is dict
        stored = Image.objects.values_list("renditions", flat=True).get(pk=image.pk)
        assert stored == image.renditions and type(stored) is dict

    def test_deferred_renditions_are_read_when_asked_for(self):
        image = ImageFactory(pixels=(600, 400))
        get_renditions(image, widths=[480])
        row = Image.objects.defer("renditions").get(pk=image.pk)
        assert row.renditions == image.renditions

    def test_assigned_renditions_are_saved(self):
        row = loaded(ImageFactory())
        row.renditions = {"480w-full-webp": {"name": "x.webp", "width": 480}}
        row.save()
        assert loaded(row).renditions == row.renditions

    def test_key_lookups_read_json_values(self):
        image = ImageFactory(pixels=(600, 400))
        get_renditions(image, widths=[480])
        key = next(iter(image.renditions))
        found = Image.objects.filter(pk=image.pk, renditions__has_key=key)
        assert found.exists()
        width = found.values_list(f"renditions__{key}__width", flat=True).get()
        assert width == 480


class TestPictureMarkup:
    def test_same_markup_as_written_afresh(self):
        image = ImageFactory(pixels=(1200, 800))
        first = tags.picture(loaded(image), **CARD)  # makes the renditions
        kept = tags.picture(loaded(image), **CARD)
        tags._markup.clear()
        assert tags.picture(loaded(image), **CARD) == kept
        assert kept.count(" 480w") == 2 and kept == first

    def test_two_new_images_of_one_size_are_two_pictures(self):
        one, other = ImageFactory.create_batch(2, pixels=(1200, 800))
        first = tags.picture(loaded(one), **CARD)
        second = tags.picture(loaded(other), **CARD)
        assert one.file.name.split("/")[-1].split(".")[0] in first
        assert other.file.name.split("/")[-1].split(".")[0] in second

    def test_a_kept_picture_leaves_the_renditions_undecoded(self):
        image = ImageFactory(pixels=(1200, 800))
        tags.picture(loaded(image), **CARD)
        tags.picture(loaded(image), **CARD)
        row = loaded(image)
        tags.picture(row, **CARD)
        assert type(row.__dict__["renditions"]) is UndecodedJSON

    def test_each_text_and_size_is_its_own_picture(self):
        image = ImageFactory(pixels=(1200, 800), alt_text="Cranes over the port")
        tags.picture(loaded(image))  # makes the renditions
        assert 'alt="Cranes over the port"' in tags.picture(loaded(image))
        assert 'alt="Per-story text"' in tags.picture(
            loaded(image), alt="Per-story text"
        )
        assert 'sizes="100vw"' in tags.picture(loaded(image), ratio="3:2")

    def test_new_focal_point_shows_new_crops(self, settings):
        image = ImageFactory(pixels=(1200, 800))
        tags.picture(loaded(image), **CARD)
        before = tags.picture(loaded(image), **CARD)

        row = loaded(image)
        row.focal_point_x = 0.1
        with transaction.atomic():
            row.save()
        tags.picture(loaded(image), **CARD)
        after = tags.picture(loaded(image), **CARD)
        assert after != before and "-0.1000-" in after
        assert all(exists(settings, url) for url in rendition_urls(after))

    def test_crops_made_again_after_a_round_trip_of_the_focal_point(
        self, settings, django_capture_on_commit_callbacks
    ):
        # The same arguments and focal point as before, but the crops were
        # deleted meanwhile and made again: no address of a deleted file.
        image = ImageFactory(pixels=(1200, 800))
        tags.picture(loaded(image), **CARD)
        tags.picture(loaded(image), **CARD)
        for x in (0.1, 0.5):
            row = loaded(image)
            row.focal_point_x = x
            with django_capture_on_commit_callbacks(execute=True):
                row.save()
            tags.picture(loaded(image), **CARD)
        markup = tags.picture(loaded(image), **CARD)
        urls = rendition_urls(markup)
        assert len(urls) == 5
        assert all(exists(settings, url) for url in urls)

    def test_widths_given_as_a_list_are_kept_as_well(self):
        image = ImageFactory(pixels=(1200, 800))
        card = {**CARD, "widths": [480, 800]}
        first = tags.picture(loaded(image), **card)
        assert tags.picture(loaded(image), **card) == first
        assert tags.picture(loaded(image), **CARD) == first

    def test_settings_change_forgets_kept_pictures(self, settings):
        image = ImageFactory(pixels=(1200, 800))
        tags.picture(loaded(image), **CARD)
        tags.picture(loaded(image), **CARD)
        settings.MEDIA_URL = "/pictures/"
        assert '"/pictures/renditions/' in tags.picture(loaded(image), **CARD)

    def test_a_bounded_number_is_kept(self, monkeypatch):
        monkeypatch.setattr(tags, "MARKUP_KEPT", 2)
        image = ImageFactory(pixels=(1200, 800))
        for sizes in ("10vw", "20vw", "30vw", "40vw"):
            tags.picture(loaded(image), **{**CARD, "sizes": sizes})
            tags.picture(loaded(image), **{**CARD, "sizes": sizes})
        assert len(tags._markup) == 2
