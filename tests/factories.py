import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.sql import emit_post_migrate_signal
from django.utils import timezone
from PIL import Image

from articles.models import (
    Article,
    Author,
    Byline,
    KeyTakeaway,
    RelatedLink,
    Section,
)
from editorial.models import AnalysisBox
from editorial.roles import EDITOR, JOURNALIST, sync_roles
from images.models import Image as LibraryImage
from images.validation import validate_image_upload


def jpeg_bytes(width=64, height=36, colour=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def uploaded_jpeg(name="hero.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def picture_bytes(width=64, height=36, colour=(30, 90, 160), fmt="JPEG", **save):
    buffer = io.BytesIO()
    mode = "RGBA" if fmt in ("PNG", "WEBP") and save.pop("alpha", False) else "RGB"
    Image.new(mode, (width, height), colour).save(buffer, format=fmt, **save)
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")
    is_staff = False


def ensure_roles():
    """The groups the data migration makes. A transactional test that ran
    earlier in the same process flushed every table: put back the permissions
    and the groups the way `migrate` does."""
    if Group.objects.filter(name__in=[EDITOR, JOURNALIST]).count() < 2:
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        sync_roles(Group, Permission)


def staff_user(role, **kwargs):
    """A staff user in the Journalist or Editor group made by the migration."""
    ensure_roles()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def journalist(**kwargs):
    return staff_user(JOURNALIST, **kwargs)


def editor(**kwargs):
    return staff_user(EDITOR, **kwargs)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"author-{n}")
    bio = "Covers diplomacy and security."


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image stored the way an upload is: through validation."""

    class Meta:
        model = LibraryImage

    class Params:
        pixels = (160, 90)
        colour = (30, 90, 160)
        image_format = "JPEG"
        validated = factory.LazyAttribute(
            lambda o: validate_image_upload(
                SimpleUploadedFile(
                    "upload", picture_bytes(*o.pixels, o.colour, o.image_format)
                )
            )
        )

    file = factory.LazyAttribute(lambda o: o.validated.as_file())
    format = factory.LazyAttribute(lambda o: o.validated.format)
    width = factory.LazyAttribute(lambda o: o.validated.width)
    height = factory.LazyAttribute(lambda o: o.validated.height)
    file_size = factory.LazyAttribute(lambda o: len(o.validated.content))
    title = factory.Sequence(lambda n: f"Picture {n}")
    alt_text = "A flag against a clear sky"
    caption = "The flag over the ministry."
    credit = "Photo: Newsroom Studio"
    copyright = "© Newsroom Studio, all rights reserved"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Talks resume in round {n}")
    slug = factory.Sequence(lambda n: f"talks-resume-{n}")
    dek = "Negotiators met again. Both sides called it constructive."
    body = "<p>The delegations met for six hours.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(
                lambda: timezone.now() + timedelta(days=1)
            )
        )
        with_hero = factory.Trait(hero_image=factory.SubFactory(ImageFactory))

    @factory.post_generation
    def tags(article, create, extracted, **kwargs):
        if create and extracted:
            article.tags.add(*extracted)

    @factory.post_generation
    def authors(article, create, extracted, **kwargs):
        if create and extracted:
            for position, author in enumerate(extracted):
                Byline.objects.create(article=article, author=author, position=position)


class KeyTakeawayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyTakeaway

    article = factory.SubFactory(ArticleFactory)
    text = factory.Sequence(lambda n: f"Point number {n} matters.")
    position = factory.Sequence(int)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    from_article = factory.SubFactory(ArticleFactory)
    to_article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(int)


class AnalysisBoxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnalysisBox
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    body = "<p>The agreement matters less than the channel it opens.</p>"
    attribution = "Foreign Desk Editorial"

    class Params:
        submitted = factory.Trait(status=AnalysisBox.Status.SUBMITTED)
        approved = factory.Trait(
            status=AnalysisBox.Status.SUBMITTED,
            approve=factory.PostGeneration(
                lambda box, create, extracted, **kw: (
                    box.approve(by=editor()) if create else None
                )
            ),
        )


def ready_article(takeaways=3, **kwargs):
    """A draft that passes the pre-publish checklist."""
    article = ArticleFactory(draft=True, **kwargs)
    for position in range(1, takeaways + 1):
        KeyTakeawayFactory(
            article=article, position=position, text=f"Point {position} matters."
        )
    return article
