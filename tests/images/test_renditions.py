import io

import pytest
from django.db import transaction
from django.template import Context, Template
from PIL import Image as PILImage

from images.models import Image
from images.renditions import crop_box, get_renditions, parse_ratio
from tests.budgets import article_page_queries
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
    )


def open_rendition(settings, url):
    return PILImage.open(settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL))


class TestCropGeometry:
    def test_no_ratio_keeps_the_whole_picture(self):
        assert crop_box(1600, 900, None) == (0, 0, 1600, 900)

    def test_square_crop_of_a_landscape_centred_by_default(self):
        assert crop_box(1600, 900, 1.0) == (350, 0, 1250, 900)

    @pytest.mark.parametrize(
        ("focal", "expected"),
        [
            ((0.0, 0.5), (0, 0, 900, 900)),
            ((1.0, 0.5), (700, 0, 1600, 900)),
            ((0.4, 0.5), (190, 0, 1090, 900)),
        ],
    )
    def test_crop_is_clamped_to_the_edges(self, focal, expected):
        assert crop_box(1600, 900, 1.0, *focal) == expected

    def test_wide_crop_of_a_portrait_moves_vertically(self):
        # 3:2 out of 600×1200 is 600×400; the focal point at 80 % height
        # centres it at 960, so it spans 760–1160.
        assert crop_box(600, 1200, 1.5, 0.5, 0.8) == (0, 760, 600, 1160)
        assert crop_box(600, 1200, 1.5, 0.5, 1.0) == (0, 800, 600, 1200)
        assert crop_box(600, 1200, 1.5, 0.5, 0.0) == (0, 0, 600, 400)

    @pytest.mark.parametrize("text", ["3:2", "3/2", "1.5"])
    def test_ratio_spellings(self, text):
        assert parse_ratio(text) == 1.5

    def test_rendered_crop_shows_the_focal_side(self, settings):
        # Left half red, right half blue; focus on the right: a square crop
        # must be blue.
        picture = PILImage.new("RGB", (400, 200), "red")
        picture.paste((0, 0, 255), (200, 0, 400, 200))
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        from django.core.files.uploadedfile import SimpleUploadedFile

        from images.validation import validate_image_upload

        validated = validate_image_upload(SimpleUploadedFile("x", buffer.getvalue()))
        image = ImageFactory(validated=validated, focal_point_x=0.9)
        png = get_renditions(image, widths=[100], ratio="1:1", formats=["PNG"])
        rendition = png["PNG"][0]
        assert (rendition.width, rendition.height) == (100, 100)
        pixels = open_rendition(settings, rendition.url).convert("RGB")
        for x in (2, 50, 97):
            red, _, blue = pixels.getpixel((x, 50))
            assert red < 10 and blue > 245


class TestRenditions:
    def test_widths_in_webp_and_the_original_format(self, settings):
        image = ImageFactory(pixels=(1000, 500))
        result = get_renditions(image, widths=[480, 800, 1200])
        assert list(result) == ["WEBP", "JPEG"]
        for fmt, items in result.items():
            assert [(r.width, r.height) for r in items] == [(480, 240), (800, 400)]
            for rendition in items:
                assert open_rendition(settings, rendition.url).format == fmt

    def test_no_upscaling_beyond_the_original(self):
        image = ImageFactory(pixels=(300, 200))
        result = get_renditions(image, widths=[480, 800])
        assert [r.width for r in result["WEBP"]] == [300]

    def test_made_once_then_reused(self, settings, django_assert_num_queries):
        image = ImageFactory(pixels=(1000, 500))
        get_renditions(image, widths=[480, 800])
        files = stored_files(settings)
        assert len(files) == 1 + 4

        reloaded = Image.objects.get(pk=image.pk)
        with django_assert_num_queries(0):
            get_renditions(reloaded, widths=[480, 800])
        assert stored_files(settings) == files

    def test_new_focal_point_makes_new_crops_and_drops_old(self, settings):
        image = ImageFactory(pixels=(1000, 500))
        with transaction.atomic():
            get_renditions(image, widths=[480], ratio="1:1", formats=["WEBP"])
            get_renditions(image, widths=[480], formats=["WEBP"])
        before = set(stored_files(settings))

        image = Image.objects.get(pk=image.pk)
        image.focal_point_x = 0.1
        with self.captured_commit():
            image.save()
        after = set(stored_files(settings))
        dropped = before - after
        assert len(dropped) == 1 and "1x1" in dropped.pop()

        crop = get_renditions(image, widths=[480], ratio="1:1", formats=["WEBP"])
        assert "0.1000" in crop["WEBP"][0].url
        assert len(stored_files(settings)) == len(after) + 1

    def test_saving_a_partly_loaded_image_keeps_its_renditions(self, settings):
        image = ImageFactory(pixels=(1000, 500))
        get_renditions(image, widths=[480], ratio="1:1")
        files = stored_files(settings)
        partial = Image.objects.only("title").get(pk=image.pk)
        partial.title = "Renamed"
        with self.captured_commit():
            partial.save()
        assert stored_files(settings) == files
        assert Image.objects.get(pk=image.pk).renditions == image.renditions

    def test_replacing_the_file_drops_the_old_one_and_its_renditions(self, settings):
        image = ImageFactory(pixels=(1000, 500))
        get_renditions(image, widths=[480])
        replacement = ImageFactory.build(pixels=(800, 400)).file
        image.file = replacement
        image.width, image.height = 800, 400
        with self.captured_commit():
            image.save()
        assert stored_files(settings) == [image.file.name]
        assert image.renditions == {}

    def test_files_removed_with_the_image(self, settings):
        image = ImageFactory(pixels=(1000, 500))
        get_renditions(image, widths=[480, 800])
        assert stored_files(settings)
        with self.captured_commit():
            image.delete()
        assert stored_files(settings) == []

    def captured_commit(self):
        from contextlib import contextmanager

        from django.test import TestCase

        @contextmanager
        def run_on_commit():
            with TestCase.captureOnCommitCallbacks(execute=True):
                yield

        return run_on_commit()


