import pytest
import reversion
from reversion.models import Version

from articles.models import Article
from editorial.models import AnalysisBox
from tests.admin_forms import form_data
from tests.factories import AnalysisBoxFactory, ready_article

pytestmark = pytest.mark.django_db


def edit(client, article, **changes):
    url = f"/admin/articles/article/{article.pk}/change/"
    response = client.post(url, form_data(client.get(url), "article_form") | changes)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_every_admin_save_is_a_revision_with_its_author(editor_client, editor):
    article = ready_article(headline="First headline")
    edit(editor_client, article, headline="Second headline")
    edit(editor_client, article, dek="A new dek for readers.")

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {editor}


def test_history_page_shows_a_readable_diff(editor_client):
    article = ready_article(headline="Talks stall in Geneva")
    edit(editor_client, article, headline="Talks resume in Geneva")
    edit(editor_client, article, headline="Talks collapse in Geneva")

    page = editor_client.get(f"/admin/articles/article/{article.pk}/history/")

    html = page.content.decode()
    assert "Talks <del>resume</del> <ins>collapse</ins> in Geneva" in html
    assert "Revert to this version" in html


def test_revert_is_a_new_revision_and_leaves_the_workflow_alone(editor_client, editor):
    article = ready_article(headline="Old headline")
    edit(editor_client, article, headline="Old headline", dek="Old dek.")
    edit(editor_client, article, headline="New headline", dek="New dek.")
    article.publish(by=editor)
    old = Version.objects.get_for_object(article).get(
        serialized_data__contains="Old headline"
    )
    before = Version.objects.get_for_object(article).count()

    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/history/{old.pk}/revert/"
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.dek) == ("Old headline", "Old dek.")
    assert article.status == Article.Status.PUBLISHED
    versions = Version.objects.get_for_object(article)
    assert versions.count() == before + 1
    assert "Reverted" in versions.first().revision.get_comment()


def test_revert_brings_back_the_takeaways(editor_client):
    article = ready_article(takeaways=2)
    edit(editor_client, article)
    old = Version.objects.get_for_object(article).first()
    article.takeaways.all().delete()
    with reversion.create_revision():
        article.save()

    editor_client.post(f"/admin/articles/article/{article.pk}/history/{old.pk}/revert/")

    assert list(article.takeaways.values_list("text", flat=True)) == [
        "Point 1 matters.",
        "Point 2 matters.",
    ]


def test_reverting_an_approved_box_sends_it_back_to_review(editor_client, editor):
    box = AnalysisBoxFactory(article=ready_article(), body="<p>Version one.</p>")
    with reversion.create_revision():
        box.save()
    box.body = "<p>Version two.</p>"
    box.status = AnalysisBox.Status.SUBMITTED
    with reversion.create_revision():
        box.save()
    box.approve(by=editor)
    old = Version.objects.get_for_object(box).last()

    page = editor_client.get(f"/admin/editorial/analysisbox/{box.pk}/history/")
    assert "Version <del>one.</del> <ins>two.</ins>" in page.content.decode()
    editor_client.post(
        f"/admin/editorial/analysisbox/{box.pk}/history/{old.pk}/revert/"
    )

    box.refresh_from_db()
    assert box.body == "<p>Version one.</p>"
    assert box.status == AnalysisBox.Status.SUBMITTED
    assert not box.is_public


def test_revert_needs_a_post(editor_client):
    article = ready_article()
    edit(editor_client, article, headline="Changed")
    version = Version.objects.get_for_object(article).first()
    url = f"/admin/articles/article/{article.pk}/history/{version.pk}/revert/"
    assert editor_client.get(url).status_code == 405


def test_a_version_of_another_article_cannot_be_reverted_in(editor_client):
    article, other = ready_article(), ready_article(headline="Other story")
    edit(editor_client, other, headline="Other story")
    foreign = Version.objects.get_for_object(other).first()

    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/history/{foreign.pk}/revert/"
    )

    assert response.status_code == 404
    article.refresh_from_db()
    assert article.headline != "Other story"


def test_transition_log_is_on_the_article_page(editor_client, journalist, editor):
    article = ready_article(created_by=journalist)
    article.submit(by=journalist)
    article.send_back(by=editor, note="Needs a second source.")

    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/")

    html = page.content.decode()
    assert "Needs a second source." in html
    assert "Draft → In review" in html
    assert "In review → Draft" in html


def test_box_steps_are_in_the_article_timeline(editor_client, journalist, editor):
    article = ready_article(created_by=journalist)
    box = AnalysisBoxFactory(article=article)
    box.submit(by=journalist)
    box.request_changes(by=editor, note="Tighten the last line.")

    html = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/"
    ).content.decode()

    assert "Awaiting approval → Changes requested" in html
    assert "Tighten the last line." in html


def test_body_diff_reads_paragraph_by_paragraph(editor_client):
    article = ready_article(body="<p>First paragraph.</p><p>Second one.</p>")
    edit(editor_client, article)
    edit(editor_client, article, body="<p>First paragraph.</p><p>Second two.</p>")

    html = editor_client.get(
        f"/admin/articles/article/{article.pk}/history/"
    ).content.decode()

    assert "First paragraph.<br>Second <del>one.</del> <ins>two.</ins>" in html
