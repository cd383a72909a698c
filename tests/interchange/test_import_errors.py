"""import_articles on bad input: every problem named, nothing written."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Section
from tests import factories
from tests.interchange.builders import entry, hero

pytestmark = pytest.mark.django_db


def refused(folder, *args):
    """Run an import that must fail; return (message, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_articles", str(folder), *args, stdout=out, stderr=err)
    return str(failure.value), out.getvalue(), err.getvalue()


@pytest.fixture
def existing(db):
    return factories.ArticleFactory(slug="ceasefire-holds", headline="As it was")


def assert_unchanged(existing):
    assert list(Article.objects.values_list("slug", "headline")) == [
        ("ceasefire-holds", "As it was")
    ]
    assert list(Section.objects.values_list("pk", flat=True)) == [existing.section_id]


def test_malformed_json_names_line_and_column(interchange_dir, existing):
    folder = interchange_dir(None, raw='{"version": 1, "articles": [\n  {"slug": }]}')

    message, _, _ = refused(folder)

    assert "not valid JSON" in message
    assert "line 2, column 12" in message
    assert_unchanged(existing)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ([], "must hold one JSON object"),
        ({"version": 2, "articles": []}, '"version": 2'),
        ({"version": 1}, 'needs "articles"'),
        ({"version": 1, "articles": [], "extra": 1}, "unknown top-level keys: extra"),
    ],
)
def test_file_level_problems(interchange_dir, existing, document, expected):
    message, _, _ = refused(interchange_dir(None, raw=json.dumps(document)))

    assert expected in message
    assert_unchanged(existing)


def test_missing_articles_json(tmp_path):
    message, _, _ = refused(tmp_path)

    assert "no articles.json" in message


@pytest.mark.parametrize(
    ("article", "field", "expected"),
    [
        (entry(headline="x" * 201), "headline", "201 characters long; at most 200"),
        (entry(published_at="2026-02-30T10:00:00+00:00"), "published_at", "not a real"),
        (entry(published_at="yesterday"), "published_at", "not an ISO 8601"),
        (entry(published_at="2026-03-01T09:30:00"), "published_at", "UTC offset"),
        (entry(published_at=None), "published_at", "needs its publication time"),
        (entry(subtitle="Extra"), "subtitle", "unknown key"),
        (entry(hero_image={**hero(), "size": 3}), "hero_image.size", "unknown key"),
        (entry(status="live"), "status", 'must be one of "draft"'),
        (entry(slug="no spaces"), "slug", "not a slug"),
        (entry(tags="one"), "tags", "must be a list, not text"),
        (entry(related=["nowhere"]), "related #1", "neither in this file nor"),
        (entry(related=["ceasefire-holds"]), "related #1", "cannot relate to itself"),
        (entry(takeaways=["One. Two more."]), "takeaways #1", "one sentence"),
        (entry(hero_image=hero("images/missing.jpg")), "hero_image.file", "no such"),
        (entry(hero_image=hero("../outside.jpg")), "hero_image.file", "inside"),
        (entry(hero_image=hero(alt="")), "hero_image.alt", "must not be empty"),
        (
            entry(analysis={"kicker": "K"}),
            "analysis.heading",
            "is missing",
        ),
    ],
)
def test_each_bad_field_is_named_and_nothing_changes(
    interchange_dir, existing, article, field, expected
):
    (interchange_dir([]).parent / "outside.jpg").write_bytes(factories.jpeg_bytes())
    folder = interchange_dir([entry(slug="fine-story"), article])

    message, _, err = refused(folder)

    assert "Nothing imported: 1 of 2 articles are invalid" in message
    assert f'article 2, slug "{article["slug"]}", field "{field}": ' in err
    assert expected in err
    assert_unchanged(existing)


def test_missing_key_is_named(interchange_dir, existing):
    article = entry()
    del article["dek"]

    _, _, err = refused(interchange_dir([article]))

    assert 'article 1, slug "ceasefire-holds", field "dek": is missing' in err
    assert_unchanged(existing)


def test_an_entry_that_is_not_an_object(interchange_dir, existing):
    _, _, err = refused(interchange_dir([entry(slug="b"), "oops"]))

    assert 'article 2, field "(article)": must be an object, not text' in err
    assert_unchanged(existing)


