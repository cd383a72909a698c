"""import_wordpress on the WXR fixture written for these tests."""

import io
import shutil
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage

from articles.models import Article, Author, Byline, Section
from images.models import Image
from interchange.models import SourceRecord
from interchange.wordpress import split_credit
from tests import factories
from tests.interchange.builders import cleaned

pytestmark = pytest.mark.django_db

WXR = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress-export.xml"


@pytest.fixture
def media_dir(tmp_path):
    """A local copy of wp-content/uploads holding the featured image."""
    folder = tmp_path / "uploads"
    (folder / "2026" / "02").mkdir(parents=True)
    (folder / "2026" / "02" / "harbour-wall.jpg").write_bytes(
        factories.jpeg_bytes(width=48, height=32)
    )
    return folder


def run(*args, stdout=None, stderr=None):
    stdout, stderr = stdout or StringIO(), stderr or StringIO()
    call_command("import_wordpress", *map(str, args), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def refused(*args):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_wordpress", *map(str, args), stdout=out, stderr=err)
    return str(failure.value), out.getvalue(), err.getvalue()


def test_posts_become_articles(media_dir):
    out, _ = run(WXR, "--media-dir", media_dir)

    assert "Created 5, updated 0, skipped 0." in out
    # The page, the trashed post and the auto-draft are not articles.
    assert "Ignored 3 items" in out
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "ferry-service-returns",
        "lighthouse-restoration",
        "marina-vote",
        "pilots-union-night-shifts",
        "untitled-draft-about-the-fish-market",
    ]


def test_published_post_with_categories_tags_author_and_featured_image(media_dir):
    run(WXR, "--media-dir", media_dir)

    article = Article.objects.get(slug="ferry-service-returns")
    assert article.headline == "Ferry service returns after the storm"
    assert article.dek == "Crossings resume after three days."
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime(2026, 2, 15, 8, 30, tzinfo=UTC)
    assert article.is_live
    # The first category is the section; the second is kept as a tag.
    assert article.section.name == "Port & Shipping"
    assert sorted(article.tags.names()) == ["Council", "ferries", "storms"]
    assert [a.name for a in article.authors.all()] == ["Mara Lindqvist"]
    assert article.hero.alt == "Waves breaking over a stone harbour wall"
    assert article.hero.caption == "Waves over the harbour wall on Thursday."
    assert (article.hero.width, article.hero.height) == (48, 32)
    # A library image, stored the way an upload of the same file would be.
    assert article.hero_image.file.open("rb").read() == cleaned(
        (media_dir / "2026" / "02" / "harbour-wall.jpg").read_bytes()
    )
    assert SourceRecord.objects.get(article=article).source_id == "101"


def test_html_is_sanitised(media_dir):
    run(WXR, "--media-dir", media_dir)

    body = Article.objects.get(slug="ferry-service-returns").body
    assert "<strong>dawn</strong>" in body
    assert 'href="https://harbour.example.org/fares"' in body
    for unsafe in ("script", "alert", "onclick", "style=", "javascript", "iframe"):
        assert unsafe not in body
    assert "wp:paragraph" not in body


def test_future_post_is_scheduled(media_dir):
    run(WXR, "--media-dir", media_dir)

    article = Article.objects.get(slug="marina-vote")
    assert article.is_scheduled
    assert article.published_at == datetime(2100, 1, 1, 9, tzinfo=UTC)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_draft_without_slug_and_pending_post(media_dir):
    run(WXR, "--media-dir", media_dir)

    draft = Article.objects.get(slug="untitled-draft-about-the-fish-market")
    pending = Article.objects.get(slug="pilots-union-night-shifts")
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    assert draft.section.name == "Uncategorized"
    assert draft.body == "<p>Notes so far.</p>"
    assert pending.status == Article.Status.IN_REVIEW
    assert pending.headline == "Pilots’ union asks for night shifts"


def test_co_authors_in_byline_order_with_guest_authors(media_dir):
    run(WXR, "--media-dir", media_dir)

    article = Article.objects.get(slug="lighthouse-restoration")
    assert [b.author.name for b in Byline.objects.filter(article=article)] == [
        "Tomás Ferreira",
        "Mara Lindqvist",
        "Inês Costa",
    ]
    # Classic-editor paragraphs become <p>; shortcodes leave their text.
    assert article.body == (
        "<p>The scaffolding came down on Monday.<br>The lamp is next.</p>\n"
        "<p>Volunteers worked for two winters.</p>\n<h2>What comes next</h2>"
    )


def test_importing_again_updates_the_same_articles(media_dir, tmp_path):
    run(WXR, "--media-dir", media_dir)
    article = Article.objects.get(slug="untitled-draft-about-the-fish-market")
    article.takeaways.create(text="Added in Newsroom.", position=1)
    # The draft got a title in WordPress since: it has no slug there, and is
    # found again by its post id.
    changed = tmp_path / "again.xml"
    changed.write_text(
        WXR.read_text().replace(
            "Untitled draft about the fish market", "Fish market to close"
        )
    )

    out, _ = run(changed, "--media-dir", media_dir)

    assert "Created 0, updated 5, skipped 0." in out
    assert Article.objects.count() == 5
    assert Author.objects.count() == 3
    assert Section.objects.count() == 3
    article.refresh_from_db()
    assert article.headline == "Fish market to close"
    assert article.slug == "fish-market-to-close"
    # What WordPress does not carry is left as the newsroom made it.
    assert [t.text for t in article.takeaways.all()] == ["Added in Newsroom."]


