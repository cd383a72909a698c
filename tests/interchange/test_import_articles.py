"""import_articles on good input: idempotence, sanitising, reporting."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Author, Byline, RelatedLink, Section
from editorial.models import AnalysisBox
from images.models import Image
from tests import factories
from tests.interchange.builders import analysis, cleaned, entry, hero

pytestmark = pytest.mark.django_db


class FakeTerminal(StringIO):
    def isatty(self):
        return True


def run(folder, *args, stdout=None, stderr=None):
    stdout, stderr = stdout or StringIO(), stderr or StringIO()
    call_command("import_articles", str(folder), *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_import_creates_articles_with_everything(interchange_dir, flag_jpeg):
    folder = interchange_dir(
        [
            entry(
                hero_image=hero(),
                analysis=analysis(),
                related=["later-story"],
            ),
            entry(slug="later-story", headline="Later", section="Économie"),
        ],
        {"images/flag.jpg": flag_jpeg},
    )

    out, _ = run(folder)

    article = Article.objects.get(slug="ceasefire-holds")
    assert "Created 2, updated 0, skipped 0." in out
    assert article.section.name == "World"
    assert Section.objects.get(name="Économie").slug == "economie"
    assert [b.author.name for b in Byline.objects.filter(article=article)] == [
        "Ana Ruiz",
        "Bo Chen",
    ]
    assert sorted(article.tags.names()) == ["ceasefire", "diplomacy"]
    assert [t.text for t in article.takeaways.all()] == [
        "The truce is holding.",
        "Talks resume on Monday.",
    ]
    # Stored as an upload would be: through the validator, metadata stripped.
    assert article.hero_image.file.open("rb").read() == cleaned(flag_jpeg)
    assert article.hero.alt == "A white flag over a checkpoint"
    assert (article.hero.width, article.hero.height) == (40, 30)
    assert article.analysis_box.status == AnalysisBox.Status.SUBMITTED
    assert not article.analysis_box.is_public
    # A related slug may point at an article later in the same file.
    assert [link.to_article.slug for link in article.related_links.all()] == [
        "later-story"
    ]


def test_importing_twice_updates_in_place(interchange_dir, flag_jpeg, settings):
    folder = interchange_dir(
        [
            entry(hero_image=hero(), related=["b"]),
            entry(slug="b", authors=["Ana Ruiz"]),
        ],
        {"images/flag.jpg": flag_jpeg},
    )
    run(folder)
    stored = Article.objects.get(slug="ceasefire-holds").hero_image

    out, _ = run(folder)

    assert "Created 0, updated 2, skipped 0." in out
    assert Article.objects.count() == 2
    assert Author.objects.count() == 2
    assert Section.objects.count() == 1
    assert RelatedLink.objects.count() == 1
    # The same picture is not stored a second time.
    assert Article.objects.get(slug="ceasefire-holds").hero_image == stored
    assert Image.objects.count() == 1
    assert len(list((settings.MEDIA_ROOT / "images").rglob("*.jpg"))) == 1


def test_reimport_applies_changes_and_replaces_the_picture(
    interchange_dir, flag_jpeg, settings, django_capture_on_commit_callbacks
):
    run(interchange_dir([entry(hero_image=hero())], {"images/flag.jpg": flag_jpeg}))
    first = Article.objects.get().hero_image
    other = factories.jpeg_bytes(width=20, height=10)
    folder = interchange_dir(
        [
            entry(
                headline="Ceasefire breaks",
                hero_image=hero("images/new.jpg", credit="Photo: Wire"),
                takeaways=["The truce broke."],
                authors=["Bo Chen"],
                status="draft",
                published_at=None,
            )
        ],
        {"images/new.jpg": other},
    )

    with django_capture_on_commit_callbacks(execute=True):
        run(folder)

    article = Article.objects.get(slug="ceasefire-holds")
    assert article.headline == "Ceasefire breaks"
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert [t.text for t in article.takeaways.all()] == ["The truce broke."]
    assert [a.name for a in article.authors.all()] == ["Bo Chen"]
    assert article.hero.credit == "Photo: Wire"
    assert article.hero_image.file.open("rb").read() == cleaned(other)
    # The picture it replaced stays in the library, where it may be reused.
    assert set(Image.objects.all()) == {first, article.hero_image}
    assert len(list((settings.MEDIA_ROOT / "images").rglob("*.jpg"))) == 2


def test_rich_text_goes_through_the_admin_sanitiser(interchange_dir):
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script> '
        '<a href="javascript:alert(1)">x</a></p><iframe src="//evil"></iframe>'
    )
    run(
        interchange_dir(
            [entry(body_html=dirty, analysis=analysis(body_html=dirty))],
        )
    )

    article = Article.objects.get()
    for html in (article.body, article.analysis_box.body):
        assert "script" not in html
        assert "onclick" not in html
        assert "javascript" not in html
        assert "iframe" not in html
        assert html.startswith("<p>Hi")


def test_approved_box_is_approved_by_the_named_editor(interchange_dir, editor):
    run(interchange_dir([entry(analysis=analysis(status="approved"))]), "--as", "ed")

    box = AnalysisBox.objects.get()
    assert box.is_public
    assert box.approved_by == editor


def test_reimport_of_an_unchanged_approved_box_keeps_the_approval(
    interchange_dir, editor
):
    folder = interchange_dir([entry(analysis=analysis(status="approved"))])
    run(folder, "--as", "ed")
    first = AnalysisBox.objects.get().approved_at

    run(folder, "--as", "ed")

    assert AnalysisBox.objects.get().approved_at == first


def test_changed_text_of_an_approved_box_is_approved_again(interchange_dir, editor):
    run(interchange_dir([entry(analysis=analysis(status="approved"))]), "--as", "ed")
    changed = analysis(status="approved", body_html="<p>New words.</p>")

    run(interchange_dir([entry(analysis=changed)]), "--as", "ed")

    box = AnalysisBox.objects.get()
    assert box.is_public
    assert box.body == "<p>New words.</p>"


def test_approved_box_without_an_editor_is_refused(interchange_dir):
    folder = interchange_dir([entry(analysis=analysis(status="approved"))])

    with pytest.raises(CommandError, match="Nothing imported"):
        run(folder, stderr=(err := StringIO()))

    assert 'field "analysis.status"' in err.getvalue()
    assert "--as USERNAME" in err.getvalue()
    assert not Article.objects.exists()


def test_as_must_name_an_account_that_may_approve(interchange_dir, journalist):
    folder = interchange_dir([entry(analysis=analysis(status="approved"))])

    with pytest.raises(CommandError, match="may not approve"):
        run(folder, "--as", "jo")
    with pytest.raises(CommandError, match='no active account "nobody"'):
        run(folder, "--as", "nobody")
    assert not Article.objects.exists()


def test_withdrawing_an_approval_needs_an_editor(interchange_dir, editor):
    run(interchange_dir([entry(analysis=analysis(status="approved"))]), "--as", "ed")
    folder = interchange_dir([entry(analysis=analysis(status="draft"))])

    with pytest.raises(CommandError):
        run(folder)
    assert AnalysisBox.objects.get().is_public

    run(folder, "--as", "ed")
    box = AnalysisBox.objects.get()
    assert not box.is_public
    assert box.status == AnalysisBox.Status.DRAFT


def test_analysis_null_removes_the_box(interchange_dir):
    run(interchange_dir([entry(analysis=analysis())]))

    run(interchange_dir([entry(analysis=None)]))

    assert not AnalysisBox.objects.exists()


def test_progress_bar_on_a_terminal_only(interchange_dir):
    folder = interchange_dir([entry(), entry(slug="b")])

    _, quiet = run(folder)
    terminal = FakeTerminal()
    run(folder, stderr=terminal)

    assert quiet == ""
    assert "Importing [" in terminal.getvalue()
    assert "2/2" in terminal.getvalue()


def test_related_slug_may_point_to_an_article_already_in_the_database(
    interchange_dir,
):
    factories.ArticleFactory(slug="older-story")

    run(interchange_dir([entry(related=["older-story"])]))

    assert RelatedLink.objects.get().to_article.slug == "older-story"
