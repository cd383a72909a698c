"""No lost updates: two people open the same form, the second save is refused
with a message naming the first, and keeps what the second person typed."""

import pytest
from django.test import Client

from editorial.models import AnalysisBox
from tests.admin_forms import form_data
from tests.factories import AnalysisBoxFactory, editor, ready_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors():
    first = editor(username="alice", first_name="Alice", last_name="Moreau")
    second = editor(username="bob")
    first_client, second_client = Client(), Client()
    first_client.force_login(first)
    second_client.force_login(second)
    return first_client, second_client


def test_stale_article_save_is_refused_and_keeps_the_typing(two_editors):
    alice, bob = two_editors
    article = ready_article(headline="Original")
    url = f"/admin/articles/article/{article.pk}/change/"
    alice_form = form_data(alice.get(url), "article_form")
    bob_form = form_data(bob.get(url), "article_form")

    assert alice.post(url, alice_form | {"headline": "Alice's"}).status_code == 302
    response = bob.post(url, bob_form | {"dek": "Bob's careful new standfirst."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Alice Moreau changed this article" in page
    assert "Bob&#x27;s careful new standfirst." in page
    article.refresh_from_db()
    assert article.headline == "Alice's"
    assert article.dek != "Bob's careful new standfirst."


def test_saving_again_after_reloading_works(two_editors):
    alice, bob = two_editors
    article = ready_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    alice.post(url, form_data(alice.get(url), "article_form") | {"headline": "A"})

    fresh = form_data(bob.get(url), "article_form")
    assert bob.post(url, fresh | {"headline": "B"}).status_code == 302
    article.refresh_from_db()
    assert article.headline == "B"


def test_a_workflow_step_in_between_also_makes_the_form_stale(two_editors):
    alice, bob = two_editors
    article = ready_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    bob_form = form_data(bob.get(url), "article_form")
    workflow = f"/admin/articles/article/{article.pk}/workflow/"
    alice.post(workflow, {"transition": "publish"})

    response = bob.post(url, bob_form | {"headline": "Too late"})

    assert response.status_code == 200
    assert "alice" in response.content.decode().lower()


def test_stale_box_save_is_refused(two_editors):
    alice, bob = two_editors
    box = AnalysisBoxFactory(article=ready_article())
    url = f"/admin/editorial/analysisbox/{box.pk}/change/"
    alice_form = form_data(alice.get(url), "analysisbox_form")
    bob_form = form_data(bob.get(url), "analysisbox_form")

    assert alice.post(url, alice_form | {"heading": "Alice's"}).status_code == 302
    response = bob.post(url, bob_form | {"attribution": "Bob's Desk"})

    assert response.status_code == 200
    assert "Alice Moreau changed this analysis box" in response.content.decode()
    assert "Bob&#x27;s Desk" in response.content.decode()
    box.refresh_from_db()
    assert (box.heading, box.attribution) == ("Alice's", "Foreign Desk Editorial")


def test_stale_box_inline_on_the_article_page_is_refused(two_editors):
    alice, bob = two_editors
    article = ready_article()
    box = AnalysisBoxFactory(article=article)
    bob_form = form_data(
        bob.get(f"/admin/articles/article/{article.pk}/change/"), "article_form"
    )
    box_url = f"/admin/editorial/analysisbox/{box.pk}/change/"
    alice.post(
        box_url, form_data(alice.get(box_url), "analysisbox_form") | {"label": "A"}
    )

    response = bob.post(
        f"/admin/articles/article/{article.pk}/change/",
        bob_form | {"analysis_box-0-label": "B"},
    )

    assert response.status_code == 200
    assert "Alice Moreau changed this analysis box" in response.content.decode()
    assert AnalysisBox.objects.get(pk=box.pk).label == "A"


def test_unknown_user_name_falls_back(two_editors):
    # A change made outside the admin (a script) names no one but is still caught.
    alice, bob = two_editors
    article = ready_article()
    url = f"/admin/articles/article/{article.pk}/change/"
    bob_form = form_data(bob.get(url), "article_form")
    article.headline = "Changed by a script"
    article.updated_by = None
    article.save()

    response = bob.post(url, bob_form | {"headline": "Bob"})

    assert "someone else changed this article" in response.content.decode()
