from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, Section
from interchange.exporter import ExportError, export_articles
from interchange.progress import Progress


def parse_since(value):
    """A date (midnight in TIME_ZONE) or a date and time; no offset means
    TIME_ZONE."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"--since {value!r} is not an ISO 8601 date or date and time, such as "
            "2026-03-01 or 2026-03-01T09:30:00+00:00."
        ) from error
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


class Command(BaseCommand):
    help = (
        "Export articles to a new directory in the interchange format "
        "(articles.json and the hero images; see docs/interchange.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new or empty directory.")
        parser.add_argument(
            "--section",
            action="append",
            default=[],
            metavar="SECTION",
            help="Only articles of this section (name or slug); repeatable.",
        )
        parser.add_argument(
            "--since",
            metavar="WHEN",
            help="Only articles created or changed at or after this date or time "
            "(ISO 8601; without an offset, in TIME_ZONE).",
        )

    def handle(self, *args, directory, section, since, **options):
        target = Path(directory)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise CommandError(
                f"{target} already exists and is not an empty directory; "
                "export into a new one."
            )
        articles = Article.objects.all()
        if section:
            sections = Section.objects.filter(Q(name__in=section) | Q(slug__in=section))
            found = {s.name for s in sections} | {s.slug for s in sections}
            unknown = [name for name in section if name not in found]
            if unknown:
                raise CommandError("No such section: " + ", ".join(unknown) + ".")
            articles = articles.filter(section__in=sections)
        if since:
            articles = articles.filter(updated_at__gte=parse_since(since))
        progress = Progress(self.stderr, articles.count(), "Exporting")
        try:
            count, dropped = export_articles(
                target,
                articles,
                complete=not (section or since),
                progress=progress,
            )
        except ExportError as error:
            raise CommandError(
                f"{error} The export in {target} is incomplete."
            ) from error
        progress.finish()
        if dropped:
            self.stderr.write(
                f"Left out {dropped} related links to articles outside this export."
            )
        self.stdout.write(f"Exported {count} articles to {target}.")
