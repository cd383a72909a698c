"""The workflow as people use it in the admin: buttons, messages, forms."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import form_data
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    SectionFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db


def workflow(client, article, **data):
    return client.post(f"/admin/articles/article/{article.pk}/workflow/", data)


def shown(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_journalist_writes_a_new_article_that_stays_a_draft(
    journalist_client, journalist
):
    section = SectionFactory()
    data = form_data(
        journalist_client.get("/admin/articles/article/add/"), "article_form"
    )
    data |= {
        "headline": "Harbour strike ends",
        "slug": "harbour-strike-ends",
        "dek": "Dockers voted to return.",
        "body": "<p>Work resumed at dawn.</p>",
        "section": section.pk,
        "status": "published",
        "published_at": "2020-01-01 08:00:00",
    }

    response = journalist_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 302
    article = Article.objects.get(slug="harbour-strike-ends")
    assert (article.created_by, article.status, article.published_at) == (
        journalist,
        Article.Status.DRAFT,
        None,
    )


def test_buttons_follow_the_role(client, journalist, editor):
    article = ready_article(created_by=journalist)
    url = f"/admin/articles/article/{article.pk}/change/"

    client.force_login(journalist)
    mine = client.get(url).content.decode()
    client.force_login(editor)
    article.submit(by=journalist)
    editors = client.get(url).content.decode()

    assert 'value="submit"' in mine and 'value="publish"' not in mine
    assert 'value="publish"' in editors and 'value="send_back"' in editors
    assert '<textarea name="workflow_note"' in editors
    assert '<input type="datetime-local" name="workflow_at"' in editors
    assert "Preview as readers will see it" in mine


def test_a_refused_publish_lists_every_reason(editor_client):
    article = ArticleFactory(draft=True, with_hero=True, hero_image__credit="")

    response = workflow(editor_client, article, transition="publish")

    messages = shown(response)
    assert any("cannot be published yet" in m for m in messages)
    assert any("no credit" in m for m in messages)
    assert any("no key takeaways" in m for m in messages)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publishing_past_a_waiting_box_warns(editor_client):
    article = ready_article()
    AnalysisBoxFactory(article=article, submitted=True)

    response = workflow(editor_client, article, transition="publish")

    assert any("stays hidden" in m for m in shown(response))
    article.refresh_from_db()
    assert article.is_live


def test_editor_schedules_from_the_article_page(editor_client):
    article = ready_article()
    when = timezone.localtime() + timedelta(days=2)

    workflow(
        editor_client,
        article,
        transition="publish",
        workflow_at=when.strftime("%Y-%m-%dT%H:%M"),
    )

    article.refresh_from_db()
    assert article.is_scheduled
    assert abs(article.published_at - when) < timedelta(minutes=1)


def test_a_garbled_publish_time_is_refused(editor_client):
    article = ready_article()
    response = workflow(
        editor_client, article, transition="publish", workflow_at="next tuesday"
    )
    assert any("not a valid date" in m for m in shown(response))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_send_back_without_a_note_is_refused(editor_client, journalist):
    article = ready_article(created_by=journalist)
    article.submit(by=journalist)

    response = workflow(editor_client, article, transition="send_back")

    assert any("note is required" in m for m in shown(response))
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_box_changes_requested_from_its_page(editor_client, journalist):
    box = AnalysisBoxFactory(article=ready_article(created_by=journalist))
    box.submit(by=journalist)

    editor_client.post(
        f"/admin/editorial/analysisbox/{box.pk}/workflow/",
        {"transition": "request_changes", "workflow_note": "Name the source."},
    )

    box.refresh_from_db()
    assert box.status == box.Status.CHANGES_REQUESTED
    assert box.transitions.last().note == "Name the source."


def test_publish_action_reports_refusals_and_flags(editor_client):
    ready = ready_article(headline="READY")
    AnalysisBoxFactory(article=ready, submitted=True)
    unready = ready_article(headline="UNREADY", takeaways=0)

    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [ready.pk, unready.pk]},
    )

    messages = shown(response)
    assert any(m.startswith("READY:") and "stays hidden" in m for m in messages)
    assert any("UNREADY cannot be published yet" in m for m in messages)
    assert "1 article published." in messages
    assert Article.objects.get(pk=unready.pk).status == Article.Status.DRAFT
