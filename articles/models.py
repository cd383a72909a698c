import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import PurePath
from typing import TYPE_CHECKING, NamedTuple

import reversion
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, router, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from images.renditions import file_url

from . import checklist, compiled, links, policy, prefetch, related
from .sanitize import sanitize_html

if TYPE_CHECKING:
    from images.models import Image

RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "History": True,
}


def rich_text_field(**kwargs):
    return ProseEditorField(
        config={"extensions": RICH_TEXT_EXTENSIONS}, sanitize=sanitize_html, **kwargs
    )


def random_upload_path(folder, filename):
    """A random name under `folder`: other files' addresses cannot be guessed,
    and a journalist's file name never reaches the file system."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def upload_hero_image(instance, filename):
    # Only migration 0001 refers to it: hero images now live in `images`.
    return random_upload_path("heroes", filename)


def upload_author_photo(instance, filename):
    return random_upload_path("authors", filename)


@dataclass(frozen=True)
class Hero:
    """An article's lead picture as pages, feeds and exports use it.

    `url`, `width` and `height` are the stored original's; `image` is the
    library Image itself, for renditions (`{% picture article.hero %}`)."""

    url: str
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str
    image: "Image | None" = field(default=None, compare=False, repr=False)
    copyright: str = ""


class TransitionError(Exception):
    """A state change that the current state does not allow."""


class ChecklistError(TransitionError):
    """Publishing refused by the pre-publish checklist; `problems` lists every
    reason at once so the editor can fix them in one go."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(str(problem) for problem in problems))


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Sections are listed in this order.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return links.slug_url(links.SECTION, self.slug)


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.CharField(_("short bio"), max_length=400, blank=True)
    photo = models.ImageField(_("photo"), upload_to=upload_author_photo, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        limit_choices_to={"is_staff": True},
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return links.slug_url(links.AUTHOR, self.slug)


# The start of the month of `months.latest` in the site's time zone, as the
# database stores times; parameters "site" (the site's time zone) and "db"
# (the connection's). SQLite keeps UTC text: Django's own SQLite functions
# truncate in the site's zone, then convert back (to the second: no change).
_MONTH_START_SQL = {
    "postgresql": (
        "(DATE_TRUNC('month', months.latest AT TIME ZONE %s) AT TIME ZONE %s)",
        ("site", "site"),
    ),
    "sqlite": (
        "django_datetime_trunc('second', "
        "django_datetime_trunc('month', months.latest, %s, %s), %s, %s)",
        ("site", "db", "db", "site"),
    ),
}


def _local_month(value):
    # SQLite returns its stored UTC text or a naive datetime.
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return timezone.localtime(value).date().replace(day=1)


# Stands for each section's id in the sub-select latest_per_section repeats;
# no section has it.
_ANY_SECTION = -1


def published_condition(prefix="", now=None):
    """The test of ArticleQuerySet.published(), on an article's own status and
    publish time or, with `prefix`, on the copies of them that an article's
    bylines and topic links carry (see ArticleLink), as of `now` (the
    present by default)."""
    return Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
            f"{prefix}published_at__lte": now or timezone.now(),
        }
    )


class ArticlePage(NamedTuple):
    """What ArticleQuerySet.published_page() finds for an article's page."""

    article: "Article"
    related: list


