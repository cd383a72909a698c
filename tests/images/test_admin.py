import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from images.models import Image
from tests.factories import ArticleFactory, ImageFactory, picture_bytes

from . import samples

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:images_image_add")
LIST_URL = reverse("admin:images_image_changelist")


def form_data(**overrides):
    data = {
        "title": "Harbour at dawn",
        "alt_text": "Cranes over the container harbour at sunrise",
        "caption": "The port reopened on Monday.",
        "credit": "",
        "copyright": "",
        "focal_point_x": "0.5",
        "focal_point_y": "0.5",
    }
    data.update(overrides)
    return data


def jpeg_upload(data=None, name="IMG_0042.jpg"):
    return SimpleUploadedFile(name, data or picture_bytes(120, 80), "image/jpeg")


class TestUpload:
    def test_journalist_uploads_an_image(self, journalist_client, journalist):
        response = journalist_client.post(
            ADD_URL, form_data(file=jpeg_upload()), follow=True
        )
        assert response.status_code == 200
        image = Image.objects.get()
        assert image.uploaded_by == journalist
        assert (image.width, image.height, image.format) == (120, 80, "JPEG")
        assert image.file_size > 0

    def test_stored_name_is_random_and_not_the_uploaders(self, journalist_client):
        for _ in range(2):
            journalist_client.post(ADD_URL, form_data(file=jpeg_upload()))
        names = [image.file.name for image in Image.objects.all()]
        assert len(set(names)) == 2
        for name in names:
            assert "IMG_0042" not in name
            assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", name)

    def test_credit_and_copyright_prefilled_from_exif(self, journalist_client):
        data = picture_bytes(60, 40, exif=samples.exif_with_gps())
        journalist_client.post(ADD_URL, form_data(file=jpeg_upload(data)))
        image = Image.objects.get()
        assert image.credit == "Jane Photographer"
        assert image.copyright == "(c) 2026 Jane"
        with image.file.open("rb") as stored:
            assert b"CameraMaker" not in stored.read()

    def test_typed_credit_wins_over_metadata(self, journalist_client):
        data = picture_bytes(60, 40, exif=samples.exif_with_gps())
        journalist_client.post(
            ADD_URL, form_data(file=jpeg_upload(data), credit="Desk photo")
        )
        assert Image.objects.get().credit == "Desk photo"

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (samples.SVG_WITH_SCRIPT, "not a JPEG, PNG, WebP or GIF"),
            (samples.png_html_polyglot(), "hides web page code"),
            (picture_bytes(200, 200)[:300], "damaged or incomplete"),
            (samples.EPS, "not a JPEG, PNG, WebP or GIF"),
            (samples.png_claiming(100_000, 100_000), "megapixels"),
        ],
        ids=["svg", "polyglot", "truncated", "eps", "bomb"],
    )
    def test_bad_file_is_refused_keeping_the_rest_of_the_form(
        self, journalist_client, data, message
    ):
        response = journalist_client.post(
            ADD_URL, form_data(file=jpeg_upload(data, name="innocent.jpg"))
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert message in page
        assert 'value="Harbour at dawn"' in page
        assert "Cranes over the container harbour at sunrise" in page
        assert not Image.objects.exists()

    def test_too_large_file_is_refused(self, journalist_client, settings):
        settings.IMAGE_MAX_UPLOAD_BYTES = 1000
        response = journalist_client.post(
            ADD_URL, form_data(file=jpeg_upload(samples.noise_png(40, 40)))
        )
        assert "larger than" in response.content.decode()
        assert not Image.objects.exists()

    def test_alt_text_required_unless_decorative(self, journalist_client):
        response = journalist_client.post(
            ADD_URL, form_data(file=jpeg_upload(), alt_text="")
        )
        assert "or mark it as decorative" in response.content.decode()
        assert not Image.objects.exists()

        journalist_client.post(
            ADD_URL, form_data(file=jpeg_upload(), alt_text="", is_decorative="on")
        )
        assert Image.objects.get().is_decorative

    def test_focal_point_outside_the_picture_is_refused(self, journalist_client):
        response = journalist_client.post(
            ADD_URL, form_data(file=jpeg_upload(), focal_point_x="1.5")
        )
        assert response.status_code == 200
        assert not Image.objects.exists()

    def test_readers_cannot_reach_the_library(self, client):
        assert client.get(ADD_URL).status_code == 302


class TestLibraryList:
    def test_thumbnails_search_and_filters(self, journalist_client):
        ImageFactory(title="Harbour cranes", credit="Ana")
        ImageFactory(title="Parliament steps", credit="")
        page = journalist_client.get(LIST_URL).content.decode()
        assert page.count('class="image-thumbnail"') == 2

        found = journalist_client.get(LIST_URL, {"q": "harbour"}).content.decode()
        assert "Harbour cranes" in found and "Parliament steps" not in found

        missing = journalist_client.get(LIST_URL, {"rights": "missing"})
        assert "Parliament steps" in missing.content.decode()
        assert "Harbour cranes" not in missing.content.decode()

    def test_usage_filter_and_count(self, journalist_client):
        used = ImageFactory(title="Used picture")
        ImageFactory(title="Spare picture")
        ArticleFactory.create_batch(2, hero_image=used)
        page = journalist_client.get(LIST_URL, {"used": "yes"}).content.decode()
        assert "Used picture" in page and "Spare picture" not in page
        assert "2 article(s)" in page


class TestChooserAndUsage:
    def test_article_form_offers_the_popup_chooser(self, journalist_client, journalist):
        article = ArticleFactory(with_hero=True, draft=True, created_by=journalist)
        url = reverse("admin:articles_article_change", args=[article.pk])
        page = journalist_client.get(url).content.decode()
        assert 'class="related-lookup"' in page
        assert f"{LIST_URL}?_to_field=id" in page.replace("&amp;", "&")
        assert 'class="image-chooser-preview"' in page
        assert article.hero_image.title in page

    def test_chooser_popup_lists_thumbnails(self, journalist_client):
        ImageFactory(title="Pick me")
        page = journalist_client.get(
            LIST_URL, {"_to_field": "id", "_popup": "1"}
        ).content.decode()
        assert "Pick me" in page and 'class="image-thumbnail"' in page

    def test_choosing_an_image_with_per_use_alt(self, editor_client):
        article = ArticleFactory(draft=True)
        image = ImageFactory()
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = {
            "headline": article.headline,
            "slug": article.slug,
            "dek": article.dek,
            "body": article.body,
            "section": article.section_id,
            "tags": "",
            "hero_image": image.pk,
            "hero_image_alt": "The same flag, seen from the square",
            "hero_image_caption": "",
            "lock_token": article.updated_at.isoformat(),
            **management_forms(editor_client.get(url).context),
        }
        response = editor_client.post(url, data)
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.hero_image == image
        assert article.hero.alt == "The same flag, seen from the square"

    def test_usage_view_lists_articles(self, journalist_client):
        image = ImageFactory()
        first = ArticleFactory(headline="First story", hero_image=image)
        ArticleFactory(headline="Second story", hero_image=image, draft=True)
        ArticleFactory(headline="Other picture", with_hero=True)
        url = reverse("admin:images_image_usage", args=[image.pk])
        page = journalist_client.get(url).content.decode()
        assert "First story" in page and "Second story" in page
        assert "Other picture" not in page
        assert reverse("admin:articles_article_change", args=[first.pk]) in page

    def test_usage_view_needs_staff(self, client):
        image = ImageFactory()
        url = reverse("admin:images_image_usage", args=[image.pk])
        assert client.get(url).status_code == 302


def management_forms(context):
    data = {}
    for formset in context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name, field in management.fields.items():
            value = management.initial.get(name, field.initial)
            data[f"{management.prefix}-{name}"] = value if value is not None else ""
        # Submit no blank extra rows (e.g. the empty takeaway line).
        data[f"{management.prefix}-TOTAL_FORMS"] = management.initial["INITIAL_FORMS"]
    return data


class TestDeletion:
    def test_image_in_use_cannot_be_deleted(self, editor_client):
        image = ImageFactory()
        ArticleFactory(headline="Keeps its picture", hero_image=image)
        url = reverse("admin:images_image_delete", args=[image.pk])

        page = editor_client.get(url).content.decode()
        assert "Keeps its picture" in page
        response = editor_client.post(url, {"post": "yes"})
        assert "Keeps its picture" in response.content.decode()
        assert Image.objects.filter(pk=image.pk).exists()

    def test_bulk_delete_refuses_images_in_use(self, editor_client):
        used = ImageFactory()
        spare = ImageFactory()
        ArticleFactory(headline="Keeps its picture", hero_image=used)
        response = editor_client.post(
            LIST_URL,
            {
                "action": "delete_selected",
                "_selected_action": [used.pk, spare.pk],
                "post": "yes",
            },
        )
        assert "Keeps its picture" in response.content.decode()
        assert Image.objects.count() == 2

    def test_unused_image_is_deleted_with_its_files(
        self, editor_client, settings, django_capture_on_commit_callbacks
    ):
        image = ImageFactory()
        path = settings.MEDIA_ROOT / image.file.name
        url = reverse("admin:images_image_delete", args=[image.pk])
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(url, {"post": "yes"})
        assert not Image.objects.exists()
        assert not path.exists()

    def test_journalists_cannot_delete(self, journalist_client):
        image = ImageFactory()
        url = reverse("admin:images_image_delete", args=[image.pk])
        assert journalist_client.post(url, {"post": "yes"}).status_code == 403
        assert Image.objects.filter(pk=image.pk).exists()
