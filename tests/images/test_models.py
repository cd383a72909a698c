import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from images.models import Image
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


class TestImageRules:
    def test_alt_text_required_unless_decorative(self):
        image = ImageFactory.build(alt_text="  ")
        with pytest.raises(ValidationError) as error:
            image.full_clean(exclude=["file"])
        assert "alt_text" in error.value.message_dict

        ImageFactory.build(alt_text="", is_decorative=True).full_clean(exclude=["file"])

    def test_database_refuses_missing_alt_on_an_informative_image(self):
        image = ImageFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Image.objects.filter(pk=image.pk).update(alt_text="")

    def test_database_refuses_focal_point_outside_the_picture(self):
        image = ImageFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Image.objects.filter(pk=image.pk).update(focal_point_x=1.2)

    def test_missing_rights(self):
        assert ImageFactory.build().missing_rights() == []
        missing = ImageFactory.build(credit="", copyright=" ").missing_rights()
        assert [str(m) for m in missing] == ["credit", "copyright / licence"]

    def test_image_in_use_cannot_be_deleted(self):
        article = ArticleFactory(with_hero=True)
        with pytest.raises(ProtectedError) as error:
            article.hero_image.delete()
        assert article in error.value.protected_objects

    def test_usage_count(self):
        image = ImageFactory()
        ArticleFactory.create_batch(2, hero_image=image)
        assert Image.objects.with_usage().get(pk=image.pk).usage_count == 2