class ArticleQuerySet(models.QuerySet):
    # Set by with_byline(): the authors are loaded with the rows.
    _load_bylines = False

    def _clone(self):
        clone = super()._clone()
        clone._load_bylines = self._load_bylines
        return clone

    def _fetch_all(self):
        loading = self._result_cache is None
        super()._fetch_all()
        if loading and self._iterable_class is ModelIterable:
            self._after_fetch(self._result_cache)

    def _after_fetch(self, articles):
        """What with_byline() asked for, also after a compiled query
        (articles.compiled)."""
        if self._load_bylines:
            prefetch.load_bylines(articles)

    def published(self, now=None):
        """The one rule for what readers may see: every public page, feed,
        list and link goes through it. Scheduled articles appear on time
        because the clock is read when the query is built (`now` only for a
        query compiled once and run later, see articles.compiled)."""
        return self.filter(published_condition(now=now))

    # Bylines and topic links copy the state (see ArticleLink): update() and
    # bulk_update() of it reach them in the same transaction, as save() does.

    def update(self, **kwargs):
        if not Article.LINKED_STATE.intersection(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            keys = list(self.values_list("pk", flat=True))
            rows = super().update(**kwargs)
            self.model.objects.using(self.db).filter(pk__in=keys).copy_state_to_links()
        return rows

    def bulk_update(self, objs, fields, *args, **kwargs):
        if not Article.LINKED_STATE.intersection(fields):
            return super().bulk_update(objs, fields, *args, **kwargs)
        objs = list(objs)
        with transaction.atomic(using=self.db):
            rows = super().bulk_update(objs, fields, *args, **kwargs)
            self.model.objects.using(self.db).filter(
                pk__in=[obj.pk for obj in objs]
            ).copy_state_to_links()
        return rows

    def copy_state_to_links(self):
        """Give the bylines and topic links of these articles the status and
        publish time the articles have in the database."""
        for link in (Byline, TaggedArticle):
            column = f"{link.ARTICLE_FIELD}_id"
            article = Article.objects.filter(pk=OuterRef(column))
            link.objects.using(self.db).filter(
                **{f"{column}__in": self.values("pk")}
            ).update(
                article_status=Subquery(article.values("status")),
                article_published_at=Subquery(article.values("published_at")),
            )

    def linked_newest(self, links, start=None, stop=None, now=None):
        """The published articles among these that `links` (an author's
        bylines, a topic's TaggedArticles) point to, newest first, rows
        [start:stop] of them.

        The slice is taken from the links alone, in order from their listing
        index: they carry the articles' status and publish time, so a page
        reads its own rows and skips the others inside the index, where
        reading every article of the topic to sort them grew with the topic.
        The articles are then fetched by key, and published() decides what is
        shown, checked per article by key: beside the keys as a plain filter,
        SQLite without statistics walked every published article in the
        listing index instead (9 ms at 100,000 articles)."""
        newest = (
            links.published(now)
            .newest_first()
            .values(links.model.ARTICLE_FIELD)[start:stop]
        )
        return (
            self.filter(pk__in=newest)
            .filter(Exists(Article.objects.published(now).filter(pk=OuterRef("pk"))))
            .newest_first()
        )

    def linked_listing(self, link_model, owner_field, owner):
        """linked_newest() for a topic's or an author's paginated page: the
        articles that `link_model` rows with `owner_field` = `owner` point
        to, as a paginator's object list whose queries are compiled once per
        process (articles.compiled)."""
        return LinkedListing(self.db, link_model, owner_field, owner.pk)

    def with_byline(self):
        """Each article's authors in byline order, in one query for all the
        rows (articles.prefetch: what prefetch_related("authors") gives,
        without its machinery, which cost a listing page more than its
        queries). A JSON column of the rows' own query instead was slower on
        PostgreSQL (1.6 against 1.4 ms for a page of twenty) and no faster on
        SQLite."""
        clone = self._chain()
        clone._load_bylines = True
        return clone

    def for_page(self):
        """What an article page shows besides its authors, tags and takeaways
        (articles.prefetch)."""
        return self.select_related("section", "analysis_box", "hero_image")

    def published_page(self, slug, *, related_limit):
        """The published article at `slug` with all its page shows, or None:
        an ArticlePage of the article, its authors, topics and takeaways
        loaded (articles.prefetch), and up to `related_limit` related
        articles (related_to()).

        Five queries, each compiled once per process (articles.compiled).
        PostgreSQL makes two of them: the article with its relations as
        columns of its row (prefetch.page_relation_columns), and the related
        articles; both are keyed by the slug alone and go to the database
        together, in one round trip."""
        now = timezone.now()
        candidates = self.RELATED_CANDIDATES
        if compiled.pipelines(self.db):
            found, related_articles = compiled.fetch_together(
                self.db,
                (_published_page_with_relations, (slug, now)),
                (
                    _related_by_slug,
                    (slug, now),
                    {"limit": related_limit, "candidates": candidates},
                ),
            )
            if not found:
                return None
            article = prefetch.store_relation_columns(found[0])
            return ArticlePage(article, related_articles)
        found = _published_page.fetch(self.db, slug, now)
        if not found:
            return None
        article = prefetch.load_page_relations(found[0])
        return ArticlePage(article, self.related_to(article, related_limit, now=now))

    def section_listing(self, section):
        """A section's published articles, newest first, for its paginated
        page (articles.compiled.Listing)."""
        return compiled.Listing(
            _section_listing,
            self.db,
            section.pk,
            timezone.now(),
            cap=settings.ARTICLES_LISTING_LIMIT,
        )

    def listing(self):
        """Every published article, newest first, for the archive's pages."""
        return compiled.Listing(
            _listing, self.db, timezone.now(), cap=settings.ARTICLES_LISTING_LIMIT
        )

    # What no card shows: the body is most of an article row, and each date
    # left unread spares a conversion per row.
    LISTING_DEFERRED = (
        "body",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "hero_image__title",
        "hero_image__file_size",
        "hero_image__uploaded_at",
        "hero_image__uploaded_by",
    )

    def for_listing(self):
        return (
            self.select_related("section", "hero_image")
            .defer(*self.LISTING_DEFERRED)
            .with_byline()
        )

    def archive_months(self):
        """The first day of every month with an article, newest first, in
        the site's time zone, as a list of dates.

        One query that hops down the published_at index a month at a time (a
        loose index scan in a recursive CTE): the newest article, then the
        newest before the start of its month, and so on. It reads a row per
        month instead of every article (a DISTINCT over 100,000 rows costs
        a third of a second on SQLite)."""
        connection = connections[self.db]
        if connection.vendor not in _MONTH_START_SQL:
            return list(self.dates("published_at", "month", order="DESC"))
        boundary, names = _MONTH_START_SQL[connection.vendor]
        zones = {
            "site": timezone.get_current_timezone_name(),
            "db": connection.timezone_name,
        }
        before = RawSQL(boundary, [zones[name] for name in names])
        newest = self.order_by("-published_at").values("published_at")
        anchor, anchor_params = newest[:1].query.get_compiler(self.db).as_sql()
        # The month bound first: SQLite ranges the index on the first of two
        # upper bounds and would filter the rest row by row.
        step, step_params = (
            (self.model.objects.filter(published_at__lt=before) & newest)[:1]
            .query.get_compiler(self.db)
            .as_sql()
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH RECURSIVE months(latest) AS ("
                f"SELECT ({anchor}) UNION ALL SELECT ({step}) FROM months "
                "WHERE latest IS NOT NULL) "
                "SELECT latest FROM months WHERE latest IS NOT NULL",
                [*anchor_params, *step_params],
            )
            latest = [row[0] for row in cursor.fetchall()]
        return [_local_month(value) for value in latest]

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def front_page(self, per_section, sections):
        """The lead story (the newest of all) and, for each of `sections` that
        has any, its `per_section` newest other stories: `(lead, [(section,
        [article, ...]), ...])`, ready for listing cards.

        One more per section is read than shown, so that the lead's section
        still shows its next newest in full; bylines are loaded for the shown
        ones only. Each article's section is one of `sections` rather than a
        joined copy: forty more instances cost more than the query. Compiled
        once per process (articles.compiled)."""
        by_id = {section.pk: section for section in sections}
        if not by_id:
            return None, []
        latest = _front_page.fetch(
            self.db, tuple(by_id), timezone.now(), per_section=per_section + 1
        )
        lead = max(
            latest, key=lambda article: (article.published_at, article.pk), default=None
        )
        by_section = {}
        for article in latest:
            article.section = by_id[article.section_id]
            if article is not lead:
                by_section.setdefault(article.section_id, []).append(article)
        blocks = [
            (section, by_section[section.pk][:per_section])
            for section in sections
            if section.pk in by_section
        ]
        if lead is not None:
            prefetch.load_bylines([lead, *(a for _, shown in blocks for a in shown)])
        return lead, blocks

    def latest_per_section(self, per_section, sections):
        """The newest `per_section` articles of each of `sections`, in one
        query whatever the number of articles: one small index-ordered
        sub-select per section (a window over every published row costs a
        second at 100,000 articles), joined by UNION ALL: PostgreSQL turns an
        OR of them into a parallel scan of every article (90 ms at 100,000).
        The sub-select is compiled once and repeated for each section:
        compiling one per section through the ORM cost more than running them
        all."""
        section_ids = [getattr(section, "pk", section) for section in sections]
        newest = (
            self.filter(section_id=_ANY_SECTION)
            .newest_first()
            .values("pk")[:per_section]
        )
        sql, params = newest.query.get_compiler(self.db).as_sql()
        if not section_ids or list(params).count(_ANY_SECTION) != 1:
            return self._latest_per_section_one_by_one(per_section, section_ids)
        slot = list(params).index(_ANY_SECTION)
        union = " UNION ALL ".join(
            f"SELECT * FROM ({sql}) AS section_{n}" for n in range(len(section_ids))
        )
        union_params = []
        for section_id in section_ids:
            union_params += [*params[:slot], section_id, *params[slot + 1 :]]
        return self.model.objects.filter(pk__in=RawSQL(union, union_params))

    def _latest_per_section_one_by_one(self, per_section, section_ids):
        # The same query built through the ORM, for a queryset whose own
        # filters happen to compare something with _ANY_SECTION. Each part is
        # wrapped in a primary-key filter: SQLite allows no LIMIT inside a
        # compound SELECT.
        parts = [
            self.model.objects.filter(
                pk__in=self.filter(section_id=section_id)
                .newest_first()
                .values("pk")[:per_section]
            ).values("pk")
            for section_id in section_ids
        ]
        if not parts:
            return self.none()
        return self.model.objects.filter(pk__in=parts[0].union(*parts[1:], all=True))

    # How many of the newest articles sharing a topic, and of the newest in
    # the section, are ranked for "related": the query stays the same size
    # however large the archive grows. A hundred reach back weeks on a busy
    # topic; twice as many cost the article page a tenth more on SQLite
    # (each topic's window is read and merged) for rare changes of order.
    RELATED_CANDIDATES = 100

    def related_to(self, article, limit, *, now=None):
        """Published articles to read next: the editor's pinned links in their
        order, then articles sharing the most tags, then the same section,
        newest first. Only the newest RELATED_CANDIDATES sharing a tag and
        the newest of the section are ranked, so its cost does not grow with
        the archive.

        One query when the article's tags are prefetched (the article page
        does), else one more for them; compiled once per process (see
        articles.compiled and articles.related). Only what a link shows is
        loaded: headline, address and section."""
        tag_ids = tuple(tag.pk for tag in article.tags.all())
        return _related_articles.fetch(
            self.db,
            article.pk,
            article.section_id,
            tag_ids,
            now or timezone.now(),
            limit=limit,
            candidates=self.RELATED_CANDIDATES,
        )


class WorkflowMixin:
    """Models whose `status` changes only through their own methods: each step
    is saved, written to `transitions` and announced by `moved(entry)` (which
    queues notifications for after the commit)."""

    def _move(self, *, by, to, note="", fields=()):
        from_status = self.status
        self.status = to
        self.updated_by = by
        self.save(update_fields=["status", "updated_at", "updated_by", *fields])
        entry = self.transitions.create(
            from_status=from_status, to_status=to, by=by, note=note
        )
        self.moved(entry)
        return entry


class Article(WorkflowMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The last part of the article's address. Keep it once live."),
    )
    dek = models.TextField(
        _("dek"),
        max_length=400,
        help_text=_("The standfirst: one or two sentences summarising the story."),
    )
    body = rich_text_field(verbose_name=_("body"))
    hero_image = models.ForeignKey(
        "images.Image",
        verbose_name=_("hero image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="article_uses",
        help_text=_("Choose a picture from the image library, or upload one there."),
    )
    hero_image_alt = models.CharField(
        _("hero image alt text on this article"),
        max_length=300,
        blank=True,
        help_text=_(
            "Leave empty to use the image's own alt text; fill in when this "
            "story needs the picture described differently."
        ),
    )
    hero_image_caption = models.CharField(
        _("hero image caption on this article"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the image's own caption."),
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        Author,
        verbose_name=_("authors"),
        through="Byline",
        related_name="articles",
        blank=True,
    )
    tags = TaggableManager(verbose_name=_("tags"), blank=True, through="TaggedArticle")
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the article; it goes live then."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    # What readers read: versioned, diffed in review, restored by a revert.
    CONTENT_FIELDS = (
        "headline",
        "dek",
        "body",
        "hero_image_alt",
        "hero_image_caption",
    )

    objects = ArticleQuerySet.as_manager()

    # What bylines and topic links copy (ArticleLink).
    LINKED_STATE = frozenset({"status", "published_at"})

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and unpublish articles"))]
        # In the full listing order, the primary key included: SQLite's
        # planner otherwise joins sections first and sorts every article for
        # some LIMITs and OFFSETs (0.3 s at 100,000 articles).
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id"], name="article_public"
            ),
            models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_public",
            ),
            # The newest edit, for the sitemap index's lastmod.
            models.Index(fields=["status", "-updated_at"], name="article_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.headline)[:200]
        self.body = sanitize_html(self.body)
        update_fields = kwargs.get("update_fields")
        if self._state.adding or (
            update_fields is not None
            and not self.LINKED_STATE.intersection(update_fields)
        ):
            super().save(*args, **kwargs)
            return
        # Publishing, unpublishing and rescheduling reach the copies on the
        # article's bylines and topic links in the same transaction.
        with transaction.atomic(
            using=kwargs.get("using") or router.db_for_write(Article, instance=self)
        ):
            super().save(*args, **kwargs)
            type(self).objects.using(self._state.db).filter(
                pk=self.pk
            ).copy_state_to_links()

    def get_absolute_url(self):
        return links.slug_url(links.ARTICLE, self.slug)

    def get_canonical_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def hero(self):
        image = self.hero_image
        if image is None:
            return None
        return Hero(
            url=file_url(image.file.storage, image.file.name),
            width=image.width,
            height=image.height,
            # The text written for this story wins over the library's.
            alt=self.hero_image_alt.strip() or image.alt,
            caption=self.hero_image_caption.strip() or image.caption,
            credit=image.credit,
            image=image,
            copyright=image.copyright,
        )

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def publication_problems(self):
        """Everything the pre-publish checklist finds, blocking or not."""
        return checklist.run(self)

    def moved(self, entry):
        from . import services

        services.article_moved(entry)

    @transaction.atomic
    def submit(self, *, by):
        """A journalist hands the draft to the editors."""
        if not policy.can_submit_article(by, self):
            raise PermissionDenied(_("You cannot submit this article."))
        if self.status != self.Status.DRAFT:
            raise TransitionError(_("Only a draft can be submitted for review."))
        return self._move(by=by, to=self.Status.IN_REVIEW)

    @transaction.atomic
    def send_back(self, *, by, note):
        """An editor returns the article to its author with what to change."""
        if not policy.can_publish_article(by, self):
            raise PermissionDenied(_("Only editors can send an article back."))
        if self.status != self.Status.IN_REVIEW:
            raise TransitionError(_("Only an article in review can be sent back."))
        if not note or not note.strip():
            raise TransitionError(_("Say what needs to change: a note is required."))
        return self._move(by=by, to=self.Status.DRAFT, note=note.strip())

    @transaction.atomic
    def publish(self, *, by, at=None):
        """Make the article public now, or at `at` if that is in the future (it
        goes live then, with no job to run). Editors usually publish what was
        submitted, but may publish their own draft directly. Refused with
        every reason when the checklist finds blocking problems; returns the
        non-blocking ones so the editor sees them."""
        if not policy.can_publish_article(by, self):
            raise PermissionDenied(_("Only editors can publish articles."))
        if self.status == self.Status.PUBLISHED:
            raise TransitionError(_("This article is already published."))
        problems = self.publication_problems()
        blocking = [problem for problem in problems if problem.blocking]
        if blocking:
            raise ChecklistError(blocking)
        now = timezone.now()
        self.published_at = at if at and at > now else now
        note = ""
        if self.published_at > now:
            note = _("Scheduled for %(when)s") % {
                "when": timezone.localtime(self.published_at).strftime(
                    "%Y-%m-%d %H:%M %Z"
                )
            }
        # The published text is a revision of its own: the review queue
        # diffs later edits against it.
        with reversion.create_revision():
            reversion.set_user(by)
            reversion.set_comment(_("Published"))
            self._move(
                by=by, to=self.Status.PUBLISHED, note=note, fields=["published_at"]
            )
            # What the database holds, not this instance's possibly stale text.
            reversion.add_to_revision(type(self).objects.get(pk=self.pk))
        return [problem for problem in problems if not problem.blocking]

    @transaction.atomic
    def unpublish(self, *, by, note=""):
        """Take the article (live or scheduled) off the site; it becomes a
        draft again."""
        if not policy.can_publish_article(by, self):
            raise PermissionDenied(_("Only editors can unpublish articles."))
        if self.status != self.Status.PUBLISHED:
            raise TransitionError(_("This article is not published."))
        return self._move(by=by, to=self.Status.DRAFT, note=note)


class TransitionRecord(models.Model):
    """One step of something through a workflow, for the audit trail: the
    subclass names what moved and between which states."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class ArticleTransition(TransitionRecord):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("article transition")
        verbose_name_plural = _("article transitions")

    def __str__(self):
        return f"{self.article}: {self.from_status} → {self.to_status}"


class ArticleLinkQuerySet(models.QuerySet):
    def published(self, now=None):
        """Links to published articles, by the copies of their state: the
        test of Article.objects.published()."""
        return self.filter(published_condition("article_", now=now))

    def newest_first(self):
        # The articles' own order: by publish time, then by key.
        return self.order_by("-article_published_at", f"-{self.model.ARTICLE_FIELD}_id")

    def bulk_create(self, objs, *args, **kwargs):
        # Django adds bylines (article.authors.add()) through bulk_create, and
        # importers use it too: each row copies its article's state here.
        objs = list(objs)
        with transaction.atomic(using=self.db):
            states = self.model.article_states(
                self.db, {obj.article_key for obj in objs}
            )
            for obj in objs:
                obj.set_article_state(states.get(obj.article_key))
            return super().bulk_create(objs, *args, **kwargs)


class ArticleLink(models.Model):
    """A row putting an article under an author or a topic.

    It carries a copy of the article's status and publish time, so that the
    author's or topic's newest articles are read in order from one index of
    its own rows (see ArticleQuerySet.linked_newest). A row copies them when
    written; the article's save(), update() and bulk_update() copy every
    change of them to its rows, in the same transaction."""

    # The name of the foreign key to the article.
    ARTICLE_FIELD = "article"

    article_status = models.CharField(
        _("article status"),
        max_length=20,
        choices=Article.Status,
        default=Article.Status.DRAFT,
        editable=False,
    )
    article_published_at = models.DateTimeField(
        _("article publish time"), null=True, blank=True, editable=False
    )

    objects = ArticleLinkQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "article_status",
                "article_published_at",
            }
        with transaction.atomic(using=using):
            states = self.article_states(using, [self.article_key])
            self.set_article_state(states.get(self.article_key))
            super().save(*args, **kwargs)

    @property
    def article_key(self):
        return getattr(self, f"{self.ARTICLE_FIELD}_id")

    @staticmethod
    def article_states(using, keys):
        """{article key: (status, publish time)} as the database has them.
        The articles stay locked until the transaction ends: a concurrent
        publish either waits for the new row, and then updates it, or has
        committed and is read here."""
        rows = (
            Article.objects.using(using)
            .select_for_update()
            .filter(pk__in=keys)
            .order_by("pk")
            .values_list("pk", "status", "published_at")
        )
        return {pk: (status, published_at) for pk, status, published_at in rows}

    def set_article_state(self, state):
        self.article_status, self.article_published_at = state or (
            Article.Status.DRAFT,
            None,
        )


class Byline(ArticleLink):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    # Without an index on the author alone: byline_author_newest starts with it.
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, db_index=False
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("byline")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"],
                name="byline_unique_author",
                violation_error_message=_("This author is already in the byline."),
            )
        ]
        indexes = [
            # An author's page, newest first (ArticleQuerySet.linked_newest).
            models.Index(
                fields=[
                    "author",
                    "article_status",
                    "-article_published_at",
                    "-article",
                ],
                name="byline_author_newest",
            )
        ]

    def __str__(self):
        return str(self.author)


class TaggedArticle(ArticleLink, TaggedItemBase):
    """An article's topic: taggit's row, with the article's state copied."""

    ARTICLE_FIELD = "content_object"

    # Without taggit's index on the tag alone: both indexes below start with it.
    tag = models.ForeignKey(
        Tag,
        related_name="%(app_label)s_%(class)s_items",
        on_delete=models.CASCADE,
        db_index=False,
    )
    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="topic_links"
    )

    class Meta:
        verbose_name = _("topic link")
        verbose_name_plural = _("topic links")
        constraints = [
            # Also the shared-topic count of related articles
            # (articles/related.py).
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="taggedarticle_unique"
            )
        ]
        indexes = [
            # A topic's page, newest first (ArticleQuerySet.linked_newest),
            # and each topic's window of related articles.
            models.Index(
                fields=[
                    "tag",
                    "article_status",
                    "-article_published_at",
                    "-content_object",
                ],
                name="taggedarticle_tag_newest",
            )
        ]

    def __str__(self):
        return str(self.tag)


# A full stop ends a sentence unless it closes an initial such as "U.S." or "J.".
_SENTENCE_BREAK = re.compile(r"(?<![A-Z]\.)(?<!\b[A-Z])[.!?][\"”’)]?\s+[A-Z0-9“\"]")


def validate_one_sentence(value):
    if "\n" in value or _SENTENCE_BREAK.search(value.strip()):
        raise ValidationError(
            _("A takeaway is one sentence: split this into separate takeaways.")
        )


class KeyTakeaway(models.Model):
    MAX_LENGTH = 240
    MAX_PER_ARTICLE = 5

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="takeaways"
    )
    text = models.CharField(
        _("takeaway"),
        max_length=MAX_LENGTH,
        validators=[validate_one_sentence],
        help_text=_("One sentence."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("key takeaway")
        verbose_name_plural = _("key takeaways")

    def __str__(self):
        return self.text


class RelatedLink(models.Model):
    MAX_PER_ARTICLE = 5

    from_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        Article,
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="linked_from",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"],
                name="related_link_unique",
                violation_error_message=_("This article is already linked."),
            ),
            models.CheckConstraint(
                condition=~Q(from_article=F("to_article")),
                name="related_link_not_self",
                violation_error_message=_("An article cannot link to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.from_article} → {self.to_article}"

    def clean(self):
        if self.from_article_id and self.from_article_id == self.to_article_id:
            raise ValidationError(
                {"to_article": _("An article cannot link to itself.")}
            )


# Content history (django-reversion). Only the words and picture details are
# versioned: status and publish time change through the workflow alone, so a
# revert can never publish or unpublish anything.
reversion.register(Article, fields=Article.CONTENT_FIELDS, follow=["takeaways"])
reversion.register(KeyTakeaway, fields=("article", "text", "position"))


def _related_queryset(using, now, sql, params, limit):
    articles = Article.objects.using(using)
    if connections[using].vendor == "sqlite":
        # published(), checked per candidate by key: as a plain filter
        # SQLite could walk every published article in the listing index.
        articles = articles.filter(
            Exists(Article.objects.published(now).filter(pk=OuterRef("pk")))
        )
    else:
        # PostgreSQL reads each candidate once (a quarter less work).
        articles = articles.published(now)
    return (
        articles.filter(pk__in=RawSQL(sql.candidates, params.candidates))
        .annotate(
            pin_position=RawSQL(sql.pin_position, params.pin_position),
            shared_tags=RawSQL(sql.shared_tags, params.shared_tags),
        )
        .select_related("section")
        .only("headline", "slug", "published_at", "section__name", "section__slug")
        .order_by("pin_position", "-shared_tags", "-published_at", "-pk")
    )


def _build_related_articles(using, pk, section_id, tag_ids, now, *, limit, candidates):
    sql = related.related_sql(using, len(tag_ids))
    params = related.related_params(
        using, pk, section_id, tag_ids, now, limit, candidates
    )
    return _related_queryset(using, now, sql, params, limit).exclude(pk=pk)[:limit]


def _build_related_by_slug(using, slug, now, *, limit, candidates):
    sql = related.related_sql_by_slug(using)
    params = related.related_params_by_slug(using, slug, now, limit, candidates)
    return _related_queryset(using, now, sql, params, limit).exclude(slug=slug)[:limit]


# PostgreSQL planned these afresh on every run, for longer than they ran.
_related_articles = compiled.CompiledQuery(_build_related_articles, generic_plan=True)
_related_by_slug = compiled.CompiledQuery(_build_related_by_slug, generic_plan=True)


def _build_published_page(using, slug, now):
    return Article.objects.using(using).for_page().published(now).filter(slug=slug)


_published_page = compiled.CompiledQuery(_build_published_page)


def _build_published_page_with_relations(using, slug, now):
    return _build_published_page(using, slug, now).annotate(
        **prefetch.page_relation_columns(using)
    )


_published_page_with_relations = compiled.CompiledQuery(
    _build_published_page_with_relations
)


def _build_front_page(using, section_ids, now, *, per_section):
    return (
        Article.objects.using(using)
        .published(now)
        .latest_per_section(per_section, section_ids)
        # for_listing() without the section (front_page() has them all) and
        # the bylines (loaded for the shown articles only).
        .select_related("hero_image")
        .defer(*ArticleQuerySet.LISTING_DEFERRED)
        .order_by("section_id", "-published_at", "-pk")
    )


_front_page = compiled.CompiledQuery(_build_front_page)


def _build_section_listing(using, section_id, now):
    return (
        Article.objects.using(using)
        .published(now)
        .filter(section=section_id)
        .for_listing()
        .newest_first()
    )


def _build_listing(using, now):
    return Article.objects.using(using).published(now).for_listing().newest_first()


_section_listing = compiled.CompiledQuery(_build_section_listing)
_listing = compiled.CompiledQuery(_build_listing)


class LinkedListing:
    """The object list of a topic's or an author's page: the published
    articles its links point to, newest first, as deep as every listing goes
    (ARTICLES_LISTING_LIMIT).

    Counted and sliced on the links themselves (ArticleQuerySet.linked_newest):
    a page reads its own rows from the links' index, however many articles
    the topic or author has. Both queries are compiled once per process; a
    page's window is part of the key (it sits in a sub-select), so each of
    the fifty pages compiles once."""

    ordered = True

    def __init__(self, using, link_model, owner_field, owner_pk):
        self.using, self.owner_pk = using, owner_pk
        self.shape = {"link": link_model._meta.label, "owner_field": owner_field}

    def count(self):
        return _links.count(
            self.using,
            self.owner_pk,
            timezone.now(),
            limit=settings.ARTICLES_LISTING_LIMIT,
            **self.shape,
        )

    def __getitem__(self, rows):
        # The paginator asks for slices within count() only.
        return _linked_page.fetch(
            self.using,
            self.owner_pk,
            timezone.now(),
            start=rows.start,
            stop=rows.stop,
            **self.shape,
        )


def _build_links(using, owner_pk, now, *, link, owner_field):
    links = apps.get_model(link).objects.using(using)
    return links.filter(**{owner_field: owner_pk}).published(now)


def _build_linked_page(using, owner_pk, now, *, link, owner_field, start, stop):
    links = _build_links(using, owner_pk, now, link=link, owner_field=owner_field)
    articles = Article.objects.using(using).for_listing()
    return articles.linked_newest(links, start, stop, now=now)


def _build_by_slug(using, slug, *, model):
    return apps.get_model(model)._default_manager.using(using).filter(slug=slug)


_by_slug = compiled.CompiledQuery(_build_by_slug)


def find_by_slug(model, slug):
    """`model`'s object with this slug (a topic, an author), or None: what a
    listing page looks up first, without building the ORM query each time."""
    using = router.db_for_read(model)
    found = _by_slug.fetch(using, slug, model=model._meta.label)
    return found[0] if found else None


_links = compiled.CompiledQuery(_build_links)
_linked_page = compiled.CompiledQuery(_build_linked_page)
