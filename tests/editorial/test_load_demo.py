import io

import pytest
from django.core.management import call_command

from articles.models import Article
from editorial.models import AnalysisBox

pytestmark = pytest.mark.django_db


def test_demo_shows_the_workflow_and_a_second_run_changes_nothing(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("load_demo", stdout=io.StringIO())
    in_review = Article.objects.get(status=Article.Status.IN_REVIEW)
    steps = list(in_review.transitions.values_list("from_status", "to_status"))
    boxes = dict(AnalysisBox.objects.values_list("pk", "status"))

    call_command("load_demo", stdout=io.StringIO())

    assert steps == [("draft", "in_review")]
    assert in_review.created_by.username == "journalist"
    assert list(in_review.transitions.values_list("from_status", "to_status")) == steps
    assert dict(AnalysisBox.objects.values_list("pk", "status")) == boxes
    assert AnalysisBox.Status.SUBMITTED in boxes.values()
    assert AnalysisBox.Status.APPROVED in boxes.values()
    assert Article.objects.published().count() == 9
