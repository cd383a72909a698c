"""Export → wipe → import → export gives the same bytes."""

import io
import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from taggit.models import Tag

from articles.models import Article, Author, Section
from editorial.models import AnalysisBox
from images.models import Image
from images.validation import validate_image_upload
from interchange.validation import SCHEMA_PATH
from tests import factories
from tests.images import samples


def export(folder, *args):
    out, err = StringIO(), StringIO()
    call_command("export_articles", str(folder), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def files_in(folder):
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def newsroom(db, editor):
    """A newsroom with everything the format carries."""
    world = factories.SectionFactory(name="World", slug="world")
    economy = factories.SectionFactory(name="Économie", slug="economie")
    ana = factories.AuthorFactory(name="Ana Ruiz")
    bo = factories.AuthorFactory(name="Bo Chen")
    lead = factories.ArticleFactory(
        slug="talks-resume",
        headline="Talks resume — “cautiously”",
        body=(
            '<p>See <a href="https://example.org/text" target="_blank">the '
            'text</a>.</p><h2>Next</h2><ol start="3"><li>Three</li></ol>'
        ),
        section=world,
        with_hero=True,
        authors=[bo, ana],
        tags=["diplomacy", "Geneva"],
        # Microseconds and a non-UTC offset must survive the trip.
        published_at=datetime(
            2026, 3, 1, 9, 30, 12, 345678, tzinfo=timezone(timedelta(hours=2))
        ),
    )
    factories.KeyTakeawayFactory(article=lead, text="Talks resume.", position=1)
    factories.KeyTakeawayFactory(article=lead, text="Both sides came.", position=2)
    factories.AnalysisBoxFactory(article=lead, approved=True)
    draft = factories.ArticleFactory(
        slug="budget-draft", section=economy, draft=True, body=""
    )
    factories.AnalysisBoxFactory(
        article=draft, status=AnalysisBox.Status.CHANGES_REQUESTED
    )
    scheduled = factories.ArticleFactory(
        slug="budget-vote",
        section=economy,
        published_at=datetime(2030, 1, 1, tzinfo=UTC),
        with_hero=True,
        hero_image__image_format="PNG",
    )
    review = factories.ArticleFactory(
        slug="in-review", section=world, status=Article.Status.IN_REVIEW
    )
    factories.AnalysisBoxFactory(article=review, submitted=True)
    factories.RelatedLinkFactory(from_article=lead, to_article=scheduled, position=1)
    factories.RelatedLinkFactory(from_article=lead, to_article=draft, position=2)
    factories.RelatedLinkFactory(from_article=draft, to_article=lead, position=1)
    return {"lead": lead, "draft": draft, "scheduled": scheduled}


def wipe():
    # Articles first: they protect the library images they show.
    Article.objects.all().delete()
    Image.objects.all().delete()
    Section.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def test_export_wipe_import_export_gives_identical_files(newsroom, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    export(first)
    wipe()

    out = StringIO()
    call_command("import_articles", str(first), "--as", "ed", stdout=out)
    export(second)

    assert "Created 4, updated 0, skipped 0." in out.getvalue()
    assert files_in(first) == files_in(second)
    assert set(files_in(first)) == {
        "articles.json",
        "images/budget-vote.png",
        "images/talks-resume.jpg",
    }


def noisy_photo():
    """A picture like a real photo, whose JPEG re-encoding is not byte-stable."""
    buffer = io.BytesIO()
    PILImage.effect_noise((120, 80), 60).convert("RGB").save(buffer, format="JPEG")
    return factories.ImageFactory(
        validated=validate_image_upload(io.BytesIO(buffer.getvalue()))
    )


def test_export_import_export_over_the_library_keeps_photos_byte_equal(
    newsroom, tmp_path
):
    lead = newsroom["lead"]
    lead.hero_image = noisy_photo()
    lead.hero_image_alt = "The delegations arriving"  # this article's own text
    lead.save()
    first, second = tmp_path / "first", tmp_path / "second"
    export(first)
    Article.objects.all().delete()  # the articles go, the library stays
    in_library = Image.objects.count()

    call_command("import_articles", str(first), "--as", "ed", stdout=StringIO())
    export(second)

    assert files_in(first) == files_in(second)
    # The exported photo was recognised, not stored again re-encoded.
    assert Image.objects.count() == in_library
    assert Article.objects.get(slug="talks-resume").hero_image_alt == (
        "The delegations arriving"
    )


def photo_in_library(data):
    return factories.ImageFactory(validated=validate_image_upload(io.BytesIO(data)))


def test_photos_survive_a_full_wipe_byte_for_byte(newsroom, tmp_path):
    # Photo-like pixels: a JPEG or lossy WebP re-encoded would change bytes.
    jpeg = samples.noisy_photo("JPEG", seed=11, quality=85)
    webp = samples.noisy_photo("WEBP", seed=12, quality=80)
    newsroom["lead"].hero_image = photo_in_library(jpeg)
    newsroom["lead"].save()
    newsroom["scheduled"].hero_image = photo_in_library(webp)
    newsroom["scheduled"].save()
    first, second = tmp_path / "first", tmp_path / "second"
    export(first)
    wipe()  # articles, library images and the media files themselves
    assert not Image.objects.exists()

    call_command("import_articles", str(first), "--as", "ed", stdout=StringIO())
    export(second)

    assert files_in(first) == files_in(second)
    assert files_in(second)["images/talks-resume.jpg"] == jpeg
    assert files_in(second)["images/budget-vote.webp"] == webp
    assert Image.objects.count() == 2


def test_export_validates_against_the_published_schema(newsroom, tmp_path):
    export(tmp_path / "out")
    document = json.loads((tmp_path / "out" / "articles.json").read_text())
    schema = json.loads(SCHEMA_PATH.read_text())

    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)


def test_export_writes_what_the_articles_hold(newsroom, tmp_path):
    export(tmp_path / "out")
    document = json.loads((tmp_path / "out" / "articles.json").read_text())
    by_slug = {a["slug"]: a for a in document["articles"]}

    lead = by_slug["talks-resume"]
    assert [a["slug"] for a in document["articles"]] == [
        "budget-draft",
        "budget-vote",
        "in-review",
        "talks-resume",
    ]
    assert lead["authors"] == ["Bo Chen", "Ana Ruiz"]  # byline order, not names
    assert lead["tags"] == ["Geneva", "diplomacy"]
    assert lead["published_at"] == "2026-03-01T07:30:12.345678+00:00"
    assert lead["takeaways"] == ["Talks resume.", "Both sides came."]
    assert lead["related"] == ["budget-vote", "budget-draft"]
    assert lead["analysis"]["status"] == "approved"
    assert lead["hero_image"]["alt"] == "A flag against a clear sky"
    assert by_slug["budget-draft"]["analysis"]["status"] == "draft"
    assert by_slug["in-review"]["analysis"]["status"] == "submitted"
    assert by_slug["budget-draft"]["published_at"] is None
    assert (tmp_path / "out" / lead["hero_image"]["file"]).read_bytes() == (
        newsroom["lead"].hero_image.file.open("rb").read()
    )
    assert lead["hero_image"]["credit"] == "Photo: Newsroom Studio"
    assert lead["hero_image"]["copyright"] == "© Newsroom Studio, all rights reserved"


def test_import_restores_approval_by_the_named_editor(newsroom, tmp_path, editor):
    export(tmp_path / "out")
    wipe()

    call_command(
        "import_articles", str(tmp_path / "out"), "--as", "ed", stdout=StringIO()
    )

    box = AnalysisBox.objects.get(article__slug="talks-resume")
    assert box.is_public
    assert box.approved_by == editor
    assert not AnalysisBox.objects.get(article__slug="in-review").is_public


def test_section_filter_exports_one_section_and_drops_links_leaving_it(
    newsroom, tmp_path
):
    _, err = export(tmp_path / "out", "--section", "economie")
    document = json.loads((tmp_path / "out" / "articles.json").read_text())

    assert [a["slug"] for a in document["articles"]] == ["budget-draft", "budget-vote"]
    assert document["articles"][0]["related"] == []
    assert "Left out 1 related links" in err
    assert set(files_in(tmp_path / "out")) == {
        "articles.json",
        "images/budget-vote.png",
    }


def test_since_filter_exports_articles_changed_since(newsroom, tmp_path):
    Article.objects.filter(slug="budget-vote").update(
        updated_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    Article.objects.exclude(slug="budget-vote").update(
        updated_at=datetime(2026, 5, 1, tzinfo=UTC)
    )

    export(tmp_path / "out", "--since", "2026-01-01")
    document = json.loads((tmp_path / "out" / "articles.json").read_text())

    assert "budget-vote" not in [a["slug"] for a in document["articles"]]
    assert len(document["articles"]) == 3


def test_export_refuses_a_directory_that_is_not_empty(newsroom, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")

    with pytest.raises(Exception, match="not an empty directory"):
        export(tmp_path / "out")
    assert (tmp_path / "out" / "keep.txt").read_text() == "mine"


def test_export_stops_clearly_when_a_stored_picture_is_gone(newsroom, tmp_path):
    stored = newsroom["lead"].hero_image.file
    stored.storage.delete(stored.name)

    with pytest.raises(Exception, match='hero image of "talks-resume" cannot be read'):
        export(tmp_path / "out")


def test_export_refuses_unknown_section_and_bad_since(newsroom, tmp_path):
    with pytest.raises(Exception, match="No such section: Sport"):
        export(tmp_path / "a", "--section", "Sport")
    with pytest.raises(Exception, match="not an ISO 8601 date"):
        export(tmp_path / "b", "--since", "last tuesday")


def test_export_queries_do_not_grow_with_the_number_of_articles(
    newsroom, tmp_path, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as small:
        export(tmp_path / "small")
    for number in range(5):
        article = factories.ArticleFactory(slug=f"more-{number}", tags=["extra"])
        factories.AnalysisBoxFactory(article=article)
        factories.KeyTakeawayFactory(article=article)

    with django_assert_num_queries(len(small.captured_queries)):
        export(tmp_path / "large")
