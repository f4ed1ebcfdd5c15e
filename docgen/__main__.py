"""``python -m docgen``: the same as the ``docgen`` command."""

from docgen.cli import run

raise SystemExit(run())