def test_duplicate_slugs_in_one_file(interchange_dir, existing):
    folder = interchange_dir([entry(slug="a"), entry(slug="b"), entry(slug="a")])

    _, _, err = refused(folder)

    assert 'article 3, slug "a", field "slug": "a" is also the slug of article 1' in err
    assert_unchanged(existing)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a picture", "bad.jpg: This file is not a JPEG, PNG, WebP or GIF"),
        (factories.jpeg_bytes()[:200], "bad.jpg: This picture could not be read"),
        (
            factories.jpeg_bytes() + b"<svg onload=alert(1)>",
            "bad.jpg: This file hides web page code",
        ),
    ],
)
def test_a_file_that_is_no_valid_image(interchange_dir, existing, content, expected):
    folder = interchange_dir(
        [entry(hero_image=hero("images/bad.jpg"))], {"images/bad.jpg": content}
    )

    _, _, err = refused(folder)

    assert 'field "hero_image.file"' in err
    assert expected in err
    assert_unchanged(existing)


def test_an_image_link_pointing_outside_the_directory(interchange_dir, existing):
    folder = interchange_dir([entry(hero_image=hero("images/link.jpg"))])
    (folder.parent / "secret.jpg").write_bytes(factories.jpeg_bytes())
    (folder / "images").mkdir()
    (folder / "images" / "link.jpg").symlink_to(folder.parent / "secret.jpg")

    _, _, err = refused(folder)

    assert 'field "hero_image.file": "images/link.jpg" must be a path inside' in err
    assert_unchanged(existing)


def test_a_write_failure_rolls_back_the_whole_import(
    interchange_dir, existing, flag_jpeg, monkeypatch
):
    from interchange import importer

    def broken_disk(article, path, **texts):
        raise OSError("No space left on device")

    monkeypatch.setattr(importer, "write_hero", broken_disk)
    folder = interchange_dir(
        [
            entry(headline="Changed"),
            entry(slug="new-one", hero_image=hero()),
        ],
        {"images/flag.jpg": flag_jpeg},
    )

    message, _, _ = refused(folder)

    assert message == (
        'Nothing imported: article 2, slug "new-one" could not be written: '
        "No space left on device"
    )
    assert_unchanged(existing)


def test_every_problem_is_reported_at_once(interchange_dir, existing):
    folder = interchange_dir(
        [
            entry(slug="a", headline=""),
            entry(slug="b"),
            entry(slug="c", status="gone", related=["nowhere"]),
        ]
    )

    _, _, err = refused(folder)

    assert 'article 1, slug "a", field "headline": must not be empty' in err
    assert 'article 3, slug "c", field "status"' in err
    assert 'article 3, slug "c", field "related #1"' in err
    assert 'slug "b"' not in err
    assert_unchanged(existing)


def test_skip_invalid_imports_the_valid_ones_and_exits_non_zero(interchange_dir):
    folder = interchange_dir(
        [
            entry(slug="good"),
            entry(slug="bad", headline="x" * 300),
            entry(slug="links-to-bad", related=["bad"]),
            entry(slug="links-to-good", related=["good"]),
        ]
    )

    message, out, err = refused(folder, "--skip-invalid")

    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "good",
        "links-to-good",
    ]
    assert "Created 2, updated 0, skipped 2." in out
    assert 'skipped: article 2, slug "bad"' in out
    assert 'skipped: article 3, slug "links-to-bad"' in out
    assert '"bad" is skipped because it is invalid' in err
    assert "2 articles were not imported, or only in part" in message


def test_slug_taken_by_an_article_from_wordpress_is_not_overwritten(interchange_dir):
    from interchange.models import SourceRecord

    article = factories.ArticleFactory(slug="from-wp", headline="WP")
    SourceRecord.objects.create(source="wordpress", source_id="7", article=article)

    # A JSON import matches by slug: it updates the WordPress article in place.
    call_command(
        "import_articles",
        str(interchange_dir([entry(slug="from-wp", headline="Updated")])),
        stdout=StringIO(),
    )

    article.refresh_from_db()
    assert article.headline == "Updated"
    assert article.source_record.source_id == "7"


def test_with_skip_invalid_a_write_failure_skips_only_that_article(
    interchange_dir, flag_jpeg, monkeypatch
):
    from interchange import importer

    def broken_disk(article, path, **texts):
        raise OSError("No space left on device")

    monkeypatch.setattr(importer, "write_hero", broken_disk)
    folder = interchange_dir(
        [entry(slug="plain"), entry(slug="pictured", hero_image=hero())],
        {"images/flag.jpg": flag_jpeg},
    )

    _, out, err = refused(folder, "--skip-invalid")

    assert list(Article.objects.values_list("slug", flat=True)) == ["plain"]
    assert "Created 1, updated 0, skipped 1." in out
    assert 'slug "pictured", field "(article)": could not be written: No space' in err
