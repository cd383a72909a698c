"""What the two import commands share: the approving account, the
validate-then-write run and the report at the end."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import ngettext

from .importer import WriteError, import_records
from .progress import Progress
from .validation import validate_records


class ImportCommand(BaseCommand):
    progress_label = "Importing"

    def approver(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(f'There is no active account "{username}".')
        if not user.has_perm("editorial.approve_analysisbox"):
            raise CommandError(
                f'"{username}" may not approve analysis boxes; name an editor.'
            )
        return user

    def run_import(self, records, *, approver, skip_invalid, ignored=0):
        validate_records(records, approver=approver, skip_invalid=skip_invalid)
        invalid = [r for r in records if not r.valid]
        for record in invalid:
            for line in record.report_lines():
                self.stderr.write(line)
        if invalid and not skip_invalid:
            raise CommandError(
                f"Nothing imported: {len(invalid)} of {len(records)} articles are "
                "invalid (listed above). Fix them, or pass --skip-invalid to "
                "import the others."
            )
        progress = Progress(
            self.stderr, len(records) - len(invalid), self.progress_label
        )
        if skip_invalid:
            outcome = import_records(
                records, approver=approver, each_on_its_own=True, progress=progress
            )
        else:
            try:
                with transaction.atomic():
                    outcome = import_records(
                        records, approver=approver, progress=progress
                    )
            except WriteError as error:
                progress.finish()
                raise CommandError(f"Nothing imported: {error}") from error
        progress.finish()
        for record in outcome.failed:
            for line in record.report_lines():
                self.stderr.write(line)
        skipped = len(invalid) + len(outcome.failed)
        summary = (
            f"Created {len(outcome.created)}, updated {len(outcome.updated)}, "
            f"skipped {skipped}."
        )
        if ignored:
            summary += f" Ignored {ignored} items that are not articles to import."
        self.stdout.write(summary)
        if skipped:
            for record in [*invalid, *outcome.failed]:
                self.stdout.write(f"  skipped: {record.describe()}")
            raise CommandError(
                ngettext(
                    "%(count)d article was not imported, or only in part: see above.",
                    "%(count)d articles were not imported, or only in part: see above.",
                    skipped,
                )
                % {"count": skipped}
            )
