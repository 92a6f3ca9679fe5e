"""``python -m uncounted`` runs the command-line interface."""

from uncounted.cli import app

app(prog_name="uncounted")
