from django.core.management.base import CommandError

from interchange.reporting import ImportCommand
from interchange.wordpress import WordPressExport, WordPressFileError


class Command(ImportCommand):
    help = (
        "Import the posts of a WordPress export (WXR): categories become sections "
        "and tags, authors and co-authors the byline, featured images the hero "
        "image (files from --media-dir). Checked as a whole first, like "
        "import_articles; importing again updates the same articles."
    )
    progress_label = "Importing posts"

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media-dir",
            metavar="DIR",
            help="A local copy of wp-content/uploads: featured images are read "
            "from it (attachment URLs are never downloaded).",
        )
        parser.add_argument(
            "--without-images",
            action="store_true",
            help="Import no featured images.",
        )
        parser.add_argument(
            "--default-section",
            default="Uncategorized",
            metavar="NAME",
            help="Section of posts with no category (default: %(default)s).",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid posts, each in its own transaction, and list "
            "the invalid ones instead of importing nothing.",
        )

    def handle(self, *args, file, media_dir, without_images, default_section, **opts):
        try:
            export = WordPressExport(
                file,
                media_dir=media_dir,
                with_images=not without_images,
                default_section=default_section,
            )
            records = export.records()
        except WordPressFileError as error:
            raise CommandError(str(error)) from error
        self.run_import(
            records,
            approver=None,
            skip_invalid=opts["skip_invalid"],
            ignored=export.ignored,
        )
