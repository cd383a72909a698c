#!/usr/bin/env python
import os
import sys


def main():
    if sys.version_info < (3, 12):  # noqa: UP036 - said before anything fails
        sys.exit("Newsroom needs Python 3.12 or newer (3.13 recommended).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A missing setting is the operator's to fix: say which, not a traceback.
        sys.exit(f"Configuration error: {exc}")


if __name__ == "__main__":
    main()
