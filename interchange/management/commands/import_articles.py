from pathlib import Path

from django.core.management.base import CommandError

from interchange.records import Record
from interchange.reporting import ImportCommand
from interchange.validation import FileError, parse_file


class Command(ImportCommand):
    help = (
        "Import articles from an interchange directory (articles.json and its "
        "images; see docs/interchange.md). The whole file is checked first and "
        "nothing is imported when any article is invalid, unless --skip-invalid. "
        "Articles are matched by slug: importing again updates them."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Directory holding articles.json.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid articles, each in its own transaction, and "
            "list the invalid ones instead of importing nothing.",
        )
        parser.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="The editor account recorded as approving imported analysis "
            "boxes marked approved. Required when the file has any.",
        )

    def handle(self, *args, directory, skip_invalid, username, **options):
        root = Path(directory)
        source = root / "articles.json"
        if not source.is_file():
            raise CommandError(f"There is no articles.json in {root}.")
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"articles.json is not UTF-8 text: {error}") from error
        try:
            items = parse_file(text)
        except FileError as error:
            raise CommandError(str(error)) from error
        records = [
            Record(position=position, data=item, image_root=root)
            for position, item in enumerate(items, start=1)
        ]
        self.run_import(
            records, approver=self.approver(username), skip_invalid=skip_invalid
        )