class TestPictureTag:
    def render(self, image, arguments=""):
        return Template(
            "{% load images %}{% picture image " + arguments + " %}"
        ).render(Context({"image": image}))

    def test_picture_with_sources_sizes_and_dimensions(self):
        image = ImageFactory(pixels=(1000, 500), alt_text="Dockers at dawn")
        html = self.render(image, 'sizes="50vw" widths="480,800"')
        assert html.startswith('<picture><source type="image/webp" srcset="')
        assert "480w-full-webp.webp 480w" in html and "800w-full-webp.webp 800w" in html
        assert 'sizes="50vw"' in html
        assert 'width="800" height="400"' in html
        assert 'alt="Dockers at dawn"' in html
        assert 'loading="lazy"' in html

    def test_eager_high_priority_and_alt_override(self):
        image = ImageFactory(pixels=(600, 300))
        html = self.render(
            image, 'loading="eager" fetchpriority="high" alt="Per-use text"'
        )
        assert 'loading="eager"' in html and 'fetchpriority="high"' in html
        assert 'alt="Per-use text"' in html

    def test_alt_is_escaped(self):
        image = ImageFactory(alt_text='"><script>alert(1)</script>')
        assert "<script>" not in self.render(image)

    def test_decorative_image_has_empty_alt(self):
        image = ImageFactory(alt_text="", is_decorative=True)
        assert 'alt=""' in self.render(image)

    def test_nothing_for_no_image(self):
        assert self.render(None) == ""

    def test_unreadable_original_falls_back_to_a_plain_img(self, settings):
        image = ImageFactory(pixels=(600, 300))
        (settings.MEDIA_ROOT / image.file.name).write_bytes(b"garbage")
        html = self.render(image)
        assert html.startswith("<img src=") and image.file.url in html


@pytest.fixture
def own_cache(settings):
    """A cache no other test worker clears: with Redis, parallel workers share
    one database, and a cleared navigation cache would add a query."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "query-count-tests",
        }
    }


@pytest.mark.usefixtures("own_cache")
class TestArticlePages:
    def test_hero_is_an_eager_picture(self, client):
        article = ArticleFactory(with_hero=True)
        page = client.get(article.get_absolute_url()).content.decode()
        hero = page[page.index('<figure class="hero">') :]
        assert hero.index("<picture>") < hero.index("</figure>")
        assert 'fetchpriority="high"' in hero and 'loading="eager"' in hero

    def test_second_render_reuses_renditions(
        self, client, settings, django_assert_num_queries
    ):
        settings.IMAGE_RENDITION_WIDTHS = [480, 800]
        article = ArticleFactory(with_hero=True, hero_image__pixels=(1000, 500))
        client.get(article.get_absolute_url())
        files = stored_files(settings)

        # The article page's own budget: no query to save a rendition.
        with django_assert_num_queries(article_page_queries()):
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert stored_files(settings) == files

    def test_listing_cards_show_lazy_cropped_thumbnails(
        self, client, settings, django_assert_num_queries
    ):
        ArticleFactory.create_batch(3, with_hero=True)
        ArticleFactory(headline="No picture here")
        client.get("/")
        files = stored_files(settings)
        # The front page's budget (tests/articles/test_home.py), pictures or not.
        with django_assert_num_queries(2):
            page = client.get("/").content.decode()
        assert page.count("<picture>") == 3
        assert 'loading="lazy"' in page and "3x2" in page
        assert stored_files(settings) == files


class TestFileUrl:
    """Rendition addresses skip urljoin for local files and are the same."""

    @pytest.mark.parametrize(
        "name",
        [
            "images/renditions/ab/cd/w800.webp",
            "images/a b/caf\u00e9 (1).jpg",
            "/lead.png",
        ],
    )
    def test_same_address_as_the_storage_gives(self, settings, tmp_path, name):
        from django.core.files.storage import FileSystemStorage, default_storage

        from images.renditions import file_url

        for storage in (
            default_storage,
            FileSystemStorage(location=tmp_path, base_url="/media/"),
            FileSystemStorage(location=tmp_path, base_url="https://cdn.example/m/"),
        ):
            assert file_url(storage, name) == storage.url(name)

    def test_other_storages_are_asked(self, tmp_path):
        from django.core.files.storage import FileSystemStorage

        from images.renditions import file_url

        class SignedStorage(FileSystemStorage):
            def url(self, name):
                return super().url(name) + "?signature=1"

        storage = SignedStorage(location=tmp_path, base_url="/media/")
        assert file_url(storage, "a.jpg") == "/media/a.jpg?signature=1"
