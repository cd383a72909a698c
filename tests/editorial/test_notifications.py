import pytest
from django.core import mail

from tests import factories
from tests.factories import AnalysisBoxFactory, AuthorFactory, ready_article

pytestmark = pytest.mark.django_db


def test_editors_are_told_of_a_submission_after_commit(
    journalist, editor, django_capture_on_commit_callbacks
):
    factories.editor(username="second-editor")
    article = ready_article(created_by=journalist, headline="Grain deal")

    with django_capture_on_commit_callbacks() as callbacks:
        article.submit(by=journalist)
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    (message,) = mail.outbox
    assert sorted(message.to) == ["ed@example.org", "second-editor@example.org"]
    assert "Grain deal" in message.subject
    assert "jo submitted" in message.body


def test_no_mail_leaves_before_the_commit(
    journalist, editor, django_capture_on_commit_callbacks
):
    article = ready_article(created_by=journalist)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.submit(by=journalist)
    # The mail waits in an on-commit callback; it is never sent inline.
    assert callbacks and mail.outbox == []


@pytest.mark.parametrize("bylined", [False, True])
def test_author_is_told_when_published(
    journalist, editor, django_capture_on_commit_callbacks, bylined
):
    if bylined:
        article = ready_article(authors=[AuthorFactory(user=journalist)])
    else:
        article = ready_article(created_by=journalist)

    with django_capture_on_commit_callbacks(execute=True):
        article.publish(by=editor)

    (message,) = mail.outbox
    assert message.to == ["jo@example.org"]
    assert message.subject.startswith("Published:")
    assert article.get_canonical_url() in message.body


def test_author_is_told_when_sent_back_with_the_note(
    journalist, editor, django_capture_on_commit_callbacks
):
    article = ready_article(created_by=journalist)
    article.submit(by=journalist)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.send_back(by=editor, note="Check the figures in paragraph 3.")

    (message,) = mail.outbox
    assert message.to == ["jo@example.org"]
    assert "Check the figures in paragraph 3." in message.body


def test_box_submission_approval_and_changes(
    journalist, editor, django_capture_on_commit_callbacks
):
    box = AnalysisBoxFactory(article=ready_article(created_by=journalist))

    with django_capture_on_commit_callbacks(execute=True):
        box.submit(by=journalist)
    with django_capture_on_commit_callbacks(execute=True):
        box.request_changes(by=editor, note="Name the second source.")
    with django_capture_on_commit_callbacks(execute=True):
        box.submit(by=journalist)
    with django_capture_on_commit_callbacks(execute=True):
        box.approve(by=editor)

    assert [(m.to, m.subject.split(":")[0]) for m in mail.outbox] == [
        (["ed@example.org"], "Analysis box for review"),
        (["jo@example.org"], "Analysis box sent back"),
        (["ed@example.org"], "Analysis box for review"),
        (["jo@example.org"], "Analysis box approved"),
    ]
    assert "Name the second source." in mail.outbox[1].body


def test_nobody_is_mailed_about_their_own_move(
    editor, django_capture_on_commit_callbacks
):
    article = ready_article(created_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        article.submit(by=editor)
        article.publish(by=editor)
    assert mail.outbox == []