def test_drafts_sharing_a_title_get_separate_slugs(media_dir, tmp_path):
    twice = tmp_path / "twice.xml"
    twice.write_text(
        WXR.read_text()
        .replace(
            "Pilots&#8217; union asks for night shifts",
            "Untitled draft about the fish market",
        )
        .replace("pilots-union-night-shifts", "")
    )

    run(twice, "--media-dir", media_dir)

    assert set(
        Article.objects.filter(slug__startswith="untitled-draft").values_list(
            "slug", flat=True
        )
    ) == {
        "untitled-draft-about-the-fish-market-103",
        "untitled-draft-about-the-fish-market-104",
    }


def test_progress_bar_on_a_terminal_only(media_dir):
    class Terminal(StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    _, quiet = run(WXR, "--media-dir", media_dir)
    run(WXR, "--media-dir", media_dir, stderr=terminal)

    assert quiet == ""
    assert "Importing posts [" in terminal.getvalue()
    assert "5/5" in terminal.getvalue()


def test_featured_image_credit_comes_from_the_caption_and_rights_from_wordpress(
    media_dir,
):
    run(WXR, "--media-dir", media_dir)
    run(WXR, "--media-dir", media_dir)

    image = Article.objects.get(slug="ferry-service-returns").hero_image
    # The credit line is taken out of the caption it was written into.
    assert image.caption == "Waves over the harbour wall on Thursday."
    assert image.credit == "Photo: Jonas Berg"
    # WordPress keeps the copyright it read from the file in image_meta.
    assert image.copyright == "© Harbour Herald 2026"
    # Importing again reuses the library image.
    assert Image.objects.count() == 1


def test_featured_image_credit_falls_back_to_the_file_metadata(media_dir, tmp_path):
    exif = PILImage.Exif()
    exif[0x013B] = "J. Berg / Harbour Herald"  # EXIF Artist
    buffer = io.BytesIO()
    PILImage.new("RGB", (48, 32), (0, 80, 120)).save(buffer, "JPEG", exif=exif)
    (media_dir / "2026" / "02" / "harbour-wall.jpg").write_bytes(buffer.getvalue())
    wxr = tmp_path / "export.xml"
    wxr.write_text(WXR.read_text().replace(" Photo: Jonas Berg", ""))

    run(wxr, "--media-dir", media_dir)

    image = Article.objects.get(slug="ferry-service-returns").hero_image
    assert image.caption == "Waves over the harbour wall on Thursday."
    assert image.credit == "J. Berg / Harbour Herald"


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Waves at dawn. Photo: Ana Ruiz", ("Waves at dawn.", "Photo: Ana Ruiz")),
        ("Waves at dawn (Photo by Ana Ruiz)", ("Waves at dawn", "Photo by Ana Ruiz")),
        ("Crowds | Credit: AFP", ("Crowds", "Credit: AFP")),
        ("The photo: a wall at dawn", ("The photo: a wall at dawn", "")),
        ("Waves at dawn.", ("Waves at dawn.", "")),
    ],
)
def test_a_credit_line_is_split_off_a_caption(caption, expected):
    assert split_credit(caption) == expected


def test_featured_image_needs_a_media_dir(db):
    message, _, err = refused(WXR)

    assert "Nothing imported" in message
    assert (
        'article 1 (WordPress post 101), slug "ferry-service-returns", '
        'field "hero_image.file": the featured image 2026/02/harbour-wall.jpg '
        "needs --media-dir"
    ) in err
    assert not Article.objects.exists()


def test_without_images_imports_no_pictures(db):
    run(WXR, "--without-images")

    assert not Article.objects.get(slug="ferry-service-returns").hero_image


def test_missing_image_file_is_refused(media_dir):
    shutil.rmtree(media_dir / "2026")

    _, _, err = refused(WXR, "--media-dir", media_dir)

    assert 'field "hero_image.file": "2026/02/harbour-wall.jpg": no such file' in err
    assert not Article.objects.exists()


def test_skip_invalid_imports_the_other_posts(media_dir, tmp_path):
    too_long = tmp_path / "long.xml"
    too_long.write_text(
        WXR.read_text().replace("Council to vote on the new marina", "x" * 201)
    )

    message, out, err = refused(too_long, "--media-dir", media_dir, "--skip-invalid")

    assert 'article 2 (WordPress post 102), slug "marina-vote", field "headline"' in err
    assert "Created 4, updated 0, skipped 1." in out
    assert "1 article was not imported, or only in part" in message
    assert not Article.objects.filter(slug="marina-vote").exists()


def test_slug_of_another_article_is_not_taken_over(media_dir):
    factories.ArticleFactory(slug="marina-vote", headline="Ours")
    other = factories.ArticleFactory(slug="from-elsewhere")
    SourceRecord.objects.create(source="wordpress", source_id="999", article=other)
    Article.objects.filter(pk=other.pk).update(slug="lighthouse-restoration")

    _, _, err = refused(WXR, "--media-dir", media_dir)

    assert "already belongs to an article imported from WordPress item 999" in err
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;">]>\n<rss><channel><title>&b;</title>'
            "</channel></rss>",
            "declares a DTD, entities or external references",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM '
            '"file:///etc/passwd">]>\n<rss><channel><title>&x;</title>'
            "</channel></rss>",
            "declares a DTD, entities or external references",
        ),
        ("<rss><channel><item></channel></rss>", "not well-formed XML: line 1"),
        ("<feed></feed>", "not a WordPress export"),
    ],
)
def test_unsafe_or_broken_xml_is_refused(tmp_path, xml, expected):
    path = tmp_path / "export.xml"
    path.write_text(xml)

    message, _, _ = refused(path)

    assert expected in message
    assert not Article.objects.exists()
