"""The published schema states the limits the models enforce."""

import json

import pytest

from articles.models import Article, Author, KeyTakeaway, Section
from editorial.models import AnalysisBox
from images.models import Image
from interchange.validation import SCHEMA_PATH


@pytest.fixture(scope="module")
def defs():
    return json.loads(SCHEMA_PATH.read_text())["$defs"]


def max_length(model, name):
    return model._meta.get_field(name).max_length


def test_article_limits_match_the_models(defs):
    article = defs["article"]["properties"]

    assert article["headline"]["maxLength"] == max_length(Article, "headline")
    assert article["dek"]["maxLength"] == max_length(Article, "dek")
    assert defs["slug"]["maxLength"] == max_length(Article, "slug")
    assert article["section"]["maxLength"] == max_length(Section, "name")
    assert article["authors"]["items"]["maxLength"] == max_length(Author, "name")
    assert article["takeaways"]["items"]["maxLength"] == KeyTakeaway.MAX_LENGTH
    assert article["status"]["enum"] == list(Article.Status.values)


def test_hero_and_analysis_limits_match_the_models(defs):
    hero = defs["hero_image"]["properties"]
    box = defs["analysis"]["properties"]

    # alt and caption land on the image or, where they differ from its own,
    # on the article; credit and copyright belong to the image.
    for name, on_image in (("alt", "alt_text"), ("caption", "caption")):
        assert hero[name]["maxLength"] == max_length(Article, f"hero_image_{name}")
        assert hero[name]["maxLength"] == max_length(Image, on_image)
    assert hero["credit"]["maxLength"] == max_length(Image, "credit")
    assert hero["copyright"]["maxLength"] == max_length(Image, "copyright")
    assert "copyright" not in defs["hero_image"]["required"]
    for name in ("kicker", "heading", "attribution", "label"):
        assert box[name]["maxLength"] == max_length(AnalysisBox, name)


def test_the_docs_describe_every_key(defs):
    from django.conf import settings

    docs = (settings.BASE_DIR / "docs" / "interchange.md").read_text()

    for key in defs["article"]["properties"]:
        assert f"`{key}`" in docs
