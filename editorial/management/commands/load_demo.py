from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    Byline,
    KeyTakeaway,
    RelatedLink,
    Section,
)
from editorial import demo_content, roles
from editorial.demo_images import draw_hero
from editorial.models import AnalysisBox
from images.models import Image
from images.renditions import get_renditions
from images.validation import validate_image_upload

# Local-only accounts: the command refuses to run against a public site.
DEMO_ACCOUNTS = [
    ("journalist", "journalist-demo-2026", roles.JOURNALIST),
    ("editor", "editor-demo-2026", roles.EDITOR),
]
DEMO_COPYRIGHT = "Newsroom demo illustration, CC0 1.0"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: sections, authors, articles with takeaways, "
        "analysis boxes, related links and generated hero images, plus a "
        "journalist and an editor account. Safe to run again: it updates "
        "what it created and duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-public-site",
            action="store_true",
            help="Load even though SITE_URL is not a local address.",
        )

    def handle(self, *args, allow_public_site, **options):
        host = urlsplit(settings.SITE_URL).hostname or ""
        if host not in LOCAL_HOSTS and not allow_public_site:
            raise CommandError(
                f"SITE_URL is {settings.SITE_URL}: the demo creates accounts with "
                "published passwords and belongs on a local site only. Pass "
                "--allow-public-site if you really mean it."
            )
        with transaction.atomic():
            users = self.load_accounts()
            sections = self.load_sections()
            authors = self.load_authors(users)
            articles = self.load_articles(sections, authors, users)
            self.load_related(articles)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(sections)} sections, {len(authors)} authors, "
                f"{len(articles)} articles."
            )
        )
        for username, password, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role}: {username} / {password}")

    def load_accounts(self):
        user_model = get_user_model()
        users = {}
        for username, password, role in DEMO_ACCOUNTS:
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "email": f"{username}@localhost"},
            )
            if created or not user.check_password(password):
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def load_sections(self):
        sections = {}
        for position, data in enumerate(demo_content.SECTIONS):
            sections[data["slug"]], _ = Section.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "description": data["description"],
                    "position": position,
                },
            )
        return sections

    def load_authors(self, users):
        # The demo journalist writes under the first byline, so their own
        # articles are easy to find in the admin.
        linked_users = {demo_content.AUTHORS[0]["slug"]: users["journalist"]}
        authors = {}
        for data in demo_content.AUTHORS:
            authors[data["slug"]], _ = Author.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "bio": data["bio"],
                    "user": linked_users.get(data["slug"]),
                },
            )
        return authors

    def load_articles(self, sections, authors, users):
        now = timezone.now()
        articles = {}
        for data in demo_content.ARTICLES:
            published = data["status"] == "published"
            article, _ = Article.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "headline": data["headline"],
                    "dek": data["dek"],
                    "body": "\n".join(data["body"]),
                    "section": sections[data["section"]],
                },
                # The state is set once: after that it belongs to the workflow,
                # and running the loader again does not undo an editor's steps.
                create_defaults={
                    "created_by": None if published else users["journalist"],
                    "headline": data["headline"],
                    "dek": data["dek"],
                    "body": "\n".join(data["body"]),
                    "section": sections[data["section"]],
                    "status": data["status"],
                    "published_at": now - timedelta(hours=data["hours_ago"])
                    if published
                    else None,
                },
            )
            if published and article.published_at is None:
                article.published_at = now - timedelta(hours=data["hours_ago"])
                article.save(update_fields=["published_at"])
            self.load_hero(article, data, users["editor"])
            article.tags.set(data["tags"], clear=True)
            Byline.objects.filter(article=article).delete()
            Byline.objects.bulk_create(
                Byline(article=article, author=authors[slug], position=position)
                for position, slug in enumerate(data["authors"])
            )
            article.takeaways.all().delete()
            KeyTakeaway.objects.bulk_create(
                KeyTakeaway(article=article, text=text, position=position)
                for position, text in enumerate(data["takeaways"], start=1)
            )
            self.load_analysis(article, data["analysis"], users["editor"])
            if not published and not article.transitions.exists():
                # The demo draft waits in the editors' review queue.
                article.submit(by=users["journalist"])
            articles[data["slug"]] = article
        return articles

    def load_hero(self, article, data, editor):
        """The article's drawn picture as a library image, made through the
        same checks as an upload; its renditions are made now so the first
        page view is fast."""
        hero = data["hero"]
        image = article.hero_image
        if image is None or not image.file.storage.exists(image.file.name):
            validated = validate_image_upload(
                ContentFile(draw_hero(hero["palette"], hero["motif"]))
            )
            image = Image(
                file=validated.as_file(data["slug"]),
                format=validated.format,
                width=validated.width,
                height=validated.height,
                file_size=len(validated.content),
                uploaded_by=editor,
            )
        image.title = data["headline"][:200]
        image.alt_text = hero["alt"]
        image.caption = hero["caption"]
        image.credit = hero["credit"]
        image.copyright = DEMO_COPYRIGHT
        image.save()
        if article.hero_image_id != image.pk:
            article.hero_image = image
            article.save(update_fields=["hero_image"])
        get_renditions(image)
        get_renditions(image, widths=[480, 800], ratio="3:2")

    def load_analysis(self, article, analysis, editor):
        if analysis is None:
            AnalysisBox.objects.filter(article=article).delete()
            return
        box, _ = AnalysisBox.objects.update_or_create(
            article=article,
            defaults={
                "body": analysis["body"],
                "attribution": analysis["attribution"],
                "label": analysis["label"],
            },
        )
        # Unapproved demo boxes wait in the review queue; the others are
        # approved the way an editor would.
        if box.status in (box.Status.DRAFT, box.Status.CHANGES_REQUESTED):
            box.submit(by=editor)
        if analysis["approved"] and not box.is_public:
            box.approve(by=editor)

    def load_related(self, articles):
        for data in demo_content.ARTICLES:
            article = articles[data["slug"]]
            article.related_links.all().delete()
            RelatedLink.objects.bulk_create(
                RelatedLink(
                    from_article=article, to_article=articles[slug], position=position
                )
                for position, slug in enumerate(data["related"], start=1)
            )
